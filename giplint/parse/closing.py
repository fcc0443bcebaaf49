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
separators only. Which suffixes are closing is decided over a bounded tail, each offset at most
once and only when a boundary's question reaches it, so the cost is at most linear in that tail
whatever the input.
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


class _Suffixes:
    """Which suffixes of `text` (from offset `first` on) are closing items and separators only,
    decided lazily: only the offsets a question reaches through a chain of items are tried.

    Why: the block is usually absent, and deciding every offset of every section's tail (one
    regex call each) took 1 ms a report. The answer at an offset depends only on offsets after
    it, so each is decided once, on an explicit stack (a chain may be as long as the tail, too
    deep for recursion), and remembered."""

    def __init__(self, text: str, first: int) -> None:
        self.text = text
        self.first = first
        self.known: list[bool | None] = [None] * (len(text) - first + 1)
        self.known[-1] = True
        self.later: dict[int, list[int]] = {}

    def closes(self, start: int) -> bool:
        """text[start:] is closing items and separators only (True at the end)."""
        known, first = self.known, self.first
        decided = known[start - first]
        if decided is not None:
            return decided
        stack = [start]
        while stack:
            i = stack[-1]
            if known[i - first] is not None:
                stack.pop()
                continue
            later = self.later.get(i)
            if later is None:  # asked once per offset: the offset is back on top after each pending one
                later = self.later[i] = self._later(i)
            decided, pending = None, None
            for j in later:
                decided = known[j - first]
                if decided:
                    break
                if decided is None and pending is None:
                    pending = j
            if decided:
                known[i - first] = True
            elif pending is None:
                known[i - first] = False
            else:
                stack.append(pending)
                continue
            stack.pop()
        return known[start - first] is True

    def _later(self, i: int) -> list[int]:
        """Where the rest may go on after offset i: past a separator, or past each item that
        matches there."""
        text = self.text
        separators = _separator_runs().match(text, i)
        if separators is not None:
            return [separators.end()]  # a run of separators closes as what follows it
        items, groups = _items()
        found = items.match(text, i)
        if found is None or found.lastindex is None:
            return []  # no item matches here (the usual case)
        ends = found.regs
        return [ends[group][1] for group in groups if ends[group][1] > i]


def _lead(text: str, i: int = 0) -> int:
    """Where the text goes on past the separators at offset i."""
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
    suffixes = _Suffixes(text, first)

    def closing_from(i: int) -> bool:
        return _lead(text, i) < len(text) and suffixes.closes(i)

    lead = _lead(text)
    for head in heads:
        match = re.compile(head).match(text, lead)
        if match is not None and first <= match.end() < len(text) and match.end() > lead:
            end = _lead(text, match.end())  # 无。 keeps its mark
            if closing_from(end):
                return end
    if first == 0 and closing_from(0):
        return 0
    for run in _separator_runs().finditer(text, max(first - 1, 0)):
        # every boundary after this run's first separator closes as what follows the run
        if run.end() < len(text) and suffixes.closes(run.end()):
            return run.start() + 1
    return len(text)


@cache
def _separator_runs() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(layouts.CLOSING_SEPARATORS)}]+")


def without_closing(text: str, heads: Sequence[str] = ()) -> str:
    """`text` without the closing block at its end, and without trailing blanks."""
    return text[: closing_start(text, heads)].rstrip()
