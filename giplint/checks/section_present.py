"""section_present: every mandated section heading occurs in the report.

Why: the format fixes six sections (条例 第五十条; 30号: "不能遗漏"); a report that stops after 五
is the defect editors most often miss. The finding is placed where the section belongs: before
the next section that is present, or at the end of the report.

Example: see GIP101 in rules/structure.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.layouts import SECTION_ORDER
from giplint.model import Report, Span

ORDER = SECTION_ORDER


@dataclass(frozen=True)
class Params:
    sections: dict[str, str]  # 一 -> 总体情况, in mandated order

    def __post_init__(self) -> None:
        for number, title in self.sections.items():
            choose("部分序号", number, ORDER)
            if not title.strip():
                raise ValueError(f"sections.{number} 应写明该部分的标题")


def where_section_belongs(report: Report, number: str) -> Span:
    later = [s for s in report.sections if ORDER.index(s.number) > ORDER.index(number)]
    if later:
        return later[0].span
    return report.end_span()


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    present = {section.number for section in report.sections}
    for number, title in rule.params.sections.items():
        if number not in present:
            yield rule.diagnostic(
                report,
                where_section_belongs(report, number),
                section=number,
                section_title=f"{number}、{title}",
            )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("section_present", Params, check, __doc__ or "")]
