"""Two checkouts of giplint side by side on one corpus: parse and full lint, in process, alternately.

Why: these machines are shared and their speed changes from minute to minute, so a figure from
another run says little. This runs the same corpus through a baseline checkout (for example the
commit before a change, made with `git worktree add /tmp/base <commit>`) and this one, in
alternating child processes, and prints both, round by round, with the read+decode+fold floor
measured in the same process.

    .venv/bin/python bench/versus.py --baseline /tmp/base --count 300 --rounds 3
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import REPO, child_figures, ensure_corpus

_CHILD = r"""
import json, sys, time
from pathlib import Path
from giplint.fold import fold
from giplint.lint import lint_bytes
from giplint.parse import parse_document
from giplint.plugins import load_registry
from giplint.source import read_text

files = sorted(Path(sys.argv[1]).glob("*.txt"))
datas = [(str(f), f.read_bytes()) for f in files]
registry = load_registry()
docs = [read_text(p, d) for p, d in datas]


def best(function):
    function()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times) * 1000 / len(datas)


print(json.dumps({
    "floor": best(lambda: [fold(read_text(p, d).text) for p, d in datas]),
    "parse": best(lambda: [parse_document(doc) for doc in docs]),
    "lint": best(lambda: [lint_bytes(p, d, registry.rules, registry.kinds, registry.readers) for p, d in datas]),
}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--baseline", type=Path, required=True, help="a checkout of the commit to compare with"
    )
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = ensure_corpus(None, args.count)
    print(f"corpus {corpus} ({args.count} reports); ms/report, best of 3 passes per round")
    print(f"{'round':<6}{'checkout':<10}{'floor':>8}{'parse':>8}{'lint':>8}{'lint/floor':>12}")
    for number in range(1, args.rounds + 1):
        for name, checkout in (("baseline", args.baseline), ("this", REPO)):
            got = child_figures(checkout.resolve(), _CHILD, str(corpus))
            ratio = got["lint"] / got["floor"]
            print(
                f"{number:<6}{name:<10}{got['floor']:>8.2f}{got['parse']:>8.2f}{got['lint']:>8.2f}{ratio:>12.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
