"""The whole CLI over a directory of generated reports, with one and with two worker processes.

Why: this is what a CI job or a bulk check of a site's downloads runs — folder walk, config
lookup, the process pool, result transfer and JSON rendering included, none of which the
in-process benchmarks see. Each run is `giplint --format json --jobs J DIR` (stdout to a file).

Measured per run: wall time, reports/s, and peak memory of the whole process tree. Peak memory is
given two ways: `/usr/bin/time -v`'s "Maximum resident set size" (the largest single process: the
kernel's rusage of waited-for children is a maximum, not a sum) and a sampler that reads /proc
every 0.25 s and sums RSS (and PSS, which splits pages shared after fork fairly) over every process
of the tree. The tree sum is what the machine must have; it is compared with the target.
Finally the JSON outputs of --jobs 1 and --jobs 2 must be byte-identical (results are in input
order whatever the number of workers); the script says whether they are.

The timed runs pass `--no-cache` (the result cache would answer a repeated run from disk);
`--cached` adds a run that fills a fresh cache and one that re-runs over it (CI on an unchanged
repository), both compared byte for byte with the uncached output.

Targets: ≥ 500 reports/s with --jobs 2 without any cache; peak ≤ 200 MiB.

    .venv/bin/python bench/cli_bench.py --count 10000 [--jobs 1 2] [--cached]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    OUT,
    REPO,
    ensure_corpus,
    foreign_load,
    giplint_executable,
    header,
    subprocess_env,
    table,
    verdict,
    wait_quiet,
)

TARGET_RATE = 500.0
TARGET_MEMORY_MIB = 200.0
TIME = "/usr/bin/time"


@dataclass
class TreePeak:
    """Peak of the summed RSS / PSS over a process and all its descendants, sampled."""

    rss_kib: int = 0
    pss_kib: int = 0
    processes: int = 0


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process, from /proc/*/stat (/proc/PID/task/*/children needs a
    kernel option that containers often lack)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # the name may contain spaces and parentheses
        parents[int(entry.name)] = int(fields[1])
    return parents


def _tree(root: int) -> list[int]:
    """The root and all its descendants, root first."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    pids, queue = [], [root]
    while queue:
        pid = queue.pop()
        pids.append(pid)
        queue.extend(children.get(pid, []))
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB from smaps_rollup; RSS from status if smaps_rollup is unreadable."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
        return rss, pss
    except OSError:
        pass
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return rss, rss


# How often the process tree's memory is read. Reading smaps_rollup walks a process's page tables
# under its memory-map lock, which the process then waits for: every 20 ms (until 2026-12-07) it
# made the measured run itself 1.5x slower (10,000 reports, --jobs 2: 28.9 s and 45 CPU s against
# 19.0 s and 33 CPU s read every 0.5 s, peaks the same: 145 and 144 MiB). A run's memory grows
# and falls over seconds (a worker's report, the collected results), so 0.25 s still sees its peak.
SAMPLE_EVERY = 0.25


def sample_tree(
    root: int, stop: threading.Event, peak: TreePeak, skip_root: bool, interval: float = SAMPLE_EVERY
) -> None:
    while not stop.is_set():
        pids = _tree(root)
        if skip_root:
            pids = pids[1:]  # /usr/bin/time itself
        rss = pss = 0
        for pid in pids:
            r, p = _memory(pid)
            rss += r
            pss += p
        peak.rss_kib = max(peak.rss_kib, rss)
        peak.pss_kib = max(peak.pss_kib, pss)
        peak.processes = max(peak.processes, len(pids))
        stop.wait(interval)


@dataclass
class Run:
    jobs: int
    wall: float
    status: int
    output: Path
    tree: TreePeak
    time_maxrss_kib: int | None
    cpu_seconds: float | None  # user + sys of the whole tree, from /usr/bin/time
    foreign_cpus: float


