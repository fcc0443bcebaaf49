"""number_valid: a table cell holds a number it may hold.

Why: the counts of tables 二–四 are whole numbers of 件 (spec §2.4, T3-4, T4-2), never negative;
only the 万元 fee may have decimals (2019's 本年增/减 may be signed). "12.5" applications, "-1"
or "251000元" in a 万元 column are typing or unit errors.

Example: see GIP407 in rules/content.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import CellStatus, Report


@dataclass(frozen=True)
class Params:
    pass


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    for table in report.tables():
        for cell in table.cells:
            if cell.status is CellStatus.INVALID:
                yield rule.diagnostic(
                    report,
                    cell.span,
                    **layouts.table_place(table, cell.row, cell.column),
                    cell=layouts.cell_label(table.kind, table.layout, cell.row, cell.column),
                    raw=cell.raw,
                )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("number_valid", Params, check, __doc__ or "")]
