"""Cells: what one table cell holds, whatever the export wrote around its number.

A cell is a number (`447`, `1,234`, `0.5` in the 万元 fee column), a blank, a placeholder where a
number belongs (`/`, `-`, `无`), a number with a unit or a note (`3件`, `251000元`,
`22(其中修订16件)`: the number is read and what was left over is recorded for a warning), or
something that is not a number at all.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial
from typing import NamedTuple

from giplint import layouts
from giplint.model import Cell, CellStatus, Label, Place
from giplint.parse.context import Context


class Raw(NamedTuple):
    """One cell as the export wrote it: folded text and place in the table view."""

    text: str
    start: int
    end: int
    blank: bool = False


# A NamedTuple's __new__ is a Python function, a frame for every object; tuple.__new__ through
# partial makes the same tuple from C in half the time. For the objects a report makes by the
# hundred (raw cells, cells and their places, labels): every field given, in order.
new_raw = partial(tuple.__new__, Raw)
new_place = partial(tuple.__new__, Place)
new_cell = partial(tuple.__new__, Cell)
new_label = partial(tuple.__new__, Label)

# A number, and what may stand after it in the same cell (a unit or a note).
_NUMBER = re.compile(
    r"^(?P<sign>[-+])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?(?P<rest>.*)$", re.DOTALL
)
# What editors write instead of a number.
PLACEHOLDERS = frozenset({"/", "-", "--", "—", "——", "不适用", "N/A", "无", "暂无", "\\"})
_PLACEHOLDER_CHARS = frozenset("-—/\\")
# The unit the fee column's own header states (本年收费金额(单位:万元)): writing it again in the
# cell says nothing new. Any other text beside a number is reported.
_FEE_UNIT = "万元"
# The most digits a figure may have (a count or a 万元 fee is far below 10**15; longer runs are a
# damaged or hostile cell: invalid-number, never int() on thousands of digits, which Python
# refuses past 4,300).
MAX_DIGITS = 15


# A fee written in 元 (`36000元`, `36,000.00元`, `36000（元）`) where the column's header says 万元.
_YUAN = re.compile(r"^[(（]?元[)）]?$")
_YUAN_PER_WAN = 10_000


def in_wan(value: int | Decimal | None, note: str, column: layouts.ColumnSpec) -> str:
    """A figure written in 元 in the 万元 fee column, as the column wants it (36000元: "3.6");
    "" for any other cell. The cell keeps the figure as written: only the hint converts."""
    if value is None or not column.decimal or _FEE_UNIT not in column.label or not _YUAN.match(note):
        return ""
    return format((Decimal(value) / _YUAN_PER_WAN).normalize(), "f")


def is_placeholder(text: str) -> bool:
    return text in PLACEHOLDERS or set(text) <= _PLACEHOLDER_CHARS


def is_number_start(text: str) -> bool:
    """Whether a cell's text starts as a number does (its first figure is the cell's value)."""
    return _NUMBER.match(text) is not None


# The statuses as module constants: an Enum member looked up on its class costs ~170 ns in
# Python 3.11, and a report's cells look them up hundreds of times.
VALUE, BLANK, PLACEHOLDER, INVALID = (
    CellStatus.VALUE,
    CellStatus.BLANK,
    CellStatus.PLACEHOLDER,
    CellStatus.INVALID,
)


def is_plain(text: str) -> bool:
    """A figure written as bare digits (no leading zero, not too long): the common cell, whose
    value is int(text) and whose written text is its folded text."""
    return text.isdigit() and (text[0] != "0" or text == "0") and len(text) <= MAX_DIGITS


def cell(
    context: Context, raw: Raw, row: str, column: layouts.ColumnSpec, separated_by: str = ""
) -> tuple[Cell, str]:
    """The model's cell for a raw cell, and the text that was ignored beside its number."""
    index = context.folded.index  # context.place, inlined: this runs for many cells of a report
    start = index[raw.start]
    if raw.blank:
        return Cell(row, column.key, None, "", Place(context.document, start, start + 1), BLANK), ""
    place = Place(context.document, start, index[raw.end - 1] + 1 if raw.end > raw.start else start)
    text = raw.text
    if is_plain(text):
        return Cell(row, column.key, int(text), text, place, VALUE, separated_by), ""
    written = context.document.text[place.start : place.end]
    if is_placeholder(text):
        return Cell(row, column.key, None, written, place, PLACEHOLDER), ""
    value, valid, note = number(text, column)
    return Cell(row, column.key, value, written, place, VALUE if valid else INVALID, separated_by), note


def number(text: str, column: layouts.ColumnSpec) -> tuple[int | Decimal | None, bool, str]:
    """The value of a cell's text, whether the column may hold it, and the text left over."""
    match = _NUMBER.match(text)
    if not match:
        return None, False, ""
    digits = match["digits"].replace(",", "")
    if len(digits) + len(match["fraction"] or "") > MAX_DIGITS:
        return None, False, ""
    value: int | Decimal = Decimal(digits + match["fraction"]) if match["fraction"] else int(digits)
    negative = match["sign"] == "-"
    if negative:
        value = -value
    valid = (column.decimal or not match["fraction"]) and (column.signed or not negative)
    rest = match["rest"].strip()
    if column.decimal and rest == _FEE_UNIT:
        rest = ""
    return value, valid, rest
