"""The ruled tables of a PDF page: pdfplumber's table finder and cell text, without its two
quadratic steps.

Why: on PDFium's characters and edges (giplint/readers/_pdfium.py) pdfplumber's finder and
`Table.extract` were most of a page's cost (2026-12 profile: 7–13 ms and 8–11 ms a page under
load). Two steps made them so: `intersections_to_cells` rebuilds the edge sets of both points
and scans every later point for each intersection, and `Table.extract` tests every character
of the page against every row and cell (its `rows` recomputed on each access). The results
must not change (same cells, same text, so the same findings and positions), so this module
keeps pdfplumber's own steps and settings where they are cheap (`filter_edges`, `merge_edges`,
`edges_to_intersections`, `cells_to_tables`) and replaces only those two by equivalents that
give the same answer (and `extract_text` by giplint/readers/_pdf_words.py's):

- `_cells`: pdfplumber's search for each intersection's smallest cell, in the same order, with
  each point's edges as sets computed once and the points below and to the right looked up in
  per-column and per-row lists;
- `Ruled.extract`: the characters of a row found by bisecting the page's characters sorted by
  their vertical middle (`Page.band`), tested with pdfplumber's own half-open rule, in page
  order; a cell whose characters form one word on one line (a figure, a short label) is that
  word, which is what `extract_text` gives for it.

tests/test_pdf_ruled.py checks both against pdfplumber's `TableFinder` and `Table.extract` on
the test PDFs and the real corpus PDF.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from pdfplumber import table as plumb
from pdfplumber.utils.geometry import filter_edges

from giplint.readers._pdf_words import letters
from giplint.readers._pdf_words import text as extract_text

if TYPE_CHECKING:
    from giplint.readers._pdfium import Page

Point = tuple[float, float]
Box = tuple[float, float, float, float]

_SETTINGS = plumb.TableSettings()  # pdfplumber's defaults: the "lines" strategy on both axes
_X_TOLERANCE = 3  # extract_text's default x_tolerance: a gap wider than this starts a new word
_Y_TOLERANCE = 3


def find_tables(page: Page) -> list[Ruled]:
    """The tables pdfplumber's `TableFinder(page).tables` finds (default settings), in its order."""
    settings = _SETTINGS
    edges = page.edges
    vertical = filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter)
    horizontal = filter_edges(edges, "h", min_length=settings.edge_min_length_prefilter)
    merged = plumb.merge_edges(
        vertical + horizontal,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    merged = filter_edges(merged, min_length=settings.edge_min_length)
    intersections = plumb.edges_to_intersections(
        merged, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    return [Ruled(cast("Any", page), group) for group in plumb.cells_to_tables(_cells(intersections))]


def _cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: for each intersection (sorted), the smallest cell
    whose four corners are intersections joined by common edges, found in the same order."""
    points = sorted(intersections)
    vertical = {point: {_bbox(edge) for edge in intersections[point]["v"]} for point in points}
    horizontal = {point: {_bbox(edge) for edge in intersections[point]["h"]} for point in points}
    columns: dict[float, list[Point]] = defaultdict(list)  # points of one x, by y (sorted order)
    rows: dict[float, list[Point]] = defaultdict(list)  # points of one y, by x
    for point in points:
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    place_in_column = {point: i for column in columns.values() for i, point in enumerate(column)}
    place_in_row = {point: i for row in rows.values() for i, point in enumerate(row)}

    def connects(first: Point, second: Point) -> bool:
        if first[0] == second[0] and not vertical[first].isdisjoint(vertical[second]):
            return True
        return first[1] == second[1] and not horizontal[first].isdisjoint(horizontal[second])

    cells: list[Box] = []
    for point in points:
        below = columns[point[0]][place_in_column[point] + 1 :]
        right = rows[point[1]][place_in_row[point] + 1 :]
        cell = _smallest(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(point: Point, below: list[Point], right: list[Point], corners: Any, connects: Any) -> Box | None:
    for low in below:
        if not connects(point, low):
            continue
        for side in right:
            if not connects(point, side):
                continue
            corner = (side[0], low[1])
            if corner in corners and connects(corner, side) and connects(corner, low):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _bbox(edge: dict[str, Any]) -> Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


class Ruled(plumb.Table):
    """pdfplumber's Table with its rows computed once and its text extracted by bisection."""

    page: Any  # a giplint/readers/_pdfium.py Page (pdfplumber's annotation names its own Page)

    @cached_property
    def rows(self) -> list[plumb.CellGroup]:
        return super().rows

    def extract(self, **kwargs: Any) -> list[list[str | None]]:
        """What `Table.extract()` (no arguments) gives: each cell's text, None where a merged
        cell covers the position."""
        page: Page = self.page
        texts: list[list[str | None]] = []
        for row in self.rows:
            x0, top, x1, bottom = row.bbox
            row_chars = [
                char
                for char in page.band(top, bottom)
                if top <= (char["top"] + char["bottom"]) / 2 < bottom and x0 <= (char["x0"] + char["x1"]) / 2 < x1
            ]
            texts.append([None if cell is None else _cell_text(_in_cell(row_chars, cell)) for cell in row.cells])
        return texts


def _in_cell(chars: list[dict[str, Any]], cell: Box) -> list[dict[str, Any]]:
    """pdfplumber's `char_in_bbox`: the character's middle in the half-open box."""
    x0, top, x1, bottom = cell
    return [
        char
        for char in chars
        if x0 <= (char["x0"] + char["x1"]) / 2 < x1 and top <= (char["top"] + char["bottom"]) / 2 < bottom
    ]


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """`extract_text(chars)`; without its machinery for the common cell that is one word."""
    if not chars:
        return ""
    word = _one_word(chars)
    return word if word is not None else extract_text(chars)


def _one_word(chars: list[dict[str, Any]]) -> str | None:
    """The text of `chars` when pdfplumber's word extraction makes exactly one word of them on
    one line: all upright, on the same top, no blank, and each (in x0 order, ties in page order)
    starting at most x_tolerance after the previous one's x1."""
    first = chars[0]
    top = first["top"]
    for char in chars:
        if not char["upright"] or char["top"] != top or char["text"].isspace():
            return None
    ordered = sorted(chars, key=lambda char: char["x0"]) if len(chars) > 1 else chars
    for previous, char in itertools.pairwise(ordered):
        if char["x0"] > previous["x1"] + _X_TOLERANCE:  # (sorted: none starts left of the last)
            return None
    return "".join(letters(char["text"]) for char in ordered)
