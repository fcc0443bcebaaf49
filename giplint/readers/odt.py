"""OpenDocument text reader: a .odt report (LibreOffice, WPS, Word's "save as ODF") → canonical
`|`-cell text.

An .odt is a zip like a .docx: ``content.xml`` holds the body (``office:text``). It is read
directly with lxml, bounded as the Word reader is: each XML part and the package unpacked are
limited before anything is parsed, entities are not expanded, nothing is fetched, the text taken
out is limited, and a repeated cell or row (``table:number-columns-repeated``) counts against a
bound instead of being multiplied.

Paragraphs (``text:p``) and headings (``text:h``) are lines, lists and sections are entered, and
tables are cells: a merged cell (``table:number-columns-spanned`` / ``-rows-spanned``) is
emitted once, at its top-left position; the ``table:covered-table-cell`` elements it covers are
skipped but keep their columns. What a reader of the page does not see is left out: deleted
tracked changes, notes, comments, frames and text boxes (floating, read out of order), the
generated table of contents and hidden text. Positions are as for Word: “一、总体情况”后第2段,
第3个表格第5行第2列.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from giplint.readers._bounded import walk_or_refuse
from giplint.readers._canon import CanonicalText, NearestHeading, cell_line, collapse, typed_heading
from giplint.source import MAX_TEXT_BYTES, Document, InputError

if TYPE_CHECKING:
    from lxml.etree import _Element

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_P, _H = _TEXT + "p", _TEXT + "h"
_TBL, _ROW, _CELL, _COVERED = _TABLE + "table", _TABLE + "table-row", _TABLE + "table-cell", _TABLE + "covered-table-cell"
# Containers of body blocks (entered) and of table rows.
_BLOCK_CONTAINERS = frozenset(
    {_TEXT + "list", _TEXT + "list-item", _TEXT + "list-header", _TEXT + "section", _TEXT + "soft-page-break"}
)
_ROW_CONTAINERS = frozenset(
    {_TABLE + "table-header-rows", _TABLE + "table-rows", _TABLE + "table-row-group"}
)
# Inside a paragraph: subtrees whose text is not on the page where the paragraph is.
_SKIPPED = frozenset(
    {
        _TEXT + "note", _TEXT + "tracked-changes", _OFFICE + "annotation", _OFFICE + "annotation-end",
        _TEXT + "hidden-text", _TEXT + "hidden-paragraph", _TEXT + "ruby-text",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}custom-shape",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}a",
    }
)  # fmt: skip
_MIMETYPES = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
    "application/vnd.oasis.opendocument.text-master",
)
# Bounds, as for a .docx (readers/docx.py): a real report's content.xml is well under 1 MB.
_MAX_XML_BYTES = 32 * 2**20
_MAX_PACKAGE_BYTES = 256 * 2**20
_MAX_TEXT_CHARS = MAX_TEXT_BYTES
_MAX_CELLS = 200_000  # cells of all tables, repeated ones counted: a report has ~500
_MAX_SPACES = 1000  # one text:s element's spaces (text:c)

_MSG_CORRUPT = (
    "文件已损坏，或不是 OpenDocument 文本文档（.odt）。请在 WPS、LibreOffice 或 Word 中打开并重新保存后再检查。"
)
_MSG_ENCRYPTED = (
    "这个 .odt 文档设置了打开密码（已加密），无法读取。请在 LibreOffice 或 WPS 中打开，取消密码后重新保存再检查。"
)
_MSG_TOO_LARGE = (
    "这个 .odt 文档解压后过大（正文部分超过 {xml} MB，或全部超过 {package} MB，或表格超过 {cells} 个单元格），"
    "不像一份年报。请确认选择了正确的文件。"
)


class _TooMuch(Exception):
    """The body holds more text or cells than any report: stop instead of building it all."""


def read_odt(path: str, data: bytes) -> Document:
    """Read an .odt report; raise InputError for anything that is not a readable text document."""
    body = _open(path, data)
    canonical = CanonicalText()
    walk_or_refuse(
        path,
        lambda: _Walker(canonical).blocks(body),
        lambda: canonical.text,
        (
            _TooMuch,
            _MSG_TOO_LARGE.format(
                xml=_MAX_XML_BYTES // 2**20, package=_MAX_PACKAGE_BYTES // 2**20, cells=_MAX_CELLS
            ),
        ),
        _MSG_CORRUPT,
        "这个 .odt 文档中没有可读取的文字（可能只有图片或扫描件）。请提供含文字的文档，或把报告正文复制为文字后再检查。",
    )
    return canonical.document(path, "odt", "odt")


def _open(path: str, data: bytes) -> _Element:
    """The ``office:text`` element of content.xml, or an InputError naming what to do."""
    if not data.strip():
        raise InputError(path, "文件为空，没有可检查的年报内容。请确认选择了正确的文件。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if "word/document.xml" in infos:
                raise InputError(
                    path, "文件扩展名是 .odt，但内容是 Word 文档（.docx）。请把扩展名改为 .docx 后再检查。"
                )
            if "content.xml" not in infos:
                raise InputError(path, _MSG_CORRUPT)
            mimetype = _small(archive, infos.get("mimetype")).decode("ascii", "replace").strip()
            if mimetype and mimetype not in _MIMETYPES:
                kind = "电子表格（.ods）" if "spreadsheet" in mimetype else "演示文稿（.odp）" if "presentation" in mimetype else mimetype
                raise InputError(path, f"这是 OpenDocument {kind}，不是文本文档。请提供年报的 .odt、.docx 或网页文件。")
            if b"encryption-data" in _small(archive, infos.get("META-INF/manifest.xml")):
                raise InputError(path, _MSG_ENCRYPTED)
            content = infos["content.xml"]
            if content.file_size > _MAX_XML_BYTES or sum(i.file_size for i in infos.values()) > _MAX_PACKAGE_BYTES:
                raise InputError(
                    path,
                    _MSG_TOO_LARGE.format(
                        xml=_MAX_XML_BYTES // 2**20, package=_MAX_PACKAGE_BYTES // 2**20, cells=_MAX_CELLS
                    ),
                )
            xml = archive.read(content)
    except InputError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(path, _MSG_CORRUPT) from exc
    from lxml import etree  # imported here: only Word and OpenDocument runs need lxml

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(path, _MSG_CORRUPT) from exc
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise InputError(path, _MSG_CORRUPT)
    return body


def _small(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> bytes:
    """A small member's bytes (mimetype, manifest); b"" when absent or not small."""
    if info is None or info.file_size > 2**20:
        return b""
    return archive.read(info)


