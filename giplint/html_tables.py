"""The three mandated tables as HTML tables in the form's own shape (giplint/html_report.py).

Every label comes from giplint/layouts.py: the rows and columns of the layout the table was read
in, the group labels (三、本年度办理结果, 法人或其他组织, 第二十条第(一)项) from its vocabulary. A
row label written as "(三)不予公开 1.属于国家秘密" is a group and an item, as the form prints it:
the group spans its rows. Table 四 is one row of fifteen numbers in the form, under three header
rows; it is drawn so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from giplint import layouts
from giplint.html_view import TableView, cell_id, text
from giplint.model import CellStatus

if TYPE_CHECKING:
    from giplint.layouts import Layout, RowSpec


class Page(Protocol):
    def mark(self, element: str) -> tuple[str, str]:
        """(classes to add, footnote links) of an element with findings."""
        ...

    def cell(self, table: TableView, row: str, column: str) -> tuple[str, str, str]:
        """(classes, title, inner HTML) of a data cell."""
        ...


_LAYOUT_NAMES = {"2021": "2021年格式", "2019": "2019年试行格式（已废止）", "any": "", "unknown": "格式未识别"}


def label(table: str, name: str) -> str:
    """The canonical wording of a label of the vocabulary."""
    return next((spec.text for spec in layouts.VOCABULARY[table] if spec.name == name), name)


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


def report_cell(table: TableView, page: Page, row: str, column: str) -> tuple[str, str, str]:
    """A cell of a report as read: (classes, title, inner HTML) with the finding marks."""
    cell = table.cells.get((row, column))
    classes, links = page.mark(cell_id(table.kind, row, column))
    if cell is None or cell.status == CellStatus.MISSING.value:
        kind, shown, note = "absent", "缺", "报告中没有此格"
    elif cell.status == CellStatus.BLANK.value:
        kind, shown, note = "blank", "", "未填写"
    else:
        kind, shown, note = cell.status, cell.raw, ""
    return kind + classes, note, text(shown) + links


def _row_header(table: TableView, page: Page, row: str, shown: str, rowspan: int = 1, colspan: int = 1) -> str:
    element = f"row-{table.kind}-{row}"
    classes, links = page.mark(element)
    return f'<th id="{element}" class="{classes.strip()}"{_span(rowspan, colspan)}>{text(shown)}{links}</th>'


def _caption(table: TableView, page: Page) -> str:
    element = f"tbl-{table.kind}"
    classes, links = page.mark(element)
    layout = _LAYOUT_NAMES.get(table.layout, "")
    suffix = f"（{layout}）" if layout else ""
    return f'<caption id="{element}" class="{classes.strip()}">{text(table.title)}{text(suffix)}{links}</caption>'


def _spec(table: TableView) -> Layout:
    spec = layouts.layout_for(table.kind, table.layout) or layouts.layout_for(table.kind, "2021")
    assert spec is not None  # every mandated table has a 2021 layout
    return spec


def render_table(table: TableView, page: Page) -> str:
    if table.kind == "review_litigation":
        return _review_litigation(table, page)
    if table.kind == "active_disclosure":
        return _active_disclosure(table, page)
    return _applications(table, page)


# -- 二 --------------------------------------------------------------------------------------------


def _active_disclosure(table: TableView, page: Page) -> str:
    spec = _spec(table)
    width = 1 + max(len(row.columns) for row in spec.rows)
    groups: list[tuple[str, list[RowSpec]]] = []
    for row in spec.rows:
        article = layouts.ACTIVE_DISCLOSURE_ARTICLES.get(row.key, "")
        if groups and groups[-1][0] == article:
            groups[-1][1].append(row)
        else:
            groups.append((article, [row]))
    out = [f'<table class="form">{_caption(table, page)}<tbody>']
    for article, rows in groups:
        out.append(f'<tr><th class="article"{_span(1, width)}>{text(label(table.kind, article))}</th></tr>')
        columns = rows[0].columns
        heads = [f"<th>{text(label(table.kind, 'CONTENT'))}</th>"]
        for index, column in enumerate(columns):
            last = index == len(columns) - 1
            heads.append(f'<th class="article"{_span(1, width - len(columns) if last else 1)}>{text(column.label)}</th>')
        out.append(f"<tr>{''.join(heads)}</tr>")
        for row in rows:
            cells = [
                _cell(table, page, row.key, column.key, width - len(row.columns) if i == len(row.columns) - 1 else 1)
                for i, column in enumerate(row.columns)
            ]
            out.append(f"<tr>{_row_header(table, page, row.key, row.label)}{''.join(cells)}</tr>")
    out.append("</tbody></table>\n")
    return "".join(out)


# -- 三 --------------------------------------------------------------------------------------------


def _label_parts(table: TableView, spec: Layout) -> list[list[str]]:
    """Each row's label as the form's nested label cells: (三、本年度办理结果) (三)不予公开 1.…"""
    keys = [row.key for row in spec.rows]
    # the result rows (一)…(六) and (七)总计: between 二、上年结转 and 四、结转下年度
    results = set(keys[keys.index("carried_over") + 1 : keys.index("carried_forward")])
    group = label(table.kind, "RESULTS")
    parts = []
    for row in spec.rows:
        split = row.label.split(" ", 1)
        parts.append([group, *split] if row.key in results else split)
    return parts


def _applications(table: TableView, page: Page) -> str:
    spec = _spec(table)
    parts = _label_parts(table, spec)
    depth = max(len(p) for p in parts)
    columns = spec.rows[0].columns
    k = table.kind
    legal = "".join(f'<th class="short">{text(c.label)}</th>' for c in columns[1:-1])
    head = (
        f'<thead><tr><th{_span(3, depth)}>{text(label(k, "IDENTITY_NOTE"))}</th>'
        f'<th{_span(1, len(columns))}>{text(label(k, "APPLICANTS"))}</th></tr>'
        f'<tr><th class="short"{_span(2)}>{text(columns[0].label)}</th>'
        f'<th{_span(1, len(columns) - 2)}>{text(label(k, "LEGAL_PERSONS"))}</th>'
        f'<th class="short"{_span(2)}>{text(columns[-1].label)}</th></tr>'
        f"<tr>{legal}</tr></thead>"
    )
    body = []
    for index, row in enumerate(spec.rows):
        mine = parts[index]
        cells = []
        for level, shown in enumerate(mine):
            last = level == len(mine) - 1
            if last:
                cells.append(_row_header(table, page, row.key, shown, 1, depth - level))
                continue
            if index > 0 and parts[index - 1][: level + 1] == mine[: level + 1]:
                continue  # spanned from the row above
            run = 1
            while index + run < len(parts) and parts[index + run][: level + 1] == mine[: level + 1]:
                run += 1
            cells.append(f'<th class="group"{_span(run)}>{text(shown)}</th>')
        cells.extend(_cell(table, page, row.key, column.key) for column in row.columns)
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="form">{_caption(table, page)}{head}<tbody>{"".join(body)}</tbody></table>\n'


# -- 四 --------------------------------------------------------------------------------------------


def _review_litigation(table: TableView, page: Page) -> str:
    spec = _spec(table)
    groups: list[tuple[str, list[tuple[RowSpec, str]]]] = []
    for row in spec.rows:
        group, _, item = row.label.partition(" ")
        if groups and groups[-1][0] == group and item:
            groups[-1][1].append((row, item))
        else:
            groups.append((group, [(row, item)]))
    first: list[str] = []
    second: list[str] = []
    third: list[str] = []
    data: list[str] = []
    for group, rows in groups:
        width = sum(len(row.columns) for row, _ in rows)
        if len(rows) == 1 and not rows[0][1]:
            first.append(_row_header(table, page, rows[0][0].key, group, 2, width))
        else:
            first.append(f"<th{_span(1, width)}>{text(group)}</th>")
            second.extend(_row_header(table, page, row.key, item, 1, len(row.columns)) for row, item in rows)
        for row, _ in rows:
            third.extend(f"<th>{text(c.label)}</th>" for c in row.columns)
            data.extend(_cell(table, page, row.key, c.key) for c in row.columns)
    head = f"<thead><tr>{''.join(first)}</tr><tr>{''.join(second)}</tr><tr>{''.join(third)}</tr></thead>"
    return f'<table class="form">{_caption(table, page)}{head}<tbody><tr>{"".join(data)}</tr></tbody></table>\n'
