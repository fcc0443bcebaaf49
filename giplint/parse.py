"""From a `Document` to a `Report`: the grammar (grammar/*.lark) applied to the folded view.

Two grammars, each built once per process (LALR, contextual lexer, `cache=True`):
- report.lark splits the report into title, preamble and the six sections, finding headings even
  mid-line;
- tables.lark reads each table section's text into labels, rows and cells.

The builders below turn lark's output into the frozen model of model.py and record what could
not be placed. `parse_document` never raises for a malformed report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from giplint import glued, layouts, shipped
from giplint.fold import Folded, fold
from giplint.model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Block,
    Cell,
    CellStatus,
    Label,
    ParseProblem,
    Place,
    Report,
    ReviewLitigationTable,
    Section,
    Span,
    StatisticalPeriod,
    Table,
    TableIssue,
    Title,
)

if TYPE_CHECKING:
    from giplint.source import Document

SECTIONS: dict[str, tuple[str, str]] = {
    "overview_heading": ("一", "overview"),
    "active_disclosure_heading": ("二", "active_disclosure"),
    "applications_heading": ("三", "applications"),
    "review_litigation_heading": ("四", "review_litigation"),
    "problems_heading": ("五", "problems"),
    "other_matters_heading": ("六", "other_matters"),
}
TABLE_SECTIONS = {"active_disclosure", "applications", "review_litigation"}


@cache
def report_parser() -> Lark:
    return Lark.open(str(shipped("grammar") / "report.lark"), parser="lalr", lexer="contextual", cache=True)


@cache
def tables_parser(kind: str) -> Lark:
    """One parser per table: LALR merges identical states across start symbols, and a state
    shared by two tables would let table 三's labels (其他, 总计) be lexed inside table 二."""
    return Lark.open(
        str(shipped("grammar") / "tables.lark"),
        parser="lalr",
        lexer="contextual",
        start=kind,
        cache=True,
    )


@dataclass
class _Context:
    """What every builder needs: the document, its folded view, and found problems."""

    document: Document
    folded: Folded
    problems: list[ParseProblem] = field(default_factory=list)

    def place(self, folded_start: int, folded_end: int) -> Place:
        """Folded offsets [start, end) as canonical offsets: the one place they are mapped."""
        index = self.folded.index
        start = index[folded_start]
        end = index[folded_end - 1] + 1 if folded_end > folded_start else start
        return Place(self.document, start, end)

    def span(self, folded_start: int, folded_end: int) -> Span:
        return self.place(folded_start, folded_end).span

    def text(self, folded_start: int, folded_end: int) -> str:
        place = self.place(folded_start, folded_end)
        return self.document.text[place.start : place.end]


def parse_document(document: Document) -> Report:
    """Parse a document into the report model; problems are recorded, never raised."""
    context = _Context(document, fold(document.text))
    try:
        tree = report_parser().parse(context.folded.text)
    except UnexpectedInput as exc:  # the document grammar accepts any text; this is a safety net
        context.problems.append(_problem(context, exc))
        tree = Tree("start", [])
    title: Title | None = None
    preamble_blocks: list[Token] = []
    section_trees: list[Tree] = []
    for child in tree.children:
        if isinstance(child, Tree) and child.data == "title":
            title = _title(context, child.children[0])
        elif isinstance(child, Tree) and child.data == "section":
            section_trees.append(child)
        elif isinstance(child, Tree):
            preamble_blocks.append(child.children[0])
    sections = _sections(context, section_trees)
    preamble_end = (
        section_trees[0].children[0].children[0].start_pos if section_trees else len(context.folded.text)
    )
    period = _period(context)
    year, year_source = _year(title, period, sections)
    return Report(
        document=document,
        title=title,
        year=year,
        year_source=year_source,
        sections=tuple(sections),
        preamble=context.text(0, preamble_end),
        preamble_span=context.span(0, preamble_end) if preamble_end else None,
        period=period,
        problems=tuple(context.problems),
    )


def _problem(context: _Context, exc: UnexpectedInput) -> ParseProblem:
    position = getattr(exc, "pos_in_stream", None) or 0
    expected = sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or [])
    found = context.folded.text[position : position + 20]
    return ParseProblem(context.span(position, position + 1), found, "、".join(expected[:8]))


