"""HTML reader: a published report page (or its body) → canonical `|`-cell text.

Why the standard library's `html.parser` and not BeautifulSoup or lxml: a diagnostic must point
at the line *and column* of a cell's ``<td>`` in the user's HTML, and `HTMLParser.getpos()` gives
exactly that for every tag and text run; lxml keeps only the line, and BeautifulSoup over
html.parser adds nothing we need while still leaving unclosed ``<td>``/``<p>`` nested. The small
tree builder (giplint/readers/_html_parse.py, with the decoding) closes those implied end tags
itself (the HTML rules for p, li, td, tr …),
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

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from giplint.published import page_date
from giplint.readers import _html_parse
from giplint.readers._canon import CanonicalText, cell_line, collapse
from giplint.readers._html_parse import Node, Text, TooManyNodes, decode_html, parse_page, words
from giplint.source import Document, InputError, normalise_newlines

# ---------------------------------------------------------------------------------------------
# Lines

_DROPPED = words(
    "head title script style noscript template iframe frame frameset object embed applet svg"
    " math canvas audio video map nav aside footer button select textarea input"
)
_BLOCKS = words(
    "address article blockquote body center dd details dialog dir div dl dt fieldset"
    " figcaption figure form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p pre"
    " section summary ul caption tr td th thead tbody tfoot legend #document"
)
# In these a <br> is a soft break inside one paragraph; elsewhere (text typed straight into a
# <div>) it is the only thing that separates paragraphs.
_PARAGRAPHS = words("p h1 h2 h3 h4 h5 h6 li dt dd caption td th legend summary")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _dropped(node: Node) -> bool:
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
    owner: Node  # the block or table cell the line belongs to
    table: Node | None  # for a cell line, its table
    linked: bool  # all its text sits inside <a>: a menu or a list of links, never the title


class _Lines:
    """Walks a tree into `_Line`s: blocks and paragraphs one line each, data-table cells one each."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self._pieces: list[str] = []
        self._start: tuple[int, int] | None = None
        self._owner: Node | None = None
        self._linked = True
        self._block_start: tuple[int, int] | None = None

    def walk(self, node: Node) -> list[_Line]:
        self._visit(node, node, in_link=False)
        self._flush()
        return self.lines

    def _visit(self, node: Node | Text, block: Node, in_link: bool) -> None:
        if isinstance(node, Text):
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

    def _add_text(self, text: Text, block: Node, in_link: bool) -> None:
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

    def _table(self, table: Node) -> None:
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


def _first_visible(text: Text) -> tuple[int, int]:
    """Position of the first non-blank character of a text run (source columns are 1-based)."""
    lead = len(text.text) - len(text.text.lstrip())
    skipped = text.text[:lead]
    breaks = skipped.count("\n")
    if not breaks:
        return text.line, text.column + lead
    return text.line + breaks, lead - skipped.rfind("\n")


def _children(node: Node, tag: str) -> Iterator[Node]:
    return (child for child in node.children if isinstance(child, Node) and child.tag == tag)


def _cells(table: Node) -> Iterator[Node]:
    """The table's own cells in source order (row-major), not those of tables nested in them."""
    for child in table.children:
        if not isinstance(child, Node) or _dropped(child):
            continue
        if child.tag in ("td", "th"):
            yield child
        elif child.tag != "table":
            yield from _cells(child)


def _is_layout(table: Node, cells: list[Node]) -> bool:
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


def _descendants(node: Node) -> Iterator[Node]:
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from _descendants(child)


def _own_text(node: Node) -> str:
    return "".join(child.text for child in node.children if isinstance(child, Text))


def _cell_text(cell: Node) -> str:
    """A cell's text: each paragraph inside it folded, joined with nothing (商业 / 企业 → 商业企业)."""
    segments: list[list[str]] = [[]]

    def visit(node: Node) -> None:
        for child in node.children:
            if isinstance(child, Text):
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


def _report_lines(path: str, root: Node) -> list[_Line]:
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


def _no_report_message(root: Node) -> str:
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


def _anchors(lines: list[_Line]) -> list[Node]:
    """Nodes the report body must contain: section headings, and tables with the report's labels."""
    anchors: list[Node] = []
    for line in lines:
        text = _normal(line.text)
        if line.table is None and _HEADING.match(text):
            anchors.append(line.owner)
        elif line.table is not None and _TABLE_LABEL.search(text) and line.table not in anchors:
            anchors.append(line.table)
    return anchors


def _common_ancestor(nodes: list[Node]) -> Node:
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


def _title_before(page_lines: list[_Line], body: Node) -> _Line | None:
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
        lines = _report_lines(path, parse_page(text))
    except TooManyNodes as exc:
        raise InputError(
            path,
            f"网页的元素超过 {_html_parse.MAX_NODES} 个，不像一份年报页面（年报页面通常只有几千个）。"
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
