"""The folded view: the text the grammar matches, with a map back to the canonical text.

Real reports write the same label many ways: `（一）` and `(一)`, `“三安全一稳定”` and
`"三安全一稳定"`, `1、` and `1.`, `商业 企业` and `商业企业`, `总 计`. The grammar is written once,
in folded form, and every match is mapped back so that positions stay the user's own.

Folding is:
1. NFKC per character where it yields one character (full-width → half-width, `．` → `.`,
   ideographic space → space); multi-character expansions such as `…` are left alone so that the
   map stays one-to-one and cheap;
2. curly quotes → straight quotes, and a `、` right after a digit → `.`;
3. a Markdown table's separator row (`| --- | --- |`), heading marks (`## `) and emphasis (`**`)
   become spaces: they are layout, not content;
4. page furniture on a line of its own (`- 3 -`, `第 3 页 共 6 页`) becomes spaces: a PDF export
   puts it in the middle of a table, where its digits would be read as cells;
5. horizontal white space between two Chinese characters, or between one and a digit, is
   removed; elsewhere it stays (`230 000023` keeps its gap: in a glued table it may be a cell
   boundary; `16 |` needs no folding). Line ends stay.

`squeeze` is a second, table-only view: line ends between two Chinese characters are dropped,
so that a label wrapped over two lines (`商业企` / `业`, a group label one character a line) is
one label again. Only the table reader uses it: elsewhere a line end separates paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "〝": '"', "〞": '"', "‘": "'", "’": "'"}
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SPACE_CHARACTER = r"[ \t\u00a0\u3000]"
# White space that splits a label or a number from its unit: between two Chinese (non-ASCII)
# characters, or between one and a digit ("商业 企业", "总 计", "2024 年"). Space next to ASCII
# punctuation such as `|` is left as it is (the grammar allows it), which keeps the map short.
# The match starts with the one character class it consumes and the alternatives look behind only
# then, so that the regex engine skips to the next such character in C instead of trying every
# offset (each step halved the cost of this pattern). The zero-width and the space characters
# are disjoint: the look-behind of each alternative tells which one was consumed.
_SPLITTING_SPACE = re.compile(
    rf"[{_ZERO_WIDTH} \t\u00a0\u3000](?:(?<=[{_ZERO_WIDTH}])[{_ZERO_WIDTH}]*"
    rf"|(?<=[^\x00-\x7f]{_SPACE_CHARACTER}){_SPACE_CHARACTER}*(?=[^\x00-\x7f\s]|\d)"
    rf"|(?<=\d{_SPACE_CHARACTER}){_SPACE_CHARACTER}*(?=[^\x00-\x7f\s]))"
)
_DIGIT_DUNHAO = re.compile(r"、(?<=\d、)")
# A Markdown table's separator row (| --- | :---: |) says nothing; blanked so that its dashes are
# not read as "-" placeholders in cells.
_MARKDOWN_RULE = re.compile(
    r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$", re.MULTILINE
)


# Markdown heading marks at a line start and bold/italic marks anywhere.
_MARKDOWN_MARKS = re.compile(r"^[ \t]*#{1,6}(?=[ \t])|\*\*|__", re.MULTILINE)
# Page furniture a PDF export leaves on lines of its own: "- 3 -", "— 3 —", "第3页", "第 3 页 共 6 页",
# "3/6". Checked after NFKC, so full-width forms are already folded.
_PAGE_FURNITURE = re.compile(
    r"^[ \t]*(?:[-—–]+[ \t]*\d{1,3}[ \t]*[-—–]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,,]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?"
    r"|\d{1,3}[ \t]*/[ \t]*\d{1,3})[ \t]*$",
    re.MULTILINE,
)
_CJK = "\u3400-\u9fff、"
# A line end (with the blanks around it) between two Chinese characters: a wrapped label.
# Written to start with the blank or line end it consumes and to look behind only from there, so
# that the regex engine skips to the next blank in C instead of trying every offset (3x faster).
# The earlier form also had an alternative meant to join a row's numbering cut off from its label
# ("1." / "属于国家秘密"): `(?<![\d.])(?<=\d\.)`, two look-behinds at one offset that contradict
# each other, so it never matched; it is left out here (same matches), not made to work (that
# would change what the table reader reads).
_WRAP = re.compile(rf'[ \t\n](?<=[{_CJK}"][ \t\n])(?:(?<=\n)[ \t\n]*|(?<=[ \t])[ \t]*\n[ \t\n]*)(?=[{_CJK}")])')


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus the canonical offset of every folded offset (one more for the end)."""

    text: str
    index: array[int]  # C ints (4 bytes): a text is far below 2**31 characters (MAX_FILE_BYTES)

    def canonical(self, offset: int) -> int:
        """Canonical offset of a folded offset."""
        return self.index[offset]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = _QUOTES.get(ch)
    if folded is not None:
        return folded
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


