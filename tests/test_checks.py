"""Every rule against its case files (fixtures/cases/GIPnnn.yaml), plus registry meta-tests.

A case names a fixture report and the COMPLETE list of line:column positions the rule must
report in it: a false alarm fails as surely as a miss. A cross-year case also names last year's
report (`previous:`), with which the report is paired; `severity:` pins the severity of every
finding of the case (a 2020 report in the 2019 layout is told at info, not warned).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, lint_case, registry

from giplint import shipped

CASE_FILES = sorted((FIXTURES / "cases").glob("*.yaml"))


def _cases() -> list[tuple[str, str, str, list[str], list[str], str | None, str | None]]:
    found = []
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            found.append(
                (
                    data["rule"],
                    name,
                    case["report"],
                    case["expect"],
                    case.get("replace", []),
                    case.get("previous"),
                    case.get("severity"),
                )
            )
    return found


@pytest.mark.parametrize(
    ("rule_id", "name", "report", "expect", "replace", "previous", "severity"),
    [pytest.param(*case, id=f"{case[0]}-{case[1]}") for case in _cases()],
)
def test_rule_case(
    rule_id: str,
    name: str,
    report: str,
    expect: list[str],
    replace: list[str],
    previous: str | None,
    severity: str | None,
) -> None:
    """`replace: [old, new]` varies the fixture report in one place (a wording of section 六)
    instead of copying a whole report for each variant; `previous:` pairs the report with last
    year's (the cross-year rules run only then)."""
    diagnostics = lint_case(report, replace, previous)
    found = [f"{d.span.line}:{d.span.column}" for d in diagnostics if d.rule_id == rule_id]
    assert sorted(found) == sorted(expect), f"{rule_id} {name}: {found}"
    if severity is not None:
        severities = {d.severity.label for d in diagnostics if d.rule_id == rule_id}
        assert severities == {severity}, f"{rule_id} {name}: {severities}"


def test_every_rule_has_cases_and_every_case_file_names_a_rule() -> None:
    ids = {rule.id for rule in registry().rules}
    case_ids = {path.stem for path in CASE_FILES}
    assert ids - case_ids == set(), "rules without cases"
    assert case_ids - ids == set(), "case files for unknown rules"


def test_every_case_has_a_positive_and_a_negative_example() -> None:
    for path in CASE_FILES:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"].values()
        assert any(c["expect"] for c in cases), f"{path.name}: no case where the rule fires"
        assert any(not c["expect"] for c in cases), f"{path.name}: no case where it stays silent"


def test_every_rule_has_explain_text_with_example() -> None:
    for rule in registry().rules:
        assert "错误示例" in rule.explain and "正确示例" in rule.explain, rule.id
        assert rule.message.strip(), rule.id


def test_every_check_kind_is_used_and_documented() -> None:
    reg = registry()
    used = {rule.check for rule in reg.rules}
    assert set(reg.kinds) == used
    for kind in reg.kinds.values():
        assert kind.doc.strip().startswith(f"{kind.name}:"), kind.name
        assert dataclasses.is_dataclass(kind.params)


def test_rule_ids_sit_in_their_family_file() -> None:
    families = {
        "0": "parse",
        "1": "structure",
        "2": "tables",
        "3": "arithmetic",
        "4": "content",
        "5": "years",
    }
    for rule in registry().rules:
        assert Path(rule.source.split(":")[0]).name == f"{families[rule.id[3]]}.yaml", rule.id
    assert {p.stem for p in shipped("rules").glob("*.yaml")} == set(families.values())


def test_fixture_reports_are_all_used() -> None:
    used = {case[2] for case in _cases()} | {case[5] for case in _cases() if case[5]}
    reports = {f"reports/{p.name}" for p in (FIXTURES / "reports").glob("*.txt")}
    quirks = {
        r
        for r in reports
        if r.startswith(("reports/clean-2021-", "reports/fullwidth", "reports/value-before"))
    }
    assert reports - used - quirks == set()


# -- one home for each domain fact: YAML that restates layouts.py must agree with it ----------------


def _rule(rule_id: str) -> object:
    return next(rule for rule in registry().rules if rule.id == rule_id)


def test_yaml_section_titles_are_the_layouts_sections() -> None:
    from giplint import layouts

    titles = {spec.number: spec.title for spec in layouts.SECTIONS}
    assert dict(_rule("GIP101").params.sections) == titles  # type: ignore[attr-defined]
    accepted = _rule("GIP103").params.accepted  # type: ignore[attr-defined]
    assert {number: names[0] for number, names in accepted.items()} == titles


def test_yaml_2019_markers_are_the_layouts_markers() -> None:
    from giplint import layouts

    markers = _rule("GIP201").params.markers  # type: ignore[attr-defined]
    assert tuple(markers["active_disclosure"]) == layouts.ACTIVE_DISCLOSURE_2019_MARKERS


def test_yaml_label_wordings_name_labels_of_the_vocabulary() -> None:
    from giplint import layouts
    from giplint.fold import fold

    vocabulary = {spec.name: spec.text for specs in layouts.VOCABULARY.values() for spec in specs}
    for name, wording in _rule("GIP202").params.labels.items():  # type: ignore[attr-defined]
        assert fold(wording).text == vocabulary[name], name
