"""Office files of a report as editors make them: the official Word layout, and LibreOffice's
conversions of it to .doc, .odt, .rtf and .pdf.

`official_report(seed_text)` turns a seed export (../shared/seeds, `|`-cell text) into a report
definition whose tables have the official template's shape: the header cells merged as the
国办 template merges them (申请人情况 over seven columns, 法人或其他组织 over five, 总计 and 自然人
down two rows; 行政复议 / 行政诉讼 over five and ten columns), the vertical 三、本年度办理结果 and the
group labels （三）不予公开 … merged down their sub-rows, a row label spanning the label columns.
The seed's own cell texts are kept (its wording defects, its blank cells); a table that does not
fit the template is kept as `report_variants.seed_to_report` regroups it.

`write_official_docx` writes a definition as a Word file (python-docx): 宋体, ruled tables with
real merged cells, rows allowed to break across pages (Word's default, 允许跨行断页). Its knobs
make page breaks fall inside tables: `filler` empty paragraphs before each table (they move
the table down the page; an empty paragraph is no text to any reader) and `spacing` points
after every cell paragraph (taller rows, so a row straddles the page end and is split).

`convert(paths, fmt, outdir)` converts with LibreOffice (`soffice --headless --convert-to`), one
process for many files, a private user profile, a time limit. `need_soffice()` skips a test
with the reason when soffice is not installed (.ci/run installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from render_formats import Placed, _is_heading, _is_title, place
from report_defs import Cell, ReportDef, Row
from report_variants import seed_to_report

SOFFICE_TIMEOUT = 300  # seconds for one soffice run (many files); a cold start takes ~3 s here
TARGETS = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf", "pdf": "pdf", "docx": "docx"}


# ---------------------------------------------------------------------------------------------
# LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def need_soffice() -> str:
    """The soffice command, or skip: LibreOffice is not installed on this machine."""
    command = soffice()
    if command is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk"
        )
    return command


def convert(paths: Sequence[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert each file to `fmt` (doc, odt, rtf, pdf, docx) in `outdir`; the outputs, in order.

    One soffice process for all files (a start costs seconds), its own throw-away user profile (a
    running LibreOffice or another test's profile is never touched), no macros run (command-line
    conversion never runs document macros; --norestore, no first-start wizard).
    """
    command = need_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="giplint-lo-") as profile:
        subprocess.run(
            [
                command, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                "--nologo", "--nodefault", "--nolockcheck", "--convert-to", TARGETS[fmt],
                "--outdir", str(outdir), *map(str, paths),
            ],
            check=True, capture_output=True, timeout=SOFFICE_TIMEOUT,
            env={**os.environ, "HOME": profile},
        )  # fmt: skip
    outputs = [outdir / f"{path.stem}.{fmt}" for path in paths]
    missing = [str(path) for path in outputs if not path.is_file()]
    assert not missing, f"soffice wrote no {missing}"
    return outputs


# ---------------------------------------------------------------------------------------------
# A seed in the official layout

_LEVEL0 = re.compile(r"^[一二三四五六七八九十]\s*、")
_LEVEL1 = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
_LEVEL2 = re.compile(r"^\d+\s*[.．、]")
_VALUE = re.compile(r"[-+]?[\d,]+(?:\.\d+)?(?:万元|元|件)?|/|—+|-+|不适用|N/A|无|")


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell[0]


def _is_label(text: str) -> bool:
    return _VALUE.fullmatch(text) is None


def _cells(rows: list[Row]) -> list[str]:
    return [_text(cell) for row in rows for cell in row]


def _labelled(cells: list[str]) -> list[tuple[str, list[str]]]:
    """(label, the value cells after it up to the next label)."""
    out: list[tuple[str, list[str]]] = []
    for cell in cells:
        if _is_label(cell):
            out.append((cell, []))
        elif out:
            out[-1][1].append(cell)
    return out


def official_report(seed_text: str) -> ReportDef:
    """The seed as a definition whose tables have the official template's merged cells."""
    report = seed_to_report(seed_text)
    out: ReportDef = []
    for kind, content in report:
        if kind == "table":
            assert isinstance(content, list)
            cells = _cells(content)
            content = _three(cells) or _four(cells) or _two(cells) or content
        out.append((kind, content))
    return out


