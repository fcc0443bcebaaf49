"""format_in_scope: the report is of a year the mandated formats apply to.

Why: reports before 2019 follow no common table format, so the 2019/2021 format rules are not
applied to them (their `since: 2019`). Without a word, such a report would look clean; one info
finding says which format was recognised and that those checks were not run.

Example: see GIP104 in rules/structure.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import Report, Span


@dataclass(frozen=True)
class Params:
    before: int = 2019  # the first year of the mandated formats

    def __post_init__(self) -> None:
        if not 1990 <= self.before <= 2100:
            raise ValueError(f"before 应为四位年份，而不是 {self.before}")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    if report.year is None or report.year >= rule.params.before:
        return
    span = (
        report.title.span
        if report.title
        else (report.sections[0].span if report.sections else Span.point(1, 1))
    )
    yield rule.diagnostic(report, span, section="", year=report.year)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("format_in_scope", Params, check, __doc__ or "")]
