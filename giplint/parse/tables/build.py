"""Step 5 of the table reader: the three mandated tables, each with its layout decided.

Which layout a table is in (2019 or 2021) is decided from its labels; glued rows are resolved by
the table's identities (giplint/identities.py through glued.py); a table too garbled to read gets
one summary issue instead of a flood.
"""

from __future__ import annotations

from functools import partial

from giplint import layouts
from giplint.model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Cell,
    IssueKind,
    ReviewLitigationTable,
    Table,
    TableIssue,
)
from giplint.parse.cells import Raw
from giplint.parse.context import Context
from giplint.parse.tables import glued
from giplint.parse.tables.issues import (
    common_issues,
    found_labels,
    missing_headers,
    one_per_row,
    row_cells,
    table_span,
)
from giplint.parse.tables.labels import Hit, find_labels
from giplint.parse.tables.rows import RowReading, Rows, known_numbers, read_rows, settle
from giplint.parse.tables.segments import align, read_segment, with_inexact_labels


def read_table(context: Context, table: str, start: int, end: int, year: int | None = None) -> Table | None:
    """The table of a section whose body is folded[start:end], or None when there is none.
    `year` is the report's year as its title or period says, when known (it decides the layout
    of a table 三 whose labels alone leave it open)."""
    view = context.table_view(start, end)
    hits = find_labels(view.folded.text, table)
    anchors = {hit.spec.name for hit in hits if hit.spec.anchor}
    if len(anchors) < 2:
        return None  # a label or two in prose is not a table
    hits, fragments = with_inexact_labels(view.folded.text, table, hits)
    if table == "applications":
        return _build_applications(view, hits, fragments, year)
    return _BUILDERS[table](view, hits, fragments)


def _build_active_disclosure(view: Context, hits: list[Hit], fragments: set[int]) -> Table:
    names = {hit.spec.name for hit in hits}
    old = sum(1 for name in layouts.ACTIVE_DISCLOSURE_2019_MARKERS if name in names)
    new = sum(1 for name in layouts.ACTIVE_DISCLOSURE_2021_MARKERS if name in names)
    layout = layouts.ACTIVE_DISCLOSURE_2019 if old > new else layouts.ACTIVE_DISCLOSURE_2021
    rows, segments = read_rows(view, hits, fragments, layout, layouts.ACTIVE_DISCLOSURE_ROWS)
    issues: list[TableIssue] = []
    cells: list[Cell] = []
    pipe = any(s.cells is not None for s in segments)
    for reading in rows.readings.values():
        settle(reading, partial(_row_identities, layout, reading.spec), pipe)
        numbers = reading.readings[0] if reading.readings and len(reading.readings) == 1 else None
        cells.extend(row_cells(view, reading, issues, numbers))
    return _finish(ActiveDisclosureTable, view, layout, hits, rows, cells, issues)


UNREADABLE_NOISE = 5  # stray words in a table before "most rows not read" becomes one summary


def _finish(
    kind: type[Table],
    view: Context,
    layout: layouts.Layout,
    hits: list[Hit],
    rows: Rows,
    cells: list[Cell],
    issues: list[TableIssue],
) -> Table:
    """The table with its issues; or, when noise stops most rows from being read (an OCR'd or
    garbled table), the table with no cells and one summary issue instead of a finding per
    stray word and arithmetic over guesses."""
    span = table_span(view, hits, rows)
    noise = len(rows.noise) + sum(len(r.noise) for r in rows.readings.values())
    clean = sum(1 for r in rows.readings.values() if r.filled and not r.noise and r.readings is None)
    if noise >= UNREADABLE_NOISE and clean * 2 < len(layout.rows):
        summary = TableIssue(IssueKind.UNREADABLE, span, found=str(clean), expected=len(layout.rows))
        return kind(layout.name, span, (), found_labels(view, hits), (summary,), False)
    issues = one_per_row(common_issues(view, layout, hits, rows, span) + issues)
    return kind(layout.name, span, tuple(cells), found_labels(view, hits), tuple(issues), _is_glued(rows))


def _is_glued(rows: Rows) -> bool:
    return any(r.readings is not None for r in rows.readings.values())


def _build_applications(view: Context, hits: list[Hit], fragments: set[int], year: int | None) -> Table:
    names = {hit.spec.name for hit in hits}
    has_subrows = any(name in names for name in layouts.APPLICATIONS_2021_SUBROWS)
    layout = layouts.APPLICATIONS_2021 if has_subrows else layouts.APPLICATIONS_2019
    rows, segments = read_rows(view, hits, fragments, layout, {})
    other_handling = rows.readings.get("other_handling")
    blank_row = other_handling is not None and not any(not r.blank for r in other_handling.raws)
    trial_year = year is not None and year < layouts.APPLICATIONS_2021_FROM and other_handling is not None
    if not has_subrows and (other_handling is None or blank_row) and not trial_year:
        # (六) without numbers and without its sub-rows: the 2021 group label, its sub-rows missing;
        # but in a 2019 or 2020 report (the trial layout was the mandated one) a blank row of its own
        layout = layouts.APPLICATIONS_2021
        rows, segments = read_rows(view, hits, fragments, layout, {})
    pipe = any(s.cells is not None for s in segments)
    for reading in rows.readings.values():
        settle(reading, partial(_row_identities, layout, reading.spec), pipe)
    numbers = _resolve_applications(layout, rows.readings)
    issues: list[TableIssue] = []
    cells: list[Cell] = []
    for key, reading in rows.readings.items():
        cells.extend(row_cells(view, reading, issues, numbers.get(key)))
    return _finish(ApplicationsTable, view, layout, hits, rows, cells, issues)


def _row_identities(layout: layouts.Layout, spec: layouts.RowSpec) -> tuple[glued.RowIdentity, ...]:
    return glued.row_identities(layout.table, layout.name, ((spec.key, tuple(c.key for c in spec.columns)),))


def _resolve_applications(layout: layouts.Layout, rows: dict[str, RowReading]) -> dict[str, tuple[int, ...]]:
    """Readings of glued rows: unique per row, else the one choice the column identities
    (giplint/identities.py: GIP301's balance and GIP302's sum of the result rows) allow. Nothing
    is chosen when a row the identities need is missing, not a plain number, or glued beyond
    any reading."""
    chosen = {
        key: r.readings[0] for key, r in rows.items() if r.readings is not None and len(r.readings) == 1
    }
    open_rows = [key for key, r in rows.items() if r.readings is not None and len(r.readings) > 1]
    if not open_rows:
        return chosen
    equalities = glued.column_equalities(layout.table, layout.name)
    fixed: dict[str, tuple[int, ...]] = {}
    for key in dict.fromkeys(name for identity in equalities for name in identity.names):
        reading = rows.get(key)
        if reading is None or reading.readings == []:
            return chosen
        if key in chosen:
            fixed[key] = chosen[key]
        elif reading.readings is None:
            known = known_numbers(reading)
            if known is None:
                return chosen
            fixed[key] = known
    checks = [
        (identity, index)
        for index, column in enumerate(layout.rows[0].columns)
        for identity in equalities
        if identity.applies_to(column.key)
    ]

    def balanced(combination: tuple[tuple[int, ...], ...]) -> bool:
        values = dict(fixed)
        values.update(zip(open_rows, combination, strict=True))
        return all(identity.holds(lambda name: values[name][index]) for identity, index in checks)  # noqa: B023

    solution = glued.solve_columns([rows[k].readings or [] for k in open_rows], balanced)
    if solution is not None:
        chosen.update(zip(open_rows, solution, strict=True))
    return chosen


def _build_review_litigation(view: Context, hits: list[Hit], fragments: set[int]) -> Table:
    """Table 四 is header labels, then one row of 15 numbers after the last header: 行政复议 (维持,
    纠正, 其他, 尚未审结, 总计), 未经复议直接起诉 (the same five), 复议后起诉 (the same five).
    Figures after an earlier header are prose or a header's own padding, not the data row."""
    layout = layouts.REVIEW_LITIGATION
    text = view.folded.text
    last = max(i for i, hit in enumerate(hits) if hit.kind == "header")
    anchor = hits[last]
    raws: list[Raw] = []
    pipe = False
    noise: list[Raw] = []
    leading: list[Raw] = []  # blank cells before the first figure: a header's padding, or blanks
    for index in range(last, len(hits)):
        end = hits[index + 1].start if index + 1 < len(hits) else len(text)
        segment = read_segment(text, hits[index].end, end, fragments)
        noise += segment.noise
        if segment.cells is not None:
            pipe = True
            for raw in segment.cells:
                if raw.blank and not raws:
                    leading.append(raw)
                else:
                    raws.append(raw)
        else:
            raws += [raw for line in segment.lines for raw in line]
    reading = RowReading("review_litigation", anchor, layouts.REVIEW_LITIGATION_ROW, noise=noise)
    count = len(layouts.REVIEW_LITIGATION_ROW.columns)
    if pipe and not raws and len(leading) >= count:  # a whole row of empty cells: blank, not missing
        raws = leading[-count:]
    reading.raws, reading.filled = (align(raws, count) if pipe else raws), bool(raws)
    groups = tuple((row.key, tuple(c.key for c in row.columns)) for row in layout.rows)
    settle(reading, partial(glued.row_identities, layout.table, layout.name, groups), pipe)
    numbers = reading.readings[0] if reading.readings and len(reading.readings) == 1 else None
    issues: list[TableIssue] = []
    flat = row_cells(view, reading, issues, numbers)
    cells = [_unflattened(cell) for cell in flat]
    span = view.span(hits[0].start, max([anchor.end, *(raw.end for raw in reading.raws)]))
    issues = missing_headers(view, layout, hits, span) + issues
    if noise:
        words = "、".join(dict.fromkeys(view.text(r.start, r.end) for r in noise))
        issues.append(
            TableIssue(IssueKind.UNRECOGNISED, view.span(noise[0].start, noise[0].end), found=words)
        )
    return ReviewLitigationTable(
        layout.name, span, tuple(cells), found_labels(view, hits), tuple(issues), reading.readings is not None
    )


def _unflattened(cell: Cell) -> Cell:
    """A cell of the flat 15-column row as its row and column of table 四."""
    row, column = cell.column.split(".", 1)
    return Cell(row, column, cell.value, cell.raw, cell.place, cell.status, cell.separated_by)


_BUILDERS = {
    "active_disclosure": _build_active_disclosure,
    "review_litigation": _build_review_litigation,
}
