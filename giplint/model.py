"""The report model: what a rule sees. Small frozen dataclasses named in the domain's words.

Rules read this model, never the parse tree or the raw bytes, so a new input format or a grammar
change does not touch a rule. Every object carries a `Span` in the user's own file; what the
grammar or the table reader could not place is recorded here (`Report.problems`, `Table.issues`),
never raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from giplint.span import Span as Span  # noqa: PLC0414  re-exported: `from giplint.model import Span` works

if TYPE_CHECKING:
    from giplint.source import Document

Number = int | Decimal


class CellStatus(str, Enum):
    """What a table cell holds. Only VALUE cells take part in arithmetic as themselves."""

    VALUE = "value"  # a number
    BLANK = "blank"  # nothing written
    PLACEHOLDER = "placeholder"  # "/", "-", "无", "不适用" where a number belongs
    INVALID = "invalid"  # written, but not a number this cell may hold
    MISSING = "missing"  # the cell is not in the report at all (short row, missing row)
    UNSEPARATED = "unseparated"  # glued to its neighbours and could not be separated for certain


class Place(NamedTuple):
    """Where something is, as canonical offsets into its document; the user's line and column
    are worked out only when a rule asks (most cells are never reported)."""

    document: Document
    start: int
    end: int

    @property
    def span(self) -> Span:
        return self.document.span(self.start, self.end)


class Cell(NamedTuple):
    """One data cell of a mandated table, addressed by row and column key (immutable; a
    NamedTuple for the same reason as Span: a report has hundreds)."""

    row: str
    column: str
    value: Number | None
    raw: str
    place: Place
    status: CellStatus = CellStatus.VALUE
    separated_by: str = ""  # how a glued cell was told from its neighbours ("identity"), else ""

    @property
    def span(self) -> Span:
        return self.place.span

    def number(self) -> Number:
        """The value for arithmetic: a blank, placeholder or missing cell counts as 0 (spec §5)."""
        return self.value if self.value is not None else 0


class Label(NamedTuple):
    """A label of a table (header, group or row) as found: label name (layouts.py), text and place."""

    name: str
    text: str
    place: Place

    @property
    def span(self) -> Span:
        return self.place.span


class IssueKind(str, Enum):
    """What a table issue is about: the names a `table_issues` rule selects with `kinds:`."""

    MISSING_TABLE = "missing-table"  # a section without its mandated table (the check finds it)
    MISSING_ROW = "missing-row"
    MISSING_LABEL = "missing-label"  # a header label
    MISSING_VALUE = "missing-value"  # a row short of numbers
    EXTRA_VALUE = "extra-value"  # a row with more numbers than columns
    DUPLICATE_ROW = "duplicate-row"
    UNRECOGNISED = "unrecognised"  # text in a table that is no label and no figure
    UNSEPARATED = "unseparated"  # glued digits with no unique reading
    IDENTITY_BROKEN = "identity-broken"  # glued digits no reading of which obeys the row's identity `rule`
    LABEL_WORDING = "label-wording"  # a row label mistyped, but recognised
    VALUE_NOTE = "value-note"  # a figure with a unit or a note beside it
    VALUE_IN_YUAN = "value-in-yuan"  # a fee in 元 in the 万元 column: `expected` is it in 万元
    UNREADABLE = "unreadable"  # most rows not read: one summary instead of a flood

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass(frozen=True, slots=True)
class TableIssue:
    """Something in a table the reader could not place, or a mandated part it did not find.

    Typed, with no wording: the rules that report table issues (check kind `table_issues`) word
    them from these fields."""

    kind: IssueKind
    span: Span
    row: str = ""  # the row key concerned ("" for a header, a whole table, table 四's one row)
    label: str = ""  # the mandated label: a row's label, a header's name (NATURAL_PERSON)
    found: str = ""  # what the report has there, as written (several pieces joined by 、)
    expected: str | int = ""  # what the format wants: a label, or how many values (rows)
    column: str = ""  # the column key of the one cell concerned (a value note), for locating it
    rule: str = ""  # identity-broken: the rule stating the identity (GIP303), which reports it


@dataclass(frozen=True)
class Table:
    """A mandated table as read: which layout matched and every data cell."""

    layout: str  # "2021", "2019", or "unknown"
    span: Span
    cells: tuple[Cell, ...]
    labels: tuple[Label, ...] = ()
    issues: tuple[TableIssue, ...] = ()
    glued: bool = False  # the export ran the cells together with no separators
    _index: dict[tuple[str, str], Cell] = field(default_factory=dict, init=False, repr=False, compare=False)

    kind = "table"
    title = "表格"
    section = ""  # the number of the section it belongs to

    _rows: dict[str, dict[str, Cell]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _figures: dict[tuple[str, str], Number] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Index the cells once: rules ask for cells and rows thousands of times per report."""
        index, rows = self._index, self._rows
        for cell in self.cells:
            row, column = cell.row, cell.column
            index[row, column] = cell
            cells = rows.get(row)
            if cells is None:
                cells = rows[row] = {}
            cells[column] = cell

    def cell(self, row: str, column: str) -> Cell | None:
        return self._index.get((row, column))

    def figures(self) -> dict[tuple[str, str], Number]:
        """Every cell that takes part in arithmetic, by (row, column), as its number (a blank or
        placeholder counts as 0, spec §5); missing, unseparated and invalid cells are absent.
        Built once: the identity rules ask for each cell many times."""
        if not self._figures and self.cells:
            unusable = (CellStatus.MISSING, CellStatus.UNSEPARATED, CellStatus.INVALID)
            self._figures.update(
                ((cell.row, cell.column), cell.number()) for cell in self.cells if cell.status not in unusable
            )
        return self._figures

    def row(self, row: str) -> dict[str, Cell]:
        return dict(self._rows.get(row, {}))

    def rows(self) -> list[str]:
        return list(self._rows)


