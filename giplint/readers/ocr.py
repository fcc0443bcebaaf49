"""Scanned reports: text recognition (OCR) of page images, laid out as the PDF reader lays out a
text layer. Optional: ``pip install "giplint[ocr]"`` (RapidOCR on onnxruntime, CPU, offline:
the PP-OCR Chinese detection and recognition models ship inside the ``rapidocr-onnxruntime``
wheel; pypdfium2 renders PDF pages).

Read this way: a PDF page without a text layer (readers/pdf.py hands the whole file here when no
page has one), and image files of report pages (.png, .jpg). Each page is rendered at 200 dpi
(at most `MAX_SIDE` pixels a side), and:

1. the recogniser gives text boxes, each with its confidence;
2. the table grid is found in the image itself (long horizontal and vertical rulings, by
   morphological opening), and every enclosed region of a table is a cell: a merged cell is one
   region, so it is emitted once, at its top-left, as the Word and PDF readers do; a region
   without text is a blank cell;
3. each box goes to the cell under its centre; a cell's boxes (a label wrapped over lines, a
   figure wrapped in a narrow column) are joined in reading order; boxes outside every table
   are lines of prose, joined into paragraphs where a line runs to the right margin and the next
   is not indented.

The canonical text is the PDF reader's: ``text |`` a cell, prose lines as paragraphs, and every
line's origin names its page (第3页第12行, 第3页 第2个表格第4行). A box recognised with a confidence
below `UNCERTAIN` is recorded in `Document.uncertain` (canonical offsets): lint.py then gives no
garbled-text or wording finding there, and a figure finding that rests on such a figure says so
and is not an error.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from giplint.readers._canon import CanonicalText, cell_line, collapse
from giplint.source import Document, InputError

if TYPE_CHECKING:
    import numpy as np

DPI = 200
MAX_SIDE = 2400  # pixels: an A4 page at 200 dpi is 1654 × 2339
MAX_PAGES = 40  # a scanned report is 5–15 pages; each costs seconds
MAX_IMAGE_PIXELS = 40_000_000  # an image file larger than this is no page scan
UNCERTAIN = 0.8  # recogniser confidence below which a box's text is not asserted

INSTALL_HINT = '也可以安装文字识别扩展后再检查：pip install "giplint[ocr]"（离线识别，无需联网）。'
MSG_NO_EXTRA_IMAGE = (
    "这是图片文件（PNG/JPEG），需要文字识别（OCR）才能读取，但没有安装 giplint 的文字识别扩展。"
    '请安装：pip install "giplint[ocr]"（离线识别，无需联网），或提供 Word 文件、带文字的 PDF。'
)
MSG_NO_TEXT = "文字识别没有在这个文件中找到年报文字。请确认图片清晰、方向正确，或提供 Word 文件或带文字的 PDF。"
MSG_BAD_IMAGE = "图片无法打开（文件已损坏，或不是 PNG/JPEG 图片）。请确认选择了正确的文件。"
MSG_IMAGE_TOO_LARGE = f"图片超过 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素，不像一页年报的扫描件。请确认选择了正确的文件。"
MSG_TOO_MANY_PAGES = f"扫描件共 {{pages}} 页，超过文字识别的上限 {MAX_PAGES} 页。请提供 Word 文件或带文字的 PDF。"


def available() -> bool:
    """Whether the OCR extra is installed (rapidocr_onnxruntime and its numpy/OpenCV)."""
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Entry points


def read_image(path: str, data: bytes) -> Document:
    """A .png/.jpg page of a report, read by OCR; without the extra, the message saying how to
    install it."""
    if not available():
        raise InputError(path, MSG_NO_EXTRA_IMAGE)
    import numpy as np
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise InputError(path, MSG_IMAGE_TOO_LARGE)
            image.load()
            grey = np.asarray(_fit(image.convert("L")))
    except InputError:
        raise
    except Exception as exc:  # Pillow raises many types (and DecompressionBombError) for bad files
        raise InputError(path, MSG_BAD_IMAGE) from exc
    return _document(path, [grey], "image", MSG_NO_TEXT)


def read_scan(path: str, data: bytes, refusal: str) -> Document:
    """A PDF without a text layer, read by OCR page by page; without the extra, `refusal` (the
    PDF reader's message) with how to install it.

    The pages are rendered in a bounded child process (readers/_bounded.py: a hostile PDF costs
    its time and memory bound there, as for the text layer); only the page images, PNG, come
    back. Recognition runs here, on those images."""
    if not available() or importlib.util.find_spec("pypdfium2") is None:
        raise InputError(path, f"{refusal}{INSTALL_HINT}")
    import numpy as np
    from PIL import Image

    from giplint.readers import _bounded

    try:
        answer = _bounded.run("giplint.readers.ocr:render_pages", path, data)
    except _bounded.Refused as refused:
        raise InputError(path, refusal) from refused
    if not isinstance(answer, dict) or "pages" not in answer:
        message = answer.get("message") if isinstance(answer, dict) else None
        raise InputError(path, message if isinstance(message, str) else refusal)
    pages = []
    for encoded in answer["pages"]:
        with Image.open(io.BytesIO(base64.b64decode(encoded))) as image:
            if max(image.width, image.height) > MAX_SIDE or image.format != "PNG":
                raise InputError(path, refusal)
            pages.append(np.asarray(image.convert("L")))
    return _document(path, pages, "pdf", refusal)  # OCR found no text either: the scan refusal as before


def render_pages(path: str, data: bytes) -> dict[str, Any]:
    """In the child: every page rendered grey at DPI (at most MAX_SIDE a side), as base64 PNG."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception:  # noqa: BLE001  pypdfium2 raises PdfiumError and others for damaged files
        return {"failed": True}  # the parent says what the PDF reader said
    try:
        if len(pdf) > MAX_PAGES:
            return {"message": MSG_TOO_MANY_PAGES.format(pages=len(pdf))}
        pages = []
        for page in pdf:
            width, height = page.get_size()
            scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
            buffer = io.BytesIO()
            page.render(scale=scale, grayscale=True).to_pil().convert("L").save(buffer, "PNG")
            pages.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
        return {"pages": pages}
    finally:
        pdf.close()


def _fit(image: Any) -> Any:
    """An image no larger than MAX_SIDE on its longest side."""
    longest = max(image.width, image.height)
    if longest <= MAX_SIDE:
        return image
    ratio = MAX_SIDE / longest
    return image.resize((max(1, round(image.width * ratio)), max(1, round(image.height * ratio))))


# ---------------------------------------------------------------------------------------------
# Recognition


@dataclass(frozen=True, slots=True)
class Box:
    """One recognised text box: its bounds in pixels, text and confidence (0–1)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    threads = int(os.environ.get("GIPLINT_OCR_THREADS", "1"))  # one core a file: files run in parallel
    # use_cls: no 180° classifier (pages are upright; a tilt of a degree needs none).
    # rec_batch_num 3 (RapidOCR's default 6): boxes are recognised in batches padded to the widest
    # box of the batch; a report page mixes lone figures with lines of prose, and the padding cost
    # more than the batching saved: 10 % less CPU a page (bench/forms_bench.py --before; one box a
    # call saved 20 % but moved a recogniser confidence across UNCERTAIN on seed 001, so a
    # garbled-text finding was lost). The seeds' OCR findings are unchanged (tests/test_ocr.py).
    # The detector's input size is left alone: at 1280 or 1600 pixels instead of 2000 it saved no
    # measurable CPU (recognition is ~80 % of a page).
    return RapidOCR(use_cls=False, intra_op_num_threads=threads, inter_op_num_threads=1, rec_batch_num=3)


def recognise(grey: np.ndarray) -> list[Box]:
    """The text boxes of one page image (grey, 0–255)."""
    import numpy as np

    # A lower box threshold than RapidOCR's 0.5 finds the thin lone digits of narrow columns
    # ("1"); every recognised text is kept (text_score 0.1) and judged by its confidence here.
    result, _ = _engine()(np.stack([grey] * 3, axis=-1), box_thresh=0.3, text_score=0.1)
    boxes = []
    for points, text, score in result or []:
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        text = collapse(str(text))
        if text:
            boxes.append(Box(min(xs), min(ys), max(xs), max(ys), text, float(score)))
    return boxes


# ---------------------------------------------------------------------------------------------
# Layout: tables from the rulings, prose from the rest


@dataclass
class _Cell:
    top: int
    left: int
    bottom: int
    right: int
    boxes: list[Box]


@dataclass
class _Table:
    top: int
    bottom: int
    cells: list[_Cell]


def find_tables(grey: np.ndarray) -> tuple[list[_Table], np.ndarray]:
    """The ruled tables of a page, each with its cells (enclosed regions), and a label image
    mapping each pixel to its cell's index + 1 (0: outside every table)."""
    import cv2
    import numpy as np

    height, width = grey.shape
    ink = (grey < 160).astype(np.uint8)
    length = max(40, width // 30)  # a ruling is longer than any stroke of a character
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(28, height // 90))))
    rulings = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    labels = np.zeros(grey.shape, np.int32)
    tables: list[_Table] = []
    count, grids, stats, _ = cv2.connectedComponentsWithStats(rulings, connectivity=8)
    cell_index = 0
    for grid in range(1, count):
        x, y, w, h = (int(v) for v in stats[grid][:4])
        if w < width // 4 or h < 20:
            continue  # a rule under a heading, a stroke: no table
        frame = (grids[y : y + h, x : x + w] == grid).astype(np.uint8)
        regions, region_labels, region_stats, _ = cv2.connectedComponentsWithStats(1 - frame, connectivity=4)
        cells: list[_Cell] = []
        for region in range(1, regions):
            rx, ry, rw, rh = (int(v) for v in region_stats[region][:4])
            touches_edge = rx == 0 or ry == 0 or rx + rw == w or ry + rh == h
            if touches_edge or rw < 8 or rh < 8:
                continue  # outside the frame, or a gap inside a ruling
            cell_index += 1
            mask = region_labels == region
            labels[y : y + h, x : x + w][mask] = cell_index
            cells.append(_Cell(y + ry, x + rx, y + ry + rh, x + rx + rw, []))
        if cells:
            tables.append(_Table(y, y + h, cells))
    return tables, labels


def _row_order(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells in rows by their top edge (a merged cell in the row it starts), left to right."""
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.top, c.left)):
        if rows and abs(rows[-1][0].top - cell.top) <= 6:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [sorted(row, key=lambda c: c.left) for row in rows]


def _reading_order(boxes: list[Box]) -> list[list[Box]]:
    """Boxes in lines (a box joins a line its vertical middle falls inside), left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        for line in lines[-3:]:
            if line[0].y0 <= box.cy <= line[0].y1:
                line.append(box)
                break
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _cell_parts(boxes: list[Box]) -> list[Box]:
    """A cell's boxes in reading order. In a label cell (one with Chinese text), a fragment
    without any Chinese character read with low confidence is dropped: it is a mark the
    recogniser took for digits (a closing quote read as "79"), not a figure beside the label."""
    parts = [box for line in _reading_order(boxes) for box in line]
    if any(_has_han(box.text) for box in parts):
        parts = [box for box in parts if _has_han(box.text) or box.score >= UNCERTAIN]
    return parts


def _has_han(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in text)


def _join(boxes: list[Box]) -> str:
    text = ""
    for box in boxes:
        if text and not (_wide(text[-1]) or _wide(box.text[0])):
            text += " "
        text += box.text
    return text


def _wide(char: str) -> bool:
    return ord(char) > 0x2E7F


# ---------------------------------------------------------------------------------------------
# The Document


class _Out:
    """Canonical lines with their page origins, and the offsets of uncertain text."""

    def __init__(self) -> None:
        self.canonical = CanonicalText()
        self.uncertain: list[tuple[int, int]] = []
        self._offset = 0

    def add(self, parts: list[Box], line: str, location: str, page: int) -> None:
        start = self._offset
        self.canonical.add(line, len(self.canonical) + 1, 1, location, page)
        if any(box.score < UNCERTAIN for box in parts):
            self.uncertain.append((start, start + len(line)))
        self._offset += len(line) + 1


def deskew(grey: np.ndarray) -> np.ndarray:
    """The page turned upright: a scan is rarely square to the glass; the table rulings give the
    angle (their median slope), and rows are found by their tops only when the rulings are level."""
    import cv2
    import numpy as np

    height, width = grey.shape
    ink = (grey < 160).astype(np.uint8)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, width // 30), 1)))
    horizontal = cv2.dilate(horizontal, np.ones((3, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    angles = []
    for component in range(1, count):
        x, y, w, h = (int(v) for v in stats[component][:4])
        if w < width // 4 or h > w // 10:
            continue  # not one long ruling (a grid's lines are joined only through its verticals)
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == component)
        if len(xs) > 50:
            slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
            angles.append(float(np.degrees(np.arctan(slope))))
    if not angles:
        return grey
    angle = float(np.median(angles))
    if abs(angle) < 0.05 or abs(angle) > 5:
        return grey
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _document(path: str, pages: list[np.ndarray], source_format: str, empty: str = MSG_NO_TEXT) -> Document:
    out = _Out()
    tables_seen = 0
    for number, page in enumerate(pages, start=1):
        grey = deskew(page)
        boxes = recognise(grey)
        tables, labels = find_tables(grey)
        cells = [cell for table in tables for cell in table.cells]
        prose: list[Box] = []
        height, width = labels.shape
        for box in boxes:
            x, y = min(int(box.cx), width - 1), min(int(box.cy), height - 1)
            index = int(labels[y, x])
            (cells[index - 1].boxes if index else prose).append(box)
        blocks: list[tuple[float, object]] = [(table.top, table) for table in tables]
        blocks += [(line[0].y0, line) for line in _reading_order(prose)]
        blocks.sort(key=lambda block: block[0])
        _emit(out, blocks, number, tables_seen)
        tables_seen += len(tables)
    if not out.canonical.text.strip():
        raise InputError(path, empty)
    document = out.canonical.document(path, "ocr", source_format)
    return Document(
        path=document.path,
        text=document.text,
        encoding="ocr",
        source_format=source_format,
        origins=document.origins,
        source_lines=document.source_lines,
        uncertain=tuple(out.uncertain),
    )


def _emit(out: _Out, blocks: list[tuple[float, object]], page: int, tables_before: int) -> None:
    """A page's tables and prose lines, top to bottom; prose lines joined into paragraphs."""
    lines = [block for _, block in blocks if isinstance(block, list)]
    left = min((line[0].x0 for line in lines), default=0.0)
    right = max((line[-1].x1 for line in lines), default=0.0)
    paragraph: list[list[Box]] = []
    line_number = 0
    tables = tables_before

    def flush() -> None:
        if paragraph:
            parts = [box for line in paragraph for box in line]
            text = "".join(_join(line) for line in paragraph)
            out.add(parts, text, f"第{page}页第{line_number - len(paragraph) + 1}行", page)
            paragraph.clear()

    for _, block in blocks:
        if isinstance(block, _Table):
            flush()
            tables += 1
            for row_number, row in enumerate(_row_order(block.cells), start=1):
                for cell in row:
                    parts = _cell_parts(cell.boxes)
                    text = "".join(box.text for box in parts)
                    out.add(parts, cell_line(text), f"第{page}页 第{tables}个表格第{row_number}行", page)
            continue
        assert isinstance(block, list)
        line_number += 1
        height = max(box.y1 - box.y0 for box in block)
        if paragraph:
            previous = paragraph[-1]
            runs_on = previous[-1].x1 >= right - 1.5 * height and block[0].x0 <= left + 0.8 * height
            if not runs_on:
                flush()
        paragraph.append(block)
    flush()
