"""Step 4 of the table reader: the cells of each row, and the table issues.

What cannot be placed is recorded as a typed table issue (model.TableIssue), at most one per row.
The wording an editor reads is not here: the rules that report table issues (rules/tables.yaml,
check kind `table_issues`) word them.
"""

from __future__ import annotations

import re

from giplint import layouts
from giplint.model import Cell, CellStatus, IssueKind, Label, Span, TableIssue
from giplint.parse.cells import MAX_DIGITS, VALUE, Raw, cell, in_wan, new_cell, new_label, new_place
from giplint.parse.context import Context
from giplint.parse.tables.labels import Hit, bare_text
from giplint.parse.tables.rows import RowReading, Rows, glued_raws


def row_cells(
    view: Context, reading: RowReading, issues: list[TableIssue], numbers: tuple[int, ...] | None
) -> list[Cell]:
    spec = reading.spec
    expected = len(spec.columns)
    if reading.readings is not None:
        if numbers is None:
            chunks = reading.chunks or []
            hit = reading.hit
            place = view.place(chunks[0].start, chunks[-1].end) if chunks else view.place(hit.start, hit.end)
            raw_text = " ".join(c.text for c in chunks)
            issues.extend(
                TableIssue(
                    IssueKind.IDENTITY_BROKEN, place.span, i.row, i.label, raw_text, expected, rule=i.rule
                )
                for i in reading.broken
            )
            if not reading.broken:
                issues.append(
                    TableIssue(IssueKind.UNSEPARATED, place.span, spec.key, spec.label, raw_text, expected)
                )
            return [
                Cell(spec.key, c.key, None, raw_text, place, CellStatus.UNSEPARATED) for c in spec.columns
            ]
        return _cells(view, reading, glued_raws(reading, numbers), issues, "identity")
    raws = reading.raws
    if not raws and not reading.pipe:
        # A row of blank cells leaves nothing but its label in text copied from a PDF.
        label_place = view.place(reading.hit.start, reading.hit.end)
        return [Cell(spec.key, c.key, None, "", label_place, CellStatus.BLANK) for c in spec.columns]
    cells = _cells(view, reading, raws[:expected], issues)
    if len(raws) < expected:
        label_place = view.place(reading.hit.start, reading.hit.end)
        for column in spec.columns[len(raws) :]:
            cells.append(Cell(spec.key, column.key, None, "", label_place, CellStatus.MISSING))
        issues.append(
            TableIssue(IssueKind.MISSING_VALUE, label_place.span, spec.key, spec.label, "", expected)
        )
    extra = [raw for raw in raws[expected:] if not raw.blank]
    if extra:
        issues.append(
            TableIssue(
                IssueKind.EXTRA_VALUE,
                view.span(extra[0].start, extra[0].end),
                spec.key,
                spec.label,
                extra[0].text,
                expected,
            )
        )
    return cells


def _cells(
    view: Context, reading: RowReading, raws: list[Raw], issues: list[TableIssue], separated_by: str = ""
) -> list[Cell]:
    cells: list[Cell] = []
    notes: list[tuple[Raw, str, str, str]] = []  # (raw, note, column key, the figure in 万元 or "")
    index, document, row = view.folded.index, view.document, reading.spec.key
    for raw, column in zip(raws, reading.spec.columns, strict=False):
        text = raw.text
        # cells.is_plain, inlined (`cell`'s common case): most cells of a report are plain figures
        if text.isdigit() and (text[0] != "0" or text == "0") and len(text) <= MAX_DIGITS:
            place = new_place((document, index[raw.start], index[raw.end - 1] + 1))
            cells.append(new_cell((row, column.key, int(text), text, place, VALUE, separated_by)))
            continue
        made, note = cell(view, raw, row, column, separated_by)
        cells.append(made)
        if note:
            notes.append((raw, note, column.key, in_wan(made.value, note, column)))
    if notes:
        raw, _, column_key, wan = notes[0]
        written = "、".join(view.text(r.start, r.end) for r, _, _, _ in notes)
        issues.append(
            TableIssue(
                IssueKind.VALUE_IN_YUAN if wan else IssueKind.VALUE_NOTE,
                view.span(raw.start, raw.end),
                reading.spec.key,
                reading.spec.label,
                written,
                wan,
                column=column_key,
            )
        )
    return cells


