"""Full default rule set in one process, and the CLI's cold start.

Why: a lint is read + parse + every enabled rule; this measures what an editor's save-and-check
or a CI job pays per report once the process is warm (target ≥ 250 reports/s), through the same
entry the CLI uses (`giplint.lint.lint_bytes` with the registry of `load_registry()` and the rules
`apply_config` leaves in force without a configuration file).

Cold start: an editor runs `giplint report.txt` on one file, so the start-up cost dominates. It
is compared with the floor no implementation can go below — importing the libraries giplint is
built on (`python -c "import lark, rich.console, yaml, pluggy"`). Both are measured N times,
interleaved in the same run so that machine noise hits both alike; target: giplint's median is at
most 1.3 × the imports' median (`--no-cache`: the result cache would skip the lint).

    .venv/bin/python bench/lint_bench.py --count 1000 [--runs 10] [--explain] [--cold-only] [--baseline DIR]

Each cold-start figure is given as wall time and as CPU time (user + sys of the child, which
other processes on a shared machine change least); the verdict is on CPU.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    OUT,
    REPO,
    Timing,
    ensure_corpus,
    foreign_load,
    giplint_executable,
    header,
    maxrss_mib,
    python_executable,
    subprocess_env,
    table,
    verdict,
)

TARGET_RATE = 250.0
TARGET_RATIO = 1.3
SEED = Path("/work/shared/seeds/004_0d529075b8579b4b.txt")
IMPORTS = "import lark, rich.console, yaml, pluggy"


def _run(command: Sequence[str], env: dict[str, str], cwd: Path = REPO) -> tuple[float, float]:
    """(wall seconds, CPU seconds user+sys) of one run of `command`: the CPU time is what a busy
    shared machine changes least (other processes stretch the wall time, not our CPU time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=cwd, env=env
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


@dataclass
class Cold:
    """One command's cold-start runs: wall and CPU seconds."""

    wall: Timing
    cpu: Timing


def cold_start(file: Path, runs: int, bytecode: bool = True, baseline: Path | None = None) -> dict[str, Cold]:
    """`giplint FILE --no-cache`, `giplint FILE` answered by its result cache, the bare imports
    (and with `baseline`, an extracted older checkout, its two giplint commands), each run `runs`
    times, interleaved, after one warm-up each. Keys: "cli", "hit", "bare", "base cli", "base hit"."""
    env = subprocess_env(bytecode)
    commands: dict[str, tuple[list[str], dict[str, str], Path]] = {
        "cli": ([giplint_executable(), str(file), "--no-cache"], env, REPO),
        "hit": ([giplint_executable(), str(file), "--cache-dir", str(OUT / "cold-cache")], env, REPO),
        "bare": ([python_executable(), "-c", IMPORTS], env, REPO),
    }
    if baseline is not None:  # its own bytecode cache; run outside the checkout so `-m` finds the baseline
        old = {**env, "PYTHONPATH": str(baseline), "PYTHONPYCACHEPREFIX": str(OUT / "pycache-baseline")}
        module = [python_executable(), "-m", "giplint", str(file)]
        commands["base cli"] = ([*module, "--no-cache"], old, OUT)
        commands["base hit"] = ([*module, "--cache-dir", str(OUT / "cold-cache-baseline")], old, OUT)
    for (
        command,
        environment,
        cwd,
    ) in commands.values():  # warm-up: page cache, bytecode, grammars, result cache
        _run(command, environment, cwd)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, environment, cwd) in commands.items():
            samples[name].append(_run(command, environment, cwd))
    return {
        name: Cold(Timing([w for w, _ in runs_]), Timing([c for _, c in runs_]))
        for name, runs_ in samples.items()
    }


