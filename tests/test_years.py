"""Across years: organ recognition, pairing, the cross-year rules on generated pairs, `--previous`,
the `reports:` configuration and `giplint compare`.

Pairs are generated from the real seed reports (tests/year_pairs.py): last year's report is made
consistent with this year's, then one defect is put in, and the findings must be exactly the ones
that defect implies, at this year's cells.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import (
    CORPUS,
    FIXTURES,
    REPORTS,
    ROOT,
    SEEDS,
    lint_file,
    need_shared,
    parse_file,
    registry,
    run_cli,
)
from render_formats import write_docx, write_html
from report_variants import seed_to_report
from year_pairs import year_before

from giplint.engine.pairing import pair
from giplint.lint import lint_bytes, read_document
from giplint.model import CellStatus, Report
from giplint.parse import parse_document
from giplint.years.compare import compare_reports, comparison_to_dict
from giplint.years.organ import ReportIdentity, organ_key, recognise
from giplint.years.reuse import sentences

SCHEMA = json.loads((ROOT / "docs" / "compare-json-schema.json").read_text(encoding="utf-8"))
CROSS_YEAR = ("GIP501", "GIP502", "GIP503", "GIP504")


def parse_text(text: str, name: str = "previous.txt") -> Report:
    return parse_document(read_document(name, text.encode("utf-8"), registry().readers))


def cross_year_findings(path: Path, previous_text: str) -> list[tuple[str, int, int]]:
    reg = registry()
    result = lint_bytes(
        str(path), path.read_bytes(), reg.rules, reg.kinds, reg.readers, parse_text(previous_text)
    )
    assert not result.failures
    return [(d.rule_id, d.span.line, d.span.column) for d in result.diagnostics if d.rule_id in CROSS_YEAR]


def seeds_2021() -> list[Path]:
    need_shared()
    found = [p for p in sorted(SEEDS.glob("*.txt")) if parse_file(p).layout == "2021"]
    assert len(found) >= 3, found
    return found


# -- organs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["沭阳县人民政府", "沭阳县政府", "沭阳县", " 沭阳县 人民政府 "], "沭阳县"),
        (
            [
                "平潭综合实验区管理委员会",
                "平潭综合实验区管委会",
                "当前位置：首页 > 政务公开 > 平潭综合实验区",
            ],
            "平潭综合实验区",
        ),
        (["重庆市开州区民政局", "重庆市开州区民政局", "《重庆市开州区民政局》"], "重庆市开州区民政局"),
        (["沭阳县人民政府办公室", "沭阳县人民政府办公室"], "沭阳县人民政府办公室"),
    ],
)
def test_spellings_of_one_organ_share_a_key(spellings: list[str], key: str) -> None:
    assert {organ_key(s) for s in spellings} == {key}


def test_an_office_is_not_its_government() -> None:
    assert organ_key("沭阳县人民政府办公室") != organ_key("沭阳县人民政府")


def test_organ_from_title_and_from_an_organ_line() -> None:
    titled = recognise(parse_file(REPORTS / "clean-2021.txt"))
    assert (titled.organ, titled.year, titled.organ_source) == ("示例市示例区文化和旅游局", 2024, "title")
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    lined = recognise(
        parse_text("沭阳县人民政府\n" + first.replace("示例市示例区文化和旅游局", "") + "\n" + rest)
    )
    assert lined.key == "沭阳县"
    assert lined.year == 2024


def test_organ_from_signature_at_the_end() -> None:
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8").split("\n", 1)[1]  # no title
    signed = recognise(parse_text(text.rstrip("\n") + "\n沭阳县发展和改革局\n2025年1月20日\n"))
    assert (signed.organ, signed.organ_source) == ("沭阳县发展和改革局", "signature")
    assert recognise(parse_text(text)).organ is None


def test_organs_of_the_shared_reports() -> None:
    """What the closing note of issue 12 reports: titled reports are recognised, untitled seeds not."""
    need_shared()
    found = {p.name: recognise(parse_file(p)) for p in [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt")]}
    titled = {name: identity for name, identity in found.items() if identity.organ_source == "title"}
    assert {i.key for i in titled.values()} == {"重庆市开州区民政局", "平潭综合实验区"}
    assert sorted(i.year for n, i in titled.items() if "pingtan" in n) == [2018, 2019, 2021, 2023, 2025]
    untitled = sorted(name for name, identity in found.items() if identity.organ is None)
    assert untitled == sorted(p.name for p in SEEDS.glob("00[0-3]_*.txt"))


def test_pair_same_organ_previous_year_only() -> None:
    def ident(key: str | None, year: int | None) -> ReportIdentity:
        return ReportIdentity(key, key, year, "title", "title")

    identities = [
        ident("甲", 2024),
        ident("甲", 2023),
        ident("乙", 2023),
        ident("丙", 2024),
        ident("丙", 2023),
        ident("丙", 2023),  # two 丙 2023 reports: ambiguous, no pairing
        ident(None, 2023),
        None,
        ident("甲", 2021),  # 甲 2022 is not in the run
    ]
    assert pair(identities) == [1, None, None, None, None, None, None, None, None]


# -- the rules on generated pairs -----------------------------------------------------------------


def test_consistent_year_before_gives_no_cross_year_finding() -> None:
    for path in seeds_2021():
        assert cross_year_findings(path, year_before(parse_file(path))) == [], path.name


def test_carried_over_defect_is_found_at_this_years_cells() -> None:
    for path in seeds_2021():
        report = parse_file(path)
        carried = report.table("applications").row("carried_over")  # type: ignore[union-attr]
        found = cross_year_findings(
            path, year_before(report, carried_delta={"natural_person": 2, "total": 2})
        )
        expected = [
            ("GIP501", carried[c].span.line, carried[c].span.column)
            for c in ("natural_person", "total")
            if carried[c].status is CellStatus.VALUE
        ]
        assert sorted(found) == sorted(expected), path.name


def test_in_force_defect_is_found_at_this_years_cell() -> None:
    for path in seeds_2021():
        report = parse_file(path)
        cell = report.table("active_disclosure").cell("normative_documents", "in_force")  # type: ignore[union-attr]
        found = cross_year_findings(path, year_before(report, in_force_delta={"normative_documents": 3}))
        assert found == [("GIP502", cell.span.line, cell.span.column)], path.name  # type: ignore[union-attr]


def test_repealing_more_than_was_in_force_is_found() -> None:
    path = REPORTS / "repealed-2024.txt"  # 3 规章 repealed, none issued, none in force
    report = parse_file(path)
    table = report.table("active_disclosure")
    repealed, in_force = (table.cell("regulations", c) for c in ("repealed", "in_force"))  # type: ignore[union-attr]
    assert cross_year_findings(path, year_before(report)) == []  # last year: 3 in force, all repealed
    found = cross_year_findings(path, year_before(report, in_force_delta={"regulations": -3}))
    assert sorted(found) == [
        ("GIP502", in_force.span.line, in_force.span.column),  # type: ignore[union-attr]
        ("GIP503", repealed.span.line, repealed.span.column),  # type: ignore[union-attr]
    ]


def test_copied_section_five_is_found_at_its_first_sentence() -> None:
    for path in seeds_2021():
        report = parse_file(path)
        five = report.section("五")
        found = cross_year_findings(path, year_before(report, copy_five=True))
        first = sentences(five.body)[0]  # type: ignore[union-attr]
        line, column = report.document.position(five.body_offset + first.start)  # type: ignore[union-attr]
        assert found == [("GIP504", line, column)], path.name
        assert first.text in report.document.lines[line - 1]


def test_blank_cells_are_never_compared() -> None:
    """A blank 上年结转 this year is not compared with last year's figure (no invented mismatch)."""
    path = REPORTS / "clean-2021.txt"
    report = parse_file(path)
    cell = report.table("applications").cell("carried_over", "total")  # type: ignore[union-attr]
    text = report.document.text
    blanked = text[: cell.place.start] + text[cell.place.end :]  # type: ignore[union-attr]
    this_year = parse_text(blanked, "blank.txt")
    assert this_year.table("applications").cell("carried_over", "total").status is CellStatus.BLANK  # type: ignore[union-attr]
    last_year = parse_text(year_before(report, carried_delta={"total": 5}))
    reg = registry()
    result = lint_bytes("blank.txt", blanked.encode("utf-8"), reg.rules, reg.kinds, reg.readers, last_year)
    assert [d for d in result.diagnostics if d.rule_id == "GIP501"] == []


