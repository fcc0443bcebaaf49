"""publication_deadline: the report was published by its deadline, and after its year ended.

Why: 条例 第四十九条: a 县级以上人民政府部门 publishes its report by 1月31日, a 县级以上地方人民政府
its own report by 3月31日 (spec §1.1); 国办公开办函〔2021〕30号 names 不按时发布 among the
failings organs answer for, and the CASS 2016 evaluation found reports published late. A report
dated before its year ended cannot be right either (the 落款 date of last year's report left as
it was).

The date, in this order: --published, the configuration's `published:` (by path glob), the web
page's 发布日期/发布时间 (the HTML reader, or the header of a crawled page's text before the
first section), the closing 落款 date, the PDF's creation date; the finding says which. The
deadline depends on the organ, read from the title: a 人民政府's own report (`government`), a
township's (`township`: the 条例 sets none, so by default none is checked), any other organ's
(`department`); an organ the title does not name gets `unknown` (the later date, so that no
report is called late on a guess). A PDF created long after the deadline
(`pdf_after_deadline_days`) is a later copy, not the published file: its date is not used.
Deadlines are MM-DD of the year after the report year, in
the rule's params (local rules differ). `judge: late` reports a date after the deadline,
`judge: early` a date before the report year ended.

Example: see GIP410 in rules/content.yaml, GIP416 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from giplint import hookimpl
from giplint.contract import CheckKind, Rule, choose, regex
from giplint.diagnostics import Diagnostic
from giplint.model import Report, Span
from giplint.published import page_date, signature_date

_KINDS = ("government", "township", "department", "unknown")
_SOURCES = ("option", "config", "page", "signature", "pdf")


@dataclass(frozen=True)
class Params:
    judge: str = "late"  # late | early
    deadlines: dict[str, str] = field(default_factory=dict)  # organ kind -> MM-DD ("" = none)
    government: str = ""  # organ-name regex of a government's own report
    township: str = ""  # organ-name regex of a township's (checked before `government`)
    kinds: dict[str, str] = field(default_factory=dict)  # organ kind -> Chinese, for the message
    sources: dict[str, str] = field(default_factory=dict)  # date source -> Chinese
    # a PDF created more than this many days after the deadline is a later copy (a re-export, a
    # conversion made to check it), not the published file: its creation date is not used
    pdf_after_deadline_days: int = 180
    published: str = ""  # set from --published or `published:` (giplint/engine/resolve.py), ISO
    published_source: str = ""  # option | config

    def __post_init__(self) -> None:
        choose("judge", self.judge, ("late", "early"))
        for kind, when in self.deadlines.items():
            choose("deadlines 的机关类型", kind, _KINDS)
            if when and not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", when):
                raise ValueError(f"deadlines.{kind} 应写为 MM-DD（如 03-31），而不是 {when}")
        for name in ("government", "township"):
            if getattr(self, name):
                regex(name, getattr(self, name))
        for kind in self.kinds:
            choose("kinds 的机关类型", kind, _KINDS)
        for source in self.sources:
            choose("sources 的来源", source, _SOURCES)
        if self.pdf_after_deadline_days < 0:
            raise ValueError(f"pdf_after_deadline_days 应为非负整数，而不是 {self.pdf_after_deadline_days}")


def organ_kind(report: Report, params: Params) -> str:
    organ = report.organ
    if not organ:
        return "unknown"
    if params.township and re.search(params.township, organ):
        return "township"
    if params.government and re.search(params.government, organ):
        return "government"
    return "department"


def publication_date(report: Report, params: Params) -> tuple[str, str, Span]:
    """(ISO date, source, where) of the best date the run or the file gives, or ("", "", …)."""
    start = Span.point(1, 1)
    if report.title is not None:
        start = report.title.span
    if params.published:
        return params.published, params.published_source or "option", start
    document = report.document
    if document.published_from == "page":
        return document.published, "page", start
    head_end = report.sections[0].body_offset if report.sections else min(len(document.text), 2000)
    from_header, signed, offset = _file_dates(document.text, head_end)
    if from_header:
        return from_header, "page", start
    if signed:
        return signed, "signature", document.span(offset, offset + len(signed))
    if document.published_from == "pdf":
        return document.published, "pdf", start
    return "", "", start


@lru_cache(maxsize=4)
def _file_dates(text: str, head_end: int) -> tuple[str, str, int]:
    """The header's page date, and the 落款 date with its offset, of a report's text. Remembered:
    both rules of this check (late, early) ask it of the same report, and finding the 落款
    splits the whole text into lines."""
    from_header = page_date(text[:head_end])
    if from_header:
        return from_header, "", -1
    signed, offset = signature_date(text)
    return "", signed, offset


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    params = rule.params
    if report.year is None:
        return
    when, source, span = publication_date(report, params)
    if not when:
        return
    published = date.fromisoformat(when)
    kind = organ_kind(report, params)
    fields: dict[str, Any] = {
        "date": when,
        "source": params.sources.get(source, source),
        "year": report.year,
        "kind": params.kinds.get(kind, kind),
    }
    if params.judge == "early":
        if published <= date(report.year, 12, 31):
            yield rule.diagnostic(report, span, **fields)
        return
    deadline = params.deadlines.get(kind, "")
    if not deadline:
        return
    month, day = (int(part) for part in deadline.split("-"))
    due = date(report.year + 1, month, day)
    if source == "pdf" and (published - due).days > params.pdf_after_deadline_days:
        return
    if published > due:
        yield rule.diagnostic(report, span, deadline=due.isoformat(), days=(published - due).days, **fields)


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("publication_deadline", Params, check, __doc__ or "")]
