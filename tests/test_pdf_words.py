"""giplint/readers/_pdf_words.py gives the words, text lines and cell text pdfplumber's
WordExtractor, `chars_to_textmap(...).extract_text_lines()` and `extract_text` give, which it
replaces for speed (issue 19).

Compared on every page of a report drawn like Word's (reportlab, a table split over a page),
on the real corpus PDF when ../shared is present, and on pages of random characters made to
hit the edges of pdfplumber's rules: tops and lefts within and just past the tolerance of 3,
characters that start left of the previous one, blanks, ligatures, rotated runs.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS
from pdf_render import pdfium_pages, write_pdf
from report_variants import VARIANTS

from giplint.readers import _pdf_words, _pdfium


def _theirs(chars: list[dict[str, Any]]) -> tuple[list[Any], list[Any], str]:
    from pdfplumber.utils.text import WordExtractor, chars_to_textmap, extract_text

    words = [(word["text"], word["top"], chars) for word, chars in WordExtractor().iter_extract_tuples(chars)]
    lines = chars_to_textmap(chars).extract_text_lines() if chars else []
    shaped = [
        (line["text"], line["x0"], line["top"], line["x1"], line["bottom"], line["chars"]) for line in lines
    ]
    return words, shaped, extract_text(chars)


def _ours(chars: list[dict[str, Any]]) -> tuple[list[Any], list[Any], str]:
    words = [(word.text, word.top, word.chars) for word in _pdf_words.words(chars)]
    lines = [
        (line.text, line.x0, line.top, line.x1, line.bottom, line.chars)
        for line in _pdf_words.text_lines(chars)
    ]
    return words, lines, _pdf_words.text(chars)


def _pages(data: bytes) -> list[_pdfium.Page]:
    return pdfium_pages(data)


def _assert_same_pages(data: bytes) -> int:
    lines = 0
    for page in _pages(data):
        ours = _ours(page.chars)
        assert ours == _theirs(page.chars), f"page {page.number}"
        lines += len(ours[1])
    return lines


def test_report_lines_as_pdfplumber_makes_them(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_pdf(VARIANTS["missing-processing-fee"](), path, split=50)
    assert _assert_same_pages(path.read_bytes()) > 100


def test_huaian_lines_as_pdfplumber_makes_them() -> None:
    path = CORPUS / "013_huaian-city_2024.pdf"
    if not path.is_file():
        pytest.skip("../shared/corpus is not present on this machine")
    assert _assert_same_pages(path.read_bytes()) > 140


def _char(text: str, x0: float, top: float, width: float, upright: bool) -> dict[str, Any]:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "doctop": top,
        "bottom": top + 10,
        "upright": upright,
    }


def _random_chars(seed: int) -> list[dict[str, Any]]:
    """A page of characters near each other's tolerances, in an order that is not reading order."""
    rng = random.Random(seed)
    texts = "政府信息公开1234 ﬁﬂ\u3000,."
    steps = (0, 1, 2.9, 3, 3.1, 5, 12)
    chars = []
    x, top = 50.0, 100.0
    for _ in range(rng.randrange(0, 120)):
        if rng.random() < 0.15:
            top += rng.choice(steps)  # a new line, or a baseline within the tolerance
            x = 50 + rng.choice(steps)
        else:
            x += rng.choice((-4, -0.5, 0, *steps))  # some start left of the previous one
        upright = rng.random() > 0.08
        chars.append(
            _char(
                rng.choice(texts), x, top + rng.choice((0, 0, 0.5, -2.5, 3.5)), rng.choice((5, 10)), upright
            )
        )
    if rng.random() < 0.5:
        rng.shuffle(chars)
    return chars


@pytest.mark.parametrize("seed", range(300))
def test_random_characters_as_pdfplumber_groups_them(seed: int) -> None:
    chars = _random_chars(seed)
    assert _ours(chars) == _theirs(chars)
