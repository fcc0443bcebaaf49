"""A PDF page as PDFium sees it: its characters and its ruling edges, in pdfplumber's shapes.

Why PDFium: pdfminer.six parses content streams in Python (49–58 ms a page, 98 % of a PDF's
cost); PDFium (Chrome's engine, through pypdfium2's ctypes binding ``pypdfium2.raw``) parses
them in C++. What the reader needs of a page is small: each character with its box, font and
size, and the straight segments of the page's paths (the ruling lines Word and WPS draw round
table cells). Those are given here as the dicts pdfplumber's table finder and text-line
clustering take (``x0 x1 top bottom`` from the page's top): giplint/readers/_ruled.py and
_pdf_words.py do what those two do, and tests/test_pdf_ruled.py and test_pdf_words.py give
the same dicts to pdfplumber's own to check that the answers are the same.

The boxes are pdfminer's: a character spans its advance (x), and from the font's descent below
the baseline up by its font size (y), which PDFium's "loose" character box gives (its left,
right and bottom; the top is bottom + size, pdfminer's, not the font's ascent). A character
PDFium generated (a space or line break it inferred) is not in the content and is left out.

Caps (a hostile page must not cost unbounded time here either; the child process bounds the
rest): `MAX_CHARS` characters and `MAX_SEGMENTS` path segments a page, form XObjects
`MAX_FORM_DEPTH` deep, and `MAX_EDGES` ruling edges a page for the table finder (its cost
grows with the product of horizontal and vertical edges). Beyond a cap the page is refused.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

MAX_CHARS = 60_000  # a dense A4 page of body text has under 2,000
MAX_SEGMENTS = 200_000  # path segments a page, forms included
MAX_EDGES = 2_000  # horizontal and vertical edges a page after filtering (a dense table: ~600)
MAX_FORM_DEPTH = 8
MAX_OBJECTS = 100_000  # page objects a page, forms included


class TooComplex(Exception):
    """The page is over one of the caps: `what` names it (characters, path segments …)."""

    def __init__(self, page: int, what: str) -> None:
        super().__init__(page, what)
        self.page = page
        self.what = what


@dataclass
class Page:
    """What pdfplumber's TableFinder and Table.extract read of a page: chars, edges, bbox."""

    number: int
    width: float
    height: float
    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]] = field(default_factory=list)
    rules: int = 0  # path objects that give edges (lines, rectangles, curves)

    _middles: list[float] = field(default_factory=list, repr=False)  # sorted vertical middles
    _order: list[int] = field(default_factory=list, repr=False)  # the chars' indices in that order

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    def band(self, top: float, bottom: float) -> list[dict[str, Any]]:
        """The chars whose vertical middle is in [top, bottom], in page order: found by bisection
        (a table's rows and cells each ask; testing every char of the page each time was the
        costliest part of reading a table)."""
        if len(self._order) != len(self.chars):
            middles = [(char["top"] + char["bottom"]) / 2 for char in self.chars]
            self._order = sorted(range(len(middles)), key=middles.__getitem__)
            self._middles = [middles[i] for i in self._order]
        start, end = bisect.bisect_left(self._middles, top), bisect.bisect_right(self._middles, bottom)
        chars = self.chars
        return [chars[i] for i in sorted(self._order[start:end])]

    def within(self, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        """The chars whose middle is in `box`, edges included, in page order."""
        x0, top, x1, bottom = box
        return [char for char in self.band(top, bottom) if x0 <= (char["x0"] + char["x1"]) / 2 <= x1]


def read_page(pdf: Any, index: int) -> Page:
    """Page `index` (0-based) of a pypdfium2 PdfDocument."""
    from pypdfium2 import raw

    page = raw.FPDF_LoadPage(pdf, index)
    if not page:
        raise ValueError("page does not load")
    try:
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        left, bottom = _origin(raw, page)
        chars = _chars(raw, page, index + 1, height, left, bottom)
        result = Page(index + 1, width, height, chars)
        _paths(raw, page, result, left, bottom)
        return result
    finally:
        raw.FPDF_ClosePage(page)


def _origin(raw: Any, page: Any) -> tuple[float, float]:
    """The lower-left corner of the page's box (pdfplumber measures from the MediaBox)."""
    box = raw.FS_RECTF()
    if raw.FPDF_GetPageBoundingBox(page, box):
        return float(box.left), float(box.bottom)
    return 0.0, 0.0


def _chars(raw: Any, page: Any, number: int, height: float, left: float, bottom: float) -> list[dict[str, Any]]:
    """The page's characters, as pdfplumber's char dicts.

    Why it looks like this: a page has 500–3,000 characters and each ctypes call costs about a
    microsecond, the binding's typed pointers several (a text object came back as a typed
    pointer, 11 µs a call when measured). So the text comes in one `FPDFText_GetText`, and per
    character only two calls are made, through untyped (`c_void_p`) prototypes: the character's
    text object and its loose box. Whether PDFium generated the character (a space or line
    break it inferred, not in the content: left out) is asked only of spaces and line breaks. Font, size and matrix are the text object's: asked once.
    """
    text = raw.FPDFText_LoadPage(page)
    if not text:
        return []
    try:
        count = raw.FPDFText_CountChars(text)
        if count > MAX_CHARS:
            raise TooComplex(number, "characters")
        if count <= 0:
            return []
        buffer = (ctypes.c_ushort * (count + 1))()
        raw.FPDFText_GetText(text, 0, count, buffer)
        codes: list[int] = buffer[:count]  # one UTF-16 unit a character
        calls = _calls()
        handle = ctypes.cast(text, ctypes.c_void_p).value or 0
        object_of, loose = calls.text_object, calls.loose_box
        top = height + bottom  # page y of the top edge
        box = raw.FS_RECTF()
        where = ctypes.addressof(box)
        styles: dict[int, tuple[str, float, bool]] = {}
        fonts: dict[int, str] = {}  # font handle → its base name
        chars: list[dict[str, Any]] = []
        pending = 0  # a high surrogate waiting for its low half
        for index, code in enumerate(codes):
            if code in _MAYBE_GENERATED and raw.FPDFText_IsGenerated(text, index) == 1:
                continue  # a space or line break PDFium inferred: not in the content
            obj = object_of(handle, index) or 0
            if 0xD800 <= code < 0xDC00:
                pending = code
                continue
            if pending and 0xDC00 <= code < 0xE000:
                code = 0x10000 + ((pending - 0xD800) << 10) + (code - 0xDC00)
            pending = 0
            if not code or not loose(handle, index, where):
                continue
            style = styles.get(obj)
            if style is None:
                style = styles[obj] = _style(calls, handle, index, obj, fonts)
            font, size, upright = style
            low = top - box.bottom
            x0, x1 = box.left - left, box.right - left
            chars.append(
                {
                    "object_type": "char",
                    "text": chr(code),
                    "fontname": font,
                    "size": size,
                    "upright": upright,
                    "x0": x0,
                    "x1": x1,
                    "top": low - size,
                    "bottom": low,
                    "doctop": low - size,
                    "width": x1 - x0,
                    "height": size,
                }
            )
        return chars
    finally:
        raw.FPDFText_ClosePage(text)


_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A, 0x02))  # what FPDFText_IsGenerated can be true of


