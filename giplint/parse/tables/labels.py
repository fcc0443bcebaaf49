"""Step 1 of the table reader: the labels of a table, and what a word that may be a label is.

Labels are found with the patterns of layouts.VOCABULARY over the table view (where wrapped
labels are joined). A word between labels that is not a number is classified against the same
vocabulary: a mistyped ("fuzzy") or wrapped ("prefix") row label, a fragment of a label or a
caption, or noise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, partial
from typing import NamedTuple

from giplint import layouts
from giplint.parse.cells import is_number_start


class Hit(NamedTuple):
    """A label found in the table view: exact, mistyped ("fuzzy") or the first part of a wrapped
    label whose rest stands after the row's numbers ("prefix"). A NamedTuple: a report has dozens
    and a frozen dataclass costs four times as much to make."""

    spec: layouts.LabelSpec
    start: int
    end: int
    how: str = ""

    @property
    def kind(self) -> str:
        return self.spec.kind


def find_labels(text: str, table: str) -> list[Hit]:
    scan = layouts.scanner(table)
    hits = [_new_hit((scan.label(match), match.start(), match.end(), "")) for match in scan.pattern.finditer(text)]
    starts = {hit.start for hit in hits}
    return [hit for hit in hits if hit.end - hit.start > SHORT_LABEL or not _inside_word(text, hit, starts)]


_new_hit = partial(tuple.__new__, Hit)  # Hit(...) from C (see cells.new_raw)

SHORT_LABEL = 2  # 其他, 总计: labels so short that they also occur inside other words


def _inside_word(text: str, hit: Hit, starts: set[int]) -> bool:
    """A short label running on into more Chinese that is no label (`其他` in a mistyped
    `2.其他法律行政止公开`) is part of that word, not the label."""
    if hit.end - hit.start > SHORT_LABEL or hit.end >= len(text) or hit.end in starts:
        return False
    return bool(CJK.match(text, hit.end))


# -- 2. words between labels ----------------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBERING = re.compile(r"^\d{1,2}\.(?=[\u3400-\u9fff\"])")
_STRIP = re.compile(r"[\s\"'()、,.:;|*#]")
# A caption or note that frames a table: 表三:收到和处理政府信息公开申请情况, 单位:件.
_FRAME = re.compile(r"^(?:表[一二三四五六1-6]|单位:|注:|说明:|续表)")
LONGEST_LABEL_WORD = 60  # the longest row label is 40 characters; a longer word is not one
FUZZY_RATIO = 0.75  # how close a mistyped row label must be to a mandated one
PREFIX_CHARACTERS = 4  # how long the first part of a wrapped row label must be to count


def is_label_like(word: str) -> bool:
    """Text that may be (part of) a label rather than a cell: Chinese, or 2.+Chinese numbering."""
    if _NUMBERING.match(word):
        return True
    return not is_number_start(word) and len(CJK.findall(word)) >= 2


def bare_text(text: str) -> str:
    return _STRIP.sub("", _NUMBERING.sub("", text))


@dataclass(frozen=True)
class _Vocabulary:
    """A table's labels in the forms the word classifier compares with."""

    rows: tuple[tuple[layouts.LabelSpec, str], ...]  # row labels and their bare text
    fragments: str  # every label's bare text, joined: a fragment of a label is a substring
    headers: str  # the bare text of the header and group labels, joined
    characters: tuple[Counter[str], ...]  # how often each character occurs in each row label


_VOCABULARIES: dict[str, _Vocabulary] = {}


def _vocabulary(table: str) -> _Vocabulary:
    found = _VOCABULARIES.get(table)
    if found is None:
        specs = layouts.VOCABULARY[table]
        rows = tuple((spec, bare_text(spec.text)) for spec in specs if spec.kind == "row")
        found = _Vocabulary(
            rows,
            "\n".join(bare_text(spec.text) for spec in specs),
            "\n".join(bare_text(spec.text) for spec in specs if spec.kind != "row"),
            tuple(Counter(text) for _, text in rows),
        )
        _VOCABULARIES[table] = found
    return found


