"""Consecutive years generated from one report: the year before, consistent or with known defects.

The shared corpus has no two consecutive years of one organ in the 2021 layout, so cross-year
rules are tested on pairs made from a real report ("this year"): its year before has the year in
the title and period lowered by one, 四、结转下年度继续办理 set to this year's 二、上年结转 column by
column, each 现行有效件数 set to this year's minus 本年制发 plus 本年废止, and a section 五 of its
own (or this year's copied, for the copied-text defect). Cells are edited at their places in the
text (the model says where), so labels, layout and every other figure stay as the report has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from giplint.model import CellStatus, Report

# Last year's sections 一, 五 and 六 when they are not copied: written for these tests.
OWN_ONE = (
    "上一年度，本单位按照政务公开工作要点，逐项落实主动公开和依申请公开的各项要求。\n"
    "在平台建设方面，完成了门户网站信息公开专栏的栏目梳理，集中发布了办事指南。\n"
)
OWN_FIVE = (
    "上一年度的主要问题是栏目维护力量不足，部分专栏更新间隔较长。\n"
    "针对上述问题，当年已调整专人负责栏目巡查，并建立了季度通报机制。\n"
)

OWN_SIX = (
    "上一年度未收取信息处理费。\n"
    "当年按照上级部署完成了政务公开标准目录的编制，并在门户网站集中发布。\n"
)


@dataclass
class Edits:
    """Text replacements at canonical offsets, applied from the end so offsets stay valid."""

    changes: list[tuple[int, int, str]] = field(default_factory=list)

    def put(self, start: int, end: int, text: str) -> None:
        self.changes.append((start, end, text))

    def apply(self, text: str) -> str:
        for start, end, new in sorted(self.changes, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _set_cell(edits: Edits, report: Report, table: str, row: str, column: str, value: int) -> bool:
    """Set a number cell; False when the cell holds no number (it is left as it is)."""
    found = report.table(table)
    cell = found.cell(row, column) if found is not None else None
    if cell is None or cell.status is not CellStatus.VALUE:
        return False
    edits.put(cell.place.start, cell.place.end, str(value))
    return True


def _year_edits(edits: Edits, report: Report) -> None:
    """Every 'YYYY年' of the report year in the title, period and text, one year lower."""
    year = str(report.year)
    text = report.document.text
    start = text.find(f"{year}年")
    while start != -1:
        edits.put(start, start + 4, str(report.year - 1))  # type: ignore[operator]
        start = text.find(f"{year}年", start + 1)


def year_before(
    report: Report,
    *,
    carried_delta: dict[str, int] | None = None,
    in_force_delta: dict[str, int] | None = None,
    copy_five: bool = False,
    copy_one: bool = False,
    organ: tuple[str, str] | None = None,
) -> str:
    """The text of the report of the year before `report`, consistent with it except for the
    defects asked for: `carried_delta` {column: +n} on last year's 结转下年度, `in_force_delta`
    {row: +n} on last year's 现行有效件数, `copy_five` / `copy_one` keeping this year's section
    五 / 一 (else last year's has text of its own; 六 always has), and
    `organ` (old, new) renaming the organ (a report of another organ)."""
    edits = Edits()
    _year_edits(edits, report)
    applications = report.table("applications")
    for cell in applications.cells if applications is not None else ():
        if cell.row == "carried_over" and cell.status is CellStatus.VALUE:
            value = int(cell.number()) + (carried_delta or {}).get(cell.column, 0)
            _set_cell(edits, report, "applications", "carried_forward", cell.column, value)
    active = report.table("active_disclosure")
    for row in ("regulations", "normative_documents"):
        cells = [
            active.cell(row, c) if active is not None else None for c in ("issued", "repealed", "in_force")
        ]
        if all(c is not None and c.status is CellStatus.VALUE for c in cells):
            issued, repealed, in_force = (int(c.number()) for c in cells)  # type: ignore[union-attr]
            last = in_force - issued + repealed + (in_force_delta or {}).get(row, 0)
            _set_cell(edits, report, "active_disclosure", row, "in_force", last)
    own_sections = (("一", copy_one, OWN_ONE), ("五", copy_five, OWN_FIVE), ("六", False, OWN_SIX))
    for number, copy, own in own_sections:
        section = report.section(number)
        if section is not None and not copy and section.table is None:
            edits.put(section.body_offset, section.body_offset + len(section.body), "\n" + own)
    text = edits.apply(report.document.text)
    if organ is not None:
        text = text.replace(organ[0], organ[1])
    return text
