"""Tables: the three mandated tables read from a section's text, however the export lowered them.

Real reports reach giplint in many lowerings of the same table: `|`-cell exports (one cell a line,
or a Markdown row a line), tables un-merged into empty cells (`| 一、本年新收… |  |  | 3001 | …`),
text copied from a PDF (cells separated by spaces, long labels wrapped before or after the row's
numbers, a group label one character a line, page footers), crawled pages with every separator
lost (`…申请数量640020470二、上年结转…`). The reader does not depend on which:

1. find the labels (layouts.VOCABULARY, on the table view where wrapped labels are joined);
2. look at the text between labels: a word that is not a number may be a mistyped or wrapped row
   label (matched fuzzily to the mandated ones), a fragment of a label, or noise;
3. give each row its numbers: `|`-cells belong to the label before them and are aligned to the
   row's columns (padding from merged label cells dropped, a blank value cell kept); numbers
   separated by spaces go to the label on their own line, else to the oldest label still waiting
   for its numbers (a wrapped label, or two labels before two lines of numbers);
4. digits glued together are separated by the tables' own identities (giplint/glued.py, which
   takes them from the shipped rules through giplint/identities.py) only when the reading is
   unique.

What cannot be placed is recorded as a table issue, at most one per row, and a table too garbled
to read gets one summary issue instead of a flood.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from giplint import glued, layouts
from giplint.model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Cell,
    CellStatus,
    Label,
    ReviewLitigationTable,
    Span,
    Table,
    TableIssue,
)
from giplint.parse.cells import MAX_DIGITS, Raw, cell, is_number_start, is_placeholder
from giplint.parse.context import Context


@dataclass(frozen=True, slots=True)
class Hit:
    """A label found in the table view: exact, mistyped ("fuzzy") or the first part of a wrapped
    label whose rest stands after the row's numbers ("prefix")."""

    spec: layouts.LabelSpec
    start: int
    end: int
    how: str = ""

    @property
    def kind(self) -> str:
        return self.spec.kind


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
    noise: list[Raw] = field(default_factory=list)
    orphans: list[Raw] = field(default_factory=list)  # numbers that stood before its label


# -- 1. labels ------------------------------------------------------------------------------------


def _hits(text: str, table: str) -> list[Hit]:
    scan = layouts.scanner(table)
    hits = [
        Hit(scan.labels[match.lastgroup], match.start(), match.end())  # type: ignore[index]
        for match in scan.pattern.finditer(text)
    ]
    starts = {hit.start for hit in hits}
    return [hit for hit in hits if not _inside_word(text, hit, starts)]


SHORT_LABEL = 2  # 其他, 总计: labels so short that they also occur inside other words


def _inside_word(text: str, hit: Hit, starts: set[int]) -> bool:
    """A short label running on into more Chinese that is no label (`其他` in a mistyped
    `2.其他法律行政止公开`) is part of that word, not the label."""
    if hit.end - hit.start > SHORT_LABEL or hit.end >= len(text) or hit.end in starts:
        return False
    return bool(_CJK.match(text, hit.end))


# -- 2. words between labels ----------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBERING = re.compile(r"^\d{1,2}\.(?=[\u3400-\u9fff\"])")
_STRIP = re.compile(r"[\s\"'()、,.:;|*#]")
# A caption or note that frames a table: 表三:收到和处理政府信息公开申请情况, 单位:件.
_FRAME = re.compile(r"^(?:表[一二三四五六1-6]|单位:|注:|说明:|续表)")
LONGEST_LABEL_WORD = 60  # the longest row label is 40 characters; a longer word is not one
FUZZY_RATIO = 0.75  # how close a mistyped row label must be to a mandated one
PREFIX_CHARACTERS = 4  # how long the first part of a wrapped row label must be to count


