"""topics_covered: a section is more than a placeholder and says what the format asks of it.

Why: 国办公开办函〔2021〕30号 names 敷衍塞责 (a perfunctory report) among the failings it holds
organs responsible for, and lists what sections 一, 五 and 六 contain: 一 covers 主动公开,
依申请公开, 政府信息管理, 平台建设 and 监督保障; 五 states problems and the measures against them
(and, for a 人民政府, how last year's problems were rectified); 六 reports the 政务公开工作要点,
建议提案 and 创新. Each topic is a list of regular expressions in the rule's params (any one found
in the section covers it); the section must cover `min_topics` of them (0: all), and be at
least `min_chars` Chinese characters long. A report whose organ is a 人民政府 (`government`, read
from the title) must also cover `government_topics`.

The finding's wording is in the rule's params (`problems`): `placeholder` (the section says
nothing; without this key such a section is left to GIP401), `short`, `missing`. One finding per
section, the first problem found.

Example: see GIP411 in rules/content.yaml, GIP412 in rules/content.yaml, GIP415 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from giplint import hookimpl, layouts
from giplint.checks.not_placeholder import content, is_placeholder
from giplint.contract import CheckKind, Rule, choose, regex
from giplint.diagnostics import Diagnostic
from giplint.model import Report

# Everything but Chinese characters: the section's length in Chinese characters is what is left
# (one sub over runs, 4x cheaper than listing every character with findall).
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Params:
    section: str
    topics: dict[str, list[str]] = field(default_factory=dict)  # topic -> regexes
    min_topics: int = 0  # how many topics must be covered (0: all)
    government_topics: dict[str, list[str]] = field(default_factory=dict)
    government: str = ""  # organ-name regex of a 人民政府's own report
    min_chars: int = 0
    placeholders: list[str] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # placeholder | short | missing -> wording

    def __post_init__(self) -> None:
        choose("部分序号", self.section, layouts.SECTION_ORDER)
        for topics in (self.topics, self.government_topics):
            for topic, patterns in topics.items():
                if not patterns:
                    raise ValueError(f"topics.{topic} 应列出至少一个正则表达式")
                for pattern in patterns:
                    regex(f"topics.{topic}", pattern)
        if not 0 <= self.min_topics <= len(self.topics):
            raise ValueError(f"min_topics 应在 0 到 {len(self.topics)} 之间，而不是 {self.min_topics}")
        if self.government:
            regex("government", self.government)
        if self.min_chars < 0:
            raise ValueError(f"min_chars 应为非负整数，而不是 {self.min_chars}")
        for key in self.problems:
            choose("problems 的键", key, ("placeholder", "short", "missing"))


def _missing(text: str, topics: dict[str, list[str]]) -> list[str]:
    return [topic for topic, patterns in topics.items() if not any(re.search(p, text) for p in patterns)]


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    params = rule.params
    section = report.section(params.section)
    if section is None:
        return
    body = content(section.body, params.placeholders)
    fields: dict[str, Any] = {"heading": section.heading, "min_chars": params.min_chars}
    if params.placeholders and is_placeholder(body, params.placeholders):
        if "placeholder" in params.problems:
            yield rule.diagnostic(
                report, section.span, section=section.number, problem=params.problems["placeholder"], **fields
            )
        return
    chars = len(_NOT_HAN.sub("", body))
    if params.min_chars and chars < params.min_chars:
        problem = params.problems.get("short", "").format(chars=chars, **fields)
        yield rule.diagnostic(report, section.span, section=section.number, problem=problem, chars=chars, **fields)
        return
    missing = _missing(body, params.topics)
    needed = params.min_topics or len(params.topics)
    covered = len(params.topics) - len(missing)
    if covered >= needed:
        missing = []
    if params.government and report.organ and re.search(params.government, report.organ):
        missing += _missing(body, params.government_topics)
    if missing:
        listed = "、".join(missing)
        problem = params.problems.get("missing", "").format(missing=listed, covered=covered, **fields)
        yield rule.diagnostic(report, section.span, section=section.number, problem=problem, missing=listed, **fields)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("topics_covered", Params, check, __doc__ or "")]
