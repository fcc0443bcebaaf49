"""A table row cut by a page break (Word's 允许跨行断页, issue 18 item 1), on small drawn PDFs.

Two pages, one ruled table of a label column and two number columns: page 1 ends with a row
cut by the break, page 2 starts with what flowed over. The rest is joined into the row it
belongs to; a row that only starts at the top of page 2 stays a row of its own. The same shape
from LibreOffice (seed 000 in the official Word layout) is tests/test_word_pdf.py.
"""

from __future__ import annotations

import io

import pytest
from pdf_render import BODY_SIZE, FONT, _register_font

from giplint.readers.pdf import read_pdf

ROW = 20.0  # row height
PAD = 4.0  # text inset from the cell's left edge


def _label_width(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_font()
    return stringWidth(text, FONT, BODY_SIZE)


def _table(pdf: object, top: float, rows: list[list[str]], columns: list[float], height: float) -> None:
    """Rows drawn from `top` (from the page's top) in ruled cells; the page is `height` high."""
    canvas: object = pdf
    bottom = top + ROW * len(rows)
    for index in range(len(rows) + 1):
        y = height - (top + ROW * index)
        canvas.line(columns[0], y, columns[-1], y)  # type: ignore[attr-defined]
    for x in columns:
        canvas.line(x, height - top, x, height - bottom)  # type: ignore[attr-defined]
    canvas.setFont(FONT, BODY_SIZE)  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        baseline = height - (top + ROW * r + 14)
        for c, text in enumerate(row):
            canvas.drawString(columns[c] + PAD, baseline, text)  # type: ignore[attr-defined]


def _two_pages(last: list[list[str]], first: list[list[str]], label_width: float) -> bytes:
    """Page 1 ends with the rows `last`, at the bottom margin; page 2 starts with `first`."""
    from reportlab.pdfgen import canvas

    _register_font()
    height = 842.0
    columns = [72.0, 72.0 + label_width, 72.0 + label_width + 60, 72.0 + label_width + 120]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595.0, height))
    _table(pdf, 770.0 - ROW * len(last), last, columns, height)
    pdf.showPage()
    _table(pdf, 72.0, first, columns, height)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _cells(data: bytes) -> list[str]:
    return [line.removesuffix(" |") for line in read_pdf("cut.pdf", data).source_lines]


CUT = "3.要求提供公开出版"


def _wrapped() -> float:
    """A label column as wide as the label's first line: the line wrapped at the cell's edge."""
    return _label_width(CUT) + PAD + 3


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        pytest.param(
            [["2.重复申请", "0", "0"], [CUT, "0", "0"]],
            [["物", "", ""], ["4.其他", "1", "1"]],
            ["2.重复申请", "0", "0", "3.要求提供公开出版物", "0", "0", "4.其他", "1", "1"],
            id="the-label-goes-on",
        ),
        pytest.param(
            [["2.重复申请", "0", "0"], [CUT, "", ""]],
            [["物", "5", "5"], ["4.其他", "1", "1"]],
            ["2.重复申请", "0", "0", "3.要求提供公开出版物", "5", "5", "4.其他", "1", "1"],
            id="its-numbers-below-the-break",
        ),
        pytest.param(
            [["2.重复申请", "0", "0"], ["3.其他", "0", "0"]],
            [["", "", ""], ["4.其他", "1", "1"]],
            ["2.重复申请", "0", "0", "3.其他", "0", "0", "4.其他", "1", "1"],
            id="only-its-bottom-below",
        ),
        pytest.param(
            [["2.重复申请", "0", "0"], [CUT, "0", "0"]],
            [["4.其他", "1", "1"]],
            ["2.重复申请", "0", "0", CUT, "0", "0", "4.其他", "1", "1"],
            id="a-numbered-row-is-a-row",
        ),
        pytest.param(
            [["行政许可", "0", "0"], [CUT, "3", "3"]],
            [["物品", "1", "1"]],
            ["行政许可", "0", "0", CUT, "3", "3", "物品", "1", "1"],
            id="a-row-with-its-own-numbers-is-a-row",
        ),
    ],
)
def test_a_row_cut_by_the_page_break_is_one_row(
    last: list[list[str]], first: list[list[str]], expected: list[str]
) -> None:
    assert _cells(_two_pages(last, first, _wrapped())) == expected


def test_a_short_label_above_the_break_does_not_go_on() -> None:
    """规章 ends far from its cell's edge: 行政处罚 below it is the next row, not its rest."""
    cells = _cells(_two_pages([["规章", "2", "2"]], [["行政处罚", "", ""]], _wrapped()))
    assert cells == ["规章", "2", "2", "行政处罚", "", ""]