def test_cross_year_rules_do_not_run_without_last_years_report() -> None:
    assert [d for d in lint_file(REPORTS / "repealed-2024.txt") if d.rule_id in CROSS_YEAR] == []


# -- runs: pairing a folder, --previous, configuration --------------------------------------------


def write_pair_folder(folder: Path) -> tuple[Path, list[tuple[int, int]]]:
    """This year's seed report, its year before with a carried-over defect, and two unrelated
    reports: another organ's 2023 report (which would disagree if paired) and 2024 fixture."""
    need_shared()
    seed = SEEDS / "004_0d529075b8579b4b.txt"
    report = parse_file(seed)
    folder.mkdir()
    this_year = folder / "kaizhou-2024.txt"
    this_year.write_bytes(seed.read_bytes())
    (folder / "kaizhou-2023.txt").write_text(
        year_before(report, carried_delta={"total": 1}), encoding="utf-8"
    )
    (folder / "other-2023.txt").write_text(
        year_before(report, carried_delta={"total": 4}, organ=("重庆市开州区民政局", "重庆市开州区财政局")),
        encoding="utf-8",
    )
    (folder / "sample-2024.txt").write_bytes((REPORTS / "clean-2021.txt").read_bytes())
    total = report.table("applications").cell("carried_over", "total")  # type: ignore[union-attr]
    return this_year, [(total.span.line, total.span.column)]  # type: ignore[union-attr]


