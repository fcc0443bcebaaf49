"""--format html and compare --format html/csv: the pages as written (the browser test is
tests/test_html_browser.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS, need_shared, run_cli
from html_check import (
    by_id,
    checklist_problems,
    classes,
    external_references,
    mark_problems,
    notes,
    parse_strict,
)

from giplint import layouts

FIXTURES = [
    "clean-2021.txt",
    "balance-error.txt",
    "blank-cells.txt",
    "no-section-6.txt",
    "old-layout-2023.txt",
    "missing-table.txt",
    "no-title.txt",
    "garbled-2021.txt",
    "section-order.txt",
    "invalid-number.txt",
]


def _json(*args: str) -> list[dict]:  # type: ignore[type-arg]
    code, out, err = run_cli("--format", "json", "--no-cache", *args)
    assert code in (0, 1), err
    return json.loads(out)  # type: ignore[no-any-return]


def _page(*args: str) -> str:
    code, out, err = run_cli("--format", "html", "--no-cache", *args)
    assert code in (0, 1), err
    return out


def _assert_page(page: str, diagnostics: list[dict], cross_checked: bool = False) -> None:  # type: ignore[type-arg]
    tree = parse_strict(page)
    assert mark_problems(tree, diagnostics) == []
    assert checklist_problems(tree, diagnostics, cross_checked) == []
    assert external_references(tree) == []


@pytest.mark.parametrize("name", FIXTURES)
def test_every_finding_is_marked_in_place(name: str) -> None:
    path = str(REPORTS / name)
    (result,) = _json(path)
    _assert_page(_page(path), result["diagnostics"])


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_pages(seed: str) -> None:
    need_shared()
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    (result,) = _json(str(path))
    _assert_page(_page(str(path)), result["diagnostics"])


def test_a_cell_finding_marks_its_cell_and_the_six_sections_are_in_order() -> None:
    page = _page(str(REPORTS / "balance-error.txt"))
    tree = parse_strict(page)
    ids = by_id(tree)
    at = {n.get("data-rule"): n.get("data-at") for n in notes(tree)}
    assert at["GIP301"].startswith("cell-applications-"), at  # the cell of the wrong column
    assert "hit" in classes(ids[at["GIP301"]])
    headings = [h.text for h in tree.iter("h2")]
    assert [h[0] for h in headings] == list(layouts.SECTION_ORDER)
    # the tables are real tables with the vocabulary's labels
    cells = "".join(th.text or "" for th in tree.iter("th"))
    for label in ("（七）总计", "结转下年度继续办理", "第二十条第（一）项", "未经复议直接起诉", "法人或其他组织"):
        assert label in cells


def test_a_missing_section_is_shown_where_it_belongs() -> None:
    page = _page(str(REPORTS / "no-section-6.txt"))
    tree = parse_strict(page)
    missing = by_id(tree)["sec-6"]
    assert "missing" in classes(missing) and "hit" in classes(missing)
    item = next(e for e in tree.iter("li") if e.get("data-check") == "sections")
    assert item.get("data-ok") == "fail"


def test_report_text_is_escaped(tmp_path: Path) -> None:
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
    hostile = '<script>alert(1)</script><img src="http://x/y.png">\x07\x1b[31m "quoted" &amp;'
    text = text.replace("一、总体情况\n", f"一、总体情况\n{hostile}。\n", 1)
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    page = _page(str(path))
    tree = parse_strict(page)
    assert external_references(tree) == []
    assert "<script>" not in page and "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x07" not in page and "\x1b" not in page and "\\x07" in page


def test_cross_checked_report_has_the_previous_year_check(tmp_path: Path) -> None:
    path, previous = str(REPORTS / "clean-2021.txt"), str(REPORTS / "previous-2023-copied.txt")
    (result,) = _json(path, "--previous", previous)
    page = _page(path, "--previous", previous)
    _assert_page(page, result["diagnostics"], cross_checked=True)
    assert any(d["rule"].startswith("GIP5") for d in result["diagnostics"])


def test_output_dir_writes_an_index_and_a_page_per_report(tmp_path: Path) -> None:
    names = ["clean-2021.txt", "balance-error.txt", "previous-2023.txt"]
    paths = [str(REPORTS / n) for n in names]
    out = tmp_path / "site"
    code, stdout, err = run_cli("--format", "html", "--no-cache", "--output-dir", str(out), *paths)
    assert code == 1 and stdout == ""
    assert "index.html" in err
    pages = sorted(p.name for p in out.iterdir())
    assert pages == sorted(["index.html", *(f"{n}.html" for n in names)])
    index = parse_strict((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(a.get("href") for a in index.iter("a")) == sorted(f"{n}.html" for n in names)
    results = {Path(r["path"]).name: r for r in _json(*paths)}
    for name in names:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        # both 2024 reports are paired with the same organ's 2023 report in the run: cross-checked
        _assert_page(page, results[name]["diagnostics"], cross_checked=name != "previous-2023.txt")


def test_html_with_the_result_cache_gives_the_same_page(tmp_path: Path) -> None:
    path = str(REPORTS / "balance-error.txt")
    cache = str(tmp_path / "cache")
    first = run_cli("--format", "html", "--cache-dir", cache, path)
    second = run_cli("--format", "html", "--cache-dir", cache, path)  # answered by the cache
    assert first == second and first[1].startswith("<!DOCTYPE html>")


def test_html_usage_errors(tmp_path: Path) -> None:
    two = [str(REPORTS / "clean-2021.txt"), str(REPORTS / "balance-error.txt")]
    code, out, err = run_cli("--format", "html", *two)
    assert code == 2 and out == "" and "--output-dir" in err
    code, out, err = run_cli("--format", "json", "--output-dir", str(tmp_path), two[0])
    assert code == 2 and "--output-dir" in err
    assert not any(tmp_path.iterdir())


def test_output_dir_never_overwrites_an_input(tmp_path: Path) -> None:
    from render_formats import write_html
    from report_defs import CLEAN_2021

    text_report = tmp_path / "r.txt"
    text_report.write_text((REPORTS / "clean-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    web_report = tmp_path / "r.txt.html"  # where the page of r.txt would go
    write_html(CLEAN_2021, web_report)
    before = web_report.read_bytes()
    code, _, err = run_cli("--format", "html", "--no-cache", "--output-dir", str(tmp_path), str(text_report), str(web_report))
    assert code == 2 and "覆盖" in err
    assert web_report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "r.txt.html"]


# -- compare ---------------------------------------------------------------------------------------


def _compare(fmt: str, old: Path, new: Path) -> str:
    code, out, err = run_cli("compare", str(old), str(new), "--format", fmt)
    assert code == 0, err
    return out


def test_compare_html_marks_changes_and_reused_text() -> None:
    old, new = REPORTS / "previous-2023-copied.txt", REPORTS / "clean-2021.txt"
    page = _compare("html", old, new)
    tree = parse_strict(page)
    assert external_references(tree) == []
    data = json.loads(_compare("json", old, new))
    changed = {
        (t["table"], r["row"], f["column"])
        for t in data["tables"]
        for r in t["rows"]
        for f in r["figures"]
        if f["change"] not in (None, 0)
    }
    marked = {
        tuple(e.get("id").split("-", 3)[1:])  # type: ignore[union-attr]
        for e in tree.iter("td")
        if "changed" in classes(e) and e.get("id")
    }
    assert changed and marked == changed
    reused = [e for e in tree.iter("td") if e.get("data-reused") == "true"]
    copied = sum(s["copied"] for s in data["text_reuse"])
    assert len(reused) == copied > 0
    assert {n.get("data-rule") for n in notes(tree)} == {f["rule"] for f in data["findings"]}


def test_compare_csv_opens_in_excel() -> None:
    old, new = REPORTS / "previous-2023.txt", REPORTS / "clean-2021.txt"
    out = _compare("csv", old, new)
    assert out.startswith("\ufeff") and "\r\n" in out
    rows = list(csv.reader(io.StringIO(out[1:], newline="")))
    assert rows[0] == ["表格", "项目", "列", "2023年", "2024年", "增减", "说明"]
    data = json.loads(_compare("json", old, new))
    figures = sum(len(r["figures"]) for t in data["tables"] for r in t["rows"])
    assert len(rows) - 1 == figures
    # rows in the form's order, not by size of change
    labels = [r[1] for r in rows[1:] if r[0].startswith("三")]
    spec = [row.label for row in layouts.APPLICATIONS_2021.rows]
    assert list(dict.fromkeys(labels)) == spec


def test_compare_trend_needs_three_years(tmp_path: Path) -> None:
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
    for year in (2022, 2023, 2024):
        (tmp_path / f"{year}.txt").write_text(text.replace("2024", str(year)), encoding="utf-8")
    page = _compare("html", tmp_path / "2023.txt", tmp_path / "2024.txt")
    tree = parse_strict(page)
    charts = [e for e in tree.iter() if e.tag == "svg" or str(e.tag).endswith("}svg")]
    assert len(charts) == 5
    (tmp_path / "2022.txt").unlink()
    page = _compare("html", tmp_path / "2023.txt", tmp_path / "2024.txt")
    assert "<svg" not in page


def test_a_finding_that_names_its_cell_is_marked_at_that_cell() -> None:
    """The table, row and column a finding carries (canonical labels, either bracket width) win
    over its position."""
    from dataclasses import replace

    from conftest import lint_file, parse_file

    from giplint.output.html_places import Places, anchor
    from giplint.output.html_view import view_of

    path = REPORTS / "balance-error.txt"
    view = view_of(parse_file(path))
    finding = lint_file(path)[0]
    places = Places()
    named = replace(finding, table="三", row="（七）总计", column="自然人")
    assert anchor(view, places, named) == "cell-applications-results_total-natural_person"
    assert anchor(view, places, replace(named, column="")) == "row-applications-results_total"
    fee = replace(finding, table="二", row="行政事业性收费", column="本年收费金额（单位：万元）")
    assert anchor(view, places, fee) == "cell-active_disclosure-administrative_fees-fee_amount"


def _format_check(page: str) -> tuple[str, str, list[str], str]:
    """(state, label, table captions, the meta line) of a page: what it says of the tables' format."""
    tree = parse_strict(page)
    item = next(li for li in tree.iter("li") if li.get("data-check") == "format")
    label = "".join(item.itertext()).removeprefix("✓").removeprefix("✗").split("：")[0]
    captions = ["".join(c.itertext()) for c in tree.iter("caption")]
    meta = next("".join(p.itertext()) for p in tree.iter("p") if "meta" in classes(p) and "表格" in "".join(p.itertext()))
    return item.get("data-ok") or "", label, captions, meta


@pytest.mark.parametrize("name", ["old-layout-2020.txt", "blank-other-handling-2020.txt"])
def test_a_2020_report_in_the_trial_layout_is_checked_against_what_applied_then(name: str) -> None:
    """For 2019 and 2020 reports the 2019 trial layout was the mandated one (GIP201 is a note at
    info): the checklist says that layout applied that year, not 表格格式（2021）, and the tables
    and header say so instead of calling it superseded."""
    state, label, captions, meta = _format_check(_page(str(REPORTS / name)))
    assert state == "pass"
    assert label == "表格格式（2020年度适用2019年试行格式）", label
    assert "2019年试行格式，2020年度适用" in meta, meta
    trial = [c for c in captions if "2019年试行格式" in c]
    assert len(trial) == 2 and all("2020年度适用" in c and "已废止" not in c for c in trial), captions


def test_a_later_report_in_the_trial_layout_is_told_it_is_superseded() -> None:
    state, label, captions, meta = _format_check(_page(str(REPORTS / "old-layout-2023.txt")))
    assert (state, label) == ("fail", "表格格式（2021）")
    assert "2019年试行格式，已废止" in meta, meta
    assert sum("2019年试行格式，已废止" in c for c in captions) == 2, captions
