"""The table reader alone, beside parse and lint, in CPU time: two checkouts side by side in one run.

Why: the table reader was ~40 % of a report's lint (issue 19), and a figure for it alone says
whether a change to giplint/parse/tables moved it, which the whole lint's noise can hide. Each
child imports giplint from one checkout, parses the corpus once to record every `read_table`
call (its context and section bounds), then times, in CPU seconds (time.process_time: the
machine is shared, wall time is noise), the table reader over those calls, `parse_document`
over the decoded documents and `lint_bytes` over the bytes, best of `--passes`. Checkouts
alternate child by child, `--rounds` times.

    git -C /work/main worktree add /tmp/base main   # or: git archive REV | tar -x -C /tmp/base
    .venv/bin/python bench/tables_bench.py --baseline /tmp/base --corpus bench/out/corpus-1000
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from _common import REPO, child_figures, ensure_corpus

_CHILD = r"""
import json, sys, time
from pathlib import Path
import giplint.parse as parse
from giplint.lint import lint_bytes
from giplint.plugins import load_registry
from giplint.source import read_text

files = sorted(Path(sys.argv[1]).glob("*.txt"))
passes = int(sys.argv[2])
datas = [(str(f), f.read_bytes()) for f in files]
registry = load_registry()
docs = [read_text(p, d) for p, d in datas]
calls = []
read_table = parse.read_table


def recorded(*args, **kwargs):
    calls.append((args, kwargs))
    return read_table(*args, **kwargs)


parse.read_table = recorded
for doc in docs:
    parse.parse_document(doc)
parse.read_table = read_table


def best(function):
    function()
    times = []
    for _ in range(passes):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times) * 1000 / len(datas)


# Each pass drops what it made as it goes (a list of 3,000 tables kept alive would be walked by
# every collection of the garbage collector and time it, not the reader).
def tables():
    for args, kwargs in calls:
        read_table(*args, **kwargs)


def parses():
    for doc in docs:
        parse.parse_document(doc)


def lints():
    for path, data in datas:
        lint_bytes(path, data, registry.rules, registry.kinds, registry.readers)


print(json.dumps({"tables": best(tables), "parse": best(parses), "lint": best(lints)}))
"""

_FIGURES = ("tables", "parse", "lint")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--baseline", type=Path, required=True, help="a checkout of the commit to compare with"
    )
    parser.add_argument("--corpus", type=Path, help="a directory of reports (default: the standard corpus)")
    parser.add_argument("--count", type=int, default=1000, help="reports in the standard corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passes", type=int, default=3, help="timed passes per child (best counts)")
    args = parser.parse_args(argv)
    corpus = (args.corpus or ensure_corpus(None, args.count)).resolve()
    print(f"corpus {corpus}; CPU ms/report, best of {args.passes} passes per child")
    print(f"{'round':<6}{'checkout':<10}" + "".join(f"{name:>9}" for name in _FIGURES))
    got: dict[str, list[dict[str, float]]] = {"baseline": [], "this": []}
    for number in range(1, args.rounds + 1):
        for name, checkout in (("baseline", args.baseline), ("this", REPO)):
            figures = child_figures(checkout.resolve(), _CHILD, str(corpus), str(args.passes))
            got[name].append(figures)
            print(f"{number:<6}{name:<10}" + "".join(f"{figures[f]:>9.3f}" for f in _FIGURES))
    medians = {
        name: {f: statistics.median(r[f] for r in runs) for f in _FIGURES} for name, runs in got.items()
    }
    for name in ("baseline", "this"):
        print(f"{'median':<7}{name:<9}" + "".join(f"{medians[name][f]:>9.3f}" for f in _FIGURES))
    print(
        f"{'':<6}{'ratio':<10}"
        + "".join(f"{medians['baseline'][f] / medians['this'][f]:>8.2f}x" for f in _FIGURES)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
