"""A ruled table continued on the next page: one table again, as the report's author made it.

Word and WPS cut a table at the page end: the header rows may be repeated at the top of the next
page (标题行重复), a label cell merged over several rows is cut in two, and a row allowed to
break across pages (允许跨行断页, Word's default) leaves its rest as the next page's first row.
Here the part on the next page is marked as continuing the table, its repeated header rows are
dropped, and what the break cut off is joined back into the cell it belongs to.
"""

from __future__ import annotations

import itertools
import re

from giplint.readers._pdf_page import Cell, Page, Part, cell_text

_NUMBER = re.compile(r"[\d.,\s%‰-]*")
# How the labels of a report's tables are numbered: （四）, (4), 三、, 1. 1、
ORDINAL = re.compile(r"[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]")


def join_tables(pages: list[Page]) -> None:
    """Mark a table that continues onto the next page, drop its repeated header rows, and give
    the part of a merged label cell that flowed over the break back to its label."""
    for before, after in itertools.pairwise(pages):
        if not before.blocks or not after.blocks:
            continue
        last, first = before.blocks[-1], after.blocks[0]
        if not (isinstance(last, Part) and isinstance(first, Part)):
            continue
        tolerance = 0.03 * max(last.bbox[2] - last.bbox[0], 1)
        if abs(last.bbox[0] - first.bbox[0]) > tolerance or abs(last.bbox[2] - first.bbox[2]) > tolerance:
            continue
        first.head = last.head or last
        first.dropped_rows = _repeated_header(first.head, first)
        _give_back_fragments(last, first)
        _join_cut_row(last, first)


def _texts(row: list[Cell]) -> list[str]:
    return [cell_text(cell.text) for cell in row]


def _repeated_header(head: Part, part: Part) -> int:
    """How many rows at the top of `part` repeat the first rows of the table (Word's 标题行重复)."""
    count = 0
    while (
        count < len(part.rows) - 1
        and count < len(head.rows)
        and _texts(part.rows[count])
        and _texts(part.rows[count]) == _texts(head.rows[count])
    ):
        count += 1
    return count


def _give_back_fragments(before: Part, part: Part) -> None:
    """A label cell merged over several rows that the page break cut: its first lines end the
    previous part, the rest starts this one. The rest is added back to the label it belongs to
    (``（四）无`` + ``法提供``) and not emitted on its own.

    A cell below the break is such a rest when it sits under a cell that reaches the break, one
    of the two spans several rows, and it is not a number and does not start a new numbered label
    (``（四）``, ``三、``, ``1.``): then it is the next group of rows, not the rest of the last.
    """
    first = part.dropped_rows
    if first >= len(part.rows) or not before.rows:
        return
    bottom = before.bbox[3]
    open_cells = [cell for row in before.rows for cell in row if abs(cell.bbox[3] - bottom) < 2]
    kept: list[Cell] = []
    for cell in part.rows[first]:
        owner = _owner(cell, open_cells)
        text = cell_text(cell.text)
        rest = (
            owner is not None
            and (cell.tall or owner.tall)
            and _NUMBER.fullmatch(text) is None
            and ORDINAL.match(text) is None
        ) or (owner is not None and not text and cell.tall)
        if rest and owner is not None:
            owner.text = f"{owner.text}\n{cell.text}" if text else owner.text
        else:
            kept.append(cell)
    part.rows[first] = kept


def _join_cut_row(before: Part, part: Part) -> None:
    """A row the page break cut (Word's 允许跨行断页): its first lines end the previous part, the
    rest is the first row of this one. That rest is joined into the row it belongs to, cell by
    cell under the cells that reach the break, and not emitted as a row of its own.

    The first row is such a rest when each of its cells sits under a cell of the row cut and
    - it is empty (nothing flowed over: a row whose bottom only is on this page),
    - or it holds a number and the cell above is empty (the numbers of a row whose label was
      above the break),
    - or it is text that is no number and starts no numbered label (``（四）``, ``三、``, ``1.``),
      and the cell above is text whose last line wrapped at the cell's right edge (``3.要求提供
      公开出版`` + ``物``),
    and the cells that hold numbers above hold none here (a new row brings its own numbers).
    """
    first = part.dropped_rows
    if first >= len(part.rows) or not before.rows or not part.rows[first]:
        return
    bottom = before.bbox[3]
    open_cells = [cell for row in before.rows for cell in row if abs(cell.bbox[3] - bottom) < 2]
    pairs: list[tuple[Cell, Cell]] = []
    for cell in part.rows[first]:
        owner = _owner(cell, open_cells)
        if owner is None or cell.tall:
            return
        text, above = cell_text(cell.text), cell_text(owner.text)
        if not text:
            continue
        if _NUMBER.fullmatch(text) is not None:
            if above:
                return
        elif (
            ORDINAL.match(text) is not None
            or not above
            or _NUMBER.fullmatch(above) is not None
            or not owner.full
        ):
            return
        pairs.append((owner, cell))
    for owner, cell in pairs:
        owner.text = f"{owner.text}\n{cell.text}" if owner.text else cell.text
    part.rows[first] = []


def _owner(cell: Cell, candidates: list[Cell]) -> Cell | None:
    middle = (cell.bbox[0] + cell.bbox[2]) / 2
    for candidate in candidates:
        if candidate.bbox[0] <= middle <= candidate.bbox[2] and abs(candidate.bbox[0] - cell.bbox[0]) < 3:
            return candidate
    return None
