"""stale_year: a sentence of 一 or 五 opens with a year that is not the report's.

Why: reports are written from last year's; a sentence left as it was opens with last year's
year (`2023年，本局…` in a 2024 report), and a template reused for another year keeps its own
(giplint's fixture old-layout-2020.txt says 2024年 in a 2020 report). Only a sentence that
opens with `YYYY年，` (or `YYYY年度，`) counts: `上年`, `自2023年以来`, `较2023年` and a year
inside a sentence are comparisons, not stale text. The year after the report's is allowed (五
says what will be done next year: `2025年，我局将…`).

Example: see GIP413 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import Report

# A sentence opening: the start of a line or a sentence, an optional enumerator, the year, 年 or
# 年度, a comma.
_OPENING = re.compile(
    r"(?:^|(?<=[。；;！!？?\n]))[ \t\u3000]*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、是])?\s*"
    r"(?P<year>(?:19|20)\d{2})\s*年度?[，,]"
)


@dataclass(frozen=True)
class Params:
    sections: list[str] = field(default_factory=lambda: ["一", "五"])
    ahead: int = 1  # years after the report's that a sentence may open with (plans)

    def __post_init__(self) -> None:
        for number in self.sections:
            choose("部分序号", number, layouts.SECTION_ORDER)
        if not 0 <= self.ahead <= 5:
            raise ValueError(f"ahead 应为 0 到 5 之间的整数，而不是 {self.ahead}")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    year = report.year
    if year is None or report.year_source == "text":  # the year read from 一 itself: nothing to compare
        return
    for number in rule.params.sections:
        section = report.section(number)
        if section is None:
            continue
        for match in _OPENING.finditer(section.body):
            stated = int(match["year"])
            if year <= stated <= year + rule.params.ahead:
                continue
            end = section.body.find("\n", match.end())
            sentence = section.body[match.start("year") : end if end != -1 else None].strip()
            start = section.body_offset + match.start("year")
            yield rule.diagnostic(
                report,
                report.document.span(start, section.body_offset + match.end("year")),
                section=number,
                number=number,
                stated=stated,
                year=year,
                sentence=sentence if len(sentence) <= 40 else sentence[:40] + "…",
            )
            break  # one finding per section: the first stale sentence


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("stale_year", Params, check, __doc__ or "")]
