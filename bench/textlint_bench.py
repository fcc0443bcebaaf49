"""giplint beside textlint on the same corpus: wall time of each, interleaved, in one run.

Why: textlint is what a CI user would otherwise run over these reports, and a regex rule is the
least work a linter can do per file; issue 19's target is giplint at ≤ 0.8× textlint's wall
time. textlint (15) runs bench/textlint/three-regex.js (three regexes over every text node),
giplint its whole default rule set (`--no-cache --format json`, with `--jobs 1` and `--jobs 2`);
each command once per round, rounds interleaved, min and median shown. textlint must be
installed first (it is not a dependency of giplint):

    npm install --prefix bench/out/textlint textlint@15
    .venv/bin/python bench/textlint_bench.py --count 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT, REPO, ensure_corpus, giplint_executable, header, subprocess_env, table

TEXTLINT = OUT / "textlint" / "node_modules" / ".bin" / "textlint"
RULES = REPO / "bench" / "textlint"


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=subprocess_env(), cwd=REPO, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    args = parser.parse_args(argv)
    if not TEXTLINT.exists():
        print(
            f"textlint is not installed: npm install --prefix {OUT / 'textlint'} textlint@15", file=sys.stderr
        )
        return 2
    corpus = ensure_corpus(None, args.count)
    files = sorted(str(p) for p in corpus.glob("gen_*.txt"))
    work = OUT / "textlint-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    commands = {
        "textlint 15, 3-regex rule": [str(TEXTLINT), "--rulesdir", str(RULES), "--format", "json", *files],
        "giplint --jobs 1": [
            giplint_executable(),
            "--no-cache",
            "--format",
            "json",
            "--jobs",
            "1",
            str(corpus),
        ],
        "giplint --jobs 2": [
            giplint_executable(),
            "--no-cache",
            "--format",
            "json",
            "--jobs",
            "2",
            str(corpus),
        ],
    }
    header(f"textlint_bench: {len(files)} reports from {corpus}, {args.rounds} rounds interleaved")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            times[name].append(_wall(command))
    floor = statistics.median(times["textlint 15, 3-regex rule"])
    table(
        [
            [
                name,
                f"{min(found):.2f}",
                f"{statistics.median(found):.2f}",
                f"{statistics.median(found) / floor:.2f}",
            ]
            for name, found in times.items()
        ],
        ["command", "min wall s", "median wall s", "× textlint (medians)"],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
