"""Word reader: a .docx report → canonical `|`-cell text; an encrypted file → a clear error.

.doc, .wps and .rtf are converted to .docx by LibreOffice first (readers/office.py).

python-docx opens the package (zip, content types, the relationship that names the main document
part, which is not always word/document.xml). The body is then walked on its XML, not through
python-docx's Paragraph.text, because that text drops runs a reader of the report does see:
tracked insertions (``w:ins``), inline content controls (``w:sdt``) and smart tags. Body-level
content controls are entered as well, and Word's automatic list numbers (``一、`` ``（一）``
``1.`` generated from numbering.xml, not typed) are rendered, since section headings often carry
their ordinal only that way.

A merged cell is emitted once, at its top-left cell: a horizontal merge is one ``w:tc`` with
``w:gridSpan``; the cells below a vertical merge carry ``w:vMerge`` (continue) and are skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from giplint.readers._bounded import walk_or_refuse
from giplint.readers._canon import CanonicalText, NearestHeading, cell_line, collapse, typed_heading
from giplint.readers._numbering import Numbering
from giplint.source import MAX_TEXT_BYTES, Document, InputError

if TYPE_CHECKING:
    from docx.opc.part import Part
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_VAL = _W + "val"
# Subtrees whose text a reader does not see in the paragraph: deleted revisions, the fallback
# copy of alternate content (the chosen copy is read), text boxes (floating, read out of order),
# run and paragraph properties.
_SKIPPED = frozenset(
    {_W + "del", _W + "moveFrom", _MC + "Fallback", _W + "txbxContent", _W + "rPr", _W + "pPr"}
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# Bounds on what a hostile package may cost. Every XML part (python-docx parses them, and the main
# part may have any name the relationships give it) is limited, as is the whole package unpacked
# and the text taken out of the body: a real report's document.xml is a few MB.
_MAX_XML_BYTES = 32 * 2**20
_MAX_PACKAGE_BYTES = 256 * 2**20
_MAX_TEXT_CHARS = MAX_TEXT_BYTES
# A report's package has a few dozen members; each costs zipfile a ZipInfo before anything is read.
_MAX_MEMBERS = 10_000
# Members are unpacked once in chunks of this size to check them: zipfile trusts the declared size
# and otherwise inflates a member in one call (a 3 MB file that claims 30 KB took 2.1 GB).
_CHUNK = 2**20
_MSG_TOO_LARGE = (
    "这个 Word 文档解压后过大（正文部分超过 {xml} MB，或全部超过 {package} MB），不像一份年报。"
    "请确认选择了正确的文件。"
)

_MSG_ENCRYPTED = (
    "这个 Word 文档设置了打开密码（已加密），无法读取。请在 Word 或 WPS 中打开，"
    "取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后重新保存为 .docx 再检查。"
)
_MSG_DOC = (
    "这是旧版 Word 二进制文档（.doc），无法直接读取。请在 Word 或 WPS 中打开，"
    "“另存为” Word 文档（.docx）后再检查；也可以用命令 "
    "libreoffice --headless --convert-to docx 文件.doc 转换。"
)
_MSG_CORRUPT = "文件已损坏，或不是 Word 文档（.docx）。请在 Word 或 WPS 中打开并重新“另存为” .docx 后再检查。"


# ---------------------------------------------------------------------------------------------
# Entry points


def read_docx(path: str, data: bytes, *, source_format: str = "docx") -> Document:
    """Read a .docx report; raise InputError for anything that is not a readable Word document.

    `source_format` names what the user's file was when LibreOffice converted it (doc, wps, rtf:
    readers/office.py)."""
    body, numbering = _open(path, data)
    canonical = CanonicalText()
    walk_or_refuse(
        path,
        lambda: _Walker(canonical, numbering, _MAX_TEXT_CHARS, Pages(body)).body(body),
        lambda: canonical.text,
        (
            _TooMuchText,
            (
                f"这个 Word 文档的文字超过 {_MAX_TEXT_CHARS // 2**20} MB，不像一份年报（年报通常不到 1 MB）。"
                "请确认选择了正确的文件。"
            ),
        ),
        _MSG_CORRUPT,
        "这个 Word 文档中没有可读取的文字（可能只有图片或扫描件）。"
        "请提供含文字的 .docx，或把报告正文复制为文字后再检查。",
    )
    return canonical.document(path, "docx", source_format)


# ---------------------------------------------------------------------------------------------
# Opening


def _open(path: str, data: bytes) -> tuple[_Element, Numbering]:
    """The body element and the numbering definitions, or an InputError naming what to do."""
    if data.startswith(_OLE2):
        raise InputError(path, _MSG_ENCRYPTED if _ENCRYPTED_STREAM in data else _MSG_DOC)
    if not data.strip():
        raise InputError(path, "文件为空，没有可检查的年报内容。请确认选择了正确的文件。")
    if data.lstrip()[:1] == b"<":
        raise InputError(
            path, "文件扩展名是 .docx，但内容是网页（HTML）或文本。请把扩展名改为 .html 后再检查。"
        )
    _check_zip(path, data)
    _check_members(path, data)
    try:
        import docx  # imported here: lxml is not needed by the text and HTML readers
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        document = docx.Document(io.BytesIO(data))
        part = document.part
        numbering = Numbering(_related_xml(part, RT.NUMBERING), _related_xml(part, RT.STYLES))
        return document.element.body, numbering
    except InputError:
        raise
    except ValueError as exc:
        if "content type" in str(exc):  # python-docx: a macro-enabled document or a template
            raise InputError(
                path,
                "这是启用宏的 Word 文档（.docm）或模板（.dotx），不是普通 .docx。"
                "请在 Word 或 WPS 中“另存为” Word 文档（.docx）后再检查。",
            ) from exc
        raise InputError(path, _MSG_CORRUPT) from exc
    except Exception as exc:  # python-docx/lxml raise many types for a damaged package
        raise InputError(path, _MSG_CORRUPT) from exc


def _check_zip(path: str, data: bytes) -> None:
    """Name the common wrong files (Excel, PowerPoint, WPS/ODF, a broken zip) before parsing."""
    if data.count(b"PK\x01\x02") > _MAX_MEMBERS:  # central directory entries, before zipfile lists them
        raise InputError(path, _MSG_CORRUPT)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            main = _main_part_name(archive) or "word/document.xml"
    except (zipfile.BadZipFile, ValueError, OSError, zlib.error, EOFError, NotImplementedError) as exc:
        raise InputError(path, _MSG_CORRUPT) from exc
    if "xl/workbook.xml" in infos:
        raise InputError(path, "这是 Excel 表格（.xlsx），不是 Word 文档。请提供年报的 .docx 或网页文件。")
    if "ppt/presentation.xml" in infos:
        raise InputError(path, "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档。请提供年报的 .docx。")
    if "content.xml" in infos and "mimetype" in infos:
        raise InputError(
            path, "文件扩展名是 .docx，但内容是 OpenDocument 文档（.odt）。请把扩展名改为 .odt 后再检查。"
        )
    if main not in infos and not any(re.fullmatch(r"word/document\d*\.xml", name) for name in infos):
        raise InputError(
            path,
            "文件是压缩包，但其中没有 Word 正文（word/document.xml），不是有效的 .docx。"
            "请在 Word 或 WPS 中重新“另存为” .docx 后再检查。",
        )
    too_large = (
        any(info.file_size > _MAX_XML_BYTES for name, info in infos.items() if _is_xml(name) or name == main)
        or sum(info.file_size for info in infos.values()) > _MAX_PACKAGE_BYTES
    )
    if too_large:  # python-docx loads every part into memory and parses the XML ones
        raise InputError(
            path, _MSG_TOO_LARGE.format(xml=_MAX_XML_BYTES // 2**20, package=_MAX_PACKAGE_BYTES // 2**20)
        )


def _check_members(path: str, data: bytes) -> None:
    """Unpack every member in bounded chunks, checking its CRC and the limits on what it really
    holds (not what it declares), so that python-docx only ever reads a package that fits."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                limit = _MAX_XML_BYTES if _is_xml(info.filename) else _MAX_PACKAGE_BYTES
                size = 0
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limit or total > _MAX_PACKAGE_BYTES:
                            raise InputError(
                                path,
                                _MSG_TOO_LARGE.format(
                                    xml=_MAX_XML_BYTES // 2**20, package=_MAX_PACKAGE_BYTES // 2**20
                                ),
                            )
    except InputError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, zlib.error, EOFError, NotImplementedError) as exc:
        raise InputError(path, _MSG_CORRUPT) from exc


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _main_part_name(archive: zipfile.ZipFile) -> str | None:
    """The main document part the package relationships name (``word/main.xml`` is legal), read
    without parsing more than the small ``_rels/.rels`` (entities not expanded)."""
    from lxml import etree

    try:
        info = archive.getinfo("_rels/.rels")
        if info.file_size > 2**20:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        with archive.open(info) as member:  # bounded: the declared size may lie
            content = member.read(2**20 + 1)
        if len(content) > 2**20:
            return None
        root = etree.fromstring(content, parser)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, OSError, zlib.error, EOFError):
        return None
    for relationship in root:
        if str(relationship.get("Type", "")).endswith("/officeDocument"):
            return str(relationship.get("Target", "")).lstrip("/") or None
    return None


