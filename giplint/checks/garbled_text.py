"""garbled_text: characters lost in conversion (U+FFFD, or runs of ? standing for Chinese).

Why: a report saved in the wrong encoding or pasted through a lossy tool shows "????" or "�" on
the published page; the reader cannot recover what was there.

Example: see GIP403 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    pattern = re.compile(rf"\ufffd+|[?？]{{{rule.params.min_question_marks},}}")
    document = report.document
    for match in pattern.finditer(document.text):
        yield rule.diagnostic(
            report, document.span(match.start(), match.end()), text=match.group(), count=len(match.group())
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("garbled_text", Params, check, __doc__ or "")]
