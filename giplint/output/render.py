"""Output: diagnostics for people (rich) and for machines (concise, json, sarif, github).

Renderers take results and rules and compute nothing the checks did not. rich is imported only
by the `full` format; machine formats are plain functions over the same data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from giplint.diagnostics import Diagnostic, Severity
from giplint.output.cells import chars_in as _chars_in
from giplint.output.cells import escape
from giplint.output.cells import fit as _fit
from giplint.output.cells import width as _width

if TYPE_CHECKING:
    from giplint.lint import LintResult
    from giplint.output.parsed import JSON_SCHEMA_VERSION, last_line, render_parse_text, report_to_dict
    from giplint.output.rules_text import explain_text, readable_template

__all__ = [  # the parse and rules texts moved to parsed.py and rules_text.py; their old home here
    "JSON_SCHEMA_VERSION",
    "escape",
    "explain_text",
    "last_line",
    "readable_template",
    "render_parse_text",
    "report_to_dict",
]
_MOVED = {"explain_text": "rules_text", "readable_template": "rules_text"}


def __getattr__(name: str) -> Any:
    """The names that moved to parsed.py and rules_text.py, imported from there when first asked
    for here: rendering findings (a run the result cache answered) must not import the model."""
    if name not in __all__ or name in ("escape",):
        raise AttributeError(f"module 'giplint.output.render' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"giplint.output.{_MOVED.get(name, 'parsed')}"), name)
    globals()[name] = value
    return value


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


def make_console(
    out: IO[str], color: bool | None = None, width: int | None = None, wrap: bool = False
) -> Any:
    """A rich Console on `out`: colour only on a terminal, never under NO_COLOR (rich checks it);
    `width` cells wide when given, else the terminal's (COLUMNS, or 80 for a file); with `wrap`,
    text is wrapped at that width between words (else a line is as long as it is).

    rich's own broken-pipe handler exits 1 (which means "findings" to CI) and redirects the
    process's stdout even when writing elsewhere: the console raises instead, and cli.main
    turns that into its quiet exit 141, for every command that prints with rich."""
    from rich.console import Console
    from rich.theme import Theme

    console = Console(
        file=out,
        theme=Theme(_STYLES),
        highlight=False,
        soft_wrap=not wrap,
        no_color=None if color is None else not color,
        force_terminal=color if color else None,
        width=width,
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
            console.print(
                Text.assemble("    ", escape(place + ("" if other.table else _difference(diagnostic, other))))
            )
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