def importtime(file: Path, top: int = 12) -> list[tuple[int, str]]:
    """The modules that cost most to import in `giplint FILE` (self time, µs), from -X importtime."""
    code = f"import sys; from giplint.cli import main; sys.exit(main([{str(file)!r}, '--no-cache']))"
    result = subprocess.run(
        [python_executable(), "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env=subprocess_env(),
    )
    found: list[tuple[int, str]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.removeprefix("import time:").split("|", 2)
        found.append((int(self_us), name.rstrip()))
    return sorted(found, reverse=True)[:top]


_PHASES = """
import sys, time
t0 = time.perf_counter()
from pathlib import Path
import giplint.cli as cli
t1 = time.perf_counter()
registry = cli._registry()
t2 = time.perf_counter()
from giplint.config import UserConfig, apply_config
from giplint.lint import read_document, lint_report
from giplint.parse import parse_document
path = sys.argv[1]
rules = apply_config(registry.rules, UserConfig(), registry.kinds)
document = read_document(path, Path(path).read_bytes(), registry.readers)
report = parse_document(document)
t3 = time.perf_counter()
result = lint_report(report, rules, registry.kinds)
t4 = time.perf_counter()
import io
cli._render("full", [result], io.StringIO(), registry.rules, False)
t5 = time.perf_counter()
print(f"{(t1-t0)*1000:.0f} {(t2-t1)*1000:.0f} {(t3-t2)*1000:.0f} {(t4-t3)*1000:.0f} {(t5-t4)*1000:.0f}")
"""


def phases(file: Path, runs: int = 5) -> list[tuple[str, float]]:
    """Where a cold `giplint FILE` spends its time, phase by phase (median of `runs` fresh processes):
    importing the CLI, loading plugins and rule files, the first read + parse (grammar load), the
    rules, rendering the full output."""
    names = ["import giplint.cli", "load_registry()", "read + first parse", "rules", "render (full)"]
    samples: list[list[float]] = []
    for _ in range(runs):
        result = subprocess.run(
            [python_executable(), "-c", _PHASES, str(file)],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
            env=subprocess_env(),
        )
        if result.returncode != 0:
            return [("phase measurement failed: " + result.stderr.strip().splitlines()[-1], 0.0)]
        samples.append([float(v) for v in result.stdout.split()])
    return [(name, statistics.median(s[i] for s in samples)) for i, name in enumerate(names)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="a corpus directory (default bench/out/corpus-COUNT)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus")
    parser.add_argument("--runs", type=int, default=10, help="cold-start runs of each command (default 10)")
    parser.add_argument("--seed-file", type=Path, default=SEED, help="the one report for the cold start")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="break the cold start into phases and list the costliest imports",
    )
    parser.add_argument("--cold-only", action="store_true", help="only the cold start (no in-process passes)")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="DIR",
        help="an older checkout extracted to DIR (git archive REV | tar -x -C DIR): its cold start interleaved",
    )
    args = parser.parse_args(argv)
    if args.cold_only:
        header(f"lint_bench --cold-only: cold start of `giplint {args.seed_file.name}`")
        return cold_report(args)

    from giplint.config import UserConfig, apply_config
    from giplint.lint import lint_bytes
    from giplint.plugins import load_registry

    started = time.perf_counter()
    registry = load_registry()
    rules = apply_config(registry.rules, UserConfig(), registry.kinds)
    registry_time = time.perf_counter() - started
    enabled = sum(1 for r in rules if r.enabled)

    directory = ensure_corpus(args.corpus, args.count)
    corpus = [(p.name, p.read_bytes()) for p in sorted(directory.glob("gen_*.txt"))]
    header(f"lint_bench: {len(corpus)} reports from {directory}; {enabled} rules enabled")

    findings: Counter[str] = Counter()
    failures = 0

    def one_pass() -> None:
        nonlocal failures
        findings.clear()
        failures = 0
        for name, data in corpus:
            result = lint_bytes(name, data, rules, registry.kinds, registry.readers)
            findings.update(d.rule_id for d in result.diagnostics)
            failures += len(result.failures)

    one_pass()  # warm-up: grammars, lazily imported modules
    samples = []
    with foreign_load() as load:
        for _ in range(args.repeat):
            gc.collect()
            begin = time.perf_counter()
            one_pass()
            samples.append(time.perf_counter() - begin)
    timing = Timing(samples, load.cpus)
    n = len(corpus)
    table(
        [
            [
                "lint_bytes, all default rules (in memory)",
                f"{n / timing.best:,.0f}",
                f"{n / timing.median:,.0f}",
                f"{1000 * timing.best / n:.2f}",
                f"{timing.foreign_cpus:.2f}",
            ]
        ],
        ["pass", "reports/s (best)", "reports/s (median)", "ms/report (best)", "CPUs used by others"],
    )
    rate = n / timing.best
    print(
        f"registry load (plugins + rule files): {registry_time * 1000:.0f} ms; ru_maxrss {maxrss_mib():.1f} MiB"
    )
    print(
        f"findings per pass: {sum(findings.values())} ({', '.join(f'{k} {v}' for k, v in sorted(findings.items()))});"
        f" failures (a rule raised): {failures}"
    )
    print(
        f"target ≥ {TARGET_RATE:.0f} reports/s (best pass; the host's load makes slower passes noise): {rate:,.0f} → {verdict(rate, TARGET_RATE)}"
    )

    return cold_report(args)