def found_labels(view: Context, hits: list[Hit]) -> tuple[Label, ...]:
    labels: list[Label] = []
    document, index = view.document, view.folded.index
    text = document.text
    for spec, start, end, _ in hits:  # view.place, inlined
        place = new_place((document, index[start], index[end - 1] + 1 if end > start else index[start]))
        labels.append(new_label((spec.name, text[place.start : place.end], place)))
    return tuple(labels)


def table_span(view: Context, hits: list[Hit], rows: Rows) -> Span:
    ends = [hits[-1].end] + [raw.end for reading in rows.readings.values() for raw in reading.raws]
    return view.span(hits[0].start, max(ends))


_SUBSEQUENCE_SKIP = re.compile(r"[\s|\d]")


def missing_headers(view: Context, layout: layouts.Layout, hits: list[Hit], span: Span) -> list[TableIssue]:
    """Header labels the table lacks. A header split over lines or cells (`商业企 科研机` / `业 构`,
    as PDF text comes) is present when its characters stand in order in the table's text."""
    names = {hit.spec.name for hit in hits}
    missing = [name for name in layout.headers if name not in names]
    if not missing:
        return []
    text = _SUBSEQUENCE_SKIP.sub("", view.folded.text)
    labels = layouts.scanner(layout.table).labels
    return [
        TableIssue(IssueKind.MISSING_LABEL, span, label=name, expected=name)
        for name in missing
        if not _in_order(bare_text(labels[name].text), text)
    ]


def _in_order(characters: str, text: str) -> bool:
    position = 0
    for character in characters:
        position = text.find(character, position) + 1
        if not position:
            return False
    return True


def common_issues(
    view: Context, layout: layouts.Layout, hits: list[Hit], rows: Rows, span: Span
) -> list[TableIssue]:
    """Missing rows and headers, mistyped labels, duplicates and noise, at most one per row."""
    issues = [
        TableIssue(IssueKind.MISSING_ROW, span, row.key, row.label, expected=row.label)
        for row in layout.rows
        if row.key not in rows.readings
    ]
    issues += missing_headers(view, layout, hits, span)
    for hit in hits:
        if hit.how == "fuzzy":
            issues.append(
                TableIssue(
                    IssueKind.LABEL_WORDING,
                    view.span(hit.start, hit.end),
                    _row_key(layout, rows, hit),
                    label=hit.spec.text,
                    found=view.text(hit.start, hit.end),
                    expected=hit.spec.text,
                )
            )
    issues += [
        TableIssue(
            IssueKind.DUPLICATE_ROW, view.span(hit.start, hit.end), _row_key(layout, rows, hit), hit.spec.text
        )
        for hit in rows.duplicates
    ]
    for reading in rows.readings.values():
        if reading.noise:
            first = reading.noise[0]
            words = "、".join(dict.fromkeys(view.text(r.start, r.end) for r in reading.noise))
            issues.append(
                TableIssue(
                    IssueKind.UNRECOGNISED,
                    view.span(first.start, first.end),
                    reading.spec.key,
                    reading.spec.label,
                    words,
                )
            )
    return issues


def _row_key(layout: layouts.Layout, rows: Rows, hit: Hit) -> str:
    """The key of the row a label names, or "" for a header or group label (for locating it)."""
    key = rows.key_of.get(hit.spec.name, hit.spec.name.lower())
    return key if layout.row(key) else ""


# What table-structure reports about a row: at most one of these per row (the first found).
_ROW_PROBLEMS = frozenset(
    {IssueKind.MISSING_VALUE, IssueKind.EXTRA_VALUE, IssueKind.UNRECOGNISED, IssueKind.DUPLICATE_ROW}
)


def one_per_row(issues: list[TableIssue]) -> list[TableIssue]:
    """One table-structure finding per row: a row short of numbers because noise stood where
    they belong is one problem for the editor, not two."""
    seen: set[str] = set()
    kept: list[TableIssue] = []
    for issue in issues:
        if issue.kind in _ROW_PROBLEMS:
            if issue.label in seen:  # the row's label (a duplicate's: the label as the vocabulary has it)
                continue
            seen.add(issue.label)
        kept.append(issue)
    return kept