def _three(cells: list[str]) -> list[Row] | None:
    """Table 三: the 10 header cells, 一、二、, the results under a vertical 三、, 四、."""
    labels = [cell for cell in cells if cell]
    if not labels or not labels[0].startswith(("(本列", "（本列")):
        return None
    start = next((i for i, cell in enumerate(cells) if _LEVEL0.match(cell) and "本年新收" in cell), None)
    if start is None:
        return None
    header = [cell for cell in cells[:start] if cell]
    if len(header) != 10:
        return None
    rows: list[Row] = [
        [(header[0], 3, 3), (header[1], 1, 7)],
        [(header[2], 2, 1), (header[3], 1, 5), (header[4], 2, 1)],
        header[5:10],
    ]
    body = _labelled(cells[start:])
    if any(values and len(values) < 7 for _, values in body):
        return None
    body_rows: list[tuple[int, str, list[str]]] = []  # (level, label, 7 values or [])
    for label, values in body:
        level = 0 if _LEVEL0.match(label) else 1 if _LEVEL1.match(label) else 2 if _LEVEL2.match(label) else -1
        if level < 0:
            return None
        body_rows.append((level, label, values[:7]))
    placed: list[Row] = []
    index = 0
    while index < len(body_rows):
        level, label, values = body_rows[index]
        if values:
            if level != 0:
                return None
            placed.append([(label, 1, 3), *values])
            index += 1
            continue
        if level != 0:
            return None
        end = index + 1  # the vertical label spans every row up to the next level-0 row
        while end < len(body_rows) and body_rows[end][0] != 0:
            end += 1
        group = _results(body_rows[index + 1 : end])
        if group is None or not group:
            return None
        group[0].insert(0, (label, len(group), 1))
        placed.extend(group)
        index = end
    return rows + placed


def _results(rows: list[tuple[int, str, list[str]]]) -> list[Row] | None:
    """Rows under 三、本年度办理结果: （一）… spanning two columns, a group label down its sub-rows."""
    out: list[Row] = []
    index = 0
    while index < len(rows):
        level, label, values = rows[index]
        if level == 1 and values:
            out.append([(label, 1, 2), *values])
            index += 1
        elif level == 1:
            end = index + 1
            while end < len(rows) and rows[end][0] == 2 and rows[end][2]:
                end += 1
            if end == index + 1:
                return None
            sub: list[Row] = [[rows[i][1], *rows[i][2]] for i in range(index + 1, end)]
            sub[0].insert(0, (label, end - index - 1, 1))
            out.extend(sub)
            index = end
        else:
            return None
    return out


def _four(cells: list[str]) -> list[Row] | None:
    """Table 四: 行政复议 / 行政诉讼, the five results merged down two rows, 15 figures."""
    labels = [cell for cell in cells if cell and _is_label(cell)]
    if len(labels) != 19 or not labels[0].startswith("行政复议") or len(cells) < 19 + 15:
        return None
    values = cells[-15:]
    if any(_is_label(value) for value in values):
        return None
    return [
        [(labels[0], 1, 5), (labels[1], 1, 10)],
        [*[(label, 2, 1) for label in labels[2:7]], (labels[7], 1, 5), (labels[8], 1, 5)],
        labels[9:19],
        list(values),
    ]


def _two(cells: list[str]) -> list[Row] | None:
    """Table 二: per 第二十条 item, the item over four columns, 信息内容 and its column headers,
    then each row label with its figures (one figure merged over three columns)."""
    if not cells or not cells[0].startswith("第二十条"):
        return None
    blocks: list[list[tuple[str, list[str]]]] = []
    for label, values in _labelled(cells):
        if label.startswith("第二十条"):
            blocks.append([])
        if not blocks:
            return None
        blocks[-1].append((label, values))
    rows: list[Row] = []
    for block in blocks:
        (item, _), *rest = block
        if not rest or rest[0][0] != "信息内容":
            return None
        rest = rest[1:]
        first = next((i for i, (_, values) in enumerate(rest) if any(values)), None)
        if first is None or first == 0:
            return None
        headers = [label for label, _ in rest[:first]]
        if len(headers) not in (1, 3):
            return None
        rows.append([(item, 1, 4)])
        rows.append(["信息内容", (headers[0], 1, 3)] if len(headers) == 1 else ["信息内容", *headers])
        for label, values in rest[first:]:
            if len(values) < len(headers) or any(values[len(headers) :]):
                return None
            taken = values[: len(headers)]
            rows.append([label, (taken[0], 1, 3)] if len(headers) == 1 else [label, *taken])
    return rows


