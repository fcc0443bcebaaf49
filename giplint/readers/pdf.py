"""PDF reader: a published report PDF (made from Word or WPS, with a text layer) → canonical `|`-cell text.

Engine: PDFium (pypdfium2) parses the page and gives its characters (box, font, size) and the
straight segments of its paths (giplint/readers/_pdfium.py); pdfplumber's table finder and
text-line clustering, pure Python, take those as they are. The table finder works from the
ruling lines that Word and WPS draw around every table cell, which is what gives the cells of
the report's tables (merged cells included) rather than a guess from text positions. pdfminer
(pdfplumber's own parser, 5–10× slower) is imported by pdfplumber's package but never parses.
All of it runs in a bounded child process (giplint/readers/_bounded.py), imported only here,
when a .pdf is read.

What the reader does, page by page:

- folds the Kangxi radicals and CJK compatibility ideographs that PDF fonts emit for ordinary
  characters (``⼀`` U+2F00 for 一, ``⾏`` for 行) before anything else looks at the text;
- finds the ruled tables (at least two columns: a single ruled column is a shaded or boxed
  paragraph, read as text), and reads the text outside them line by line in reading order;
- drops page furniture in the top and bottom margins (``- 3 -``, ``第3页``, ``第 3 页 共 6 页``);
- joins wrapped lines into paragraphs (a paragraph starts indented, or after a short line), also
  across a page break, so that a sentence the page wrapped is one sentence;
- joins a table continued on the next page into one (the repeated header rows, if any, dropped;
  the part of a merged label cell that flowed onto the next page added back to its label, and
  the rest of a row the page break cut joined into that row, not read as a row of its own);
- emits each table cell once, at its top-left, in row order: the same lowering as the Word reader.

Positions: a paragraph line is ``第3页第12行`` (lines of text counted from the top of the page,
table rows included); a cell is ``第4页 第2个表格第5行第3列`` (the table's order on that page, the
row and column within that page's part of it). Not read: scans without a text layer (no OCR),
tables drawn without ruling lines (their cells come out as text lines), text in floating boxes.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from giplint.published import pdf_date
from giplint.readers import _bounded, _pdfium  # _pdfium imports pypdfium2 only on use
from giplint.readers._canon import CanonicalText, cell_line, collapse, join_lines
from giplint.source import Document, InputError
from giplint.span import Origin

MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 300

MSG_SCANNED = "这是扫描件，没有文字层；请用原始的 Word 文件或带文字的 PDF 检查。"
MSG_ENCRYPTED = "这个 PDF 设置了打开密码（已加密），无法读取。请提供未加密的 PDF 或原始的 Word 文件。"
MSG_CORRUPT = (
    "PDF 文件已损坏或不完整（可能下载中断），无法读取。请重新下载或重新导出 PDF，或改用原始的 Word 文件。"
)
MSG_TOO_BIG = (
    f"PDF 超过 {MAX_BYTES // (1024 * 1024)} MB，不像一份年报，未检查。请确认选择了正确的文件，"
    "或改用原始的 Word 文件。"
)
MSG_TOO_COMPLEX = (
    "PDF 第 {page} 页的内容过多（字符、线条或嵌套对象超过上限），不像一份年报，未检查。"
    "请确认选择了正确的文件，或重新导出 PDF，或改用原始的 Word 文件。"
)
MSG_TOO_LONG = (
    f"PDF 共 {{pages}} 页，超过 {MAX_PAGES} 页，不像一份年报，未检查。请确认选择了正确的文件，"
    "或只导出年报部分。"
)

_LIMITS = "请重新导出 PDF，或改用原始的 Word 文件。"
_REFUSED = {
    "time": f"读取这个 PDF 超过 {_bounded.TIME_LIMIT:g} 秒仍未完成（文件结构异常，或被刻意构造），已停止，未检查。"
    + _LIMITS,
    "memory": f"读取这个 PDF 需要的内存超过 {_bounded.MEMORY_LIMIT >> 30} GB 上限（文件结构异常，如压缩炸弹），"
    "已停止，未检查。" + _LIMITS,
    "crash": f"读取这个 PDF 时 PDF 引擎异常退出（多为超出 {_bounded.MEMORY_LIMIT >> 30} GB 内存上限或文件结构异常），"
    "未检查。" + _LIMITS,
}


# ---------------------------------------------------------------------------------------------
# Characters


def _compatibility_folds() -> dict[int, str]:
    """Kangxi radicals (U+2F00–U+2FD5) and CJK compatibility ideographs → the unified ideograph.

    NFKC maps every one of them (the radicals by their compatibility decomposition, the
    compatibility ideographs by their canonical one); applying NFKC to the whole text instead
    would also fold full-width punctuation, which the rest of giplint reads as written.
    """
    ranges = (range(0x2F00, 0x2FD6), range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))
    folds: dict[int, str] = {}
    for block in ranges:
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code))
            if folded != chr(code) and len(folded) == 1:
                folds[code] = folded
    return folds


_FOLDS = _compatibility_folds()


def fold_characters(text: str) -> str:
    """The text with Kangxi radicals and compatibility ideographs replaced by normal characters."""
    return text.translate(_FOLDS)


# Page numbers and running footers; only dropped inside the top or bottom margin of a page.
_FURNITURE = re.compile(
    r"[-—–－]\s*\d+\s*[-—–－]"
    r"|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|\d+"
)
_MARGIN = 0.12  # of the page height: where headers and footers sit
_NUMBER = re.compile(r"[\d.,\s%‰-]*")
# How the labels of a report's tables are numbered: （四）, (4), 三、, 1. 1、
_ORDINAL = re.compile(r"[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]")


# ---------------------------------------------------------------------------------------------
# What a page holds


@dataclass
class _Line:
    """One line of text outside the tables."""

    page: int
    number: int  # the line's number on its page, counting every line of text (tables included)
    top: float
    x0: float
    x1: float
    size: float
    text: str
    font: str = ""  # the font most of its Chinese characters are set in


@dataclass
class _Cell:
    text: str
    row: int  # 1-based within the page's part of the table
    column: int
    bbox: tuple[float, float, float, float]
    tall: bool  # spans more than one row
    full: bool = False  # its last line of text reaches the cell's right edge: a line that wrapped


@dataclass
class _Part:
    """The part of a ruled table on one page."""

    page: int
    index: int  # the table's order on its page, 1-based
    top: float
    bbox: tuple[float, float, float, float]
    rows: list[list[_Cell]]
    head: _Part | None = None  # the table's first part, when this part continues it
    dropped_rows: int = 0  # repeated header rows at the top, not emitted


_Block = _Line | _Part


@dataclass
class _Page:
    number: int
    blocks: list[_Block] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Entry point


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF report with a text layer; raise InputError for anything else (scan, password …).

    The PDF is parsed in a child process under a time and a memory bound (giplint/readers/
    _bounded.py): a hostile PDF costs at most TIME_LIMIT seconds and MEMORY_LIMIT bytes, and
    an engine crash costs this file only."""
    if len(data) > MAX_BYTES:
        raise InputError(path, MSG_TOO_BIG)
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "文件扩展名是 .pdf，但内容不是 PDF。请确认选择了正确的文件。")
    if b"%%EOF" not in data:  # cut short (an interrupted download): PDFium would read a part of it
        raise InputError(path, MSG_CORRUPT)
    engine()
    try:
        answer = _bounded.run("giplint.readers.pdf:read_canonical", path, data)
    except _bounded.Refused as refused:
        raise InputError(path, _REFUSED[refused.reason]) from refused
    if "message" in answer:
        if answer["message"] == MSG_SCANNED:  # no text layer: OCR when the extra is installed
            from giplint.readers.ocr import read_scan

            return read_scan(path, data, MSG_SCANNED)
        raise InputError(path, answer["message"])
    if "error" in answer:  # a bug in the reader, not a property of the file: an internal error
        name, message = answer["error"]
        raise RuntimeError(f"{name}: {message}")
    lines = tuple(answer["lines"])
    created = pdf_date(answer.get("created", ""))  # the Info dictionary's CreationDate
    return Document(
        path=path,
        text="".join(line + "\n" for line in lines),
        encoding="pdf",
        source_format="pdf",
        origins=tuple(Origin(*origin) for origin in answer["origins"]),
        source_lines=lines,
        published=created,
        published_from="pdf" if created else "",
    )


