"""statistical_period: a stated data period is 1月1日 to 12月31日 of the report year.

Why: reports state the period their figures cover (spec §2.3); a period copied from last year's
report, or one that is not the whole calendar year, makes every figure in the tables suspect.

Example: see GIP404 in rules/content.yaml.
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
    pass


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    period = report.period
    if period is None or report.year is None:
        return
    year = report.year if report.year_source != "period" else (report.title.year if report.title else None)
    start_year, end_year = period.start[0], period.end[0] or period.start[0]
    whole_year = period.start[1:] == (1, 1) and period.end[1:] == (12, 31)
    years_ok = year is None or (start_year in (None, year) and end_year in (None, year))
    if not (whole_year and years_ok):
        yield rule.diagnostic(report, period.span, period=period.text, year=year or report.year)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("statistical_period", Params, check, __doc__ or "")]
