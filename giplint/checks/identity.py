"""identity: an arithmetic identity over a table holds for every column (or every row).

Why: the format's tables carry their own arithmetic (spec §5): the column note of table 三
("第一项加第二项之和，等于第三项加第四项之和"), row totals, the (七)总计 of the results, each 总计 of
table 四. Totals that do not add up are the commonest "inaccurate content" (30号 (四)明确责任).

The identity is data (grammar/expression.lark): `new_received + carried_over == results_total +
carried_forward`. Cells that are missing or could not be separated are skipped, never guessed;
blank cells count as 0 (and blank-cell reports them).

A name ``previous.<table>.<row>`` (or ``previous.<table>.<row>.<column>``) reads last year's report
of the same organ (spec T3-5, T2-2, T2-3): such a rule runs only for a report paired with last
year's (giplint/engine/pairing.py), and in it only cells holding a number take part on either side — a
blank, glued or unreadable figure is never compared, so no mismatch is invented. An identity may
state a bound (``<=``, ``>=``) instead of an equality.

Example: see GIP301–GIP304 in rules/arithmetic.yaml, GIP501–GIP503 in rules/years.yaml.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from lark.exceptions import LarkError

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.identities import PREVIOUS, Term, parse_comparison
from giplint.model import Cell, CellStatus, IssueKind, Number, Report, Table, TableIssue
from giplint.repair import Fix, fixes
from giplint.years.separate import separate

__all__ = ["PREVIOUS", "Params", "Term", "check", "parse_comparison", "parse_identity"]


@dataclass(frozen=True)
class Params:
    table: str  # active_disclosure | applications | review_litigation
    over: str  # "columns": names are rows, checked in each column; "rows": the other way round
    expect: str | dict[str, str]  # the identity, or one per layout ("2021", "2019")
    total: str = "left"  # the side holding the total: its value is "actual", the other "expected"
    only: list[str] = field(default_factory=list)  # restrict to these columns (or rows)
    # The repair hint's wording ({repair}: giplint/repair.py): templates "unique", "several",
    # "none" and "fix" (one cell of "several"); empty: no repair is looked for.
    repair: dict[str, str] = field(default_factory=dict)
    # the finding when no reading of a glued row obeys the identity (over rows): message and hint
    # templates over {where} (the row), {digits}, {count}, {left_cells}, {right_cells}
    unseparable: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Validate at load: a malformed identity or a misspelt name is a configuration error
        naming the rule file, not a rule that silently never fires."""
        choose("表格", self.table, layouts.TABLES)
        if self.over not in ("columns", "rows"):
            raise ValueError(f"over 应为 columns 或 rows，而不是 {self.over}")
        if self.total not in ("left", "right"):
            raise ValueError(f"total 应为 left 或 right，而不是 {self.total}")
        others_axis = "columns" if self.over == "columns" else "rows"
        for name in self.only:
            if name not in _keys(self.table, others_axis):
                raise ValueError(f"only 中的 {name} 不是表格 {self.table} 的{_AXIS[others_axis]}名称")
        if self.repair:
            _validate_repair(self)
        for key in self.unseparable:
            choose("unseparable 的键", key, ("message", "hint"))
        if self.unseparable and "message" not in self.unseparable:
            raise ValueError("unseparable 应写明 message")
        for text in _expressions(self.expect):
            try:
                left, _, right = parse_comparison(text)
            except LarkError as exc:
                raise ValueError(f"等式 {text!r} 无法解析（{exc.__class__.__name__}）") from None
            for _, name in (*left, *right):
                _validate_name(self, name)

    @cached_property
    def cross_year(self) -> bool:
        """Whether the identity reads last year's report (the rule then needs a paired report).
        Remembered: it is asked twice per rule and report."""
        return any(
            name.startswith(PREVIOUS)
            for text in _expressions(self.expect)
            for side in parse_comparison(text)[::2]
            for _, name in side
        )


_REPAIR_FIELDS = {
    "unique": ("number", "row", "column", "found", "value"),
    "fix": ("number", "row", "column", "found", "value"),
    "several": ("number", "count", "fixes"),
    "none": ("number",),
    "zeros": ("count",),
}

_REPAIR_OPTIONAL = ("zeros",)  # without it, a long sum lists every term

# A sum of more terms than this lists its zero terms as one count ({zeros}): GIP302's 21 results
# by name, 17 of them 0, hide the few figures an editor has to check.
LONG_SUM = 6


