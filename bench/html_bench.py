"""`--format html` against `--format json` over the same 1,000 reports, as the CLI runs them.

Why: an HTML page shows the whole report, not only its findings, so it needs the parsed report;
giplint builds the page's view while each report is parsed (giplint/lint.py ``view=``) instead
of reading it a second time. This measures what that costs: `giplint --format json --no-cache
--jobs J DIR > FILE` against `giplint --format html --no-cache --jobs J --output-dir OUT DIR`
(1,000 pages and an index written), runs interleaved, min and median of N. Also the run the
result cache answers (`--format html` over a filled cache: every report is read again for its
page, through the read path), beside json over the same cache.

Target: html ≤ 1.5 × json without the cache. Both wall time and the CPU time the giplint
process used (user + system, from the OS's account of the child) are shown: on a machine other
processes load, wall time swings by 2× between runs while CPU time does not.

    .venv/bin/python bench/html_bench.py [--count 1000] [--runs 5] [--jobs 1]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Timing, ensure_corpus, giplint_executable, header, subprocess_env, table, verdict


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], stdout: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the giplint process) of one run."""
    with stdout.open("wb") as sink:
        cpu = _cpu_of_children()
        started = time.perf_counter()
        done = subprocess.run(command, stdout=sink, stderr=subprocess.DEVNULL, env=subprocess_env(), check=False)
        elapsed = time.perf_counter() - started
        cpu = _cpu_of_children() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = ensure_corpus(None, args.count)
    header(f"--format html vs --format json, {args.count} reports, --jobs {args.jobs}")
    exe = giplint_executable()
    work = Path(tempfile.mkdtemp(prefix="giplint-html-bench-"))
    try:
        site = work / "site"
        cache = work / "cache"
        common = [exe, "--no-progress", "--jobs", str(args.jobs)]
        commands = {
            "json": [*common, "--no-cache", "--format", "json", str(corpus)],
            "html": [*common, "--no-cache", "--format", "html", "--output-dir", str(site), str(corpus)],
            "json, cached": [*common, "--cache-dir", str(cache), "--format", "json", str(corpus)],
            "html, cached": [
                *common, "--cache-dir", str(cache), "--format", "html", "--output-dir", str(site), str(corpus),
            ],
        }
        _run(commands["json, cached"], work / "fill.out")  # fills the cache; also warms the disk
        timings = {name: Timing([]) for name in commands}
        cpus = {name: Timing([]) for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = _run(command, work / "out")
                timings[name].samples.append(wall)
                cpus[name].samples.append(cpu)
        pages = len(list(site.glob("*.html")))
        rows = [
            [name, f"{t.best:.2f}", f"{t.median:.2f}", f"{cpus[name].best:.2f}", f"{cpus[name].median:.2f}",
             f"{args.count / t.median:.0f}"]
            for name, t in timings.items()
        ]
        table(rows, ["run", "min s", "median s", "CPU min s", "CPU median s", "reports/s (median)"])
        ratio = timings["html"].median / timings["json"].median
        cpu_ratio = cpus["html"].median / cpus["json"].median
        cached = timings["html, cached"].median / timings["json, cached"].median
        print(f"\nhtml / json without the cache, CPU: {cpu_ratio:.2f} × (median; min {cpus['html'].best / cpus['json'].best:.2f} ×)"
              f" — target ≤ 1.5 ×: {verdict(cpu_ratio, 1.5, higher_is_better=False)}")
        print(f"html / json without the cache, wall: {ratio:.2f} × (median; min {timings['html'].best / timings['json'].best:.2f} ×)"
              f" — target ≤ 1.5 ×: {verdict(ratio, 1.5, higher_is_better=False)}")
        print(f"html / json over the result cache: {cached:.2f} × (the cache has no page view: each report is read again)")
        print(f"pages written: {pages} (index included)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
