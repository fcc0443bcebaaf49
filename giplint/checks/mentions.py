"""mentions: a section with content mentions at least one of the given words.

Why: some items are required in substance, not only as a heading: 六 must report the
信息处理费 (国办函〔2020〕109号), even as "未收取信息处理费". A section that only says 无 is left to
not_placeholder, so one defect gives one finding.

Example: see GIP402 in rules/content.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from giplint import hookimpl, layouts
from giplint.checks.not_placeholder import is_placeholder
from giplint.contract import CheckKind, Rule, choose, regex
from giplint.diagnostics import Diagnostic
from giplint.fold import fold_text
from giplint.model import Report


@dataclass(frozen=True)
class Params:
    section: str
    words: list[str]
    placeholders: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        choose("部分序号", self.section, layouts.SECTION_ORDER)
        if not self.words or not all(self.words):
            raise ValueError("words 应列出至少一个词")
        for pattern in self.placeholders:
            regex("placeholders 中的一项", pattern)


@cache
def _folded(word: str) -> str:
    return fold_text(word)


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    section = report.section(rule.params.section)
    if section is None or is_placeholder(section.body, rule.params.placeholders):
        return
    if not any(_folded(word) in section.body_folded for word in rule.params.words):
        yield rule.diagnostic(
            report,
            section.span,
            section=section.number,
            heading=section.heading,
            words="、".join(rule.params.words),
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("mentions", Params, check, __doc__ or "")]
