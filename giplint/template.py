"""`giplint template`: this year's report skeleton, in the mandated layout, from last year's.

Why: the mistakes giplint finds most are made at the start — last year's Word file copied, so the
superseded 2019 tables come back, last year's 五 is reused and the carried-over figures are typed
again by hand. A skeleton drawn from the one home of the format (section titles and the five
topics of 一 in `giplint.layouts`, the tables in `giplint.tablegrid`) starts the editor right:
the title, the six headings, the three 2021 tables with their merged header cells, every cell to
fill empty and marked, and, with last year's report, 三's 二、上年结转 row filled from last year's
四、结转下年度继续办理. Last year's figures and 五 are given as notes to address (Word comments,
or lines on stderr for text), never as this year's text.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from giplint.layouts import OVERVIEW_TOPICS, SECTIONS
from giplint.model import Report
from giplint.oserrors import reason
from giplint.tablegrid import Grid, GridCell, display, mandated_grid

CHINESE_ORDINALS = "一二三四五六七八九十"

# The sentences an editor completes (the wording of a skeleton; every figure is left as ____).
PERIOD_SENTENCE = "本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
OPENING = (
    "本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的"
    "政府信息公开工作年度报告格式编制。"
)
FEE_SENTENCE = (
    "依据《政府信息公开信息处理费管理办法》，本年度共发出收费通知____件，总金额____元，"
    "实际收取信息处理费____元。"
)
BLANK = "____"


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the skeleton: a heading, a paragraph, a sub-heading or a table."""

    kind: str  # title | heading | subheading | paragraph | table
    text: str = ""
    grid: Grid = field(default_factory=list)
    table: str = ""  # the table kind, for kind == "table"
    note: str = ""  # what the editor should do here (a Word comment; stderr for text)


@dataclass(frozen=True, slots=True)
class Skeleton:
    organ: str
    year: int
    blocks: tuple[Block, ...]

    @property
    def notes(self) -> list[str]:
        return [block.note for block in self.blocks if block.note]


def build_skeleton(organ: str, year: int, previous: Report | None = None) -> Skeleton:
    """The report skeleton of `organ` for `year`; with last year's report, its carry-over and
    in-force figures and its 五 as notes."""
    blocks: list[Block] = [
        Block("title", f"{organ}{year}年政府信息公开工作年度报告"),
        Block("paragraph", OPENING + PERIOD_SENTENCE.format(year=year)),
    ]
    for spec in SECTIONS:
        blocks.append(Block("heading", f"{spec.number}、{spec.title}"))
        if spec.number == "一":
            for index, topic in enumerate(OVERVIEW_TOPICS):
                blocks.append(Block("subheading", f"（{CHINESE_ORDINALS[index]}）{topic}"))
                blocks.append(Block("paragraph", ""))
        elif spec.table is not None:
            blocks.append(_table_block(spec.table, previous))
        elif spec.number == "五":
            blocks.append(Block("paragraph", "", note=_problems_note(previous)))
        elif spec.number == "六":
            blocks.append(Block("paragraph", FEE_SENTENCE))
    return Skeleton(organ, year, tuple(blocks))


def _table_block(table: str, previous: Report | None) -> Block:
    grid = mandated_grid(table)
    note = ""
    if previous is not None and table == "applications":
        grid, note = _carry_over(grid, previous)
    elif previous is not None and table == "active_disclosure":
        note = _in_force_note(previous)
    return Block("table", grid=grid, table=table, note=note)


def _previous_cell(previous: Report, table: str, row: str, column: str) -> str:
    last = previous.table(table)
    cell = last.cell(row, column) if last is not None else None
    if cell is None or cell.value is None:
        return ""
    return _figure(cell.value)


