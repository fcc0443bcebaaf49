"""Positions: the primitives every other module names a place with, below the model.

`Span` (a place in the user's own file) and `Origin` (where a run of canonical text came from in
a Word or PDF source) are needed by the readers, the source layer, the model and the
diagnostics alike. They live here, importing nothing of giplint, so that none of those modules
has to import another only for a position (that is how the model and the source layer once
imported each other).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Span(NamedTuple):
    """1-based line and column, end exclusive, counted in characters (lark's convention).

    A NamedTuple rather than a frozen dataclass: a report has a span for every cell and label,
    and a tuple is built several times faster; it is just as immutable and orders the same.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column + 1)

    def to_dict(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a run of canonical text came from in a source that is not line-based text.

    `offset` is the first canonical offset of the run; every position inside the run is reported
    at (`line`, `column`) of the source, and `location` (e.g. ``第3部分 表格第5行第2列``) names it
    for formats without lines (Word). `page` is the PDF page (0 for other formats).
    """

    offset: int
    line: int
    column: int
    location: str = ""
    page: int = 0
