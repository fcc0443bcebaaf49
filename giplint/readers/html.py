"""HTML reader: a published report page (or its body) → canonical `|`-cell text.

Why the standard library's `html.parser` and not BeautifulSoup or lxml: a diagnostic must point
at the line *and column* of a cell's ``<td>`` in the user's HTML, and `HTMLParser.getpos()` gives
exactly that for every tag and text run; lxml keeps only the line, and BeautifulSoup over
html.parser adds nothing we need while still leaving unclosed ``<td>``/``<p>`` nested. The small
tree builder below closes those implied end tags itself (the HTML rules for p, li, td, tr …),
which is what sloppy CMS markup needs.

Finding the report in a full government page: scripts, navigation and hidden elements are
dropped; every block is turned into lines; the report body is the smallest element holding all
section headings (一、总体情况 … 六、其他需要报告的事项) and all tables with the report's labels.
The title line just before that element (the page's ``<h1>``) is kept; lines before a title
inside it (来源/发布时间, 分享到) and trailing link-only lines (【打印本页】) are left out.

Lines: a paragraph or heading is one line, ``<br>`` inside it is joined; text typed straight into
a ``<div>`` is split at ``<br>`` (nothing else separates its paragraphs there). A table is a
report table (one ``text |`` line per cell, in source order, merged cells once) unless it lays
out the page: one cell, a nested table, or a long cell holding a section heading.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from giplint.published import page_date
from giplint.readers._canon import CanonicalText, cell_line, collapse
from giplint.source import Document, InputError, decode, normalise_newlines, text_encoding

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


def _words(text: str) -> frozenset[str]:
    """A set of tag names written as one spaced string (dozens of quoted names read worse)."""
    return frozenset(text.split())


_VOID = _words("area base br col embed hr img input keygen link meta param source track wbr")
# Elements whose start tag ends an open <p> (HTML's "close a p element" rule).
_CLOSES_P = _words(
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
class _Text:
    text: str
    line: int
    column: int


@dataclass(eq=False, slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    parent: _Node | None
    children: list[_Node | _Text] = field(default_factory=list)

    def ancestors(self) -> list[_Node]:
        """Root first, self last."""
        chain: list[_Node] = []
        node: _Node | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        chain.reverse()
        return chain


# Bounds on what a hostile page may cost the tree: a real report page has a few thousand elements
# (3 M `<td>1` took 6.6 GB as nodes).
_MAX_NODES = 200_000


class _TooManyNodes(Exception):
    """The page has more elements and text runs than any report page: stop building the tree."""


class _TreeBuilder(HTMLParser):
    """html.parser events → a `_Node` tree with 1-based source positions on every node."""

    def __init__(self, restore: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {}, 1, 1, None)
        self._stack = [self.root]
        self._room = _MAX_NODES
        self._restore = restore  # data holds _STAND_IN for a `<` that opens nothing (see _defuse)

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
        self._stack[-1].children.append(_Text(data, line, offset + 1))

    def _count(self) -> None:
        self._room -= 1
        if self._room < 0:
            raise _TooManyNodes

    def _new(self, tag: str, attrs: list[tuple[str, str | None]]) -> _Node:
        self._count()
        self._close_implied(tag)
        line, offset = self.getpos()
        parent = self._stack[-1]
        node = _Node(tag, {name: value or "" for name, value in attrs}, line, offset + 1, parent)
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


def _parse(text: str) -> _Node:
    """Parse, surviving the declarations html.parser rejects (``<![if !vml]>`` variants).

    html.parser raises AssertionError on an unknown ``<![…`` section; those are blanked out with
    spaces of the same length, so every other position stays where the user sees it.
    """
    try:
        return _feed(text)
    except AssertionError:
        blanked = _MARKED_SECTION.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        return _feed(blanked)


def _feed(text: str) -> _Node:
    defused = _defuse(text)
    builder = _TreeBuilder(restore=defused is not text)
    builder.feed(defused)
    builder.close()
    return builder.root


# html.parser rescans to the end of the page for every `<` whose construct is never closed
# (`<a` × 100,000 with no `>` after them took 21.5 s; 5 M of them never ended). Such a `<` opens
# nothing: html.parser would give it back as text after that scan. _defuse replaces each one, in
# one linear pass, by a stand-in character the tree builder turns back into `<` in the text, so
# every position stays where it was. A NUL in the page (browsers show U+FFFD) cannot be confused
# with the stand-in.
_STAND_IN = "\x00"
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"]\s*>")
_CDATA_CLOSE = re.compile(r"]\s*]\s*>")
_CDATA_NAMES = ("temp", "cdata", "ignore", "include", "rcdata")


def _defuse(text: str) -> str:
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


# ---------------------------------------------------------------------------------------------
# Lines

_DROPPED = _words(
    "head title script style noscript template iframe frame frameset object embed applet svg"
    " math canvas audio video map nav aside footer button select textarea input"
)
_BLOCKS = _words(
    "address article blockquote body center dd details dialog dir div dl dt fieldset"
    " figcaption figure form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p pre"
    " section summary ul caption tr td th thead tbody tfoot legend #document"
)
# In these a <br> is a soft break inside one paragraph; elsewhere (text typed straight into a
# <div>) it is the only thing that separates paragraphs.
_PARAGRAPHS = _words("p h1 h2 h3 h4 h5 h6 li dt dd caption td th legend summary")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _dropped(node: _Node) -> bool:
    if node.tag in _DROPPED or "hidden" in node.attrs:
        return True
    style = node.attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


@dataclass(slots=True)
class _Line:
    """One canonical line and where it came from."""

    text: str
    line: int
    column: int
    owner: _Node  # the block or table cell the line belongs to
    table: _Node | None  # for a cell line, its table
    linked: bool  # all its text sits inside <a>: a menu or a list of links, never the title


class _Lines:
    """Walks a tree into `_Line`s: blocks and paragraphs one line each, data-table cells one each."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self._pieces: list[str] = []
        self._start: tuple[int, int] | None = None
        self._owner: _Node | None = None
        self._linked = True
        self._block_start: tuple[int, int] | None = None

    def walk(self, node: _Node) -> list[_Line]:
        self._visit(node, node, in_link=False)
        self._flush()
        return self.lines

    def _visit(self, node: _Node | _Text, block: _Node, in_link: bool) -> None:
        if isinstance(node, _Text):
            self._add_text(node, block, in_link)
        elif _dropped(node):
            return
        elif node.tag == "table":
            self._flush()
            self._table(node)
        elif node.tag == "br":
            if block.tag not in _PARAGRAPHS:
                self._flush()
        elif node.tag in _BLOCKS:
            self._flush()
            self._block_start = (node.line, node.column)
            for child in node.children:
                self._visit(child, node, in_link)
            self._flush()
            self._block_start = None
        else:
            linked = in_link or node.tag == "a"
            for child in node.children:
                self._visit(child, block, linked)

    def _add_text(self, text: _Text, block: _Node, in_link: bool) -> None:
        if not self._pieces:
            if not text.text.strip():
                return
            self._start = self._block_start or _first_visible(text)
            self._block_start = None
            self._owner = block
            self._linked = True
        self._pieces.append(text.text)
        if text.text.strip() and not in_link:
            self._linked = False

    def _flush(self) -> None:
        if not self._pieces:
            return
        content = collapse("".join(self._pieces))
        self._pieces = []
        if content and self._start is not None and self._owner is not None:
            line, column = self._start
            self.lines.append(_Line(content, line, column, self._owner, None, self._linked))
        self._block_start = None

    def _table(self, table: _Node) -> None:
        cells = list(_cells(table))
        if _is_layout(table, cells):
            for cell in cells:
                self._visit(cell, cell, in_link=False)
            return
        for node in _children(table, "caption"):
            self._visit(node, node, in_link=False)
        for cell in cells:
            text = _cell_text(cell)
            self.lines.append(_Line(cell_line(text), cell.line, cell.column, cell, table, False))


def _first_visible(text: _Text) -> tuple[int, int]:
    """Position of the first non-blank character of a text run (source columns are 1-based)."""
    lead = len(text.text) - len(text.text.lstrip())
    skipped = text.text[:lead]
    breaks = skipped.count("\n")
    if not breaks:
        return text.line, text.column + lead
    return text.line + breaks, lead - skipped.rfind("\n")


def _children(node: _Node, tag: str) -> Iterator[_Node]:
    return (child for child in node.children if isinstance(child, _Node) and child.tag == tag)


def _cells(table: _Node) -> Iterator[_Node]:
    """The table's own cells in source order (row-major), not those of tables nested in them."""
    for child in table.children:
        if not isinstance(child, _Node) or _dropped(child):
            continue
        if child.tag in ("td", "th"):
            yield child
        elif child.tag != "table":
            yield from _cells(child)


def _is_layout(table: _Node, cells: list[_Node]) -> bool:
    """A table used to lay out the page (or the whole report), not a table of the report.

    Old CMS templates put the article in a cell of a layout table; its cells must be read as
    page content, with the report's own tables inside them read as tables. A short cell that
    merely starts with an ordinal heading (the 2018 statistics table has rows such as
    一、主动公开情况) does not make a layout table; a long one holding a section heading does.
    """
    if len(cells) == 1:
        return True
    for cell in cells:
        blocks = [node for node in _descendants(cell) if node.tag in _BLOCKS or node.tag == "table"]
        if any(node.tag == "table" for node in blocks):
            return True
        headed = any(_HEADING.match(_normal(_own_text(node))) for node in [cell, *blocks])
        if headed and len(_cell_text(cell)) > _LAYOUT_CELL_CHARS:
            return True
    return False


def _descendants(node: _Node) -> Iterator[_Node]:
    for child in node.children:
        if isinstance(child, _Node):
            yield child
            yield from _descendants(child)


def _own_text(node: _Node) -> str:
    return "".join(child.text for child in node.children if isinstance(child, _Text))


def _cell_text(cell: _Node) -> str:
    """A cell's text: each paragraph inside it folded, joined with nothing (商业 / 企业 → 商业企业)."""
    segments: list[list[str]] = [[]]

    def visit(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, _Text):
                segments[-1].append(child.text)
            elif _dropped(child):
                continue
            elif child.tag in _BLOCKS or child.tag in ("br", "table"):
                segments.append([])
                visit(child)
                segments.append([])
            else:
                visit(child)

    visit(cell)
    return "".join(collapse("".join(segment)) for segment in segments)


# ---------------------------------------------------------------------------------------------
# Finding the report in a page

_HEADING = re.compile(
    r"\s*[一二三四五六七八]\s*[、.,，:：]?\s*"
    r"(?:总体情况|概述|主动公开|收到和处理|依申请公开|(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议"
    r"|行政复议|(?:政府信息公开工作)?存在(?:的)?(?:主要)?问题|其他需要报告)"
)
# Labels only the report's own tables carry (a 司法局 menu may well say 行政复议).
_TABLE_LABEL = re.compile(
    r"本年新收政府信息公开申请|申请人情况|第二十条第|本年制发件数|未经复议直接起诉|复议后起诉"
)
# A title names the year (2023年, 2023年度, （2023年）) and 政府信息公开…年度报告, and is not a
# sentence: a short intro paragraph that mentions the report has a comma or a full stop.
_TITLE = re.compile(r"^(?=.*(?:19|20)\d\d)(?=.*政府信息公开.*年度报告)[^,.;，。；]*$")
_NOT_TITLE = re.compile(r"当前位置|您的位置|所在位置|位置[:：]|首页\s*[>»›]")
_TITLE_LOOKBACK = 10
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|ofd)(?:$|[?#])", re.IGNORECASE)
_LAYOUT_CELL_CHARS = 200
_TITLE_MAX = 120


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _report_lines(path: str, root: _Node) -> list[_Line]:
    """The lines of the report body, with the title prepended when it sits just outside it."""
    page = next((n for n in _descendants(root) if n.tag == "body"), root)
    lines = _Lines().walk(page)
    anchors = _anchors(lines)
    if not anchors:
        raise InputError(path, _no_report_message(root))
    body = _common_ancestor(anchors)
    body_lines = lines if body is page else _Lines().walk(body)
    start = _title_index(body_lines)
    if start is None:
        title = _title_before(lines, body) if body is not page else None
        body_lines = [title, *body_lines] if title is not None else body_lines
    else:
        if (
            start > 0
            and _YEAR_FIRST.match(_normal(body_lines[start].text))
            and _is_organ(body_lines[start - 1])
        ):
            start -= 1  # the title set over two lines: 重庆市开州区民政局 / 2024年政府信息公开工作年度报告
        page_title = _title_before(lines, body) if body is not page else None
        body_lines = body_lines[start:]  # what precedes the report's own title is page furniture
        if page_title is not None and not _is_title(body_lines[0]):
            body_lines = [page_title, *body_lines]  # keep the full title the page shows above it
    while body_lines and body_lines[-1].linked:
        body_lines.pop()  # 【打印本页】【关闭窗口】 and the like
    return body_lines


def _no_report_message(root: _Node) -> str:
    """Why no report was found, with a hint when the page points elsewhere for it."""
    message = (
        "网页中没有找到政府信息公开工作年度报告的正文（缺少“一、总体情况”等部分标题，"
        "也没有年报统计表格）。请确认网址或文件是否正确。"
    )
    nodes = list(_descendants(root))
    if any(node.tag in ("iframe", "frame") for node in nodes):
        message += "这个网页嵌入了框架（iframe），正文可能在框架页面中，请打开框架页面的网址再检查。"
    if any(_ATTACHMENT.search(node.attrs.get("href", "")) for node in nodes if node.tag == "a"):
        message += "网页中有附件链接，正文可能在附件（PDF、Word）中，请下载附件后检查。"
    return message


def _anchors(lines: list[_Line]) -> list[_Node]:
    """Nodes the report body must contain: section headings, and tables with the report's labels."""
    anchors: list[_Node] = []
    for line in lines:
        text = _normal(line.text)
        if line.table is None and _HEADING.match(text):
            anchors.append(line.owner)
        elif line.table is not None and _TABLE_LABEL.search(text) and line.table not in anchors:
            anchors.append(line.table)
    return anchors


def _common_ancestor(nodes: list[_Node]) -> _Node:
    """The smallest element holding every node; never a lone heading (its parent instead)."""
    common = nodes[0].ancestors()
    for node in nodes[1:]:
        chain = node.ancestors()
        size = 0
        while size < min(len(common), len(chain)) and common[size] is chain[size]:
            size += 1
        common = common[:size]
    body = common[-1]
    if len(nodes) == 1 and body.tag != "table" and body.parent is not None:
        return body.parent
    return body


def _title_index(lines: list[_Line]) -> int | None:
    """Index of the report title among the lines before the first section heading, if any."""
    for index, line in enumerate(lines):
        if line.table is None and _HEADING.match(_normal(line.text)):
            return None
        if _is_title(line):
            return index
    return None


_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}\s*年")


def _is_organ(line: _Line) -> bool:
    """A short line naming an organ, as the first half of a title set over two lines."""
    text = _normal(line.text)
    return (
        line.table is None
        and not line.linked
        and 2 <= len(text) <= 30
        and not re.search(r"[，。,;；:：]", text)
    )


def _title_before(page_lines: list[_Line], body: _Node) -> _Line | None:
    """The page title (``<h1>…2023年政府信息公开工作年度报告</h1>``) a few lines before the body."""
    start = (body.line, body.column)
    before = [line for line in page_lines if (line.line, line.column) < start]
    for line in reversed(before[-_TITLE_LOOKBACK:]):
        if _is_title(line):
            return line
    return None


def _is_title(line: _Line) -> bool:
    text = _normal(line.text)
    return (
        line.table is None
        and not line.linked
        and len(text) <= _TITLE_MAX
        and _TITLE.search(text) is not None
        and _NOT_TITLE.search(text) is None
    )


# ---------------------------------------------------------------------------------------------
# Entry point


def read_html(path: str, data: bytes) -> Document:
    """Read an HTML page or fragment holding a report; raise InputError if it holds none."""
    text, encoding = decode_html(path, data)
    text = normalise_newlines(text)
    text = text.removeprefix("\ufeff")
    canonical = CanonicalText()
    try:
        lines = _report_lines(path, _parse(text))
    except _TooManyNodes as exc:
        raise InputError(
            path,
            f"网页的元素超过 {_MAX_NODES} 个，不像一份年报页面（年报页面通常只有几千个）。"
            "请确认选择了正确的文件，或把报告正文复制到 .txt 文件后再检查。",
        ) from exc
    except (AssertionError, RecursionError) as exc:
        raise InputError(
            path,
            "网页结构无法解析（标记严重损坏或嵌套过深）。请在浏览器中打开后“另存为”网页，"
            "或把报告正文复制到 .txt 文件后再检查。",
        ) from exc
    for line in lines:
        canonical.add(line.text, line.line, line.column)
    published = page_date(_TAG.sub(" ", text))  # the page's 发布日期/发布时间, outside the report body
    return canonical.document(
        path, encoding, "html", tuple(text.split("\n")), (published, "page" if published else "")
    )


_TAG = re.compile(r"<[^<>]*>")  # no "<" inside: a run of unclosed "<a" stays linear (5 M of them took 20 s)
