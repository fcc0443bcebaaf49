"""Tables drawn without ruling lines: their rows put together from the text layer's positions.

Without rulings the table finder sees no table, and a table's cells come out as text lines in
top-to-bottom order. That order is not the row order when a label wraps: a label on two lines
with its figures centred beside it gives ``2.没有现成信息需要另行制`` / ``供 0 0 0`` / ``作`` (the
figures between the label's lines, with the last character of the group label ``（四）无法提供``
in front of them), so a reader going by text order gives the figures to the wrong row (issue 18
item 10). A row the page break cut (允许跨行断页) leaves its label's end, or its figures, at the
top of the next page, after the page number (issue 18 item 1).

So a run of lines that holds figures in columns (``_figures``: two figures or more at the end of
a line, apart as table columns are) is read by position: the number columns start at the run's
leftmost figure; what is left of them are label fragments, set in label columns (their left
edges); a label's lines are one label until a line starts a new numbered label (（四）, 三、, 1.),
a line did not reach its column's edge (it did not wrap), or the gap is wider than a line's;
and each line of figures goes to the label whose lines it lies beside (the rightmost, where a
group label and a row label both do). Across a page break the run goes on as if the pages were
one. Each row becomes one line ``label figure figure …`` that is never joined to another.
The header rows right above such a run are put together by the number columns (``_header``):
each column's words top to bottom are one cell (``结``/``果``/``维``/``持``, set one character a
line in a narrow column, are ``结果维持``), a cell spanning columns is a line of its own.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from giplint.readers._pdf_join import ORDINAL
from giplint.readers._pdf_page import Line, Page, Word

MAX_RUN_LINES = 2_000  # a report's table has under 100 rows; a longer run is left as lines (bounded work)
_FIGURE = re.compile(r"\d[\d,.]*")
_FIRST_OF_GROUP = re.compile(r"1[.、．]")  # the first row under a group label （四）无法提供
_GROUP = re.compile(r"[（(][一二三四五六七八九十]+[)）]")


@dataclass
class _Fragment:
    """A label's piece on one line: a word, or words a space apart, left of the number columns."""

    line: Line
    x0: float
    x1: float
    top: float  # in the run's flow: the pages of a run one after the other
    bottom: float
    text: str
    last: bool = True  # the rightmost label fragment of its line: where a row's own label would be


@dataclass
class _Label:
    fragments: list[_Fragment]
    figures: list[_Figures] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.fragments[0].top

    @property
    def bottom(self) -> float:
        return self.fragments[-1].bottom

    @property
    def x0(self) -> float:
        return min(fragment.x0 for fragment in self.fragments)

    @property
    def text(self) -> str:
        return "".join(fragment.text for fragment in self.fragments)


@dataclass
class _Figures:
    line: Line
    top: float  # in the run's flow
    bottom: float
    texts: list[str]

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


def join_text_rows(pages: list[Page]) -> None:
    """Put the rows of tables drawn without rulings together by position (see the module)."""
    sequence = [block for page in pages for block in page.blocks]
    start = floor = 0
    while start < len(sequence):
        run = _run(sequence, start, floor)
        if run is None:
            start += 1
            continue
        first, end = run
        lines = [block for block in sequence[first:end] if isinstance(block, Line)]
        if len(lines) <= MAX_RUN_LINES:
            head = _head(sequence, first, floor, lines)
            header = [block for block in sequence[head:first] if isinstance(block, Line)]
            _replace(pages, header + lines, _header(header, lines) + _rows(lines))
        start = floor = end


def _figures(line: Line) -> list[Word] | None:
    """The figures at the end of a line, when there are two or more, a column apart."""
    words = list(line.words)
    count = 0
    while count < len(words) and _FIGURE.fullmatch(words[len(words) - 1 - count].text):
        count += 1
    trailing = words[len(words) - count :]
    if count < 2 or any(b.x0 - a.x1 < line.size for a, b in itertools.pairwise(trailing)):
        return None
    return trailing


def _label_only(line: Line, edge: float) -> bool:
    return bool(line.words) and all(word.x1 < edge for word in line.words)


def _close(above: Line, below: Line, apart: float = 2) -> bool:
    """Lines of one table: less than `apart` lines apart on one page, or the last of a page and
    the first of the next."""
    if below.page != above.page:
        return below.page == above.page + 1
    return below.top - (above.top + above.size) < apart * max(below.size, above.size, 1)


def _run(sequence: Sequence[object], start: int, floor: int) -> tuple[int, int] | None:
    """The run of lines (first, end) that a line of figures at `start` is in, or None; it reaches
    back to `floor` at most (where the last run ended)."""
    line = sequence[start]
    if not isinstance(line, Line) or line.row:
        return None
    found = _figures(line)
    if found is None:
        return None
    edge = found[0].x0
    first = start
    while first > floor:
        above = sequence[first - 1]
        if not (isinstance(above, Line) and not above.row and _label_only(above, edge)):
            break
        below = sequence[first]
        assert isinstance(below, Line)
        if not _close(above, below):
            break
        first -= 1
    end = start + 1
    while end < len(sequence):
        below, above = sequence[end], sequence[end - 1]
        if not (isinstance(below, Line) and isinstance(above, Line) and not below.row and _close(above, below)):
            break
        more = _figures(below)
        if more is not None:
            edge = min(edge, more[0].x0)
        elif not _label_only(below, edge):
            break
        end += 1
    return first, end