# ---------------------------------------------------------------------------------------------
# Word


def write_official_docx(
    report: ReportDef,
    path: Path,
    *,
    filler: int | Sequence[int] = 0,
    spacing: float = 0.0,
    repeat_header: bool = False,
    ruled: bool = True,
) -> None:
    """The report as Word writes the official template: centred title, 一、 headings, 宋体 body,
    ruled tables with merged cells whose rows may break across pages.

    `filler`: empty paragraphs before each table (one number for all, or one per table in
    order), to move a page break into a table. `spacing`: points of space after each cell
    paragraph (taller rows, so a row straddles the page end). `repeat_header`: the table's
    header rows repeat on each page (Word's 标题行重复). `ruled=False`: the tables without
    borders (Word's 无框线; a PDF of it has no ruling lines, only the text layer's positions).
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]  # A4, the 公文 margins (GB/T 9704: 37/35/28/26 mm)
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    tables = 0
    for index, (kind, content) in enumerate(report):
        if kind == "table":
            assert isinstance(content, list)
            count = filler if isinstance(filler, int) else (filler[tables] if tables < len(filler) else 0)
            for _ in range(count):
                document.add_paragraph()
            _table(document, content, spacing=spacing, repeat_header=repeat_header, ruled=ruled)
            tables += 1
        elif _is_title(index, str(content)):
            paragraph = document.add_paragraph(str(content))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.runs[0].font.size = Pt(18)
        elif _is_heading(str(content)) and str(content)[:1] != "（":
            paragraph = document.add_paragraph(str(content))
            paragraph.runs[0].bold = True
        else:
            paragraph = document.add_paragraph(str(content))
            paragraph.paragraph_format.first_line_indent = Pt(24)
    document.save(str(path))


def _header_rows(rows: list[Row]) -> int:
    return max((cell[1] for cell in rows[0] if not isinstance(cell, str)), default=1) if rows else 0


def _shares(placed: list[list[Placed]], width: int) -> list[float]:
    """Each column's share of the text width: label columns wider than figure columns."""
    longest = [1] * width
    for row in placed:
        for cell in row:
            if cell.colspan == 1 and cell.rowspan == 1:
                longest[cell.column] = max(longest[cell.column], min(len(cell.text), 12))
    weights = [max(length, 3) for length in longest]
    return [weight / sum(weights) for weight in weights]


def _table(document: object, rows: list[Row], *, spacing: float, repeat_header: bool, ruled: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    placed, width = place(rows)
    table = document.add_table(rows=len(placed), cols=width)  # type: ignore[attr-defined]
    if ruled:
        table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(156 * share) for share in _shares(placed, width)]
    for index, column in enumerate(table.columns):
        column.width = widths[index]
        for cell in column.cells:
            cell.width = widths[index]
    grid = table._cells  # row-major, before any merge
    for row in placed:
        for cell in row:
            target = grid[cell.row * width + cell.column]
            first, *rest = cell.text.split("\n")
            target.paragraphs[0].text = first
            for part in rest:
                target.add_paragraph(part)
            for paragraph in target.paragraphs:
                paragraph.paragraph_format.space_after = Pt(spacing)
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    for row in placed:  # merging moves only non-empty content, so the texts above stay put
        for cell in row:
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = table.cell(cell.row + cell.rowspan - 1, cell.column + cell.colspan - 1)
                table.cell(cell.row, cell.column).merge(corner)
    if repeat_header:
        for tr in table._tbl.tr_lst[: _header_rows(rows)]:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr.get_or_add_trPr().append(header)


def seeds_as(
    seeds: Sequence[Path],
    fmt: str,
    outdir: Path,
    *,
    filler: int | Sequence[int] = 0,
    spacing: float = 0.0,
    ruled: bool = True,
) -> list[Path]:
    """Each seed typed into the official Word layout and saved by LibreOffice as `fmt` (docx:
    python-docx's file itself, no LibreOffice): one soffice run for all, outputs in order."""
    words = outdir / "docx"
    words.mkdir(parents=True, exist_ok=True)
    sources = []
    for seed in seeds:
        source = words / f"{seed.stem}.docx"
        report = official_report(seed.read_text(encoding="utf-8"))
        write_official_docx(report, source, filler=filler, spacing=spacing, ruled=ruled)
        sources.append(source)
    return sources if fmt == "docx" else convert(sources, fmt, outdir / fmt)