# -- title, period, year ------------------------------------------------------------------------

_TITLE_PARTS = re.compile(
    r"^(?:标题:)?(?P<before>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<after>.*?)"
    r"(?:政府信息公开|政务信息公开|政务公开)(?:工作)?年度?报告"
)


def _title(context: _Context, token: Token) -> Title:
    folded_text = token.value
    match = _TITLE_PARTS.match(folded_text)
    organ: str | None = None
    year: int | None = None
    if match:
        year = int(match["year"])
        organ = (match["before"] or match["after"]).strip() or None
    return Title(
        context.text(token.start_pos, token.end_pos),
        context.span(token.start_pos, token.end_pos),
        organ,
        year,
    )


_PERIOD = re.compile(
    r"(?:统计|数据)[^。\n]{0,24}?(?:(?P<y1>(?:19|20)\d{2})年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"(?:起)?(?:至|到|-|—|~|～)(?:(?P<y2>(?:19|20)\d{2})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)


def _period(context: _Context) -> StatisticalPeriod | None:
    match = _PERIOD.search(context.folded.text)
    if not match:
        return None

    def date(prefix: str) -> tuple[int | None, int, int]:
        year = match[f"y{prefix}"]
        return (int(year) if year else None, int(match[f"m{prefix}"]), int(match[f"d{prefix}"]))

    start = match.start("y1") if match["y1"] else match.start("m1")
    return StatisticalPeriod(
        context.text(start, match.end()), context.span(start, match.end()), date("1"), date("2")
    )


_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})年")


def _year(
    title: Title | None, period: StatisticalPeriod | None, sections: list[Section]
) -> tuple[int | None, str]:
    """The report year: from the title, else the statistical period, else section 一's text."""
    if title and title.year:
        return title.year, "title"
    if period and period.start[0]:
        return period.start[0], "period"
    overview = next((s for s in sections if s.number == "一"), None)
    if overview:
        match = _YEAR_IN_TEXT.search(overview.body[:400])
        if match:
            return int(match[1]), "text"
    return None, ""


# -- sections -----------------------------------------------------------------------------------


def _sections(context: _Context, trees: list[Tree]) -> list[Section]:
    sections: list[Section] = []
    for index, tree in enumerate(trees):
        heading_tree = tree.children[0]
        token = heading_tree.children[0]
        number, key = SECTIONS[heading_tree.data]
        body_start = token.end_pos
        body_end = (
            trees[index + 1].children[0].children[0].start_pos
            if index + 1 < len(trees)
            else len(context.folded.text)
        )
        blocks = tuple(_block(context, child) for child in tree.children[1:])
        table = _table(context, key, body_start, body_end) if key in TABLE_SECTIONS else None
        sections.append(
            Section(
                number=number,
                key=key,
                heading=context.text(token.start_pos, token.end_pos),
                heading_folded=token.value,
                span=context.span(token.start_pos, token.end_pos),
                body_span=context.span(body_start, body_end),
                body=context.text(body_start, body_end),
                body_offset=context.place(body_start, body_end).start,
                blocks=blocks,
                table=table,
            )
        )
    return sections


def _block(context: _Context, tree: Tree) -> Block:
    token = tree.children[0]
    return Block(
        tree.data,
        context.text(token.start_pos, token.end_pos),
        context.span(token.start_pos, token.end_pos),
    )


# -- tables -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One element of a table as the grammar read it: a label with its cells, or a stray."""

    kind: str  # article | header | group | row | other
    label: Token | None  # for "other", the stray character
    cells: tuple[_Raw, ...]


_ITEM_KINDS = {
    "article": "article",
    "active_header": "header",
    "application_header": "header",
    "review_header": "header",
    "result_group": "group",
    "active_row": "row",
    "application_row": "row",
}


