"""Output: diagnostics for people (rich) and for machines (concise, json, sarif, github).

Renderers take results and rules and compute nothing the checks did not. rich is imported only
by the `full` format; machine formats are plain functions over the same data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from giplint.diagnostics import Diagnostic, Severity
from giplint.layouts import layout_for
from giplint.years.organ import recognise

if TYPE_CHECKING:
    from giplint.contract import Rule
    from giplint.lint import LintResult
    from giplint.model import Report, Section

JSON_SCHEMA_VERSION = 1


# -- concise -------------------------------------------------------------------------------------


def concise_line(diagnostic: Diagnostic, path: str) -> str:
    """One line per finding; control characters from the report are written out (`escape`), so
    a line is one line and a terminal shows it as text."""
    where = f" {diagnostic.location}" if diagnostic.location else ""
    place = f" {diagnostic.place()}" if diagnostic.place() else ""  # after the rule: tools match the head
    return escape(
        f"{path}:{diagnostic.span.line}:{diagnostic.span.column}:{where} {diagnostic.rule_id} "
        f"[{diagnostic.severity.label}] {diagnostic.rule_name}{place} {diagnostic.message}"
    )


def render_concise(results: Sequence[LintResult], out: IO[str], paths: dict[str, str]) -> None:
    for result in results:
        for diagnostic in result.diagnostics:
            out.write(concise_line(diagnostic, paths.get(result.path, result.path)) + "\n")


# -- json ----------------------------------------------------------------------------------------


def result_to_dict(result: LintResult, path: str) -> dict[str, Any]:
    return {
        "path": path,
        "encoding": result.encoding,
        "format": result.source_format,
        "layout": result.layout,
        "year": result.year,
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "errors": [f.message for f in result.failures],
    }


def render_json(results: Sequence[LintResult], out: IO[str], paths: dict[str, str]) -> None:
    data = [result_to_dict(r, paths.get(r.path, r.path)) for r in results]
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


# -- full (rich) ---------------------------------------------------------------------------------

_STYLES = {
    "giplint.error": "bold red",
    "giplint.warning": "bold yellow",
    "giplint.info": "bold cyan",
    "giplint.rule": "magenta",
    "giplint.path": "bold",
    "giplint.span": "bold red underline",
    "giplint.gutter": "blue",
    "giplint.hint": "green",
    "giplint.up": "red",  # a figure that grew (giplint compare; red for up, as Chinese tables do)
    "giplint.down": "green",
}


def make_console(out: IO[str], color: bool | None = None) -> Any:
    """A rich Console on `out`: colour only on a terminal, never under NO_COLOR (rich checks it).

    rich's own broken-pipe handler exits 1 (which means "findings" to CI) and redirects the
    process's stdout even when writing elsewhere: the console raises instead, and cli.main
    turns that into its quiet exit 141, for every command that prints with rich."""
    from rich.console import Console
    from rich.theme import Theme

    console = Console(
        file=out,
        theme=Theme(_STYLES),
        highlight=False,
        soft_wrap=True,
        no_color=None if color is None else not color,
        force_terminal=color if color else None,
    )
    console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]  # rich: override to handle it
    return console


def _raise_broken_pipe() -> None:
    raise BrokenPipeError(32, "Broken pipe")


def render_full(results: Sequence[LintResult], console: Any, paths: dict[str, str]) -> None:
    """Every finding for a person: header, message, the source under it, hint. A run of alike
    findings (25 blank rows in a row) is shown once with the list of its places."""
    for result in results:
        path = paths.get(result.path, result.path)
        for run in _runs(result.diagnostics):
            _render_one(console, run, path, result)


def _render_one(console: Any, run: list[Diagnostic], path: str, result: LintResult) -> None:
    from rich.text import Text

    diagnostic = run[0]
    severity = diagnostic.severity
    style = f"giplint.{severity.label}"
    console.print(
        Text.assemble(
            (escape(_place(diagnostic, path)), "giplint.path"),
            " ",
            (severity.chinese, style),
            " ",
            (f"{diagnostic.rule_id} {diagnostic.rule_name}", "giplint.rule"),
        )
    )
    console.print(Text.assemble("  ", escape(diagnostic.message)))
    excerpt = _excerpt(result, diagnostic, console.width)
    if excerpt is not None:
        gutter, shown, start, width = excerpt
        source = Text.assemble((gutter, "giplint.gutter"), shown)
        source.stylize(
            "giplint.span",
            len(gutter) + _chars_in(shown, start),
            len(gutter) + _chars_in(shown, start + width),
        )
        console.print(source)
        console.print(Text.assemble(" " * (_width(gutter) + start), ("^" * width, style)))
    if diagnostic.hint:
        console.print(Text.assemble("  ", ("提示：", "giplint.hint"), escape(diagnostic.hint)))
    if len(run) > 1:
        console.print(Text.assemble("  ", (f"同类问题还有 {len(run) - 1} 处：", "giplint.hint")))
        for other in run[1:]:
            place = _place(other, "", with_section=False)  # a table finding's row and column say it all
            console.print(Text.assemble("    ", escape(place + ("" if other.table else _difference(diagnostic, other)))))
    console.print()


def _place(diagnostic: Diagnostic, path: str, *, with_section: bool = True) -> str:
    """Word has no lines: the editor finds a finding by paragraph or table cell, not line:column;
    then the section, or the table, row and column, in the format's words."""
    if diagnostic.location:
        where = f"{path} {diagnostic.location}" if path else diagnostic.location
    else:
        where = f"{diagnostic.span.line}:{diagnostic.span.column}"
        where = f"{path}:{where}" if path else where
    place = diagnostic.place() if with_section or diagnostic.table else ""
    return f"{where} {place}" if place else where


