"""Where a finding is shown on a page of ``--format html``: the element it is marked at.

Every element a finding can be marked at (a cell, a row's label, a sentence, a heading, a table,
the text before section 一) has an id and a span; a finding is marked at the element its table,
row and column name when it names them, else at the smallest element holding its position, else
at its section, else at the report. giplint/output/html_report.py collects the elements of a page
and lays the findings out there.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from giplint import layouts
from giplint.diagnostics import Diagnostic
from giplint.output.html_view import ReportView, Where, cell_id

_KIND_ORDER = ("cell", "row", "sentence", "heading", "table", "preamble")


@dataclass
class Places:
    """Every element of a page a finding can be marked at: id -> (kind, span), and the findings
    each one holds."""

    elements: list[tuple[str, str, Where]] = field(default_factory=list)
    at: dict[str, list[int]] = field(default_factory=dict)  # element id -> finding numbers


def section_id(number: str) -> str:
    return f"sec-{layouts.SECTION_ORDER.find(number) + 1}"


def _same(label: str, canonical: str) -> bool:
    """Whether a finding's label names a layout's label: full- or half-width brackets, spaces."""
    return _bare(label) == _bare(layouts.form_label(canonical))  # the form's “quotes”, which NFKC keeps


@functools.lru_cache(maxsize=4096)
def _bare(label: str) -> str:
    """A label without width or spacing differences (asked for every row of a table, for every
    finding: cached)."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", label))


def _structured(view: ReportView, diagnostic: Diagnostic) -> str | None:
    """The element named by a finding's table/row/column fields, when it has them."""
    table_number = getattr(diagnostic, "table", "")
    if not table_number:
        return None
    section = next((s for s in view.sections if s.number == table_number and s.table), None)
    if section is None or section.table is None:
        return None
    table = section.table
    spec = layouts.layout_for(table.kind, table.layout) or layouts.layout_for(table.kind, "2021")
    if spec is None:
        return f"tbl-{table.kind}"
    wanted_row = getattr(diagnostic, "row", "")
    wanted_column = getattr(diagnostic, "column", "")
    row = next((r for r in spec.rows if _same(wanted_row, r.label)), None) if wanted_row else None
    if row is None:
        return f"tbl-{table.kind}"
    column = next((c for c in row.columns if _same(wanted_column, c.label)), None) if wanted_column else None
    if column is None:
        return f"row-{table.kind}-{row.key}"
    return cell_id(table.kind, row.key, column.key)


def anchor(view: ReportView, places: Places, diagnostic: Diagnostic) -> str:
    """The id of the element a finding is marked at: its cell (by the finding's table, row and
    column when it names them, else by position), row, sentence or heading; a section the
    report lacks is marked at the place it should have; what has no place is the report's."""
    named = _structured(view, diagnostic)
    present = {s.number for s in view.sections}
    if named is not None:
        return named
    if diagnostic.section and diagnostic.section not in present:
        return section_id(diagnostic.section)
    at = (diagnostic.span.line, diagnostic.span.column)
    best: tuple[int, int, str] | None = None
    # a finding about the whole report (no section) is never a heading's or a table's
    kinds = _KIND_ORDER if diagnostic.section else ("cell", "row", "sentence", "preamble")
    for element, kind, span in places.elements:
        start = (span[0], span[1])  # the element holds the finding: it starts there, or spans it
        if kind not in kinds or not (start == at or start <= at < (span[2], span[3])):
            continue
        size = (span[2] - span[0]) * 10_000 + (span[3] - span[1])
        candidate = (_KIND_ORDER.index(kind), size, element)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is not None:
        return best[2]
    if diagnostic.section:
        return section_id(diagnostic.section)
    return "report"
