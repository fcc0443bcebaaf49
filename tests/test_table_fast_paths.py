"""The table reader's fast paths give what the plain computation gives (issue 19).

Each shortcut is checked against the slow, obvious form it replaced, on inputs made to reach its
edges (random `|`-segments, label texts run together with figures and noise): a fast path taken
where the plain one differs fails here before it changes a cell or a finding.
"""

from __future__ import annotations

import random
import re

from giplint import layouts
from giplint.parse.cells import Raw, is_placeholder
from giplint.parse.tables import labels, rows, segments
from giplint.parse.tables.labels import is_label_like


def _plain_scanner(table: str) -> re.Pattern[str]:
    """The label scanner in its plain form: a lookahead on the characters a label may start
    with, then every label's pattern as one named group, longest first."""
    labels = layouts.VOCABULARY[table]
    ordered = sorted(labels, key=lambda spec: -len(spec.text))
    starts = {spec.text[0] for spec in labels} | {
        next(ch for ch in spec.text if "\u4e00" <= ch <= "\u9fff") for spec in labels
    }
    alternatives = "|".join(f"(?P<{spec.name}>{spec.pattern})" for spec in ordered)
    return re.compile(f"(?=[{re.escape(''.join(sorted(starts)))}])(?:{alternatives})")


def test_scanner_finds_the_labels_its_plain_form_finds() -> None:
    """Optional leads written out as alternatives (with, then without) and a closing group per
    alternative find the same labels at the same places as the plain pattern."""
    rng = random.Random(23)
    for table, specs in layouts.VOCABULARY.items():
        scan = layouts.scanner(table)
        plain = _plain_scanner(table)
        pieces = [spec.text for spec in specs] + [spec.text[1:] for spec in specs] + [
            spec.text[:3] for spec in specs
        ]
        pieces += ["1.", "2.", "(", ")", "|", "\n", " ", "12", "0", "第", "其他", "为", ":", "“", '"', "、", ","]
        found = 0
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
            text = "".join(ch for ch in text if rng.random() > 0.03)  # a few characters lost
            got = [(scan.label(m).name, m.span()) for m in scan.pattern.finditer(text)]
            assert got == [(m.lastgroup, m.span()) for m in plain.finditer(text)], (table, text)
            found += len(got)
        assert found > 3000  # the texts hold labels, not only misses


def _plain_pipe_segment(segment: str, start: int, fragments: set[int]) -> segments.Segment:
    """`_pipe_segment` in its plain form: every part through the same steps."""
    cells: list[Raw] = []
    noise: list[Raw] = []
    spaced = False
    parts = segment.split("|")
    position = start
    for index, part in enumerate(parts):
        first, last = index == 0, index == len(parts) - 1
        stripped = part.strip()
        lead = part.index(stripped[0]) if stripped else 0
        at = position + lead
        bar = position + len(part)
        position += len(part) + 1
        if not stripped:
            if not first and not last:
                cells.append(Raw("", bar, bar + 1, blank=True))
            continue
        if stripped.isdigit() and not first and not last:
            cells.append(Raw(stripped, at, at + len(stripped)))
            continue
        if (last and "\n" in part[:lead]) or at in fragments:
            continue
        if is_label_like(stripped):
            noise.append(Raw(stripped, at, at + len(stripped)))
            continue
        pieces = list(segments._WORD.finditer(stripped))
        if len(pieces) > 1 and all(not is_placeholder(p.group()) for p in pieces):
            spaced = True
            cells.extend(Raw(p.group(), at + p.start(), at + p.end()) for p in pieces)
            continue
        cells.append(Raw(stripped, at, at + len(stripped)))
    return segments.Segment(cells, [], noise, spaced)


def test_pipe_segment_reads_as_its_plain_form() -> None:
    """Bare figures and blanks read in the loop, the rest by `_odd_part`: the same cells, noise
    and spaced flag as every part read the plain way (first and last parts, fragments included)."""
    rng = random.Random(24)
    pieces = ["|", "|", "|", " ", "\n", "12", "0", "3 4", "1,234", "5.5", "/", "-", "无", "件", "其他处理", "\t"]
    for _ in range(20000):
        segment = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        if "|" not in segment:
            segment += "|"
        start = rng.randint(0, 5)
        fragments = {start + i for i in range(len(segment)) if rng.random() < 0.05}
        assert segments._pipe_segment(segment, start, fragments) == _plain_pipe_segment(
            segment, start, fragments
        ), repr(segment)


def _plain_align(raws: list[Raw], count: int) -> list[Raw]:
    """`align` without its shortcut for a row with nothing but padding after `count` cells."""
    if len(raws) <= count:
        return raws
    filled = [i for i, raw in enumerate(raws) if not raw.blank]
    if not filled:
        return raws[:count]
    first, last = filled[0], filled[-1]
    if last - first + 1 > count:
        return raws
    start = min(max(0, min(last - count + 1, len(raws) - count)), first)
    return raws[start : start + count]


def test_align_as_its_plain_form() -> None:
    rng = random.Random(25)
    for _ in range(20000):
        raws = [
            Raw("", i, i + 1, blank=True) if rng.random() < 0.4 else Raw(str(i), i, i + 1)
            for i in range(rng.randint(0, 12))
        ]
        count = rng.randint(1, 8)
        assert segments.align(raws, count) == _plain_align(raws, count), (raws, count)


def _plain_settle(raws: list[Raw], count: int, pipe: bool) -> bool:
    """Whether `settle` in its plain form (no shortcut for `|`-cells that fit) reads the row as
    glued digits."""
    values = [raw for raw in raws if not raw.blank]
    if not values or (len(values) == count and (pipe or len(raws) == count)):
        return False
    digits = all(raw.text.isdigit() for raw in values)
    if (pipe and (len(values) <= count or not digits)) or (not digits and len(values) >= count):
        return False
    return not (len(values) < count and digits and sum(len(raw.text) for raw in values) == len(values))


def test_settle_reads_glued_rows_as_its_plain_form() -> None:
    """`|`-cells that fit the row are never glued: the shortcut settles exactly the rows the
    plain checks settle."""
    rng = random.Random(26)
    spec = layouts.APPLICATIONS_2021.rows[0]
    hit = labels.Hit(layouts.scanner("applications").labels["NEW_RECEIVED"], 0, 1)
    for _ in range(5000):
        raws = [
            Raw("", i, i + 1, blank=True) if rng.random() < 0.3 else Raw(rng.choice(["1", "12", "640020", "x"]), i, i + 1)
            for i in range(rng.randint(0, 10))
        ]
        pipe = rng.random() < 0.5
        reading = rows.RowReading(spec.key, hit, spec, raws=list(raws))
        rows.settle(reading, lambda: (), pipe)
        assert (reading.chunks is not None) == _plain_settle(raws, len(spec.columns), pipe), (raws, pipe)