def _related_xml(part: Part, reltype: str) -> _Element | None:
    try:
        element: _Element = part.part_related_by(reltype).element  # type: ignore[attr-defined]
        return element
    except (KeyError, AttributeError):
        return None


# ---------------------------------------------------------------------------------------------
# Walking the body


class _TooMuchText(Exception):
    """The body holds more text than any report: stop walking instead of building it all."""


class _Walker:
    """Body blocks in order → canonical lines, with locations an editor can find in Word, which
    shows no paragraph numbers: the page where the document states its pages (第2页第3段), else
    the nearest heading (“一、总体情况”后第2段); a cell is 第3个表格第5行第2列 (with its page)."""

    def __init__(self, canonical: CanonicalText, numbering: Numbering, max_chars: int, pages: Pages) -> None:
        self._out = canonical
        self._numbering = numbering
        self._tables = 0
        self._room = max_chars
        self._pages = pages
        self._page = 1 if pages.kind else 0  # 0: the document states no pages
        self._on_page = 0  # paragraphs with text on the current page
        self._nearest = NearestHeading()

    def body(self, body: _Element) -> None:
        for block in _blocks(body):
            if block.tag == _P:
                self._paragraph(block)
            else:
                self._table(block)

    def _paragraph(self, p: _Element) -> None:
        text = self._paragraph_text(p)
        before, after = self._pages.breaks(p)
        self._turn(before)
        if text:
            self._on_page += 1
            where = self._nearest.place(text, _is_heading(p, text))
            self._add(text, f"第{self._page}页第{self._on_page}段" if self._page else where)
        self._turn(after)

    def _turn(self, pages: int) -> None:
        if pages and self._page:
            self._page += pages
            self._on_page = 0

    def _table(self, tbl: _Element) -> None:
        self._tables += 1
        for row, column, tc in _cells(tbl):
            paragraphs = list(_cell_paragraphs(tc))
            page = self._page  # a cell is on the page where it starts
            for p in paragraphs:
                self._turn(sum(self._pages.breaks(p)))
            text = "".join(self._paragraph_text(p) for p in paragraphs)
            cell = f"第{self._tables}个表格第{row}行第{column}列"
            self._add(cell_line(text), f"第{page}页，{cell}" if page else cell)

    def _add(self, line: str, location: str) -> None:
        # The line of a Word origin is the canonical line itself: Document.lines shows canonical
        # lines for Word, so an excerpt under a diagnostic is the line it points at.
        self._room -= len(line) + 1
        if self._room < 0:
            raise _TooMuchText
        self._out.add(line, len(self._out) + 1, 1, location, self._page)

    def _paragraph_text(self, p: _Element) -> str:
        label = self._numbering.label(p)
        pieces: list[str] = []
        _run_text(p, pieces)
        return collapse(label + "".join(pieces))