def _is_label_like(word: str) -> bool:
    """Text that may be (part of) a label rather than a cell: Chinese, or 2.+Chinese numbering."""
    if _NUMBERING.match(word):
        return True
    return not is_number_start(word) and len(_CJK.findall(word)) >= 2


def _bare(text: str) -> str:
    return _STRIP.sub("", _NUMBERING.sub("", text))


@dataclass(frozen=True)
class _Vocabulary:
    """A table's labels in the forms the word classifier compares with."""

    rows: tuple[tuple[layouts.LabelSpec, str], ...]  # row labels and their bare text
    fragments: str  # every label's bare text, joined: a fragment of a label is a substring
    headers: str  # the bare text of the header and group labels, joined


_VOCABULARIES: dict[str, _Vocabulary] = {}


def _vocabulary(table: str) -> _Vocabulary:
    found = _VOCABULARIES.get(table)
    if found is None:
        specs = layouts.VOCABULARY[table]
        found = _Vocabulary(
            tuple((spec, _bare(spec.text)) for spec in specs if spec.kind == "row"),
            "\n".join(_bare(spec.text) for spec in specs),
            "\n".join(_bare(spec.text) for spec in specs if spec.kind != "row"),
        )
        _VOCABULARIES[table] = found
    return found


def _classify(word: str, table: str) -> tuple[str, layouts.LabelSpec | None, int]:
    """What a label-like word is: ("prefix"|"fuzzy", row label, where in the word it starts),
    ("fragment", None, 0) for a piece of a label or a caption, ("noise", None, 0) otherwise.

    A wrapped label's first part may follow the end of the line before it in the table view
    (`其他` + `一、本年新收政府信息`), so a prefix is also looked for a few characters in."""
    if len(word) > LONGEST_LABEL_WORD:
        return "noise", None, 0  # longer than any label: prose or garbage (and never quadratic)
    vocabulary = _vocabulary(table)
    for offset in range(min(len(word) - PREFIX_CHARACTERS + 1, SHORT_LABEL + 3)):
        bare = _bare(word[offset:])
        if len(bare) < PREFIX_CHARACTERS:
            break
        for spec, text in vocabulary.rows:
            if text.startswith(bare):
                return "prefix", spec, offset
    bare = _bare(word)
    if _is_fragment(bare, vocabulary.fragments) or _FRAME.match(word):
        return "fragment", None, 0
    debris = _LEADING_DEBRIS.match(word)
    start = debris.end() if debris else 0
    bare = _bare(word[start:])
    best: tuple[float, layouts.LabelSpec | None] = (0.0, None)
    for spec, text in vocabulary.rows:
        ratio = SequenceMatcher(None, bare, text).ratio()
        if ratio > best[0]:
            best = (ratio, spec)
    if best[0] >= FUZZY_RATIO and len(bare) >= PREFIX_CHARACTERS and best[1] is not None:
        wording = _bare(best[1].text)
        return ("prefix" if _label_with_debris(bare, wording) else "fuzzy"), best[1], start
    if _pieces_of_labels(bare, vocabulary.headers):
        return "fragment", None, 0
    return "noise", None, 0


def _label_with_debris(bare: str, label: str) -> bool:
    """The label as written, only interleaved with pieces of other labels and wrapped before its
    end (a PDF's text layer puts `他处理` of a vertical `(六)其他处理` into the row beside it): no
    character of the label changed or left out before the point where the word stops."""
    operations = SequenceMatcher(None, bare, label, autojunk=False).get_opcodes()
    for index, (operation, a_start, a_end, b_start, _) in enumerate(operations):
        last = index == len(operations) - 1
        if operation == "equal" or (operation == "insert" and last and b_start > 0):
            continue
        if operation == "delete" and bare[a_start:a_end] in _all_label_text():
            continue
        return False
    return True


# A character or two run onto a numbered label from beside it ("年2.其他…": a group label set one
# character a line, its space to the label folded away).
_LEADING_DEBRIS = re.compile(r"^[\u3400-\u9fff、]{1,2}(?=\d\.)")


