"""Findings on text that was recognised, not read: what OCR is unsure of is not asserted.

A scanned report's text comes from a recogniser (giplint/readers/ocr.py), which gives each box a
confidence; the boxes below its threshold are `Document.uncertain` (canonical offset ranges).
There, a garbled-text or wording finding is most likely the recogniser's own confusion of one
character for another, so it is not given. A figure finding (an identity that does not hold, an
invalid or missing number) in a part of the report where a figure was read uncertainly may rest
on a misread digit: it is kept, as info, and says that the figures are uncertain.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Sequence

from giplint.diagnostics import Diagnostic, Severity
from giplint.model import Report

# Rules about the wording of text: not given on uncertain text.
WORDING = frozenset({"garbled-text", "row-label-wording", "section-title", "parse-error"})
# Rules about figures: softened where a figure of the same section was read uncertainly.
FIGURES = frozenset(
    {
        "applications-balance", "applications-results-total", "applicant-total", "review-litigation-total",
        "invalid-number", "blank-cell", "unseparated-cells", "table-structure", "narrative-mismatch",
        "value-with-note", "carried-over-continuity", "in-force-continuity", "repealed-exceeds-in-force",
    }
)  # fmt: skip
NOTE = "（扫描件文字识别：本部分有识别把握不大的数字，以下结论可能来自识别错误，请对照原件核对）"


def soften(report: Report, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics` without the findings uncertain text does not support (see the module)."""
    document = report.document
    if not document.uncertain:
        return list(diagnostics)
    starts = [0]
    starts += [index + 1 for index, char in enumerate(document.text) if char == "\n"]

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset)

    uncertain_lines = {
        line for start, end in document.uncertain for line in range(line_of(start), line_of(max(start, end - 1)) + 1)
    }
    uncertain_sections = {
        section.number
        for section in report.sections
        if any(
            start < section.body_offset + len(section.body) and end > section.body_offset
            for start, end in document.uncertain
        )
    }
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.rule_name in WORDING and diagnostic.span.line in uncertain_lines:
            continue
        if diagnostic.rule_name in FIGURES and diagnostic.section in uncertain_sections:
            diagnostic = dataclasses.replace(
                diagnostic, severity=min(diagnostic.severity, Severity.INFO), message=diagnostic.message + NOTE
            )
        kept.append(diagnostic)
    return kept
