"""cells_filled: every number the tables require is written (0 when there is nothing to count).

Why: a blank cell cannot be told from a forgotten one; the format asks for a figure in every
cell, and arithmetic treats blanks as 0 only so the other checks can go on. One finding per row,
spanning its blank cells, so a wholly blank row is one message, not seven.

Example: see GIP406 in rules/content.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import CellStatus, Report, Span


@dataclass(frozen=True)
class Params:
    placeholders: bool = True  # also report "/", "-", "无" written where a number belongs


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    statuses = {CellStatus.BLANK} | ({CellStatus.PLACEHOLDER} if rule.params.placeholders else set())
    for table in report.tables():
        spec = layouts.layout_for(table.kind, table.layout)
        for row in table.rows():
            cells = [c for c in table.row(row).values() if c.status in statuses]
            if not cells:
                continue
            row_spec = spec.row(row) if spec else None
            first, last = cells[0].span, cells[-1].span
            labels = [layouts.cell_labels(table.kind, table.layout, row, cell.column) for cell in cells]
            yield rule.diagnostic(
                report,
                Span(first.line, first.column, last.end_line, last.end_column),
                section=table.section,
                table_number=table.section,
                row_label=labels[0][0],
                column_label="、".join(column for _, column in labels),
                table=table.title,
                row=row_spec.label if row_spec else row,
                count=len(cells),
                columns="、".join(
                    next(
                        (c.label for c in (row_spec.columns if row_spec else ()) if c.key == cell.column),
                        cell.column,
                    )
                    for cell in cells
                ),
            )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("cells_filled", Params, check, __doc__ or "")]