def _table(context: _Context, kind: str, start: int, end: int) -> Table | None:
    text = context.folded.text[start:end]
    try:
        tree = tables_parser(kind).parse(text)
    except LarkError as exc:
        position = start + (getattr(exc, "pos_in_stream", None) or 0)
        expected = sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or [])
        context.problems.append(
            ParseProblem(
                context.span(position, position + 1),
                context.folded.text[position : position + 20],
                "、".join(expected[:8]),
            )
        )
        return None
    items = [_item(child, start) for child in tree.children]
    anchors = _TABLE_ANCHORS[kind]
    found = {item.label.type for item in items if item.label is not None and item.label.type in anchors}
    if len(found) < 2:
        return None  # a label or two in prose is not a table
    first = next(i for i, item in enumerate(items) if item.label is not None)
    return _BUILDERS[kind](context, items[first:])


# Labels that only a real table has: a table is read only when at least two different ones occur
# (prose may mention 行政复议、提起行政诉讼 or 行政许可).
_TABLE_ANCHORS = {
    "active_disclosure": {
        "ARTICLE_20_1",
        "ARTICLE_20_5",
        "ARTICLE_20_6",
        "ARTICLE_20_8",
        "ARTICLE_20_9",
        "CONTENT",
        "ISSUED",
        "REPEALED",
        "IN_FORCE",
        "DECISIONS",
        "FEE_AMOUNT",
        "NEW_MADE_2019",
        "NEW_PUBLISHED_2019",
        "PUBLIC_TOTAL_2019",
        "PREVIOUS_ITEMS_2019",
        "CHANGE_2019",
    },
    "applications": {
        "IDENTITY_NOTE",
        "APPLICANTS",
        "NATURAL_PERSON",
        "LEGAL_PERSONS",
        "NEW_RECEIVED",
        "CARRIED_OVER",
        "RESULTS",
        "GRANTED",
        "PARTIALLY_GRANTED",
        "RESULTS_TOTAL",
        "CARRIED_FORWARD",
    },
    "review_litigation": {
        "DIRECT_SUIT",
        "SUIT_AFTER_REVIEW",
        "UPHELD",
        "CORRECTED",
        "OTHER_RESULT",
        "PENDING",
    },
}


@dataclass
class _Raw:
    """One cell as the export wrote it: its text, place, and whether a `|` closed it."""

    text: str
    start: int  # folded offset of the text
    end: int
    delimited: bool
    blank: bool


@dataclass(frozen=True)
class _Lexicon:
    """The cell patterns of tables.lark, compiled once: the grammar stays their only home."""

    piece: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    parser = tables_parser("applications")
    value = parser.get_terminal("VALUE").pattern.to_regexp()
    placeholder = parser.get_terminal("PLACEHOLDER").pattern.to_regexp()
    return _Lexicon(
        re.compile(f"\\s*(?:(?P<value>{value})|(?P<placeholder>{placeholder})|(?P<bar>\\|))"),
    )


def _cells_of(run: str, start: int, label_bar: bool = True) -> list[_Raw]:
    """The cells of a run: a value closed by `|`, a value with no `|` (glued), or a blank `|`.

    The first `|` right after a label closes the label itself.
    """
    if "|" in run:
        cells = _delimited_cells(run, start, label_bar)
        if cells is not None:
            return cells
    return _scanned_cells(run, start, label_bar)


def _delimited_cells(run: str, start: int, label_bar: bool) -> list[_Raw] | None:
    """The fast path for the `|`-cell layout: one value (or none) between bars. None when a
    stretch holds more than one value (glued figures), which the scanner must separate."""
    cells: list[_Raw] = []
    position = start
    parts = run.split("|")
    for index, part in enumerate(parts):
        text = part.strip()
        last = index == len(parts) - 1
        if text:
            if " " in text or "\t" in text or "\n" in text:
                return None
            lead = len(part) - len(part.lstrip())
            cells.append(_Raw(text, position + lead, position + lead + len(text), not last, False))
        elif not last and not (index == 0 and label_bar):
            cells.append(_Raw("", position + len(part), position + len(part) + 1, True, True))
        position += len(part) + 1
    return cells


def _scanned_cells(run: str, start: int, label_bar: bool) -> list[_Raw]:
    cells: list[_Raw] = []
    pending: _Raw | None = None
    first = label_bar
    for piece in _lexicon().piece.finditer(run):
        kind = piece.lastgroup
        at, end = start + piece.start(kind), start + piece.end(kind)  # type: ignore[arg-type]
        if kind == "bar":
            if pending is not None:
                pending.delimited = True
                cells.append(pending)
                pending = None
            elif not first:
                cells.append(_Raw("", at, end, True, True))
        else:
            if pending is not None:
                cells.append(pending)
            pending = _Raw(piece.group(kind), at, end, False, False)
        first = False
    if pending is not None:
        cells.append(pending)
    return cells


