"""Tables drawn without ruling lines: rows put together from positions (issue 18 items 1 and 10).

Small drawn PDFs, no rulings: the reader sees only the text layer. Item 10: a label on two lines
with its figures centred beside it, and the group label （四）无法提供 centred over its rows, put the
figures between the label's lines (in text order, ``供 0 1 0`` came before ``作``, and the figures
went to the wrong row). Item 1: a row the page break cut, its label's end or its figures at the
top of the next page, after the page number. And the five seeds in the official layout drawn
without rulings give the findings of their .txt (those that do now; see SEEDS).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEEDS, lint_file, need_shared
from office_render import official_report
from pdf_render import FONT, _register_font, write_pdf

from giplint.readers.pdf import read_pdf

SIZE = 9.0
HEIGHT = 842.0
GROUP_X, LABEL_X, FIGURES_X = 72.0, 140.0, 300.0  # column left edges
LABEL_WIDTH = 11  # characters a label line holds before it wraps
LEADING = 11.0


def _rows_pdf(pages: list[list[tuple[str, list[str], list[str]]]], group: tuple[str, int, int] | None = None) -> bytes:
    """Each page's rows (group label column, label lines, figures), drawn from the top margin down
    without rulings: a row as high as its label, its figures centred on it. `group`: a label
    (text, first row, last row of page 1) set on two lines centred over those rows. Page numbers
    ``- N -`` in the bottom margin; the last row of a page may end right at the bottom margin."""
    from reportlab.pdfgen import canvas

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595.0, HEIGHT))
    for number, rows in enumerate(pages, start=1):
        pdf.setFont(FONT, SIZE)
        y = 120.0 if number > 1 else 700.0 - sum(max(len(lines), 1) * LEADING + 6 for _, lines, _ in rows)
        tops: list[tuple[float, float]] = []
        for _, lines, figures in rows:
            height = max(len(lines), 1) * LEADING + 6
            top = y + 3
            for index, line in enumerate(lines):
                pdf.drawString(LABEL_X, HEIGHT - (top + index * LEADING + SIZE), line)
            middle = y + height / 2
            for index, figure in enumerate(figures):
                pdf.drawString(FIGURES_X + index * 40, HEIGHT - (middle + SIZE / 2), figure)
            tops.append((y, y + height))
            y += height
        if group is not None and number == 1:
            text, first, last = group
            middle = (tops[first][0] + tops[last][1]) / 2
            half = len(text) - 2
            pdf.drawString(GROUP_X, HEIGHT - (middle - LEADING / 2 + SIZE / 2), text[:half])
            pdf.drawString(GROUP_X, HEIGHT - (middle + LEADING / 2 + SIZE / 2), text[half:])
        pdf.drawCentredString(297, 40, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(label: str) -> list[str]:
    """The label's lines in a label column LABEL_WIDTH characters wide."""
    return [label[start : start + LABEL_WIDTH] for start in range(0, len(label), LABEL_WIDTH)]


def _lines(data: bytes) -> list[str]:
    return list(read_pdf("rows.pdf", data).source_lines)


def test_figures_between_a_labels_two_lines_belong_to_it() -> None:
    """Issue 18 item 10: ``（四）无法提供 2.没有现成信息需要另行制作`` was read as blank, its
    figures given to the next row."""
    rows = [
        ("", _wrap("1.本机关不掌握相关政府信息"), ["1", "0", "1"]),
        ("", _wrap("2.没有现成信息需要另行制作"), ["0", "2", "2"]),
        ("", _wrap("3.补正后申请内容仍不明确"), ["0", "0", "0"]),
    ]
    lines = _lines(_rows_pdf([rows], group=("（四）无法提供", 0, 2)))
    assert lines == [
        "（四）无法提供",
        "1.本机关不掌握相关政府信息 1 0 1",
        "2.没有现成信息需要另行制作 0 2 2",
        "3.补正后申请内容仍不明确 0 0 0",
    ]


