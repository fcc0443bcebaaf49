"""One truth across lowerings: the same report lowered the ways real exports lower it gives the same
findings as its tidy `|`-cell text (tests/lowerings.py says what each lowering does).

Every rule's variant (tests/report_variants.py) and every real seed (../shared/seeds, turned into a
definition by seed_to_report) is written in each lowering and linted; the findings are compared as
(rule, message, section) multisets, like tests/test_one_truth.py does for .html and .docx.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, lint_file
from lowerings import LOWERINGS, write
from render_formats import write_txt
from report_variants import VARIANTS, seed_to_report
from test_one_truth import _describe, findings

from giplint.diagnostics import Severity

# What a lowering cannot carry, and so where its findings may differ from the tidy text's.
NOT_CARRIED = {
    # Word positions are not compared; nothing is excluded for the `|` lowerings.
}

SEED_PATHS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.parametrize("lowering", LOWERINGS)
@pytest.mark.parametrize("rule", list(VARIANTS))
def test_variant_gives_the_same_findings_in_every_lowering(rule: str, lowering: str, tmp_path: Path) -> None:
    if (rule, lowering) in NOT_CARRIED:
        pytest.skip(NOT_CARRIED[(rule, lowering)])
    report = VARIANTS[rule]()
    write_txt(report, tmp_path / "report.txt")
    expected = findings(lint_file(tmp_path / "report.txt"))
    path = tmp_path / f"report.{lowering}"
    write(report, path, lowering)
    assert _describe(findings(lint_file(path))) == _describe(expected)


def _seed_params() -> list[object]:
    if not SEED_PATHS:
        return [pytest.param(None, "md", marks=pytest.mark.skip(reason="../shared is not present"))]
    return [
        pytest.param(p, lowering, id=f"{p.stem[:3]}-{lowering}") for p in SEED_PATHS for lowering in LOWERINGS
    ]


@pytest.mark.parametrize(("seed", "lowering"), _seed_params())
def test_seed_gives_its_findings_in_every_lowering(seed: Path, lowering: str, tmp_path: Path) -> None:
    expected = findings(lint_file(seed))
    path = tmp_path / f"report.{lowering}"
    write(seed_to_report(seed.read_text(encoding="utf-8")), path, lowering)
    assert _describe(findings(lint_file(path))) == _describe(expected)


HUAIAN = SEEDS.parent / "corpus" / "013_huaian-city_2024.pdf"


@pytest.mark.parametrize("layout", [False, True], ids=["text-layer", "text-layer-layout"])
def test_real_pdf_text_layer_is_read_like_the_pdf(layout: bool, tmp_path: Path) -> None:
    """The real Huaian 2024 report (correct: every identity holds) copied out of its PDF as
    text, plain and laid out as on the page: group labels one character a line beside the rows,
    header cells over several lines, a label broken by a page: nothing above info."""
    if not HUAIAN.is_file():
        pytest.skip("../shared is not present")
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(HUAIAN) as pdf:
        text = "\n".join(page.extract_text(layout=layout) or "" for page in pdf.pages)
    path = tmp_path / "huaian.txt"
    path.write_text(text, encoding="utf-8")
    diagnostics = lint_file(path)
    # only GIP411: the 人民政府's 五 says nothing of last year's 整改 (see test_pdf.test_huaian_is_clean)
    assert [d.rule_id for d in diagnostics if d.severity >= Severity.WARNING] == ["GIP411"]
