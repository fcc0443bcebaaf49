"""section_order: the sections come in the mandated order 一…六, each once.

Why: readers and evaluators compare reports section by section; a section moved or written twice
(a heading pasted again from last year's report) breaks that, and usually hides an omission.

Example: see GIP102 in rules/structure.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.layouts import SECTION_ORDER
from giplint.model import Report

ORDER = SECTION_ORDER


_PROBLEMS = ("repeated", "misplaced")


@dataclass(frozen=True)
class Params:
    # the message's {problem}: `repeated` (a section written twice) and `misplaced` (before a
    # section it should follow; "{before}" is the heading number it belongs before)
    problems: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key in self.problems:
            choose("problems 的键", key, _PROBLEMS)
        for key in _PROBLEMS:
            if not self.problems.get(key, "").strip():
                raise ValueError(f"problems.{key} 应写明该情况的措辞")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    highest = -1
    for section in report.sections:
        index = ORDER.index(section.number)
        if section.number in seen:
            yield rule.diagnostic(
                report,
                section.span,
                section=section.number,
                heading=section.heading,
                problem=rule.params.problems["repeated"],
            )
        elif index < highest:
            yield rule.diagnostic(
                report,
                section.span,
                section=section.number,
                heading=section.heading,
                problem=rule.params.problems["misplaced"].format(before=ORDER[highest]),
            )
        seen.add(section.number)
        highest = max(highest, index)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("section_order", Params, check, __doc__ or "")]
