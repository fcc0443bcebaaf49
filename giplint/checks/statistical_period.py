"""statistical_period: a stated data period is 1月1日 to 12月31日 of the report year.

Why: reports state the period their figures cover (spec §2.3); a period copied from last year's
report, or one that is not the whole calendar year, makes every figure in the tables suspect.
When the period is a whole calendar year and only the title names another year, the wrong year
may be the title's as well as the period's: unless section 一 opens with the title's year (the
period is then the odd one out), the finding says that the two disagree (at the title when 一
opens with the period's year), and never calls the period wrong on the title's word alone.

Example: see GIP404 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from giplint import hookimpl
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import Report


@dataclass(frozen=True)
class Params:
    # the message's {problem} and the hint's {advice} for each finding: `period` (the period is
    # not the report year's calendar year) and `title` (a whole year, not the title's)
    problems: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, wording in self.problems.items():
            choose("problems 的键", key, ("period", "title"))
            for name in wording:
                choose(f"problems.{key} 的字段", name, ("problem", "advice"))


_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _text_year(report: Report) -> int | None:
    overview = report.section("一")
    match = _YEAR.search(overview.body[:400]) if overview else None
    return int(match[1]) if match else None


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    period = report.period
    if period is None or report.year is None:
        return
    title_year = report.title.year if report.title else None
    year = report.year if report.year_source != "period" else title_year
    start_year, end_year = period.start[0], period.end[0] or period.start[0]
    whole_year = period.start[1:] == (1, 1) and period.end[1:] == (12, 31)
    years_ok = year is None or (start_year in (None, year) and end_year in (None, year))
    if whole_year and years_ok:
        return
    fields: dict[str, Any] = {
        "period": period.text,
        "year": year or report.year,
        "title_year": title_year,
        "period_year": start_year,
        "text_year": _text_year(report),
    }
    span = period.span
    key = "period"
    text_year = fields["text_year"]
    if (
        whole_year
        and start_year is not None
        and start_year == end_year
        and title_year not in (None, start_year)
        and text_year != title_year  # 一 agrees with the title: the period is the wrong one
    ):
        key = "title"
        if report.title is not None and text_year == start_year:
            span = report.title.span
    wording = rule.params.problems.get(key, {})
    filled = {name: text.format(**fields) for name, text in wording.items()}
    yield rule.diagnostic(report, span, **fields, **filled)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("statistical_period", Params, check, __doc__ or "")]
