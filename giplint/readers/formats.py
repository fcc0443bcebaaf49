"""The built-in readers: HTML pages, Word documents and PDF (plain text is the fallback)."""

from __future__ import annotations

from giplint import hookimpl
from giplint.readers import Reader
from giplint.source import Document


def _html(path: str, data: bytes) -> Document:
    from giplint.readers.html import read_html  # imported on use: only HTML runs need it

    return read_html(path, data)


def _docx(path: str, data: bytes) -> Document:
    from giplint.readers.docx import read_docx

    return read_docx(path, data)


def _doc(path: str, data: bytes) -> Document:
    from giplint.readers.docx import read_doc

    return read_doc(path, data)


def _pdf(path: str, data: bytes) -> Document:
    from giplint.readers.pdf import read_pdf  # pdfplumber/pdfminer are imported only for PDFs

    return read_pdf(path, data)


@hookimpl
def giplint_readers() -> list[Reader]:
    return [
        Reader("html", (".html", ".htm", ".shtml", ".xhtml"), _html, text_input=True),
        Reader("docx", (".docx",), _docx),
        Reader("doc", (".doc", ".wps"), _doc),
        Reader("pdf", (".pdf",), _pdf),
    ]
