"""giplint/readers/_ruled.py finds the same tables and cell text as pdfplumber's TableFinder and
Table.extract, which it replaces for speed, and _pdfium.py's bulk character reading gives the
characters one call per character gave (issue 19).

Compared on PDFs drawn like Word's (reportlab: merged label cells, a table split over a page,
a header repeated), on a table whose cells hold several words and lines, and on the real corpus
PDF when ../shared is present.
"""

from __future__ import annotations

import ctypes
import io
import itertools
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS
from pdf_render import BODY_SIZE, FONT, _register_font, pdfium_pages, write_pdf
from report_variants import VARIANTS

from giplint.readers import _pdfium, _ruled


def _pages(data: bytes) -> list[_pdfium.Page]:
    return pdfium_pages(data)


def _pdfplumber_tables(page: _pdfium.Page) -> list[tuple[Any, list[list[str | None]]]]:
    from pdfplumber.table import TableFinder

    tables = TableFinder(page).tables  # type: ignore[arg-type]  # it reads chars, edges, bbox
    return [(table.cells, table.extract()) for table in tables]


def _ours(page: _pdfium.Page) -> list[tuple[Any, list[list[str | None]]]]:
    return [(table.cells, table.extract()) for table in _ruled.find_tables(page)]


def _assert_same(data: bytes) -> int:
    """Every page's tables, cells and cell texts equal pdfplumber's; the number of cells seen."""
    seen = 0
    for page in _pages(data):
        expected = _pdfplumber_tables(page)
        assert _ours(page) == expected, f"page {page.number}"
        seen += sum(len(cells) for cells, _ in expected)
    return seen


@pytest.mark.parametrize("split", [None, 50])
def test_report_tables_as_pdfplumber_finds_them(tmp_path: Path, split: int | None) -> None:
    path = tmp_path / "report.pdf"
    write_pdf(VARIANTS["missing-processing-fee"](), path, split=split, repeat_header=split is not None)
    assert _assert_same(path.read_bytes()) > 100  # the report's three tables were compared


def test_cells_of_several_words_and_lines() -> None:
    """Cells that are not one word (spaces, gaps, two lines, different baselines) go through
    the general word and line grouping (readers/_pdf_words.py) and give what pdfplumber's
    extract_text gives."""
    from reportlab.pdfgen import canvas

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(600, 400))
    columns, tops = [50, 250, 400, 550], [50, 90, 150, 190]
    for top in tops:
        pdf.line(columns[0], 400 - top, columns[-1], 400 - top)
    for x in columns:
        pdf.line(x, 400 - tops[0], x, 400 - tops[-1])
    pdf.setFont(FONT, BODY_SIZE)
    cells = [
        (55, 70, "（一）行政机关 公开"),  # a blank inside: two words
        (255, 70, "12"),
        (405, 70, "1"),
        (405 + 40, 70, "2"),  # far apart: two words
        (55, 110, "3.要求提供公开出版"),  # two lines
        (55, 128, "物"),
        (255, 110, "7"),
        (260, 113, "8"),  # a different baseline
        (405, 110, "0"),
        (55, 170, "合计"),
        (255, 170, " "),  # a blank only
    ]
    for x, top, text in cells:
        pdf.drawString(x, 400 - top, text)
    pdf.showPage()
    pdf.save()
    texts = [text for _, extracted in _ours(_pages(buffer.getvalue())[0]) for row in extracted for text in row]
    assert "3.要求提供公开出版\n物" in texts and "1 2" in texts and "（一）行政机关 公开" in texts
    assert _assert_same(buffer.getvalue()) == 9


def test_huaian_tables_as_pdfplumber_finds_them() -> None:
    path = CORPUS / "013_huaian-city_2024.pdf"
    if not path.is_file():
        pytest.skip("../shared/corpus is not present on this machine")
    assert _assert_same(path.read_bytes()) > 250


