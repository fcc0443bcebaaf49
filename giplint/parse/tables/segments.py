"""Step 2 of the table reader: the text between two labels, as words and cells.

The words of a segment that may be labels are classified (labels.classify) and the mistyped or
wrapped row labels among them become hits of their own; then each segment is read as `|`-cells
(aligned to the row's columns by `align`) or as lines of numbers separated by spaces, with the
rest kept as noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from giplint.parse.cells import Raw, is_number_start, is_placeholder, new_raw
from giplint.parse.tables.labels import CJK, Hit, classify, is_debris, is_label_like

# Words are runs without white space or `|`, split where Chinese text runs into a number: the
# folded view drops the space between them ("(区分 3" is "(区分3"), and the number is a cell.
_WORD = re.compile(r"[^\s|]+?(?=(?<=[\u3400-\u9fff)\"])\d[\d,.]*(?:\s|\||$)|[\s|]|$)|[^\s|]+")


def _words(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The label-like words of text[start:end] (a `|`-cell is one word even with spaces in it)."""
    segment = text[start:end]
    if "|" in segment:
        position = start
        for part in segment.split("|"):
            stripped = part.strip()
            if stripped and not stripped.isdigit() and is_label_like(stripped):
                lead = part.index(stripped[0])
                yield stripped, position + lead, position + lead + len(stripped)
            position += len(part) + 1
        return
    for match in _WORD.finditer(segment):
        word = match.group()
        if not word.isdigit() and is_label_like(word):
            yield word, start + match.start(), start + match.end()


def with_inexact_labels(text: str, table: str, hits: list[Hit]) -> tuple[list[Hit], set[int]]:
    """The hits plus mistyped and wrapped row labels found between them; and the start offsets
    of words that are fragments of labels (dropped silently)."""
    if not hits:
        return hits, set()
    found = {hit.spec.name for hit in hits}
    extra: list[Hit] = []
    fragments: set[int] = set()
    bounds = [hit.end for hit in hits]
    ends = [hit.start for hit in hits[1:]] + [len(text)]
    for start, end in zip(bounds, ends, strict=True):
        if CJK.search(text, start, end) is None:
            continue  # only figures and separators: no label can hide here (most segments)
        for word, word_start, word_end in _words(text, start, end):
            how, spec, offset = classify(word, table)
            if spec is not None and spec.name not in found:
                extra.append(Hit(spec, word_start + offset, word_end, how))
                found.add(spec.name)
            elif how == "fragment" or spec is not None:
                fragments.add(word_start)
    if not extra:
        return hits, fragments
    return sorted([*hits, *extra], key=lambda hit: hit.start), fragments


class Segment(NamedTuple):
    """What stands between one label and the next."""

    cells: list[Raw] | None  # `|`-cells, in order (None: the numbers are separated by spaces)
    lines: list[list[Raw]]  # space-separated values, one list per line (the first: the label's line)
    noise: list[Raw]
    spaced_cell: bool = False  # a `|`-cell holding several numbers ("1 1 |")


def read_segment(text: str, start: int, end: int, fragments: set[int]) -> Segment:
    segment = text[start:end]
    if "|" in segment:
        return _pipe_segment(segment, start, fragments)
    if "\t" in segment.strip():
        return _pipe_segment(segment.replace("\t", "|"), start, fragments)  # from a spreadsheet
    lines: list[list[Raw]] = []
    noise: list[Raw] = []
    line_start = start
    for line in segment.split("\n"):
        values: list[Raw] = []
        for match in _WORD.finditer(line):
            word, at = match.group(), line_start + match.start()
            raw = Raw(word, at, at + len(word))
            if at in fragments:
                continue
            if is_number_start(word) or is_placeholder(word):
                values.append(raw)
            elif is_label_like(word) or not is_debris(word):
                noise.append(raw)
        lines.append(values)
        line_start += len(line) + 1
    return Segment(None, lines, noise)


def _pipe_segment(segment: str, start: int, fragments: set[int]) -> Segment:
    """`|`-cells (a tab ends a cell too in text copied from a spreadsheet). The first part is
    the rest of the label's own cell (a value there is a cell: a value may stand before its
    `|`); the text after the last `|` counts only on the same line (a Markdown row without its
    closing `|`), not the prose after a table.

    A middle part that is bare digits or blank (nearly every cell of a report) is read in the
    loop itself; the first and last part and anything else go through `_odd_part`."""
    cells: list[Raw] = []
    noise: list[Raw] = []
    parts = segment.split("|")
    last = len(parts) - 1
    spaced = bool(parts[0].strip()) and _odd_part(parts[0], start, True, last == 0, cells, noise, fragments)
    position = start + len(parts[0]) + 1
    for part in parts[1:last]:
        stripped = part.strip()
        if stripped.isdigit():
            at = position + part.index(stripped[0])
            cells.append(new_raw((stripped, at, at + len(stripped), False)))
        elif not stripped:
            bar = position + len(part)  # a blank cell is shown at its closing `|`
            cells.append(new_raw(("", bar, bar + 1, True)))
        else:
            spaced = _odd_part(part, position, False, False, cells, noise, fragments) or spaced
        position += len(part) + 1
    if last and parts[last].strip():  # a blank last part is no cell: it is what follows the row
        spaced = _odd_part(parts[last], position, False, True, cells, noise, fragments) or spaced
    return Segment(cells, [], noise, spaced)


def _odd_part(
    part: str, position: int, first: bool, last: bool, cells: list[Raw], noise: list[Raw], fragments: set[int]
) -> bool:
    """One part of a `|`-segment that is not a bare middle figure: its cells (or its noise) are
    added; True when it is one cell holding several numbers ("1 1 |")."""
    stripped = part.strip()
    if not stripped:
        if not first and not last:
            bar = position + len(part)
            cells.append(Raw("", bar, bar + 1, blank=True))
        return False
    lead = part.index(stripped[0])
    at = position + lead
    if (last and "\n" in part[:lead]) or at in fragments:
        return False
    if is_label_like(stripped):
        noise.append(Raw(stripped, at, at + len(stripped)))  # Chinese text is not a figure
        return False
    pieces = list(_WORD.finditer(stripped))
    if len(pieces) > 1 and all(not is_placeholder(p.group()) for p in pieces):
        cells.extend(Raw(p.group(), at + p.start(), at + p.end()) for p in pieces)
        return True
    cells.append(Raw(stripped, at, at + len(stripped)))
    return False


def align(raws: list[Raw], count: int) -> list[Raw]:
    """A row's `|`-cells fitted to its `count` columns.

    An un-merged table pads a row with empty cells where a merged label spanned several columns
    (before the numbers) or a merged value cell spanned several (after them). When a row has more
    cells than columns, the window of `count` cells holding every value is taken; where several
    windows would, the one ending at the last value (the 总计 column is the last). A blank cell
    between values stays a blank cell.
    """
    if len(raws) <= count:
        return raws
    if all(raw.blank for raw in raws[count:]):
        return raws[:count]  # only padding after the row: the common case, the same window
    filled = [i for i, raw in enumerate(raws) if not raw.blank]
    if not filled:
        return raws[:count]
    first, last = filled[0], filled[-1]
    if last - first + 1 > count:
        return raws  # more values than columns: extra-value says so
    start = max(0, min(last - count + 1, len(raws) - count))
    start = min(start, first)
    return raws[start : start + count]
