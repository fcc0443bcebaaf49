"""Office forms of the seeds: the official Word layout (tests/office_render.py), and what
LibreOffice makes of it.

The .docx is read by giplint's own Word reader, so the official layout with its merged header
cells, vertical group labels and rows allowed to break across pages is checked against the seed's
own findings without LibreOffice. The conversions need soffice and skip without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, lint_file
from office_render import convert, official_report, write_official_docx
from test_one_truth import _describe, findings

SEED_PATHS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEED_PATHS, reason="../shared is not present")


def _seed_ids() -> list[object]:
    return [pytest.param(path, id=path.stem[:3]) for path in SEED_PATHS] or [
        pytest.param(None, marks=pytest.mark.skip(reason="../shared is not present"))
    ]


@needs_seeds
def test_official_layout_merges_the_template_cells() -> None:
    report = official_report(SEED_PATHS[0].read_text(encoding="utf-8"))
    tables = [content for kind, content in report if kind == "table"]
    three = tables[1]
    assert three[0][:2] == [(three[0][0][0], 3, 3), ("申请人情况", 1, 7)]  # type: ignore[index]
    assert three[1] == [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
    results = next(row for row in three if any("本 年 度" in str(cell) for cell in row))
    assert results[0] == ("三 、 本 年 度 办 理 结 果", 22, 1)  # down every result row and (七)总计
    assert ("(三)不予公开", 8, 1) in [cell for row in three for cell in row]
    four = tables[2]
    assert four[0] == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert len(four) == 4 and len(four[3]) == 15


@pytest.mark.parametrize("seed", _seed_ids())
def test_official_word_layout_gives_the_seed_findings(seed: Path, tmp_path: Path) -> None:
    path = tmp_path / f"{seed.stem}.docx"
    write_official_docx(official_report(seed.read_text(encoding="utf-8")), path, filler=3, spacing=4)
    assert _describe(findings(lint_file(path))) == _describe(findings(lint_file(seed)))


def test_soffice_converts_a_word_file(tmp_path: Path) -> None:
    from report_defs import CLEAN_2021

    source = tmp_path / "clean.docx"
    write_official_docx(CLEAN_2021, source)
    outputs = convert([source], "odt", tmp_path / "out")  # skips without soffice
    assert outputs[0].read_bytes()[:2] == b"PK"
