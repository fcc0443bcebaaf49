"""The ruled tables of a PDF page: pdfplumber's table finder and cell text, without its two
quadratic steps.

Why: on PDFium's characters and edges (giplint/readers/_pdfium.py) pdfplumber's finder and
`Table.extract` were most of a page's cost (2026-12 profile: 7–13 ms and 8–11 ms a page under
load). Two steps made them so: `intersections_to_cells` rebuilds the edge sets of both points
and scans every later point for each intersection, and `Table.extract` tests every character
of the page against every row and cell (its `rows` recomputed on each access). The results
must not change (same cells, same text, so the same findings and positions), so this module
keeps pdfplumber's own steps and settings where they are cheap (`filter_edges`, `merge_edges`)
and replaces the others by equivalents that give the same answer (`extract_text` by
giplint/readers/_pdf_words.py's; `edges_to_intersections`, which tests every vertical edge
against every horizontal one, by a bisection on the horizontals' tops and its own test;
`cells_to_tables`, which removes cells from a list one by one, by passes that keep the rest):

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

import bisect
import itertools
from collections import defaultdict
from functools import cached_property
from operator import itemgetter
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
    intersections = _intersections(merged, settings.intersection_x_tolerance, settings.intersection_y_tolerance)
    return [Ruled(cast("Any", page), group) for group in _tables(_cells(intersections))]


Corner = tuple[set[Box], set[Box]]  # the boxes of the vertical and of the horizontal edges through a point


def _intersections(edges: list[dict[str, Any]], x_tolerance: float, y_tolerance: float) -> dict[Point, Corner]:
    """pdfplumber's `edges_to_intersections`, each point's edges as sets of boxes (what its
    `intersections_to_cells` compares): a vertical edge meets the horizontal ones whose `top`
    is within its span (found by bisection, then pdfplumber's own test, unchanged)."""
    verticals = sorted((edge for edge in edges if edge["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontals = sorted((edge for edge in edges if edge["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [edge["top"] for edge in horizontals]
    found: dict[Point, Corner] = {}
    for v in verticals:
        start = bisect.bisect_left(tops, v["top"] - y_tolerance - 1)  # a margin: the exact test follows
        end = bisect.bisect_right(tops, v["bottom"] + y_tolerance + 1)
        for h in horizontals[start:end]:
            if (
                (v["top"] <= (h["top"] + y_tolerance))
                and (v["bottom"] >= (h["top"] - y_tolerance))
                and (v["x0"] >= (h["x0"] - x_tolerance))
                and (v["x0"] <= (h["x1"] + x_tolerance))
            ):
                corner = found.setdefault((v["x0"], h["top"]), (set(), set()))
                corner[0].add(_bbox(v))
                corner[1].add(_bbox(h))
    return found


def _cells(intersections: dict[Point, Corner]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: for each intersection (sorted), the smallest cell
    whose four corners are intersections joined by common edges, found in the same order."""
    points = sorted(intersections)
    columns: dict[float, list[Point]] = defaultdict(list)  # points of one x, by y (sorted order)
    rows: dict[float, list[Point]] = defaultdict(list)  # points of one y, by x
    for point in points:
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    place_in_column = {point: i for column in columns.values() for i, point in enumerate(column)}
    place_in_row = {point: i for row in rows.values() for i, point in enumerate(row)}
    cells: list[Box] = []
    for point in points:
        below = columns[point[0]][place_in_column[point] + 1 :]
        right = rows[point[1]][place_in_row[point] + 1 :]
        cell = _smallest(point, below, right, intersections)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(point: Point, below: list[Point], right: list[Point], corners: dict[Point, Corner]) -> Box | None:
    """The first point below joined to `point` by a vertical edge, and the first to its right
    joined by a horizontal one, whose fourth corner is joined to both (pdfplumber's order: a
    point below and one to the right share x or y with `point`, so only one edge set is asked)."""
    across = corners[point][1]
    sides = [side for side in right if not across.isdisjoint(corners[side][1])]
    if not sides:
        return None
    down = corners[point][0]
    for low in below:
        low_down, low_across = corners[low]
        if down.isdisjoint(low_down):
            continue
        for side in sides:
            corner = corners.get((side[0], low[1]))
            if corner is not None and not corner[0].isdisjoint(corners[side][0]) and not corner[1].isdisjoint(low_across):
                return (point[0], point[1], side[0], low[1])
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's `cells_to_tables`: cells joined into a table while one shares a corner with
    it (passes over the rest in order until one adds nothing), tables of two cells or more, by
    their topmost-then-leftmost cell."""
    remaining = list(cells)
    tables: list[list[Box]] = []
    current: list[Box] = []
    seen: set[Point] = set()
    while remaining:
        before = len(current)
        kept = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            four = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(point in seen for point in four):
                seen.update(four)
                current.append(cell)
            else:
                kept.append(cell)
        remaining = kept
        if len(current) == before:
            tables.append(current)
            current, seen = [], set()
    if current:
        tables.append(current)
    ordered = sorted(tables, key=lambda table: min((cell[1], cell[0]) for cell in table))
    return [table for table in ordered if len(table) > 1]


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
