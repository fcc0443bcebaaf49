"""Glued rows of this year's table, read with last year's figures (issue 18 item 7).

Why: crawled pages of one organ glue the same row every year (行政规范性文件 in table 二 of the
2021 layout: `693665` is 69/3/665 or 6/93/665 or …). Within one year nothing separates it (table
二 has no equality over a row), so the cross-year identities (GIP502: 现行有效件数 = 上年现行有效件数
+ 本年制发 − 本年废止) never ran on such a series, and real breaks went unreported. With last
year's figures the identity itself separates the row: among the readings of the digits, those
that obey every cross-year equality of the row (last year's figure a number, or any reading of
last year's row when that is glued too). One reading left: the row is separated
(`separated_by` "previous-year"), and the cross-year checks use it. None left: the equality is
broken whatever the cells are, a certain finding (a table issue of kind identity-broken, with the
rule that states it). Several: the row stays unseparated and nothing is said.

The equalities are the shipped ones (giplint/identities.py); the readings come from the glued
solver (giplint/parse/tables/glued.py), bounded by MAX_READINGS.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

from giplint import layouts
from giplint.identities import PREVIOUS, Identity, for_table
from giplint.model import Cell, CellStatus, IssueKind, Report, Table, TableIssue
from giplint.parse.tables import glued

# More readings than this of one glued row: too many to say anything for certain.
MAX_READINGS = 512
SEPARATED_BY = "previous-year"


def separate(table: Table, previous: Report) -> tuple[Table, list[TableIssue]]:
    """This year's `table` with each glued row that last year's figures leave one reading of
    separated, and the rows no reading of which obeys a cross-year equality (one issue each)."""
    spec = layouts.layout_for(table.kind, table.layout)
    equalities = [
        i
        for i in for_table(table.kind, table.layout)
        if i.cross_year and i.comparison == "==" and i.over == "rows"
    ]
    if spec is None or not equalities:
        return table, []
    replaced: dict[tuple[str, str], Cell] = {}
    broken: list[TableIssue] = []
    for row in spec.rows:
        columns = [column.key for column in row.columns]
        cells = [table.cell(row.key, column) for column in columns]
        applying = [i for i in equalities if i.applies_to(row.key)]
        if not applying or not all(c is not None and c.status is CellStatus.UNSEPARATED for c in cells):
            continue
        first = cells[0]
        assert first is not None
        found = glued.readings(first.raw.split(), len(columns), limit=MAX_READINGS + 1)
        if not found or len(found) > MAX_READINGS:
            continue
        judged = [(i, _allowed(i, row.key, columns, found, previous)) for i in applying]
        judged = [(i, allowed) for i, allowed in judged if allowed is not None]
        if not judged:
            continue
        for identity, allowed in judged:
            if not allowed:
                broken.append(
                    TableIssue(
                        IssueKind.IDENTITY_BROKEN,
                        first.span,
                        row.key,
                        row.label,
                        first.raw,
                        len(columns),
                        rule=identity.rule,
                    )
                )
        left = set.intersection(*(set(allowed or ()) for _, allowed in judged))
        if len(left) == 1 and not any(not allowed for _, allowed in judged):
            (values,) = left
            for column, value, cell in zip(columns, values, cells, strict=True):
                assert cell is not None
                replaced[(row.key, column)] = cell._replace(
                    value=value, raw=str(value), status=CellStatus.VALUE, separated_by=SEPARATED_BY
                )
    if not replaced:
        return table, broken
    return replace(table, cells=tuple(replaced.get((c.row, c.column), c) for c in table.cells)), broken


def _allowed(
    identity: Identity, row: str, columns: list[str], found: list[tuple[int, ...]], previous: Report
) -> list[tuple[int, ...]] | None:
    """The readings that obey `identity` with some reading of last year's figures; None when a
    figure of last year is not known (not a number, nor a glued row with few readings)."""
    position = {column: index for index, column in enumerate(columns)}
    choices: dict[str, list[int]] = {}
    for _, name in identity.terms:
        if name.startswith(PREVIOUS):
            values = _last_year(name, row, previous)
            if values is None:
                return None
            choices[name] = values
        elif name not in position:
            return None
    names = list(choices)
    allowed = []
    for reading in found:
        for combination in product(*(choices[name] for name in names)):
            last_year = dict(zip(names, combination, strict=True))

            def value(name: str) -> int | None:
                return last_year[name] if name in last_year else reading[position[name]]  # noqa: B023

            if identity.holds(value):
                allowed.append(reading)
                break
    return allowed


def _last_year(name: str, row: str, previous: Report) -> list[int] | None:
    """Last year's figure named `name` (previous.<table>.<column> in row `row`, or
    previous.<table>.<row>.<column>): one number, every value a glued row's readings give it, or
    None when it is not known."""
    parts = name.removeprefix(PREVIOUS).split(".")
    table = previous.table(parts[0])
    if table is None:
        return None
    row, column = (row, parts[1]) if len(parts) == 2 else (parts[1], parts[2])
    cell = table.cell(row, column)
    if cell is None:
        return None
    if cell.status is CellStatus.VALUE and isinstance(cell.value, int):
        return [cell.value]
    spec = layouts.layout_for(table.kind, table.layout)
    row_spec = spec.row(row) if spec is not None else None
    if cell.status is not CellStatus.UNSEPARATED or row_spec is None:
        return None
    columns = [c.key for c in row_spec.columns]
    found = glued.readings(cell.raw.split(), len(columns), limit=MAX_READINGS + 1)
    if not found or len(found) > MAX_READINGS:
        return None
    return sorted({reading[columns.index(column)] for reading in found})
