"""Shared by the benchmarks: the corpus they run on, timing statistics and a little reporting.

Why one place: every benchmark must run on the same corpus (same generator options and seed) for
their figures to be comparable, and must say which commit and machine produced them.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
VENV_BIN = REPO / ".venv" / "bin"

# The corpus every benchmark uses unless told otherwise: 10% injected defects, some GBK and some
# CRLF files so that the decoding paths are exercised as on a real site's downloads.
CORPUS_SEED = 1
CORPUS_OPTIONS = ("--defect-rate", "0.10", "--gbk-rate", "0.05", "--crlf-rate", "0.10")


def corpus_dir(count: int) -> Path:
    return OUT / f"corpus-{count}"


def ensure_corpus(directory: Path | None, count: int, seed: int = CORPUS_SEED) -> Path:
    """A generated corpus of `count` reports; (re)generated when absent or made differently."""
    directory = directory or corpus_dir(count)
    stamp = directory / "corpus.json"
    wanted = {"count": count, "seed": seed, "options": list(CORPUS_OPTIONS), "inputs": _fingerprint()}
    if stamp.exists():
        found = json.loads(stamp.read_text(encoding="utf-8"))
        if found == wanted:
            return directory
        # Within one run_all.sh, every benchmark must see the same corpus even if a fixture is
        # edited meanwhile (others work on them concurrently): then only count/seed/options count.
        if os.environ.get("BENCH_REUSE_CORPUS") == "1" and all(
            found.get(k) == wanted[k] for k in ("count", "seed", "options")
        ):
            return directory
    sys.path.insert(0, str(BENCH))
    import generate  # bench/generate.py

    print(f"generating {count} reports into {directory} …", file=sys.stderr)
    status = generate.main(
        ["--count", str(count), "--out", str(directory), "--seed", str(seed), *CORPUS_OPTIONS]
    )
    if status:
        raise SystemExit(status)
    stamp.write_text(json.dumps(wanted, ensure_ascii=False), encoding="utf-8")
    return directory


def _fingerprint() -> str:
    """A hash of the generator and its templates: a corpus made from other inputs is remade."""
    sys.path.insert(0, str(BENCH))
    import generate

    digest = hashlib.sha256(Path(generate.__file__).read_bytes())
    for path in generate.template_paths(generate.default_sources()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def child_figures(checkout: Path, code: str, *args: str) -> dict[str, float]:
    """Run `code` in a child importing giplint from `checkout` (PYTHONPATH, cwd "/": no other
    checkout on the path) and read the JSON object it prints: how versus.py and tables_bench.py
    put two checkouts side by side."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    run = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd="/", capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def corpus_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("gen_*.txt"))


@dataclass
class Timing:
    """Several measurements of the same thing, in seconds."""

    samples: list[float]
    foreign_cpus: float = 0.0  # CPUs other processes used meanwhile

    @property
    def best(self) -> float:
        return min(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def _busy_seconds() -> float:
    """CPU seconds all processes of the machine have spent busy since boot (/proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU seconds of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class ForeignLoad:
    """How many CPUs other processes kept busy while a measurement ran (others run tests on
    this machine meanwhile); shown beside the figures so that a noisy one can be recognised."""

    cpus: float = 0.0


@contextmanager
def foreign_load() -> Iterator[ForeignLoad]:
    load = ForeignLoad()
    started, busy, own = time.perf_counter(), _busy_seconds(), _own_seconds()
    try:
        yield load
    finally:
        wall = time.perf_counter() - started
        foreign = (_busy_seconds() - busy) - (_own_seconds() - own)
        load.cpus = max(0.0, foreign / wall) if wall > 0 else 0.0


def wait_quiet(max_wait: float = 120.0, threshold: float = 0.25) -> None:
    """Wait (at most `max_wait` s) until other processes use less than `threshold` CPUs for 3 s;
    only when BENCH_WAIT_QUIET=1. Says how long it waited and how busy the machine was."""
    if os.environ.get("BENCH_WAIT_QUIET") != "1":
        return
    started = time.perf_counter()
    quiet = 0
    while time.perf_counter() - started < max_wait:
        with foreign_load() as load:
            time.sleep(1.0)
        quiet = quiet + 1 if load.cpus < threshold else 0
        if quiet >= 3:
            break
    waited = time.perf_counter() - started
    state = "quiet" if quiet >= 3 else f"still busy ({load.cpus:.2f} CPUs used by others)"
    print(f"   waited {waited:.0f} s for a quiet machine: {state}")


def maxrss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def git_dirty() -> bool:
    """Whether the working tree differs from HEAD (others edit concurrently: figures then
    describe the working tree, not the commit)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return False
    return bool(out.strip())


def calibrate() -> float:
    """Milliseconds for a fixed pure-Python workload (best of 5). The VM's speed varies with the
    host's load, invisibly to /proc/stat; comparing this figure between runs shows whether a
    slower result is the code or the machine."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i & 7
        best = min(best, time.perf_counter() - started)
    return best * 1000


def header(title: str) -> None:
    dirty = " (+ uncommitted changes)" if git_dirty() else ""
    print(f"== {title}")
    print(
        f"   commit {git_commit()}{dirty}; Python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs; {platform.machine()} {platform.system()}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    wait_quiet()
    print(
        f"   calibration: fixed Python loop {calibrate():.0f} ms (compare between runs; lower = faster machine)"
    )


def table(rows: Sequence[Sequence[object]], headings: Sequence[str]) -> None:
    """A plain, aligned table on stdout (markdown-compatible, for pasting into README.md)."""
    cells = [[str(h) for h in headings], *[[str(c) for c in row] for row in rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headings))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)) + " |"

    print(line(cells[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        print(line(row))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def subprocess_env(bytecode: bool = True) -> dict[str, str]:
    """The environment for timed subprocesses.

    With `bytecode` (the default) compiled modules are cached, as they are for an installed
    package: this sandbox sets PYTHONDONTWRITEBYTECODE=1 and the editable install has no
    __pycache__, so without this every start would recompile giplint's modules. The cache goes to
    bench/out/pycache (PYTHONPYCACHEPREFIX), never into the source tree. `bytecode=False` keeps
    the environment as it is.
    """
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def giplint_executable() -> str:
    candidate = VENV_BIN / "giplint"
    return str(candidate) if candidate.exists() else "giplint"


def python_executable() -> str:
    candidate = VENV_BIN / "python"
    return str(candidate) if candidate.exists() else sys.executable


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "meets target" if ok else "MISSES target"


if __name__ == "__main__":
    # `python bench/_common.py COUNT...`: make sure the standard corpora of COUNT reports exist.
    for argument in sys.argv[1:]:
        print(ensure_corpus(None, int(argument)))