CUT = "3.要求提供公开出版物"


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        pytest.param(
            [("", ["2.重复申请"], ["0", "0"]), ("", [CUT[:LABEL_WIDTH - 1]], ["0", "0"])],
            [("", [CUT[LABEL_WIDTH - 1 :]], []), ("", ["4.其他"], ["1", "1"])],
            ["2.重复申请 0 0", f"{CUT} 0 0", "4.其他 1 1"],
            id="the-label-goes-on",
        ),
        pytest.param(
            [("", ["2.重复申请"], ["0", "0"]), ("", [CUT[:LABEL_WIDTH - 1]], [])],
            [("", [CUT[LABEL_WIDTH - 1 :]], ["5", "5"]), ("", ["4.其他"], ["1", "1"])],
            ["2.重复申请 0 0", f"{CUT} 5 5", "4.其他 1 1"],
            id="its-figures-below-the-break",
        ),
        pytest.param(
            [("", ["2.重复申请"], ["0", "0"]), ("", [CUT], [])],
            [("", [], ["5", "5"]), ("", ["4.其他"], ["1", "1"])],
            ["2.重复申请 0 0", f"{CUT} 5 5", "4.其他 1 1"],
            id="only-its-figures-below",
        ),
        pytest.param(
            [("", ["2.重复申请"], ["0", "0"]), ("", [CUT[:LABEL_WIDTH - 1]], ["0", "0"])],
            [("", ["4.其他"], ["1", "1"])],
            ["2.重复申请 0 0", f"{CUT[:LABEL_WIDTH - 1]} 0 0", "4.其他 1 1"],
            id="a-numbered-row-is-a-row",
        ),
        pytest.param(
            [("", ["行政许可"], ["0", "0"]), ("", [CUT[:LABEL_WIDTH - 1]], ["3", "3"])],
            [("", ["物品"], ["1", "1"])],
            ["行政许可 0 0", f"{CUT[:LABEL_WIDTH - 1]} 3 3", "物品 1 1"],
            id="a-row-with-its-own-figures-is-a-row",
        ),
        pytest.param(
            [("", ["2.重复申请"], ["0", "0"]), ("", ["规章"], ["2", "2"])],
            [("", ["行政处罚"], [])],
            ["2.重复申请 0 0", "规章 2 2", "行政处罚"],
            id="a-short-label-does-not-go-on",
        ),
    ],
)
def test_a_row_cut_by_the_page_break_is_one_row(
    last: list[tuple[str, list[str], list[str]]], first: list[tuple[str, list[str], list[str]]], expected: list[str]
) -> None:
    """Issue 18 item 1, the text-layer path: the page number between the two parts is dropped and
    the rest of the row joined into it."""
    assert _lines(_rows_pdf([last, first])) == expected


def test_header_cells_set_one_character_a_line_are_put_together() -> None:
    """Table 四's narrow columns: 结/果/维/持 one character a line beside 结果/维持 on two lines,
    under 行政复议 spanning them; each column's header is one cell again."""
    from reportlab.pdfgen import canvas

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595.0, HEIGHT))
    pdf.setFont(FONT, SIZE)
    columns = [72.0, 100.0, 128.0, 180.0]
    pdf.drawString(72, HEIGHT - 100, "行政复议")
    for column, header in zip(columns[:3], ["结果维持", "结果纠正", "总计"], strict=True):
        for index, character in enumerate(header):
            pdf.drawString(column, HEIGHT - (112 + index * LEADING), character)
    pdf.drawString(columns[3], HEIGHT - 118, "结果")
    pdf.drawString(columns[3], HEIGHT - 129, "维持")
    for column, figure in zip(columns, ["1", "0", "1", "3"], strict=True):
        pdf.drawString(column, HEIGHT - 170, figure)
    pdf.showPage()
    pdf.save()
    assert _lines(buffer.getvalue()) == ["行政复议", "结果维持 结果纠正 总计 结果维持", "1 0 1 3"]


# The seeds in the official layout (group labels merged down their rows, labels wrapped in narrow
# columns), drawn without rulings. Not 000: drawn here, its two-digit figures wrap inside their
# narrow cells (1 above 6), which Word does not do (test_word_pdf reads it from LibreOffice).
SEEDS_READ = ["001", "002", "003", "004"]


@pytest.mark.parametrize("prefix", SEEDS_READ)
def test_an_unruled_official_table_gives_the_seed_findings(prefix: str, tmp_path: Path) -> None:
    need_shared()
    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    pdf = tmp_path / f"{seed.stem}.pdf"
    write_pdf(official_report(seed.read_text(encoding="utf-8")), pdf, ruled=False)
    found = Counter((d.rule_id, d.message) for d in lint_file(pdf))
    assert found == Counter((d.rule_id, d.message) for d in lint_file(seed))
