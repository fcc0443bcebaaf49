"""One page of a PDF with a text layer: its text lines and its ruled tables, in reading order.

What giplint/readers/pdf.py's child reads of each page (PDFium's characters and ruling edges,
giplint/readers/_pdfium.py): the ruled tables pdfplumber's finder sees in the ruling lines
(at least two columns: a single ruled column is a shaded or boxed paragraph, read as text),
each cell with its box, and the text outside them as lines, page furniture in the top and
bottom margins dropped (``- 3 -``, ``第3页``, ``第 3 页 共 6 页``). The Kangxi radicals and CJK
compatibility ideographs that PDF fonts emit for ordinary characters (``⼀`` U+2F00 for 一,
``⾏`` for 行) are folded before anything else looks at the text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from giplint.readers import _pdfium  # _pdfium imports pypdfium2 only on use
from giplint.readers._canon import join_lines
from giplint.readers._pdf_words import TextLine, text_lines

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


# ---------------------------------------------------------------------------------------------
# What a page holds


@dataclass(frozen=True)
class Word:
    """A run of a line's characters with no wider gap than a space between them: a cell's text
    in a table drawn without ruling lines, where only the gaps tell the columns apart."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class Line:
    """One line of text outside the tables."""

    page: int
    number: int  # the line's number on its page, counting every line of text (tables included)
    top: float
    x0: float
    x1: float
    size: float
    text: str
    font: str = ""  # the font most of its Chinese characters are set in
    words: tuple[Word, ...] = ()
    row: bool = False  # a table row put together from positions (_pdf_rows.py): never joined to another


@dataclass
class Cell:
    text: str
    row: int  # 1-based within the page's part of the table
    column: int
    bbox: tuple[float, float, float, float]
    tall: bool  # spans more than one row
    full: bool = False  # its last line of text reaches the cell's right edge: a line that wrapped


@dataclass
class Part:
    """The part of a ruled table on one page."""

    page: int
    index: int  # the table's order on its page, 1-based
    top: float
    bbox: tuple[float, float, float, float]
    rows: list[list[Cell]]
    head: Part | None = None  # the table's first part, when this part continues it
    dropped_rows: int = 0  # repeated header rows at the top, not emitted


Block = Line | Part


@dataclass
class Page:
    number: int
    blocks: list[Block] = field(default_factory=list)


def cell_text(text: str) -> str:
    """A cell's lines joined as a wrapped paragraph is (``只计这一情形,`` + ``不计`` has no space)."""
    return join_lines(text.split("\n"))[0]


# ---------------------------------------------------------------------------------------------
# One page


def read_page(number: int, page: _pdfium.Page) -> Page:
    """The page's text lines and ruled tables, in reading order (top to bottom)."""
    from giplint.readers import _ruled

    found = _ruled.find_tables(page) if page.rules else []  # no rules, no table
    tables = [table for table in found if _columns(table) >= 2]
    boxes = [table.bbox for table in tables]
    inside = {id(char): char for box in boxes for char in page.within(box)}  # by bisection, not char × box
    outside = [char for char in page.chars if id(char) not in inside]
    lines = [line for line in text_lines(outside) if line.text.strip()]
    lines = [line for line in lines if not _furniture(line, page.height)]
    numbering = _LineNumbers(list(inside.values()), lines)
    blocks: list[Block] = [
        Line(
            number,
            numbering.of(line.top),
            line.top,
            line.x0,
            line.x1,
            line.bottom - line.top,
            fold_characters(line.text),
            _font(line.chars),
            _words(line.chars),
        )
        for line in lines
    ]
    for index, table in enumerate(sorted(tables, key=lambda t: t.bbox[1]), start=1):
        blocks.append(_part(number, index, table))
    blocks.sort(key=lambda block: block.top)
    return Page(number, blocks)


def _font(chars: list[dict[str, Any]]) -> str:
    """The font of most of a line's Chinese characters (digits are often set in another font)."""
    fonts = Counter(
        char["fontname"] for char in chars if unicodedata.east_asian_width(char["text"][:1] or " ") == "W"
    )
    return fonts.most_common(1)[0][0] if fonts else ""


def _words(chars: list[dict[str, Any]]) -> tuple[Word, ...]:
    """The line's words: a gap wider than half a character starts a new one (CJK text is set
    without gaps, a space is about a third of a character, table columns are far apart)."""
    words: list[Word] = []
    run: list[dict[str, Any]] = []
    for char in sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"]):
        if run and char["x0"] - run[-1]["x1"] > char["size"] / 2:
            words.append(_word(run))
            run = []
        run.append(char)
    if run:
        words.append(_word(run))
    return tuple(words)


def _word(chars: list[dict[str, Any]]) -> Word:
    text = fold_characters("".join(char["text"] for char in chars))
    top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
    return Word(chars[0]["x0"], chars[-1]["x1"], top, bottom, text)


def _columns(table: Any) -> int:
    return max((sum(1 for cell in row.cells if cell is not None) for row in table.rows), default=0)


def _furniture(line: TextLine, height: float) -> bool:
    """A page number or running footer in the top or bottom margin."""
    in_margin = line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN)
    return in_margin and _FURNITURE.fullmatch(line.text.strip()) is not None


class _LineNumbers:
    """Line numbers as an editor counts them on the page: every line of text from the top."""

    def __init__(self, table_chars: list[dict[str, Any]], lines: list[TextLine]) -> None:
        tops = [line.top for line in lines]
        tops += [char["top"] for char in table_chars]
        self._tops: list[float] = []
        for top in sorted(tops):
            if not self._tops or top - self._tops[-1] > 3:
                self._tops.append(top)

    def of(self, top: float) -> int:
        return bisect.bisect_left(self._tops, top - 3) + 1  # the tops above it (sorted)


def _part(page: int, index: int, table: Any) -> Part:
    rows: list[list[Cell]] = []
    texts = table.extract()
    for r, (row, row_texts) in enumerate(zip(table.rows, texts, strict=True), start=1):
        cells: list[Cell] = []
        row_bottom = min((bbox[3] for bbox in row.cells if bbox is not None), default=row.bbox[3])
        for c, (bbox, text) in enumerate(zip(row.cells, row_texts, strict=True), start=1):
            if bbox is None:  # covered by a merged cell that starts above or to the left
                continue
            tall = bbox[3] > row_bottom + 1
            cells.append(Cell(fold_characters(text or ""), r, c, bbox, tall, _full(table.page.within(bbox), bbox)))
        rows.append(cells)
    return Part(page, index, table.bbox[1], table.bbox, rows)


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
