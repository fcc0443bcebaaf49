"""From a `Document` to a `Report`: the report grammar (grammar/report.lark) on the folded view,
then the title and period (meta.py) and the three tables (tables.py).

report.lark splits the report into title, preamble, headings and blocks, finding the mandated
headings even mid-line (crawled pages). A heading the grammar does not know word for word — a
typo (`四、政府信息公开行政法复议、行政诉讼情况`) or other wording — is a `LOOSE_HEADING` line; it
starts a section when its ordinal's section has no exact heading and its wording is close to the
mandated title (section-title then reports the wording), else it stays a paragraph. A section
still without a heading is looked for inside run-on lines too (one-line exports), between the
headings of the sections around it, with a stricter likeness.

`parse_document` never raises for a malformed report: what cannot be placed is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from giplint import layouts
from giplint.fold import fold
from giplint.grammars import open_grammar
from giplint.model import Block, ParseProblem, Report, Section
from giplint.parse import meta
from giplint.parse.context import Context, Piece
from giplint.parse.tables import read_table

if TYPE_CHECKING:
    from giplint.source import Document

__all__ = ["parse_document", "report_parser"]

_SECTION_OF_HEADING = {f"{spec.key}_heading": spec for spec in layouts.SECTIONS}
# How close the wording of a heading the grammar does not know must be to the mandated title.
HEADING_RATIO = 0.6


@cache
def report_parser() -> Lark:
    return open_grammar("report.lark", parser="lalr", lexer="contextual")


def _piece(kind: str, node: Tree[Token] | Token) -> Piece:
    token = node.children[0] if isinstance(node, Tree) else node
    assert isinstance(token, Token)
    start = token.start_pos or 0
    end = token.end_pos if token.end_pos is not None else start + len(token.value)
    return Piece(kind, token.value, start, end)


@dataclass(frozen=True, slots=True)
class _Heading:
    spec: layouts.SectionSpec
    piece: Piece


def parse_document(document: Document) -> Report:
    """Parse a document into the report model; problems are recorded, never raised."""
    context = Context(document, fold(document.text))
    titles, exact, blocks = _pieces(context)
    title = meta.title(context, titles[0]) if titles else None  # a report may repeat its title
    headings = _headings(exact, [b for b in blocks if b.kind == "loose_heading"])
    run_on = _run_on_headings(context.folded.text, headings)
    if run_on:
        headings = sorted([*headings, *run_on], key=lambda heading: heading.piece.start)
        blocks = _split_blocks(blocks, [heading.piece for heading in run_on])
    period = meta.period(context)
    stated_year = (title.year if title else None) or (period.start[0] if period else None) or None
    sections = _sections(context, headings, blocks, stated_year)
    preamble_end = headings[0].piece.start if headings else len(context.folded.text)
    year, year_source = meta.year(title, period, sections)
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


def _pieces(context: Context) -> tuple[list[Piece], list[_Heading], list[Piece]]:
    """Titles, exact headings and blocks (loose headings among them), in document order."""
    try:
        tree = report_parser().parse(context.folded.text)
    except UnexpectedInput as exc:  # the document grammar accepts any text; this is a safety net
        context.problems.append(_problem(context, exc))
        return [], [], []
    titles: list[Piece] = []
    exact: list[_Heading] = []
    blocks: list[Piece] = []
    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "title":
            titles.append(_piece("title", child))
        elif child.data == "section":
            heading, *rest = child.children
            assert isinstance(heading, Tree)
            exact.append(_Heading(_SECTION_OF_HEADING[str(heading.data)], _piece(str(heading.data), heading)))
            blocks.extend(_piece(str(b.data), b) for b in rest if isinstance(b, Tree))
        else:
            blocks.append(_piece(str(child.data), child))
    return titles, exact, blocks


def _problem(context: Context, exc: UnexpectedInput) -> ParseProblem:
    position = getattr(exc, "pos_in_stream", None) or 0
    expected = sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or [])
    found = context.folded.text[position : position + 20]
    return ParseProblem(context.span(position, position + 1), found, "、".join(expected[:8]))


# -- sections -------------------------------------------------------------------------------------


def _headings(exact: list[_Heading], loose: list[Piece]) -> list[_Heading]:
    """The exact headings, plus each loose heading whose ordinal has none and whose wording is
    close to its section's mandated title (the first such line of each ordinal)."""
    numbers = {heading.spec.number for heading in exact}
    accepted: list[_Heading] = []
    for piece in loose:
        number, _, wording = piece.text.strip().partition("、")
        spec = layouts.section(number)
        if spec is None or number in numbers:
            continue
        if SequenceMatcher(None, _chinese(wording), spec.title).ratio() >= HEADING_RATIO:
            accepted.append(_Heading(spec, piece))
            numbers.add(number)
    if not accepted:
        return exact
    return sorted([*exact, *accepted], key=lambda heading: heading.piece.start)