def _validate_repair(params: Params) -> None:
    """The repair templates: the four required ones (and "zeros" if given), each naming only the fields it is given; and only for an
    identity of this year's figures (a repair changes this year's table)."""
    if params.cross_year:
        raise ValueError("repair 只用于本年表格内的等式，不用于跨年度的规则")
    for name in params.repair:
        choose("repair 模板", name, _REPAIR_FIELDS)
    for name, fields in _REPAIR_FIELDS.items():
        if name not in params.repair:
            if name in _REPAIR_OPTIONAL:
                continue
            raise ValueError(f"repair 缺少模板 {name}")
        for _, used, _, _ in string.Formatter().parse(params.repair[name]):
            if used is not None:
                choose(f"repair 模板 {name} 的字段", used, fields)


def _expressions(expect: str | dict[str, str]) -> list[str]:
    return [expect] if isinstance(expect, str) else list(expect.values())


_AXIS = {"rows": "行", "columns": "列"}


def _keys(table: str, axis: str) -> set[str]:
    """Row keys (axis "rows") or column keys ("columns") of every layout of a table."""
    return set(layouts.row_keys(table) if axis == "rows" else layouts.column_keys(table))


def _validate_name(params: Params, name: str) -> None:
    if name.isdigit():
        return
    names_axis = "rows" if params.over == "columns" else "columns"
    if not name.startswith(PREVIOUS):
        known = _keys(params.table, names_axis)
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"，您是否想写 {close[0]}？" if close else ""
            raise ValueError(f"{name} 不是表格 {params.table} 的{_AXIS[names_axis]}名称{hint}")
        return
    parts = name.removeprefix(PREVIOUS).split(".")
    tables = {spec.table for spec in layouts.LAYOUTS.values()}
    if len(parts) not in (2, 3) or parts[0] not in tables:
        raise ValueError(
            f"{name} 应写为 previous.<表格>.<行或列> 或 previous.<表格>.<行>.<列>（表格：{'、'.join(sorted(tables))}）"
        )
    if len(parts) == 3:
        row, column = parts[1], parts[2]
        if row not in _keys(parts[0], "rows") or column not in _keys(parts[0], "columns"):
            raise ValueError(f"{name} 中的行或列不存在")
    elif parts[1] not in _keys(parts[0], names_axis):
        raise ValueError(
            f"{name} 中的 {parts[1]} 不是表格 {parts[0]} 的{'行' if names_axis == 'rows' else '列'}名"
        )


