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

    .venv/bin/python bench/lint_bench.py --count 1000 [--runs 10] [--explain] [--cold-only]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
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


def _run(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=REPO, env=env
    )
    return time.perf_counter() - started


def cold_start(file: Path, runs: int, bytecode: bool = True) -> tuple[Timing, Timing, Timing]:
    """(giplint FILE --no-cache, giplint FILE answered by its result cache, bare imports), each run
    `runs` times, interleaved, after one warm-up each."""
    env = subprocess_env(bytecode)
    giplint = [giplint_executable(), str(file), "--no-cache"]
    cached = [giplint_executable(), str(file), "--cache-dir", str(OUT / "cold-cache")]
    imports = [python_executable(), "-c", IMPORTS]
    _run(giplint, env)
    _run(cached, env)  # fills the result cache
    _run(imports, env)  # warm-up: page cache, bytecode cache, lark's grammar cache
    cli: list[float] = []
    hit: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        cli.append(_run(giplint, env))
        hit.append(_run(cached, env))
        bare.append(_run(imports, env))
    return Timing(cli), Timing(hit), Timing(bare)


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
    print(
        f"\ncold start, {args.runs} runs each, interleaved: `giplint {args.seed_file.name} --no-cache`, "
        f'the same answered by the result cache, and `python -c "{IMPORTS}"`'
    )
    with foreign_load() as load:
        cli, hit, bare = cold_start(args.seed_file, args.runs)
        plain_cli, plain_hit, plain_bare = cold_start(args.seed_file, args.runs, bytecode=False)
    rows = []
    for label, (c, h, b) in (
        ("bytecode cached (as installed)", (cli, hit, bare)),
        ("environment as is (no bytecode cache)", (plain_cli, plain_hit, plain_bare)),
    ):
        rows += [
            [
                label,
                f"giplint {args.seed_file.name} --no-cache",
                f"{c.best * 1000:.0f}",
                f"{c.median * 1000:.0f}",
            ],
            [
                label,
                f"giplint {args.seed_file.name} (cache hit)",
                f"{h.best * 1000:.0f}",
                f"{h.median * 1000:.0f}",
            ],
            [label, f'python -c "{IMPORTS}"', f"{b.best * 1000:.0f}", f"{b.median * 1000:.0f}"],
            [label, "ratio --no-cache", f"{c.best / b.best:.2f}", f"{c.median / b.median:.2f}"],
            [label, "ratio cache hit", f"{h.best / b.best:.2f}", f"{h.median / b.median:.2f}"],
        ]
    table(rows, ["setting", "command", "min ms", "median ms"])
    print(f"(other processes used {load.cpus:.2f} CPUs on average meanwhile)")
    ratio = cli.median / bare.median
    print(
        f"target ratio ≤ {TARGET_RATIO} (medians, bytecode cached, --no-cache): {ratio:.2f} → "
        f"{verdict(ratio, TARGET_RATIO, higher_is_better=False)}"
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
