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
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from giplint.readers._pdf_words import clusters, letters
from giplint.readers._pdf_words import text as extract_text

if TYPE_CHECKING:
    from giplint.readers._pdfium import Page

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Edge = dict[str, Any]

# pdfplumber's TableSettings defaults (the "lines" strategy on both axes)
_MIN_LENGTH_FIRST = 1  # edge_min_length_prefilter
_SNAP = 3  # snap_tolerance: parallel lines this close are moved to their average
_JOIN = 3  # join_tolerance: collinear segments this close are one line
_MIN_LENGTH = 3  # edge_min_length, after joining
_MEET = 3  # intersection_tolerance
_X_TOLERANCE = 3  # extract_text's default x_tolerance: a gap wider than this starts a new word
_Y_TOLERANCE = 3


def find_tables(page: Page) -> list[Ruled]:
    """The tables pdfplumber's `TableFinder(page).tables` finds (default settings), in its order."""
    edges = [
        edge
        for edge in page.edges
        if edge["orientation"] in ("v", "h") and _length(edge) >= _MIN_LENGTH_FIRST  # vertical first
    ]
    edges = sorted(edges, key=lambda edge: edge["orientation"] == "h")  # (stable: page order inside)
    merged = [edge for edge in _merge(edges) if _length(edge) >= _MIN_LENGTH]
    return [Ruled(page, group) for group in _tables(_cells(_intersections(merged, _MEET, _MEET)))]


def _length(edge: Edge) -> float:
    return float(edge["height"] if edge["orientation"] == "v" else edge["width"])


def _merge(edges: list[Edge]) -> list[Edge]:
    """pdfplumber's `merge_edges`: parallel edges within `_SNAP` of each other moved to their
    average (`snap_objects`, its arithmetic kept: a value moved by `average - value`), then
    each line's segments joined where they touch or nearly (`join_edge_group`)."""
    snapped: list[Edge] = []
    for orientation, key, ends in (("v", "x0", ("x0", "x1")), ("h", "top", ("top", "bottom", "doctop"))):
        group = [edge for edge in edges if edge["orientation"] == orientation]
        for cluster in clusters(group, itemgetter(key), _SNAP):
            average = sum(edge[key] for edge in cluster) / len(cluster)
            for edge in cluster:
                shift = average - edge[key]
                snapped.append({**edge, **{end: edge[end] + shift for end in ends}})
    lines = itertools.groupby(
        sorted(snapped, key=lambda edge: ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])),
        key=lambda edge: ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"]),
    )
    return [edge for (orientation, _), line in lines for edge in _join(list(line), orientation)]


def _join(line: list[Edge], orientation: str) -> list[Edge]:
    start, end = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(line, key=itemgetter(start))
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if edge[start] <= last[end] + _JOIN:
            if edge[end] > last[end]:  # pdfplumber's resize_object: the length follows the end
                if orientation == "h":
                    joined[-1] = {**last, "x1": edge["x1"], "width": edge["x1"] - last["x0"]}
                else:
                    grown = last["height"] + (edge["bottom"] - last["bottom"])
                    joined[-1] = {**last, "bottom": edge["bottom"], "height": grown}
        else:
            joined.append(edge)
    return joined


Corner = tuple[set[Box], set[Box]]  # the boxes of the vertical and of the horizontal edges through a point


def _intersections(edges: list[Edge], x_tolerance: float, y_tolerance: float) -> dict[Point, Corner]:
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


@dataclass
class Row:
    """A table row as pdfplumber's `Table.rows` gives it: a cell (or None where a merged cell
    covers the position) for each distinct left edge of the table's cells, and its box."""

    cells: list[Box | None]

    @cached_property
    def bbox(self) -> Box:
        present = [cell for cell in self.cells if cell is not None]
        return (
            min(cell[0] for cell in present),
            min(cell[1] for cell in present),
            max(cell[2] for cell in present),
            max(cell[3] for cell in present),
        )


@dataclass
class Ruled:
    """A table: pdfplumber's Table (its cells, box and rows, computed once), its text extracted
    by bisection."""

    page: Page
    cells: list[Box]

    @cached_property
    def bbox(self) -> Box:
        return (
            min(cell[0] for cell in self.cells),
            min(cell[1] for cell in self.cells),
            max(cell[2] for cell in self.cells),
            max(cell[3] for cell in self.cells),
        )

    @cached_property
    def rows(self) -> list[Row]:
        """pdfplumber's `_get_rows_or_cols(Row)`: cells by top, then by left edge."""
        lefts = sorted({cell[0] for cell in self.cells})
        rows = []
        for _, cells in itertools.groupby(sorted(self.cells, key=itemgetter(1, 0)), itemgetter(1)):
            by_left = {cell[0]: cell for cell in cells}
            rows.append(Row([by_left.get(left) for left in lefts]))
        return rows

    def extract(self) -> list[list[str | None]]:
        """What `Table.extract()` (no arguments) gives: each cell's text, None where a merged
        cell covers the position."""
        page = self.page
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
