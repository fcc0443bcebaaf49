"""``--format html``: one self-contained page per report, for an editor and a reviewer.

The page shows the report as giplint read it -- the six sections in order, each mandated table
as a real table in its layout (labels from giplint/layouts.py, never a copy) -- with every finding
marked where it is (the cell, the row, the heading, the sentence) and its message and 提示 beside
it; at the top a checklist read in ten seconds. It is one file: inline CSS, no script, no font
or image from anywhere, so it opens offline, is forwarded by mail or OA as it is, and prints on
A4 (``@media print``). Report text is hostile input: every character of it is escaped.
Where each finding is marked is html_places.py's, the checklist html_checklist.py's, the style
sheet and page shell html_page.py's; this module lays the page out and writes the index.

A page needs the parsed report. Linting builds a `ReportView` of it while the report is in
memory (giplint/lint.py ``view=``): a small tree of the text, the cells and their spans, so that
thousands of reports are never held at once and a report is parsed once. A result answered by
the result cache has no view; the report is then read again through the read path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from giplint import __version__, layouts
from giplint.diagnostics import Diagnostic, Severity
from giplint.model import CellStatus
from giplint.output.html_checklist import Check, checklist, checklist_html
from giplint.output.html_page import SEVERITY_CLASS, page
from giplint.output.html_places import Places, anchor, section_id
from giplint.output.html_tables import render_table, report_cell
from giplint.output.html_view import Paragraph, ReportView, TableView, cell_id, layout_name, text

if TYPE_CHECKING:
    from giplint.lint import LintResult

# -- the page -------------------------------------------------------------------------------------


class _Builder:
    """One page: the elements a finding can be marked at, then the findings placed, then HTML."""

    def __init__(self, view: ReportView, diagnostics: Sequence[Diagnostic]) -> None:
        self.view = view
        self.diagnostics = list(diagnostics)
        self.places = Places()
        self._collect()
        self.anchors: list[str] = []
        for number, diagnostic in enumerate(self.diagnostics, 1):
            element = anchor(view, self.places, diagnostic)
            self.anchors.append(element)
            self.places.at.setdefault(element, []).append(number)
        self._sentence = 0

    def _collect(self) -> None:
        add = self.places.elements.append
        if self.view.preamble_span is not None:
            add(("preamble", "preamble", self.view.preamble_span))
        counter = 0
        for section in self.view.sections:
            add((section_id(section.number), "heading", section.span))
            for paragraph in (*section.before, *section.after):
                for sentence in paragraph:
                    counter += 1
                    add((f"s{counter}", "sentence", sentence[1]))
            table = section.table
            if table is not None:
                add((f"tbl-{table.kind}", "table", table.span))
                for (row, column), cell in table.cells.items():
                    add((cell_id(table.kind, row, column), "cell", cell[2]))
                for row, span in table.rows.items():
                    add((f"row-{table.kind}-{row}", "row", span))

    # -- marks and notes --

    def _worst(self, numbers: Iterable[int]) -> str:
        worst = max(self.diagnostics[n - 1].severity for n in numbers)
        return SEVERITY_CLASS[worst]

    def mark(self, element: str) -> tuple[str, str]:
        """(class attribute addition, footnote links) for an element."""
        numbers = self.places.at.get(element)
        if not numbers:
            return "", ""
        links = '<sup class="fn">' + ",".join(f'<a href="#f{n}">{n}</a>' for n in numbers) + "</sup>"
        return f" hit {self._worst(numbers)}", links

    def cell(self, table: TableView, row: str, column: str) -> tuple[str, str, str]:
        return report_cell(table, self, row, column)

    def notes(self, elements: Iterable[str]) -> str:
        numbers = sorted(n for e in elements for n in self.places.at.get(e, []))
        if not numbers:
            return ""
        return '<ol class="notes">' + "".join(self.note(n) for n in numbers) + "</ol>\n"

    def note(self, number: int) -> str:
        d = self.diagnostics[number - 1]
        severity = SEVERITY_CLASS[d.severity]
        where = _where(d)
        hint = f'<div class="hint"><b>提示：</b>{text(d.hint)}</div>' if d.hint else ""
        return (
            f'<li class="note {severity}" id="f{number}" data-rule="{text(d.rule_id)}" '
            f'data-line="{d.span.line}" data-column="{d.span.column}" data-at="{text(self.anchors[number - 1])}">'
            f'<div class="head"><span class="no">{number}</span><span class="sev">{d.severity.chinese}</span>'
            f"{text(d.rule_id)} {text(d.rule_name)}{' · ' + text(where) if where else ''}</div>"
            f'<div class="msg">{text(d.message)}</div>{hint}</li>'
        )

    # -- the body --

    def paragraphs(self, paragraphs: Sequence[Paragraph]) -> str:
        out = []
        for paragraph in paragraphs:
            ids = []
            pieces = []
            for said, _ in paragraph:
                self._sentence += 1
                element = f"s{self._sentence}"
                classes, links = self.mark(element)
                if classes:
                    ids.append(element)
                    pieces.append(f'<mark id="{element}" class="{classes.strip()}">{text(said)}{links}</mark>')
                else:
                    pieces.append(text(said))
            out.append(f"<p>{''.join(pieces)}</p>\n")
            out.append(self.notes(ids))
        return "".join(out)

    def section(self, number: str) -> str:
        present = next((s for s in self.view.sections if s.number == number), None)
        element = section_id(number)
        classes, links = self.mark(element)
        spec = layouts.section(number)
        if present is None:
            title = f"{number}、{spec.title}" if spec else number
            return (
                f'<section><div id="{element}" class="missing{classes}">缺少“{text(title)}”部分{links}</div>\n'
                f"{self.notes([element])}</section>\n"
            )
        parts = [
            f'<section><h2 id="{element}" class="{classes.strip()}">{text(present.heading.strip())}{links}</h2>\n',
            self.notes([element]),
            self.paragraphs(present.before),
        ]
        if present.table is not None:
            parts.append(self.table(present.table))
        parts.append(self.paragraphs(present.after))
        parts.append("</section>\n")
        return "".join(parts)

    def extra_sections(self) -> str:
        """Sections the report has twice or out of the mandated set: shown after, so no text
        giplint read is hidden (the first of each number is shown in its place)."""
        seen: set[str] = set()
        out = []
        for section in self.view.sections:
            if section.number in seen:
                out.append(f"<section><h2>{text(section.heading.strip())}</h2>\n")
                out.append(self.paragraphs(section.before))
                out.append(self.paragraphs(section.after))
                out.append("</section>\n")
            seen.add(section.number)
        return "".join(out)

    def table(self, table: TableView) -> str:
        body = render_table(table, self)
        elements = [f"tbl-{table.kind}"]
        elements += [cell_id(table.kind, r, c) for r, c in table.cells]
        elements += [f"row-{table.kind}-{r}" for r in table.rows]
        spec = layouts.layout_for(table.kind, table.layout) or layouts.layout_for(table.kind, "2021")
        if spec is not None:  # ids a structured location names even where the report has no cell
            elements += [f"row-{table.kind}-{row.key}" for row in spec.rows if row.key not in table.rows]
            elements += [
                cell_id(table.kind, row.key, c.key)
                for row in spec.rows
                for c in row.columns
                if (row.key, c.key) not in table.cells
            ]
        return body + self.notes(dict.fromkeys(elements))

def _where(d: Diagnostic) -> str:
    """The finding's place for an editor (表三 “…” 行 “…” 列, 第三部分) and its position in the file."""
    position = d.location or (f"第{d.page}页" if d.page else f"第{d.span.line}行第{d.span.column}列")
    place = d.place()
    return f"{place} · {position}" if place else position