_LRPB, _BR, _PPR = _W + "lastRenderedPageBreak", _W + "br", _W + "pPr"
_TYPE = _W + "type"


class Pages:
    """How the document states its pages: `kind` "rendered" (Word saved where each page began:
    ``w:lastRenderedPageBreak``), "explicit" (only page breaks typed by the author: ``w:br
    w:type="page"``, 段前分页, section breaks), or "" (no page can be told without laying it out)."""

    def __init__(self, body: _Element) -> None:
        if next(body.iter(_LRPB), None) is not None:
            self.kind = "rendered"
        elif any(_explicit(element) for element in body.iter(_BR, _W + "pageBreakBefore", _W + "sectPr")):
            self.kind = "explicit"
        else:
            self.kind = ""

    def breaks(self, p: _Element) -> tuple[int, int]:
        """Page breaks of paragraph `p` (before its first text, after it): a paragraph is on the
        page where its text begins."""
        if not self.kind:
            return 0, 0
        before = after = 0
        seen_text = False
        for element in p.iter(_W + "t", _LRPB, _BR, _W + "pageBreakBefore", _W + "sectPr"):
            tag = element.tag
            if tag == _W + "t":
                seen_text = seen_text or bool(element.text)
                continue
            if (tag == _LRPB) != (self.kind == "rendered") or (tag != _LRPB and not _explicit(element)):
                continue
            if tag == _W + "sectPr" or (seen_text and tag != _W + "pageBreakBefore"):
                after += 1  # a section break ends its paragraph
            else:
                before += 1
        return before, after