def _figure(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _carry_over(grid: Grid, previous: Report) -> tuple[Grid, str]:
    """三's 二、上年结转 row filled, cell by cell, from last year's 四、结转下年度继续办理."""
    filled: Grid = []
    carried: list[str] = []
    for row in grid:
        out = []
        for cell in row:
            if cell.kind == "value" and cell.row == "carried_over":
                value = _previous_cell(previous, "applications", "carried_forward", cell.column)
                cell = replace(cell, text=value)
                carried.append(value or BLANK)
            out.append(cell)
        filled.append(out)
    note = (
        f"“二、上年结转政府信息公开申请数量”已按上年报告“四、结转下年度继续办理”填写（{' '.join(carried)}），"
        "请核对。"
    )
    return filled, note


def _in_force_note(previous: Report) -> str:
    """Last year's 现行有效件数, from which this year's follow (上年 + 本年制发 − 本年废止)."""
    parts = []
    for row, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        value = _previous_cell(previous, "active_disclosure", row, "in_force")
        parts.append(f"{label} {value or BLANK} 件")
    return (
        "上年报告的现行有效件数："
        + "，".join(parts)
        + "。本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − "
        "本年废止件数，请填写本年制发、废止件数后核算。"
    )


def _problems_note(previous: Report | None) -> str:
    """五 asks for this year's problems and measures and, for a 人民政府, how last year's were
    rectified: last year's 五 is shown to address, never copied in."""
    note = "请写明本年度存在的主要问题和改进措施（不要照抄上年）。"
    if previous is None:
        return note
    last = previous.section("五")
    text = " ".join(last.body.split()) if last is not None else ""
    if not text:
        return note
    return note + f"上年报告所列问题（请逐条说明整改情况）：{text}"


# -- writers ---------------------------------------------------------------------------------------


def render_text(skeleton: Skeleton, markdown: bool = False) -> str:
    """The skeleton as a text export: headings on their own lines and each table cell on its own
    line ending in `|` (the layout a Word table copied out as text has, which giplint reads), or
    as Markdown with `#` headings and pipe tables."""
    lines: list[str] = []
    for block in skeleton.blocks:
        if block.kind == "table":
            lines.extend(_markdown_table(block.grid) if markdown else _cell_lines(block.grid))
        elif block.kind in ("title", "heading") and markdown:
            lines.append(("# " if block.kind == "title" else "## ") + block.text)
        else:
            lines.append(block.text)
        if markdown:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell_lines(grid: Grid) -> list[str]:
    return [f"{cell.text} |" if cell.text else " |" for row in grid for cell in row]


def _markdown_table(grid: Grid) -> list[str]:
    """A pipe table: merged cells repeat nothing (an empty cell where a span continues)."""
    placed = _place(grid)
    columns = max((c + 1 for row in placed for c, _ in row), default=0)
    out = []
    for index, row in enumerate(placed):
        texts = [""] * columns
        for column, cell in row:
            texts[column] = cell.text
        out.append("| " + " | ".join(texts) + " |")
        if index == 0:
            out.append("|" + "---|" * columns)
    return out


def _place(grid: Grid) -> list[list[tuple[int, GridCell]]]:
    """Each cell with the grid column it starts in (the HTML table model)."""
    occupied: set[tuple[int, int]] = set()
    placed: list[list[tuple[int, GridCell]]] = []
    for r, row in enumerate(grid):
        column = 0
        out = []
        for cell in row:
            while (r, column) in occupied:
                column += 1
            out.append((column, cell))
            occupied.update((r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            column += cell.colspan
        placed.append(out)
    return placed


_FILL = "FFF2CC"  # the light yellow of the cells and paragraphs an editor must fill


def write_docx(skeleton: Skeleton, path: str) -> None:
    """A Word file: centred title, headings as Word headings (so the navigation pane lists them),
    tables with real merged cells, cells to fill shaded yellow, notes as Word comments."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for block in skeleton.blocks:
        if block.kind == "title":
            paragraph = document.add_paragraph(block.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            anchor = paragraph
        elif block.kind == "heading":
            anchor = document.add_heading(block.text, level=1)
        elif block.kind == "subheading":
            anchor = document.add_heading(block.text, level=2)
        elif block.kind == "table":
            table = _docx_table(document, block.grid, _COLUMN_CM.get(block.table, ()))
            anchor = table.cell(0, 0).paragraphs[0]
        else:
            anchor = document.add_paragraph(block.text)
            if not block.text or BLANK in block.text:
                _shade_paragraph(anchor)
        if block.note:
            runs = anchor.runs or [anchor.add_run("")]
            document.add_comment(runs, text=block.note, author="giplint", initials="GL")
    document.save(path)


# Column widths in cm on an A4 page (16 cm of text): label columns wide enough for the longest
# row label on a few lines, value columns for a four-digit figure.
_COLUMN_CM: dict[str, tuple[float, ...]] = {
    "active_disclosure": (5.5, 3.5, 3.5, 3.5),
    "applications": (1.1, 1.6, 5.1, *(1.17,) * 7),
    "review_litigation": (1.07,) * 15,
}


def _docx_table(document: Any, grid: Grid, widths: tuple[float, ...] = ()) -> Any:
    from docx.shared import Cm, Pt

    placed = _place(grid)
    columns = max((c + cell.colspan for row in placed for c, cell in row), default=0)
    table = document.add_table(rows=len(grid), cols=columns)
    table.style = "Table Grid"
    cells = table._cells  # row-major, before any merge
    for r, row in enumerate(placed):
        for column, cell in row:
            target = cells[r * columns + column]
            run = target.paragraphs[0].add_run(cell.text)
            run.font.size = Pt(9)
            if cell.kind == "value" and not cell.text:
                _shade_cell(target)
    if len(widths) == columns:
        table.autofit = False
        for index, column in enumerate(table.columns):
            column.width = Cm(widths[index])  # the grid's <w:gridCol>, which Word and LibreOffice lay out by
        for r, row in enumerate(placed):
            for column, cell in row:
                table.cell(r, column).width = Cm(sum(widths[column : column + cell.colspan]))
    for r, row in enumerate(placed):  # merging moves only non-empty content: texts stay put
        for column, cell in row:
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = table.cell(r + cell.rowspan - 1, column + cell.colspan - 1)
                table.cell(r, column).merge(corner)
    return table


def _shade_cell(cell: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    properties.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_FILL}"/>'))


def _shade_paragraph(paragraph: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    properties.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_FILL}"/>'))


# -- the command ------------------------------------------------------------------------------------

def template_command(args: argparse.Namespace, registry: Any, out: IO[str], err: IO[str]) -> int:
    """Exit 0 with the skeleton written; 2 when last year's report cannot be read, the year is
    implausible, or the output would overwrite a file (an editor's draft is never replaced
    unless --force says so; last year's report never)."""
    output: Path = args.output
    fmt = args.format or (
        output.suffix.lower().lstrip(".") if output.suffix.lower() in (".txt", ".md") else "docx"
    )
    if not 2008 <= args.year <= 2100:
        err.write(f"用法错误：--year {args.year} 不是有效的报告年度（应为 2008 年以后的四位年份）。\n")
        return 2
    organ = " ".join(args.organ.split())
    if not organ:
        err.write("用法错误：--organ 不能为空，请写发布年报的机关名称，如 某某县某某局。\n")
        return 2
    previous = None
    if args.previous is not None:
        if output.exists() and args.previous.exists() and output.resolve() == args.previous.resolve():
            err.write(f"{output}：这是上年度的报告，不能写入框架。请换一个输出文件名。\n")
            return 2
        loaded = _read_previous(args.previous, registry, err)
        if loaded is None:
            return 2
        previous = loaded
    if output.exists() and not args.force:
        err.write(f"{output}：文件已存在，未覆盖。请换一个文件名，或加 --force 覆盖。\n")
        return 2
    skeleton = build_skeleton(organ, args.year, previous)
    try:
        if fmt == "docx":
            write_docx(skeleton, str(output))
        else:
            output.write_text(render_text(skeleton, markdown=fmt == "md"), encoding="utf-8")
    except OSError as exc:
        err.write(f"{output}：无法写入（{reason(exc)}）。请检查文件夹是否存在、是否有写入权限。\n")
        return 2
    todo = "黄色底纹处待填写，批注是填写提示" if fmt == "docx" else "空白单元格和 ____ 处待填写"
    err.write(f"已生成 {skeleton.year} 年度年报框架：{output}。{todo}；填写后运行 giplint {output} 检查。\n")
    if fmt != "docx":  # the notes a Word file carries as comments
        for note in skeleton.notes:
            err.write(f"  填写提示：{note}\n")
    return 0


def _read_previous(path: Path, registry: Any, err: IO[str]) -> Report | None:
    from giplint.lint import read_bytes, read_document
    from giplint.parse import parse_document
    from giplint.source import InputError

    try:
        return parse_document(read_document(str(path), read_bytes(path), registry.readers))
    except InputError as exc:
        err.write(f"{path}：{exc.message}\n")
    except OSError as exc:
        err.write(f"{path}：无法读取上年度的报告（{reason(exc)}）。请检查文件路径。\n")
    except Exception as exc:  # noqa: BLE001  a reader or parser bug: one clear message, exit 2
        err.write(
            f"{path}：giplint 内部错误，无法读取此报告（{exc.__class__.__name__}: {exc}）。请把此文件发给 giplint 的维护者。\n"
        )
    return None


__all__ = ["Block", "Skeleton", "build_skeleton", "display", "render_text", "template_command", "write_docx"]
