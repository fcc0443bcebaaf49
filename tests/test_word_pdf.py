"""Word-exported PDFs whose table rows break across pages (issue 18, item 1), ruled and unruled.

The five seeds typed into the official Word layout (tests/office_render.py) and saved as PDF by
LibreOffice, with rows allowed to break across pages and page breaks moved into the tables
(`filler` paragraphs before each table, `spacing` after each cell paragraph), must give the
findings of their .txt. Slow: one soffice run of five files per layout (~10 s).

The layout (11, 4) cuts seed 000's row （五）不予处理 3.要求提供公开出版物 at the end of page 3:
its label's last character 物 is the first row of page 4, joined back into its row by the reader
(read as a row of its own, it was a number of that row: GIP202 这一行多出了数字; issue 18 item 1).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SEEDS, lint_file, need_shared
from office_render import need_soffice, seeds_as

LAYOUTS = [
    pytest.param(0, 6.0, id="spacing-6"),
    pytest.param(7, 0.0, id="filler-7"),
    pytest.param(11, 4.0, id="filler-11-spacing-4"),
    pytest.param(9, 14.0, id="filler-9-spacing-14"),
]


def _findings(path: Path) -> Counter[tuple[str, str]]:
    return Counter((d.rule_id, d.message) for d in lint_file(path))


@pytest.mark.slow
@pytest.mark.parametrize(("filler", "spacing"), LAYOUTS)
def test_word_pdf_gives_the_seed_findings(filler: int, spacing: float, tmp_path: Path) -> None:
    need_shared()
    need_soffice()
    seeds = sorted(SEEDS.glob("*.txt"))
    pdfs = seeds_as(seeds, "pdf", tmp_path, filler=filler, spacing=spacing)
    differ = {seed.name: (_findings(seed), _findings(pdf)) for seed, pdf in zip(seeds, pdfs, strict=True)}
    assert {name: pair for name, pair in differ.items() if pair[0] != pair[1]} == {}


# Tables without borders (Word's 无框线): read from the text layer's positions (issue 18 items 1
# and 10): rows, group labels and header cells set one character a line in narrow columns
# (结/果/维/持 of table 四) put together by position.


@pytest.mark.slow
@pytest.mark.parametrize(("filler", "spacing"), LAYOUTS)
def test_unruled_word_pdf_gives_the_seed_findings(filler: int, spacing: float, tmp_path: Path) -> None:
    need_shared()
    need_soffice()
    seeds = sorted(SEEDS.glob("*.txt"))
    pdfs = seeds_as(seeds, "pdf", tmp_path, filler=filler, spacing=spacing, ruled=False)
    differ = {seed.name: (_findings(seed), _findings(pdf)) for seed, pdf in zip(seeds, pdfs, strict=True)}
    assert {name: pair for name, pair in differ.items() if pair[0] != pair[1]} == {}