# -- runs of alike findings ----------------------------------------------------------------------

_MIN_RUN = 3  # two alike findings are shown as two: a list would save nothing
_QUOTED = re.compile(r"“[^”]*”")


def _runs(diagnostics: Sequence[Diagnostic]) -> list[list[Diagnostic]]:
    """Consecutive findings of one rule whose messages differ only inside “quotes” (the row,
    the cell, the text found) form one run; a finding whose figures differ stands alone."""
    runs: list[list[Diagnostic]] = []
    for diagnostic in diagnostics:
        if runs and _alike(runs[-1][0], diagnostic):
            runs[-1].append(diagnostic)
        else:
            runs.append([diagnostic])
    split: list[list[Diagnostic]] = []
    for run in runs:
        split.extend([run] if len(run) >= _MIN_RUN else [[d] for d in run])
    return split


def _alike(first: Diagnostic, other: Diagnostic) -> bool:
    return (
        (first.rule_id, first.severity, first.section) == (other.rule_id, other.severity, other.section)
        and _QUOTED.sub("“”", first.message) == _QUOTED.sub("“”", other.message)
        and _QUOTED.sub("“”", first.hint) == _QUOTED.sub("“”", other.hint)
    )


def _difference(first: Diagnostic, other: Diagnostic) -> str:
    """The quoted parts of `other`'s message that differ from the first one's (its row or cell)."""
    mine = _QUOTED.findall(first.message)
    theirs = _QUOTED.findall(other.message)
    differing = [q for i, q in enumerate(theirs) if i >= len(mine) or mine[i] != q]
    return " " + "".join(differing) if differing else ""


# -- excerpts ------------------------------------------------------------------------------------