def run_cli(directory: Path, jobs: int, output: Path, cache: Path | None = None) -> Run:
    caching = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    command = [
        giplint_executable(),
        "--format",
        "json",
        "--jobs",
        str(jobs),
        "--no-progress",
        *caching,
        str(directory),
    ]
    use_time = Path(TIME).exists()
    time_file = output.with_suffix(".time")
    if use_time:
        command = [TIME, "-v", "-o", str(time_file), *command]
    peak = TreePeak()
    stop = threading.Event()
    wait_quiet()
    with foreign_load() as load, output.open("wb") as out, output.with_suffix(".stderr").open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO, env=subprocess_env())
        sampler = threading.Thread(target=sample_tree, args=(process.pid, stop, peak, use_time), daemon=True)
        sampler.start()
        status = process.wait()
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
    maxrss = cpu = None
    if use_time and time_file.exists():
        report = time_file.read_text()
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
        maxrss = int(match[1]) if match else None
        times = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", report)
        cpu = sum(float(t) for t in times) if times else None
    return Run(jobs, wall, status, output, peak, maxrss, cpu, load.cpus)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def compare(a: Path, b: Path) -> str:
    if a.read_bytes() == b.read_bytes():
        return f"identical (sha256 {_sha(a)}, {a.stat().st_size / 1024 / 1024:.1f} MiB)"
    try:
        left, right = json.loads(a.read_text(encoding="utf-8")), json.loads(b.read_text(encoding="utf-8"))
    except ValueError as exc:
        return f"DIFFERENT, and not both valid JSON ({exc})"
    if len(left) != len(right):
        return f"DIFFERENT: {len(left)} vs {len(right)} files"
    first = next((i for i, (x, y) in enumerate(zip(left, right, strict=True)) if x != y), None)
    if first is None:
        return "same JSON values, different bytes"
    return f"DIFFERENT from file #{first} ({left[first].get('path')} vs {right[first].get('path')})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000, help="reports in the corpus (default 10000)")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="a corpus directory (default bench/out/corpus-COUNT)"
    )
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to run (default 1 2)"
    )
    parser.add_argument(
        "--cached",
        action="store_true",
        help="also fill a fresh result cache (bench/out/cli-cache) and time a re-run over it",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="COUNT",
        help="also profile the CLI in process (--jobs 1) over a corpus of COUNT reports and show "
        "where time goes outside parsing and rules (e.g. 300)",
    )
    args = parser.parse_args(argv)

    directory = ensure_corpus(args.corpus, args.count)
    count = len(list(directory.glob("gen_*.txt")))
    header(
        f"cli_bench: `giplint --format json --jobs J {directory.relative_to(REPO) if directory.is_relative_to(REPO) else directory}`"
        f" over {count} reports"
    )
    if not Path(TIME).exists():
        print(f"   ({TIME} not found: peak memory from the /proc sampler only)")
    OUT.mkdir(parents=True, exist_ok=True)
    runs = [run_cli(directory, jobs, OUT / f"cli-jobs{jobs}.json") for jobs in args.jobs]
    cached: list[tuple[str, Run]] = []
    if args.cached:
        import shutil

        cache = OUT / "cli-cache"
        shutil.rmtree(cache, ignore_errors=True)
        jobs = max(args.jobs)
        cached.append(("cache filled", run_cli(directory, jobs, OUT / "cli-cache-fill.json", cache)))
        cached.append(("cached re-run", run_cli(directory, jobs, OUT / "cli-cached.json", cache)))

    rows = []
    labelled = [(f"--jobs {run.jobs} --no-cache", run) for run in runs] + [
        (f"--jobs {run.jobs} {label}", run) for label, run in cached
    ]
    for label, run in labelled:
        rows.append(
            [
                label,
                f"{run.wall:.1f}",
                f"{count / run.wall:,.0f}",
                f"{run.tree.rss_kib / 1024:.0f}",
                f"{run.tree.pss_kib / 1024:.0f}",
                f"{run.time_maxrss_kib / 1024:.0f}" if run.time_maxrss_kib else "n/a",
                str(run.tree.processes),
                f"{run.cpu_seconds:.0f}" if run.cpu_seconds is not None else "n/a",
                f"{run.foreign_cpus:.2f}",
                str(run.status),
            ]
        )
    table(
        rows,
        [
            "run",
            "wall s",
            "reports/s",
            "tree peak RSS MiB",
            "tree peak PSS MiB",
            "max single-process RSS MiB",
            "processes",
            "CPU s (user+sys)",
            "CPUs used by others",
            "exit",
        ],
    )
    for run in runs:
        if run.status not in (0, 1):
            print(f"--jobs {run.jobs} exited {run.status} (2 = an input, config or internal error)")
        errors = run.output.with_suffix(".stderr").read_text(encoding="utf-8", errors="replace").splitlines()
        if errors:
            print(f"--jobs {run.jobs} wrote {len(errors)} lines to stderr, first: {errors[0][:200]}")
    if len(runs) >= 2:
        print(
            f"JSON output of --jobs {runs[0].jobs} vs --jobs {runs[1].jobs}: {compare(runs[0].output, runs[1].output)}"
        )
    for label, run in cached:
        print(
            f"JSON output of --jobs {runs[0].jobs} --no-cache vs {label}: {compare(runs[0].output, run.output)}"
        )
    parallel = next((r for r in runs if r.jobs == 2), runs[-1])
    rate = count / parallel.wall
    print(
        f"target ≥ {TARGET_RATE:.0f} reports/s with --jobs {parallel.jobs}: {rate:,.0f} → {verdict(rate, TARGET_RATE)}"
    )
    peak = max(r.tree.rss_kib for r in runs) / 1024
    print(
        f"target peak ≤ {TARGET_MEMORY_MIB:.0f} MiB (tree RSS sum, worst run): {peak:.0f} MiB → "
        f"{verdict(peak, TARGET_MEMORY_MIB, higher_is_better=False)}"
    )
    if (os.cpu_count() or 1) < max(args.jobs):
        print(f"note: only {os.cpu_count()} CPUs for --jobs {max(args.jobs)}")
    if args.profile:
        profile_cli(ensure_corpus(None, args.profile))
    return 0


def profile_cli(directory: Path, top: int = 15) -> None:
    """cProfile of `giplint --format json --jobs 1 DIR` run in this process: the CLI's own costs
    (folder walk, configuration lookup, rule selection per file, rendering) beside lint_bytes."""
    import cProfile
    import io
    import pstats

    from giplint.cli import main as giplint_main

    profiler = cProfile.Profile()
    profiler.enable()
    giplint_main(
        ["--format", "json", "--jobs", "1", "--no-cache", str(directory)],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats(pstats.SortKey.CUMULATIVE)
    stats.print_stats(r"giplint/(cli|run|cache|config|lint|render|parallel|plugins)\.py", top)
    count = len(list(directory.glob("gen_*.txt")))
    print(
        f"\ncProfile of the CLI in process over {count} reports (giplint's CLI-level functions, by cumtime):"
    )
    lines = [line for line in stream.getvalue().splitlines() if line.strip() and "Ordered by" not in line]
    print("\n".join(line.replace(str(REPO) + "/", "") for line in lines))


if __name__ == "__main__":
    sys.exit(main())