def _item(node: Tree, offset: int) -> _Item:
    token = node.children[0]
    start = token.start_pos + offset
    if node.data == "other":
        if token.type == "CELL_RUN":  # cells with no label before them
            return _Item("cells", None, tuple(_cells_of(token.value, start, label_bar=False)))
        return _Item(
            "other", Token("OTHER", token.value, start_pos=start, end_pos=start + len(token.value)), ()
        )
    label = Token(token.type, token.value, start_pos=start, end_pos=start + len(token.value))
    run = node.children[1] if len(node.children) > 1 else None
    cells = _cells_of(run.value, run.start_pos + offset) if run is not None else []
    return _Item(_ITEM_KINDS[node.data], label, tuple(cells))


_NUMBER = re.compile(
    r"^(?P<sign>[-+])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?(?P<unit>万元|元|件)?$"
)
_PLACEHOLDERS = {"/", "-", "--", "—", "——", "不适用", "N/A", "无"}


def _cell(context: _Context, raw: _Raw, row: str, column: layouts.ColumnSpec, separated_by: str = "") -> Cell:
    if raw.blank:
        return Cell(row, column.key, None, "", context.place(raw.start, raw.start + 1), CellStatus.BLANK)
    span = context.place(raw.start, raw.end)
    if raw.text.isdigit() and (raw.text == "0" or raw.text[0] != "0"):  # the common case, fast
        return Cell(row, column.key, int(raw.text), raw.text, span, CellStatus.VALUE, separated_by)
    text = context.text(raw.start, raw.end)
    if raw.text in _PLACEHOLDERS or set(raw.text) <= {"-", "—"}:
        return Cell(row, column.key, None, text, span, CellStatus.PLACEHOLDER)
    value, valid = _number(raw.text, column)
    status = CellStatus.VALUE if valid else CellStatus.INVALID
    return Cell(row, column.key, value, text, span, status, separated_by)


def _number(text: str, column: layouts.ColumnSpec) -> tuple[int | Decimal | None, bool]:
    match = _NUMBER.match(text)
    if not match:
        return None, False
    digits = match["digits"].replace(",", "")
    negative = match["sign"] == "-"
    if match["fraction"]:
        try:
            value: int | Decimal = Decimal(digits + match["fraction"])
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None, False
    else:
        value = int(digits)
    if negative:
        value = -value
    valid = (column.decimal or not match["fraction"]) and (column.signed or not negative)
    unit = match["unit"]
    if unit and not (unit == "万元" and column.decimal) and not (unit == "件" and not column.decimal):
        valid = False  # "251000元" in a 万元 column, or a stray unit: the editor must check it
    return value, valid


@dataclass
class _RowReading:
    """The cells of one row before glued digits are resolved."""

    key: str
    label: Token
    spec: layouts.RowSpec
    raws: list[_Raw]
    readings: list[tuple[int, ...]] | None = None  # set when the row is glued
    chunks: list[_Raw] | None = None


def _read_row(
    key: str, label: Token, spec: layouts.RowSpec, cells: tuple[_Raw, ...], groups: list[glued.SumGroup]
) -> _RowReading:
    raws = list(cells)
    count = len(spec.columns)
    values = [r for r in raws if not r.blank]
    glued_values = [r for r in values if not r.delimited]
    reading = _RowReading(key, label, spec, raws)
    if not glued_values:
        return reading
    if len(values) == count and all(not r.delimited for r in values) and len(raws) == count:
        return reading  # space-separated, one number each
    if len(values) == 1 and count == 1:
        return reading
    reading.chunks = values
    reading.readings = glued.readings([r.text for r in values], count, groups)
    return reading


