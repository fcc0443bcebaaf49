"""The HTML reader's first half: the page decoded (its declared or detected encoding) and built
into a small tree with every tag's line and column (giplint/readers/html.py turns the tree into
report lines). Split from html.py along that seam; the why of the hand-built tree is there.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from giplint.source import decode, text_encoding

# ---------------------------------------------------------------------------------------------
# Decoding

_HEAD_BYTES = 16384
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
# GB2312 and GBK pages routinely contain characters outside those sets (names, 〇, €); GB18030 is
# their superset, so decoding as GB18030 never loses a character a browser would show.
_GB_NAMES = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "euc-cn"})
# A report page is Chinese: a Western single-byte declaration is a template default that lies.
_WESTERN = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})


def decode_html(path: str, data: bytes) -> tuple[str, str]:
    """(text, encoding): a BOM wins, then the page's own declaration, then `decode()`'s guessing.

    A declaration that does not decode (a page saved as UTF-8 by an editor that kept
    ``charset=gb2312``) is ignored rather than trusted: guessing then gets it right.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(path, data)
    declared = _declared_encoding(data)
    if declared is not None:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    return decode(path, data)


def _declared_encoding(data: bytes) -> str | None:
    head = data[:_HEAD_BYTES]
    if head.lstrip()[:1] != b"<":  # not markup: leave binaries and text to decode()
        return None
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").strip().lower()
    if name in _GB_NAMES:
        return "gb18030"
    codec = text_encoding(name)  # hex, base64, rot13 … are codecs but not character sets
    if codec is None:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"  # bytes we could read as ASCII are not UTF-16; HTML says to use UTF-8
    return None if codec in _WESTERN else codec


# ---------------------------------------------------------------------------------------------
# The tree


def words(text: str) -> frozenset[str]:
    """A set of tag names written as one spaced string (dozens of quoted names read worse)."""
    return frozenset(text.split())


_VOID = words("area base br col embed hr img input keygen link meta param source track wbr")
# Elements whose start tag ends an open <p> (HTML's "close a p element" rule).
_CLOSES_P = words(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption"
    " figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section"
    " summary table ul li dd dt"
)
_TABLE_SCOPE = frozenset({"table", "td", "th", "caption", "#document"})
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # start tag: (open elements it closes, elements that stop the search)
    "li": (frozenset({"li"}), _TABLE_SCOPE | {"ul", "ol"}),
    "dt": (frozenset({"dt", "dd"}), _TABLE_SCOPE | {"dl"}),
    "dd": (frozenset({"dt", "dd"}), _TABLE_SCOPE | {"dl"}),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table", "#document"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table", "#document"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot", "#document"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table", "#document"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table", "#document"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table", "#document"})),
    "option": (frozenset({"option"}), frozenset({"select", "#document"})),
}
# Unclosed <font>/<span> tags pile up in pasted Word HTML; past this depth an element's content
# is attached to its parent instead, so that the recursive walks below stay far from Python's
# recursion limit. No real page nests this deep on purpose.
_MAX_DEPTH = 150
_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"})
_END_SCOPE: dict[str, frozenset[str]] = {
    "table": frozenset({"#document"}),
    "tr": frozenset({"table", "#document"}),
    "td": frozenset({"table", "#document"}),
    "th": frozenset({"table", "#document"}),
}


@dataclass(slots=True)
class Text:
    text: str
    line: int
    column: int


