"""What a page of --format html needs of a report (`ReportView`), and escaping.

A small tree of the report's text, cells and spans, built while the report is parsed
(giplint/lint.py ``view=``) so that a run never holds thousands of reports: giplint/output/html_report.py
lays it out with the findings, giplint/output/html_tables.py draws its tables.

A folder run keeps a view of every report until the cross-year pass has added its findings, so
the many small parts of a view (a sentence, a cell, a position) are plain tuples of strings and
integers, not objects: the garbage collector stops tracking such tuples, where a thousand views
of objects (500 a report) made each full collection walk half a million of them — measured, the
collector's time in `--format html` over 1,000 reports fell from 2.3 s to (bench/README.md).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from giplint import layouts
from giplint.model import Report, Section, Table
from giplint.span import Span
from giplint.years.reuse import prose, section_prose

# -- the view: what a page needs of a report -----------------------------------------------------


Where = tuple[int, int, int, int]  # a span as a plain tuple: line, column, end line, end column
Sentence = tuple[str, Where]  # (text, where)
Paragraph = tuple[Sentence, ...]
CellView = tuple[str, str, Where]  # (raw text, a CellStatus value, where)


def where(span: Span) -> Where:
    """A span as a plain tuple (a Span is a NamedTuple, which the collector keeps tracking)."""
    return tuple(span)  # type: ignore[return-value]  # exactly its four integers


@dataclass(frozen=True, slots=True)
class TableView:
    kind: str
    title: str
    section: str
    layout: str  # "2021", "2019", "any" or "unknown"
    span: Where
    cells: dict[tuple[str, str], CellView]
    rows: dict[str, Where]  # row key -> where its label is, where the report has it
    year: int | None = None  # the report's year: what its layout was then (`layout_name`)


@dataclass(frozen=True, slots=True)
class SectionView:
    number: str
    heading: str
    span: Where
    before: tuple[Paragraph, ...]  # the text above the table (all of it when there is none)
    table: TableView | None
    after: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    path: str
    title: str
    organ: str | None
    year: int | None
    layout: str
    source_format: str
    preamble: tuple[str, ...]
    preamble_span: Where | None
    sections: tuple[SectionView, ...]


_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


def _paragraphs(report: Report, text: str, offset: int) -> list[tuple[int, Paragraph]]:
    """The non-blank lines of `text` (canonical, starting at `offset`) as sentences with spans."""
    document = report.document
    found: list[tuple[int, Paragraph]] = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            sentences = []
            for match in _SENTENCE.finditer(line):
                written = match.group()
                if not written.strip():
                    continue
                begin = offset + start + match.start()
                sentences.append((written, where(document.span(begin, begin + len(written)))))
            if sentences:
                found.append((start, tuple(sentences)))
        start += len(line) + 1
    return found


def _table_view(table: Table, report: Report) -> TableView:
    cells: dict[tuple[str, str], CellView] = {
        (cell.row, cell.column): (cell.raw, cell.status.value, where(cell.span)) for cell in table.cells
    }
    spec = layouts.layout_for(table.kind, table.layout) or layouts.layout_for(table.kind, "2021")
    keys = {row.key for row in spec.rows} if spec else set()
    rows: dict[str, Where] = {}
    for label in table.labels:
        key = label.name.lower()
        if key in keys and key not in rows:
            rows[key] = where(label.span)
    return TableView(
        table.kind, table.title, table.section, table.layout, where(table.span), cells, rows, report.year
    )


def _section_view(section: Section, report: Report) -> SectionView:
    text = prose(section_prose(section))
    paragraphs = _paragraphs(report, text, section.body_offset)
    table = section.table
    if table is None:
        return SectionView(
            section.number, section.heading, where(section.span), tuple(p for _, p in paragraphs), None, ()
        )
    places = [c.place.start for c in table.cells] + [label.place.start for label in table.labels]
    at = (min(places) - section.body_offset) if places else len(text)
    before = tuple(p for start, p in paragraphs if start < at)
    after = tuple(p for start, p in paragraphs if start >= at)
    return SectionView(
        section.number, section.heading, where(section.span), before, _table_view(table, report), after
    )


def view_of(report: Report) -> ReportView:
    """What a page shows of `report` (built while linting: see the module docstring)."""
    title = report.title
    return ReportView(
        report.path,
        title.text if title else "",
        report.organ,
        report.year,
        report.layout,
        report.document.source_format,
        tuple(line for line in report.preamble.split("\n") if line.strip()),
        where(report.preamble_span) if report.preamble_span is not None else None,
        tuple(_section_view(section, report) for section in report.sections),
    )


# -- what a layout was in the report's year ---------------------------------------------------------

TRIAL_LAYOUT = layouts.LAYOUT_NAMES["2019"]


def trial_layout_applied(year: int | None) -> bool:
    """Whether the 2019 trial layout was the mandated one for a report of `year` (2019, 2020:
    GIP201 only notes it then); the 2021 layout applies from layouts.APPLICATIONS_2021_FROM."""
    return year is not None and year < layouts.APPLICATIONS_2021_FROM


def layout_name(layout: str, year: int | None) -> str:
    """A table layout's name on a page, honest about the report's year: the trial layout is
    the one that applied to a 2019 or 2020 report, and superseded (已废止) from 2021 on."""
    if layout == "2019":
        return f"{TRIAL_LAYOUT}，{year}年度适用" if trial_layout_applied(year) else f"{TRIAL_LAYOUT}，已废止"
    # a table both layouts share needs no name on the page
    return "" if layout == "any" else layouts.LAYOUT_NAMES.get(layout, "")


# -- escaping: report text is hostile --------------------------------------------------------------

# Control characters, lone surrogates and noncharacters: none may reach the page as they are
# (an HTML parser treats them as errors); each is shown as its code (\x1b, \ud800).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def text(value: object) -> str:
    """`value` as HTML text: escaped, quotes included (safe in attributes too)."""
    shown = str(value)
    if shown.isalnum():  # digits and words (most cells): nothing to escape
        return shown
    shown = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", shown)
    return html.escape(shown, quote=True)



def cell_id(kind: str, row: str, column: str) -> str:
    return f"cell-{kind}-{row}-{column}"
