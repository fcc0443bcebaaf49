"""The built-in readers: HTML pages, Word documents (.docx; .doc/.wps/.rtf through LibreOffice),
OpenDocument text and PDF (plain text is the fallback)."""

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


def _odt(path: str, data: bytes) -> Document:
    from giplint.readers.odt import read_odt

    return read_odt(path, data)


def _converted(path: str, data: bytes) -> Document:
    from giplint.readers.office import read_converted  # LibreOffice → .docx → the Word reader

    return read_converted(path, data)


def _pdf(path: str, data: bytes) -> Document:
    from giplint.readers.pdf import read_pdf  # pypdfium2 is imported only for PDFs

    return read_pdf(path, data)


def _image(path: str, data: bytes) -> Document:
    from giplint.readers.ocr import read_image  # OCR: the optional extra giplint[ocr]

    return read_image(path, data)


@hookimpl
def giplint_readers() -> list[Reader]:
    return [
        Reader("html", (".html", ".htm", ".shtml", ".xhtml"), _html, text_input=True),
        Reader("docx", (".docx",), _docx),
        Reader("odt", (".odt", ".ott"), _odt),
        Reader("doc", (".doc", ".wps", ".rtf"), _converted),
        Reader("pdf", (".pdf",), _pdf),
        Reader("image", (".png", ".jpg", ".jpeg"), _image),
    ]