def _head(sequence: Sequence[object], first: int, floor: int, lines: list[Line]) -> int:
    """Where the header rows above a run start: the lines of short cell texts over its number
    columns (``结果`` / ``维持``, or ``结`` / ``果`` / ``维`` / ``持`` in a narrow column) right above it."""
    found = [words for line in lines if (words := _figures(line)) is not None]
    edge, right = min(words[0].x0 for words in found), max(words[-1].x1 for words in found)
    widest = max(found, key=len)
    pitch = (widest[-1].x0 - widest[0].x0) / max(len(widest) - 1, 1)  # a number column's width
    head = first
    while head > floor:
        above, below = sequence[head - 1], sequence[head]
        if not (isinstance(above, Line) and isinstance(below, Line) and not above.row):
            break
        if not _close(above, below, 2.5):  # a header row's cells may have space after them
            break
        cells = (
            _figures(above) is None
            and any(word.x1 > edge for word in above.words)
            and all(w.x1 - w.x0 < 0.4 * (right - edge) and w.x1 < right + pitch for w in above.words)
        )
        if not cells:
            break
        head -= 1
    return head


def _header(header: list[Line], lines: list[Line]) -> list[Line]:
    """The header rows above a run put together by column: each number column's words top to
    bottom (``结``+``果``+``维``+``持``), one line of them; a cell spanning columns (``行政复议``,
    ``未经复议直接起诉``) a line of its own before it, and the label column's header first."""
    if not header:
        return []
    centres: list[float] = []
    for middle in sorted((w.x0 + w.x1) / 2 for line in lines for w in _figures(line) or []):
        if not centres or middle - centres[-1] > header[0].size:
            centres.append(middle)
    bounds = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    edge = min(words[0].x0 for line in lines if (words := _figures(line)) is not None)
    label: list[str] = []
    spanning: list[str] = []
    columns: dict[int, list[str]] = {}
    for line in header:
        wide = []
        for word in line.words:
            low, high = bisect.bisect_right(bounds, word.x0), bisect.bisect_right(bounds, word.x1)
            if word.x1 <= edge:
                label.append(word.text)
            elif low == high:
                columns.setdefault(low, []).append(word.text)
            else:
                wide.append(word.text)
        if wide:
            spanning.append(" ".join(wide))
    texts = (["".join(label)] if label else []) + spanning
    texts += [" ".join("".join(columns[index]) for index in sorted(columns))] if columns else []
    return [_row_line(header[0], text) for text in texts]


def _rows(lines: list[Line]) -> list[Line]:
    """The run's lines as rows: each label with the figures beside it, in reading order."""
    edge = min(found[0].x0 for line in lines if (found := _figures(line)) is not None)
    fragments: list[_Fragment] = []
    figures: list[_Figures] = []
    offset, page, bottom = 0.0, lines[0].page, 0.0
    for line in lines:
        if line.page != page:  # the next page goes on where this one ended
            offset, page = bottom - line.top + 1, line.page
        found = _figures(line) or []
        if found:
            top, low = min(word.top for word in found), max(word.bottom for word in found)
            figures.append(_Figures(line, top + offset, low + offset, [word.text for word in found]))
        fragments += _fragments(line, [word for word in line.words if word.x1 < edge], offset)
        bottom = max(bottom, line.top + line.size + offset)
    labels = _labels(fragments, edge, figures)
    near = _Near(labels)
    orphans = [_assign(group, near) for group in figures]
    return _ordered(labels, [group for group in orphans if group is not None])


def _fragments(line: Line, words: list[Word], offset: float) -> list[_Fragment]:
    """Words of one line less than a character apart are one fragment (letter-spaced labels)."""
    result: list[_Fragment] = []
    for word in words:
        if result and word.x0 - result[-1].x1 < line.size:
            last = result[-1]
            last.x1, last.text = word.x1, last.text + word.text
            continue
        if result:
            result[-1].last = False
        result.append(_Fragment(line, word.x0, word.x1, word.top + offset, word.bottom + offset, word.text))
    return result


def _labels(fragments: list[_Fragment], edge: float, figures: list[_Figures]) -> list[_Label]:
    """Each label column's fragments joined into labels (see the module for when a label ends)."""
    columns: dict[int, list[_Fragment]] = {}
    lefts: list[float] = []
    for fragment in sorted(fragments, key=lambda f: f.x0):
        if not lefts or fragment.x0 - lefts[-1] > 3:
            lefts.append(fragment.x0)
        columns.setdefault(len(lefts) - 1, []).append(fragment)
    edges = [*lefts, edge]
    level = _Level(figures)
    labels: list[_Label] = []
    for column in columns.values():
        column.sort(key=lambda f: f.top)
        reach = _reach(column, edges)
        mine: list[_Label] = []
        for fragment in column:
            last = mine[-1].fragments[-1] if mine else None
            goes_on = (
                last is not None
                and ORDINAL.match(fragment.text) is None
                and fragment.top - last.bottom < fragment.bottom - fragment.top
                and reach[_towards(last, edges)] - last.x1 < 1.75 * (last.bottom - last.top)
                and not (level.of(last) and level.of(fragment))  # each is a row with its own figures
            )
            if goes_on:
                mine[-1].fragments.append(fragment)
            else:
                mine.append(_Label([fragment]))
        labels += mine
    return labels