def classify(word: str, table: str) -> tuple[str, layouts.LabelSpec | None, int]:
    """What a label-like word is: ("prefix"|"fuzzy", row label, where in the word it starts),
    ("fragment", None, 0) for a piece of a label or a caption, ("noise", None, 0) otherwise.

    A wrapped label's first part may follow the end of the line before it in the table view
    (`其他` + `一、本年新收政府信息`), so a prefix is also looked for a few characters in."""
    if len(word) > LONGEST_LABEL_WORD:
        return "noise", None, 0  # longer than any label: prose or garbage (and never quadratic)
    vocabulary = _vocabulary(table)
    for offset in range(min(len(word) - PREFIX_CHARACTERS + 1, SHORT_LABEL + 3)):
        bare = bare_text(word[offset:])
        if len(bare) < PREFIX_CHARACTERS:
            break
        for spec, text in vocabulary.rows:
            if text.startswith(bare):
                return "prefix", spec, offset
    bare = bare_text(word)
    if _is_fragment(bare, vocabulary.fragments) or _FRAME.match(word):
        return "fragment", None, 0
    debris = _LEADING_DEBRIS.match(word)
    start = debris.end() if debris else 0
    bare = bare_text(word[start:])
    closest = _closest_row(bare, vocabulary) if len(bare) >= PREFIX_CHARACTERS else None
    if closest is not None:
        wording = bare_text(closest.text)
        return ("prefix" if _label_with_debris(bare, wording) else "fuzzy"), closest, start
    if _pieces_of_labels(bare, vocabulary.headers):
        return "fragment", None, 0
    return "noise", None, 0


def _closest_row(bare: str, vocabulary: _Vocabulary) -> layouts.LabelSpec | None:
    """The row label most like `bare` (difflib's ratio, the first of equals) if it is at least
    FUZZY_RATIO alike, else None.

    Why the bounds: an unknown row (a 10,000-row table of them is a possible input) was compared
    with every row label by difflib, ~0.3 ms a word. difflib's ratio 2M/T cannot exceed the
    same formula with M the length of the shorter text, nor with M the characters the two texts
    share (counted with repeats), so a label whose bound is below FUZZY_RATIO, or not above the
    best ratio so far, cannot be the answer and is not compared: the answer is the same label."""
    best_ratio, best = 0.0, None
    length = len(bare)
    counts = Counter(bare)
    for (spec, text), characters in zip(vocabulary.rows, vocabulary.characters, strict=True):
        total = length + len(text)
        bound = 2.0 * min(length, len(text)) / total
        if bound < FUZZY_RATIO or bound <= best_ratio:
            continue
        bound = 2.0 * sum(min(count, characters[ch]) for ch, count in counts.items()) / total
        if bound < FUZZY_RATIO or bound <= best_ratio:
            continue
        ratio = SequenceMatcher(None, bare, text).ratio()
        if ratio > best_ratio:
            best_ratio, best = ratio, spec
    return best if best_ratio >= FUZZY_RATIO else None


def _label_with_debris(bare: str, label: str) -> bool:
    """The label as written, only interleaved with pieces of other labels and wrapped before its
    end (a PDF's text layer puts `他处理` of a vertical `(六)其他处理` into the row beside it): no
    character of the label changed or left out before the point where the word stops."""
    operations = SequenceMatcher(None, bare, label, autojunk=False).get_opcodes()
    for index, (operation, a_start, a_end, b_start, _) in enumerate(operations):
        last = index == len(operations) - 1
        if operation == "equal" or (operation == "insert" and last and b_start > 0):
            continue
        if operation == "delete" and bare[a_start:a_end] in all_label_text():
            continue
        return False
    return True


# A character or two run onto a numbered label from beside it ("年2.其他…": a group label set one
# character a line, its space to the label folded away).
_LEADING_DEBRIS = re.compile(r"^[\u3400-\u9fff、]{1,2}(?=\d\.)")


def _is_fragment(bare: str, fragments: str) -> bool:
    """A piece of a label, maybe with a character or two of another label run onto it (a group
    label set one character a line joins the line before it in the table view)."""
    if bare in fragments:
        return True
    for cut in range(1, SHORT_LABEL + 1):
        if len(bare) > cut + 1 and (
            (bare[:-cut] in fragments and bare[-cut:] in all_label_text())
            or (bare[cut:] in fragments and bare[:cut] in all_label_text())
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
            elif len(piece) == 1 and piece in all_label_text():
                alone = before + 1
            else:
                continue
            current = fewest[end]
            if current is None or alone < current:
                fewest[end] = alone
    lone = fewest[len(bare)]
    return lone is not None and lone <= max(1, len(bare) // 8)


def is_debris(word: str) -> bool:
    """A character or two of a label standing alone (a group label set one character a line
    beside the rows, as a PDF's text comes out), or punctuation."""
    bare = bare_text(word)
    return not bare or (len(bare) <= SHORT_LABEL and bare in all_label_text())


@cache
def all_label_text() -> str:
    return "\n".join(bare_text(spec.text) for specs in layouts.VOCABULARY.values() for spec in specs)