# A heading inside a run-on line (a one-line export) has no line of its own to say where it ends:
# its wording is the window after the ordinal closest to the title, and must be closer than a
# loose heading line's (the run-on text around it is anything).
RUN_ON_RATIO = 0.8
# How many occurrences of an ordinal a missing section's heading is looked for at, at most.
RUN_ON_CANDIDATES = 200
_RUN_ON_SLACK = 4  # the wording window: the title's length, this many characters shorter or longer


def _run_on_headings(text: str, headings: list[_Heading]) -> list[_Heading]:
    """Headings with a typo inside a run-on line (`…0000000四、政府信息公开行政法复议、行政诉讼情况行政
    复议…`): for each section without a heading, its ordinal between the headings of the sections
    around it, followed by wording close to the mandated title. Without this a one-line export
    with one mistyped heading loses the section and its table."""
    found = {heading.spec.number: heading for heading in headings}
    accepted: list[_Heading] = []
    order = [spec.number for spec in layouts.SECTIONS]
    for index, spec in enumerate(layouts.SECTIONS):
        if spec.number in found:
            continue
        before = [found[n] for n in order[:index] if n in found]
        after = [found[n] for n in order[index + 1 :] if n in found]
        start = before[-1].piece.end if before else 0
        end = after[0].piece.start if after else len(text)
        best = _closest_heading(text, spec, start, end)
        if best is not None:
            accepted.append(_Heading(spec, best))
    return accepted


def _closest_heading(text: str, spec: layouts.SectionSpec, start: int, end: int) -> Piece | None:
    ordinal = f"{spec.number}、"
    best: tuple[float, int, int] | None = None
    position = text.find(ordinal, start, end)
    for _ in range(RUN_ON_CANDIDATES):
        if position < 0:
            break
        wording_start = position + len(ordinal)
        for length in range(len(spec.title) - _RUN_ON_SLACK, len(spec.title) + _RUN_ON_SLACK + 1):
            wording_end = min(wording_start + length, end)
            ratio = SequenceMatcher(None, _chinese(text[wording_start:wording_end]), spec.title).ratio()
            if ratio >= RUN_ON_RATIO and (best is None or ratio > best[0]):
                best = (ratio, position, wording_end)
        position = text.find(ordinal, position + 1, end)
    if best is None:
        return None
    _, first, last = best
    return Piece("loose_heading", text[first:last], first, last)


def _split_blocks(blocks: list[Piece], headings: list[Piece]) -> list[Piece]:
    """The blocks with each run-on heading cut out of the block it lies in."""
    result: list[Piece] = []
    for block in blocks:
        pieces = [block]
        for heading in headings:
            if block.start <= heading.start < block.end:
                head = pieces.pop()
                if heading.start > head.start:
                    cut = heading.start - head.start
                    pieces.append(Piece(head.kind, head.text[:cut], head.start, heading.start))
                if heading.end < head.end:
                    cut = heading.end - head.start
                    pieces.append(Piece(head.kind, head.text[cut:], heading.end, head.end))
        result.extend(pieces)
    return result


_NOT_CHINESE = re.compile(r"[^\u3400-\u9fff]")


def _chinese(wording: str) -> str:
    """The Chinese characters of a heading's wording: what its meaning is compared by (marks,
    spaces and stray characters around or inside it say nothing)."""
    return _NOT_CHINESE.sub("", wording)


def _sections(
    context: Context, headings: list[_Heading], blocks: list[Piece], year: int | None = None
) -> list[Section]:
    sections: list[Section] = []
    block_index = 0
    for index, heading in enumerate(headings):
        piece = _trimmed(heading.piece)
        body_start = heading.piece.end
        body_end = headings[index + 1].piece.start if index + 1 < len(headings) else len(context.folded.text)
        own: list[Block] = []
        while block_index < len(blocks) and blocks[block_index].start < body_end:
            block = blocks[block_index]
            if block.start >= body_start:
                own.append(_block(context, block))
            block_index += 1
        spec = heading.spec
        table = read_table(context, spec.table, body_start, body_end, year) if spec.table else None
        sections.append(
            Section(
                number=spec.number,
                key=spec.key,
                heading=context.text(piece.start, piece.end),
                heading_folded=piece.text,
                span=context.span(piece.start, piece.end),
                body_span=context.span(body_start, body_end),
                body=context.text(body_start, body_end),
                body_offset=context.place(body_start, body_end).start,
                blocks=tuple(own),
                table=table,
                body_folded=context.folded.text[body_start:body_end],
            )
        )
    return sections


def _trimmed(piece: Piece) -> Piece:
    """A loose heading line without the blanks around it."""
    stripped = piece.text.strip()
    if stripped == piece.text:
        return piece
    start = piece.start + piece.text.index(stripped[0])
    return Piece(piece.kind, stripped, start, start + len(stripped))


def _block(context: Context, piece: Piece) -> Block:
    kind = "paragraph" if piece.kind == "loose_heading" else piece.kind
    return Block(kind, context.text(piece.start, piece.end), context.span(piece.start, piece.end))
