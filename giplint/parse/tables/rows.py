"""Step 3 of the table reader: each row gets its numbers, and glued digits are recognised.

`|`-cells belong to the label before them; numbers separated by spaces go to the label on their
own line, else to the oldest label still waiting for its numbers (a wrapped label, or two labels
before two lines of numbers). A row whose digits ran together is `settle`d into its possible
readings (glued.py), from which the table's identities choose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from giplint import layouts
from giplint.parse.cells import MAX_DIGITS, Raw
from giplint.parse.context import Context
from giplint.parse.tables import glued
from giplint.parse.tables.labels import Hit
from giplint.parse.tables.segments import Segment, align, read_segment


@dataclass
class RowReading:
    """The cells of one row as read, before glued digits are resolved."""

    key: str
    hit: Hit
    spec: layouts.RowSpec
    raws: list[Raw] = field(default_factory=list)
    filled: bool = False  # numbers (or `|`-cells) were given to this row
    pipe: bool = True  # its cells are `|`-cells (False: numbers separated by spaces)
    readings: list[tuple[int, ...]] | None = None  # set when the row's digits are glued
    chunks: list[Raw] | None = None
    broken: list[glued.RowIdentity] = field(default_factory=list)  # identities no reading obeys
    noise: list[Raw] = field(default_factory=list)
    orphans: list[Raw] = field(default_factory=list)  # numbers that stood before its label


@dataclass
class Rows:
    """Rows being read: the first reading of each row key, duplicates, and what waits for numbers."""

    layout: layouts.Layout
    key_of: dict[str, str]
    readings: dict[str, RowReading] = field(default_factory=dict)
    duplicates: list[Hit] = field(default_factory=list)
    waiting: list[RowReading] = field(default_factory=list)
    orphans: list[Raw] = field(default_factory=list)
    noise: list[Raw] = field(default_factory=list)  # before any row

    def start(self, hit: Hit) -> RowReading | None:
        key = self.key_of.get(hit.spec.name, hit.spec.name.lower())
        spec = self.layout.row(key)
        if spec is None:
            return None
        reading = RowReading(key, hit, spec)
        previous = self.readings.get(key)
        if previous is None or not previous.filled or all(r.blank for r in previous.raws):
            self.readings[key] = reading  # a first mention without numbers is not the row
            if previous in self.waiting:
                self.waiting.remove(previous)
        else:
            self.duplicates.append(hit)
        reading.orphans, self.orphans = self.orphans, []
        self.waiting.append(reading)
        return reading

    def finish(self) -> None:
        """Numbers that stood before a label go to it if it got none of its own (a label wrapped
        below its numbers); otherwise they are noise in that row."""
        for reading in self.readings.values():
            if reading.orphans and not reading.filled:
                self.give(reading, reading.orphans)
            elif reading.orphans:
                reading.noise.extend(reading.orphans)

    def give(self, reading: RowReading, values: list[Raw]) -> None:
        """Numbers to a row; a line holding several rows' numbers fills the rows waiting after it."""
        count = len(reading.spec.columns)
        if reading in self.waiting:
            self.waiting.remove(reading)
        rows = [reading]
        if len(values) > count and len(values) % count == 0:
            rows += self.waiting[: len(values) // count - 1]
        if len(rows) * count == len(values) and len(rows) > 1:
            for index, row in enumerate(rows):
                row.raws, row.filled = values[index * count : (index + 1) * count], True
                if row in self.waiting:
                    self.waiting.remove(row)
            return
        reading.raws, reading.filled = list(values), True

    def line(self, current: RowReading | None, values: list[Raw], own_line: bool) -> None:
        """A line of space-separated numbers: to the label on the same line, else the oldest
        label waiting, else the row still short of numbers before it, else the next label."""
        if own_line and current is not None and not current.filled:
            self.give(current, values)
        elif self.waiting:
            self.give(self.waiting[0], values)
        elif current is not None and len(current.raws) + len(values) <= len(current.spec.columns):
            current.raws = current.raws + values
        else:
            self.orphans.extend(values)


def read_rows(
    view: Context, hits: list[Hit], fragments: set[int], layout: layouts.Layout, key_of: dict[str, str]
) -> tuple[Rows, list[Segment]]:
    text = view.folded.text
    rows = Rows(layout, key_of)
    segments: list[Segment] = []
    current: RowReading | None = None
    for index, hit in enumerate(hits):
        end = hits[index + 1].start if index + 1 < len(hits) else len(text)
        segment = read_segment(text, hit.end, end, fragments)
        segments.append(segment)
        current = rows.start(hit) if hit.kind == "row" else None
        if current is not None:
            current.pipe = segment.cells is not None
        (current.noise if current is not None else rows.noise).extend(segment.noise)
        if segment.cells is not None:
            if current is not None:
                rows.give(current, _fit(current, segment))
            continue
        for number, values in enumerate(segment.lines):
            if values:
                rows.line(current, values, own_line=number == 0)
    rows.finish()
    return rows, segments


def _fit(reading: RowReading, segment: Segment) -> list[Raw]:
    count = len(reading.spec.columns)
    if segment.spaced_cell:
        return [raw for raw in segment.cells or [] if not raw.blank]
    return align(segment.cells or [], count)


def settle(
    reading: RowReading, row_identities: Callable[[], tuple[glued.RowIdentity, ...]], pipe: bool
) -> None:
    """Decide whether a row's digits are glued (crawled pages): numbers not separated by `|`, fewer
    than the columns, some of them long enough to hold several numbers. `row_identities` is
    called only then (looking them up for every row cost more than settling most rows)."""
    count = len(reading.spec.columns)
    if pipe and len(reading.raws) <= count:
        return  # `|`-cells that fit the row (most rows): the checks below would all return
    values = [raw for raw in reading.raws if not raw.blank]
    if not values or (len(values) == count and (pipe or len(reading.raws) == count)):
        return
    digits = all(raw.text.isdigit() for raw in values)
    if pipe and (len(values) <= count or not digits):
        return  # `|`-cells are cells: a short or odd row says so itself
    if not digits and len(values) >= count:
        return
    if len(values) < count and digits and sum(len(raw.text) for raw in values) == len(values):
        return  # single digits, too few: a short row, not a glued one
    reading.chunks = values
    chunks = [raw.text for raw in values]
    identities = row_identities()
    reading.readings = glued.readings(chunks, count, constraints=[i.linear for i in identities])
    if not reading.readings:
        reading.broken = glued.broken(chunks, count, identities)


def glued_raws(reading: RowReading, numbers: tuple[int, ...]) -> list[Raw]:
    """The piece of each number inside the glued chunks, so spans point at its digits."""
    pieces: list[Raw] = []
    chunks = iter(reading.chunks or [])
    chunk = next(chunks)
    position = 0
    for value in numbers:
        digits = str(value)
        while chunk.text[position : position + len(digits)] != digits:
            chunk = next(chunks)
            position = 0
        start = chunk.start + position
        pieces.append(Raw(digits, start, start + len(digits)))
        position += len(digits)
    return pieces


def known_numbers(reading: RowReading) -> tuple[int, ...] | None:
    """The row's numbers as read, for the column identities; None when a cell is not a plain int."""
    values: list[int] = []
    for raw in reading.raws[: len(reading.spec.columns)]:
        if raw.blank:
            values.append(0)
        elif raw.text.isdigit() and len(raw.text) <= MAX_DIGITS:
            values.append(int(raw.text))
        else:
            return None
    values.extend(0 for _ in range(len(reading.spec.columns) - len(values)))
    return tuple(values)
