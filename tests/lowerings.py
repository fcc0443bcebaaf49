"""The other ways real reports lower the same tables to text, one writer per lowering.

A report definition (tests/report_defs.py) is written as editors' tools and converters really
write it, not only as the tidy `|`-cell export (render_formats.write_txt):

- ``padded.txt``: a `|` row per table row, merged cells un-merged into empty cells (PDF table
  extraction, Excel, CMS pages without colspan): `| 一、本年新收… |  |  | 30 | 5 | … |`;
- ``md``: Markdown with `#` headings, a caption before each table, a separator row, and no blank
  line anywhere (a heading right after the last table row);
- ``pdf.txt``: the text layer of a PDF: cells separated by spaces, long row labels wrapped before
  or after the row's numbers, two-line header cells split over two lines, the vertical group label
  三、本年度办理结果 one character a line beside the rows, a page footer and the table's header
  repeated at a page break;
- ``unmerged.html``: an HTML table with an empty ``<td>`` for every merged position instead of
  colspan/rowspan.
"""

from __future__ import annotations

import html
from pathlib import Path

from render_formats import _is_heading, _is_title, place
from report_defs import ReportDef, Row

LOWERINGS = ("padded.txt", "md", "pdf.txt", "unmerged.html")


def grid(rows: list[Row]) -> list[list[str]]:
    """The table as a full grid: a merged cell's text in its top-left position, "" elsewhere."""
    placed, width = place(rows)
    out = [["" for _ in range(width)] for _ in placed]
    for row in placed:
        for cell in row:
            out[cell.row][cell.column] = cell.text
    return out


def write(report: ReportDef, path: Path, lowering: str) -> None:
    writers = {
        "padded.txt": _padded,
        "md": _markdown,
        "pdf.txt": _text_layer,
        "unmerged.html": _unmerged_html,
    }
    path.write_text(writers[lowering](report), encoding="utf-8")


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("\n", "") for cell in cells) + " |"


def _padded(report: ReportDef) -> str:
    lines: list[str] = []
    for kind, content in report:
        if kind == "p":
            lines.append(str(content))
        else:
            lines.extend(_pipe_row(row) for row in grid(content))  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


_CAPTIONS = {
    "二": "表二：主动公开政府信息情况",
    "三": "表三：收到和处理政府信息公开申请情况",
    "四": "表四：行政复议、行政诉讼情况",
}


def _markdown(report: ReportDef) -> str:
    lines: list[str] = []
    section = ""
    for index, (kind, content) in enumerate(report):
        if kind == "p":
            text = str(content)
            if _is_title(index, text):
                lines.append(f"# {text}")
            elif _is_heading(text) and text[:1] in "一二三四五六":
                section = text[:1]
                lines.append(f"## {text}")
            elif _is_heading(text):
                lines.append(f"**{text}**")
            else:
                lines.append(text)
            continue
        table = grid(content)  # type: ignore[arg-type]
        if section in _CAPTIONS:
            lines.append(_CAPTIONS[section])
        lines.append(_pipe_row(table[0]))
        lines.append("|" + " --- |" * len(table[0]))
        lines.extend(_pipe_row(row) for row in table[1:])
    return "\n".join(lines) + "\n"


def _is_value(text: str) -> bool:
    return bool(text) and (text.replace(".", "", 1).isdigit() or text in ("/", "-", "无"))


WRAP_AT = 10  # a label column this many characters wide


def _text_layer(report: ReportDef) -> str:
    """What copying the text out of a PDF rendering of the report gives."""
    lines: list[str] = []
    page = 1
    for kind, content in report:
        if kind == "p":
            lines.append(str(content))
            continue
        table = grid(content)  # type: ignore[arg-type]
        header = [row for row in table if not any(_is_value(cell) for cell in row)]
        vertical: list[str] = []
        for number, row in enumerate(table):
            cells = [cell for cell in row if cell]
            if not cells:
                continue
            if "三、本年度办理结果" in cells:
                cells.remove("三、本年度办理结果")
                vertical = list("三、本年度办理结果")
            labels = [cell.replace("\n", "") for cell in cells if not _is_value(cell)]
            values = [cell for cell in cells if _is_value(cell)]
            if not values:
                lines.extend(_header_lines(cells))
                continue
            beside = [vertical.pop(0)] if vertical else []
            prefix = "".join(f"{part} " for part in beside + labels[:-1])
            lines.extend(_row_lines(prefix, labels[-1] if labels else "", values, number))
            if number == len(header) + 9 and len(table) > 20:  # a page break inside table 三
                page += 1
                lines.append(f"- {page} -")
                for header_row in header:
                    lines.extend(_header_lines([cell for cell in header_row if cell]))
        lines.extend(vertical)
    return "\n".join(lines) + "\n"


def _header_lines(cells: list[str]) -> list[str]:
    """Header cells on one line; a cell set on two lines (商业/企业) splits over two."""
    first = [cell.split("\n")[0] for cell in cells]
    second = [cell.split("\n")[1] for cell in cells if "\n" in cell]
    return [" ".join(first)] + ([" ".join(second)] if second else [])


def _row_lines(prefix: str, label: str, values: list[str], number: int) -> list[str]:
    """A row's label and numbers; a label longer than the column wraps, the rest of it standing
    after the numbers (even rows) or on a line of its own before them (odd rows)."""
    numbers = " ".join(values)
    if len(label) <= WRAP_AT + 4:
        return [f"{prefix}{label} {numbers}".strip()]
    head, rest = label[:WRAP_AT], label[WRAP_AT:]
    if number % 2:
        return [f"{prefix}{head}".strip(), f"{rest} {numbers}"]
    return [f"{prefix}{head} {numbers}".strip(), rest]


def _unmerged_html(report: ReportDef) -> str:
    body: list[str] = []
    for index, (kind, content) in enumerate(report):
        if kind == "p":
            tag = "h1" if _is_title(index, str(content)) else "p"
            body.append(f"<{tag}>{html.escape(str(content))}</{tag}>")
            continue
        body.append('<table border="1">')
        for row in grid(content):  # type: ignore[arg-type]
            cells = "".join(f"<td>{html.escape(cell.replace(chr(10), ''))}</td>" for cell in row)
            body.append(f"<tr>{cells}</tr>")
        body.append("</table>")
    return '<html><head><meta charset="utf-8"></head><body>\n' + "\n".join(body) + "\n</body></html>\n"
