"""Words and text lines of a PDF page's characters, as pdfplumber makes them, in one pass.

Why not pdfplumber's own: its `chars_to_textmap(...).extract_text_lines()` (the text outside
the tables) and `extract_text` (a cell's text) build a dict a word, a tuple a character, a
string of the page and a regular-expression search over it, and call a method per character
pair: ~0.9 ms of a page's ~9 (2026-12-07 profile). What the reader needs of them is their
answer, which must not change (the same text, so the same findings and positions). So this
module does what they do with their default settings (x and y tolerance 3, blanks dropped,
ligatures expanded, no layout), step for step:

- characters are taken in runs of one uprightness, in page order; a run is clustered into
  lines by `top` (by `x0` for rotated characters), a value within 3 of the previous distinct
  value joining its cluster; a line's characters are sorted by `x0` (rotated: `top`, `bottom`);
- a blank ends a word; a character starts a new word when it starts left of the previous one,
  more than 3 after the previous one's end, or more than 3 above or below it;
- `text_lines`: consecutive words whose `top`s fall in one cluster (clustered as above over all
  words) are one line, its words joined by a space, its box that of its characters;
- `text`: the words clustered by `top`, clusters top to bottom, joined by spaces and lines.

tests/test_pdf_words.py compares both with pdfplumber's on the test PDFs and the corpus PDF.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Char = dict[str, Any]

TOLERANCE = 3  # pdfplumber's default x_tolerance and y_tolerance
LIGATURES: dict[str, str] = {
    "ﬀ": "ff",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬆ": "st",
    "ﬅ": "st",
}  # pdfplumber's


@dataclass
class Word:
    chars: list[Char]
    text: str
    top: float


@dataclass
class TextLine:
    """One line of `text_lines`: what pdfplumber's line dict holds (its `chars` list has a
    ligature's character once for each letter it expands to, as pdfplumber's does)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[Char]


def letters(text: str) -> str:
    """A character's text with a ligature expanded (``ﬁ`` → ``fi``), as pdfplumber does."""
    return LIGATURES.get(text, text)


def _top(char: Char) -> float:
    return float(char["top"])


def _x0(char: Char) -> float:
    return float(char["x0"])


def _down(char: Char) -> tuple[float, float]:
    return (char["top"], char["bottom"])


def clusters(objects: list[Any], key: Callable[[Any], float], tolerance: float = TOLERANCE) -> list[list[Any]]:
    """pdfplumber's `cluster_objects`: the distinct key values sorted, each within `tolerance`
    of the previous one in its cluster; the clusters in that order, page order inside."""
    index: dict[float, int] = {}
    count, last = -1, 0.0
    for value in sorted(set(map(key, objects))):
        if count < 0 or value > last + tolerance:
            count += 1
        index[value] = count
        last = value
    groups: list[list[Any]] = [[] for _ in range(count + 1)]
    for item in objects:
        groups[index[key(item)]].append(item)
    return groups


def words(chars: list[Char]) -> list[Word]:
    """pdfplumber's `WordExtractor().iter_extract_tuples(chars)`: the words, in its order."""
    found: list[Word] = []
    for upright, run in itertools.groupby(chars, key=lambda char: char["upright"]):
        group = list(run)
        if upright:
            lines = clusters(group, _top)
            for line in lines:
                line.sort(key=_x0)
            found += _split(lines, "x0", "x1", "top")
        else:
            lines = clusters(group, _x0)
            for line in lines:
                line.sort(key=_down)
            found += _split(lines, "top", "bottom", "x0")
    return found


def _split(lines: list[list[Char]], start: str, end: str, across: str) -> Iterator[Word]:
    """The words of sorted lines: `start`/`end` along the line, `across` the other way."""
    for line in lines:
        word: list[Char] = []
        for char in line:
            text = char["text"]
            if text.isspace() or not text:  # pdfplumber: a blank ends a word; "" is a word
                if word:
                    yield _word(word)
                if not text:
                    yield _word([char])
                word = []
                continue
            if word:
                last = word[-1]
                if (
                    char[start] < last[start]
                    or char[start] > last[end] + TOLERANCE
                    or abs(char[across] - last[across]) > TOLERANCE
                ):
                    yield _word(word)
                    word = []
            word.append(char)
        if word:
            yield _word(word)


def _word(chars: list[Char]) -> Word:
    text = "".join(letters(char["text"]) for char in chars)
    return Word(chars, text, min(char["top"] for char in chars))


def _word_top(word: Word) -> float:
    return word.top


def text_lines(chars: list[Char]) -> list[TextLine]:
    """pdfplumber's `chars_to_textmap(chars).extract_text_lines()`."""
    found = words(chars)
    if not found:
        return []
    index: dict[float, int] = {}
    for number, cluster in enumerate(clusters(found, _word_top)):
        for word in cluster:
            index[word.top] = number
    lines: list[TextLine] = []
    for _, run in itertools.groupby(found, key=lambda word: index[word.top]):
        line = list(run)
        members = [char for word in line for char in word.chars for _ in letters(char["text"])]
        lines.append(
            TextLine(
                " ".join(word.text for word in line),
                min(char["x0"] for char in members),
                min(char["top"] for char in members),
                max(char["x1"] for char in members),
                max(char["bottom"] for char in members),
                members,
            )
        )
    return lines


def text(chars: list[Char]) -> str:
    """pdfplumber's `extract_text(chars)` (no layout)."""
    lines = clusters(words(chars), _word_top)
    return "\n".join(" ".join(word.text for word in line) for line in lines)
