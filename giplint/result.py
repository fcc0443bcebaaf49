"""What linting one file gave (`LintResult`): findings, failures, and what output needs of the report.

Why a module apart from giplint/lint.py: a run answered by the result cache decodes and renders
results without reading or parsing anything, so this type must not import the parser, the
readers or the model (giplint/engine/cache.py, giplint/commands/quick.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from giplint.diagnostics import Diagnostic, Failure
from giplint.years.organ import ReportIdentity, recognise

if TYPE_CHECKING:
    from giplint.model import Report


@dataclass
class LintResult:
    """What one file gave: findings, failures, and what output needs of its report.

    The report itself is not kept: a run over thousands of files (or a process pool sending
    results back) must not hold every document. Output needs only a few facts and the source
    lines under the findings.
    """

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    encoding: str | None = None
    source_format: str | None = None
    layout: str | None = None
    year: int | None = None
    lines: dict[int, str] = field(default_factory=dict)  # line number -> source line, for excerpts
    # For HTML and Word: (line, column) of a finding -> the paragraph or cell text there. Their
    # source lines are markup (or do not exist), so an excerpt shows the text the grammar read.
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    identity: ReportIdentity | None = None  # organ and year, to pair with last year's report
    skipped: bool = False  # found in a folder walk with no report structure at all: not linted
    # What an output format built of the report while it was in memory (--format html: the page's
    # view, giplint/output/html_report.py), so the report is parsed once; never cached, never compared.
    view: Any = field(default=None, compare=False, repr=False)
    # The parsed report, kept only from the first pass to the cross-year pass of one run (never
    # cached, dropped once the pairs are linted): each file is parsed once per run.
    report: Report | None = field(default=None, compare=False, repr=False)

    def merge(self, other: LintResult) -> None:
        """Add the findings of a second run over the same file (the cross-year rules)."""
        self.diagnostics = sorted(self.diagnostics + other.diagnostics, key=Diagnostic.sort_key)
        self.failures.extend(other.failures)
        self.lines.update(other.lines)
        self.texts.update(other.texts)

    @classmethod
    def of(cls, report: Report, diagnostics: list[Diagnostic], failures: list[Failure]) -> LintResult:
        document = report.document
        lines: dict[int, str] = {}
        texts: dict[tuple[int, int], str] = {}
        if document.origins:
            wanted_places = {(d.span.line, d.span.column) for d in diagnostics}
            for origin in document.origins:
                place = (origin.line, origin.column)
                if place in wanted_places and place not in texts:
                    end = document.text.find("\n", origin.offset)
                    texts[place] = document.shown[origin.offset : end if end != -1 else None]
        else:
            source = document.lines
            lines = {n: source[n - 1] for n in {d.span.line for d in diagnostics} if 1 <= n <= len(source)}
        return cls(
            report.path,
            sorted(diagnostics, key=Diagnostic.sort_key),
            failures,
            report.encoding,
            document.source_format,
            report.layout,
            report.year,
            lines,
            texts,
            recognise(report),
        )
