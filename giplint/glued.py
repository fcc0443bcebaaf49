"""Separating glued table cells by the table's own identities.

Crawled pages often lose every cell boundary: "一、本年新收政府信息公开申请数量640020470" holds seven
numbers. The digits alone do not say where one number ends. But the format says more: in table 三
each row's six applicant columns sum to its 总计, and the columns balance (一+二 = (七)+四, and
(七) is the sum of the result rows); in table 四 each group's 总计 is the sum of its four outcomes.

This module finds every way to read the digits as numbers that obey those identities (no number
with a leading zero, none longer than `MAX_DIGITS`). A reading is used only when it is the only
one; otherwise the cells stay unseparated. A report whose glued figures do not add up therefore
never gets invented numbers or invented arithmetic errors: it gets "could not separate".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import product

MAX_DIGITS = 7
MAX_READINGS = 64
MAX_COMBINATIONS = 20_000

# (first, last): values[first:last] sum to values[last]
SumGroup = tuple[int, int]


def readings(
    chunks: Sequence[str], count: int, groups: Sequence[SumGroup] = (), limit: int = MAX_READINGS
) -> list[tuple[int, ...]]:
    """Every way (up to `limit`) to read `count` integers from digit `chunks` that obey `groups`.

    Chunks are runs of digits; a number never spans two chunks (a space in the export is a
    boundary), but a chunk may hold several numbers.
    """
    if not chunks or not all(chunk.isdigit() for chunk in chunks):
        return []
    if sum(len(chunk) for chunk in chunks) < count:
        return []
    ends = {last: first for first, last in groups}
    found: list[tuple[int, ...]] = []
    for values in _split(chunks, 0, 0, count, [], ends):
        found.append(tuple(values))
        if len(found) >= limit:
            break
    return found


def _split(
    chunks: Sequence[str],
    chunk_index: int,
    position: int,
    remaining: int,
    values: list[int],
    ends: dict[int, int],
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
        if index in ends and sum(values[ends[index] : index]) != number:
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
