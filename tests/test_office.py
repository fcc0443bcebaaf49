"""Office forms of the seeds: the official Word layout (tests/office_render.py), and what
LibreOffice makes of it.

The .docx is read by giplint's own Word reader, so the official layout with its merged header
cells, vertical group labels and rows allowed to break across pages is checked against the seed's
own findings without LibreOffice. The conversions need soffice and skip without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEEDS, lint_file
from office_render import convert, need_soffice, official_report, seeds_as, write_official_docx
from test_one_truth import _describe, findings

from giplint.readers.office import read_converted

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


def test_doc_is_read_through_libreoffice_with_word_positions(tmp_path: Path) -> None:
    from report_defs import CLEAN_2021

    from giplint.readers.docx import read_docx

    source = tmp_path / "clean.docx"
    write_official_docx(CLEAN_2021, source)
    doc = convert([source], "doc", tmp_path / "out")[0]  # skips without soffice
    before = doc.read_bytes()
    document = read_converted(str(doc), before)
    assert doc.read_bytes() == before  # the input is never written
    assert document.source_format == "doc"
    assert document.text == read_docx(str(source), source.read_bytes()).text
    six = document.location(document.text.index("六、其他需要报告的事项"))
    assert six == "“六、其他需要报告的事项”" or re.fullmatch(r"第\d+页第\d+段", six), six  # LibreOffice may paginate
    assert document.location(document.text.index("\n156 |") + 1) == "第1个表格第7行第2列"  # 行政许可 of 第二十条第（五）项


# ---------------------------------------------------------------------------------------------
# .odt (read directly), .doc and .rtf (read through LibreOffice): each seed's own findings

CONVERTED = ("odt", "doc", "rtf")


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every seed typed into the official Word layout and saved by LibreOffice as .odt, .doc and
    .rtf (one soffice run per format; skips without soffice or ../shared)."""
    if not SEED_PATHS:
        pytest.skip("../shared is not present")
    need_soffice()
    root = tmp_path_factory.mktemp("office")
    return {fmt: seeds_as(SEED_PATHS, fmt, root, filler=2, spacing=2) for fmt in CONVERTED}


def _converted_ids() -> list[object]:
    return [
        pytest.param(index, fmt, id=f"{path.stem[:3]}-{fmt}")
        for index, path in enumerate(SEED_PATHS)
        for fmt in CONVERTED
    ] or [pytest.param(0, "odt", marks=pytest.mark.skip(reason="../shared is not present"))]


@pytest.mark.slow  # 15 LibreOffice conversions, and each .doc/.rtf converted again to be read
@pytest.mark.parametrize(("index", "fmt"), _converted_ids())
def test_seed_saved_by_libreoffice_gives_the_seed_findings(
    seed_files: dict[str, list[Path]], index: int, fmt: str
) -> None:
    path = seed_files[fmt][index]
    assert _describe(findings(lint_file(path))) == _describe(findings(lint_file(SEED_PATHS[index])))
