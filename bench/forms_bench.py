"""Per-page cost of the forms that need outside help: OCR of a scanned page (giplint[ocr]) and
LibreOffice's conversion of a .doc (readers/office.py).

OCR: seed 004 in the official layout, printed to PDF (tests/pdf_render.py), rendered at 200 dpi,
blurred and turned 0.6° (tests/test_ocr.py's scanner), read page by page with readers/ocr.py's
`_document` (recognition + grid + layout), one ONNX thread (GIPLINT_OCR_THREADS=1, the default):
seconds per page, this process's CPU time (the figure to read on a shared machine) and wall
clock. `--before`: the engine made as it was before the speed work (RapidOCR's recognition batch
of 6) timed beside this checkout's, page by page, interleaved.
Then `giplint scan.pdf` end to end.

LibreOffice: seed 004 as .doc (tests/office_render.py), read by `read_converted` (a private
profile, a fresh soffice each time): seconds per file, and per page of the printed report.

    .venv/bin/python bench/forms_bench.py [--runs 3] [--only ocr|office] [--before]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _common import REPO

SEED = REPO.parent / "shared" / "seeds" / "004_0d529075b8579b4b.txt"


def _printed(directory: Path) -> bytes:
    from office_render import official_report
    from pdf_render import write_pdf

    path = directory / "printed.pdf"
    write_pdf(official_report(SEED.read_text(encoding="utf-8")), path)
    return path.read_bytes()


def bench_ocr(runs: int, directory: Path, before: bool = False) -> None:
    import numpy as np
    from test_ocr import image_pdf, scan_pages

    from giplint.readers import ocr

    pages = scan_pages(_printed(directory), angle=0.6)
    grey = [np.asarray(page) for page in pages]  # type: ignore[call-overload]
    engines = {"this checkout": ocr._engine()}  # the models load once per process: not a page's cost
    if before:  # the engine as it was made before the speed work: RapidOCR's defaults otherwise
        from rapidocr_onnxruntime import RapidOCR

        engines = {"before (recognition batch 6)": RapidOCR(
            use_cls=False, intra_op_num_threads=1, inter_op_num_threads=1), **engines}  # fmt: skip
    made = ocr._engine
    for engine in engines.values():  # ONNX Runtime's first run of an engine is slow: not a page's cost
        engine(np.stack([grey[0]] * 3, axis=-1))
    walls: dict[str, list[float]] = {name: [] for name in engines}
    cpus: dict[str, list[float]] = {name: [] for name in engines}
    try:
        for _ in range(runs):
            for page in grey:
                for name, engine in engines.items():  # interleaved page by page: the same load on each
                    ocr._engine = lambda engine=engine: engine  # type: ignore[assignment]
                    wall, cpu = time.perf_counter(), time.process_time()
                    ocr._document("scan.pdf", [page], "pdf")
                    walls[name].append(time.perf_counter() - wall)
                    cpus[name].append(time.process_time() - cpu)
    finally:
        ocr._engine = made  # type: ignore[assignment]
    for name in engines:
        print(f"OCR {name}, {len(grey)} pages x {runs} runs, 1 ONNX thread: per page CPU median "
              f"{statistics.median(cpus[name]):.2f} s (min {min(cpus[name]):.2f}, max {max(cpus[name]):.2f}); "
              f"wall median {statistics.median(walls[name]):.2f} s (min {min(walls[name]):.2f})")  # fmt: skip
    scan = directory / "scan.pdf"
    scan.write_bytes(image_pdf(pages))
    import subprocess

    wall = time.perf_counter()
    subprocess.run([sys.executable, "-m", "giplint", "--no-cache", "--format", "concise", str(scan)],
                   capture_output=True, check=False)  # fmt: skip
    whole = time.perf_counter() - wall
    print(f"giplint scan.pdf ({len(grey)} pages, cold process, models loaded): {whole:.1f} s, "
          f"{whole / len(grey):.2f} s a page")  # fmt: skip


def bench_office(runs: int, directory: Path) -> None:
    from office_render import convert, official_report, write_official_docx

    from giplint.readers.office import read_converted

    source = directory / "seed.docx"
    write_official_docx(official_report(SEED.read_text(encoding="utf-8")), source)
    doc = convert([source], "doc", directory / "doc")[0]
    pdf = convert([source], "pdf", directory / "pdf")[0]
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(pdf.read_bytes()))
    data = doc.read_bytes()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_converted(str(doc), data)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"LibreOffice .doc -> .docx -> read, {runs} runs: median {median:.2f} s a file "
          f"(min {min(times):.2f}), {pages} pages: {median / pages:.2f} s a page")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("ocr", "office"))
    parser.add_argument("--before", action="store_true", help="OCR: also the engine made as before, interleaved")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as work:
        if args.only in (None, "ocr"):
            bench_ocr(args.runs, Path(work), args.before)
        if args.only in (None, "office"):
            bench_office(args.runs, Path(work))


if __name__ == "__main__":
    main()