class _Walker:
    """Body blocks in order → canonical lines, with locations an editor finds in Writer or WPS:
    the nearest heading (“一、总体情况”后第2段; a ``text:h`` or a typed 一、/（一）) and 第3个表格第5行第2列.
    The file states no pages (Writer lays them out when it opens it), so none is given."""

    def __init__(self, canonical: CanonicalText) -> None:
        self._out = canonical
        self._nearest = NearestHeading()
        self._tables = 0
        self._room = _MAX_TEXT_CHARS
        self._cells = _MAX_CELLS

    def blocks(self, container: _Element) -> None:
        for block in _blocks(container):
            if block.tag == _TBL:
                self._table(block)
                continue
            text = _paragraph_text(block)
            if text:
                self._add(text, self._nearest.place(text, block.tag == _H or typed_heading(text)))

    def _table(self, table: _Element) -> None:
        self._tables += 1
        for row, column, cell in self._grid(table):
            text = "".join(_paragraph_text(p) for p in _cell_paragraphs(cell))
            self._add(cell_line(text), f"第{self._tables}个表格第{row}行第{column}列")

    def _grid(self, table: _Element) -> Iterator[tuple[int, int, _Element]]:
        """(row, column, cell) of each cell that starts a merge or is unmerged; 1-based. A
        repeated row or cell is that many rows or cells, each counted against the bound."""
        row_number = 0
        for tr in _rows(table):
            for _ in range(_repeat(tr, "number-rows-repeated")):
                row_number += 1
                column = 0
                for cell in tr:
                    if cell.tag not in (_CELL, _COVERED):
                        continue
                    for _ in range(_repeat(cell, "number-columns-repeated")):
                        self._cells -= 1
                        if self._cells < 0:
                            raise _TooMuch
                        column += 1
                        if cell.tag == _CELL:
                            yield row_number, column, cell

    def _add(self, line: str, location: str) -> None:
        self._room -= len(line) + 1
        if self._room < 0:
            raise _TooMuch
        self._out.add(line, len(self._out) + 1, 1, location)


def _repeat(element: _Element, attribute: str) -> int:
    try:
        return max(1, min(int(element.get(_TABLE + attribute, "1")), _MAX_CELLS + 1))
    except ValueError:
        return 1


def _blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs, headings and tables of a body, list, section or cell, in order."""
    for child in container:
        tag = child.tag
        if tag in (_P, _H, _TBL):
            yield child
        elif tag in _BLOCK_CONTAINERS:
            yield from _blocks(child)


def _rows(table: _Element) -> Iterator[_Element]:
    for child in table:
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_CONTAINERS:
            yield from _rows(child)


def _cell_paragraphs(cell: _Element) -> Iterator[_Element]:
    """Every paragraph of a cell, those of nested tables included, in reading order."""
    for block in _blocks(cell):
        if block.tag == _TBL:
            for tr in _rows(block):
                for inner in tr:
                    if inner.tag == _CELL:
                        yield from _cell_paragraphs(inner)
        else:
            yield block


def _paragraph_text(p: _Element) -> str:
    pieces: list[str] = []
    _run_text(p, pieces)
    return collapse("".join(pieces))


def _run_text(element: _Element, pieces: list[str]) -> None:
    """The visible text of a paragraph, in order: spans, links, fields' shown values, the
    generated list number (``text:number``), ``text:s`` as that many spaces, a tab as a space."""
    if element.text:
        pieces.append(element.text)
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIPPED:
            if tag == _TEXT + "s":
                try:
                    count = int(child.get(_TEXT + "c", "1"))
                except ValueError:
                    count = 1
                pieces.append(" " * max(1, min(count, _MAX_SPACES)))
            elif tag == _TEXT + "tab":
                pieces.append(" ")
            else:
                _run_text(child, pieces)
        if child.tail:
            pieces.append(child.tail)
