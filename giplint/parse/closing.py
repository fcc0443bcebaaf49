"""Where the closing block starts: the 落款 (organ, date), attachment lines and a web page's
furniture that follow section 六 and are not part of it (the items: layouts.CLOSING_ITEMS).

Why: a 六 that says only 无 followed by `河北省教育厅` / `2022年1月20日`, by `附件：…年度报告`, or by
`【打印】【关闭】` says nothing; counted as content it hides empty-other-matters behind
missing-processing-fee. Crawled pages glue all of it on one line
(`无河北省人力资源和社会保障厅2021年1月27日更多信息请关注…`), so the block is found by what it is
made of, not by its lines.

The block may start at a boundary only: the start of the text, after a blank or a punctuation mark
(a line end among them), or right after a leading `head` (a regex, e.g. the placeholders of GIP401:
`无` glued to the organ's name). From there to the end, the text must be closing items and
separators only. Which suffixes are closing is decided once from the end backwards over a bounded
tail, so the cost is linear in that tail whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from giplint import layouts

# The longest closing block looked for: a 落款, a few attachment lines and a page footer.
TAIL_CHARS = 600


@cache
def _items() -> tuple[re.Pattern[str], tuple[int, ...]]:
    """Every closing item tried at one offset in one regex call, and the group holding each
    item's match: item k is an optional lookahead around a group, which matches there as
    `re.match(item k)` alone would (a lookahead is never backtracked into). Why: the items were
    tried one call each at every offset of the tail, 12 calls an offset, 2 ms a report."""
    groups: list[int] = []
    parts: list[str] = []
    count = 0
    for pattern in layouts.CLOSING_ITEMS:
        groups.append(count + 1)
        count += 1 + re.compile(pattern).groups
        parts.append(f"(?=({pattern}))?")
    return re.compile("".join(parts)), tuple(groups)


def _closing_suffixes(text: str, first: int) -> list[bool]:
    """closes[i - first]: text[i:] is closing items and separators only (True at the end)."""
    end = len(text)
    closes = [False] * (end - first + 1)
    closes[-1] = True
    items, groups = _items()
    for i in range(end - 1, first - 1, -1):
        if text[i] in layouts.CLOSING_SEPARATORS:
            closes[i - first] = closes[i + 1 - first]
            continue
        found = items.match(text, i)
        if found is None or found.lastindex is None:
            continue  # no item matches here (the usual case)
        ends = found.regs
        closes[i - first] = any(ends[group][1] > i and closes[ends[group][1] - first] for group in groups)
    return closes


def _lead(text: str) -> int:
    """Where the text starts past its leading separators."""
    i = 0
    while i < len(text) and text[i] in layouts.CLOSING_SEPARATORS:
        i += 1
    return i


def closing_start(text: str, heads: Sequence[str] = ()) -> int:
    """Where the closing block at the end of `text` starts; len(text) when it has none."""
    return _closing_start(text, tuple(heads))


@lru_cache(maxsize=64)
def _closing_start(text: str, heads: tuple[str, ...]) -> int:
    """closing_start, remembered: several rules ask it of the same section's text."""
    first = max(0, len(text) - TAIL_CHARS)
    closes = _closing_suffixes(text, first)

    def closing_from(i: int) -> bool:
        rest = text[i:]
        return closes[i - first] and _lead(rest) < len(rest)

    lead = _lead(text)
    for head in heads:
        match = re.compile(head).match(text, lead)
        if match is not None and first <= match.end() < len(text) and match.end() > lead:
            end = match.end()
            while end < len(text) and text[end] in layouts.CLOSING_SEPARATORS:
                end += 1  # 无。 keeps its mark
            if closing_from(end):
                return end
    for i in range(first, len(text)):
        boundary = i == 0 or text[i - 1] in layouts.CLOSING_SEPARATORS
        if boundary and closing_from(i):
            return i
    return len(text)


def without_closing(text: str, heads: Sequence[str] = ()) -> str:
    """`text` without the closing block at its end, and without trailing blanks."""
    return text[: closing_start(text, heads)].rstrip()
