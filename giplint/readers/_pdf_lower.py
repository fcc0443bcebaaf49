"""Lowering a PDF's pages to the canonical layout (the same as the Word reader's).

Text lines are joined into paragraphs (a paragraph starts indented, after a short line, or as a
heading in another font), also across a page break, so that a sentence the page wrapped is one
sentence; each table cell is emitted once, at its top-left, in row order. Every canonical line
keeps its page and its line or cell on that page.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from giplint.readers._canon import CanonicalText, cell_line, collapse, join_lines
from giplint.readers._pdf_page import Line, Page, Part, cell_text


def lower(pages: list[Page], out: CanonicalText) -> None:
    margins = Margins.of(pages)
    paragraph: list[Line] = []
    in_title = True  # the lines before the first body-sized line: a title set over two lines
    for page in pages:
        for block in page.blocks:
            if isinstance(block, Part):
                _emit_paragraph(paragraph, out)
                paragraph = []
                in_title = False
                _emit_part(block, out)
                continue
            if block.row:  # a table row put together from positions: a paragraph of its own
                _emit_paragraph(paragraph, out)
                _emit_paragraph([block], out)
                paragraph = []
                in_title = False
                continue
            in_title = in_title and margins.larger_than_body(block)
            title_goes_on = in_title and bool(paragraph) and abs(paragraph[-1].size - block.size) < 1
            if paragraph and not title_goes_on and margins.starts_paragraph(paragraph[-1], block):
                _emit_paragraph(paragraph, out)
                paragraph = []
            paragraph.append(block)
    _emit_paragraph(paragraph, out)


@dataclass(frozen=True)
class Margins:
    """The body's left and right edges, to tell indented first lines and short last lines."""

    left: float
    right: float
    size: float  # the body text's line height

    @classmethod
    def of(cls, pages: list[Page]) -> Margins:
        lines = [block for page in pages for block in page.blocks if isinstance(block, Line)]
        if not lines:
            return cls(0, 0, 0)
        right = statistics.quantiles([line.x1 for line in lines], n=10)[-1] if len(lines) > 1 else lines[0].x1
        # The body's left edge: the leftmost position that several lines start at (a stray line
        # further left, such as a signature, does not move it; indented first lines are right of it).
        starts = Counter(round(line.x0) for line in lines)
        common = [x0 for x0, count in starts.items() if count >= max(2, len(lines) // 10)]
        left = min(common) if common else min(starts)
        return cls(left, right, statistics.median(line.size for line in lines))

    def larger_than_body(self, line: Line) -> bool:
        return line.size > self.size * 1.15

    def starts_paragraph(self, previous: Line, line: Line) -> bool:
        """An indented line, a line after a short one, or a short line in another font than the
        line before (a heading such as 一、总体情况 in 黑体 set flush left after a full line)."""
        size = max(line.size, 1)
        indented = line.x0 > self.left + size * 0.8
        after_short = previous.x1 < self.right - size * 1.5
        heading = line.x1 < self.right - size * 1.5 and "" != line.font != previous.font != ""
        return indented or after_short or heading


def _emit_paragraph(lines: list[Line], out: CanonicalText) -> None:
    """One canonical line per paragraph; each PDF line of it keeps its own page and line."""
    kept = [line for line in lines if collapse(line.text)]
    text, starts = join_lines([line.text for line in kept])
    if text:
        out.add_runs(
            text,
            [
                (start, f"第{line.page}页第{line.number}行", line.page)
                for start, line in zip(starts, kept, strict=True)
            ],
        )


def _emit_part(part: Part, out: CanonicalText) -> None:
    for row in part.rows[part.dropped_rows :]:
        for cell in row:
            location = f"第{part.page}页 第{part.index}个表格第{cell.row}行第{cell.column}列"
            out.add(cell_line(cell_text(cell.text)), len(out) + 1, 1, location, part.page)
