"""Write one report definition (tests/report_defs.py) as a PDF, the way Word prints a report.

reportlab (a test dependency) with its built-in CID font STSong-Light, which needs no font file
and no network: the PDF's text layer is real text. What a Word-made report PDF has is reproduced:
a centred title in a larger size, indented paragraphs wrapped at the margin, ruled tables (a grid
of lines) with merged cells, a long table that flows onto the next page (optionally with its
first row repeated as a header, Word's 标题行重复), and a page number footer ``- N -``.

Also the bad PDFs a reader must refuse: a scan (an image, no text layer), an encrypted file, and
one page too many.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from render_formats import Placed, place
from report_defs import ReportDef

FONT = "STSong-Light"
BODY_SIZE = 11
TITLE_SIZE = 17


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _footer(canvas: object, document: object) -> None:
    """Word's centred page number in the bottom margin."""
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(FONT, 9)  # type: ignore[attr-defined]
    canvas.drawCentredString(297, 30, f"- {document.page} -")  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def write_pdf(
    report: ReportDef,
    path: Path,
    *,
    split: int | None = None,
    repeat_header: bool = False,
    ruled: bool = True,
) -> None:
    """A PDF of the report: title, indented paragraphs, ruled tables, footers on every page.

    `split` breaks the longest table onto a new page before that fraction-of-a-hundred of its
    rows (50: in the middle), as Word does when a table reaches the page end: a cell merged over
    the break is cut in two, its text's first half above the break and the rest below. With
    `repeat_header` the table's header rows are repeated at the top of the next page. With
    `ruled=False` the tables have no ruling lines (cells wrapped and centred as before): only
    the text layer's positions tell the rows apart.
    """
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    _register_font()
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.6,
        firstLineIndent=BODY_SIZE * 2, wordWrap="CJK",
    )  # fmt: skip
    title = ParagraphStyle(
        "title", fontName=FONT, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.5, alignment=TA_CENTER,
        wordWrap="CJK", spaceAfter=6,
    )  # fmt: skip
    tables = [content for kind, content in report if kind == "table"]
    longest = max(tables, key=len) if tables else None
    story: list[object] = []
    for index, (kind, content) in enumerate(report):
        if kind != "table":
            style = title if index == 0 and "年度报告" in str(content) else body
            story.append(Paragraph(_escape(str(content)), style))
            continue
        assert isinstance(content, list)
        placed, width = place(content)
        widths = _column_widths(placed, width, 595 - 144)
        if split is None or content is not longest or len(placed) < 4:
            story.append(_table(placed, widths, range(len(placed)), ruled=ruled))
            continue
        at = max(2, len(placed) * split // 100)
        header = range(_header_rows(placed)) if repeat_header else range(0)
        story += [_table(placed, widths, range(at), cut=at, ruled=ruled), PageBreak()]
        story.append(_table(placed, widths, range(at, len(placed)), header=header, cut=at, ruled=ruled))
    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=72, rightMargin=72, topMargin=64, bottomMargin=64,
        title="report", author="giplint tests",
    )  # fmt: skip
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _header_rows(placed: list[list[Placed]]) -> int:
    """The header block: the first row and the rows its merged cells reach down to."""
    return max((cell.rowspan for cell in placed[0]), default=1)


def _table(
    placed: list[list[Placed]],
    widths: list[float],
    rows: range,
    *,
    header: range = range(0),
    cut: int = -1,
    ruled: bool = True,
) -> object:
    """The ruled table (GRID) of `header` + `rows` of a placed definition, merged cells as SPANs.

    A cell merged across the `cut` row is cut there: above it keeps the first half of its text,
    below it the rest (how a page break divides a Word cell's lines).
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell_style = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    order = list(header) + list(rows)
    position = {row: index for index, row in enumerate(order)}
    grid: list[list[object]] = [["" for _ in widths] for _ in order]
    commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)))
    for source_row in range(len(placed)):
        for cell in placed[source_row]:
            covered = [r for r in range(cell.row, cell.row + cell.rowspan) if r in position]
            if not covered or (cell.row not in position and cell.row in header):
                continue
            text = cell.text
            if cut > 0 and cell.row < cut < cell.row + cell.rowspan and cell.row not in header:
                half = (len(text) + 1) // 2
                text = text[:half] if cell.row in position else text[half:]
            top, bottom = position[covered[0]], position[covered[-1]]
            markup = "<br/>".join(_escape(part) for part in text.split("\n"))
            grid[top][cell.column] = Paragraph(markup, cell_style) if markup else ""
            if bottom > top or cell.colspan > 1:
                commands.append(("SPAN", (cell.column, top), (cell.column + cell.colspan - 1, bottom)))
    return Table(grid, colWidths=widths, style=TableStyle(commands))


def _column_widths(placed: list[list[Placed]], width: int, available: float) -> list[float]:
    """Label columns (those holding long text) wider than number columns, filling the line."""
    longest = [1] * width
    for row in placed:
        for cell in row:
            if cell.colspan == 1:
                longest[cell.column] = max(longest[cell.column], min(len(cell.text), 14))
    weights = [max(length, 3) for length in longest]
    total = sum(weights)
    return [available * weight / total for weight in weights]


# ---------------------------------------------------------------------------------------------
# PDFs a reader must refuse


def scanned_pdf() -> bytes:
    """A 'scan': each page is one image and there is no text at all."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = _grey_png()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(2):
        pdf.drawImage(ImageReader(io.BytesIO(image)), 72, 300, width=400, height=400)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _grey_png() -> bytes:
    """A small PNG written by hand (zlib + struct), so no imaging library is needed."""
    import struct
    import zlib

    width = height = 16
    raw = b"".join(b"\x00" + bytes([(x * y) % 256 for x in range(width)]) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def text_pdf(lines: list[str], *, pages: int = 1, encrypt: str | None = None) -> bytes:
    """Pages of plain lines (optionally with an opening password)."""
    from reportlab.pdfgen import canvas

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for _ in range(pages):
        pdf.setFont(FONT, BODY_SIZE)
        for index, line in enumerate(lines):
            pdf.drawString(72, 760 - index * 18, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def kangxi_pdf(text: str) -> bytes:
    """One line of `text` whose text layer says what `text` says, character for character.

    reportlab maps a Kangxi radical to the CID of the ordinary character, so a PDF whose text
    layer really holds U+2F00 (as some Word/WPS fonts' ToUnicode maps do) is written by hand:
    a Type1 font whose ToUnicode CMap maps byte i to the i-th character of `text`.
    """
    codes = "".join(f"<{index + 1:02X}> <{ord(char):04X}>\n" for index, char in enumerate(text))
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(text)} beginbfchar\n{codes}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")
    shown = "".join(f"{index + 1:02X}" for index in range(len(text)))
    content = f"BT /F1 12 Tf 72 700 Td <{shown}> Tj ET\n".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdfium_pages(data: bytes) -> list[Any]:
    """Every page of a PDF as giplint/readers/_pdfium.py reads it (characters and edges)."""
    import ctypes

    from pypdfium2 import raw

    from giplint.readers import _pdfium

    buffer = ctypes.create_string_buffer(data, len(data))
    pdf = raw.FPDF_LoadMemDocument64(buffer, len(data), None)
    assert pdf
    try:
        return [_pdfium.read_page(pdf, index) for index in range(raw.FPDF_GetPageCount(pdf))]
    finally:
        raw.FPDF_CloseDocument(pdf)