def _towards(fragment: _Fragment, edges: list[float]) -> float:
    """The left edge of the next column to the right of where the fragment ends."""
    return edges[min(bisect.bisect_left(edges, fragment.x1 - 1), len(edges) - 1)]


def _reach(column: list[_Fragment], edges: list[float]) -> dict[float, float]:
    """Where the longest line of a column ends, among the lines that reach towards each edge.

    A line wrapped when it ends within 1¾ characters of that (one that did not fit, and spacing);
    a label spanning two columns is measured against those that span them."""
    reach: dict[float, float] = {}
    for fragment in column:
        towards = _towards(fragment, edges)
        reach[towards] = max(reach.get(towards, fragment.x1), fragment.x1)
    return reach


class _Level:
    """Whether a fragment is a row's own label with figures: the rightmost label on its line, and
    a line of figures level with it (overlapping more than half its height). A group label's
    line beside a row (``三`` of 三、本年度办理结果 set one character a line) is not."""

    def __init__(self, figures: list[_Figures]) -> None:
        self._figures = sorted(figures, key=lambda f: f.top)
        self._tops = [f.top for f in self._figures]
        self._tallest = max((f.bottom - f.top for f in figures), default=0.0)

    def of(self, fragment: _Fragment) -> bool:
        if not fragment.last:
            return False
        half = (fragment.bottom - fragment.top) / 2
        index = bisect.bisect_left(self._tops, fragment.bottom)
        while index > 0 and self._tops[index - 1] > fragment.top - self._tallest:
            index -= 1
            found = self._figures[index]
            if min(found.bottom, fragment.bottom) - max(found.top, fragment.top) > half:
                return True
        return False


def _assign(group: _Figures, near: _Near) -> _Figures | None:
    """Give the figures to the rightmost label beside them, or else to a label just above them
    that has none (the figures at a cell's bottom, or at the top of the next page); return the
    figures when no label takes them."""
    labels = [label for label in near.around(group.centre) if not label.figures]
    beside = [
        label for label in labels if label.top - (label.bottom - label.top) / 2 <= group.centre <= label.bottom + 1
    ]
    if beside:
        nearest = max(beside, key=lambda label: (label.x0, -abs((label.top + label.bottom) / 2 - group.centre)))
        nearest.figures.append(group)
        return None
    above = [
        label for label in labels if 0 <= group.top - label.bottom < label.bottom - label.fragments[-1].top
    ]
    if not above:
        return group
    max(above, key=lambda label: (label.bottom, label.x0)).figures.append(group)
    return None


class _Near:
    """The labels whose lines could lie beside a height (found by bisection, not one by one)."""

    def __init__(self, labels: list[_Label]) -> None:
        self._labels = sorted(labels, key=lambda label: label.top)
        self._tops = [label.top for label in self._labels]
        self._tallest = max((label.bottom - label.top for label in labels), default=0.0)

    def around(self, y: float) -> list[_Label]:
        reach = 2 * self._tallest + 1
        low, high = bisect.bisect_left(self._tops, y - reach), bisect.bisect_right(self._tops, y + reach)
        return self._labels[low:high]


def _ordered(labels: list[_Label], orphans: list[_Figures]) -> list[Line]:
    """The rows top to bottom; a group label （四）无法提供 set beside its middle rows goes before
    its first row (``1.``), as the report's reading order has it."""
    keyed: list[tuple[float, float, Line]] = []
    rows = [label for label in labels if label.figures]
    for label in labels:
        key = label.top
        if not label.figures and _GROUP.match(label.text):
            firsts = [
                row.top
                for row in rows
                if row.x0 > label.x0 and row.top <= label.top and _FIRST_OF_GROUP.match(row.text)
            ]
            key = max(firsts, default=key) - 0.5
        texts = [label.text] + [text for group in label.figures for text in group.texts]
        keyed.append((key, label.x0, _row_line(label.fragments[0].line, " ".join(texts))))
    for group in orphans:
        keyed.append((group.centre, 0.0, _row_line(group.line, " ".join(group.texts))))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [line for _, _, line in keyed]


def _row_line(where: Line, text: str) -> Line:
    return Line(where.page, where.number, where.top, where.x0, where.x1, where.size, text, where.font, (), True)


def _replace(pages: list[Page], old: list[Line], new: list[Line]) -> None:
    """The run's lines replaced in their pages by the rows, each on the page its label starts on."""
    gone = {id(line) for line in old}
    for page in pages:
        indices = [index for index, block in enumerate(page.blocks) if id(block) in gone]
        if not indices:
            continue
        mine = [line for line in new if line.page == page.number]
        page.blocks[indices[0] : indices[-1] + 1] = mine
