"""not_placeholder: a section says something, not just 无 / (无) / 暂无 / 【无】 / "/" / "—".

Why: under the 2021 format 六、其他需要报告的事项 must at least report the 信息处理费 charged
(国办函〔2020〕109号), so "无" is non-compliant from report year 2021 (spec §3.2, §8 row 10).

Example: see GIP401 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose, regex
from giplint.diagnostics import Diagnostic
from giplint.fold import fold_text
from giplint.model import Report
from giplint.parse.closing import without_closing


@dataclass(frozen=True)
class Params:
    section: str  # 六
    placeholders: list[str] = field(default_factory=list)  # regexes: whole-section texts that say nothing
    blank: str = ""  # the message's {content} for a section with nothing at all in it

    def __post_init__(self) -> None:
        choose("部分序号", self.section, layouts.SECTION_ORDER)
        if not self.blank.strip():
            raise ValueError("blank 应写明空白部分在消息中的措辞，如（空白）")
        for pattern in self.placeholders:
            regex("placeholders 中的一项", pattern)


# Spaces and every punctuation mark: a section of only "/", "—" or "【无】" says as little as "无".
_STRIP = re.compile(r"[\s\W_]")
# Where a section's sentences divide: "无。无。" is two placeholders, each saying nothing.
_SENTENCES = re.compile(r"[\s。.,，;；:：!！?？、]+")


def content(text: str, heads: Sequence[str] = ()) -> str:
    """The section's text without the closing block that follows it in many reports (落款,
    attachments, page furniture: giplint/parse/closing.py); `heads` are the placeholders, which a
    crawled page glues to the organ's name (`无河北省教育厅2022年1月20日`)."""
    return without_closing(text.strip(), heads)


def is_placeholder(text: str, placeholders: list[str]) -> bool:
    """True if the section, or each of its sentences, is empty or one of the `placeholders`."""
    folded = fold_text(content(text, placeholders))
    if _says_nothing(folded, placeholders):
        return True
    sentences = [s for s in _SENTENCES.split(folded) if s]
    return len(sentences) > 1 and all(_says_nothing(s, placeholders) for s in sentences)


def _says_nothing(text: str, placeholders: list[str]) -> bool:
    bare = _STRIP.sub("", text)
    return bare == "" or any(re.fullmatch(pattern, bare) for pattern in placeholders)


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    section = report.section(rule.params.section)
    if section is None:
        return
    body = content(section.body, rule.params.placeholders)
    if is_placeholder(body, rule.params.placeholders):
        yield rule.diagnostic(
            report,
            section.span,
            section=section.number,
            heading=section.heading,
            content=body or rule.params.blank,
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("not_placeholder", Params, check, __doc__ or "")]
