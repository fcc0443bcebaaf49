"""PDF reader: a published report PDF (made from Word or WPS, with a text layer) → canonical `|`-cell text.

Engine: PDFium (pypdfium2) parses the page and gives its characters (box, font, size) and the
straight segments of its paths (giplint/readers/_pdfium.py); the table finder (pdfplumber's
steps, giplint/readers/_ruled.py) works from the ruling lines that Word and WPS draw around
every table cell, which is what gives the cells of the report's tables (merged cells included)
rather than a guess from text positions, and the characters are grouped into words and lines
as pdfplumber does (giplint/readers/_pdf_words.py). Neither pdfplumber nor pdfminer is
imported. All of it runs in a bounded child process (giplint/readers/_bounded.py), imported
only here, when a .pdf is read.

What the reader does, page by page (the modules named do it):

- folds the Kangxi radicals and CJK compatibility ideographs that PDF fonts emit for ordinary
  characters (``⼀`` U+2F00 for 一, ``⾏`` for 行) before anything else looks at the text
  (giplint/readers/_pdf_page.py, which reads one page);
- finds the ruled tables (at least two columns: a single ruled column is a shaded or boxed
  paragraph, read as text), and reads the text outside them line by line in reading order;
- drops page furniture in the top and bottom margins (``- 3 -``, ``第3页``, ``第 3 页 共 6 页``);
- joins a table continued on the next page into one (the repeated header rows, if any, dropped;
  the part of a merged label cell that flowed onto the next page added back to its label, and
  the rest of a row the page break cut joined into that row, not read as a row of its own:
  giplint/readers/_pdf_join.py);
- joins wrapped lines into paragraphs (a paragraph starts indented, or after a short line), also
  across a page break, so that a sentence the page wrapped is one sentence, and emits each table
  cell once, at its top-left, in row order: the same lowering as the Word reader
  (giplint/readers/_pdf_lower.py).

Positions: a paragraph line is ``第3页第12行`` (lines of text counted from the top of the page,
table rows included); a cell is ``第4页 第2个表格第5行第3列`` (the table's order on that page, the
row and column within that page's part of it). A PDF without a text layer (a scan) goes to OCR
(giplint/readers/ocr.py, the giplint[ocr] extra). A table drawn without ruling lines is read
from the text layer's positions (giplint/readers/_pdf_rows.py: rows put together, figures given
to the label they are printed beside, a row cut by a page break joined). Not read: text in
floating boxes.
"""

from __future__ import annotations

import ctypes
from typing import Any

from giplint.published import pdf_date
from giplint.readers import _bounded, _pdfium  # _pdfium imports pypdfium2 only on use
from giplint.readers._canon import CanonicalText
from giplint.readers._pdf_join import join_tables
from giplint.readers._pdf_lower import lower
from giplint.readers._pdf_page import Page, fold_characters, read_page
from giplint.readers._pdf_rows import join_text_rows
from giplint.source import Document, InputError
from giplint.span import Origin

__all__ = ["engine", "fold_characters", "read_canonical", "read_pdf"]

MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 300

MSG_SCANNED = "这是扫描件，没有文字层；请用原始的 Word 文件或带文字的 PDF 检查。"
MSG_ENCRYPTED = "这个 PDF 设置了打开密码（已加密），无法读取。请提供未加密的 PDF 或原始的 Word 文件。"
MSG_CORRUPT = (
    "PDF 文件已损坏或不完整（可能下载中断），无法读取。请重新下载或重新导出 PDF，或改用原始的 Word 文件。"
)
MSG_TOO_BIG = (
    f"PDF 超过 {MAX_BYTES // (1024 * 1024)} MB，不像一份年报，未检查。请确认选择了正确的文件，"
    "或改用原始的 Word 文件。"
)
MSG_TOO_COMPLEX = (
    "PDF 第 {page} 页的内容过多（字符、线条或嵌套对象超过上限），不像一份年报，未检查。"
    "请确认选择了正确的文件，或重新导出 PDF，或改用原始的 Word 文件。"
)
MSG_TOO_LONG = (
    f"PDF 共 {{pages}} 页，超过 {MAX_PAGES} 页，不像一份年报，未检查。请确认选择了正确的文件，"
    "或只导出年报部分。"
)

_LIMITS = "请重新导出 PDF，或改用原始的 Word 文件。"
_REFUSED = {
    "time": f"读取这个 PDF 超过 {_bounded.TIME_LIMIT:g} 秒仍未完成（文件结构异常，或被刻意构造），已停止，未检查。"
    + _LIMITS,
    "memory": f"读取这个 PDF 需要的内存超过 {_bounded.MEMORY_LIMIT >> 30} GB 上限（文件结构异常，如压缩炸弹），"
    "已停止，未检查。" + _LIMITS,
    "crash": f"读取这个 PDF 时 PDF 引擎异常退出（多为超出 {_bounded.MEMORY_LIMIT >> 30} GB 内存上限或文件结构异常），"
    "未检查。" + _LIMITS,
}