def _glued_raws(reading: _RowReading, numbers: tuple[int, ...]) -> list[_Raw]:
    """The raw piece of each number inside the glued chunks, so spans point at its digits."""
    pieces: list[_Raw] = []
    chunks = iter(reading.chunks or [])
    chunk = next(chunks)
    position = 0
    for number in numbers:
        width = len(str(number))
        while position + width > len(chunk.text) or chunk.text[position : position + width] != str(number):
            chunk = next(chunks)
            position = 0
        start = chunk.start + position
        pieces.append(_Raw(str(number), start, start + width, False, False))
        position += width
    return pieces


def _row_cells(
    context: _Context, reading: _RowReading, issues: list[TableIssue], numbers: tuple[int, ...] | None
) -> list[Cell]:
    spec = reading.spec
    label_place = context.place(reading.label.start_pos, reading.label.end_pos)
    if reading.readings is not None:
        if numbers is None:
            chunks = reading.chunks or []
            place = context.place(chunks[0].start, chunks[-1].end) if chunks else label_place
            raw_text = " ".join(c.text for c in chunks)
            issues.append(
                TableIssue(
                    "unseparated", f"{spec.label}: {raw_text}", place.span, f"{len(spec.columns)} 个数"
                )
            )
            return [
                Cell(spec.key, c.key, None, raw_text, place, CellStatus.UNSEPARATED) for c in spec.columns
            ]
        return [
            _cell(context, raw, spec.key, column, "identity")
            for raw, column in zip(_glued_raws(reading, numbers), spec.columns, strict=True)
        ]
    raws = reading.raws
    cells = [_cell(context, raw, spec.key, column) for raw, column in zip(raws, spec.columns, strict=False)]
    for column in spec.columns[len(raws) :]:
        cells.append(Cell(spec.key, column.key, None, "", label_place, CellStatus.MISSING))
    if len(raws) < len(spec.columns):
        issues.append(TableIssue("missing-value", spec.label, label_place.span, f"{len(spec.columns)} 个数"))
    extra = [raw for raw in raws[len(spec.columns) :] if not raw.blank]
    if extra:
        issues.append(
            TableIssue(
                "extra-value",
                f"{spec.label}: {extra[0].text}",
                context.span(extra[0].start, extra[0].end),
                f"{len(spec.columns)} 个数",
            )
        )
    return cells


def _known_numbers(reading: _RowReading) -> tuple[int, ...] | None:
    """The row's numbers as read, for the column identities; None when a cell is not a plain int."""
    values: list[int] = []
    for raw in reading.raws[: len(reading.spec.columns)]:
        if raw.blank:
            values.append(0)
        elif raw.text.isdigit():
            values.append(int(raw.text))
        else:
            return None
    values.extend(0 for _ in range(len(reading.spec.columns) - len(values)))
    return tuple(values)


def _labels(context: _Context, items: list[_Item]) -> tuple[Label, ...]:
    return tuple(
        Label(
            item.label.type,
            context.text(item.label.start_pos, item.label.end_pos),
            context.place(item.label.start_pos, item.label.end_pos),
        )
        for item in items
        if item.label is not None and item.kind != "other"
    )


def _label_bounds(token: Token) -> tuple[int, int]:
    return token.start_pos, token.end_pos


def _table_span(context: _Context, items: list[_Item]) -> Span:
    labelled = [item for item in items if item.kind != "other" and item.label is not None]
    if not labelled:
        return context.span(0, 1)
    last = labelled[-1]
    end = last.cells[-1].end if last.cells else last.label.end_pos  # type: ignore[union-attr]
    return context.span(labelled[0].label.start_pos, end)  # type: ignore[union-attr]


def _unrecognised(context: _Context, items: list[_Item]) -> list[TableIssue]:
    """Runs of text inside the table (between its first and last label or value) matching nothing."""
    issues: list[TableIssue] = []
    inside = [i for i, item in enumerate(items) if item.kind != "other"]
    if not inside:
        return issues
    run: list[Token] = []
    for item in [*items[inside[0] : inside[-1] + 1], _Item("end", None, ())]:
        if item.kind == "other" and item.label is not None:
            run.append(item.label)
            continue
        if run:
            start, end = run[0].start_pos, run[-1].end_pos
            issues.append(TableIssue("unrecognised", context.text(start, end), context.span(start, end)))
            run = []
    return issues


