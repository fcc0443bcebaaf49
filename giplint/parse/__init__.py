"""From a `Document` to a `Report`: the report grammar (grammar/report.lark) on the folded view,
then the title and period (meta.py) and the three tables (tables.py).

report.lark splits the report into title, preamble, headings and blocks, finding the mandated
headings even mid-line (crawled pages). A heading the grammar does not know word for word — a
typo (`四、政府信息公开行政法复议、行政诉讼情况`) or other wording — is a `LOOSE_HEADING` line; it
starts a section when its ordinal's section has no exact heading and its wording is close to the
mandated title (section-title then reports the wording), else it stays a paragraph.

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
from giplint.model import Block, ParseProblem, Report, Section, Title
from giplint.parse import meta
from giplint.parse.context import Context
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


@dataclass(frozen=True, slots=True)
class _Heading:
    spec: layouts.SectionSpec
    token: Token


def parse_document(document: Document) -> Report:
    """Parse a document into the report model; problems are recorded, never raised."""
    context = Context(document, fold(document.text))
    try:
        tree = report_parser().parse(context.folded.text)
    except UnexpectedInput as exc:  # the document grammar accepts any text; this is a safety net
        context.problems.append(_problem(context, exc))
        tree = Tree("start", [])
    title: Title | None = None
    exact: list[_Heading] = []
    loose: list[Token] = []
    blocks: list[Tree] = []
    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "title":
            if title is None:  # the first; a report may repeat its title (one line, then two)
                title = meta.title(context, child.children[0])
        elif child.data == "section":
            heading = child.children[0]
            exact.append(_Heading(_SECTION_OF_HEADING[heading.data], heading.children[0]))
            blocks.extend(_blocks_and_loose(child.children[1:], loose))
        else:
            blocks.extend(_blocks_and_loose([child], loose))
    headings = _headings(exact, loose)
    sections = _sections(context, headings, blocks)
    preamble_end = headings[0].token.start_pos if headings else len(context.folded.text)
    period = meta.period(context)
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


def _blocks_and_loose(children: list[Tree], loose: list[Token]) -> list[Tree]:
    """The blocks among `children`; loose headings are also collected into `loose`."""
    for child in children:
        if child.data == "loose_heading":
            loose.append(child.children[0])
    return children


def _problem(context: Context, exc: UnexpectedInput) -> ParseProblem:
    position = getattr(exc, "pos_in_stream", None) or 0
    expected = sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or [])
    found = context.folded.text[position : position + 20]
    return ParseProblem(context.span(position, position + 1), found, "、".join(expected[:8]))


# -- sections -------------------------------------------------------------------------------------


def _headings(exact: list[_Heading], loose: list[Token]) -> list[_Heading]:
    """The exact headings, plus each loose heading whose ordinal has none and whose wording is
    close to its section's mandated title (the first such line of each ordinal)."""
    numbers = {heading.spec.number for heading in exact}
    accepted: list[_Heading] = []
    for token in loose:
        number, _, wording = token.value.strip().partition("、")
        spec = layouts.section(number)
        if spec is None or number in numbers:
            continue
        if SequenceMatcher(None, _chinese(wording), spec.title).ratio() >= HEADING_RATIO:
            accepted.append(_Heading(spec, token))
            numbers.add(number)
    if not accepted:
        return exact
    return sorted([*exact, *accepted], key=lambda heading: heading.token.start_pos)


_NOT_CHINESE = re.compile(r"[^\u3400-\u9fff]")


def _chinese(wording: str) -> str:
    """The Chinese characters of a heading's wording: what its meaning is compared by (marks,
    spaces and stray characters around or inside it say nothing)."""
    return _NOT_CHINESE.sub("", wording)


def _sections(context: Context, headings: list[_Heading], blocks: list[Tree]) -> list[Section]:
    sections: list[Section] = []
    block_index = 0
    for index, heading in enumerate(headings):
        token = _trimmed(heading.token)
        body_start = heading.token.end_pos
        body_end = (
            headings[index + 1].token.start_pos if index + 1 < len(headings) else len(context.folded.text)
        )
        own: list[Block] = []
        while block_index < len(blocks) and blocks[block_index].children[0].start_pos < body_end:
            block = blocks[block_index]
            if block.children[0].start_pos >= body_start:
                own.append(_block(context, block))
            block_index += 1
        spec = heading.spec
        table = read_table(context, spec.table, body_start, body_end) if spec.table else None
        sections.append(
            Section(
                number=spec.number,
                key=spec.key,
                heading=context.text(token.start_pos, token.end_pos),
                heading_folded=token.value,
                span=context.span(token.start_pos, token.end_pos),
                body_span=context.span(body_start, body_end),
                body=context.text(body_start, body_end),
                body_offset=context.place(body_start, body_end).start,
                blocks=tuple(own),
                table=table,
                body_folded=context.folded.text[body_start:body_end],
            )
        )
    return sections


def _trimmed(token: Token) -> Token:
    """A loose heading line without the blanks around it."""
    value = token.value
    stripped = value.strip()
    if stripped == value:
        return token
    start = token.start_pos + value.index(stripped[0])
    return Token(token.type, stripped, start_pos=start, end_pos=start + len(stripped))


def _block(context: Context, tree: Tree) -> Block:
    token = tree.children[0]
    kind = "paragraph" if tree.data == "loose_heading" else tree.data
    return Block(
        kind,
        context.text(token.start_pos, token.end_pos),
        context.span(token.start_pos, token.end_pos),
    )