# ---------------------------------------------------------------------------------------------
# Entry point


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF report with a text layer; raise InputError for anything else (scan, password …).

    The PDF is parsed in a child process under a time and a memory bound (giplint/readers/
    _bounded.py): a hostile PDF costs at most TIME_LIMIT seconds and MEMORY_LIMIT bytes, and
    an engine crash costs this file only."""
    if len(data) > MAX_BYTES:
        raise InputError(path, MSG_TOO_BIG)
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "文件扩展名是 .pdf，但内容不是 PDF。请确认选择了正确的文件。")
    if b"%%EOF" not in data:  # cut short (an interrupted download): PDFium would read a part of it
        raise InputError(path, MSG_CORRUPT)
    engine()
    try:
        answer = _bounded.run("giplint.readers.pdf:read_canonical", path, data)
    except _bounded.Refused as refused:
        raise InputError(path, _REFUSED[refused.reason]) from refused
    if "message" in answer:
        if answer["message"] == MSG_SCANNED:  # no text layer: OCR when the extra is installed
            from giplint.readers.ocr import read_scan

            return read_scan(path, data, MSG_SCANNED)
        raise InputError(path, answer["message"])
    if "error" in answer:  # a bug in the reader, not a property of the file: an internal error
        name, message = answer["error"]
        raise RuntimeError(f"{name}: {message}")
    lines = tuple(answer["lines"])
    created = pdf_date(answer.get("created", ""))  # the Info dictionary's CreationDate
    return Document(
        path=path,
        text="".join(line + "\n" for line in lines),
        encoding="pdf",
        source_format="pdf",
        origins=tuple(Origin(*origin) for origin in answer["origins"]),
        source_lines=lines,
        published=created,
        published_from="pdf" if created else "",
    )


def read_canonical(path: str, data: bytes) -> dict[str, Any]:
    """The work done in the child: the PDF's canonical lines and their origins, as JSON values
    (``{"message": …}`` when the file cannot be read as a report)."""
    try:
        pages, created = _read_pages(path, data)
        if not any(page.blocks for page in pages):
            raise InputError(path, MSG_SCANNED)
    except InputError as exc:
        return {"message": exc.message}
    join_tables(pages)
    join_text_rows(pages)
    canonical = CanonicalText()
    lower(pages, canonical)
    origins = [[o.offset, o.line, o.column, o.location, o.page] for o in canonical.origins]
    return {"lines": list(canonical.lines), "origins": origins, "created": created}


def _meta_text(raw: Any, pdf: Any, key: bytes) -> str:
    """One entry of the PDF's Info dictionary (PDFium gives it as UTF-16LE), or ""."""
    size = raw.FPDF_GetMetaText(pdf, key, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDF_GetMetaText(pdf, key, buffer, size)
    return buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\x00")


def engine() -> None:
    """Import the PDF engine: PDFium (pypdfium2) and the table finder. Done in the parent before
    the child is forked, so a run pays for the import once, not per PDF."""
    import pypdfium2.raw  # noqa: F401

    import giplint.readers._ruled  # noqa: F401


def _read_pages(path: str, data: bytes) -> tuple[list[Page], str]:
    """The pages, and the Info dictionary's CreationDate as written ("" when absent)."""
    from pypdfium2 import raw

    buffer = ctypes.create_string_buffer(data, len(data))  # PDFium reads it in place: kept alive
    pdf = raw.FPDF_LoadMemDocument64(buffer, len(data), None)
    if not pdf:
        error = raw.FPDF_GetLastError()
        raise InputError(path, MSG_ENCRYPTED if error == raw.FPDF_ERR_PASSWORD else MSG_CORRUPT)
    try:
        count = raw.FPDF_GetPageCount(pdf)  # the page tree only: no page content is parsed yet
        if count > MAX_PAGES:
            raise InputError(path, MSG_TOO_LONG.format(pages=count))
        pages = []
        for index in range(count):
            try:
                page = _pdfium.read_page(pdf, index)
            except _pdfium.TooComplex as exc:
                raise InputError(path, MSG_TOO_COMPLEX.format(page=exc.page)) from exc
            except ValueError as exc:
                raise InputError(path, MSG_CORRUPT) from exc
            pages.append(read_page(index + 1, page))
        return pages, _meta_text(raw, pdf, b"CreationDate")
    finally:
        raw.FPDF_CloseDocument(pdf)
