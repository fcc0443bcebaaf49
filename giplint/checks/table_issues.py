"""table_issues: a mandated table is present and every row, label and cell in it is recognised.

Why: the tables are the report's data (30号 附件); a missing table, row or header, a cell the
reader cannot place, or glued figures that cannot be told apart make the report incomplete or
unreadable to anyone who aggregates reports. The table reader records these as typed table
issues (model.TableIssue: kind, row, label, found, expected) with no wording; this check reports
the kinds a rule selects and words them from the rule's params: `descriptions` (the problem),
`subjects` and `expectations` (templates over the issue's fields `{label}`, `{found}`,
`{expected}` and `{where}`, which is `label: found`, or whichever of the two there is), and
`advice` (the same, for the hint's `{advice}`: 36000元 in the 万元 column gives the figure in 万元).

Example: see GIP202–GIP205 in rules/tables.yaml.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import MANDATED_TABLES, IssueKind, Report, TableIssue

KINDS = tuple(kind.value for kind in IssueKind)
FIELDS = ("label", "found", "expected", "where")  # what a subject or expectation template may name


@dataclass(frozen=True)
class Params:
    kinds: list[str]  # issue kinds to report: missing-table, missing-row, missing-label, ...
    descriptions: dict[str, str] = field(default_factory=dict)  # issue kind -> the problem, worded
    subjects: dict[str, str] = field(default_factory=dict)  # issue kind -> template of {subject}
    expectations: dict[str, str] = field(default_factory=dict)  # issue kind -> template of {expected}
    labels: dict[str, str] = field(default_factory=dict)  # a header's name -> its Chinese label
    advice: dict[str, str] = field(default_factory=dict)  # issue kind -> template of {advice} (the hint)

    def __post_init__(self) -> None:
        """Validate at load: a misspelt kind (`missing-rwo`) is a configuration error naming the
        closest kind, not a rule that silently never fires."""
        for kind in self.kinds:
            choose("表格问题种类", kind, KINDS)
        for wording in (self.descriptions, self.subjects, self.expectations, self.advice):
            for kind in wording:
                choose("表格问题种类", kind, KINDS)
        for templates in (self.subjects, self.expectations, self.advice):
            for template in templates.values():
                for _, name, _, _ in string.Formatter().parse(template):
                    if name is not None:
                        choose("模板字段", name, FIELDS)


def _fields(issue: TableIssue, labels: dict[str, str]) -> dict[str, object]:
    label = labels.get(issue.label, issue.label)
    where = f"{label}: {issue.found}" if label and issue.found else label or issue.found
    return {"label": label, "found": issue.found, "expected": issue.expected, "where": where}


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    params = rule.params
    kinds = set(params.kinds)
    for kind in MANDATED_TABLES:
        number = kind.section
        section = report.section(number)
        if section is None:
            continue  # missing-section reports it
        table = section.table
        issues = table.issues if table is not None else (TableIssue(IssueKind.MISSING_TABLE, section.span),)
        for issue in issues:
            if issue.kind.value not in kinds:
                continue
            values = _fields(issue, params.labels)
            if issue.kind is IssueKind.MISSING_TABLE:
                values["expected"] = kind.title
            row_label, column_label = (
                layouts.cell_labels(kind.kind, table.layout, issue.row, issue.column)
                if table is not None and issue.row
                else ("", "")
            )
            yield rule.diagnostic(
                report,
                issue.span,
                section=number,
                table_number=number,
                row_label=row_label,
                column_label=column_label,
                table=table.title if table is not None else kind.title,
                problem=params.descriptions.get(issue.kind.value, issue.kind.value),
                subject=params.subjects.get(issue.kind.value, "").format_map(values),
                expected=params.expectations.get(issue.kind.value, "{expected}").format_map(values),
                advice=params.advice.get(issue.kind.value, "").format_map(values),
            )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("table_issues", Params, check, __doc__ or "")]
