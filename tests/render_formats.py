"""Write one report definition (tests/report_defs.py) as .txt, .html and .docx.

The three renderings carry the same report, so a reader test compares what read_html/read_docx
make of the HTML and Word files with the text rendering. The HTML writer puts every ``<td>`` on
its own source line, and can wrap the report in a realistic government-site page (header,
menu, breadcrumb, sidebar of links, 来源/时间 line, share links, footer, scripts) to test that the
reader finds the body. The Word writer makes real merged cells with python-docx's ``merge``.
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass
from pathlib import Path

from report_defs import Cell, ReportDef, Row

_GB_FAMILY = {"gbk", "gb2312", "gb18030", "cp936"}
CHROME_TEMPLATE = Path(__file__).resolve().parent.parent / "fixtures" / "html" / "cms_chrome.html"


@dataclass(frozen=True)
class Placed:
    """A cell of a definition at its top-left grid position."""

    row: int
    column: int
    text: str
    rowspan: int
    colspan: int


def place(rows: list[Row]) -> tuple[list[list[Placed]], int]:
    """Cells at their grid positions (the HTML table model), and the grid's width."""
    occupied: set[tuple[int, int]] = set()
    placed: list[list[Placed]] = []
    for r, row in enumerate(rows):
        column = 0
        out: list[Placed] = []
        for cell in row:
            text, rowspan, colspan = _cell(cell)
            while (r, column) in occupied:
                column += 1
            out.append(Placed(r, column, text, rowspan, colspan))
            occupied.update((r + dr, column + dc) for dr in range(rowspan) for dc in range(colspan))
            column += colspan
        placed.append(out)
    width = max(c for _, c in occupied) + 1 if occupied else 0
    return placed, width


def _cell(cell: Cell) -> tuple[str, int, int]:
    return (cell, 1, 1) if isinstance(cell, str) else cell


def _is_title(index: int, text: str) -> bool:
    return index == 0 and "年度报告" in text


# ---------------------------------------------------------------------------------------------
# Text


def canonical_lines(report: ReportDef) -> list[str]:
    """The canonical `|`-cell lines of a definition: what every reader must produce."""
    lines: list[str] = []
    for kind, content in report:
        if kind == "p":
            assert isinstance(content, str)
            lines.append(content)
            continue
        assert isinstance(content, list)
        placed, _ = place(content)
        for row in placed:
            for cell in row:
                text = cell.text.replace("\n", "")
                lines.append(f"{text} |" if text else " |")
    return lines


def write_txt(report: ReportDef, path: Path) -> None:
    path.write_text("".join(line + "\n" for line in canonical_lines(report)), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# HTML


def write_html(report: ReportDef, path: Path, *, cms_chrome: bool = False, encoding: str = "utf-8") -> None:
    """An HTML page of the report; GB encodings declare ``gb2312`` as such pages do."""
    label = "gb2312" if encoding.lower() in _GB_FAMILY else encoding
    title = next((c for i, (k, c) in enumerate(report) if k == "p" and _is_title(i, str(c))), "")
    body = _html_report(report, realistic=cms_chrome, title_outside=cms_chrome)
    page = _chrome_page(str(title), body, label) if cms_chrome else _plain_page(str(title), body, label)
    path.write_bytes(page.encode("gbk" if encoding.lower() in _GB_FAMILY else encoding))


def _html_report(report: ReportDef, *, realistic: bool, title_outside: bool) -> list[str]:
    out: list[str] = []
    for index, (kind, content) in enumerate(report):
        if kind == "table":
            assert isinstance(content, list)
            out.extend(_html_table(content, realistic=realistic))
            continue
        text = html.escape(str(content))
        if _is_title(index, str(content)):
            if not title_outside:
                out.append(f"<h1>{text}</h1>")
        elif not realistic:
            out.append(f"<p>{text}</p>")
        elif _is_heading(str(content)):
            out.append(f'<p style="text-indent:2em;"><strong>{text}</strong></p>')
        else:
            out.append(f'<p style="text-indent:2em;">\u3000\u3000{text}</p>')
    return out


def _is_heading(text: str) -> bool:
    return len(text) < 40 and text[:1] in "一二三四五六（"


def _html_table(rows: list[Row], *, realistic: bool) -> list[str]:
    placed, _ = place(rows)
    out = ['<div style="overflow-x:auto;">' if realistic else "<div>"]
    out.append('<table border="1" cellspacing="0" cellpadding="0" style="width:100%;">')
    out.append("<tbody>")
    for row in placed:
        out.append("<tr>")
        for cell in row:
            spans = "".join(
                f' {name}="{value}"'
                for name, value in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
                if value > 1
            )
            out.append(f"<td{spans}>{_html_cell_content(cell.text, realistic)}</td>")
        out.append("</tr>")
    out.extend(["</tbody>", "</table>", "</div>"])
    return out


def _html_cell_content(text: str, realistic: bool) -> str:
    parts = [html.escape(part) for part in text.split("\n")]
    if not realistic:
        return "".join(f"<p>{part}</p>" for part in parts) if len(parts) > 1 else parts[0]
    return "".join(
        f'<p style="text-align:center;"><span style="font-size:14px;">{part or "&nbsp;"}</span></p>'
        for part in parts
    )


def _plain_page(title: str, body: list[str], charset: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            "<html>",
            "<head>",
            f'<meta charset="{charset}">',
            f"<title>{html.escape(title)}</title>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _chrome_page(title: str, body: list[str], charset: str) -> str:
    """The report inside a government-site page (fixtures/html/cms_chrome.html)."""
    template = string.Template(CHROME_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(title=html.escape(title), charset=charset, body="\n".join(body))


# ---------------------------------------------------------------------------------------------
# Word


def write_docx(report: ReportDef, path: Path) -> None:
    """A .docx of the report with real merged cells (gridSpan and vMerge, via ``cell.merge``)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for index, (kind, content) in enumerate(report):
        if kind == "table":
            assert isinstance(content, list)
            _docx_table(document, content)
        elif _is_title(index, str(content)):
            paragraph = document.add_paragraph(str(content))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif _is_heading(str(content)) and str(content)[:1] != "（":
            document.add_heading(str(content), level=1)
        else:
            document.add_paragraph(str(content))
    document.save(str(path))


def _docx_table(document: object, rows: list[Row]) -> None:
    placed, width = place(rows)
    table = document.add_table(rows=len(placed), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    grid = table._cells  # row-major, before any merge; table.cell() re-walks the grid each call
    for row in placed:
        for cell in row:
            target = grid[cell.row * width + cell.column]
            first, *rest = cell.text.split("\n")
            target.paragraphs[0].text = first
            for part in rest:
                target.add_paragraph(part)
    for row in placed:  # merging moves only non-empty content, so the texts above stay put
        for cell in row:
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = table.cell(cell.row + cell.rowspan - 1, cell.column + cell.colspan - 1)
                table.cell(cell.row, cell.column).merge(corner)
