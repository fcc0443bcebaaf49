"""text_not_copied: a section's text is not, for the most part, last year's text again.

Why: 五、存在的主要问题及改进情况 copied word for word from last year's report is a classic
complaint about these reports (文字重复率): the problems were not worked on, or the report was
not written. Each section named in params is measured on its own (五 and, reported separately, 一):
(and 六, once it has `min_sentences` sentences) the share of its sentences found verbatim or near-verbatim in last year's report of the same organ
(giplint/years/reuse.py says what a sentence and "near-verbatim" are). At or above the section's
threshold the finding gives the share and the first copied sentence, at its line.

A cross-year rule: it runs only for a report paired with last year's (giplint/engine/pairing.py).

Example: see GIP504 in rules/years.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import Report
from giplint.years.reuse import corpus_of, reuse, section_prose


@dataclass(frozen=True)
class Params:
    sections: dict[str, float] = field(default_factory=lambda: {"五": 0.6})  # section -> threshold
    similarity: float = 0.9  # difflib ratio from which a sentence counts as near-verbatim
    min_chars: int = 10  # shorter sentences (once normalised) are not counted
    # a section with fewer counted sentences is not judged: 六's one fee sentence
    # (本年度未收取信息处理费) is rightly the same every year
    min_sentences: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for number, threshold in self.sections.items():
            choose("部分序号", str(number), layouts.SECTION_ORDER)
            if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
                raise ValueError(f"sections.{number} 应为 0 到 1 之间的比例，而不是 {threshold}")
        for number, count in self.min_sentences.items():
            choose("部分序号", str(number), layouts.SECTION_ORDER)
            if not isinstance(count, int) or count < 1:
                raise ValueError(f"min_sentences.{number} 应为正整数，而不是 {count}")
        if not 0 < self.similarity <= 1:
            raise ValueError(f"similarity 应为 0 到 1 之间的比例，而不是 {self.similarity}")


def last_year_texts(previous: Report) -> list[str]:
    """Last year's report as text to look sentences up in: its preamble and every section."""
    return [previous.preamble, *(section_prose(section) for section in previous.sections)]


def check(report: Report, rule: Rule[Params], previous: Report) -> Iterator[Diagnostic]:
    params: Params = rule.params
    corpus = corpus_of(last_year_texts(previous), params.min_chars)
    for number, threshold in params.sections.items():
        section = report.section(number)
        if section is None:
            continue
        found = reuse(section_prose(section), corpus, params.similarity, params.min_chars)
        if len(found.sentences) < params.min_sentences.get(number, 1):
            continue
        if not found.copied or found.share < threshold:
            continue
        first = found.copied[0]
        start = section.body_offset + first.start
        yield rule.diagnostic(
            report,
            report.document.span(start, section.body_offset + first.end),
            section=number,
            number=number,
            title=section.heading,
            share=f"{found.share:.0%}",
            copied=len(found.copied),
            total=len(found.sentences),
            sentence=first.text if len(first.text) <= 60 else first.text[:60] + "…",
            threshold=f"{threshold:.0%}",
            previous_year=previous.year or "上",
            previous_path=previous.path,
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("text_not_copied", Params, check, __doc__ or "", previous=lambda params: True)]