def render_page(
    view: ReportView,
    diagnostics: Sequence[Diagnostic],
    failures: Sequence[str] = (),
    cross_checked: bool = False,
    display_path: str | None = None,
    index: str | None = None,
) -> str:
    """The page of one report: header, checklist, the report with its findings in place."""
    builder = _Builder(view, diagnostics)
    path = display_path or view.path
    heading = view.title or PurePath(path).name
    meta = [path]
    if view.organ:
        meta.append(f"机关：{view.organ}")
    if view.year:
        meta.append(f"{view.year}年度")
    named = layout_name(view.layout, view.year) if view.layout in ("2021", "2019", "mixed") else ""
    meta.append(f"表格：{named}" if named else "表格格式未识别")
    parts = []
    if index:
        parts.append(f'<p class="meta"><a href="{text(index)}">← 全部报告</a></p>\n')
    classes, links = builder.mark("report")
    parts.append(f'<h1 id="report" class="{classes.strip()}">{text(heading)}{links}</h1>\n')
    parts.append(f'<p class="meta">{" · ".join(text(m) for m in meta)}</p>\n')
    parts.append(checklist_html(checklist(view, diagnostics, cross_checked), diagnostics))
    parts.extend(f'<div class="failure">{text(f)}</div>\n' for f in failures)
    parts.append(builder.notes(["report"]))
    if view.preamble:
        classes, links = builder.mark("preamble")
        shown = [text(line) for line in view.preamble]
        shown[-1] += links  # the marks at the end of its text, not on a line of their own
        lines = "".join(f"<p>{line}</p>" for line in shown)
        parts.append(f'<div id="preamble" class="preamble{classes}">{lines}</div>\n')
        parts.append(builder.notes(["preamble"]))
    for spec in layouts.SECTIONS:
        parts.append(builder.section(spec.number))
    parts.append(builder.extra_sections())
    parts.append(
        f"<footer>由 giplint {text(__version__)} 生成。本页为离线文件，可直接转发或在浏览器中打印为 PDF（A4）。</footer>\n"
    )
    return page(f"{heading} — giplint 检查结果", "".join(parts))