def read_canonical(path: str, data: bytes) -> dict[str, Any]:
    """The work done in the child: the PDF's canonical lines and their origins, as JSON values
    (``{"message": …}`` when the file cannot be read as a report)."""
    try:
        pages, created = _read_pages(path, data)
        if not any(page.blocks for page in pages):
            raise InputError(path, MSG_SCANNED)
    except InputError as exc:
        return {"message": exc.message}
    _join_tables(pages)
    canonical = CanonicalText()
    _lower(pages, canonical)
    origins = [[o.offset, o.line, o.column, o.location, o.page] for o in canonical.origins]
    return {"lines": list(canonical.lines), "origins": origins, "created": created}


def _meta_text(raw: Any, pdf: Any, key: bytes) -> str:
    """One entry of the PDF's Info dictionary (PDFium gives it as UTF-16LE), or ""."""
    size = raw.FPDF_GetMetaText(pdf, key, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDF_GetMetaText(pdf, key, buffer, size)
    return buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\x00")


def engine() -> None:
    """Import the PDF engine: PDFium (pypdfium2) and pdfplumber's table finder and text-line
    clustering, which take PDFium's characters and edges (giplint/readers/_pdfium.py). Done in
    the parent before the child is forked, so a run pays for the import once, not per PDF.
    pdfplumber's package imports pdfminer.six; none of its parsing runs."""
    import pdfplumber.table
    import pdfplumber.utils.text  # noqa: F401
    import pypdfium2.raw  # noqa: F401


def _read_pages(path: str, data: bytes) -> tuple[list[_Page], str]:
    """The pages, and the Info dictionary's CreationDate as written ("" when absent)."""
    from pypdfium2 import raw

    from giplint.readers import _pdfium

    buffer = ctypes.create_string_buffer(data, len(data))  # PDFium reads it in place: kept alive
    pdf = raw.FPDF_LoadMemDocument64(buffer, len(data), None)
    if not pdf:
        error = raw.FPDF_GetLastError()
        raise InputError(path, MSG_ENCRYPTED if error == raw.FPDF_ERR_PASSWORD else MSG_CORRUPT)
    try:
        count = raw.FPDF_GetPageCount(pdf)  # the page tree only: no page content is parsed yet
        if count > MAX_PAGES:
            raise InputError(path, MSG_TOO_LONG.format(pages=count))
        pages = []
        for index in range(count):
            try:
                page = _pdfium.read_page(pdf, index)
            except _pdfium.TooComplex as exc:
                raise InputError(path, MSG_TOO_COMPLEX.format(page=exc.page)) from exc
            except ValueError as exc:
                raise InputError(path, MSG_CORRUPT) from exc
            pages.append(_read_page(index + 1, page))
        return pages, _meta_text(raw, pdf, b"CreationDate")
    finally:
        raw.FPDF_CloseDocument(pdf)


# ---------------------------------------------------------------------------------------------
# One page


def _read_page(number: int, page: _pdfium.Page) -> _Page:
    """The page's text lines and ruled tables, in reading order (top to bottom)."""
    from pdfplumber.table import TableFinder, TableSettings
    from pdfplumber.utils.text import chars_to_textmap

    # The finder reads only `chars`, `edges` and `bbox` of its page, which _pdfium.Page has.
    finder = TableFinder(cast("Any", page), TableSettings.resolve(None)) if page.rules else None
    found = finder.tables if finder is not None else []  # no rules, no table
    tables = [table for table in found if _columns(table) >= 2]
    boxes = [table.bbox for table in tables]
    for table in tables:  # Table.extract tests every char of its page against every cell: give it
        table.page = cast("Any", _pdfium.Page(number, page.width, page.height, _within(page.chars, table.bbox)))
    outside = [char for char in page.chars if not _inside(char, boxes)]
    found_lines = chars_to_textmap(outside).extract_text_lines() if outside else []
    lines = [line for line in found_lines if line["text"].strip()]
    lines = [line for line in lines if not _furniture(line, page.height)]
    numbering = _LineNumbers(page, boxes, lines)
    blocks: list[_Block] = [
        _Line(
            number,
            numbering.of(line["top"]),
            line["top"],
            line["x0"],
            line["x1"],
            line["bottom"] - line["top"],
            fold_characters(line["text"]),
            _font(line["chars"]),
        )
        for line in lines
    ]
    for index, table in enumerate(sorted(tables, key=lambda t: t.bbox[1]), start=1):
        blocks.append(_part(number, index, table))
    blocks.sort(key=lambda block: block.top)
    return _Page(number, blocks)


def _font(chars: list[dict[str, Any]]) -> str:
    """The font of most of a line's Chinese characters (digits are often set in another font)."""
    fonts = Counter(
        char["fontname"] for char in chars if unicodedata.east_asian_width(char["text"][:1] or " ") == "W"
    )
    return fonts.most_common(1)[0][0] if fonts else ""


def _columns(table: Any) -> int:
    return max((sum(1 for cell in row.cells if cell is not None) for row in table.rows), default=0)


def _inside(obj: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    mid_x = (obj["x0"] + obj["x1"]) / 2
    mid_y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes)


def _within(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """The chars whose middle is in `box` (edges included: a superset of what a cell takes)."""
    x0, top, x1, bottom = box
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _furniture(line: dict[str, Any], height: float) -> bool:
    """A page number or running footer in the top or bottom margin."""
    in_margin = line["bottom"] < height * _MARGIN or line["top"] > height * (1 - _MARGIN)
    return in_margin and _FURNITURE.fullmatch(line["text"].strip()) is not None


class _LineNumbers:
    """Line numbers as an editor counts them on the page: every line of text from the top."""

    def __init__(
        self, page: _pdfium.Page, boxes: Sequence[tuple[float, float, float, float]], lines: list[Any]
    ) -> None:
        tops = [line["top"] for line in lines]
        tops += [char["top"] for char in page.chars if _inside(char, boxes)]
        self._tops: list[float] = []
        for top in sorted(tops):
            if not self._tops or top - self._tops[-1] > 3:
                self._tops.append(top)

    def of(self, top: float) -> int:
        return sum(1 for other in self._tops if other < top - 3) + 1


def _part(page: int, index: int, table: Any) -> _Part:
    rows: list[list[_Cell]] = []
    texts = table.extract()
    chars = table.page.chars
    for r, (row, row_texts) in enumerate(zip(table.rows, texts, strict=True), start=1):
        cells: list[_Cell] = []
        row_bottom = min((bbox[3] for bbox in row.cells if bbox is not None), default=row.bbox[3])
        for c, (bbox, text) in enumerate(zip(row.cells, row_texts, strict=True), start=1):
            if bbox is None:  # covered by a merged cell that starts above or to the left
                continue
            tall = bbox[3] > row_bottom + 1
            cells.append(_Cell(fold_characters(text or ""), r, c, bbox, tall, _full(_within(chars, bbox), bbox)))
        rows.append(cells)
    return _Part(page, index, table.bbox[1], table.bbox, rows)


def _full(chars: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> bool:
    """Whether the cell's last line of text ends within two characters of its right edge (the
    cell's padding and one character that did not fit): the line wrapped, the text goes on."""
    shown = [char for char in chars if char["text"].strip()]
    if not shown:
        return False
    low = max(char["bottom"] for char in shown)
    last = [char for char in shown if char["bottom"] > low - char["size"] / 2]
    size = max(char["size"] for char in last)
    end: float = max(char["x1"] for char in last)
    return bool(bbox[2] - end < 2 * size)


# ---------------------------------------------------------------------------------------------
# Tables over a page break


def _join_tables(pages: list[_Page]) -> None:
    """Mark a table that continues onto the next page, drop its repeated header rows, and give
    the part of a merged label cell that flowed over the break back to its label."""
    for before, after in itertools.pairwise(pages):
        if not before.blocks or not after.blocks:
            continue
        last, first = before.blocks[-1], after.blocks[0]
        if not (isinstance(last, _Part) and isinstance(first, _Part)):
            continue
        tolerance = 0.03 * max(last.bbox[2] - last.bbox[0], 1)
        if abs(last.bbox[0] - first.bbox[0]) > tolerance or abs(last.bbox[2] - first.bbox[2]) > tolerance:
            continue
        first.head = last.head or last
        first.dropped_rows = _repeated_header(first.head, first)
        _give_back_fragments(last, first)
        _join_cut_row(last, first)


def _cell_text(text: str) -> str:
    """A cell's lines joined as a wrapped paragraph is (``只计这一情形,`` + ``不计`` has no space)."""
    return join_lines(text.split("\n"))[0]


def _texts(row: list[_Cell]) -> list[str]:
    return [_cell_text(cell.text) for cell in row]


def _repeated_header(head: _Part, part: _Part) -> int:
    """How many rows at the top of `part` repeat the first rows of the table (Word's 标题行重复)."""
    count = 0
    while (
        count < len(part.rows) - 1
        and count < len(head.rows)
        and _texts(part.rows[count])
        and _texts(part.rows[count]) == _texts(head.rows[count])
    ):
        count += 1
    return count


def _give_back_fragments(before: _Part, part: _Part) -> None:
    """A label cell merged over several rows that the page break cut: its first lines end the
    previous part, the rest starts this one. The rest is added back to the label it belongs to
    (``（四）无`` + ``法提供``) and not emitted on its own.

    A cell below the break is such a rest when it sits under a cell that reaches the break, one
    of the two spans several rows, and it is not a number and does not start a new numbered label
    (``（四）``, ``三、``, ``1.``): then it is the next group of rows, not the rest of the last.
    """
    first = part.dropped_rows
    if first >= len(part.rows) or not before.rows:
        return
    bottom = before.bbox[3]
    open_cells = [cell for row in before.rows for cell in row if abs(cell.bbox[3] - bottom) < 2]
    kept: list[_Cell] = []
    for cell in part.rows[first]:
        owner = _owner(cell, open_cells)
        text = _cell_text(cell.text)
        rest = (
            owner is not None
            and (cell.tall or owner.tall)
            and _NUMBER.fullmatch(text) is None
            and _ORDINAL.match(text) is None
        ) or (owner is not None and not text and cell.tall)
        if rest and owner is not None:
            owner.text = f"{owner.text}\n{cell.text}" if text else owner.text
        else:
            kept.append(cell)
    part.rows[first] = kept


def _join_cut_row(before: _Part, part: _Part) -> None:
    """A row the page break cut (Word's 允许跨行断页): its first lines end the previous part, the
    rest is the first row of this one. That rest is joined into the row it belongs to, cell by
    cell under the cells that reach the break, and not emitted as a row of its own.

    The first row is such a rest when each of its cells sits under a cell of the row cut and
    - it is empty (nothing flowed over: a row whose bottom only is on this page),
    - or it holds a number and the cell above is empty (the numbers of a row whose label was
      above the break),
    - or it is text that is no number and starts no numbered label (``（四）``, ``三、``, ``1.``),
      and the cell above is text whose last line wrapped at the cell's right edge (``3.要求提供
      公开出版`` + ``物``),
    and the cells that hold numbers above hold none here (a new row brings its own numbers).
    """
    first = part.dropped_rows
    if first >= len(part.rows) or not before.rows or not part.rows[first]:
        return
    bottom = before.bbox[3]
    open_cells = [cell for row in before.rows for cell in row if abs(cell.bbox[3] - bottom) < 2]
    pairs: list[tuple[_Cell, _Cell]] = []
    for cell in part.rows[first]:
        owner = _owner(cell, open_cells)
        if owner is None or cell.tall:
            return
        text, above = _cell_text(cell.text), _cell_text(owner.text)
        if not text:
            continue
        if _NUMBER.fullmatch(text) is not None:
            if above:
                return
        elif (
            _ORDINAL.match(text) is not None
            or not above
            or _NUMBER.fullmatch(above) is not None
            or not owner.full
        ):
            return
        pairs.append((owner, cell))
    for owner, cell in pairs:
        owner.text = f"{owner.text}\n{cell.text}" if owner.text else cell.text
    part.rows[first] = []


def _owner(cell: _Cell, candidates: list[_Cell]) -> _Cell | None:
    middle = (cell.bbox[0] + cell.bbox[2]) / 2
    for candidate in candidates:
        if candidate.bbox[0] <= middle <= candidate.bbox[2] and abs(candidate.bbox[0] - cell.bbox[0]) < 3:
            return candidate
    return None


# ---------------------------------------------------------------------------------------------
# Lowering to the canonical layout


def _lower(pages: list[_Page], out: CanonicalText) -> None:
    margins = _Margins.of(pages)
    paragraph: list[_Line] = []
    in_title = True  # the lines before the first body-sized line: a title set over two lines
    for page in pages:
        for block in page.blocks:
            if isinstance(block, _Part):
                _emit_paragraph(paragraph, out)
                paragraph = []
                in_title = False
                _emit_part(block, out)
                continue
            in_title = in_title and margins.larger_than_body(block)
            title_goes_on = in_title and bool(paragraph) and abs(paragraph[-1].size - block.size) < 1
            if paragraph and not title_goes_on and margins.starts_paragraph(paragraph[-1], block):
                _emit_paragraph(paragraph, out)
                paragraph = []
            paragraph.append(block)
    _emit_paragraph(paragraph, out)


@dataclass(frozen=True)
class _Margins:
    """The body's left and right edges, to tell indented first lines and short last lines."""

    left: float
    right: float
    size: float  # the body text's line height

    @classmethod
    def of(cls, pages: list[_Page]) -> _Margins:
        lines = [block for page in pages for block in page.blocks if isinstance(block, _Line)]
        if not lines:
            return cls(0, 0, 0)
        right = statistics.quantiles([line.x1 for line in lines], n=10)[-1] if len(lines) > 1 else lines[0].x1
        # The body's left edge: the leftmost position that several lines start at (a stray line
        # further left, such as a signature, does not move it; indented first lines are right of it).
        starts = Counter(round(line.x0) for line in lines)
        common = [x0 for x0, count in starts.items() if count >= max(2, len(lines) // 10)]
        left = min(common) if common else min(starts)
        return cls(left, right, statistics.median(line.size for line in lines))

    def larger_than_body(self, line: _Line) -> bool:
        return line.size > self.size * 1.15

    def starts_paragraph(self, previous: _Line, line: _Line) -> bool:
        """An indented line, a line after a short one, or a short line in another font than the
        line before (a heading such as 一、总体情况 in 黑体 set flush left after a full line)."""
        size = max(line.size, 1)
        indented = line.x0 > self.left + size * 0.8
        after_short = previous.x1 < self.right - size * 1.5
        heading = line.x1 < self.right - size * 1.5 and "" != line.font != previous.font != ""
        return indented or after_short or heading


def _emit_paragraph(lines: list[_Line], out: CanonicalText) -> None:
    """One canonical line per paragraph; each PDF line of it keeps its own page and line."""
    kept = [line for line in lines if collapse(line.text)]
    text, starts = join_lines([line.text for line in kept])
    if text:
        out.add_runs(
            text,
            [
                (start, f"第{line.page}页第{line.number}行", line.page)
                for start, line in zip(starts, kept, strict=True)
            ],
        )


def _emit_part(part: _Part, out: CanonicalText) -> None:
    for row in part.rows[part.dropped_rows :]:
        for cell in row:
            location = f"第{part.page}页 第{part.index}个表格第{cell.row}行第{cell.column}列"
            out.add(cell_line(_cell_text(cell.text)), len(out) + 1, 1, location, part.page)
