"""Text reuse between two years' reports: which sentences of a section were copied from last year.

A section 五 (存在的主要问题及改进情况) copied word for word from last year's report is a classic
complaint about these reports (文字重复率). A sentence counts as copied when, normalised, it is
found in last year's report verbatim or near-verbatim.

- Sentences end at 。！？； (and their half-width forms) and at line ends.
- Normalising: NFKC, white space, punctuation and symbols dropped, each run of digits replaced
  by ``#`` — a sentence whose only change is the year (2023年 → 2024年) or a figure is the same
  sentence, which is what "copied" means to a reader. An enumerator at the start (（一）, 一是,
  1.) is dropped too: it is numbering, not text.
- Short sentences (fewer than `min_chars` characters once normalised) are not counted either way:
  sub-headings such as 存在的主要问题 and 改进情况 recur every year by design.
- Near-verbatim: `difflib.SequenceMatcher` ratio ≥ `similarity` with some sentence of last
  year's report (the cheap upper bounds are tried first, so unrelated sentences cost little).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from giplint.model import Section

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
_ENUMERATOR = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[是、.．]|\d+[、.．])"
)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a text: as written, where it starts and ends in that text, normalised."""

    text: str
    start: int
    end: int
    key: str


def normalise(text: str) -> str:
    """The sentence as compared (see the module docstring)."""
    text = _ENUMERATOR.sub("", unicodedata.normalize("NFKC", text))
    text = _DIGITS.sub("#", text)
    return "".join(ch for ch in text if ch == "#" or unicodedata.category(ch)[0] not in "PSZC")


def prose(text: str) -> str:
    """`text` with its table lines (the ``|``-delimited cell runs of the canonical layout) blanked
    out, offsets kept: table labels recur every year by design and are not text reuse."""
    return re.sub(r"[^\n]*\|[^\n]*", lambda m: " " * len(m.group()), text)


def section_prose(section: Section) -> str:
    """A section's body with its table blanked out, offsets kept (a glued table of a crawled page
    has no ``|`` lines, but the model knows where its labels and cells are)."""
    body = section.body
    table = section.table
    places = [*(c.place for c in table.cells), *(label.place for label in table.labels)] if table else []
    if places:
        start = max(0, min(p.start for p in places) - section.body_offset)
        end = min(len(body), max(p.end for p in places) - section.body_offset)
        body = body[:start] + re.sub(r"[^\n]", " ", body[start:end]) + body[end:]
    return body


def sentences(text: str, min_chars: int = 10) -> list[Sentence]:
    """The sentences of `text` long enough to count, with their offsets in `text` (table lines
    are not sentences)."""
    found = []
    for match in _SENTENCE.finditer(prose(text)):
        key = normalise(match.group())
        if len(key) >= min_chars:
            written = match.group().strip()
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            found.append(Sentence(written, start, start + len(written), key))
    return found


@dataclass(frozen=True)
class Reuse:
    """How much of a text was found in last year's report."""

    sentences: tuple[Sentence, ...]  # every counted sentence of this year's text
    copied: tuple[Sentence, ...]  # those found in last year's report, in text order

    @property
    def share(self) -> float:
        return len(self.copied) / len(self.sentences) if self.sentences else 0.0


class Corpus:
    """Last year's sentences, indexed for look-up: exact keys in a set, the rest by length."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = sorted(set(keys), key=len)
        self.exact = set(self.keys)

    def contains(self, key: str, similarity: float) -> bool:
        if key in self.exact:
            return True
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(key)
        for other in self.keys:
            shorter, longer = sorted((len(other), len(key)))
            if 2 * shorter / (shorter + longer) < similarity:  # the ratio cannot reach it
                if len(other) > len(key):
                    break
                continue
            matcher.set_seq1(other)
            if (
                matcher.real_quick_ratio() >= similarity
                and matcher.quick_ratio() >= similarity
                and matcher.ratio() >= similarity
            ):
                return True
        return False


def corpus_of(texts: Sequence[str], min_chars: int = 10) -> Corpus:
    """Last year's report as a look-up of its sentences."""
    return Corpus(s.key for text in texts for s in sentences(text, min_chars))


def reuse(text: str, corpus: Corpus, similarity: float = 0.9, min_chars: int = 10) -> Reuse:
    """Which sentences of `text` are found in `corpus` (verbatim or near-verbatim)."""
    counted = sentences(text, min_chars)
    return Reuse(tuple(counted), tuple(s for s in counted if corpus.contains(s.key, similarity)))
