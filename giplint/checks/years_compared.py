"""years_compared: the cross-year checks could compare the two years' tables.

Why: the cross-year identities (上年结转 against last year's 结转下年度, the 现行有效件数 carried on)
compare cells of both years' tables, and skip silently when a table was not read in either year —
a mistyped heading or a section left out is then the reason an editor never hears of a break
between the years. When a report is paired with last year's and a table that a cross-year
identity needs was not read in one of them, this says so once, naming the rules that could not
run and the tables (which rules need which table comes from the shipped identities:
giplint/identities.py).

A cross-year rule: it runs only for a report paired with last year's (giplint/engine/pairing.py).

Example: see GIP506 in rules/years.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.identities import for_table
from giplint.model import MANDATED_TABLES, Report
from giplint.span import Span


@dataclass(frozen=True)
class Params:
    this_year: str  # a table of this year's report, in {missing}: template over {number}, its section
    last_year: str  # one of last year's
    # last year's report of a year before this is in a format without the mandated tables
    # (GIP104 legacy-format): there was nothing to compare, so nothing is said
    previous_from: int = 0

    def __post_init__(self) -> None:
        for template in (self.this_year, self.last_year):
            if "{number}" not in template:
                raise ValueError("this_year、last_year 应含 {number}（表格所在部分的序号）")


def check(report: Report, rule: Rule[Params], previous: Report) -> Iterator[Diagnostic]:
    params = rule.params
    if previous.year is not None and previous.year < params.previous_from:
        return
    rules: list[str] = []
    missing: list[str] = []
    anchor: tuple[Span, str] | None = None
    for kind in MANDATED_TABLES:
        needing = sorted({i.rule for i in for_table(kind.kind) if i.cross_year})
        if not needing:
            continue
        unread = [
            (params.this_year, report.table(kind.kind) is None),
            (params.last_year, previous.table(kind.kind) is None),
        ]
        for template, absent in unread:
            if absent:
                missing.append(template.format(number=kind.section))
                rules.extend(r for r in needing if r not in rules)
        section = report.section(kind.section)
        if anchor is None and unread[0][1] and section is not None:
            anchor = (section.span, section.number)
    if not missing:
        return
    if anchor is None:
        anchor = (report.title.span if report.title else Span.point(1, 1), "")
    span, section_number = anchor
    yield rule.diagnostic(
        report,
        span,
        section=section_number,
        rules="、".join(sorted(rules)),
        missing="、".join(missing),
        previous_year=previous.year or "",
        previous_path=previous.path,
    )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("years_compared", Params, check, __doc__ or "", previous=lambda params: True)]
