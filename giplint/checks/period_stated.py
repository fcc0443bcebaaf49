"""period_stated: the report states the period its figures cover.

Why: reports conventionally say that their data cover 1月1日 to 12月31日 of the report year
(spec §2.3; Sichuan's DB51/T 2660-2019 names the 统计期限 among what a report states); without
it a reader cannot tell which year the tables count. Whether 30号 mandates the sentence was not
verified, so this is a note. A stated period that is wrong is GIP404's.

Example: see GIP414 in rules/content.yaml.
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
    pass


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    if report.period is not None or not report.sections:
        return
    span = report.title.span if report.title else Span.point(1, 1)
    yield rule.diagnostic(report, span, section="", year=report.year or "XXXX")


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("period_stated", Params, check, __doc__ or "")]
