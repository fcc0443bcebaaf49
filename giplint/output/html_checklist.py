"""The checklist at the top of a page of ``--format html``, read in ten seconds.

六个部分, 表格格式, 勾稽关系 per table, 其他需要报告的事项, 与上年衔接 (when last year's report was
given): each ✓/✗ from the findings alone, by the rule families of rules/*.yaml, with the counts
of 错误/警告/提示. The index page of a folder run lists the checks that failed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from giplint import layouts
from giplint.diagnostics import Diagnostic, Severity
from giplint.model import MANDATED_TABLES
from giplint.output.html_page import SEVERITY_CLASS
from giplint.output.html_view import TRIAL_LAYOUT, ReportView, text, trial_layout_applied


@dataclass(frozen=True, slots=True)
class Check:
    key: str  # sections | format | identity-<table> | other-matters | previous
    label: str
    ok: bool | None  # None: not checked (no such table)
    findings: tuple[int, ...]  # numbers of the findings that make it ✗


def _family(diagnostic: Diagnostic) -> str:
    """The rule family: the hundreds digit of the id (GIP1xx structure, 2xx tables, 3xx sums,
    4xx content, 5xx years; see the first line of each rules/*.yaml)."""
    digits = re.sub(r"\D", "", diagnostic.rule_id)
    return digits[0] if len(digits) == 3 else ""


def format_label(year: int | None) -> str:
    """What 表格格式 was checked against: the 2021 layout, or for a 2019 or 2020 report the
    trial layout that applied then (its GIP201 is a note, not a defect)."""
    return f"表格格式（{year}年度适用{TRIAL_LAYOUT}）" if trial_layout_applied(year) else "表格格式（2021）"


def checklist(view: ReportView, diagnostics: Sequence[Diagnostic], cross_checked: bool) -> list[Check]:
    """What the top of the page says, from the findings alone: a check fails when a finding of
    its family (or its section) is there; 勾稽关系 of a table the report lacks is not checked."""
    numbered = list(enumerate(diagnostics, 1))
    # a 提示 (info) is shown beside its check but does not fail it: it is advice, not a defect

    def numbers(test: Callable[[Diagnostic], bool]) -> tuple[int, ...]:
        return tuple(n for n, d in numbered if test(d))

    def made(key: str, label: str, found: tuple[int, ...], applies: bool = True) -> Check:
        failing = tuple(n for n in found if diagnostics[n - 1].severity >= Severity.WARNING)
        ok = (not failing) if applies or found else None
        return Check(key, label, ok, found)

    tables = {s.number for s in view.sections if s.table is not None}
    checks = [
        made("sections", "六个部分", numbers(lambda d: _family(d) == "1")),
        made("format", format_label(view.year), numbers(lambda d: _family(d) == "2")),
    ]
    for kind in MANDATED_TABLES:
        found = numbers(lambda d, n=kind.section: _family(d) == "3" and d.section == n)  # type: ignore[misc]
        checks.append(made(f"identity-{kind.kind}", f"勾稽关系 {kind.section}、{kind.title}", found, kind.section in tables))
    other = layouts.section("六")
    checks.append(made("other-matters", other.title if other else "六", numbers(lambda d: d.section == "六")))
    if cross_checked:
        checks.append(made("previous", "与上年衔接", numbers(lambda d: _family(d) == "5")))
    return checks


def checklist_html(checks: Sequence[Check], diagnostics: Sequence[Diagnostic]) -> str:
    items = []
    for check in checks:
        state = "na" if check.ok is None else ("pass" if check.ok else "fail")
        mark = {"na": "—", "pass": "✓", "fail": "✗"}[state]
        detail = ""
        if check.findings:
            what = "个问题" if check.ok is False else "条提示"
            detail = f'：<a href="#f{check.findings[0]}">{len(check.findings)} {what}</a>'
        elif check.ok is None:
            detail = "：未找到表格"
        items.append(
            f'<li class="{state}" data-check="{check.key}" data-ok="{state}" data-count="{len(check.findings)}">'
            f'<span class="mark">{mark}</span>{text(check.label)}{detail}</li>'
        )
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    boxes = "".join(
        f'<div class="count {SEVERITY_CLASS[s]}" data-count-{SEVERITY_CLASS[s]}="{n}"><b>{n}</b>{s.chinese}</div>'
        for s, n in counts.items()
    )
    return (
        f'<div class="summary" id="checklist"><ul class="checks">{"".join(items)}</ul>'
        f'<div class="counts">{boxes}</div></div>\n'
    )
