"""Parse throughput in one process: `read_text` + `parse_document`, nothing else.

Why separate from linting: the parser (fold + two LALR grammars + table builders) is the part
being optimised; measuring it alone shows how much of a lint run it is. The files are preloaded
into memory so that disk I/O is excluded; a second pass reads every file from disk as well (the
page cache is warm after preloading, so this adds the cost of the system calls, not of a disk).
Memory: tracemalloc's peak during one pass (Python allocations only; it slows the run, so it is a
separate pass), and the process's peak RSS (`ru_maxrss`), which also counts the preloaded corpus.

Target from the issue: at least 400 reports/s for read + parse.

    .venv/bin/python bench/parse_bench.py --count 1000 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Timing, ensure_corpus, foreign_load, header, maxrss_mib, table, verdict

TARGET = 400.0


def _time(passes: int, run: Callable[[], None]) -> Timing:
    samples = []
    with foreign_load() as load:
        for _ in range(passes):
            gc.collect()
            started = time.perf_counter()
            run()
            samples.append(time.perf_counter() - started)
    return Timing(samples, load.cpus)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="a corpus directory (default bench/out/corpus-COUNT)"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed passes over the corpus (best and median shown)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print cProfile's top functions by tottime"
    )
    parser.add_argument("--top", type=int, default=15, help="functions in the profile (default 15)")
    args = parser.parse_args(argv)

    rss_start = maxrss_mib()
    from giplint.parse import parse_document
    from giplint.source import read_text

    rss_imported = maxrss_mib()
    directory = ensure_corpus(args.corpus, args.count)
    paths = sorted(directory.glob("gen_*.txt"))
    corpus = [(str(p), p.read_bytes()) for p in paths]
    size = sum(len(data) for _, data in corpus)
    rss_loaded = maxrss_mib()
    header(f"parse_bench: {len(corpus)} reports, {size / 1024 / 1024:.1f} MiB, from {directory}")

    # First parse: builds (or loads from lark's cache) both grammars.
    started = time.perf_counter()
    parse_document(read_text(*corpus[0]))
    first = time.perf_counter() - started

    problems = 0

    def in_memory() -> None:
        nonlocal problems
        problems = 0
        for name, data in corpus:
            problems += bool(parse_document(read_text(name, data)).problems)

    documents = [read_text(name, data) for name, data in corpus]

    def parse_only() -> None:
        for document in documents:
            parse_document(document)

    def with_io() -> None:
        for path in paths:
            parse_document(read_text(str(path), path.read_bytes()))

    def decode_only() -> None:
        for name, data in corpus:
            read_text(name, data)

    timings = {
        "read_text + parse_document (in memory)": _time(args.repeat, in_memory),
        "parse_document only (pre-decoded)": _time(args.repeat, parse_only),
        "read_text only (decode)": _time(args.repeat, decode_only),
        "file read + read_text + parse_document": _time(args.repeat, with_io),
    }
    del documents
    gc.collect()

    tracemalloc.start()
    in_memory()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    n = len(corpus)
    rows = [
        [
            name,
            f"{n / t.best:,.0f}",
            f"{n / t.median:,.0f}",
            f"{1000 * t.best / n:.2f}",
            f"{t.foreign_cpus:.2f}",
        ]
        for name, t in timings.items()
    ]
    table(rows, ["pass", "reports/s (best)", "reports/s (median)", "ms/report (best)", "CPUs used by others"])
    print(f"first parse (grammar build/cache load + one report): {first * 1000:.0f} ms")
    print(f"reports with parse problems: {problems} of {n}")
    print(
        f"memory: tracemalloc peak during one in-memory pass {traced_peak / 1024 / 1024:.1f} MiB; "
        f"ru_maxrss {maxrss_mib():.1f} MiB (interpreter {rss_start:.1f}, after imports {rss_imported:.1f}, "
        f"after preloading the corpus {rss_loaded:.1f})"
    )
    rate = n / timings["read_text + parse_document (in memory)"].best
    print(
        f"target ≥ {TARGET:.0f} reports/s (read + parse, in memory, best pass): {rate:,.0f} → {verdict(rate, TARGET)}"
    )

    if args.profile:
        documents = [read_text(name, data) for name, data in corpus]
        profiler = cProfile.Profile()
        profiler.enable()
        for document in documents:
            parse_document(document)
        profiler.disable()
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats(pstats.SortKey.TIME).print_stats(args.top)
        print(f"\ncProfile of parse_document over {n} pre-decoded reports, top {args.top} by tottime:")
        print(_trim(stream.getvalue()))
    return 0


def _trim(text: str) -> str:
    """pstats output without its preamble lines and with repository paths shortened."""
    keep = [line for line in text.splitlines() if line.strip() and not line.startswith("   Ordered by")]
    return "\n".join(line.replace(str(Path(__file__).resolve().parent.parent) + "/", "") for line in keep)


if __name__ == "__main__":
    sys.exit(main())
