"""The one cell that would make a table add up: a repair found from the table's own identities.

Why: "（七）总计 ≠ 各项之和" tells an editor that something is wrong, not what to change. A table
of the format carries more identities than it has cells that could be wrong: in table 三 every
figure stands in two or three of them (its row's 总计, its column's balance or results total).
When exactly one cell, changed to one value, makes every identity of the table hold, that cell is
almost certainly the wrong one, and the finding can say so with the value. When several cells
would each do, or none would (two figures wrong), nothing is claimed: the finding lists the sums
by name instead (checks/identity.py; the wording is in rules/arithmetic.yaml, ``repair:``).

The search is built on giplint/identities.py (the identities as the shipped rules state them:
`for_table`, `Identity.holds`, `Identity.solve`), never on a copy of the arithmetic. Changing one
cell only moves the identities it stands in, so a repair lies in every identity that fails:
the candidates are the cells those failing identities share, each solved from one of them and
kept when every identity it stands in then holds and its value is a count (a whole number, not
negative). Cells that cannot take part (missing, glued, invalid) are never candidates, and an
identity with such a cell is unknown, as the check treats it.

Table 四 has one identity per row (总计 = 维持 + 纠正 + 其他 + 尚未审结) and nothing across rows,
so one wrong figure there is always explained by two cells or more (the figure and its 总计): the
finding names them, and never claims one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from giplint import layouts
from giplint.identities import Identity, for_table
from giplint.model import Number, Table

Key = tuple[str, str]  # (row, column)


@dataclass(frozen=True, slots=True)
class Fix:
    """One cell changed to one value: (row, column) keys of the table, the figure it holds now,
    and the figure that makes every identity of the table hold."""

    row: str
    column: str
    found: Number
    value: int


@dataclass(frozen=True, slots=True)
class _Instance:
    """An identity in one column (or row) of a table: the cells it relates, by their names."""

    identity: Identity
    other: str  # the column (over "columns") or row (over "rows") it holds in

    def key(self, name: str) -> Key:
        return (name, self.other) if self.identity.over == "columns" else (self.other, name)

    def cells(self) -> set[Key]:
        return {self.key(name) for name in self.identity.names}


def _instances(table: Table) -> Iterator[_Instance]:
    """Every identity of this year's figures that the table's layout states, in every column (or
    row) it holds in."""
    spec = layouts.layout_for(table.kind, table.layout)
    if spec is None:
        return
    columns = list(dict.fromkeys(column.key for row in spec.rows for column in row.columns))
    rows = [row.key for row in spec.rows]
    for identity in for_table(table.kind, table.layout):
        if identity.cross_year:
            continue
        for other in columns if identity.over == "columns" else rows:
            if identity.applies_to(other):
                yield _Instance(identity, other)


def _holds(
    instance: _Instance, figures: dict[Key, Number], change: tuple[Key, int] | None = None
) -> bool | None:
    def value(name: str) -> int | float | None:
        key = instance.key(name)
        if change is not None and key == change[0]:
            return change[1]
        return figures.get(key)  # type: ignore[return-value]  # counts; the 万元 fee stands in none

    return instance.identity.holds(value)


def fixes(table: Table) -> tuple[Fix, ...]:
    """Every single-cell change that makes every identity of `table` hold, in the table's order
    (rows, then columns); () when every identity holds already, or when none would."""
    figures = table.figures()
    instances = list(_instances(table))
    failing = [instance for instance in instances if _holds(instance, figures) is False]
    if not failing or not all(instance.identity.comparison == "==" for instance in failing):
        return ()
    shared = set.intersection(*(instance.cells() for instance in failing))
    found: list[Fix] = []
    first = failing[0]  # any failing identity: the candidate stands in it
    for key in sorted(shared, key=_order(table)):
        if key not in figures:
            continue
        solved = first.identity.solve(_name(first, key), lambda name: figures.get(first.key(name)))  # type: ignore[arg-type, return-value]
        if not isinstance(solved, int) or solved < 0:
            continue
        standing = [instance for instance in instances if key in instance.cells()]
        if all(_holds(instance, figures, (key, solved)) is not False for instance in standing):
            found.append(Fix(key[0], key[1], figures[key], solved))
    return tuple(found)


def _name(instance: _Instance, key: Key) -> str:
    """The name a cell has in an identity instance: its row (over columns) or its column."""
    return key[0] if instance.identity.over == "columns" else key[1]


def _order(table: Table) -> Callable[[Key], tuple[int, int]]:
    """Sorting cells as the form lays them out: by row, then by column."""
    spec = layouts.layout_for(table.kind, table.layout)
    rows = [row.key for row in spec.rows] if spec else []
    columns = list(dict.fromkeys(column.key for row in (spec.rows if spec else ()) for column in row.columns))
    return lambda key: (
        rows.index(key[0]) if key[0] in rows else len(rows),
        columns.index(key[1]) if key[1] in columns else len(columns),
    )
