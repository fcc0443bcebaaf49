"""Scanned reports read by OCR (giplint[ocr], readers/ocr.py).

Each seed is typed into the official layout, printed to PDF (tests/pdf_render.py, reportlab),
rendered to page images at 200 dpi with pypdfium2, blurred a little and turned by under a degree
as a scanner does, and saved as an image-only PDF (no text layer). Read by OCR, it gives the same
section and table findings as the seed's text, except where listed in DIFFERENCES (each a
documented, tested difference). Without the extra these tests skip, and a scan is refused with
the message saying how to install it.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import SEEDS, lint_file, run_cli
from office_render import official_report
from pdf_render import FONT, _register_font, scanned_pdf, write_pdf

from giplint.diagnostics import Diagnostic, Severity
from giplint.readers import ocr

SEED_PATHS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_ocr = pytest.mark.skipif(not ocr.available(), reason='the OCR extra is not installed: pip install "giplint[ocr]"')

# seed prefix → findings (rule id, section) the scan gives beyond / short of the text's, and why.
DIFFERENCES: dict[str, tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], str]] = {}


@lru_cache(maxsize=2)
def _cjk_glyphs(font: str = FONT) -> bool:
    """Whether PDFium draws reportlab's STSong-Light here with real Chinese glyphs.

    The font is not embedded in the test PDFs: PDFium draws it with a CJK font of the machine
    (fonts-noto-cjk on Debian). Without one, every character is drawn as an empty box or not at
    all, OCR reads no text, and the OCR tests would fail for the machine's sake. Probe: 一 drawn
    large is a single horizontal stroke, far wider than tall; an empty box is square."""
    import pypdfium2
    from PIL import ImageOps
    from reportlab.pdfgen import canvas

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(120, 120))
    pdf.setFont(font, 60)
    pdf.drawString(30, 40, "一")
    pdf.showPage()
    pdf.save()
    document = pypdfium2.PdfDocument(buffer.getvalue())
    image = document[0].render(scale=2).to_pil().convert("L")
    document.close()
    ink = ImageOps.invert(image).point(lambda value: 255 if value > 100 else 0).getbbox()
    return ink is not None and (ink[3] - ink[1]) * 3 < ink[2] - ink[0]


def need_cjk_glyphs() -> None:
    """Skip, saying why, on a machine that cannot draw the test pages' Chinese text."""
    if not _cjk_glyphs():
        pytest.skip(
            "no CJK font for PDFium to draw the test PDFs' STSong-Light text (the rendered page shows "
            "boxes, not characters): install one, e.g. apt-get install fonts-noto-cjk"
        )


def scan_pages(pdf: bytes, *, angle: float, blur: float = 0.8) -> list[object]:
    """The pages of `pdf` as a scanner gives them: 200 dpi grey, slightly blurred and turned."""
    import pypdfium2
    from PIL import Image, ImageFilter

    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for page in document:
        image = page.render(scale=200 / 72).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(blur))
        pages.append(image)
    document.close()
    return pages


def image_pdf(pages: list[object]) -> bytes:
    """An image-only PDF of the pages (no text layer: a scan)."""
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(buffer, "PDF", resolution=200.0, save_all=True, append_images=rest)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _key(diagnostics: list[Diagnostic]) -> Counter[tuple[str, str]]:
    """Section and table findings: (rule, section) of every finding in a section."""
    return Counter((d.rule_id, d.section) for d in diagnostics if d.section)


def _message(diagnostic: Diagnostic) -> str:
    from giplint.uncertain import NOTE

    return unicodedata.normalize("NFKC", diagnostic.message.replace(NOTE, ""))


def _ids() -> list[object]:
    return [pytest.param(path, id=path.stem[:3]) for path in SEED_PATHS] or [
        pytest.param(None, marks=pytest.mark.skip(reason="../shared is not present"))
    ]


@needs_ocr
@pytest.mark.slow  # OCR: several seconds a page
@pytest.mark.parametrize("seed", _ids())
def test_scanned_seed_gives_the_seed_section_and_table_findings(seed: Path, tmp_path: Path) -> None:
    need_cjk_glyphs()
    printed = tmp_path / "printed.pdf"
    write_pdf(official_report(seed.read_text(encoding="utf-8")), printed)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf(scan_pages(printed.read_bytes(), angle=0.6)))
    scanned = lint_file(scan)
    expected = _key(lint_file(seed))
    extra, missing, _why = DIFFERENCES.get(seed.stem[:3], (Counter(), Counter(), ""))
    got = _key(scanned)
    assert got == expected + extra - missing, (sorted((got - expected).elements()), sorted((expected - got).elements()))
    assert all(d.page >= 1 for d in scanned if d.section)  # findings carry the page
    if not extra and not missing:  # table messages as the text's (OCR's full-width punctuation folded)
        texts = {_message(d) for d in lint_file(seed) if d.section and d.section in "二三四"}
        assert texts <= {_message(d) for d in scanned}


@needs_ocr
def test_a_page_image_is_read(tmp_path: Path) -> None:
    from report_defs import CLEAN_2021

    need_cjk_glyphs()
    printed = tmp_path / "printed.pdf"
    write_pdf(CLEAN_2021, printed)
    page = scan_pages(printed.read_bytes(), angle=-0.8)[0]
    path = tmp_path / "page1.png"
    page.save(path)  # type: ignore[attr-defined]
    document = ocr.read_image(str(path), path.read_bytes())
    lines = document.text.splitlines()
    assert "一、总体情况" in lines
    assert document.location(document.text.index("一、总体情况")).startswith("第1页")


def test_scan_without_the_extra_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    image = tmp_path / "page.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    code, _, err = run_cli("--no-cache", "--format", "concise", str(scan), str(image))
    assert code == 2
    assert err.count('pip install "giplint[ocr]"') == 2, err
    assert "扫描件，没有文字层" in err and "图片文件" in err


def test_the_cjk_probe_tells_a_glyph_from_a_box() -> None:
    """一 in a font without Chinese glyphs (Helvetica) is not taken for a glyph; here, where
    fonts-noto-cjk is installed, STSong-Light's is (where it is not, the OCR tests skip)."""
    assert not _cjk_glyphs("Helvetica")
    if not _cjk_glyphs():
        pytest.skip("no CJK font on this machine: the OCR tests skip")


def test_uncertain_figures_are_not_asserted() -> None:
    from giplint.parse import parse_document
    from giplint.source import Document
    from giplint.uncertain import NOTE, soften

    text = "二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文 7 件。\n"
    document = Document("scan.pdf", text, "ocr", "pdf", uncertain=((text.index("7"), text.index("7") + 1),))
    report = parse_document(document)
    span = document.span(text.index("7"), text.index("7") + 1)
    figure = Diagnostic("scan.pdf", span, "GIP302", "applications-results-total", Severity.ERROR, "不符。", "三")
    wording = Diagnostic("scan.pdf", span, "GIP403", "garbled-text", Severity.WARNING, "乱码。", "三")
    elsewhere = Diagnostic("scan.pdf", document.span(0, 2), "GIP302", "applications-results-total", Severity.ERROR, "不符。", "二")
    softened = soften(report, [figure, wording, elsewhere])
    assert [(d.rule_id, d.severity, d.message) for d in softened] == [
        ("GIP302", Severity.INFO, "不符。" + NOTE),
        ("GIP302", Severity.ERROR, "不符。"),
    ]
