"""Memory and time on inputs far larger than a report: one long line, and a table of many rows.

Why: a crawled page glues a whole report onto one line, and a damaged export can repeat a table's
rows thousands of times; both must cost memory and time in proportion to their size (issue 19:
≤ 40 B of peak RSS per input byte on a one-line 5 MB report; a 10,000-row table linearly and in
under 10 s). Each input is linted by `lint_bytes` in a fresh child process, which reports its CPU
time and peak RSS (`ru_maxrss`, which includes the interpreter and giplint's imports: the
"above imports" column subtracts the RSS measured before the input was read).

    .venv/bin/python bench/scale_bench.py --megabytes 5 --rows 1000 2500 5000 10000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, header, python_executable, subprocess_env, table

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from giplint.lint import lint_bytes
from giplint.plugins import load_registry
registry = load_registry()
data = Path(sys.argv[1]).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
started = time.process_time()
result = lint_bytes(sys.argv[1], data, registry.rules, registry.kinds, registry.readers)
cpu = time.process_time() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"cpu": cpu, "peak": peak, "before": before, "bytes": len(data),
                  "findings": len(result.diagnostics), "failures": len(result.failures)}))
"""

TEMPLATE = REPO / "fixtures" / "reports" / "clean-2021.txt"
_ROW_CHARACTERS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也能而子那得着下自之年过发后里"
)


def one_line(size: int) -> bytes:
    """A report's text with its line ends made spaces, repeated to `size` bytes: a crawled page."""
    unit = TEMPLATE.read_text(encoding="utf-8").replace("\n", " ")
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")


def many_rows(rows: int) -> bytes:
    """The 2021 fixture with `rows` rows of unknown labels (4–14 characters, 7 figures) added to
    table 三: each is a word the table reader must classify."""
    import random

    rng = random.Random(1)
    lines = []
    for _ in range(rows):
        label = "".join(rng.choice(_ROW_CHARACTERS) for _ in range(rng.randint(4, 14)))
        lines.append(f"| {label} | " + " | ".join(str(rng.randint(0, 9)) for _ in range(7)) + " |")
    text = TEMPLATE.read_text(encoding="utf-8")
    at = text.index("四、结转下年度继续办理")
    return (text[:at] + "\n".join(lines) + "\n" + text[at:]).encode("utf-8")


def _measure(path: Path) -> dict[str, float]:
    done = subprocess.run(
        [python_executable(), "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(),
        cwd=REPO,
    )
    return dict(json.loads(done.stdout))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--megabytes", type=float, default=5.0, help="size of the one-line report (default 5)"
    )
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[1000, 2500, 5000, 10000], help="table sizes (rows)"
    )
    args = parser.parse_args(argv)
    out = REPO / "bench" / "out" / "scale"
    out.mkdir(parents=True, exist_ok=True)

    header(f"scale_bench: one {args.megabytes:g} MB line; tables of {', '.join(map(str, args.rows))} rows")
    path = out / "one-line.txt"
    path.write_bytes(one_line(int(args.megabytes * 10**6)))
    found = _measure(path)
    mib = 2**20
    table(
        [
            [
                f"{found['bytes'] / 10**6:.1f} MB, one line",
                f"{found['cpu']:.2f}",
                f"{found['peak'] / mib:.0f}",
                f"{found['peak'] / found['bytes']:.0f}",
                f"{(found['peak'] - found['before']) / found['bytes']:.0f}",
                f"{found['findings']:.0f}",
            ]
        ],
        ["input", "CPU s", "peak RSS MiB", "B per input byte", "above imports", "findings"],
    )
    rows = []
    for count in args.rows:
        path = out / f"rows-{count}.txt"
        path.write_bytes(many_rows(count))
        found = _measure(path)
        rows.append(
            [
                f"{count:,}",
                f"{found['cpu']:.2f}",
                f"{found['cpu'] * 1000 / count:.3f}",
                f"{found['peak'] / mib:.0f}",
                f"{found['findings']:.0f}",
            ]
        )
    table(rows, ["rows in table 三", "CPU s", "ms per row", "peak RSS MiB", "findings"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
