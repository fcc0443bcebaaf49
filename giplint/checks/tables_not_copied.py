"""tables_not_copied: the tables 三 and 四 are not last year's tables again.

Why: 国办公开办函〔2021〕30号 names 内容雷同 among the failings organs answer for, and real reports
copy whole tables from last year's (spec §8 row 3: a statistics bureau's reports of three years
with identical figures). When every figure of the named tables equals the same cell of last
year's report of the same organ, and the figures are not all zero (a year without applications
is rightly all zero again), the tables were most likely not filled in for this year. Both tables
must be read whole in both years, in the same layout: a blank, glued or unreadable cell on either
side means the tables are not compared.

A cross-year rule: it runs only for a report paired with last year's (giplint/engine/pairing.py).

Example: see GIP505 in rules/years.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import CellStatus, Number, Report


@dataclass(frozen=True)
class Params:
    tables: list[str] = field(default_factory=lambda: ["applications", "review_litigation"])

    def __post_init__(self) -> None:
        if not self.tables:
            raise ValueError("tables 应列出至少一个表格")
        for table in self.tables:
            choose("表格", table, layouts.TABLES)


def _figures(report: Report, tables: list[str]) -> dict[tuple[str, str, str], Number] | None:
    figures: dict[tuple[str, str, str], Number] = {}
    for kind in tables:
        table = report.table(kind)
        if table is None or not table.cells:
            return None
        for cell in table.cells:
            if cell.status is not CellStatus.VALUE or cell.value is None:
                return None
            figures[kind, cell.row, cell.column] = cell.value
    return figures


def check(report: Report, rule: Rule[Params], previous: Report) -> Iterator[Diagnostic]:
    tables = rule.params.tables
    this_year, last_year = _figures(report, tables), _figures(previous, tables)
    if not this_year or this_year != last_year or not any(this_year.values()):
        return
    first = report.table(tables[0])
    assert first is not None  # _figures found it
    numbers = "、".join(table.section for kind in tables if (table := report.table(kind)) is not None)
    yield rule.diagnostic(
        report,
        first.span,
        section=first.section,
        count=len(this_year),
        sections=numbers,
        previous_year=previous.year or "上",
        previous_path=previous.path,
    )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("tables_not_copied", Params, check, __doc__ or "", previous=lambda params: True)]