def parse_identity(text: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """Both sides of an identity as signed terms (the comparison left out)."""
    left, _, right = parse_comparison(text)
    return left, right


def _value(
    table: Table, params: Params, name: str, other: str, previous: Report | None = None
) -> Cell | int | None:
    if name.isdigit():
        return int(name)
    if name.startswith(PREVIOUS):
        parts = name.removeprefix(PREVIOUS).split(".")
        last_year = previous.table(parts[0]) if previous is not None else None
        if last_year is None:
            return None
        if len(parts) == 3:
            return last_year.cell(parts[1], parts[2])
        name, table = parts[1], last_year
    row, column = (name, other) if params.over == "columns" else (other, name)
    return table.cell(row, column)


def _side_value(
    table: Table, params: Params, terms: tuple[Term, ...], other: str, previous: Report
) -> int | float | None:
    """The sum of one side across years, or None when a cell is missing, unseparated or invalid
    or holds no number at all (a blank is not compared with last year)."""
    total: int | float = 0
    for sign, name in terms:
        cell = _value(table, params, name, other, previous)
        if not _usable(cell, strict=True):
            return None
        total += sign * _number(cell)  # type: ignore[arg-type]
    return total


# A side in one column or row: the sum of its integer literals, and the (row, column) keys of its
# terms added and of those subtracted.
Keyed = tuple[int, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


@lru_cache(maxsize=1024)
def _plan(
    left: tuple[Term, ...], right: tuple[Term, ...], by_row: bool, others: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str, Keyed, Keyed], ...]:
    """Each column (`by_row`: the names are rows) or row the identity is checked in, with its
    label and both sides keyed (_keyed). Why: worked out once per rule and layout, not per report
    and column; identity sums were half the cost of the rules."""
    return tuple(
        (other, label, _keyed(left, by_row, other), _keyed(right, by_row, other)) for other, label in others
    )


def _keyed(terms: tuple[Term, ...], by_row: bool, other: str) -> Keyed:
    """One side in one column or row (`by_row`: its names are rows), keyed."""
    constant = sum(sign * int(name) for sign, name in terms if name.isdigit())

    def keys(wanted: int) -> tuple[tuple[str, str], ...]:
        return tuple(
            (name, other) if by_row else (other, name)
            for sign, name in terms
            if sign == wanted and not name.isdigit()
        )

    return constant, keys(1), keys(-1)


def _figures_sum(figures: Mapping[tuple[str, str], Number], side: Keyed) -> Number | None:
    """A keyed side's sum over this year's figures (summed in C); None when one of its cells is
    not a figure. Counts are ints; the one Decimal figure (the 万元 fee) stands in no identity."""
    constant, added, subtracted = side
    try:
        return constant + sum(map(figures.__getitem__, added)) - sum(map(figures.__getitem__, subtracted))
    except KeyError:
        return None


def _broken(
    table: Table,
    params: Params,
    sides: tuple[tuple[Term, ...], tuple[Term, ...]],
    holds: Callable[[Any, Any], bool],
    previous: Report | None,
) -> Iterator[tuple[str, str, Number | float, Number | float]]:
    """Each column (or row) whose sides can be summed and break the identity: its key, label and
    both sums."""
    left, right = sides
    left_value: Number | float | None
    right_value: Number | float | None
    if previous is None:  # the common case: this year's figures only, looked up in one dict
        figures = table.figures()
        plan = _plan(left, right, params.over == "columns", _others(table, params))
        for other, label, left_keyed, right_keyed in plan:
            left_value = _figures_sum(figures, left_keyed)
            right_value = _figures_sum(figures, right_keyed) if left_value is not None else None
            if left_value is not None and right_value is not None and not holds(left_value, right_value):
                yield other, label, left_value, right_value
        return
    for other, label in _others(table, params):
        left_value = _side_value(table, params, left, other, previous)
        right_value = _side_value(table, params, right, other, previous)
        if left_value is not None and right_value is not None and not holds(left_value, right_value):
            yield other, label, left_value, right_value


def _usable(cell: Cell | int | None, strict: bool = False) -> bool:
    if isinstance(cell, int):
        return True
    if cell is None:
        return False
    if strict:
        return cell.status is CellStatus.VALUE
    return cell.status not in (CellStatus.MISSING, CellStatus.UNSEPARATED, CellStatus.INVALID)


_HOLDS = {"==": lambda a, b: a == b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}


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


def _labels(table: Table, params: Params, terms: tuple[Term, ...]) -> list[str]:
    """The form's short label of each term (予以公开, 自然人; 上年… for last year's)."""
    spec = layouts.layout_for(table.kind, table.layout)
    names: list[str] = []
    for _, written in terms:
        name = written.removeprefix(PREVIOUS).split(".")[1] if written.startswith(PREVIOUS) else written
        label = name
        if spec and params.over == "columns" and spec.row(name):
            label = layouts.term_label(spec.row(name).label)  # type: ignore[union-attr]
        elif spec and params.over == "rows":
            label = next((c.label for r in spec.rows for c in r.columns if c.key == name), name)
        names.append(f"上年{label}" if written.startswith(PREVIOUS) else label)
    return names


def _signed(terms: tuple[Term, ...], parts: list[str]) -> str:
    """Terms joined by their signs: ``a + b - c``."""
    return " ".join(
        ("- " if sign < 0 else "+ " if index else "") + part
        for index, ((sign, _), part) in enumerate(zip(terms, parts, strict=True))
    )


def _named(table: Table, params: Params, terms: tuple[Term, ...], values: list[Cell | int]) -> str:
    """A sum by name, never bare numbers: 予以公开 7 + 部分公开 1 + …; in a long sum the zero
    terms are counted, not listed (其余 17 项为 0), so the figures to check stand out."""
    labels = _labels(table, params, terms)
    named = [(term, f"{label} {_number(value)}") for term, label, value in zip(terms, labels, values, strict=True)]
    kept = [pair for pair, value in zip(named, values, strict=True) if _number(value) != 0]
    zeros = len(terms) - len(kept)
    if len(terms) <= LONG_SUM or "zeros" not in params.repair or not kept or not zeros:
        return _signed(terms, [part for _, part in named])
    summed = _signed(tuple(term for term, _ in kept), [part for _, part in kept])
    return f"{summed}（{params.repair['zeros'].format(count=zeros)}）"


def _repair(table: Table, params: Params) -> str:
    """The repair hint (giplint/repair.py): the one cell that makes every identity of the table
    hold, or the several that would, or that none would; "" when the rule words none."""
    if not params.repair:
        return ""
    found = fixes(table)

    def fields(fix: Fix) -> dict[str, object]:
        row, column = layouts.cell_labels(table.kind, table.layout, fix.row, fix.column)
        return {"number": table.section, "row": row, "column": column, "found": fix.found, "value": fix.value}

    if len(found) == 1:
        return params.repair["unique"].format_map(fields(found[0]))
    if found:
        listed = "、".join(params.repair["fix"].format_map(fields(fix)) for fix in found)
        return params.repair["several"].format_map(
            {"number": table.section, "count": len(found), "fixes": listed}
        )
    return params.repair["none"].format_map({"number": table.section})


def _others(table: Table, params: Params) -> tuple[tuple[str, str], ...]:
    """The columns (or rows) the identity is checked in, with their labels."""
    return _others_in(table.kind, table.layout, params.over, tuple(params.only))


@lru_cache(maxsize=256)
def _others_in(kind: str, layout: str, over: str, only: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """_others, worked out once per layout and rule (it was asked once per rule and report)."""
    spec = layouts.layout_for(kind, layout)
    if spec is None:
        return ()
    if over == "columns":
        columns = {c.key: c.label for r in spec.rows for c in r.columns}
        pairs = list(columns.items())
    else:
        pairs = [(r.key, r.label) for r in spec.rows]
    return tuple((key, label) for key, label in pairs if not only or key in only)


def check(report: Report, rule: Rule[Params], previous: Report | None = None) -> Iterator[Diagnostic]:
    params: Params = rule.params
    table = report.table(params.table)
    if table is None:
        return
    expect = params.expect if isinstance(params.expect, str) else params.expect.get(table.layout)
    if not expect:
        return
    left, comparison, right = parse_comparison(expect)
    repair: str | None = None  # looked for once, at the first finding
    issues = table.issues
    if previous is not None:  # glued rows this year: last year's figures may separate them
        table, broken = separate(table, previous)
        issues = (*issues, *broken)
    yield from _unseparable(report, rule, table, issues, (left, right), previous)
    failing = _broken(table, params, (left, right), _HOLDS[comparison], previous)
    for other, other_label, left_value, right_value in failing:
        left_cells = [_value(table, params, name, other, previous) for _, name in left]
        right_cells = [_value(table, params, name, other, previous) for _, name in right]
        total_side = (
            left if params.total == "left" else right,
            left_cells if params.total == "left" else right_cells,
        )
        # the finding is placed on a cell of this year's report: last year's is another file
        anchor = next(
            (
                c
                for (_, name), c in zip(*total_side, strict=True)
                if isinstance(c, Cell) and not name.startswith(PREVIOUS)
            ),
            None,
        ) or next(
            (
                c
                for (_, name), c in zip((*left, *right), (*left_cells, *right_cells), strict=True)
                if isinstance(c, Cell) and not name.startswith(PREVIOUS)
            ),
            None,
        )
        if anchor is None:
            continue
        actual, expected = (left_value, right_value) if params.total == "left" else (right_value, left_value)
        if repair is None:
            repair = _repair(table, params)
        yield rule.diagnostic(
            report,
            anchor.span,
            **layouts.table_place(table, anchor.row, anchor.column),
            where=other_label,
            left=left_value,
            right=right_value,
            left_cells=_signed(left, _labels(table, params, left)),
            right_cells=_signed(right, _labels(table, params, right)),
            left_named=_named(table, params, left, left_cells),  # type: ignore[arg-type]
            right_named=_named(table, params, right, right_cells),  # type: ignore[arg-type]
            repair=repair,
            left_terms=_format(left, left_cells),  # type: ignore[arg-type]
            right_terms=_format(right, right_cells),  # type: ignore[arg-type]
            expected=expected,
            actual=actual,
            previous_year=(previous.year or "上") if previous is not None else "",
            previous_path=previous.path if previous is not None else "",
        )


def _unseparable(
    report: Report,
    rule: Rule[Params],
    table: Table,
    issues: Iterable[TableIssue],
    sides: tuple[tuple[Term, ...], tuple[Term, ...]],
    previous: Report | None,
) -> Iterator[Diagnostic]:
    """Glued rows that break this identity under every reading (the table reader found them:
    giplint/parse/tables/glued.py `broken`; across years, giplint/years/separate.py): a certain
    error, though the cells stay unknown."""
    wording = rule.params.unseparable
    if not wording:
        return
    left, right = sides
    worded: Rule[Params] | None = None  # made at the first such row: most tables have none
    for issue in issues:
        if issue.kind is not IssueKind.IDENTITY_BROKEN or issue.rule != rule.id:
            continue
        worded = worded or replace(rule, message=wording["message"], hint=wording.get("hint", ""))
        total = (left if rule.params.total == "left" else right)[0][1]  # over rows: a column key
        place = layouts.table_place(table, issue.row, total)
        yield worded.diagnostic(
            report,
            issue.span,
            **place,
            where=place["row_label"] or issue.label,
            digits=issue.found,
            count=issue.expected,
            left_cells=_signed(left, _labels(table, rule.params, left)),
            right_cells=_signed(right, _labels(table, rule.params, right)),
            previous_year=previous.year or "" if previous is not None else "",
            previous_path=previous.path if previous is not None else "",
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("identity", Params, check, __doc__ or "", previous=lambda params: params.cross_year)]
