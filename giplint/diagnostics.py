"""Findings about a report (`Diagnostic`) and failures of giplint itself (`Failure`).

They are different types on purpose: a crashed plugin must never look like a defect in the report,
and a defect in the report must never stop the other rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache

from giplint.span import Span


@cache
def _section_order() -> str:
    """The sections in the report's order (giplint/layouts.py), looked up when findings are first
    sorted: rendering results the cache answered must not import the layouts."""
    from giplint.layouts import SECTION_ORDER

    return SECTION_ORDER


class Severity(IntEnum):
    """Ordered, so `--fail-on warning` is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def chinese(self) -> str:
        return {1: "提示", 2: "警告", 3: "错误"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding in one report. Sorts by file, then position, then rule."""

    path: str
    span: Span
    rule_id: str
    rule_name: str
    severity: Severity
    message: str  # Chinese, filled in from the rule's template
    section: str = ""  # the section it concerns ("三"), or "" for the whole report
    location: str = ""  # a logical location for formats without lines ("第12段")
    hint: str = field(default="", compare=False)
    page: int = field(default=0, compare=False)  # the page (PDF; Word when it states its pages), else 0
    # Where in a mandated table, for an editor (the words of the format, not the report's):
    table: str = field(default="", compare=False)  # the table's section number ("三"), or ""
    row: str = field(default="", compare=False)  # the row's canonical label ("（七）总计")
    column: str = field(default="", compare=False)  # the column's canonical label ("自然人")

    def sort_key(self) -> tuple[str, Span, int, str, str]:
        """Output order: file, position, then section in the report's order (一…六), then rule."""
        return (self.path, self.span, _section_order().find(self.section), self.rule_id, self.message)

    def place(self) -> str:
        """Where an editor finds it: 表三 “（七）总计” 行 “自然人” 列 for a table finding, 第三部分
        for one in a section's text, 标题及开头 for one before the first section or about the
        whole report (a missing title, the report's format)."""
        if self.table:
            parts = [f"表{self.table}"]
            if self.row:
                parts.append(f"“{self.row}” 行")
            if self.column:
                parts.append(f"“{self.column}” 列")
            return " ".join(parts)
        return f"第{self.section}部分" if self.section else "标题及开头"

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule_id,
            "name": self.rule_name,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "section": self.section,
            "location": self.location,
            "hint": self.hint,
            "page": self.page,
            "table": self.table,
            "row_label": self.row,
            "column_label": self.column,
            "place": self.place(),
        }


@dataclass(frozen=True, slots=True)
class Failure:
    """giplint or a plugin broke, or an input could not be read: not a finding about a report.

    `message` is the Chinese line shown to the user, naming the file and what to do.
    """

    path: str
    message: str
    rule_id: str = ""
    plugin: str = ""
    kind: str = "input"  # input | check | plugin | config
