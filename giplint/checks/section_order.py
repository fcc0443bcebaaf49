"""section_order: the sections come in the mandated order 一…六, each once.

Why: readers and evaluators compare reports section by section; a section moved or written twice
(a heading pasted again from last year's report) breaks that, and usually hides an omission.

Example: see GIP102 in rules/structure.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.layouts import SECTION_ORDER
from giplint.model import Report

ORDER = SECTION_ORDER


@dataclass(frozen=True)
class Params:
    pass


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    highest = -1
    for section in report.sections:
        index = ORDER.index(section.number)
        if section.number in seen:
            yield rule.diagnostic(
                report, section.span, section=section.number, heading=section.heading, problem="重复出现"
            )
        elif index < highest:
            yield rule.diagnostic(
                report,
                section.span,
                section=section.number,
                heading=section.heading,
                problem=f"应在“{ORDER[highest]}”部分之前",
            )
        seen.add(section.number)
        highest = max(highest, index)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("section_order", Params, check, __doc__ or "")]
