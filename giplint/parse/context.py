"""What every stage of the parser shares: the document, a folded view of it, and the problems found.

Offsets inside the parser are offsets into a folded view (giplint/fold.py); `place` is the one
place they are mapped back to the user's canonical text. A table is read on a view of its own
(`Context.table_view`: its section's text with wrapped labels joined), whose index maps straight
to canonical offsets, so the same `place` serves both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from giplint.fold import Folded, squeeze
from giplint.model import ParseProblem, Place, Span

if TYPE_CHECKING:
    from giplint.source import Document


@dataclass
class Context:
    document: Document
    folded: Folded
    problems: list[ParseProblem] = field(default_factory=list)

    def place(self, folded_start: int, folded_end: int) -> Place:
        """Folded offsets [start, end) as canonical offsets."""
        index = self.folded.index
        start = index[folded_start]
        end = index[folded_end - 1] + 1 if folded_end > folded_start else start
        return Place(self.document, start, end)

    def span(self, folded_start: int, folded_end: int) -> Span:
        return self.place(folded_start, folded_end).span

    def text(self, folded_start: int, folded_end: int) -> str:
        place = self.place(folded_start, folded_end)
        return self.document.text[place.start : place.end]

    def table_view(self, start: int, end: int) -> Context:
        """The text of folded[start:end] as the table reader sees it, sharing the problem list."""
        return Context(self.document, squeeze(self.folded, start, end), self.problems)


@dataclass(frozen=True, slots=True)
class Piece:
    """One token of the report grammar, lifted out of lark's tree: the grammar rule it stands for
    (title, a heading rule, subheading, paragraph, cells, loose_heading), its folded text and
    folded offsets."""

    kind: str
    text: str
    start: int
    end: int
