"""Output: diagnostics for people (rich) and for machines (concise, json, sarif, github).

Renderers take results and rules and compute nothing the checks did not. rich is imported only
by the `full` format; machine formats are plain functions over the same data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from giplint.diagnostics import Diagnostic, Severity
from giplint.layouts import layout_for

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.lint import LintResult
    from giplint.model import Report, Section

JSON_SCHEMA_VERSION = 1


# -- concise -------------------------------------------------------------------------------------


def concise_line(diagnostic: Diagnostic, path: str) -> str:
    where = f" {diagnostic.location}" if diagnostic.location else ""
    return (
        f"{path}:{diagnostic.span.line}:{diagnostic.span.column}:{where} {diagnostic.rule_id} "
        f"[{diagnostic.severity.label}] {diagnostic.rule_name} {diagnostic.message}"
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
}
_EXCERPT_WIDTH = 60


def make_console(out: IO[str], color: bool | None = None) -> Any:
    """A rich Console on `out`: colour only on a terminal, never under NO_COLOR (rich checks it)."""
    from rich.console import Console
    from rich.theme import Theme

    return Console(
        file=out,
        theme=Theme(_STYLES),
        highlight=False,
        soft_wrap=True,
        no_color=None if color is None else not color,
        force_terminal=color if color else None,
    )


def render_full(results: Sequence[LintResult], console: Any, paths: dict[str, str]) -> None:
    from rich.text import Text

    for result in results:
        path = paths.get(result.path, result.path)
        for diagnostic in result.diagnostics:
            _render_one(console, Text, diagnostic, path, result.lines)


def _render_one(
    console: Any, text_type: Any, diagnostic: Diagnostic, path: str, lines: dict[int, str]
) -> None:
    severity = diagnostic.severity
    style = f"giplint.{severity.label}"
    # Word has no lines: the editor finds a finding by paragraph or table cell, not line:column
    where = (
        f"{path} {diagnostic.location}"
        if diagnostic.location
        else f"{path}:{diagnostic.span.line}:{diagnostic.span.column}"
    )
    console.print(
        text_type.assemble(
            (where, "giplint.path"),
            " ",
            (f"{severity.chinese}({severity.label})", style),
            " ",
            (f"{diagnostic.rule_id} {diagnostic.rule_name}", "giplint.rule"),
        )
    )
    console.print(text_type.assemble("  ", diagnostic.message))
    if lines:
        excerpt = _excerpt(lines, diagnostic)
        if excerpt is not None:
            gutter, line, start, end = excerpt
            source = text_type.assemble((gutter, "giplint.gutter"), line)
            source.stylize("giplint.span", len(gutter) + start, len(gutter) + end)
            console.print(source)
            console.print(
                text_type.assemble(
                    " " * (len(gutter) + _width(line[:start])), ("^" * max(1, _width(line[start:end])), style)
                )
            )
    if diagnostic.hint:
        console.print(text_type.assemble("  ", ("提示：", "giplint.hint"), diagnostic.hint))
    console.print()


def _excerpt(lines: dict[int, str], diagnostic: Diagnostic) -> tuple[str, str, int, int] | None:
    """The source line under a diagnostic, cut to a window around the span on a long line.

    Columns are 1-based code points; this is the only place they become 0-based offsets.
    """
    number = diagnostic.span.line
    if number not in lines:
        return None
    line = lines[number]
    start = min(diagnostic.span.column - 1, len(line))
    end = diagnostic.span.end_column - 1 if diagnostic.span.end_line == number else len(line)
    end = max(start + 1, min(end, len(line), start + _EXCERPT_WIDTH))
    left = max(0, start - 20)
    right = min(len(line), max(end, left + _EXCERPT_WIDTH))
    window = line[left:right]
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    gutter = f" {number:>5} │ "
    return gutter, prefix + window + suffix, start - left + len(prefix), end - left + len(prefix)


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
            {"kind": i.kind, "subject": i.subject, "expected": i.expected, "span": i.span.to_dict()}
            for i in table.issues
        ],
    }


_YEAR_SOURCES = {"title": "据标题", "period": "据统计期限", "text": "据正文"}
_CELL_STATES = {
    "blank": "空白",
    "placeholder": "占位",
    "invalid": "无效",
    "missing": "缺",
    "unseparated": "粘连未分开",
}


def render_parse_text(report: Report, path: str, out: IO[str]) -> None:
    """`giplint parse` for people: encoding, sections with lines, tables with every value, each
    row and column under the Chinese label of the format (from layouts.py)."""
    out.write(f"{path}\n  编码 encoding: {report.encoding}  格式 format: {report.document.source_format}\n")
    out.write(f"  标题 title: {report.title.text if report.title else '（无）'}\n")
    out.write(f"  机关 organ: {report.organ or '（未识别）'}  年度 year: {report.year or '（未识别）'}")
    source = _YEAR_SOURCES.get(report.year_source, report.year_source)
    out.write(f"（{source}）\n" if source else "\n")
    out.write(f"  统计期限 period: {report.period.text if report.period else '（未写明）'}\n")
    out.write(f"  表格格式 layout: {report.layout}\n")
    for section in report.sections:
        out.write(f"  {section.heading}  [第{section.span.line}-{last_line(section)}行]\n")
        table = section.table
        if table is None:
            continue
        glued = "，单元格粘连" if table.glued else ""
        out.write(f"    表格 {table.title}（{table.layout}{glued}）\n")
        layout = layout_for(table.kind, table.layout) or layout_for(table.kind, "2021")
        for row in table.rows():
            spec = layout.row(row) if layout else None
            columns = {c.key: c.label for c in spec.columns} if spec else {}
            shown = "，".join(
                f"{columns.get(c.column, c.column)} {_cell_text(c)}" for c in table.row(row).values()
            )
            out.write(f"      {spec.label if spec else row}：{shown}\n")
        for issue in table.issues:
            out.write(
                f"      ! {issue.kind}: {issue.subject} (第{issue.span.line}行第{issue.span.column}列)\n"
            )
    for problem in report.problems:
        out.write(f"  ! 无法识别 第{problem.span.line}行第{problem.span.column}列: {problem.found}\n")


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


def explain_text(rule: Rule) -> str:
    return (
        f"{rule.id} {rule.name}（默认级别：{rule.severity.chinese} {rule.severity.label}，检查类型 {rule.check}）\n\n"
        f"{rule.explain}\n"
    )