# -- a folder run: the index ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexEntry:
    href: str
    path: str
    organ: str | None
    year: int | None
    counts: tuple[int, int, int]  # errors, warnings, infos
    checks: tuple[Check, ...]
    failed: bool


def entry(href: str, path: str, view: ReportView | None, result: LintResult, cross_checked: bool) -> IndexEntry:
    counts = tuple(sum(1 for d in result.diagnostics if d.severity is s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    checks = tuple(checklist(view, result.diagnostics, cross_checked)) if view is not None else ()
    return IndexEntry(href, path, view.organ if view else None, view.year if view else None, counts, checks, bool(result.failures))  # type: ignore[arg-type]


def render_index(entries: Sequence[IndexEntry]) -> str:
    head = "<tr><th>报告</th><th>机关</th><th>年度</th><th>错误</th><th>警告</th><th>提示</th><th>未通过的检查</th></tr>"
    rows = []
    for e in entries:
        failed = [c.label for c in e.checks if c.ok is False]
        verdict = (
            '<span class="no">未能读取</span>'
            if e.failed and not e.checks
            else (f'<span class="no">✗</span> {text("、".join(failed))}' if failed else '<span class="yes">✓ 全部通过</span>')
        )
        link = f'<a href="{text(e.href)}">{text(e.path)}</a>' if e.href else text(e.path)
        rows.append(
            f'<tr><td>{link}</td><td>{text(e.organ or "")}</td><td class="n">{e.year or ""}</td>'
            + "".join(f'<td class="n">{n}</td>' for n in e.counts)
            + f"<td>{verdict}</td></tr>"
        )
    totals = [sum(e.counts[i] for e in entries) for i in range(3)]
    body = (
        f"<h1>giplint 检查结果：{len(entries)} 份报告</h1>\n"
        f'<p class="meta">错误 {totals[0]} · 警告 {totals[1]} · 提示 {totals[2]}</p>\n'
        f'<table class="index"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>\n'
        f"<footer>由 giplint {text(__version__)} 生成。</footer>\n"
    )
    return page("giplint 检查结果", body)


def status_of(value: str) -> CellStatus:
    return CellStatus(value)
