"""Per-PDF cost: the real Huaian 2024 PDF (6 pages) and a seed rendered as PDF, cold and warm,
and the reader's cost per page on PDFium beside the pdfminer reader it replaced (issue 19).

Why: the reader was 98 % of a PDF's cost on pdfminer.six (pure Python content parsing). The
reader per page is measured for both engines in one run, interleaved (old, new, old, new …) so
that a busy machine slows both alike: `read_canonical` in process (the reader's work without
the bounded child), and `read_pdf` (with the forked child, as giplint runs it). The old reader
is giplint/readers/pdf.py as of OLD_COMMIT, loaded from git (pdfminer); skipped without git.

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

OLD_COMMIT = "6ff27bb"  # the last reader on pdfminer (bounded child already)
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
    import pypdfium2

    return len(pypdfium2.PdfDocument(path))


def _old_reader(directory: Path) -> object | None:
    """giplint/readers/pdf.py on pdfminer (OLD_COMMIT), as module `pdf_pdfminer`."""
    import importlib.util

    done = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{OLD_COMMIT}:giplint/readers/pdf.py"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        return None
    source = directory / "pdf_pdfminer.py"
    source.write_text(done.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("pdf_pdfminer", source)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pdf_pdfminer"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _per_page(files: list[Path], runs: int, directory: Path) -> None:
    """ms per page of the reader: pdfminer (old) and PDFium (new), interleaved, median of runs."""
    from giplint.readers import pdf as new

    old = _old_reader(directory)
    new.engine()
    readers: list[tuple[str, object]] = [("PDFium read_canonical", new.read_canonical)]
    readers.append(("PDFium read_pdf (forked child)", new.read_pdf))
    if old is not None:
        readers.insert(0, ("pdfminer read_canonical (old)", old.read_canonical))  # type: ignore[attr-defined]
    rows = []
    for path in files:
        data, pages = path.read_bytes(), _pages(path)
        times: dict[str, list[float]] = {name: [] for name, _ in readers}
        for _ in range(runs):
            for name, read in readers:
                start = time.perf_counter()
                read(str(path), data)  # type: ignore[operator]
                times[name].append((time.perf_counter() - start) * 1000 / pages)
        same = old is None or old.read_canonical(str(path), data) == new.read_canonical(str(path), data)  # type: ignore[attr-defined]
        base = statistics.median(times[readers[0][0]])
        for name, _ in readers:
            median = statistics.median(times[name])
            rows.append((path.name, pages, name, f"{min(times[name]):.1f}", f"{median:.1f}", f"{base / median:.1f}×"))
        rows.append((path.name, pages, "same canonical text and origins", "yes" if same else "NO", "", ""))
    table(rows, ["file", "pages", "reader", "ms/page min", "ms/page median", "vs first"])
    print("   target: ≤ 10 ms per page in the reader, ≥ 5× faster than pdfminer")


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
        _per_page(files, args.runs, Path(tmp))
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
