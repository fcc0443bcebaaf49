"""Separating glued table cells by the table's own identities.

Crawled pages often lose every cell boundary: "一、本年新收政府信息公开申请数量640020470" holds seven
numbers. The digits alone do not say where one number ends. But the format says more: in table 三
each row's six applicant columns sum to its 总计, and the columns balance (一+二 = (七)+四, and
(七) is the sum of the result rows); in table 四 each group's 总计 is the sum of its four outcomes.

The identities come from giplint/identities.py (the shipped rules that state them) as linear
constraints over a row's positions. This module finds every way to read the digits as numbers
that obey them (no number
with a leading zero, none longer than `MAX_DIGITS`). A reading is used only when it is the only
one; otherwise the cells stay unseparated. A report whose glued figures do not add up therefore
never gets invented numbers or invented arithmetic errors: it gets "could not separate" — unless
no reading at all obeys one of the row's identities (`（七）总计20000011`): that identity is broken
whatever the cells are, and the row's finding is that identity's (`broken`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product

from giplint import layouts
from giplint.identities import Identity, for_table

MAX_DIGITS = 7
MAX_READINGS = 64
MAX_COMBINATIONS = 20_000

# (first, last): values[first:last] sum to values[last]
SumGroup = tuple[int, int]
# ((position, coefficient), ...): the coefficients times the values at those positions sum to 0
Linear = tuple[tuple[int, int], ...]


def linear(group: SumGroup) -> Linear:
    """A sum group as a linear constraint."""
    first, last = group
    return (*((index, 1) for index in range(first, last)), (last, -1))


@dataclass(frozen=True, slots=True)
class RowIdentity:
    """One shipped equality over a row (or a group of table 四's one row), as a linear constraint
    over the positions of the cells laid end to end."""

    rule: str  # the rule that states it: "GIP303"
    row: str  # the row (or group) it holds in
    label: str  # that row's label, as the form prints it
    linear: Linear


@cache
def row_identities(
    table: str, layout: str, rows: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[RowIdentity, ...]:
    """The table's shipped equalities that hold in every row (`over: rows`, this year's figures
    only) over the positions of `rows`' cells laid end to end: `rows` is ((row key, its column
    keys), ...) — one row of table 三, or the three groups of table 四 read as one row of 15."""
    found: list[RowIdentity] = []
    offset = 0
    spec = layouts.layout_for(table, layout)
    for row, columns in rows:
        row_spec = spec.row(row) if spec is not None else None
        position = {column: offset + index for index, column in enumerate(columns)}
        for identity in for_table(table, layout):
            if identity.over != "rows" or not _usable(identity) or not identity.applies_to(row):
                continue
            if all(name in position for name in identity.names):
                terms = tuple((position[name], sign) for sign, name in identity.terms)
                found.append(RowIdentity(identity.rule, row, row_spec.label if row_spec else row, terms))
        offset += len(columns)
    return tuple(found)


def row_constraints(
    table: str, layout: str, rows: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[Linear, ...]:
    """row_identities as bare linear constraints."""
    return tuple(identity.linear for identity in row_identities(table, layout, rows))


def broken(chunks: Sequence[str], count: int, identities: Sequence[RowIdentity]) -> list[RowIdentity]:
    """The identities that no reading of the digits as `count` numbers obeys: a certain error in
    the row, whatever its cells are. None when the digits cannot be read as `count` numbers at
    all (that is a reading problem, not arithmetic)."""
    if not readings(chunks, count, limit=1):
        return []
    return [i for i in identities if not readings(chunks, count, limit=1, constraints=(i.linear,))]


@cache
def column_equalities(table: str, layout: str) -> tuple[Identity, ...]:
    """The table's shipped equalities that hold in every column (`over: columns`, this year's
    figures only): those that tie glued rows together (table 三: 一 + 二 = (七) + 四, (七) = the
    sum of the result rows)."""
    return tuple(i for i in for_table(table, layout) if i.over == "columns" and _usable(i))


def _usable(identity: Identity) -> bool:
    """An equality over this year's figures and no literal: what may separate glued digits."""
    return (
        identity.comparison == "=="
        and not identity.cross_year
        and all(not name.isdigit() for _, name in identity.terms)
    )


def readings(
    chunks: Sequence[str],
    count: int,
    groups: Sequence[SumGroup] = (),
    limit: int = MAX_READINGS,
    constraints: Sequence[Linear] = (),
) -> list[tuple[int, ...]]:
    """Every way (up to `limit`) to read `count` integers from digit `chunks` that obey `groups`
    and the linear `constraints` (each checked as soon as its last position is read).

    Chunks are runs of digits; a number never spans two chunks (a space in the export is a
    boundary), but a chunk may hold several numbers.
    """
    if not chunks or not all(chunk.isdigit() for chunk in chunks):
        return []
    if sum(len(chunk) for chunk in chunks) < count:
        return []
    ends = _by_last([*map(linear, groups), *constraints])
    found: list[tuple[int, ...]] = []
    for values in _split(chunks, 0, 0, count, [], ends):
        found.append(tuple(values))
        if len(found) >= limit:
            break
    return found


def _by_last(constraints: Sequence[Linear]) -> dict[int, list[tuple[int, Linear]]]:
    """Each constraint under its last position, as (that position's coefficient, the others)."""
    ends: dict[int, list[tuple[int, Linear]]] = {}
    for constraint in constraints:
        last = max(index for index, _ in constraint)
        rest = tuple((i, c) for i, c in constraint if i != last)
        ends.setdefault(last, []).append((sum(c for i, c in constraint if i == last), rest))
    return ends


def _split(
    chunks: Sequence[str],
    chunk_index: int,
    position: int,
    remaining: int,
    values: list[int],
    ends: dict[int, list[tuple[int, Linear]]],
) -> Iterator[list[int]]:
    if chunk_index == len(chunks):
        if remaining == 0:
            yield list(values)
        return
    chunk = chunks[chunk_index]
    if position == len(chunk):
        yield from _split(chunks, chunk_index + 1, 0, remaining, values, ends)
        return
    if remaining == 0:
        return
    # the digits left must be able to hold the numbers left, and vice versa
    digits_left = len(chunk) - position + sum(len(c) for c in chunks[chunk_index + 1 :])
    if digits_left < remaining or digits_left > remaining * MAX_DIGITS:
        return
    longest = 1 if chunk[position] == "0" else min(MAX_DIGITS, len(chunk) - position)
    for width in range(1, longest + 1):
        number = int(chunk[position : position + width])
        index = len(values)
        if index in ends and not all(
            last * number + sum(c * values[i] for i, c in rest) == 0 for last, rest in ends[index]
        ):
            continue
        values.append(number)
        yield from _split(chunks, chunk_index, position + width, remaining - 1, values, ends)
        values.pop()


def solve_columns(
    candidates: Sequence[list[tuple[int, ...]]],
    check: Callable[[tuple[tuple[int, ...], ...]], bool],
) -> list[tuple[int, ...]] | None:
    """Pick one reading per row so that `check(rows)` holds; None unless exactly one choice does.

    `candidates[i]` are the readings of row i (a row already known has exactly one). The search
    is bounded by MAX_COMBINATIONS so a pathological page cannot stall the run.
    """
    sizes = 1
    for options in candidates:
        sizes *= max(len(options), 1)
        if not options or sizes > MAX_COMBINATIONS:
            return None
    chosen: list[tuple[int, ...]] | None = None
    for combination in product(*candidates):
        if check(combination):
            if chosen is not None:
                return None
            chosen = list(combination)
    return chosen