def _style(calls: _Calls, handle: int, index: int, obj: int, fonts: dict[int, str]) -> tuple[str, float, bool]:
    """Font name, size (scaled by the text matrix) and uprightness of character `index`'s text
    object `obj` (asked once a text object; some PDFs make one object of each character:
    untyped calls, the buffers reused, the font's name asked once a font)."""
    pointer = (calls.text_font(obj) or 0) if obj else 0
    font = fonts.get(pointer)
    if font is None:
        font = fonts[pointer] = _font_name(calls, pointer)
    calls.char_matrix(handle, index, calls.matrix_at)
    a, b, c, d = calls.matrix_values[:4]
    scale = (c * c + d * d) ** 0.5
    upright = a * d > 0 and b * c <= 0
    return font, calls.font_size(handle, index) * scale, upright


def _font_name(calls: _Calls, pointer: int) -> str:
    """The font's base name (what FPDFText_GetFontInfo gives), "" for none."""
    size = calls.font_name(pointer, None, 0) if pointer else 0
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    calls.font_name(pointer, buffer, size)
    return buffer.value.decode("utf-8", "replace")


class _Calls:
    """The PDFium functions called per character or per page object, with untyped prototypes
    (pointers as plain ints in and out), and the buffers they fill.

    Why: pypdfium2's prototypes convert every pointer to and from a typed ctypes pointer, which
    costs several microseconds a call (a text object came back in 11 µs when measured); these
    are the same library functions, bound a second time (indexing the library makes a new
    function object: pypdfium2's own are untouched)."""

    def __init__(self) -> None:
        from pypdfium2 import raw
        from pypdfium2_raw import bindings

        library = bindings._libs["pdfium"]  # the loaded PDFium, as pypdfium2 loaded it
        pointer, number = ctypes.c_void_p, ctypes.c_int

        def bind(name: str, restype: Any, *argtypes: Any) -> Any:
            function = library[name]
            function.argtypes, function.restype = list(argtypes), restype
            return function

        self.text_object = bind("FPDFText_GetTextObject", pointer, pointer, number)
        self.loose_box = bind("FPDFText_GetLooseCharBox", number, pointer, number, pointer)
        self.text_font = bind("FPDFTextObj_GetFont", pointer, pointer)
        self.font_name = bind("FPDFFont_GetBaseFontName", ctypes.c_size_t, pointer, pointer, ctypes.c_size_t)
        self.char_matrix = bind("FPDFText_GetMatrix", number, pointer, number, pointer)
        self.font_size = bind("FPDFText_GetFontSize", ctypes.c_double, pointer, number)
        self.page_object = bind("FPDFPage_GetObject", pointer, pointer, number)
        self.form_object = bind("FPDFFormObj_GetObject", pointer, pointer, ctypes.c_ulong)
        self.object_type = bind("FPDFPageObj_GetType", number, pointer)
        self.object_matrix = bind("FPDFPageObj_GetMatrix", number, pointer, pointer)
        self.form_count = bind("FPDFFormObj_CountObjects", number, pointer)
        self.segment_count = bind("FPDFPath_CountSegments", number, pointer)
        self.segment = bind("FPDFPath_GetPathSegment", pointer, pointer, number)
        self.segment_point = bind("FPDFPathSegment_GetPoint", number, pointer, pointer, pointer)
        self.segment_type = bind("FPDFPathSegment_GetType", number, pointer)
        self.segment_close = bind("FPDFPathSegment_GetClose", number, pointer)
        self.draw_mode = bind("FPDFPath_GetDrawMode", number, pointer, pointer, pointer)
        self.fill_color = bind("FPDFPageObj_GetFillColor", number, pointer, pointer, pointer, pointer, pointer)
        self.matrix = raw.FS_MATRIX()
        self.matrix_at = ctypes.addressof(self.matrix)
        self.matrix_values = (ctypes.c_float * 6).from_buffer(self.matrix)  # a b c d e f, read at once