@dataclass(frozen=True)
class ActiveDisclosureTable(Table):
    """Section 二: documents issued, decisions made and fees under 第二十条 (一)(五)(六)(八)."""

    kind = "active_disclosure"
    title = "主动公开政府信息情况表"
    section = "二"


@dataclass(frozen=True)
class ApplicationsTable(Table):
    """Section 三: applications received and how they were handled, by applicant type."""

    kind = "applications"
    title = "收到和处理政府信息公开申请情况表"
    section = "三"


@dataclass(frozen=True)
class ReviewLitigationTable(Table):
    """Section 四: administrative reviews and lawsuits over information disclosure."""

    kind = "review_litigation"
    title = "政府信息公开行政复议、行政诉讼情况表"
    section = "四"


MANDATED_TABLES: tuple[type[Table], ...] = (ActiveDisclosureTable, ApplicationsTable, ReviewLitigationTable)


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of a section's body: a paragraph, a sub-heading, or a line of table cells."""

    kind: str  # paragraph | subheading | cells
    text: str
    span: Span


@dataclass(frozen=True)
class Section:
    """One of the six numbered sections, as found."""

    number: str  # 一 … 六
    key: str  # overview, active_disclosure, applications, review_litigation, problems, other_matters
    heading: str  # the heading as the user wrote it
    heading_folded: str  # folded for comparison
    span: Span  # the heading
    body_span: Span  # from the end of the heading to the next section
    body: str  # the body text as the user wrote it (canonical layout)
    body_offset: int  # where `body` starts in the document's canonical text
    blocks: tuple[Block, ...] = ()
    table: Table | None = None
    body_folded: str = ""  # the body in the folded view (giplint/fold.py): rules compare with this


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    span: Span
    organ: str | None
    year: int | None


@dataclass(frozen=True, slots=True)
class StatisticalPeriod:
    """A stated data period such as 2024年1月1日至2024年12月31日."""

    text: str
    span: Span
    start: tuple[int | None, int, int]  # (year, month, day); year None when not written
    end: tuple[int | None, int, int]


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Text the grammar could not place, with what it expected there."""

    span: Span
    found: str
    expected: str


@dataclass(frozen=True)
class Report:
    """One input file, parsed."""

    document: Document
    title: Title | None
    year: int | None
    year_source: str  # title | period | text | ""
    sections: tuple[Section, ...]
    preamble: str = ""
    preamble_span: Span | None = None
    period: StatisticalPeriod | None = None
    problems: tuple[ParseProblem, ...] = ()

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def encoding(self) -> str:
        return self.document.encoding

    @property
    def organ(self) -> str | None:
        return self.title.organ if self.title else None

    def section(self, number: str) -> Section | None:
        """The first section with this number (一…六), or None."""
        return next((s for s in self.sections if s.number == number), None)

    def tables(self) -> Iterator[Table]:
        for section in self.sections:
            if section.table is not None:
                yield section.table

    def table(self, kind: str) -> Table | None:
        return next((t for t in self.tables() if t.kind == kind), None)

    @property
    def layout(self) -> str:
        """The table layout of the report: "2021", "2019", "mixed" or "unknown"."""
        layouts = {t.layout for t in self.tables() if t.layout not in ("unknown", "any")}
        if not layouts:
            return "unknown"
        return layouts.pop() if len(layouts) == 1 else "mixed"

    def end_span(self) -> Span:
        lines = self.document.lines
        return Span.point(max(len(lines), 1), len(lines[-1]) + 1 if lines else 1)
