"""The three mandated tables as HTML tables in the form's own shape (giplint/output/html_report.py).

The shape is giplint/tablegrid.py's grid of the layout the table was read in (every header and
label from giplint/layouts.py); this module only turns it into HTML: each value cell from the
page (the report's figure with its marks, or both years' figures in a comparison), each row's
label an element a finding about the row is marked at.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

from giplint import layouts, tablegrid
from giplint.model import CellStatus
from giplint.output.html_view import TableView, cell_id, layout_name, text

if TYPE_CHECKING:
    from giplint.layouts import Layout
    from giplint.tablegrid import Grid


class Page(Protocol):
    def mark(self, element: str) -> tuple[str, str]:
        """(classes to add, footnote links) of an element with findings."""
        ...

    def cell(self, table: TableView, row: str, column: str) -> tuple[str, str, str]:
        """(classes, title, inner HTML) of a data cell."""
        ...


def _span(rowspan: int = 1, colspan: int = 1) -> str:
    return (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")


def _cell(table: TableView, page: Page, row: str, column: str, colspan: int = 1) -> str:
    element = cell_id(table.kind, row, column)
    classes, title, inner = page.cell(table, row, column)
    title_attr = f' title="{text(title)}"' if title else ""
    return (
        f'<td id="{element}" class="{classes}"{_span(1, colspan)}{title_attr} '
        f'data-row="{row}" data-column="{column}">{inner}</td>'
    )


_MISSING, _BLANK = CellStatus.MISSING.value, CellStatus.BLANK.value


def report_cell(table: TableView, page: Page, row: str, column: str) -> tuple[str, str, str]:
    """A cell of a report as read: (classes, title, inner HTML) with the finding marks."""
    cell = table.cells.get((row, column))
    classes, links = page.mark(cell_id(table.kind, row, column))
    raw, status, _ = cell if cell is not None else ("", _MISSING, None)
    if status == _MISSING:
        kind, shown, note = "absent", "缺", "报告中没有此格"
    elif status == _BLANK:
        kind, shown, note = "blank", "", "未填写"
    else:
        kind, shown, note = status, raw, ""
    return kind + classes, note, text(shown) + links


def _row_header(
    table: TableView, page: Page, row: str, shown: str, rowspan: int = 1, colspan: int = 1, kind: str = ""
) -> str:
    element = f"row-{table.kind}-{row}"
    classes, links = page.mark(element)
    return f'<th id="{element}" class="{(kind + classes).strip()}"{_span(rowspan, colspan)}>{text(shown)}{links}</th>'


def _caption(table: TableView, page: Page) -> str:
    element = f"tbl-{table.kind}"
    classes, links = page.mark(element)
    layout = layout_name(table.layout, table.year)
    suffix = f"（{layout}）" if layout else ""
    return f'<caption id="{element}" class="{classes.strip()}">{text(table.title)}{text(suffix)}{links}</caption>'


def _spec(table: TableView) -> Layout:
    spec = layouts.layout_for(table.kind, table.layout) or layouts.layout_for(table.kind, "2021")
    assert spec is not None  # every mandated table has a 2021 layout
    return spec


def _row_names(table: str, spec: Layout) -> dict[str, str]:
    """A header's text -> the row it heads, where a row is drawn as a header (table 四's
    行政复议, 未经复议直接起诉, 复议后起诉: the vocabulary's name is the row key upper-cased)."""
    keys = {row.key for row in spec.rows}
    return {
        tablegrid.display(label.text): label.name.lower()
        for label in layouts.VOCABULARY[table]
        if label.name.lower() in keys
    }


@functools.cache
def _shape(kind: str, layout: str) -> tuple[Grid, dict[str, str]]:
    """The grid of a table's layout and its row headers, built once per layout (read only)."""
    spec = layouts.layout_for(kind, layout)
    assert spec is not None
    return tablegrid.GRIDS[kind](spec), _row_names(kind, spec)


def render_table(table: TableView, page: Page) -> str:
    """The table in the grid of its layout (giplint/tablegrid.py, the one builder of the form's
    shape), each value cell from `page`, each row's label marked as that row's."""
    grid, headed = _shape(table.kind, _spec(table).name)
    rows = []
    for grid_row in grid:
        values = [c for c in grid_row if c.kind == "value"]
        keys = {c.row for c in values}
        labels = [i for i, c in enumerate(grid_row) if c.kind == "label"]
        row_label = labels[-1] if labels and len(keys) == 1 else None
        cells = []
        for index, cell in enumerate(grid_row):
            if cell.kind == "value":
                cells.append(_cell(table, page, cell.row, cell.column, cell.colspan))
            elif index == row_label:
                cells.append(_row_header(table, page, next(iter(keys)), cell.text, cell.rowspan, cell.colspan))
            elif cell.kind == "header" and cell.text in headed and table.kind == "review_litigation":
                row = headed[cell.text]
                cells.append(_row_header(table, page, row, cell.text, cell.rowspan, cell.colspan, "head"))
            else:
                kind = "head" if cell.kind == "header" else "group"
                short = " short" if len(cell.text) <= 6 else ""
                cells.append(f'<th class="{kind}{short}"{_span(cell.rowspan, cell.colspan)}>{text(cell.text)}</th>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="form">{_caption(table, page)}<tbody>{"".join(rows)}</tbody></table>\n'
