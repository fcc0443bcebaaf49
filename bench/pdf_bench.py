"""Per-PDF cost: the real Huaian 2024 PDF (6 pages) and a seed rendered as PDF, cold and warm.

Why: a PDF goes through pdfplumber (pdfminer.six, pure Python) before the grammar sees it, and
its table finder is the expensive part; the issue's target is under 1 s warm for a 6-page report.

Cold: `giplint FILE` as a subprocess (min and median of N runs), so importing pdfplumber is in it.
Warm: `lint_bytes` in one process (read + parse + all default rules), repeated, with the reader's
share (`read_pdf` alone) beside it.

    .venv/bin/python bench/pdf_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, giplint_executable, header, subprocess_env, table

HUAIAN = REPO.parent / "shared" / "corpus" / "013_huaian-city_2024.pdf"
SEEDS = REPO.parent / "shared" / "seeds"


def _seed_pdf(directory: Path) -> Path | None:
    """The first seed as a PDF (tests/pdf_render.py), its longest table broken over a page."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        return None
    sys.path.insert(0, str(REPO / "tests"))
    from pdf_render import write_pdf
    from report_variants import seed_to_report

    path = directory / f"seed-{seeds[0].stem[:3]}.pdf"
    write_pdf(seed_to_report(seeds[0].read_text(encoding="utf-8")), path, split=50)
    return path


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def _cold(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [giplint_executable(), str(path)], capture_output=True, env=subprocess_env(), check=False
        )
        times.append(time.perf_counter() - start)
    return times


def _warm(path: Path, runs: int) -> tuple[float, list[float], list[float]]:
    from giplint.lint import lint_bytes
    from giplint.plugins import load_registry
    from giplint.readers.pdf import read_pdf

    registry = load_registry()
    data = path.read_bytes()
    start = time.perf_counter()
    lint_bytes(str(path), data, registry.rules, registry.kinds, registry.readers)
    first = time.perf_counter() - start
    lint, read = [], []
    for _ in range(runs):
        start = time.perf_counter()
        lint_bytes(str(path), data, registry.rules, registry.kinds, registry.readers)
        lint.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_pdf(str(path), data)
        read.append(time.perf_counter() - start)
    return first, lint, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    header("PDF input: cost per file")
    with tempfile.TemporaryDirectory() as tmp:
        files = [path for path in (HUAIAN if HUAIAN.is_file() else None, _seed_pdf(Path(tmp))) if path]
        if not files:
            print("   skipped: ../shared (corpus and seeds) is not present")
            return
        rows = []
        for path in files:
            cold = _cold(path, args.runs)
            first, lint, read = _warm(path, args.runs)
            rows.append(
                (
                    path.name,
                    _pages(path),
                    f"{min(cold):.2f} / {statistics.median(cold):.2f}",
                    f"{first:.2f}",
                    f"{min(lint):.2f} / {statistics.median(lint):.2f}",
                    f"{statistics.median(read):.2f}",
                )
            )
        table(
            rows,
            [
                "file",
                "pages",
                "cold s (min/median)",
                "warm first s",
                "warm lint s (min/median)",
                "read_pdf s",
            ],
        )
        print("   target: warm under 1 s for a 6-page report")


if __name__ == "__main__":
    main()