def _missing_rows(
    context: _Context, layout: layouts.Layout, found: dict[str, _RowReading], span: Span
) -> list[TableIssue]:
    return [
        TableIssue("missing-row", row.label, span, row.label) for row in layout.rows if row.key not in found
    ]


def _missing_headers(layout: layouts.Layout, labels: tuple[Label, ...], span: Span) -> list[TableIssue]:
    names = {label.name for label in labels}
    return [TableIssue("missing-label", name, span, name) for name in layout.headers if name not in names]


def _collect_rows(
    context: _Context,
    items: list[_Item],
    layout: layouts.Layout,
    key_of: dict[str, str],
    groups: list[glued.SumGroup],
    issues: list[TableIssue],
) -> dict[str, _RowReading]:
    rows: dict[str, _RowReading] = {}
    for item in items:
        if item.kind != "row" or item.label is None:
            continue
        key = key_of.get(item.label.type, item.label.type.lower())
        spec = layout.row(key)
        if spec is None:
            continue
        if key in rows:
            if all(raw.blank for raw in rows[key].raws):
                rows[key] = _read_row(key, item.label, spec, item.cells, groups)  # the first was a mention
            else:
                issues.append(
                    TableIssue("duplicate-row", spec.label, context.span(*_label_bounds(item.label)))
                )
            continue
        rows[key] = _read_row(key, item.label, spec, item.cells, groups)
    return rows


def _build_active_disclosure(context: _Context, items: list[_Item]) -> Table | None:
    labels = _labels(context, items)
    if not labels:
        return None
    names = {label.name for label in labels}
    old = sum(1 for name in layouts.ACTIVE_DISCLOSURE_2019_MARKERS if name in names)
    new = sum(1 for name in layouts.ACTIVE_DISCLOSURE_2021_MARKERS if name in names)
    layout = layouts.ACTIVE_DISCLOSURE_2019 if old > new else layouts.ACTIVE_DISCLOSURE_2021
    issues: list[TableIssue] = []
    span = _table_span(context, items)
    rows = _collect_rows(context, items, layout, layouts.ACTIVE_DISCLOSURE_ROWS, [], issues)
    cells: list[Cell] = []
    for reading in rows.values():
        numbers = reading.readings[0] if reading.readings and len(reading.readings) == 1 else None
        cells.extend(_row_cells(context, reading, issues, numbers))
    issues += _missing_rows(context, layout, rows, span) + _missing_headers(layout, labels, span)
    issues += _unrecognised(context, items)
    return ActiveDisclosureTable(layout.name, span, tuple(cells), labels, tuple(issues), _is_glued(rows))


def _is_glued(rows: dict[str, _RowReading]) -> bool:
    return any(r.readings is not None for r in rows.values())


_RESULT_ROWS_2021 = [r.key for r in layouts.APPLICATIONS_2021.rows[2:-2]]
_RESULT_ROWS_2019 = [r.key for r in layouts.APPLICATIONS_2019.rows[2:-2]]


def _build_applications(context: _Context, items: list[_Item]) -> Table | None:
    labels = _labels(context, items)
    if not labels:
        return None
    names = {label.name for label in labels}
    other_handling = next(
        (i for i in items if i.label is not None and i.label.type == "OTHER_HANDLING"), None
    )
    has_subrows = any(name in names for name in layouts.APPLICATIONS_2021_SUBROWS)
    has_values = other_handling is not None and any(not c.blank for c in other_handling.cells)
    layout = layouts.APPLICATIONS_2019 if has_values and not has_subrows else layouts.APPLICATIONS_2021
    issues: list[TableIssue] = []
    span = _table_span(context, items)
    row_items = [
        i
        for i in items
        if not (layout.name == "2021" and i.label is not None and i.label.type == "OTHER_HANDLING")
    ]
    rows = _collect_rows(context, row_items, layout, {}, [(0, 6)], issues)
    numbers = _resolve_applications(layout, rows)
    cells: list[Cell] = []
    for key, reading in rows.items():
        cells.extend(_row_cells(context, reading, issues, numbers.get(key)))
    issues += _missing_rows(context, layout, rows, span) + _missing_headers(layout, labels, span)
    issues += _unrecognised(context, items)
    return ApplicationsTable(layout.name, span, tuple(cells), labels, tuple(issues), _is_glued(rows))


