"""Every rule's rendered message and hint, pinned as text (snapshot style).

The case files (fixtures/cases/GIPnnn.yaml) pin where a rule fires; this pins what it says
there. For each rule, fixtures/expected/messages/GIPnnn.txt holds, case by case, every finding's
position, severity, message and hint as the editor reads them. A template field renamed in the
YAML or in the check (``{period}`` printed literally), a severity changed, a hint lost: the text
differs and the test fails. After changing wording on purpose (or adding a rule), rewrite the
files with ``pytest tests/test_messages.py --update-messages`` and read the diff before
committing.

README's rule table is checked against the registry here too (id, name, severity).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, lint_case, registry

from giplint.contract import Rule
from giplint.diagnostics import Diagnostic

MESSAGES = FIXTURES / "expected" / "messages"
CASE_FILES = sorted((FIXTURES / "cases").glob("*.yaml"))
_UNFILLED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _rule(rule_id: str) -> Rule[object]:
    return next(rule for rule in registry().rules if rule.id == rule_id)


def render(rule_id: str) -> tuple[str, list[Diagnostic]]:
    """The snapshot text of one rule: its findings on each of its cases, in case order."""
    rule = _rule(rule_id)
    cases = yaml.safe_load((FIXTURES / "cases" / f"{rule_id}.yaml").read_text(encoding="utf-8"))["cases"]
    lines = [
        f"# {rule.id} {rule.name}: rendered on fixtures/cases/{rule.id}.yaml.",
        "# Rewrite with: pytest tests/test_messages.py --update-messages (then read the diff).",
    ]
    found: list[Diagnostic] = []
    for name, case in cases.items():
        diagnostics = [
            d
            for d in lint_case(case["report"], case.get("replace", []), case.get("previous"))
            if d.rule_id == rule_id
        ]
        if not diagnostics:
            continue  # a case where the rule stays silent: nothing to read
        lines.append(f"\n## {name} ({case['report']})")
        for d in diagnostics:
            lines.append(f"{d.span.line}:{d.span.column} [{d.severity.label}] {d.message}")
            if d.hint:
                lines.append(f"  提示：{d.hint}")
        found.extend(diagnostics)
    # A message may name a fixture file by its absolute path (last year's report): the checkout's
    # folder differs on every machine (a CI clone, a worktree), so the snapshot names it <repo>.
    return "\n".join(lines).replace(str(ROOT), "<repo>") + "\n", found


@pytest.mark.parametrize("rule_id", [path.stem for path in CASE_FILES])
def test_rendered_messages_are_pinned(rule_id: str, update_messages: bool) -> None:
    text, found = render(rule_id)
    rule = _rule(rule_id)
    for d in found:  # a field the check does not give prints as "{name}": never on a real finding
        assert not _UNFILLED.search(d.message), d.message
        assert not _UNFILLED.search(d.hint), d.hint
    assert found, f"{rule_id}: no case where the rule fires"
    if rule.hint:
        assert all(d.hint for d in found), f"{rule_id}: the hint was lost"
    snapshot = MESSAGES / f"{rule_id}.txt"
    if update_messages:
        MESSAGES.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.is_file(), f"{snapshot} missing: run pytest tests/test_messages.py --update-messages"
    assert snapshot.read_text(encoding="utf-8") == text, (
        f"{rule_id}'s rendered messages changed; if on purpose, run "
        "pytest tests/test_messages.py --update-messages and read the diff"
    )


def test_every_snapshot_names_a_rule_with_cases() -> None:
    assert {p.stem for p in MESSAGES.glob("*.txt")} == {p.stem for p in CASE_FILES}


# -- README's rule table ---------------------------------------------------------------------------

_ROW = re.compile(
    r"^\| ([A-Z]{2,8}\d{3}) \| ([a-z0-9-]+) \| ([a-z]+)(?: \(([a-z]+) before (\d{4})\))? \|", re.MULTILINE
)


def test_readme_rule_table_is_the_registry() -> None:
    """Every shipped rule has one row in README's "What it checks" with its id, name and severity
    (and "(warning before 2021)" when the severity depends on the year), in id order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What it checks", 1)[1].split("\n## ", 1)[0]
    rows = _ROW.findall(table)
    shipped = sorted((r for r in registry().rules if r.plugin == "giplint"), key=lambda r: r.id)
    expected = [
        (
            r.id,
            r.name,
            r.severity.label,
            r.severity_before[1].label if r.severity_before else "",
            str(r.severity_before[0]) if r.severity_before else "",
        )
        for r in shipped
    ]
    assert rows == expected, "README's rule table does not list the registry's rules (id, name, severity)"
    assert table.count("\n| GIP") == len(shipped)


def test_snapshot_folder_is_where_readme_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--update-messages" in readme and str(MESSAGES.relative_to(ROOT)) in readme
    assert Path(__file__).name in readme