@dataclass(eq=False, slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    parent: Node | None
    children: list[Node | Text] = field(default_factory=list)

    def ancestors(self) -> list[Node]:
        """Root first, self last."""
        chain: list[Node] = []
        node: Node | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        chain.reverse()
        return chain


# Bounds on what a hostile page may cost the tree: a real report page has a few thousand elements
# (3 M `<td>1` took 6.6 GB as nodes).
MAX_NODES = 200_000


class TooManyNodes(Exception):
    """The page has more elements and text runs than any report page: stop building the tree."""


class _TreeBuilder(HTMLParser):
    """html.parser events → a `Node` tree with 1-based source positions on every node."""

    def __init__(self, restore: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, 1, 1, None)
        self._stack = [self.root]
        self._room = MAX_NODES
        self._restore = restore  # data holds _STAND_IN for a `<` that opens nothing (see defuse)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._new(tag, attrs)
        if tag in _VOID:
            return
        depth = len(self._stack)
        if depth < _MAX_DEPTH or (tag in _TABLE_TAGS and depth < 2 * _MAX_DEPTH):
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <p/>, <td/>: an element without content, as its author meant.
        self._new(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        stops = _END_SCOPE.get(tag, _TABLE_SCOPE)
        for index in range(len(self._stack) - 1, 0, -1):
            open_tag = self._stack[index].tag
            if open_tag == tag:
                del self._stack[index:]
                return
            if open_tag in stops:
                return  # a stray end tag must not close the table it sits in

    def handle_data(self, data: str) -> None:
        self._count()
        line, offset = self.getpos()
        if self._restore:
            data = data.replace(_STAND_IN, "<")
        self._stack[-1].children.append(Text(data, line, offset + 1))

    def _count(self) -> None:
        self._room -= 1
        if self._room < 0:
            raise TooManyNodes

    def _new(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        self._count()
        self._close_implied(tag)
        line, offset = self.getpos()
        parent = self._stack[-1]
        node = Node(tag, {name: value or "" for name, value in attrs}, line, offset + 1, parent)
        parent.children.append(node)
        return node

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close(frozenset({"p"}), _TABLE_SCOPE)
        if tag in _IMPLIED:
            self._close(*_IMPLIED[tag])

    def _close(self, targets: frozenset[str], stops: frozenset[str]) -> None:
        for index in range(len(self._stack) - 1, 0, -1):
            open_tag = self._stack[index].tag
            if open_tag in targets:
                del self._stack[index:]
                return
            if open_tag in stops:
                return


_MARKED_SECTION = re.compile(r"<!\[[^>]*>?")


def parse_page(text: str) -> Node:
    """Parse, surviving the declarations html.parser rejects (``<![if !vml]>`` variants).

    html.parser raises AssertionError on an unknown ``<![…`` section; those are blanked out with
    spaces of the same length, so every other position stays where the user sees it.
    """
    try:
        return _feed(text)
    except AssertionError:
        blanked = _MARKED_SECTION.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        return _feed(blanked)


def _feed(text: str) -> Node:
    defused = defuse(text)
    builder = _TreeBuilder(restore=defused is not text)
    builder.feed(defused)
    builder.close()
    return builder.root


# html.parser rescans to the end of the page for every `<` whose construct is never closed
# (`<a` × 100,000 with no `>` after them took 21.5 s; 5 M of them never ended). Such a `<` opens
# nothing: html.parser would give it back as text after that scan. defuse replaces each one, in
# one linear pass, by a stand-in character the tree builder turns back into `<` in the text, so
# every position stays where it was. A NUL in the page (browsers show U+FFFD) cannot be confused
# with the stand-in.
_STAND_IN = "\x00"
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"]\s*>")
_CDATA_CLOSE = re.compile(r"]\s*]\s*>")
_CDATA_NAMES = ("temp", "cdata", "ignore", "include", "rcdata")


def defuse(text: str) -> str:
    if _STAND_IN in text:
        text = text.replace(_STAND_IN, "\ufffd")
    last_gt = text.rfind(">")
    comment = _last_start(_COMMENT_CLOSE, text)
    section = _last_start(_SECTION_CLOSE, text)
    cdata = _last_start(_CDATA_CLOSE, text)
    head, tail = text[: last_gt + 1], text[last_gt + 1 :].replace("<", _STAND_IN)  # nothing after ends
    hopeless = sorted(index for index in _openings(head) if _hopeless(head, index, comment, section, cdata))
    if not hopeless:
        return head + tail
    pieces: list[str] = []
    start = 0
    for index in hopeless:
        pieces.append(head[start:index])
        pieces.append(_STAND_IN)
        start = index + 1
    pieces.append(head[start:])
    pieces.append(tail)
    return "".join(pieces)


def _hopeless(text: str, index: int, comment: int, section: int, cdata: int) -> bool:
    """Whether the comment or marked section opened at `index` has no end html.parser would find."""
    if text.startswith("<!--", index):
        return comment < index + 4
    name = text[index + 3 : index + 10].lower()
    return section < index + 3 or (name.startswith(_CDATA_NAMES) and cdata < index + 3)


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def _openings(text: str) -> Iterator[int]:
    """Positions of the comment and marked-section openings, whose ends _hopeless checks."""
    for opening in ("<!--", "<!["):
        index = text.find(opening)
        while index >= 0:
            yield index
            index = text.find(opening, index + 1)