# Words are runs without white space or `|`, split where Chinese text runs into a number: the
# folded view drops the space between them ("(区分 3" is "(区分3"), and the number is a cell.
_WORD = re.compile(r"[^\s|]+?(?=(?<=[\u3400-\u9fff)\"])\d[\d,.]*(?:\s|\||$)|[\s|]|$)|[^\s|]+")


def _is_fragment(bare: str, fragments: str) -> bool:
    """A piece of a label, maybe with a character or two of another label run onto it (a group
    label set one character a line joins the line before it in the table view)."""
    if bare in fragments:
        return True
    for cut in range(1, SHORT_LABEL + 1):
        if len(bare) > cut + 1 and (
            (bare[:-cut] in fragments and bare[-cut:] in _all_label_text())
            or (bare[cut:] in fragments and bare[:cut] in _all_label_text())
        ):
            return True
    return False


def _pieces_of_labels(bare: str, headers: str) -> bool:
    """Whether `bare` is made of pieces of the table's header labels run together: headers split
    over lines and joined in the table view (`总计维持纠正结果审结…`). Row labels are not pieces
    (a mistyped row label is matched before this), and at most one character in eight may stand
    alone (a single character of some label)."""
    if len(bare) < 2 * SHORT_LABEL:
        return False
    # fewest[i]: the fewest lone characters in a segmentation of bare[:i] (None: there is none)
    fewest: list[int | None] = [0] + [None] * len(bare)
    for end in range(1, len(bare) + 1):
        for begin in range(max(0, end - 12), end):
            before = fewest[begin]
            if before is None:
                continue
            piece = bare[begin:end]
            if len(piece) > 1 and piece in headers:
                alone = before
            elif len(piece) == 1 and piece in _all_label_text():
                alone = before + 1
            else:
                continue
            current = fewest[end]
            if current is None or alone < current:
                fewest[end] = alone
    lone = fewest[len(bare)]
    return lone is not None and lone <= max(1, len(bare) // 8)


def _words(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The label-like words of text[start:end] (a `|`-cell is one word even with spaces in it)."""
    segment = text[start:end]
    if "|" in segment:
        position = start
        for part in segment.split("|"):
            stripped = part.strip()
            if stripped and not stripped.isdigit() and _is_label_like(stripped):
                lead = part.index(stripped[0])
                yield stripped, position + lead, position + lead + len(stripped)
            position += len(part) + 1
        return
    for match in _WORD.finditer(segment):
        word = match.group()
        if not word.isdigit() and _is_label_like(word):
            yield word, start + match.start(), start + match.end()


def _is_debris(word: str) -> bool:
    """A character or two of a label standing alone (a group label set one character a line
    beside the rows, as a PDF's text comes out), or punctuation."""
    bare = _bare(word)
    return not bare or (len(bare) <= SHORT_LABEL and bare in _all_label_text())


@cache
def _all_label_text() -> str:
    return "\n".join(_bare(spec.text) for specs in layouts.VOCABULARY.values() for spec in specs)


def _with_inexact_labels(text: str, table: str, hits: list[Hit]) -> tuple[list[Hit], set[int]]:
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
        if _CJK.search(text, start, end) is None:
            continue  # only figures and separators: no label can hide here (most segments)
        for word, word_start, word_end in _words(text, start, end):
            how, spec, offset = _classify(word, table)
            if spec is not None and spec.name not in found:
                extra.append(Hit(spec, word_start + offset, word_end, how))
                found.add(spec.name)
            elif how == "fragment" or spec is not None:
                fragments.add(word_start)
    if not extra:
        return hits, fragments
    return sorted([*hits, *extra], key=lambda hit: hit.start), fragments


# -- 3. cells between labels ----------------------------------------------------------------------


@dataclass
class _Segment:
    """What stands between one label and the next."""

    cells: list[Raw] | None  # `|`-cells, in order (None: the numbers are separated by spaces)
    lines: list[list[Raw]]  # space-separated values, one list per line (the first: the label's line)
    noise: list[Raw]
    spaced_cell: bool = False  # a `|`-cell holding several numbers ("1 1 |")


def _segment(text: str, start: int, end: int, fragments: set[int]) -> _Segment:
    segment = text[start:end]
    if "|" not in segment and "\t" in segment.strip():
        segment = segment.replace("\t", "|")  # copied from a spreadsheet: a tab ends each cell
    if "|" in segment:
        return _pipe_segment(segment, start, fragments)
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
            elif _is_label_like(word) or not _is_debris(word):
                noise.append(raw)
        lines.append(values)
        line_start += len(line) + 1
    return _Segment(None, lines, noise)


def _pipe_segment(segment: str, start: int, fragments: set[int]) -> _Segment:
    """`|`-cells. The first part is the rest of the label's own cell (a value there is a cell: a
    value may stand before its `|`); the text after the last `|` counts only on the same line (a
    Markdown row without its closing `|`), not the prose after a table."""
    cells: list[Raw] = []
    noise: list[Raw] = []
    spaced = False
    parts = segment.split("|")
    position = start
    for index, part in enumerate(parts):
        stripped = part.strip()
        if stripped.isdigit() and 0 < index < len(parts) - 1:  # the common case, fast
            at = position + part.index(stripped[0])
            cells.append(Raw(stripped, at, at + len(stripped)))
            position += len(part) + 1
            continue
        first, last = index == 0, index == len(parts) - 1
        lead = part.index(stripped[0]) if stripped else 0
        at = position + lead
        bar = position + len(part)  # a blank cell is shown at its closing `|`
        position += len(part) + 1
        if not stripped:
            if not first and not last:
                cells.append(Raw("", bar, bar + 1, blank=True))
            continue
        if last and "\n" in part[:lead]:
            continue
        if at in fragments:
            continue
        if _is_label_like(stripped):
            noise.append(Raw(stripped, at, at + len(stripped)))  # Chinese text is not a figure
            continue
        pieces = list(_WORD.finditer(stripped))
        if len(pieces) > 1 and all(not is_placeholder(p.group()) for p in pieces):
            spaced = True
            cells.extend(Raw(p.group(), at + p.start(), at + p.end()) for p in pieces)
            continue
        cells.append(Raw(stripped, at, at + len(stripped)))
    return _Segment(cells, [], noise, spaced)


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
    filled = [i for i, raw in enumerate(raws) if not raw.blank]
    if not filled:
        return raws[:count]
    first, last = filled[0], filled[-1]
    if last - first + 1 > count:
        return raws  # more values than columns: extra-value says so
    start = max(0, min(last - count + 1, len(raws) - count))
    start = min(start, first)
    return raws[start : start + count]


# -- 4. rows --------------------------------------------------------------------------------------


@dataclass
class _Rows:
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


def _read_rows(
    view: Context, hits: list[Hit], fragments: set[int], layout: layouts.Layout, key_of: dict[str, str]
) -> tuple[_Rows, list[_Segment]]:
    text = view.folded.text
    rows = _Rows(layout, key_of)
    segments: list[_Segment] = []
    current: RowReading | None = None
    for index, hit in enumerate(hits):
        end = hits[index + 1].start if index + 1 < len(hits) else len(text)
        segment = _segment(text, hit.end, end, fragments)
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


def _fit(reading: RowReading, segment: _Segment) -> list[Raw]:
    count = len(reading.spec.columns)
    if segment.spaced_cell:
        return [raw for raw in segment.cells or [] if not raw.blank]
    return align(segment.cells or [], count)


def _settle(reading: RowReading, constraints: tuple[glued.Linear, ...], pipe: bool) -> None:
    """Decide whether a row's digits are glued (crawled pages): numbers not separated by `|`, fewer
    than the columns, some of them long enough to hold several numbers."""
    count = len(reading.spec.columns)
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
    reading.readings = glued.readings([raw.text for raw in values], count, constraints=constraints)


def _glued_raws(reading: RowReading, numbers: tuple[int, ...]) -> list[Raw]:
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


def _row_cells(
    view: Context, reading: RowReading, issues: list[TableIssue], numbers: tuple[int, ...] | None
) -> list[Cell]:
    spec = reading.spec
    label_place = view.place(reading.hit.start, reading.hit.end)
    expected = f"{len(spec.columns)} 个数"
    if reading.readings is not None:
        if numbers is None:
            chunks = reading.chunks or []
            place = view.place(chunks[0].start, chunks[-1].end) if chunks else label_place
            raw_text = " ".join(c.text for c in chunks)
            issues.append(TableIssue("unseparated", f"{spec.label}: {raw_text}", place.span, expected))
            return [
                Cell(spec.key, c.key, None, raw_text, place, CellStatus.UNSEPARATED) for c in spec.columns
            ]
        return _cells(view, reading, _glued_raws(reading, numbers), issues, "identity")
    raws = reading.raws
    if not raws and not reading.pipe:
        # A row of blank cells leaves nothing but its label in text copied from a PDF.
        return [Cell(spec.key, c.key, None, "", label_place, CellStatus.BLANK) for c in spec.columns]
    cells = _cells(view, reading, raws[: len(spec.columns)], issues)
    for column in spec.columns[len(raws) :]:
        cells.append(Cell(spec.key, column.key, None, "", label_place, CellStatus.MISSING))
    if len(raws) < len(spec.columns):
        issues.append(TableIssue("missing-value", spec.label, label_place.span, expected))
    extra = [raw for raw in raws[len(spec.columns) :] if not raw.blank]
    if extra:
        issues.append(
            TableIssue(
                "extra-value",
                f"{spec.label}: {extra[0].text}",
                view.span(extra[0].start, extra[0].end),
                expected,
            )
        )
    return cells


def _cells(
    view: Context, reading: RowReading, raws: list[Raw], issues: list[TableIssue], separated_by: str = ""
) -> list[Cell]:
    cells: list[Cell] = []
    notes: list[tuple[Raw, str]] = []
    for raw, column in zip(raws, reading.spec.columns, strict=False):
        made, note = cell(view, raw, reading.spec.key, column, separated_by)
        cells.append(made)
        if note:
            notes.append((raw, note))
    if notes:
        raw = notes[0][0]
        written = "、".join(view.text(r.start, r.end) for r, _ in notes)
        issues.append(
            TableIssue("value-note", f"{reading.spec.label}: {written}", view.span(raw.start, raw.end))
        )
    return cells


def _known_numbers(reading: RowReading) -> tuple[int, ...] | None:
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


# -- issues common to every table -----------------------------------------------------------------


def _labels(view: Context, hits: list[Hit]) -> tuple[Label, ...]:
    return tuple(
        Label(hit.spec.name, view.text(hit.start, hit.end), view.place(hit.start, hit.end)) for hit in hits
    )


def _table_span(view: Context, hits: list[Hit], rows: _Rows) -> Span:
    ends = [hits[-1].end] + [raw.end for reading in rows.readings.values() for raw in reading.raws]
    return view.span(hits[0].start, max(ends))


_SUBSEQUENCE_SKIP = re.compile(r"[\s|\d]")


def _missing_headers(view: Context, layout: layouts.Layout, hits: list[Hit], span: Span) -> list[TableIssue]:
    """Header labels the table lacks. A header split over lines or cells (`商业企 科研机` / `业 构`,
    as PDF text comes) is present when its characters stand in order in the table's text."""
    names = {hit.spec.name for hit in hits}
    missing = [name for name in layout.headers if name not in names]
    if not missing:
        return []
    text = _SUBSEQUENCE_SKIP.sub("", view.folded.text)
    labels = layouts.scanner(layout.table).labels
    return [
        TableIssue("missing-label", name, span, name)
        for name in missing
        if not _in_order(_bare(labels[name].text), text)
    ]


def _in_order(characters: str, text: str) -> bool:
    position = 0
    for character in characters:
        position = text.find(character, position) + 1
        if not position:
            return False
    return True


def _common_issues(
    view: Context, layout: layouts.Layout, hits: list[Hit], rows: _Rows, span: Span
) -> list[TableIssue]:
    """Missing rows and headers, mistyped labels, duplicates and noise, at most one per row."""
    issues = [
        TableIssue("missing-row", row.label, span, row.label)
        for row in layout.rows
        if row.key not in rows.readings
    ]
    issues += _missing_headers(view, layout, hits, span)
    for hit in hits:
        if hit.how == "fuzzy":
            issues.append(
                TableIssue(
                    "label-wording",
                    f"“{view.text(hit.start, hit.end)}”",
                    view.span(hit.start, hit.end),
                    hit.spec.text,
                )
            )
    issues += [
        TableIssue("duplicate-row", hit.spec.text, view.span(hit.start, hit.end)) for hit in rows.duplicates
    ]
    for reading in rows.readings.values():
        if reading.noise:
            first = reading.noise[0]
            words = "、".join(dict.fromkeys(view.text(r.start, r.end) for r in reading.noise))
            issues.append(
                TableIssue(
                    "unrecognised", f"{reading.spec.label}: {words}", view.span(first.start, first.end)
                )
            )
    return issues


# -- the three tables -----------------------------------------------------------------------------


def read_table(context: Context, table: str, start: int, end: int) -> Table | None:
    """The table of a section whose body is folded[start:end], or None when there is none."""
    view = context.table_view(start, end)
    hits = _hits(view.folded.text, table)
    anchors = {hit.spec.name for hit in hits if hit.spec.anchor}
    if len(anchors) < 2:
        return None  # a label or two in prose is not a table
    hits, fragments = _with_inexact_labels(view.folded.text, table, hits)
    return _BUILDERS[table](view, hits, fragments)


def _build_active_disclosure(view: Context, hits: list[Hit], fragments: set[int]) -> Table:
    names = {hit.spec.name for hit in hits}
    old = sum(1 for name in layouts.ACTIVE_DISCLOSURE_2019_MARKERS if name in names)
    new = sum(1 for name in layouts.ACTIVE_DISCLOSURE_2021_MARKERS if name in names)
    layout = layouts.ACTIVE_DISCLOSURE_2019 if old > new else layouts.ACTIVE_DISCLOSURE_2021
    rows, segments = _read_rows(view, hits, fragments, layout, layouts.ACTIVE_DISCLOSURE_ROWS)
    issues: list[TableIssue] = []
    cells: list[Cell] = []
    pipe = any(s.cells is not None for s in segments)
    for reading in rows.readings.values():
        _settle(reading, _row_constraints(layout, reading.spec), pipe)
        numbers = reading.readings[0] if reading.readings and len(reading.readings) == 1 else None
        cells.extend(_row_cells(view, reading, issues, numbers))
    return _finish(ActiveDisclosureTable, view, layout, hits, rows, cells, issues)


UNREADABLE_NOISE = 5  # stray words in a table before "most rows not read" becomes one summary


def _finish(
    kind: type[Table],
    view: Context,
    layout: layouts.Layout,
    hits: list[Hit],
    rows: _Rows,
    cells: list[Cell],
    issues: list[TableIssue],
) -> Table:
    """The table with its issues; or, when noise stops most rows from being read (an OCR'd or
    garbled table), the table with no cells and one summary issue instead of a finding per
    stray word and arithmetic over guesses."""
    span = _table_span(view, hits, rows)
    noise = len(rows.noise) + sum(len(r.noise) for r in rows.readings.values())
    clean = sum(1 for r in rows.readings.values() if r.filled and not r.noise and r.readings is None)
    if noise >= UNREADABLE_NOISE and clean * 2 < len(layout.rows):
        summary = TableIssue("unreadable", f"只认出 {clean} 行", span, f"{len(layout.rows)} 行")
        return kind(layout.name, span, (), _labels(view, hits), (summary,), False)
    issues = _one_per_row(_common_issues(view, layout, hits, rows, span) + issues)
    return kind(layout.name, span, tuple(cells), _labels(view, hits), tuple(issues), _is_glued(rows))


# What table-structure reports about a row: at most one of these per row (the first found).
_ROW_PROBLEMS = frozenset({"missing-value", "extra-value", "unrecognised", "duplicate-row"})


def _one_per_row(issues: list[TableIssue]) -> list[TableIssue]:
    """One table-structure finding per row: a row short of numbers because noise stood where
    they belong is one problem for the editor, not two."""
    seen: set[str] = set()
    kept: list[TableIssue] = []
    for issue in issues:
        if issue.kind in _ROW_PROBLEMS:
            row = issue.subject.split(": ", 1)[0]
            if row in seen:
                continue
            seen.add(row)
        kept.append(issue)
    return kept


def _is_glued(rows: _Rows) -> bool:
    return any(r.readings is not None for r in rows.readings.values())


def _build_applications(view: Context, hits: list[Hit], fragments: set[int]) -> Table:
    names = {hit.spec.name for hit in hits}
    has_subrows = any(name in names for name in layouts.APPLICATIONS_2021_SUBROWS)
    layout = layouts.APPLICATIONS_2021 if has_subrows else layouts.APPLICATIONS_2019
    rows, segments = _read_rows(view, hits, fragments, layout, {})
    other_handling = rows.readings.get("other_handling")
    if not has_subrows and not (other_handling and any(not r.blank for r in other_handling.raws)):
        layout = layouts.APPLICATIONS_2021  # (六) without numbers and without its sub-rows
        rows, segments = _read_rows(view, hits, fragments, layout, {})
    pipe = any(s.cells is not None for s in segments)
    for reading in rows.readings.values():
        _settle(reading, _row_constraints(layout, reading.spec), pipe)
    numbers = _resolve_applications(layout, rows.readings)
    issues: list[TableIssue] = []
    cells: list[Cell] = []
    for key, reading in rows.readings.items():
        cells.extend(_row_cells(view, reading, issues, numbers.get(key)))
    return _finish(ApplicationsTable, view, layout, hits, rows, cells, issues)


def _row_constraints(layout: layouts.Layout, spec: layouts.RowSpec) -> tuple[glued.Linear, ...]:
    return glued.row_constraints(layout.table, layout.name, ((spec.key, tuple(c.key for c in spec.columns)),))


def _resolve_applications(layout: layouts.Layout, rows: dict[str, RowReading]) -> dict[str, tuple[int, ...]]:
    """Readings of glued rows: unique per row, else the one choice the column identities
    (giplint/identities.py: GIP301's balance and GIP302's sum of the result rows) allow. Nothing
    is chosen when a row the identities need is missing, not a plain number, or glued beyond
    any reading."""
    chosen = {
        key: r.readings[0] for key, r in rows.items() if r.readings is not None and len(r.readings) == 1
    }
    open_rows = [key for key, r in rows.items() if r.readings is not None and len(r.readings) > 1]
    if not open_rows:
        return chosen
    equalities = glued.column_equalities(layout.table, layout.name)
    fixed: dict[str, tuple[int, ...]] = {}
    for key in dict.fromkeys(name for identity in equalities for name in identity.names):
        reading = rows.get(key)
        if reading is None or reading.readings == []:
            return chosen
        if key in chosen:
            fixed[key] = chosen[key]
        elif reading.readings is None:
            known = _known_numbers(reading)
            if known is None:
                return chosen
            fixed[key] = known
    checks = [
        (identity, index)
        for index, column in enumerate(layout.rows[0].columns)
        for identity in equalities
        if identity.applies_to(column.key)
    ]

    def balanced(combination: tuple[tuple[int, ...], ...]) -> bool:
        values = dict(fixed)
        values.update(zip(open_rows, combination, strict=True))
        return all(identity.holds(lambda name: values[name][index]) for identity, index in checks)  # noqa: B023

    solution = glued.solve_columns([rows[k].readings or [] for k in open_rows], balanced)
    if solution is not None:
        chosen.update(zip(open_rows, solution, strict=True))
    return chosen


_REVIEW_ROW = layouts.RowSpec(
    "review_litigation",
    "行政复议、行政诉讼",
    tuple(
        layouts.ColumnSpec(f"{row.key}.{col.key}", f"{row.label} {col.label}")
        for row in layouts.REVIEW_LITIGATION.rows
        for col in row.columns
    ),
)


def _build_review_litigation(view: Context, hits: list[Hit], fragments: set[int]) -> Table:
    """Table 四 is header labels, then one row of 15 numbers after the last header: 行政复议 (维持,
    纠正, 其他, 尚未审结, 总计), 未经复议直接起诉 (the same five), 复议后起诉 (the same five).
    Figures after an earlier header are prose or a header's own padding, not the data row."""
    layout = layouts.REVIEW_LITIGATION
    text = view.folded.text
    last = max(i for i, hit in enumerate(hits) if hit.kind == "header")
    anchor = hits[last]
    raws: list[Raw] = []
    pipe = False
    noise: list[Raw] = []
    leading: list[Raw] = []  # blank cells before the first figure: a header's padding, or blanks
    for index in range(last, len(hits)):
        end = hits[index + 1].start if index + 1 < len(hits) else len(text)
        segment = _segment(text, hits[index].end, end, fragments)
        noise += segment.noise
        if segment.cells is not None:
            pipe = True
            for raw in segment.cells:
                if raw.blank and not raws:
                    leading.append(raw)
                else:
                    raws.append(raw)
        else:
            raws += [raw for line in segment.lines for raw in line]
    reading = RowReading("review_litigation", anchor, _REVIEW_ROW, noise=noise)
    count = len(_REVIEW_ROW.columns)
    if pipe and not raws and len(leading) >= count:  # a whole row of empty cells: blank, not missing
        raws = leading[-count:]
    reading.raws, reading.filled = (align(raws, count) if pipe else raws), bool(raws)
    groups = tuple((row.key, tuple(c.key for c in row.columns)) for row in layout.rows)
    _settle(reading, glued.row_constraints(layout.table, layout.name, groups), pipe)
    numbers = reading.readings[0] if reading.readings and len(reading.readings) == 1 else None
    issues: list[TableIssue] = []
    flat = _row_cells(view, reading, issues, numbers)
    cells = [_unflattened(cell) for cell in flat]
    span = view.span(hits[0].start, max([anchor.end, *(raw.end for raw in reading.raws)]))
    issues = _missing_headers(view, layout, hits, span) + issues
    if noise:
        words = "、".join(dict.fromkeys(view.text(r.start, r.end) for r in noise))
        issues.append(TableIssue("unrecognised", words, view.span(noise[0].start, noise[0].end)))
    return ReviewLitigationTable(
        layout.name, span, tuple(cells), _labels(view, hits), tuple(issues), reading.readings is not None
    )


def _unflattened(cell: Cell) -> Cell:
    """A cell of the flat 15-column row as its row and column of table 四."""
    row, column = cell.column.split(".", 1)
    return cell._replace(row=row, column=column)


_BUILDERS = {
    "active_disclosure": _build_active_disclosure,
    "applications": _build_applications,
    "review_litigation": _build_review_litigation,
}
