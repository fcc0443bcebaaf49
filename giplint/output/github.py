"""GitHub Actions workflow commands (``--format github``): findings as annotations on a run.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the rest
silently, so an editor would believe a report with 40 findings has 10. We print no more than
GitHub shows and end with one notice counting what was left out, pointing to SARIF (code
scanning has no such limit).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from giplint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from giplint.lint import LintResult

LIMIT = 10  # annotations of one level GitHub shows per step

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@dataclass(frozen=True)
class Annotation:
    """One workflow command before escaping: its level, properties in order, and message."""

    level: str  # error | warning | notice
    properties: tuple[tuple[str, str], ...]
    message: str

    def command(self) -> str:
        props = ",".join(f"{key}={escape_property(value)}" for key, value in self.properties)
        return (
            f"::{self.level} {props}::{escape_data(self.message)}"
            if props
            else f"::{self.level}::{escape_data(self.message)}"
        )


def escape_data(text: str) -> str:
    """Escape a message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[LintResult], out: IO[str]) -> None:
    """Annotations in input order (files as given, findings by position), capped per level."""
    annotations = list(_annotations(results))
    shown, hidden = _cap(annotations)
    for annotation in shown:
        out.write(annotation.command() + "\n")
    if hidden:
        out.write(Annotation("notice", (), omitted_message(hidden)).command() + "\n")


def _annotations(results: Sequence[LintResult]) -> Iterator[Annotation]:
    for result in results:
        for failure in result.failures:
            title = f"giplint {failure.rule_id}".strip() if failure.rule_id else "giplint"
            yield Annotation("error", (("file", failure.path), ("title", title)), failure.message)
        for diagnostic in sorted(result.diagnostics, key=_position):
            yield annotation_for(diagnostic, result.path)


def _position(diagnostic: Diagnostic) -> tuple[int, int, int, int, str]:
    span = diagnostic.span
    return (span.line, span.column, span.end_line, span.end_column, diagnostic.rule_id)


def annotation_for(diagnostic: Diagnostic, path: str) -> Annotation:
    """One finding as an annotation.

    GitHub accepts ``col``/``endColumn`` only when the annotation is on one line; its
    ``endColumn`` is inclusive where giplint's spans end after the last character.
    """
    span = diagnostic.span
    line = max(1, span.line)
    end_line = max(line, span.end_line)
    props: list[tuple[str, str]] = [("file", path), ("line", str(line))]
    if end_line == line:
        column = max(1, span.column)
        props += [
            ("col", str(column)),
            ("endLine", str(end_line)),
            ("endColumn", str(max(column, span.end_column - 1))),
        ]
    else:
        props.append(("endLine", str(end_line)))
    props.append(("title", f"{diagnostic.rule_id} {diagnostic.rule_name}"))
    message = diagnostic.message
    if diagnostic.location:  # a Word document: the line number alone does not help an editor
        message = f"{diagnostic.location}：{message}"
    if diagnostic.hint:
        message += f"\n提示：{diagnostic.hint}"
    return Annotation(_COMMANDS[diagnostic.severity], tuple(props), message)


def _cap(annotations: list[Annotation]) -> tuple[list[Annotation], Counter[str]]:
    """What GitHub will show, and how many of each level were left out.

    When something is left out, the closing count is itself a notice, so one notice fewer is
    printed: otherwise GitHub would drop the count.
    """
    levels = Counter(a.level for a in annotations)
    overflow = any(n > LIMIT for n in levels.values())
    limits = {"error": LIMIT, "warning": LIMIT, "notice": LIMIT - 1 if overflow else LIMIT}
    shown: list[Annotation] = []
    used: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for annotation in annotations:
        if used[annotation.level] < limits[annotation.level]:
            used[annotation.level] += 1
            shown.append(annotation)
        else:
            hidden[annotation.level] += 1
    return shown, hidden


def omitted_message(hidden: Counter[str]) -> str:
    parts = [
        f"{label} {hidden[level]} 条"
        for level, label in (("error", "错误"), ("warning", "警告"), ("notice", "提示"))
        if hidden[level]
    ]
    return (
        f"另有 {sum(hidden.values())} 条问题未显示（{'、'.join(parts)}；GitHub 每步最多显示 {LIMIT} 条错误、"
        f"{LIMIT} 条警告和 {LIMIT} 条提示），完整结果请用 --format sarif 上传到代码扫描。"
    )