@lru_cache(maxsize=1)
def _calls() -> _Calls:
    """The prototypes and buffers, made once a process (one process reads one page at a time)."""
    return _Calls()


# ---------------------------------------------------------------------------------------------
# Paths: the straight segments, as pdfplumber's edges


def _paths(raw: Any, page: Any, result: Page, left: float, bottom: float) -> None:
    walk = _Walk(raw, result, left, bottom)
    count = raw.FPDFPage_CountObjects(page)
    handle, page_object = ctypes.cast(page, ctypes.c_void_p).value, _calls().page_object
    walk.objects(count, lambda i: page_object(handle, i), (1, 0, 0, 1, 0, 0), 0)
    edges = [edge for edge in result.edges if edge["orientation"] is not None]
    if len(edges) > MAX_EDGES:
        raise TooComplex(result.number, "ruling lines")
    result.edges = edges


Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: a point is transformed by m, then by n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class _Walk:
    def __init__(self, raw: Any, page: Page, left: float, bottom: float) -> None:
        self.raw = raw
        self.page = page
        self.top = page.height + bottom
        self.left = left
        self.objects_seen = 0
        self.segments = 0
        self.calls = _calls()  # untyped: pointers as ints (see _Calls), the buffers' addresses
        self.matrix = raw.FS_MATRIX()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        buffers = {"matrix": self.matrix, "x": self.x, "y": self.y, "fill": self.fill, "stroke": self.stroke}
        self.at = {name: ctypes.addressof(value) for name, value in buffers.items()}

    def objects(self, count: int, get: Any, outer: Matrix, depth: int) -> None:
        raw = self.raw
        self.objects_seen += count
        if self.objects_seen > MAX_OBJECTS:
            raise TooComplex(self.page.number, "objects")
        calls = self.calls
        kind_of, form_object = calls.object_type, calls.form_object
        path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        for index in range(count):
            handle = get(index)  # an int (untyped)
            kind = kind_of(handle)
            if kind == path:
                self.path(handle, outer)
            elif kind == form:
                if depth + 1 > MAX_FORM_DEPTH:
                    raise TooComplex(self.page.number, "form nesting")
                inner = _times(self._matrix(handle), outer)
                children = calls.form_count(handle)
                self.objects(children, lambda i, parent=handle: form_object(parent, i), inner, depth + 1)

    def _matrix(self, handle: int) -> Matrix:
        m = self.matrix
        if not self.calls.object_matrix(handle, self.at["matrix"]):
            return (1, 0, 0, 1, 0, 0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def path(self, handle: int, outer: Matrix) -> None:
        calls, at = self.calls, self.at
        count = calls.segment_count(handle)
        self.segments += max(count, 0)
        if self.segments > MAX_SEGMENTS:
            raise TooComplex(self.page.number, "path segments")
        a, b, c, d, e, f = _times(self._matrix(handle), outer)
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        get_segment, get_point, get_type, get_close = (
            calls.segment,
            calls.segment_point,
            calls.segment_type,
            calls.segment_close,
        )
        moveto, x_at, y_at, x_value, y_value = self.raw.FPDF_SEGMENT_MOVETO, at["x"], at["y"], self.x, self.y
        left, top = self.left, self.top
        for index in range(count):
            segment = get_segment(handle, index)
            get_point(segment, x_at, y_at)
            x, y = x_value.value, y_value.value
            point = (a * x + c * y + e - left, top - (b * x + d * y + f))
            if get_type(segment) == moveto or not subpaths:
                subpaths.append(([point], False))
            else:
                subpaths[-1][0].append(point)
            if get_close(segment):
                subpaths[-1] = (subpaths[-1][0], True)
        if not subpaths:
            return
        calls.draw_mode(handle, at["fill"], at["stroke"])
        stroked, filled = bool(self.stroke.value), self.fill.value != 0
        self.page.rules += 1
        for points, closed in subpaths:
            rect = _rectangle(points, closed)
            if rect is not None:
                if filled and not stroked and self._white_fill(handle):
                    continue  # Word's paragraph background, not a rule (as the pdfminer reader did)
                x0, top, x1, low = rect
                corners = [(x0, top), (x1, top), (x1, low), (x0, low)]
                pairs = list(zip(corners, corners[1:] + corners[:1], strict=True))
                kind = "rect_edge"
            else:
                pairs = list(itertools.pairwise(points))
                kind = "line" if len(points) == 2 else "curve_edge"
            for start, end in pairs:
                self.page.edges.append(_edge(start, end, kind))

    def _white_fill(self, handle: int) -> bool:
        r, g, b, _ = self.rgba
        if not self.calls.fill_color(handle, *(ctypes.addressof(value) for value in self.rgba)):
            return False
        return r.value == g.value == b.value == 255


def _rectangle(points: list[tuple[float, float]], closed: bool) -> tuple[float, float, float, float] | None:
    """An axis-aligned rectangle subpath (``re``, or m l l l h): its (x0, top, x1, bottom)."""
    if len(points) == 5 and _close(points[0], points[-1]):
        points, closed = points[:4], True
    if len(points) != 4 or not closed:
        return None
    xs = sorted({round(x, 3) for x, _ in points})
    ys = sorted({round(y, 3) for _, y in points})
    if len(xs) > 2 or len(ys) > 2:
        return None
    for first, second in zip(points, points[1:] + points[:1], strict=True):
        if not (abs(first[0] - second[0]) < 1e-3 or abs(first[1] - second[1]) < 1e-3):
            return None
    return (xs[0], ys[0], xs[-1], ys[-1])


def _close(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return abs(p[0] - q[0]) < 1e-3 and abs(p[1] - q[1]) < 1e-3


def _edge(start: tuple[float, float], end: tuple[float, float], kind: str) -> dict[str, Any]:
    x0, x1 = sorted((start[0], end[0]))
    top, bottom = sorted((start[1], end[1]))
    if abs(top - bottom) < 1e-3:
        orientation: str | None = "h"
        bottom = top
    elif abs(x0 - x1) < 1e-3:
        orientation = "v"
        x1 = x0
    else:
        orientation = None
    return {
        "object_type": kind,
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }
