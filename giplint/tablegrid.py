"""The mandated tables as grids of merged cells, built from the one home of the vocabulary.

`giplint template` writes these grids into a Word, text or Markdown skeleton, and any output that
shows a table "in the mandated layout" can draw it from here. Nothing here restates a label: every
header and row text comes from `giplint.layouts` (the row's `RowSpec`, the `VOCABULARY` entry of
its name), so a label edited there changes every grid (spec §4.1–§4.3 give the shapes).
"""

from __future__ import annotations

from dataclasses import dataclass

from giplint.layouts import (
    ACTIVE_DISCLOSURE_2021,
    ACTIVE_DISCLOSURE_2021_BLOCKS,
    ACTIVE_DISCLOSURE_BLOCKS,
    APPLICATIONS_2021,
    REVIEW_LITIGATION,
    VOCABULARY,
    Layout,
    RowSpec,
)


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell at its top-left grid position. `row`/`column` name a value cell's keys in the
    layout (`carried_over`/`natural_person`); labels and headers leave them empty."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"  # header | label | value
    row: str = ""
    column: str = ""


Grid = list[list[GridCell]]

# The wording as the official attachment prints it: full-width brackets, colon, comma and quotes
# (the vocabulary stores the folded ASCII form the reader matches; NFKC folds these back).
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


def display(text: str) -> str:
    """A vocabulary text as the format prints it: ``(一)予以公开`` → ``（一）予以公开``."""
    out = text.translate(_FULL_WIDTH)
    while '"' in out:  # straight quotes pair up as “…”
        out = out.replace('"', "“", 1).replace('"', "”", 1)
    return out


def _text(table: str, name: str) -> str:
    spec = next(spec for spec in VOCABULARY[table] if spec.name == name)
    return display(spec.text)


def _values(row: RowSpec, width: int | None = None) -> list[GridCell]:
    """The value cells of a row; one cell spanning `width` columns when the row has one value."""
    if width is not None and len(row.columns) == 1:
        column = row.columns[0]
        return [GridCell("", colspan=width, kind="value", row=row.key, column=column.key)]
    last = len(row.columns) - 1  # fewer values than `width` (2019's 收费, 采购): the last one spans
    spans = [1 + (width - len(row.columns) if width is not None and i == last else 0) for i in range(last + 1)]
    return [
        GridCell("", colspan=span, kind="value", row=row.key, column=column.key)
        for column, span in zip(row.columns, spans, strict=True)
    ]


def active_disclosure_grid(layout: Layout = ACTIVE_DISCLOSURE_2021) -> Grid:
    """Table 二: one block per article of 第二十条, four columns (spec §4.1; the 2019 layout's
    blocks when given it)."""
    rows: Grid = []
    content = _text("active_disclosure", "CONTENT")
    for article, keys in ACTIVE_DISCLOSURE_BLOCKS.get(layout.name, ACTIVE_DISCLOSURE_2021_BLOCKS):
        specs = [row for key in keys if (row := layout.row(key)) is not None]
        rows.append([GridCell(_text("active_disclosure", article), colspan=4, kind="header")])
        columns = specs[0].columns
        if len(columns) == 1:
            header = [GridCell(display(columns[0].label), colspan=3, kind="header")]
        else:
            header = [
                GridCell(display(column.label), colspan=1 + (4 - 1 - len(columns) if i == len(columns) - 1 else 0), kind="header")
                for i, column in enumerate(columns)
            ]
        rows.append([GridCell(content, kind="header"), *header])
        rows.extend([GridCell(display(spec.label)), *_values(spec, width=3)] for spec in specs)
    return rows


def applications_grid(layout: Layout = APPLICATIONS_2021) -> Grid:
    """Table 三: the three header rows under the identity note, then 25 rows of 7 values
    (spec §4.2): the result rows sit in the 三、本年度办理结果 group, sub-rows in their group."""
    text = {spec.name: display(spec.text) for spec in VOCABULARY["applications"]}
    rows: Grid = [
        [
            GridCell(text["IDENTITY_NOTE"], rowspan=3, colspan=3, kind="header"),
            GridCell(text["APPLICANTS"], colspan=7, kind="header"),
        ],
        [
            GridCell(text["NATURAL_PERSON"], rowspan=2, kind="header"),
            GridCell(text["LEGAL_PERSONS"], colspan=5, kind="header"),
            GridCell(text["COLUMN_TOTAL"], rowspan=2, kind="header"),
        ],
        [
            GridCell(text[name], kind="header")
            for name in ("COMMERCIAL", "RESEARCH", "PUBLIC_INTEREST", "LEGAL_SERVICE", "OTHER_ORG")
        ],
    ]
    head, results, tail = layout.rows[:2], layout.rows[2:-1], layout.rows[-1:]
    for spec in head:
        rows.append([GridCell(text[spec.key.upper()], colspan=3), *_values(spec)])
    group_sizes: dict[str, int] = {}
    for spec in results:
        group = _group_of(spec)
        if group:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    opened: set[str] = set()
    for index, spec in enumerate(results):
        row: list[GridCell] = []
        if index == 0:
            row.append(GridCell(text["RESULTS"], rowspan=len(results)))
        group = _group_of(spec)
        if group and group not in opened:
            opened.add(group)
            row.append(GridCell(group, rowspan=group_sizes[group]))
        label = text.get(spec.key.upper(), display(spec.label))
        row.append(GridCell(label) if group else GridCell(label, colspan=2))
        rows.append([*row, *_values(spec)])
    for spec in tail:
        rows.append([GridCell(text[spec.key.upper()], colspan=3), *_values(spec)])
    return rows


def _group_of(spec: RowSpec) -> str:
    """The group label a result row sits under (``（三）不予公开``: the layout writes a sub-row's
    label as group, space, row), or "" for a row of its own."""
    return display(spec.label).split(" ", 1)[0] if " " in spec.label else ""


def review_litigation_grid(layout: Layout = REVIEW_LITIGATION) -> Grid:
    """Table 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), one row of 15 values
    (spec §4.3)."""
    text = {spec.name: display(spec.text) for spec in VOCABULARY["review_litigation"]}
    outcomes = [display(column.label) for column in layout.rows[0].columns]
    return [
        [
            GridCell(text["ADMINISTRATIVE_REVIEW"], colspan=5, kind="header"),
            GridCell(text["LITIGATION"], colspan=10, kind="header"),
        ],
        [
            *[GridCell(label, rowspan=2, kind="header") for label in outcomes],
            GridCell(text["DIRECT_SUIT"], colspan=5, kind="header"),
            GridCell(text["SUIT_AFTER_REVIEW"], colspan=5, kind="header"),
        ],
        [GridCell(label, kind="header") for label in outcomes * 2],
        [cell for spec in layout.rows for cell in _values(spec)],
    ]


GRIDS = {
    "active_disclosure": active_disclosure_grid,
    "applications": applications_grid,
    "review_litigation": review_litigation_grid,
}


def mandated_grid(table: str) -> Grid:
    """The 2021 layout of one table (`active_disclosure`, `applications`, `review_litigation`)."""
    return GRIDS[table]()


def width(grid: Grid) -> int:
    """The number of grid columns (the widest row, counting spans)."""
    return max(sum(cell.colspan for cell in row) for row in grid[:1]) if grid else 0