def test_folder_run_pairs_the_same_organ_and_ignores_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    _, expected = write_pair_folder(folder)
    monkeypatch.chdir(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        _code, out, _ = run_cli("--format", "concise", "--statistics", "--jobs", jobs, "reports")
        outputs.append(out)
    assert outputs[0] == outputs[1]
    found = [line for line in outputs[0].splitlines() if ": GIP5" in line]
    assert [line.split(": GIP")[0] for line in found] == [
        f"reports/kaizhou-2024.txt:{ln}:{col}" for ln, col in expected
    ]
    assert "跨年度配对：1/4" in outputs[0]


def test_previous_option_pairs_explicitly(tmp_path: Path) -> None:
    need_shared()
    seed = SEEDS / "000_816126611a69aadc.txt"  # no title: no organ to pair by
    last = tmp_path / "last.txt"
    last.write_text(year_before(parse_file(seed), copy_five=True), encoding="utf-8")
    code, out, _ = run_cli("--format", "concise", "--select", "GIP5", str(seed))
    assert (code, out) == (0, "")
    code, out, _ = run_cli(
        "--format", "concise", "--select", "GIP5", "--statistics", str(seed), "--previous", str(last)
    )
    assert [line.split(" ")[1] for line in out.splitlines() if ": GIP" in line] == ["GIP504"]
    assert "跨年度配对：1/1" in out


def test_word_draft_against_last_years_web_page(tmp_path: Path) -> None:
    """The editor's case in its usual formats: this year's Word draft, last year's HTML page."""
    this_year = REPORTS / "clean-2021.txt"
    last_text = year_before(parse_file(this_year), carried_delta={"total": 2}, copy_five=True)
    draft, page = tmp_path / "draft.docx", tmp_path / "last.html"
    write_docx(seed_to_report(this_year.read_text(encoding="utf-8")), draft)
    write_html(seed_to_report(last_text), page)
    (tmp_path / "last.txt").write_text(last_text, encoding="utf-8")
    by_format = []
    for current, previous in ((this_year, tmp_path / "last.txt"), (draft, page)):
        _, out, _ = run_cli(
            "--format", "concise", "--select", "GIP5", str(current), "--previous", str(previous)
        )
        by_format.append(sorted(re.search(r" (GIP\d{3}) ", line).group(1) for line in out.splitlines()))  # type: ignore[union-attr]
    assert by_format[0] == by_format[1] == ["GIP501", "GIP504"]


def test_previous_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    code, _out, err = run_cli(
        "--format", "concise", str(REPORTS / "clean-2021.txt"), "--previous", str(tmp_path / "no.txt")
    )
    assert code == 2
    assert "no.txt：文件不存在" in err and "--previous" in err


@pytest.mark.parametrize("fmt", ["full", "concise", "json"])
def test_previous_of_another_year_is_a_usage_error_before_any_output(fmt: str) -> None:
    """Not findings and "1 个文件未能检查" together: one usage line, nothing on stdout, exit 2
    (the report has findings of its own: they are not shown either)."""
    this_year = REPORTS / "balance-error.txt"
    assert run_cli("--format", fmt, str(this_year))[0] == 1
    code, out, err = run_cli("--format", fmt, str(this_year), "--previous", str(this_year))
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert re.fullmatch(
        r"用法错误：\S*balance-error\.txt：--previous 指定的是2024年度的报告，"
        r"不是\S*balance-error\.txt（2024年度）的上一年度。请指定上一年度的报告。",
        line,
    ), line


def test_reports_config_names_organ_and_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_shared()
    seed = SEEDS / "003_e5b39d85801b4d29.txt"  # no title
    folder = tmp_path / "qiyang"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed.read_bytes())
    (folder / "b.txt").write_text(year_before(parse_file(seed), copy_five=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("--format", "concise", "--select", "GIP5", "qiyang")
    assert (code, out) == (0, "")  # without an organ nothing pairs
    (tmp_path / ".giplint.yaml").write_text(
        'reports:\n  - {paths: "qiyang/*", organ: 祁阳市某局}\n  - {paths: "qiyang/b.txt", year: 2023}\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli("--format", "concise", "--select", "GIP5", "qiyang")
    assert code == 0  # warnings only
    # 五 copied (GIP504), and year_before() keeps tables 三 and 四 as they are: copied whole (GIP505)
    assert sorted(line.split(" ")[1] for line in out.splitlines()) == ["GIP504", "GIP505"]
    assert [line.split(":")[0] for line in out.splitlines()] == ["qiyang/a.txt"] * 2


@pytest.mark.parametrize(
    ("entry", "wording"),
    [
        ('reports:\n  - {paths: "a/*"}\n', "organ 或 year"),
        ('reports:\n  - {paths: "a/*", year: 24}\n', "四位年份"),
        ('reports:\n  - {paths: "a/*", organ: 甲, colour: red}\n', "colour"),
        ("reports: 甲\n", "reports 应为列表"),
    ],
)
def test_broken_reports_config_names_file_and_line(tmp_path: Path, entry: str, wording: str) -> None:
    config = tmp_path / "giplint.yaml"
    config.write_text(entry, encoding="utf-8")
    code, _, err = run_cli("--config", str(config), str(REPORTS / "clean-2021.txt"))
    assert code == 2
    assert f"{config}:" in err and wording in err


def test_misspelt_previous_name_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "giplint.yaml"
    config.write_text(
        "rules:\n  GIP501:\n    expect: carried_over == previous.applications.carried_forwrd\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("--config", str(config), str(REPORTS / "clean-2021.txt"))
    assert code == 2
    assert "carried_forwrd" in err and f"{config}:" in err


# -- giplint compare -------------------------------------------------------------------------------


def test_compare_json_matches_schema_and_the_model(tmp_path: Path) -> None:
    last = tmp_path / "2023.txt"
    report = parse_file(REPORTS / "clean-2021.txt")
    last.write_text(year_before(report, carried_delta={"total": 3}, copy_five=True), encoding="utf-8")
    code, out, _ = run_cli("compare", str(last), str(REPORTS / "clean-2021.txt"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["same_organ"] and (data["old"]["year"], data["new"]["year"]) == (2023, 2024)
    applications = next(t for t in data["tables"] if t["table"] == "applications")
    carried_forward = next(r for r in applications["rows"] if r["row"] == "carried_forward")
    total = next(f for f in carried_forward["figures"] if f["column"] == "total")
    this_year = report.table("applications").cell("carried_forward", "total").value  # type: ignore[union-attr]
    carried_over = report.table("applications").cell("carried_over", "total").value  # type: ignore[union-attr]
    assert (total["old"], total["new"], total["change"]) == (
        carried_over + 3,
        this_year,
        this_year - carried_over - 3,
    )
    assert applications["rows"][0]["row"] == "new_received"  # the form's order, not the size of change
    five = next(s for s in data["text_reuse"] if s["section"] == "五")
    assert five["copied"] == five["sentences"] > 0 and five["share"] == 1
    assert {f["rule"] for f in data["findings"]} == {"GIP501", "GIP504"}


def test_compare_across_layouts_says_what_is_not_comparable() -> None:
    old, new = REPORTS / "old-layout-2020.txt", REPORTS / "clean-2021.txt"
    reg = registry()
    comparison = compare_reports(parse_file(old), parse_file(new), reg.rules, reg.kinds)
    data = comparison_to_dict(comparison)
    jsonschema.validate(data, SCHEMA)
    active = next(t for t in data["tables"] if t["table"] == "active_disclosure")
    assert (active["old_layout"], active["new_layout"]) == ("2019", "2021")
    regulations = next(r for r in active["rows"] if r["row"] == "regulations")
    by_column = {f["column"]: f for f in regulations["figures"]}
    assert not by_column["in_force"]["same_quantity"] and by_column["in_force"]["change"] is None
    assert not by_column["public_total"]["same_quantity"]
    licensing = next(r for r in active["rows"] if r["row"] == "licensing")
    decisions = next(f for f in licensing["figures"] if f["column"] == "decisions")
    assert decisions["same_quantity"]  # 处理决定数量 is the same quantity in both layouts
    code, out, _ = run_cli("compare", str(old), str(new))
    assert code == 0
    assert (
        "不可比（两年格式不同，不是同一数量）：规章（本年制发件数、本年废止件数、现行有效件数、本年新制作数量"
        in out
    )
    assert "文字重复率" in out and "跨年度检查" in out


def test_compare_text_shows_the_changes(tmp_path: Path) -> None:
    last = tmp_path / "2023.txt"
    last.write_text(
        year_before(
            parse_file(REPORTS / "clean-2021.txt"),
            carried_delta={"total": 1},
            in_force_delta={"normative_documents": 9},
        ),
        encoding="utf-8",
    )
    code, out, _ = run_cli("compare", str(last), str(REPORTS / "clean-2021.txt"))
    assert code == 0
    assert out.index("行政规范性文件") < out.index("两年相同的数字：") and "规章" not in out.split("增减")[1].split("两年相同")[0]
    issued, repealed = (
        parse_file(REPORTS / "clean-2021.txt").table("active_disclosure").cell("normative_documents", c).value  # type: ignore[union-attr]
        for c in ("issued", "repealed")
    )
    assert f"{issued - repealed - 9}" in out and "GIP502" in out and "GIP501" in out


def test_compare_of_years_apart_is_not_cross_checked(tmp_path: Path) -> None:
    old = tmp_path / "2022.txt"
    old.write_text(
        (REPORTS / "previous-2023-copied.txt").read_text(encoding="utf-8").replace("2023年", "2022年"),
        encoding="utf-8",
    )
    code, out, _ = run_cli("compare", str(old), str(REPORTS / "clean-2021.txt"), "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert (code, data["cross_checked"], data["findings"]) == (0, False, [])
    five = next(s for s in data["text_reuse"] if s["section"] == "五")
    assert five["copied"] > 0  # text reuse is still measured
    code, out, _ = run_cli("compare", str(old), str(REPORTS / "clean-2021.txt"))
    assert "两份报告不是相邻年度（2022年、2024年），不做跨年度检查。" in out


def test_compare_unreadable_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run_cli("compare", str(tmp_path / "none.txt"), str(REPORTS / "clean-2021.txt"))
    assert code == 2 and out == ""
    assert "none.txt：文件不存在" in err


def test_case_fixture_pairs_are_consistent_where_no_defect_is_meant() -> None:
    """previous-2023.txt is the consistent year before clean-2021.txt (the case files rely on it)."""
    findings = lint_file(REPORTS / "clean-2021.txt", REPORTS / "previous-2023.txt")
    assert [d for d in findings if d.rule_id in CROSS_YEAR] == []
    assert FIXTURES.is_dir()