@pytest.mark.parametrize("source", ["reportlab", "huaian"])
def test_characters_as_one_call_each_gave(tmp_path: Path, source: str) -> None:
    """The bulk read (text in one call, generated spaces asked only of blanks) keeps exactly the
    characters that asking FPDFText_IsGenerated and FPDFText_GetUnicode of each one keeps, with
    the font names FPDFText_GetFontInfo gives (read once a font; Huaian has one text object a
    character and several fonts)."""
    from pypdfium2 import raw

    path = tmp_path / "report.pdf"
    if source == "huaian":
        path = CORPUS / "013_huaian-city_2024.pdf"
        if not path.is_file():
            pytest.skip("../shared/corpus is not present on this machine")
    else:
        write_pdf(VARIANTS["missing-processing-fee"](), path, split=50)
    data = path.read_bytes()
    buffer = ctypes.create_string_buffer(data, len(data))
    pdf = raw.FPDF_LoadMemDocument64(buffer, len(data), None)
    try:
        for index in range(raw.FPDF_GetPageCount(pdf)):
            page = raw.FPDF_LoadPage(pdf, index)
            text = raw.FPDFText_LoadPage(page)
            kept = [i for i in range(raw.FPDFText_CountChars(text)) if raw.FPDFText_IsGenerated(text, i) != 1]
            expected = "".join(chr(raw.FPDFText_GetUnicode(text, i)) for i in kept)
            name = ctypes.create_string_buffer(256)
            fonts = []
            for i in kept:  # the font's name as FPDFText_GetFontInfo gives it for each character
                raw.FPDFText_GetFontInfo(text, i, name, len(name), None)
                fonts.append(name.value.decode())
            raw.FPDFText_ClosePage(text)
            raw.FPDF_ClosePage(page)
            chars = _pdfium.read_page(pdf, index).chars
            assert "".join(char["text"] for char in chars) == expected
            assert [char["fontname"] for char in chars] == fonts
            assert all(char["size"] > 0 and char["fontname"] for char in chars)
    finally:
        raw.FPDF_CloseDocument(pdf)


def _grid_edges(seed: int) -> list[dict[str, Any]]:
    """Ruling lines of one or two random grids, some segments left out (merged cells), some
    lines a little off and some segments a little short (within and past the tolerances)."""
    import random

    rng = random.Random(seed)
    edges: list[dict[str, Any]] = []
    for origin in [(40.0, 60.0)] + ([(60.0, 500.0)] if rng.random() < 0.5 else []):
        xs = [origin[0] + sum(rng.choice((30, 45, 80)) for _ in range(i)) for i in range(rng.randrange(2, 7))]
        ys = [origin[1] + sum(rng.choice((18, 20, 36)) for _ in range(i)) for i in range(rng.randrange(2, 12))]
        jitter = (0, 0, 0, 0.4, 2.5, 4)  # snapped to their average within 3
        trims = (0, 0, 0, 1.5, 3.5)  # a gap joined within 3
        for y in ys:
            for a, b in itertools.pairwise(xs):
                if rng.random() > 0.15:
                    off, trim = rng.choice(jitter), rng.choice(trims)
                    edges.append(_pdfium._edge((a + trim, y + off), (b, y + off), "line"))
        for x in xs:
            for a, b in itertools.pairwise(ys):
                if rng.random() > 0.15:
                    off, trim = rng.choice(jitter), rng.choice(trims)
                    edges.append(_pdfium._edge((x + off, a + trim), (x + off, b), "line"))
    return edges


@pytest.mark.parametrize("seed", range(200))
def test_random_grids_as_pdfplumber_finds_them(seed: int) -> None:
    """The table finder's own steps (snapping, joining, intersections, cells, tables) on random
    grids."""
    page = _pdfium.Page(1, 600.0, 900.0, [], _grid_edges(seed), rules=1)
    assert [table.cells for table in _ruled.find_tables(page)] == [cells for cells, _ in _pdfplumber_tables(page)]
