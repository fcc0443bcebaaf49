"""Hostile PDFs, written object by object (a few KB each): each one costs a naive reader
unbounded time or memory (issue 21, item 1). The PDF reader must refuse each within its
bounds: one Chinese line naming the file, exit 2, the other files still checked.

`pdf(objects)` lays out numbered objects, a cross-reference table and a trailer; object 1 is
the catalog, 2 the page tree, 3 the one page. Streams are FlateDecode-compressed where that is
what keeps the file small (a content stream that expands to 50 MB or 200 MB).
"""

from __future__ import annotations

import zlib

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of these numbered objects (bodies without ``N 0 obj``/``endobj``)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", *, compress: bool = True) -> bytes:
    data = zlib.compress(content, 9) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s %s >>\nstream\n" % (len(data), flate, extra) + data + b"\nendstream"


def _page(contents: bytes = b"4 0 R", resources: bytes = b"<< /Font << /F1 10 0 R >> >>") -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %s /Resources %s >>"
        % (contents, resources),
        10: _FONT,
    }


def reference_cycle(where: str = "length") -> bytes:
    """5 0 R is 6 0 R, which is 5 0 R (741 bytes in the issue): pdfminer's resolve1 follows it
    forever. `where` the cycle is met: the content stream's /Length, the page's /MediaBox, its
    /Contents, or its font."""
    objects = _page()
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET"
    objects[4] = stream(content, compress=False)
    if where == "length":
        objects[4] = b"<< /Length 5 0 R >>\nstream\n" + content + b"\nendstream"
    elif where == "mediabox":
        objects[3] = objects[3].replace(b"[0 0 595 842]", b"5 0 R")
    elif where == "contents":
        objects[3] = objects[3].replace(b"/Contents 4 0 R", b"/Contents 5 0 R")
    else:
        objects[3] = objects[3].replace(b"/F1 10 0 R", b"/F1 5 0 R")
    objects[5] = b"6 0 R"
    objects[6] = b"5 0 R"
    return pdf(objects)


def nested_forms(depth: int = 8, calls: int = 10) -> bytes:
    """Form XObjects each drawing the next `calls` times, `depth` levels deep: calls**depth
    draws of the innermost form (10**8) from under 3 KB."""
    objects = _page(resources=b"<< /XObject << /X 20 0 R >> /Font << /F1 10 0 R >> >>")
    objects[4] = stream(b"/X Do\n", compress=False)
    for level in range(depth):
        number = 20 + level
        if level + 1 < depth:
            body = b"/X Do\n" * calls
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1)
        else:
            body = b"BT /F1 12 Tf 72 720 Td (x) Tj ET 0 0 m 100 100 l S\n"
            resources = b"/Resources << /Font << /F1 10 0 R >> >>"
        objects[number] = stream(
            body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources, compress=False
        )
    return pdf(objects)


def ruled_grid(size: int = 300) -> bytes:
    """A table ruled `size` × `size` cells, each cell its own stroked rectangle (as Word draws
    cell borders), through two form XObjects: a row of cells and the rows. The table finder
    meets `size`² rectangles and intersects their edges."""
    step = 500 / size
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
    objects = _page(resources=b"<< /XObject << /R 21 0 R >> /Font << /F1 10 0 R >> >>")
    grid = b"BT /F1 12 Tf 60 560 Td (grid) Tj ET 0.1 w 1 0 0 1 50 50 cm\n"
    objects[4] = stream(grid + b"/R Do 1 0 0 1 0 %.3f cm\n" % step * size)
    objects[20] = stream(b"0 0 %.3f %.3f re S\n" % (step, step), form)
    objects[21] = stream(
        b"q " + b"/C Do 1 0 0 1 %.3f 0 cm\n" % step * size + b"Q", form + b"/Resources << /XObject << /C 20 0 R >> >>"
    )
    return pdf(objects)


def repeated(block: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    """zlib data of `head` + `block` × `times` + `tail`, built without compressing it all: each
    block is compressed once after a full flush, so its compressed bytes repeat as they are."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(tail) + compressor.flush()
    checksum = zlib.adler32(head)
    for _ in range(times):
        checksum = zlib.adler32(block, checksum)
    checksum = zlib.adler32(tail, checksum)
    return b"\x78\xda" + first + piece * times + last + checksum.to_bytes(4, "big")


def _flate(data: bytes) -> bytes:
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"


def huge_string(megabytes: int = 50) -> bytes:
    """One ``Tj`` of `megabytes` MB: millions of characters on one page."""
    objects = _page()
    objects[4] = _flate(repeated(b"A" * (1 << 20), megabytes, b"BT /F1 1 Tf 72 720 Td (", b") Tj ET"))
    return pdf(objects)


def line_segments(megabytes: int = 200) -> bytes:
    """`megabytes` MB of ``m``/``l`` path operators compressed into a few hundred KB."""
    block = b"10 10 m 20 20 l " * (1 << 16)  # 1 MB
    objects = _page()
    objects[4] = _flate(repeated(block, megabytes, b"", b"S"))
    return pdf(objects)


def flate_bomb(megabytes: int = 2048) -> bytes:
    """A content stream that inflates to `megabytes` MB of spaces (about 1,000:1)."""
    objects = _page()
    objects[4] = _flate(repeated(b" " * (1 << 20), megabytes))
    return pdf(objects)


ATTACKS = {
    "reference-cycle": reference_cycle,
    "cycle-mediabox": lambda: reference_cycle("mediabox"),
    "cycle-contents": lambda: reference_cycle("contents"),
    "cycle-font": lambda: reference_cycle("font"),
    "nested-forms": nested_forms,
    "ruled-grid": ruled_grid,
    "huge-string": huge_string,
    "line-segments": line_segments,
    "flate-bomb": flate_bomb,
}


def font_warning() -> bytes:
    """A readable page whose font descriptor has a malformed /FontBBox: pdfminer logs a warning
    ("Could not get FontBBox …") to stderr, beside giplint's own output."""
    objects = _page()
    objects[4] = stream(b"BT /F1 12 Tf 72 720 Td (hello) Tj ET", compress=False)
    objects[10] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Foo /FontDescriptor 11 0 R >>"
    objects[11] = b"<< /Type /FontDescriptor /FontName /Foo /FontBBox [0 0 x] /Flags 32 >>"
    return pdf(objects)
