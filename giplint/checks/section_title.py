"""section_title: a section's heading is one of the accepted wordings, verbatim.

Why: the format's headings are fixed text; "五、存在问题及改进情况" is recognisably section 五 but
not its mandated title. Comparison ignores punctuation and spaces (（一） ≡ (一)) so that only a
different wording is reported.

Example: see GIP103 in rules/structure.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.fold import fold_text
from giplint.model import Report

_PUNCTUATION = re.compile(r"[\s,、。:;()\"'“”‘’《》〈〉.·]")


@dataclass(frozen=True)
class Params:
    accepted: dict[
        str, list[str]
    ]  # 五 -> [存在的主要问题及改进情况, 政府信息公开工作存在的主要问题及改进情况]

    def __post_init__(self) -> None:
        for number, titles in self.accepted.items():
            choose("部分序号", number, layouts.SECTION_ORDER)
            if not titles or not all(title.strip() for title in titles):
                raise ValueError(f"accepted.{number} 应列出至少一种标题写法")


@cache
def _bare(text: str) -> str:
    return _PUNCTUATION.sub("", fold_text(text))


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    for section in report.sections:
        accepted = rule.params.accepted.get(section.number, [])
        body = _bare(section.heading_folded.split("、", 1)[-1])
        if accepted and body not in {_bare(a) for a in accepted}:
            yield rule.diagnostic(
                report,
                section.span,
                section=section.number,
                heading=section.heading,
                expected=f"{section.number}、{accepted[0]}",
            )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("section_title", Params, check, __doc__ or "")]