def _explicit(element: _Element) -> bool:
    """A page break the author typed: 分页符, 段前分页, or a section break to a new page."""
    tag = element.tag
    if tag == _BR:
        return element.get(_TYPE) == "page"
    if tag == _W + "pageBreakBefore":
        return element.get(_VAL, "true") not in ("0", "false", "off")
    if tag == _W + "sectPr":  # in a paragraph's properties: the section ends there
        parent = element.getparent()
        kind = element.find(_TYPE)
        return parent is not None and parent.tag == _PPR and (kind is None or kind.get(_VAL) != "continuous")
    return False


def _is_heading(p: _Element, text: str) -> bool:
    """A heading an editor can search for: an outline level or heading style, or 一、/（一） at the
    start of a short paragraph."""
    properties = p.find(_PPR)
    if properties is not None:
        level = properties.find(_W + "outlineLvl")
        style = properties.find(_W + "pStyle")
        if level is not None and level.get(_VAL, "9") not in ("9",):
            return True
        if style is not None and re.search(r"(?i)heading|标题|title", style.get(_VAL, "")):
            return True
    return typed_heading(text)


def _blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of a body or cell, entering content controls and custom XML."""
    for child in container:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif tag == _CUSTOM_XML:
            yield from _blocks(child)


def _run_text(element: _Element, pieces: list[str]) -> None:
    """The visible text of a paragraph, in order (hidden runs, deletions and field codes left out)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _W + "t":
            pieces.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            pieces.append(" ")
        elif tag == _W + "noBreakHyphen":
            pieces.append("-")
        elif tag == _W + "r" and _hidden(child):
            continue
        else:
            _run_text(child, pieces)


def _hidden(run: _Element) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


def _cells(tbl: _Element) -> Iterator[tuple[int, int, _Element]]:
    """(row, grid column, w:tc) of each cell that starts a merge or is unmerged; 1-based."""
    for row, tr in enumerate(_rows(tbl), start=1):
        column = _int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        for tc in _row_cells(tr):
            span = _int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
            if not _continues_merge(tc):
                yield row, column + 1, tc
            column += max(span, 1)


def _rows(tbl: _Element) -> Iterator[_Element]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _rows(inner)


def _row_cells(tr: _Element) -> Iterator[_Element]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _row_cells(inner)


def _continues_merge(tc: _Element) -> bool:
    """A cell under a vertical merge (``<w:vMerge/>`` with no value means continue) or the
    legacy horizontal ``w:hMerge`` continuation: its text belongs to the merge origin."""
    for name in ("vMerge", "hMerge"):
        merge = tc.find(f"{_W}tcPr/{_W}{name}")
        if merge is not None and merge.get(_VAL, "continue") == "continue":
            return True
    return False


def _cell_paragraphs(tc: _Element) -> Iterator[_Element]:
    """Every paragraph of a cell, those of nested tables included, in reading order."""
    for block in _blocks(tc):
        if block.tag == _P:
            yield block
        else:
            for _row, _column, inner in _cells(block):
                yield from _cell_paragraphs(inner)


def _int(element: _Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default
