"""The tables' arithmetic identities have one home, the shipped rules (giplint/identities.py): the
API reads them as the identity check does, and the glued-digit solver separates cells with them
and with nothing else."""

from __future__ import annotations

import pytest
from conftest import REPORTS

from giplint import identities
from giplint.identities import Identity, for_table
from giplint.parse import parse_document
from giplint.parse.tables import glued
from giplint.source import read_text


def test_the_shipped_identities_per_table_and_layout() -> None:
    rules = [(i.rule, i.layout, i.over) for i in for_table("applications", "2021")]
    assert rules == [
        ("GIP301", None, "columns"),
        ("GIP302", "2021", "columns"),
        ("GIP303", None, "rows"),
        ("GIP501", None, "columns"),
    ]
    old = {i.rule: i for i in for_table("applications", "2019")}
    assert "other_handling" in old["GIP302"].names and "no_correction" not in old["GIP302"].names
    review = for_table("review_litigation", "any")
    assert [(i.rule, i.names) for i in review] == [
        ("GIP304", ("total", "upheld", "corrected", "other_result", "pending"))
    ]
    in_force = next(i for i in for_table("active_disclosure", "2021") if i.rule == "GIP502")
    assert in_force.cross_year and in_force.only == ("regulations", "normative_documents")
    assert not in_force.applies_to("administrative_fees") and in_force.applies_to("regulations")
    assert for_table("active_disclosure", "2019") == ()  # GIP502/503 compare 2021 layouts only


def test_holds_and_solve() -> None:
    balance = for_table("applications", "2021")[0]
    values = {"new_received": 16, "carried_over": 0, "results_total": 15, "carried_forward": 1}
    assert balance.holds(values.get) is True
    assert balance.holds({**values, "carried_forward": 0}.get) is False
    assert balance.holds({**values, "carried_forward": None}.get) is None
    assert balance.solve("results_total", values.get) == 15
    assert balance.solve("carried_forward", {**values, "carried_forward": 7}.get) == 1
    assert balance.solve("new_received", {**values, "carried_over": None}.get) is None
    bound = next(i for i in for_table("active_disclosure", "2021") if i.rule == "GIP503")
    figures = {"repealed": 3, "previous.active_disclosure.in_force": 2, "issued": 0}
    assert bound.comparison == "<=" and bound.holds(figures.get) is False
    assert bound.solve("repealed", figures.get) is None  # a bound has no one solution


def test_the_glued_solver_takes_its_constraints_from_the_shipped_rules() -> None:
    """The applicant sum of GIP303 becomes one constraint per row of table 三; GIP304 three over
    table 四's row of 15; table 二 has none within a year (its identities are cross-year)."""
    applicants = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org")
    row = (("new_received", (*applicants, "total")),)
    assert glued.row_constraints("applications", "2021", row) == (
        ((6, 1), (0, -1), (1, -1), (2, -1), (3, -1), (4, -1), (5, -1)),
    )
    outcomes = ("upheld", "corrected", "other_result", "pending", "total")
    groups = tuple((key, outcomes) for key in ("administrative_review", "direct_suit", "suit_after_review"))
    constraints = glued.row_constraints("review_litigation", "any", groups)
    assert [sorted(i for i, _ in c) for c in constraints] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14]]
    documents = (("regulations", ("issued", "repealed", "in_force")),)
    assert glued.row_constraints("active_disclosure", "2021", documents) == ()
    assert [i.rule for i in glued.column_equalities("applications", "2019")] == ["GIP301", "GIP302"]


def test_without_the_shipped_identities_glued_rows_stay_unseparated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing else holds a copy: with no identities the glued fixture's rows cannot be split."""
    path = REPORTS / "glued-2021.txt"

    def applications() -> list[object]:
        report = parse_document(read_text(str(path), path.read_bytes()))
        table = report.table("applications")
        assert table is not None
        return [cell.value for cell in table.row("new_received").values()]

    assert applications() == [9, 2, 0, 0, 1, 0, 12]
    empty: tuple[Identity, ...] = ()
    monkeypatch.setattr(identities, "shipped_identities", lambda: empty)
    glued.row_identities.cache_clear()
    glued.column_equalities.cache_clear()
    try:
        assert applications() == [None] * 7
    finally:
        monkeypatch.undo()
        glued.row_identities.cache_clear()
        glued.column_equalities.cache_clear()
    assert applications() == [9, 2, 0, 0, 1, 0, 12]


def test_every_row_identity_words_its_unseparable_finding() -> None:
    """A glued row that breaks a row identity under every reading is reported by the rule stating
    it (issue 18 item 6): so each shipped rule whose identity the glued solver uses over rows has
    the wording for it."""
    from giplint.plugins import load_registry

    rules = {rule.id: rule for rule in load_registry().rules}
    solver_rules = {
        i.rule
        for table in ("applications", "review_litigation", "active_disclosure")
        for layout in ("2021", "2019", "any")
        for i in for_table(table, layout)
        if i.over == "rows" and glued._usable(i)
    }
    assert solver_rules >= {"GIP303", "GIP304"}
    for rule_id in solver_rules:
        assert rules[rule_id].params.unseparable.get("message"), rule_id
