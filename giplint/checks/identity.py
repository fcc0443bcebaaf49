"""identity: an arithmetic identity over a table holds for every column (or every row).

Why: the format's tables carry their own arithmetic (spec §5): the column note of table 三
("第一项加第二项之和，等于第三项加第四项之和"), row totals, the (七)总计 of the results, each 总计 of
table 四. Totals that do not add up are the commonest "inaccurate content" (30号 (四)明确责任).

The identity is data (grammar/expression.lark): `new_received + carried_over == results_total +
carried_forward`. Cells that are missing or could not be separated are skipped, never guessed;
blank cells count as 0 (and blank-cell reports them).

Example: see GIP301–GIP304 in rules/arithmetic.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from lark import Lark, Token, Tree

from giplint import hookimpl, layouts
from giplint.checks import CheckKind
from giplint.config import Rule
from giplint.diagnostics import Diagnostic
from giplint.grammars import open_grammar
from giplint.model import Cell, CellStatus, Report, Table

Term = tuple[int, str]  # (+1 or -1, name or integer literal)


@dataclass(frozen=True)
class Params:
    table: str  # active_disclosure | applications | review_litigation
    over: str  # "columns": names are rows, checked in each column; "rows": the other way round
    expect: str | dict[str, str]  # the identity, or one per layout ("2021", "2019")
    total: str = "left"  # the side holding the total: its value is "actual", the other "expected"
    only: list[str] = field(default_factory=list)  # restrict to these columns (or rows)


@cache
def _parser() -> Lark:
    return open_grammar("expression.lark", parser="lalr")


@cache
def parse_identity(text: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """Both sides of an identity as signed terms; raises lark errors on a malformed identity."""
    tree = _parser().parse(text)
    left, right = (_side(side) for side in tree.children)
    return left, right


def _side(tree: Tree) -> tuple[Term, ...]:
    terms: list[Term] = []
    sign = 1
    for child in tree.children:
        if isinstance(child, Token) and child.type == "OPERATOR":
            sign = -1 if child == "-" else 1
        else:
            token = child.children[0]
            terms.append((sign, str(token)))
    return tuple(terms)


def _value(table: Table, params: Params, name: str, other: str) -> Cell | int | None:
    if name.isdigit():
        return int(name)
    row, column = (name, other) if params.over == "columns" else (other, name)
    return table.cell(row, column)


def _side_value(table: Table, params: Params, terms: tuple[Term, ...], other: str) -> int | float | None:
    """The sum of one side, or None when a cell is missing, unseparated or invalid."""
    total: int | float = 0
    for sign, name in terms:
        cell = _value(table, params, name, other)
        if not _usable(cell):
            return None
        total += sign * _number(cell)  # type: ignore[arg-type]
    return total


def _usable(cell: Cell | int | None) -> bool:
    return isinstance(cell, int) or (
        cell is not None
        and cell.status not in (CellStatus.MISSING, CellStatus.UNSEPARATED, CellStatus.INVALID)
    )


def _number(cell: Cell | int) -> int | float:
    return cell if isinstance(cell, int) else cell.number()  # type: ignore[return-value]


def _format(terms: tuple[Term, ...], values: list[Cell | int]) -> str:
    parts = []
    for index, ((sign, _), value) in enumerate(zip(terms, values, strict=True)):
        number = _number(value)
        parts.append(
            f"{'-' if sign < 0 else '+' if index else ''}{number}".replace("+", " + ").replace("-", " - ")
        )
    return "".join(parts).strip()


def _labels(table: Table, params: Params, terms: tuple[Term, ...]) -> str:
    spec = layouts.layout_for(table.kind, table.layout)
    names = []
    for sign, name in terms:
        label = name
        if spec and params.over == "columns" and spec.row(name):
            label = spec.row(name).label.split(" ")[-1]  # type: ignore[union-attr]
        elif spec and params.over == "rows":
            label = next((c.label for r in spec.rows for c in r.columns if c.key == name), name)
        names.append(("- " if sign < 0 else "+ " if names else "") + label)
    return " ".join(names)


def _others(table: Table, params: Params) -> list[tuple[str, str]]:
    """The columns (or rows) the identity is checked in, with their labels."""
    spec = layouts.layout_for(table.kind, table.layout)
    if spec is None:
        return []
    if params.over == "columns":
        columns = {c.key: c.label for r in spec.rows for c in r.columns}
        pairs = list(columns.items())
    else:
        pairs = [(r.key, r.label) for r in spec.rows]
    return [(key, label) for key, label in pairs if not params.only or key in params.only]


def check(report: Report, rule: Rule) -> Iterator[Diagnostic]:
    params: Params = rule.params
    table = report.table(params.table)
    if table is None:
        return
    expect = params.expect if isinstance(params.expect, str) else params.expect.get(table.layout)
    if not expect:
        return
    left, right = parse_identity(expect)
    for other, other_label in _others(table, params):
        left_value = _side_value(table, params, left, other)
        right_value = _side_value(table, params, right, other)
        if left_value is None or right_value is None or left_value == right_value:
            continue
        left_cells = [_value(table, params, name, other) for _, name in left]
        right_cells = [_value(table, params, name, other) for _, name in right]
        total_side = left_cells if params.total == "left" else right_cells
        anchor = next((c for c in total_side if isinstance(c, Cell)), None)
        if anchor is None:
            continue
        actual, expected = (left_value, right_value) if params.total == "left" else (right_value, left_value)
        yield rule.diagnostic(
            report,
            anchor.span,
            section=table.section,
            table=table.title,
            where=other_label,
            left=left_value,
            right=right_value,
            left_cells=_labels(table, params, left),
            right_cells=_labels(table, params, right),
            left_terms=_format(left, left_cells),  # type: ignore[arg-type]
            right_terms=_format(right, right_cells),  # type: ignore[arg-type]
            expected=expected,
            actual=actual,
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind]:
    return [CheckKind("identity", Params, check, __doc__ or "")]
