"""table_issues: a mandated table is present and every row, label and cell in it is recognised.

Why: the tables are the report's data (30号 附件); a missing table, row or header, a cell the
grammar cannot place, or glued figures that cannot be told apart make the report incomplete or
unreadable to anyone who aggregates reports. The parser records these as table issues; this
check reports the kinds a rule selects.

Example: see GIP202 and GIP206 in rules/tables.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import MANDATED_TABLES, Report


@dataclass(frozen=True)
class Params:
    kinds: list[str]  # issue kinds to report: missing-table, missing-row, missing-label, ...
    descriptions: dict[str, str] = field(default_factory=dict)  # issue kind -> Chinese wording
    labels: dict[str, str] = field(default_factory=dict)  # terminal name -> Chinese label


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    kinds = set(rule.params.kinds)
    describe = rule.params.descriptions
    for kind in MANDATED_TABLES:
        number = kind.section
        section = report.section(number)
        if section is None:
            continue  # missing-section reports it
        table = section.table
        if table is None:
            if "missing-table" in kinds:
                yield rule.diagnostic(
                    report,
                    section.span,
                    section=number,
                    table=kind.title,
                    problem=describe.get("missing-table", "缺少表格"),
                    subject="",
                    expected=kind.title,
                )
            continue
        for issue in table.issues:
            if issue.kind in kinds:
                yield rule.diagnostic(
                    report,
                    issue.span,
                    section=number,
                    table=table.title,
                    problem=describe.get(issue.kind, issue.kind),
                    subject="：" + rule.params.labels.get(issue.subject, issue.subject),
                    expected=issue.expected,
                )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("table_issues", Params, check, __doc__ or "")]