_QUOTE_TABLE = {ord(ch): folded for ch, folded in _QUOTES.items()}
# Characters NFKC may change: anything outside ASCII and the CJK ideographs (most of a report)
_MAY_CHANGE = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]")


def _translation(text: str) -> dict[int, str]:
    """The one-to-one folding table for the characters of `text` (NFKC is checked in C first:
    most exports are already normalised and only their quotes need folding)."""
    if unicodedata.is_normalized("NFKC", text):
        return _QUOTE_TABLE
    table: dict[int, str] = {}
    for ch in set(_MAY_CHANGE.findall(text)):
        folded = _fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded
    return table


def _translated(text: str, table: dict[int, str]) -> str:
    """`text.translate(table)`, by one `str.replace` per character present when the table is
    small and no folded character is itself folded (then mapping one at a time is mapping all at
    once). Why: translate looks every character of the text up in the dict, ~0.2 ms for a report
    that is already NFKC and holds only a few curly quotes; a replace is a scan in C."""
    if len(table) > _REPLACE_AT_MOST or any(ord(folded) in table for folded in table.values()):
        return text.translate(table)
    for code, folded in table.items():
        character = chr(code)
        if character in text:
            text = text.replace(character, folded)
    return text


_REPLACE_AT_MOST = 32  # with more characters to fold, one translate pass is cheaper


def fold(text: str) -> Folded:
    """Fold `text` (already with `\\n` line ends) for matching."""
    return _drop(_folded_in_place(text), _SPLITTING_SPACE)


def fold_text(text: str) -> str:
    """`fold(text).text` without the map back: for rules that compare words and never place a
    finding inside them (building the index of a whole section cost more than folding it)."""
    return _SPLITTING_SPACE.sub("", _folded_in_place(text))


def _folded_in_place(text: str) -> str:
    """Steps 1–4 of folding: each changes characters but keeps every offset."""
    text = _translated(text, _translation(text))
    if "、" in text:
        text = _DIGIT_DUNHAO.sub(".", text)
    if "---" in text:
        text = _MARKDOWN_RULE.sub(_blank, text)
    if "#" in text or "**" in text or "__" in text:
        text = _MARKDOWN_MARKS.sub(_blank, text)
    if "页" in text or "-" in text or "—" in text or "/" in text:
        text = _PAGE_FURNITURE.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


# 0, 1, 2, …: slices of it are the index of text that kept its offsets (memory copies, where
# extending an array from a range makes a Python int per character). Grown on demand up to
# _COUNTING_AT_MOST (a few reports' length, 256 KiB); a longer text counts with range().
_COUNTING = array("i")
_COUNTING_AT_MOST = 1 << 16


def _counting(end: int) -> array[int] | None:
    """The array 0 … end-1, or None when that is longer than is kept."""
    if end > len(_COUNTING):
        if end > _COUNTING_AT_MOST:
            return None
        _COUNTING.extend(range(len(_COUNTING), min(max(end, 2 * len(_COUNTING)), _COUNTING_AT_MOST)))
    return _COUNTING


def _drop(text: str, pattern: re.Pattern[str], origin: array[int] | None = None) -> Folded:
    """`text` without the matches of `pattern`; `origin[i]` is where offset i of `text` came from
    (None: offset i came from i)."""
    offsets: array[int] | range = (
        origin if origin is not None else _counting(len(text) + 1) or range(len(text) + 1)
    )
    pieces: list[str] = []
    index = array("i")
    kept_from = 0
    for run in pattern.finditer(text):
        start, end = run.span()
        pieces.append(text[kept_from:start])
        index.extend(offsets[kept_from:start])
        kept_from = end
    pieces.append(text[kept_from:])
    index.extend(offsets[kept_from : len(text) + 1])
    return Folded("".join(pieces), index)


def squeeze(folded: Folded, start: int, end: int) -> Folded:
    """The table view of folded[start:end]: wrapped labels joined (see the module docstring).
    Its index maps straight to canonical offsets, like the folded view's own."""
    text = folded.text[start:end]
    origin = folded.index[start : end + 1]
    if "\n" not in text:
        return Folded(text, origin)
    return _drop(text, _WRAP, origin)
