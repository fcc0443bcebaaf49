"""Every finding says where an editor finds it (issue 16 item 4): its section, and for a finding
in a table the table, the row's label and the column's label as the form prints them.

Run over every case of every rule (fixtures/cases) and the seeds, through the JSON output an
integration reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, SEEDS, lint_case, lint_file, need_shared, parse_file, registry, run_cli

from giplint import layouts
from giplint.diagnostics import Diagnostic
from giplint.model import Report

SECTIONS = set(layouts.SECTION_ORDER)
# check kinds whose findings are about one cell (or a run of cells of one row)
CELL_KINDS = {"identity", "number_valid", "cells_filled"}
TABLE_OF = {"二": "active_disclosure", "三": "applications", "四": "review_litigation"}


def _cases() -> list[Any]:
    found = []
    for path in sorted((FIXTURES / "cases").glob("GIP*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            found.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{name}"))
    return found


def _form_labels(table: str) -> tuple[set[str], set[str]]:
    specs = [spec for spec in layouts.LAYOUTS.values() if spec.table == table]
    rows = {layouts.form_label(row.label) for spec in specs for row in spec.rows}
    columns = {layouts.form_label(c.label) for spec in specs for row in spec.rows for c in row.columns}
    return rows, columns


def _kinds() -> dict[str, str]:
    return {rule.id: rule.check for rule in registry().rules}


def assert_located(report: Report, diagnostics: list[Diagnostic], where: str) -> None:
    kinds = _kinds()
    first_heading = min((s.span.line for s in report.sections), default=None)
    for found in diagnostics:
        entry = found.to_dict()
        what = f"{where}: {entry['rule']} {entry['line']}:{entry['column']} {entry['message']}"
        if entry["section"]:
            assert entry["section"] in SECTIONS, what
        else:  # only what stands before the first section, or concerns the whole report
            assert entry["place"] == "标题及开头", what
            assert first_heading is None or entry["line"] <= first_heading, what
        assert entry["place"], what
        if kinds.get(entry["rule"]) in CELL_KINDS:
            assert entry["table"] == entry["section"], what
            assert entry["row_label"] and entry["column_label"], what
        if entry["table"]:
            rows, columns = _form_labels(TABLE_OF[entry["table"]])
            assert entry["table"] == entry["section"], what
            assert not entry["row_label"] or entry["row_label"] in rows, what
            for column in filter(None, entry["column_label"].split("、")):
                assert column in columns, what
            assert entry["place"].startswith(f"表{entry['table']}"), what
            if entry["row_label"]:
                assert f"“{entry['row_label']}” 行" in entry["place"], what
            if entry["column_label"]:
                assert f"“{entry['column_label']}” 列" in entry["place"], what


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_every_case_finding_is_located(rule: str, case: dict[str, Any]) -> None:
    diagnostics = lint_case(case["report"], case.get("replace", []), case.get("previous"))
    report = parse_file(FIXTURES / case["report"])
    assert_located(report, diagnostics, f"{rule} {case['report']}")


def test_every_rule_with_a_case_is_located_somewhere() -> None:
    """The parametrized test is not vacuous: the cases give findings of every rule."""
    rules = {
        rule
        for path in (FIXTURES / "cases").glob("GIP*.yaml")
        for rule in [yaml.safe_load(path.read_text(encoding="utf-8"))["rule"]]
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"].values()
        if case["expect"]
    }
    assert len(rules) >= 25


def test_seed_findings_are_located() -> None:
    need_shared()
    paths = sorted(SEEDS.glob("*.txt"))
    code, out, _ = run_cli("--format", "json", "--no-cache", *map(str, paths))
    assert code == 1
    by_path = {Path(entry["path"]).name: entry for entry in json.loads(out)}
    table_findings = 0
    for path in paths:
        report = parse_file(path)
        diagnostics = lint_file(path)
        assert [d.to_dict() for d in diagnostics] == by_path[path.name]["diagnostics"]
        assert_located(report, diagnostics, path.name)
        table_findings += sum(1 for d in diagnostics if d.row)
    assert table_findings, "the seeds have table findings"


def test_a_table_finding_is_located_in_every_format() -> None:
    """balance-error.txt: 自然人 of （七）总计 is one short; every format names the row and column."""
    path = str(FIXTURES / "reports" / "balance-error.txt")
    place = "表三 “（七）总计” 行 “自然人” 列"
    outputs = {fmt: run_cli(path, "--format", fmt, "--no-cache")[1] for fmt in ("full", "concise", "json", "sarif")}
    assert f"283:1 {place} 错误 GIP301" in outputs["full"]
    assert f"GIP301 [error] applications-balance {place} " in outputs["concise"]
    (entry,) = [d for d in json.loads(outputs["json"])[0]["diagnostics"] if d["line"] == 283]
    assert (entry["table"], entry["row_label"], entry["column_label"]) == ("三", "（七）总计", "自然人")
    assert entry["place"] == place
    texts = [r["message"]["text"] for r in json.loads(outputs["sarif"])["runs"][0]["results"]]
    assert any(text.startswith(f"{place}：") for text in texts), texts
