"""What a report says about itself: its title (organ and year), statistical period and year.

Published reports often set the title over two lines (the organ, then `2024年政府信息公开工作年度
报告`) and a PDF export wraps the period sentence (`自2023年1月1日` / `起至2023年12月31日止`);
both are read as one.
"""

from __future__ import annotations

import re

from giplint.model import Section, StatisticalPeriod, Title
from giplint.parse.context import Context, Piece

_TITLE_PARTS = re.compile(
    r"^(?:标题:)?(?P<before>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<after>.*?)"
    r"(?:政府信息公开|政务信息公开|政务公开)(?:工作)?年度?报告"
)
# The line before a title that names no organ: the organ on a line of its own (short, no sentence
# punctuation, no digits: not a date or a paragraph).
BLANK_LINES_ABOVE_TITLE = 3
_ORGAN_LINE = re.compile(r"[^\n\d。,;:!?|]{2,40}")


def title(context: Context, piece: Piece) -> Title:
    match = _TITLE_PARTS.match(piece.text)
    organ: str | None = None
    year: int | None = None
    start = piece.start
    if match:
        year = int(match["year"])
        organ = (match["before"] or match["after"]).strip() or None
    if organ is None:
        line = _organ_line_before(context, piece.start)
        if line is not None:
            organ, start = line
    return Title(
        _LINE_BREAK.sub("", context.text(start, piece.end)),
        context.span(start, piece.end),
        organ,
        year,
    )


def _organ_line_before(context: Context, position: int) -> tuple[str, int] | None:
    """The organ written on the line just above a title line that names none (blank lines
    between them, as a PDF's text layer leaves, are skipped)."""
    text = context.folded.text
    line_end = text.rfind("\n", 0, position)
    if line_end < 0 or text[line_end + 1 : position].strip():
        return None
    line_start = text.rfind("\n", 0, line_end) + 1
    for _ in range(BLANK_LINES_ABOVE_TITLE):
        if text[line_start:line_end].strip() or line_start == 0:
            break
        line_end = line_start - 1
        line_start = text.rfind("\n", 0, line_end) + 1
    line = text[line_start:line_end].strip()
    if not _ORGAN_LINE.fullmatch(line):
        return None
    return line.strip("#* "), line_start + (
        len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip())
    )


_DATE = r"(?:(?P<y{n}>(?:19|20)\d{{2}})年)?(?P<m{n}>\d{{1,2}})月(?P<d{n}>\d{{1,2}})日"
_PERIOD = re.compile(
    r"(?:统计|数据)[^。]{0,30}?"
    + _DATE.format(n=1)
    + r"\s*(?:起)?\s*(?:至|到|-|—|~|～)\s*"
    + _DATE.format(n=2)
)


def period(context: Context) -> StatisticalPeriod | None:
    match = _PERIOD.search(context.folded.text)
    if not match:
        return None

    def date(prefix: str) -> tuple[int | None, int, int]:
        year = match[f"y{prefix}"]
        return (int(year) if year else None, int(match[f"m{prefix}"]), int(match[f"d{prefix}"]))

    start = match.start("y1") if match["y1"] else match.start("m1")
    text = _LINE_BREAK.sub("", context.text(start, match.end()))  # a sentence wrapped by the export
    return StatisticalPeriod(text, context.span(start, match.end()), date("1"), date("2"))


_LINE_BREAK = re.compile(r"\s*\n\s*")


_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})年")


def year(
    found_title: Title | None, found_period: StatisticalPeriod | None, sections: list[Section]
) -> tuple[int | None, str]:
    """The report year: from the title, else the statistical period, else section 一's text."""
    if found_title and found_title.year:
        return found_title.year, "title"
    if found_period and found_period.start[0]:
        return found_period.start[0], "period"
    overview = next((s for s in sections if s.number == "一"), None)
    if overview:
        match = _YEAR_IN_TEXT.search(overview.body[:400])
        if match:
            return int(match[1]), "text"
    return None, ""
