"""`giplint template`: the skeleton is the mandated format, giplint reads it back, and last year's
report fills the carry-over (tests run the real command and read the files it writes)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import SEEDS, lint_file, need_shared, parse_file, run_cli

from giplint import layouts
from giplint.layouts import APPLICATIONS_2021, OVERVIEW_TOPICS, SECTIONS, VOCABULARY
from giplint.model import Report
from giplint.tablegrid import display, mandated_grid
from giplint.template import Skeleton, build_skeleton, render_text, write_docx

# What a skeleton still lacks, and the only findings a fresh one may get: blank cells, empty
# prose sections. Anything else (layout, title, wording, arithmetic) is the template's fault.
TO_FILL = {"blank-cell", "empty-other-matters", "perfunctory-problems", "incomplete-overview", "other-matters-items"}


def _values(table: str) -> list[dataclasses.Field[str] | object]:
    return [cell for row in mandated_grid(table) for cell in row if cell.kind == "value"]


def test_grids_have_every_cell_of_the_format() -> None:
    """Spec §4: table 二 has 10 data cells, table 三 25 rows × 7 = 175, table 四 15."""
    assert len(_values("active_disclosure")) == 10
    assert len(_values("applications")) == 175
    assert len(_values("review_litigation")) == 15
    labels = {cell.text for row in mandated_grid("applications") for cell in row}
    for spec in VOCABULARY["applications"]:
        if spec.kind in ("row", "group") and spec.name != "OTHER_HANDLING":  # a 2019-only row
            assert display(spec.text) in labels, spec.text
    assert "（六）其他处理" in labels  # the 2021 group of three sub-rows


def test_grid_labels_come_from_the_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one home: a label edited in giplint/layouts.py is what the template prints."""
    edited = tuple(
        dataclasses.replace(spec, text="复议后再起诉") if spec.name == "SUIT_AFTER_REVIEW" else spec
        for spec in VOCABULARY["review_litigation"]
    )
    monkeypatch.setitem(layouts.VOCABULARY, "review_litigation", edited)
    texts = [cell.text for row in mandated_grid("review_litigation") for cell in row]
    assert "复议后再起诉" in texts and "复议后起诉" not in texts


def _write(skeleton: Skeleton, path: Path) -> Path:
    if path.suffix == ".docx":
        write_docx(skeleton, str(path))
    else:
        path.write_text(render_text(skeleton, markdown=path.suffix == ".md"), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".docx", ".txt", ".md"])
def test_fresh_template_reports_only_what_is_to_be_filled(tmp_path: Path, suffix: str) -> None:
    path = _write(build_skeleton("某某县某某局", 2025), tmp_path / f"年报{suffix}")
    report = parse_file(path)
    assert [s.number for s in report.sections] == [s.number for s in SECTIONS]
    assert report.title is not None and report.title.year == 2025 and report.title.organ == "某某县某某局"
    assert report.layout == "2021"
    findings = lint_file(path)
    assert findings, "the blank cells are still to be filled"
    assert {d.rule_name for d in findings} <= TO_FILL, sorted({(d.rule_id, d.message) for d in findings})
    blank = [d for d in findings if d.rule_name == "blank-cell"]
    assert {d.section for d in blank} == {"二", "三", "四"}


def _filled(skeleton: Skeleton, report: Report) -> Skeleton:
    """The skeleton with every cell typed in as `report` has it (its raw text, errors and all)."""
    blocks = []
    for block in skeleton.blocks:
        table = report.table(block.table) if block.kind == "table" else None
        if table is not None:
            grid = [
                [
                    dataclasses.replace(cell, text=found.raw)
                    if cell.kind == "value" and (found := table.cell(cell.row, cell.column)) is not None
                    else cell
                    for cell in row
                ]
                for row in block.grid
            ]
            block = dataclasses.replace(block, grid=grid)
        blocks.append(block)
    return dataclasses.replace(skeleton, blocks=tuple(blocks))


