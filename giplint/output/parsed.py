"""The report as giplint read it (``giplint parse``): the documented json (docs/parse-json.md)
and the text for people, each row and column under the format's Chinese label."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from giplint.layouts import layout_for, layout_name
from giplint.model import IssueKind
from giplint.output.cells import escape
from giplint.years.organ import recognise

if TYPE_CHECKING:
    from giplint.model import Report, Section

JSON_SCHEMA_VERSION = 1


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


_ISSUE_KINDS = {
    IssueKind.MISSING_TABLE: "缺少表格",
    IssueKind.MISSING_ROW: "缺少行",
    IssueKind.MISSING_LABEL: "缺少栏目",
    IssueKind.MISSING_VALUE: "缺少数字",
    IssueKind.EXTRA_VALUE: "多出数字",
    IssueKind.DUPLICATE_ROW: "重复的行",
    IssueKind.UNRECOGNISED: "未能识别",
    IssueKind.UNSEPARATED: "粘连数字无法分开",
    IssueKind.LABEL_WORDING: "行名称有误",
    IssueKind.VALUE_NOTE: "数字带单位或注释",
    IssueKind.UNREADABLE: "表格大部分未能读取",
}


def render_parse_text(report: Report, path: str, out: IO[str]) -> None:
    """`giplint parse` for people: encoding, sections with lines, tables with every value, each
    row and column under the Chinese label of the format (from layouts.py). Text from the report
    goes through `escape`, as in the full format."""
    for line in _parse_lines(report, path):
        out.write(escape(line) + "\n")


def _parse_lines(report: Report, path: str) -> Iterator[str]:
    yield path
    source_format = report.document.source_format
    yield f"  编码：{report.encoding}  文件格式：{'文本' if source_format == 'text' else source_format}"
    yield f"  标题：{report.title.text if report.title else '（无）'}"
    source = _YEAR_SOURCES.get(report.year_source, report.year_source)
    identity = recognise(report)  # as pairing across years sees it (title, organ line, signature)
    organ = (
        f"{identity.organ}（{_ORGAN_SOURCES[identity.organ_source]}；配对用 {identity.key}）"
        if identity.organ
        else "（未识别）"
    )
    yield f"  机关：{organ}  年度：{report.year or '（未识别）'}" + (
        f"（{source}）" if source else ""
    )
    yield f"  统计期限：{report.period.text if report.period else '（未写明）'}"
    yield f"  表格格式：{layout_name(report.layout)}"
    for section in report.sections:
        yield f"  {section.heading}  [第{section.span.line}-{last_line(section)}行]"
        table = section.table
        if table is None:
            continue
        glued = "，单元格粘连" if table.glued else ""
        yield f"    表格 {table.title}（{layout_name(table.layout)}{glued}）"
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
            what = _ISSUE_KINDS.get(issue.kind, issue.kind)
            yield f"      ! {what}：{subject}（第{issue.span.line}行第{issue.span.column}列）"
    for problem in report.problems:
        yield f"  ! 无法识别 第{problem.span.line}行第{problem.span.column}列：{problem.found}"


def _cell_text(cell: Any) -> str:
    if cell.value is not None:
        return str(cell.value)
    state = _CELL_STATES.get(cell.status.value, cell.status.value)
    return f"（{state}：{cell.raw}）" if cell.raw.strip() else f"（{state}）"
