"""The check author's contract (giplint/contract.py) on real rules and real reports."""

from __future__ import annotations

from conftest import FIXTURES, parse_file, registry

from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Severity


def _rule(rule_id: str) -> tuple[Rule[object], CheckKind[object]]:
    reg = registry()
    rule = next(r for r in reg.rules if r.id == rule_id)
    return rule, reg.kinds[rule.check]


def test_apply_runs_a_cross_year_rule_only_with_last_years_report() -> None:
    """GIP504 (copied text) compares with last year's report: with it the copy is found, without
    it the rule is skipped, never run on half its input."""
    report = parse_file(FIXTURES / "reports/clean-2021.txt")
    previous = parse_file(FIXTURES / "reports/previous-2023-copied.txt")
    rule, kind = _rule("GIP504")
    assert kind.wants_previous(rule.params)
    found = list(kind.apply(report, rule, previous))
    assert [d.rule_id for d in found] == ["GIP504"] and found[0].section == "五"
    assert list(kind.apply(report, rule)) == []


def test_apply_runs_a_single_year_rule_alone() -> None:
    report = parse_file(FIXTURES / "reports/clean-2021.txt")
    previous = parse_file(FIXTURES / "reports/previous-2023-copied.txt")
    rule, kind = _rule("GIP405")
    assert not kind.wants_previous(rule.params)
    assert list(kind.apply(report, rule, previous)) == list(kind.apply(report, rule)) == []


def test_diagnostic_fills_the_templates_and_takes_the_severity_for_the_reports_year() -> None:
    report = parse_file(FIXTURES / "reports/clean-2021.txt")
    rule, _kind = _rule("GIP405")
    span = report.title.span if report.title else None
    assert span is not None
    found = rule.diagnostic(report, span, problem="没有标题行", unknown_field_stays="x")
    assert found.rule_id == "GIP405" and found.severity is Severity.INFO
    assert "没有标题行" in found.message and "{problem}" not in found.message
    assert (found.path, found.span) == (report.path, span)
    # the severity for the report's year: GIP401 is milder before its `severity-before` year
    empty, _ = _rule("GIP401")
    assert empty.severity_before is not None
    year, milder = empty.severity_before
    earlier = parse_file(FIXTURES / "reports/empty-six-2020.txt")
    assert earlier.year is not None and earlier.year < year <= (report.year or 0)
    assert milder is not empty.severity
    assert empty.diagnostic(earlier, span, heading="六", content="无").severity is milder
    assert empty.diagnostic(report, span, heading="六", content="无").severity is empty.severity


def test_an_unknown_template_field_stays_visible_instead_of_raising() -> None:
    """A typo in a message ({probelm}) must not crash the run: it prints as written, which the
    message snapshots (tests/test_messages.py) then catch."""
    from dataclasses import replace

    report = parse_file(FIXTURES / "reports/clean-2021.txt")
    rule, _kind = _rule("GIP405")
    typo = replace(rule, message="年报{probelm}：{problem}", hint="{nothing}")
    found = typo.diagnostic(report, report.end_span(), problem="没有标题行")
    assert (found.message, found.hint) == ("年报{probelm}：没有标题行", "{nothing}")