def _resolve_applications(layout: layouts.Layout, rows: dict[str, _RowReading]) -> dict[str, tuple[int, ...]]:
    """Readings of glued rows: unique per row, else the one choice the column identities allow."""
    chosen: dict[str, tuple[int, ...]] = {}
    open_rows: list[str] = []
    for key, reading in rows.items():
        if reading.readings is None:
            continue
        if len(reading.readings) == 1:
            chosen[key] = reading.readings[0]
        elif reading.readings:
            open_rows.append(key)
    if not open_rows:
        return chosen
    result_keys = _RESULT_ROWS_2019 if layout.name == "2019" else _RESULT_ROWS_2021
    fixed: dict[str, tuple[int, ...]] = {}
    for key, reading in rows.items():
        if key in chosen:
            fixed[key] = chosen[key]
        elif reading.readings is None:
            known = _known_numbers(reading)
            if known is None:
                return chosen
            fixed[key] = known
    needed = {"new_received", "carried_over", "results_total", "carried_forward", *result_keys}
    if not needed <= set(rows):
        return chosen

    def balanced(combination: tuple[tuple[int, ...], ...]) -> bool:
        values = dict(fixed)
        values.update(zip(open_rows, combination, strict=True))
        for column in range(7):
            total = values["results_total"][column]
            if (
                values["new_received"][column] + values["carried_over"][column]
                != total + values["carried_forward"][column]
            ):
                return False
            if sum(values[k][column] for k in result_keys) != total:
                return False
        return True

    solution = glued.solve_columns([rows[k].readings or [] for k in open_rows], balanced)
    if solution is not None:
        chosen.update(zip(open_rows, solution, strict=True))
    return chosen


_REVIEW_GROUPS: list[glued.SumGroup] = [(0, 4), (5, 9), (10, 14)]


def _build_review_litigation(context: _Context, items: list[_Item]) -> Table | None:
    labels = _labels(context, items)
    if not labels:
        return None
    layout = layouts.REVIEW_LITIGATION
    first_label = next(i for i, item in enumerate(items) if item.label is not None and item.kind != "other")
    tokens = _review_cells(items[first_label:])
    flat = layouts.RowSpec(
        "review_litigation",
        "行政复议、行政诉讼",
        tuple(
            layouts.ColumnSpec(f"{row.key}.{col.key}", f"{row.label} {col.label}")
            for row in layout.rows
            for col in row.columns
        ),
    )
    issues: list[TableIssue] = []
    span = _table_span(context, items)
    anchor = items[first_label].label
    assert anchor is not None
    reading = _read_row("review_litigation", anchor, flat, tokens, _REVIEW_GROUPS)
    numbers = reading.readings[0] if reading.readings and len(reading.readings) == 1 else None
    flat_cells = _row_cells(context, reading, issues, numbers)
    cells = [
        Cell(
            cell.column.split(".")[0],
            cell.column.split(".")[1],
            cell.value,
            cell.raw,
            cell.place,
            cell.status,
            cell.separated_by,
        )
        for cell in flat_cells
    ]
    issues += _missing_headers(layout, labels, span) + _unrecognised(context, items)
    return ReviewLitigationTable(
        layout.name, span, tuple(cells), labels, tuple(issues), reading.readings is not None
    )


def _review_cells(items: list[_Item]) -> tuple[_Raw, ...]:
    """The 15 figures of table 四 follow its last header; the blanks that pad a header row are
    not cells of the data row (the headers span rows and columns). Figures after an earlier
    header are prose ("行政复议1件") or a header's own padding, not the data row."""
    last = max((i for i, item in enumerate(items) if item.kind == "header"), default=0)
    cells: list[_Raw] = []
    for item in items[last:]:
        if item.kind == "other":
            continue
        if not cells and all(c.blank for c in item.cells):
            continue
        pieces = list(item.cells)
        if not cells:
            while pieces and pieces[0].blank:
                pieces.pop(0)
        cells.extend(pieces)
    return tuple(cells)


_BUILDERS = {
    "active_disclosure": _build_active_disclosure,
    "applications": _build_applications,
    "review_litigation": _build_review_litigation,
}
