"""parse_problems: text the grammar could not place, with what it expected there.

Why: a report the grammar cannot read cannot be checked; saying where reading stopped tells the
editor which part of the file is broken (a truncated export, table cells pasted into prose).

Example: see GIP001 in rules/parse.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import Report


@dataclass(frozen=True)
class Params:
    # the message's {found} and {expected} when the report has no section heading at all
    no_sections: dict[str, str]

    def __post_init__(self) -> None:
        if set(self.no_sections) != {"found", "expected"} or not all(self.no_sections.values()):
            raise ValueError("no_sections 应写明 found 和 expected 两项措辞")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    for problem in report.problems:
        yield rule.diagnostic(report, problem.span, found=problem.found, expected=problem.expected)
    if not report.sections:
        yield rule.diagnostic(report, report.end_span(), **rule.params.no_sections)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("parse_problems", Params, check, __doc__ or "")]
