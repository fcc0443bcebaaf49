"""The canonical layout shared by the HTML and Word readers, built line by line with its origins.

Both readers find paragraphs and table cells in a tree; what a line looks like (``text |`` for a
cell, `` |`` for a blank one) and how whitespace inside a cell or paragraph is folded must be the
same for both, or one format would parse differently from another. That is kept here, once.
"""

from __future__ import annotations

import re
import unicodedata

from giplint.source import Document
from giplint.span import Origin

# Zero-width characters that CMS editors and Word leave inside words; they are invisible and would
# split a label such as 自然人 for the grammar.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# `\s` on str covers ASCII whitespace, NBSP (&nbsp;) and the ideographic space U+3000.
_WHITESPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Fold a run of source whitespace to one space, and strip the ends.

    A line break between two CJK characters is dropped instead: an HTML source wrapped inside a
    word (``商业\\n企业``) means one word, and a space there would split a table label.
    """
    text = text.translate(_ZERO_WIDTH)
    if not text or text.isspace():
        return ""

    def fold(match: re.Match[str]) -> str:
        run, start, end = match.group(0), match.start(), match.end()
        between_wide = start > 0 and end < len(text) and _is_wide(text[start - 1]) and _is_wide(text[end])
        return "" if between_wide and "\n" in run else " "

    return _WHITESPACE.sub(fold, text).strip()


def join_lines(lines: list[str]) -> tuple[str, list[int]]:
    """Collapsed lines joined into the paragraph a page wrapped (PDF), and where each one starts.

    A space is put back only between two narrow characters (a Latin word wrapped at its space);
    ``2024`` at a line end and ``年`` on the next are ``2024年``. The start offsets let each piece
    keep the position of its own source line.
    """
    text = ""
    starts: list[int] = []
    for line in lines:
        piece = collapse(line)
        if not piece:
            continue
        if text and not (_is_wide(text[-1]) or _is_wide(piece[0])):
            text += " "
        starts.append(len(text))
        text += piece
    return text, starts


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def cell_line(text: str) -> str:
    """One table cell in canonical layout: ``text |``, or `` |`` for a blank cell."""
    return f"{text} |" if text else " |"


class CanonicalText:
    """Accumulates canonical lines and, for each, the `Origin` of its first character."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._origins: list[Origin] = []
        self._offset = 0

    def __len__(self) -> int:
        return len(self._lines)

    def add(self, line: str, source_line: int, column: int, location: str = "", page: int = 0) -> None:
        """Append one canonical line (no newline inside) that came from (`source_line`, `column`)."""
        self._origins.append(Origin(self._offset, source_line, column, location, page))
        self._lines.append(line)
        self._offset += len(line) + 1

    def add_runs(self, line: str, runs: list[tuple[int, str, int]]) -> None:
        """Append one canonical line made of runs from different places: (start in the line,
        location, page) each. Positions are the canonical line and the run's column, as for a
        Word paragraph, so an excerpt of the canonical line underlines the right run."""
        number = len(self._lines) + 1
        for start, location, page in runs:
            self._origins.append(Origin(self._offset + start, number, start + 1, location, page))
        self._lines.append(line)
        self._offset += len(line) + 1

    @property
    def text(self) -> str:
        """The canonical text: every line ends with ``\\n``, as in a text export."""
        return "".join(line + "\n" for line in self._lines)

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self._lines)

    @property
    def origins(self) -> tuple[Origin, ...]:
        return tuple(self._origins)

    def document(
        self,
        path: str,
        encoding: str,
        source_format: str,
        source_lines: tuple[str, ...] = (),
        published: tuple[str, str] = ("", ""),
    ) -> Document:
        """The Document every reader returns: this canonical text with its origins, and the lines
        an excerpt shows (the source's own for HTML; the canonical lines for Word and PDF), and the
        publication date the file gives (ISO date, "page" or "pdf")."""
        return Document(
            path=path,
            text=self.text,
            encoding=encoding,
            source_format=source_format,
            origins=self.origins,
            source_lines=source_lines or self.lines,
            published=published[0],
            published_from=published[1],
        )


# A heading typed without a heading style: 一、 or （一） at the start of a short paragraph.
_TYPED_HEADING = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_HEADING_CHARS = 40
_SHORT = 20


def typed_heading(text: str) -> bool:
    """一、/（一） opening a short paragraph: how editors type a heading without a heading style."""
    return len(text) <= _HEADING_CHARS and _TYPED_HEADING.match(text) is not None


class NearestHeading:
    """Where a paragraph is for an editor when the document states no pages (Word and WPS show no
    paragraph numbers): under the nearest heading above it, “一、总体情况”后第2段, or 文首第1段."""

    def __init__(self) -> None:
        self._heading = ""
        self._after = 0  # paragraphs with text since the heading

    def place(self, text: str, heading: bool) -> str:
        if heading:
            self._heading, self._after = text, 0
            return f"“{_short(text)}”"
        self._after += 1
        above = f"“{_short(self._heading)}”后" if self._heading else "文首"
        return f"{above}第{self._after}段"


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"