# C0 and C1 control characters (and DEL): from a hostile report they would move the cursor,
# clear the screen or set the window title. Shown visibly instead, as Python writes them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NAMED_CONTROLS = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape(text: str) -> str:
    """`text` with every control character written out (``\\x1b``, ``\\t``), safe for a terminal."""
    return _CONTROL.sub(lambda m: _NAMED_CONTROLS.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


_GUTTER_DIGITS = 5
_MIN_EXCERPT = 20  # cells of source shown however narrow the terminal
_BLANK_CELL = "（空单元格）"


def _excerpt(result: LintResult, diagnostic: Diagnostic, width: int) -> tuple[str, str, int, int] | None:
    """(gutter, shown text, caret start, caret width) for the source under a finding, fitted to
    `width` terminal cells; widths in cells, so a wide character never shifts the caret.

    Text reports show the source line with the span's columns (1-based code points: the only
    place they become offsets). HTML and Word show the paragraph or cell text the grammar read,
    never markup, with the caret under the whole of it.
    """
    span = diagnostic.span
    text = result.texts.get((span.line, span.column))
    if text is not None:
        content = text.removesuffix(" |").strip() if text.endswith("|") else text
        before, marked, after = "", content or _BLANK_CELL, ""
    elif span.line in result.lines:
        line = result.lines[span.line]
        start = min(span.column - 1, len(line))
        end = span.end_column - 1 if span.end_line == span.line else len(line)
        end = max(start, min(end, len(line)))
        before, marked, after = line[:start], line[start:end], line[end:]
    else:
        return None
    number = "" if diagnostic.location else str(span.line)
    gutter = f" {number:>{_GUTTER_DIGITS}} │ "
    shown, start, caret = _fit(
        escape(before), escape(marked), escape(after), max(_MIN_EXCERPT, width - _width(gutter))
    )
    return gutter, shown, start, caret


def _fit(before: str, marked: str, after: str, budget: int) -> tuple[str, int, int]:
    """Cut a line to `budget` cells around its marked part: some context on the left, the rest
    on the right, … where text is cut. Returns (text, caret start, caret width) in cells."""
    if _width(marked) > budget - (1 if before else 0):  # the span alone is wider: show its start
        before = "…" if before else ""
        marked, after = _head(marked, budget - _width(before)), ""
    else:
        room = budget - _width(marked)
        right = _head(after, room - min(_width(before), room // 3))
        before = _tail(before, room - _width(right))
        after = right
    caret = max(1, _width(marked))
    return before + marked + after, _width(before), caret


def _head(text: str, cells: int) -> str:
    """The start of `text` within `cells` cells, with … when cut."""
    if _width(text) <= cells:
        return text
    kept, used = [], 0
    for char in text:
        size = _width(char)
        if used + size > cells - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def _tail(text: str, cells: int) -> str:
    """The end of `text` within `cells` cells, with … when cut."""
    if _width(text) <= cells:
        return text
    kept: list[str] = []
    used = 0
    for char in reversed(text):
        size = _width(char)
        if used + size > cells - 1:
            break
        kept.append(char)
        used += size
    return "…" + "".join(reversed(kept))


def _chars_in(text: str, cells: int) -> int:
    """How many characters of `text` fill its first `cells` cells (to style the marked part)."""
    used = 0
    for index, char in enumerate(text):
        if used >= cells:
            return index
        used += _width(char)
    return len(text)


def _width(text: str) -> int:
    from rich.cells import cell_len

    return int(cell_len(text))


# -- statistics and summary ----------------------------------------------------------------------


def statistics(results: Sequence[LintResult]) -> list[tuple[str, str, int]]:
    counts: Counter[tuple[str, str]] = Counter(
        (d.rule_id, d.rule_name) for r in results for d in r.diagnostics
    )
    return sorted(((rule_id, name, n) for (rule_id, name), n in counts.items()), key=lambda x: (-x[2], x[0]))


def render_statistics(results: Sequence[LintResult], out: IO[str]) -> None:
    for rule_id, name, count in statistics(results):
        out.write(f"{count:>6}  {rule_id}  {name}\n")


def summary_line(results: Sequence[LintResult], seconds: float) -> str:
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    failed = sum(1 for r in results if r.failures)
    parts = [
        f"检查了 {len(results)} 个文件",
        f"错误 {counts[Severity.ERROR]}",
        f"警告 {counts[Severity.WARNING]}",
        f"提示 {counts[Severity.INFO]}",
    ]
    if failed:
        parts.append(f"{failed} 个文件未能检查")
    return "，".join(parts) + f"（用时 {seconds:.2f} 秒）"


# -- the parse model (giplint parse) ---------------------------------------------------------------


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def report_to_dict(report: Report, path: str) -> dict[str, Any]:
    """The documented data-extraction form of a report (docs/parse-json.md)."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "path": path,
        "encoding": report.encoding,
        "format": report.document.source_format,
        "title": report.title.text if report.title else None,
        "organ": report.organ,
        "year": report.year,
        "year_source": report.year_source or None,
        "layout": report.layout,
        "period": report.period.text if report.period else None,
        "sections": [
            {
                "number": s.number,
                "key": s.key,
                "heading": s.heading,
                "span": s.span.to_dict(),
                "end_line": last_line(s),
                "table": _table_dict(s.table) if s.table else None,
            }
            for s in report.sections
        ],
        "problems": [
            {"span": p.span.to_dict(), "found": p.found, "expected": p.expected} for p in report.problems
        ],
    }


def last_line(section: Section) -> int:
    """The last line of a section: its body ends just before the next heading (spans are end
    exclusive, so an end at column 1 belongs to the line before); never before the heading."""
    end = section.body_span
    last = end.end_line - 1 if end.end_column == 1 else end.end_line
    return max(section.span.line, last)


def _table_dict(table: Any) -> dict[str, Any]:
    return {
        "kind": table.kind,
        "layout": table.layout,
        "glued": table.glued,
        "span": table.span.to_dict(),
        "cells": [
            {
                "row": c.row,
                "column": c.column,
                "value": _number(c.value),
                "raw": c.raw,
                "status": c.status.value,
                "separated_by": c.separated_by or None,
                "span": c.span.to_dict(),
            }
            for c in table.cells
        ],
        "issues": [
            {
                "kind": i.kind.value,
                "row": i.row,
                "label": i.label,
                "found": i.found,
                "expected": i.expected,
                "span": i.span.to_dict(),
            }
            for i in table.issues
        ],
    }


_YEAR_SOURCES = {"title": "据标题", "period": "据统计期限", "text": "据正文"}
_ORGAN_SOURCES = {"title": "据标题", "organ-line": "据机关名称行", "signature": "据落款", "config": "据配置"}
_CELL_STATES = {
    "blank": "空白",
    "placeholder": "占位",
    "invalid": "无效",
    "missing": "缺",
    "unseparated": "粘连未分开",
}


def render_parse_text(report: Report, path: str, out: IO[str]) -> None:
    """`giplint parse` for people: encoding, sections with lines, tables with every value, each
    row and column under the Chinese label of the format (from layouts.py). Text from the report
    goes through `escape`, as in the full format."""
    for line in _parse_lines(report, path):
        out.write(escape(line) + "\n")


def _parse_lines(report: Report, path: str) -> Iterator[str]:
    yield path
    yield f"  编码 encoding: {report.encoding}  格式 format: {report.document.source_format}"
    yield f"  标题 title: {report.title.text if report.title else '（无）'}"
    source = _YEAR_SOURCES.get(report.year_source, report.year_source)
    identity = recognise(report)  # as pairing across years sees it (title, organ line, signature)
    organ = (
        f"{identity.organ}（{_ORGAN_SOURCES[identity.organ_source]}；配对用 {identity.key}）"
        if identity.organ
        else "（未识别）"
    )
    yield f"  机关 organ: {organ}  年度 year: {report.year or '（未识别）'}" + (
        f"（{source}）" if source else ""
    )
    yield f"  统计期限 period: {report.period.text if report.period else '（未写明）'}"
    yield f"  表格格式 layout: {report.layout}"
    for section in report.sections:
        yield f"  {section.heading}  [第{section.span.line}-{last_line(section)}行]"
        table = section.table
        if table is None:
            continue
        glued = "，单元格粘连" if table.glued else ""
        yield f"    表格 {table.title}（{table.layout}{glued}）"
        layout = layout_for(table.kind, table.layout) or layout_for(table.kind, "2021")
        for row in table.rows():
            spec = layout.row(row) if layout else None
            columns = {c.key: c.label for c in spec.columns} if spec else {}
            shown = "，".join(
                f"{columns.get(c.column, c.column)} {_cell_text(c)}" for c in table.row(row).values()
            )
            yield f"      {spec.label if spec else row}：{shown}"
        for issue in table.issues:
            subject = ": ".join(part for part in (issue.label, issue.found) if part)
            yield f"      ! {issue.kind}: {subject} (第{issue.span.line}行第{issue.span.column}列)"
    for problem in report.problems:
        yield f"  ! 无法识别 第{problem.span.line}行第{problem.span.column}列: {problem.found}"


def _cell_text(cell: Any) -> str:
    if cell.value is not None:
        return str(cell.value)
    state = _CELL_STATES.get(cell.status.value, cell.status.value)
    return f"（{state}：{cell.raw}）" if cell.raw.strip() else f"（{state}）"


# What each {field} of the rules' message templates stands for, for `giplint rules`: a reader
# sees 缺少“〈部分标题〉”部分, not 缺少“{section_title}”部分. A field a plugin's rule invents and
# this table does not know is shown as 〈…〉.
_FIELD_NAMES = {
    "actual": "填写的数",
    "cell": "单元格",
    "columns": "各列",
    "content": "所写内容",
    "count": "个数",
    "expected": "应有的内容",
    "found": "原文",
    "heading": "部分标题",
    "labels": "旧格式的栏目",
    "left_terms": "各项",
    "period": "统计期限",
    "problem": "问题",
    "quote": "正文原句",
    "raw": "所填内容",
    "right_terms": "各项",
    "row": "行",
    "section_title": "部分标题",
    "subject": "项目",
    "table": "表格",
    "table_value": "表格中的数",
    "text": "乱码",
    "what": "项目",
    "where": "行或列",
    "year": "年度",
}


def readable_template(template: str) -> str:
    """A message template with each {field} shown as a readable Chinese placeholder."""
    import string

    parts = []
    for literal, field_name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(literal)
        if field_name is not None:
            parts.append(f"〈{_FIELD_NAMES.get(field_name, '…')}〉")
    return "".join(parts)


def explain_text(rule: Rule[Any]) -> str:
    return (
        f"{rule.id} {rule.name}（默认级别：{rule.severity.chinese} {rule.severity.label}，检查类型 {rule.check}）\n\n"
        f"{rule.explain}\n"
    )
