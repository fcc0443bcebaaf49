"""garbled_text: characters lost in conversion (U+FFFD, or runs of ? standing for Chinese).

Why: a report saved in the wrong encoding or pasted through a lossy tool shows "????" or "�" on
the published page; the reader cannot recover what was there.

Example: see GIP403 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import Report


@dataclass(frozen=True)
class Params:
    min_question_marks: int = 3

    def __post_init__(self) -> None:
        if self.min_question_marks < 1:
            raise ValueError(f"min_question_marks 应为正整数，而不是 {self.min_question_marks}")


@lru_cache(maxsize=8)
def _garbled(min_question_marks: int) -> re.Pattern[str]:
    """A run of U+FFFD, or of at least `min_question_marks` question marks. The match starts with
    the one character class it consumes and looks behind only then, so that the regex engine
    skips to the next such character in C instead of trying two alternatives at every offset
    (7x faster over a report)."""
    more = min_question_marks - 1
    return re.compile(rf"[\ufffd?？](?:(?<=\ufffd)\ufffd*|(?<=[?？])[?？]{{{more},}})")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    pattern = _garbled(rule.params.min_question_marks)
    document = report.document
    for match in pattern.finditer(document.text):
        yield rule.diagnostic(
            report, document.span(match.start(), match.end()), text=match.group(), count=len(match.group())
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("garbled_text", Params, check, __doc__ or "")]