def cold_report(args: argparse.Namespace) -> int:
    base = f", the same two of {args.baseline}" if args.baseline else ""
    print(
        f"\ncold start, {args.runs} runs each, interleaved: `giplint {args.seed_file.name} --no-cache`, "
        f'the same answered by the result cache, `python -c "{IMPORTS}"`{base}'
    )
    with foreign_load() as load:
        cached = cold_start(args.seed_file, args.runs, baseline=args.baseline)
        plain = cold_start(args.seed_file, args.runs, bytecode=False)
    labels = {
        "cli": f"giplint {args.seed_file.name} --no-cache",
        "hit": f"giplint {args.seed_file.name} (cache hit)",
        "bare": f'python -c "{IMPORTS}"',
        "base cli": f"baseline: giplint {args.seed_file.name} --no-cache",
        "base hit": f"baseline: giplint {args.seed_file.name} (cache hit)",
    }
    rows = []
    for setting, runs in (
        ("bytecode cached (as installed)", cached),
        ("environment as is (no bytecode cache)", plain),
    ):
        bare = runs["bare"]
        for name, cold in runs.items():
            rows.append(
                [
                    setting,
                    labels[name],
                    f"{cold.wall.best * 1000:.0f}",
                    f"{cold.wall.median * 1000:.0f}",
                    f"{cold.cpu.median * 1000:.0f}",
                    "" if name == "bare" else f"{cold.wall.median / bare.wall.median:.2f}",
                    "" if name == "bare" else f"{cold.cpu.median / bare.cpu.median:.2f}",
                ]
            )
    table(rows, ["setting", "command", "min ms", "median ms", "CPU ms (median)", "ratio", "CPU ratio"])
    print(f"(other processes used {load.cpus:.2f} CPUs on average meanwhile)")
    for name in ("cli", "hit"):
        ratio = cached[name].wall.median / cached["bare"].wall.median
        cpu = cached[name].cpu.median / cached["bare"].cpu.median
        print(
            f"target ratio ≤ {TARGET_RATIO} ({labels[name]}, medians, bytecode cached): wall {ratio:.2f}, "
            f"CPU {cpu:.2f} → {verdict(cpu, TARGET_RATIO, higher_is_better=False)} (by CPU)"
        )
    if args.explain:
        print("\ncold start by phase (median of 5 fresh processes, ms):")
        for name, millis in phases(args.seed_file):
            print(f"  {millis:7.0f} ms  {name}")
        print("costliest imports of `giplint FILE` (self time, -X importtime):")
        for micros, name in importtime(args.seed_file):
            print(f"  {micros / 1000:7.1f} ms  {name.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