def _arithmetic(path: Path) -> list[tuple[str, str]]:
    return sorted((d.rule_id, d.message) for d in lint_file(path) if d.rule_id.startswith("GIP3"))


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.stem)
def test_template_filled_with_a_seed_gives_the_seeds_arithmetic(tmp_path: Path, seed: Path) -> None:
    need_shared()
    report = parse_file(seed)
    if report.layout != "2021":
        pytest.skip("the template is the 2021 layout; this seed is not")
    skeleton = _filled(build_skeleton(report.organ or "某机关", report.year or 2025), report)
    for suffix in (".txt", ".docx"):
        path = _write(skeleton, tmp_path / f"filled{suffix}")
        assert _arithmetic(path) == _arithmetic(seed)
        others = {d.rule_name for d in lint_file(path) if not d.rule_id.startswith("GIP3")}
        assert others <= TO_FILL | {"value-with-note", "invalid-number", "blank-cell"}, others


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.stem)
def test_previous_fills_the_carried_over_row_cell_by_cell(tmp_path: Path, seed: Path) -> None:
    need_shared()
    last_year = parse_file(seed)
    table = last_year.table("applications")
    if table is None or not table.row("carried_forward"):
        pytest.skip("this seed has no 四、结转下年度继续办理 row")
    out = tmp_path / "本年.docx"
    code, _, err = run_cli(
        "template", "--organ", "某某局", "--year", "2025", "-o", str(out), "--previous", str(seed)
    )
    assert code == 0, err
    this_year = parse_file(out).table("applications")
    assert this_year is not None
    for column in APPLICATIONS_2021.row("carried_over").columns:  # type: ignore[union-attr]
        carried = table.cell("carried_forward", column.key)
        filled = this_year.cell("carried_over", column.key)
        assert filled is not None and carried is not None
        assert filled.value == carried.value, column.label
    comments = "".join(c.text for c in docx.Document(str(out)).comments)
    assert "上年报告所列问题" in comments and "现行有效件数" in comments
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    five = last_year.section("五")
    assert five is not None and five.body.strip()[:20] not in body  # shown as a note, never copied in


def test_template_docx_structure_as_word_shows_it(tmp_path: Path) -> None:
    out = tmp_path / "年报.docx"
    assert run_cli("template", "--organ", "某某县某某局", "--year", "2025", "-o", str(out))[0] == 0
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        item
        for spec in SECTIONS
        for item in [f"{spec.number}、{spec.title}"]
        + (
            [f"（{'一二三四五'[i]}）{topic}" for i, topic in enumerate(OVERVIEW_TOPICS)]
            if spec.number == "一"
            else []
        )
    ]
    assert len(document.tables) == 3
    assert "信息处理费" in "\n".join(p.text for p in document.paragraphs)


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    draft = tmp_path / "年报.docx"
    draft.write_bytes(b"an editor's draft")
    code, _, err = run_cli("template", "--organ", "某局", "--year", "2025", "-o", str(draft))
    assert code == 2 and "文件已存在" in err and draft.read_bytes() == b"an editor's draft"
    code, _, err = run_cli(
        "template", "--organ", "某局", "--year", "2025", "-o", str(draft), "--previous", str(draft)
    )
    assert code == 2 and "上年度的报告" in err and draft.read_bytes() == b"an editor's draft"


def test_template_bad_previous_and_year(tmp_path: Path) -> None:
    missing = tmp_path / "没有.txt"
    code, _, err = run_cli(
        "template",
        "--organ",
        "某局",
        "--year",
        "2025",
        "-o",
        str(tmp_path / "a.docx"),
        "--previous",
        str(missing),
    )
    assert code == 2 and str(missing) in err and not (tmp_path / "a.docx").exists()
    code, _, err = run_cli("template", "--organ", "某局", "--year", "25", "-o", str(tmp_path / "b.docx"))
    assert code == 2 and "不是有效的报告年度" in err


@pytest.mark.slow
def test_template_opens_in_libreoffice(tmp_path: Path) -> None:
    """The Word file is a real one: LibreOffice converts it to PDF, and giplint reads that PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    out = tmp_path / "年报.docx"
    assert run_cli("template", "--organ", "某某县某某局", "--year", "2025", "-o", str(out))[0] == 0
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "年报.pdf"
    assert pdf.stat().st_size > 0
    report = parse_file(pdf)
    assert [s.number for s in report.sections] == [s.number for s in SECTIONS]
    assert report.layout == "2021"
