"""``--format html``: one self-contained page per report, for an editor and a reviewer.

The page shows the report as giplint read it -- the six sections in order, each mandated table
as a real table in its layout (labels from giplint/layouts.py, never a copy) -- with every finding
marked where it is (the cell, the row, the heading, the sentence) and its message and 提示 beside
it; at the top a checklist read in ten seconds. It is one file: inline CSS, no script, no font
or image from anywhere, so it opens offline, is forwarded by mail or OA as it is, and prints on
A4 (``@media print``). Report text is hostile input: every character of it is escaped.

A page needs the parsed report. Linting builds a `ReportView` of it while the report is in
memory (giplint/lint.py ``view=``): a small tree of the text, the cells and their spans, so that
thousands of reports are never held at once and a report is parsed once. A result answered by
the result cache has no view; the report is then read again through the read path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from giplint import __version__, layouts
from giplint.diagnostics import Diagnostic, Severity
from giplint.model import MANDATED_TABLES, CellStatus
from giplint.output.html_view import Paragraph, ReportView, TableView, cell_id, text
from giplint.span import Span

if TYPE_CHECKING:
    from giplint.lint import LintResult

# -- where a finding is shown ---------------------------------------------------------------------

_KIND_ORDER = ("cell", "row", "sentence", "heading", "table", "preamble")


@dataclass
class Places:
    """Every element of a page a finding can be marked at: id -> (kind, span), and the findings
    each one holds."""

    elements: list[tuple[str, str, Span]] = field(default_factory=list)
    at: dict[str, list[int]] = field(default_factory=dict)  # element id -> finding numbers


def _contains(span: Span, line: int, column: int) -> bool:
    start = (span.line, span.column)
    return start == (line, column) or start <= (line, column) < (span.end_line, span.end_column)


def section_id(number: str) -> str:
    return f"sec-{layouts.SECTION_ORDER.find(number) + 1}"


def _same(label: str, canonical: str) -> bool:
    """Whether a finding's label names a layout's label: full- or half-width brackets, spaces."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", label)) == re.sub(
        r"\s", "", unicodedata.normalize("NFKC", layouts.form_label(canonical))
    )  # form_label: the form's “quotes”, which NFKC keeps


def _structured(view: ReportView, diagnostic: Diagnostic) -> str | None:
    """The element named by a finding's table/row/column fields, when it has them."""
    table_number = getattr(diagnostic, "table", "")
    if not table_number:
        return None
    section = next((s for s in view.sections if s.number == table_number and s.table), None)
    if section is None or section.table is None:
        return None
    table = section.table
    spec = layouts.layout_for(table.kind, table.layout) or layouts.layout_for(table.kind, "2021")
    if spec is None:
        return f"tbl-{table.kind}"
    wanted_row = getattr(diagnostic, "row", "")
    wanted_column = getattr(diagnostic, "column", "")
    row = next((r for r in spec.rows if _same(wanted_row, r.label)), None) if wanted_row else None
    if row is None:
        return f"tbl-{table.kind}"
    column = next((c for c in row.columns if _same(wanted_column, c.label)), None) if wanted_column else None
    if column is None:
        return f"row-{table.kind}-{row.key}"
    return cell_id(table.kind, row.key, column.key)


def anchor(view: ReportView, places: Places, diagnostic: Diagnostic) -> str:
    """The id of the element a finding is marked at: its cell (by the finding's table, row and
    column when it names them, else by position), row, sentence or heading; a section the
    report lacks is marked at the place it should have; what has no place is the report's."""
    named = _structured(view, diagnostic)
    present = {s.number for s in view.sections}
    if named is not None:
        return named
    if diagnostic.section and diagnostic.section not in present:
        return section_id(diagnostic.section)
    line, column = diagnostic.span.line, diagnostic.span.column
    best: tuple[int, int, str] | None = None
    # a finding about the whole report (no section) is never a heading's or a table's
    kinds = _KIND_ORDER if diagnostic.section else ("cell", "row", "sentence", "preamble")
    for element, kind, span in places.elements:
        if kind not in kinds or not _contains(span, line, column):
            continue
        size = (span.end_line - span.line) * 10_000 + (span.end_column - span.column)
        candidate = (_KIND_ORDER.index(kind), size, element)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is not None:
        return best[2]
    if diagnostic.section:
        return section_id(diagnostic.section)
    return "report"


# -- the checklist --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    key: str  # sections | format | identity-<table> | other-matters | previous
    label: str
    ok: bool | None  # None: not checked (no such table)
    findings: tuple[int, ...]  # numbers of the findings that make it ✗


def _family(diagnostic: Diagnostic) -> str:
    """The rule family: the hundreds digit of the id (GIP1xx structure, 2xx tables, 3xx sums,
    4xx content, 5xx years; see the first line of each rules/*.yaml)."""
    digits = re.sub(r"\D", "", diagnostic.rule_id)
    return digits[0] if len(digits) == 3 else ""


def checklist(view: ReportView, diagnostics: Sequence[Diagnostic], cross_checked: bool) -> list[Check]:
    """What the top of the page says, from the findings alone: a check fails when a finding of
    its family (or its section) is there; 勾稽关系 of a table the report lacks is not checked."""
    numbered = list(enumerate(diagnostics, 1))
    # a 提示 (info) is shown beside its check but does not fail it: it is advice, not a defect

    def numbers(test: Callable[[Diagnostic], bool]) -> tuple[int, ...]:
        return tuple(n for n, d in numbered if test(d))

    def made(key: str, label: str, found: tuple[int, ...], applies: bool = True) -> Check:
        failing = tuple(n for n in found if diagnostics[n - 1].severity >= Severity.WARNING)
        ok = (not failing) if applies or found else None
        return Check(key, label, ok, found)

    tables = {s.number for s in view.sections if s.table is not None}
    checks = [
        made("sections", "六个部分", numbers(lambda d: _family(d) == "1")),
        made("format", "表格格式（2021）", numbers(lambda d: _family(d) == "2")),
    ]
    for kind in MANDATED_TABLES:
        found = numbers(lambda d, n=kind.section: _family(d) == "3" and d.section == n)  # type: ignore[misc]
        checks.append(made(f"identity-{kind.kind}", f"勾稽关系 {kind.section}、{kind.title}", found, kind.section in tables))
    other = layouts.section("六")
    checks.append(made("other-matters", other.title if other else "六", numbers(lambda d: d.section == "六")))
    if cross_checked:
        checks.append(made("previous", "与上年衔接", numbers(lambda d: _family(d) == "5")))
    return checks


# -- the page -------------------------------------------------------------------------------------

CSS = """
:root{--err:#b3261e;--err-bg:#fde7e4;--warn:#8a5a00;--warn-bg:#fff3cd;--info:#1f5f8b;--info-bg:#e3f0fa;
--ok:#1e7b34;--line:#b9b9b9;--muted:#666}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:15px/1.7 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:#1b1b1b;background:#f4f4f2}
main{max-width:1100px;margin:0 auto;background:#fff;padding:28px 36px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:22px;margin:0 0 4px;line-height:1.4}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #333}
.meta{color:var(--muted);font-size:13px;margin:0 0 16px;word-break:break-all;text-indent:0}
.summary{display:flex;flex-wrap:wrap;gap:8px 28px;border:1px solid var(--line);border-radius:6px;padding:12px 18px;margin:8px 0 18px;background:#fafafa}
.checks{list-style:none;margin:0;padding:0;flex:1 1 480px;columns:2 260px;column-gap:24px}
.checks li{break-inside:avoid;padding:2px 0}
.checks .mark{display:inline-block;width:1.4em;font-weight:bold}
.checks .pass .mark{color:var(--ok)} .checks .fail .mark{color:var(--err)} .checks .na .mark{color:var(--muted)}
.checks .fail a{color:var(--err)}
.counts{flex:0 0 auto;display:flex;gap:10px;align-items:flex-start}
.count{min-width:64px;text-align:center;border-radius:6px;padding:4px 10px;font-size:13px}
.count b{display:block;font-size:22px;line-height:1.2}
.count.error{background:var(--err-bg);color:var(--err)} .count.warning{background:var(--warn-bg);color:var(--warn)}
.count.info{background:var(--info-bg);color:var(--info)}
.failure{border-left:4px solid var(--err);background:var(--err-bg);padding:6px 12px;margin:8px 0}
p{margin:6px 0;text-indent:2em}
.preamble p{text-indent:0;text-align:center}
.missing{border:2px dashed var(--err);color:var(--err);padding:8px 12px;border-radius:4px}
table.form{border-collapse:collapse;width:100%;margin:10px 0;font-size:13px;line-height:1.45}
table.form caption{caption-side:top;font-weight:bold;font-size:15px;padding:4px 0;text-align:center}
table.form th,table.form td{border:1px solid #555;padding:3px 6px}
table.form th{background:#f1f1ee;font-weight:normal;text-align:left}
table.form th.head{text-align:center;font-weight:bold}
table.form th.short{white-space:nowrap}
table.form td{text-align:center;min-width:3.2em;font-variant-numeric:tabular-nums}
td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f0f0f0 4px,#f0f0f0 8px)}
td.absent{color:var(--muted)}
.hit{outline:2px solid var(--err);outline-offset:-2px} .hit.warning{outline-color:#d39e00} .hit.info{outline-color:var(--info)}
td.hit.error,th.hit.error{background:var(--err-bg)} td.hit.warning,th.hit.warning{background:var(--warn-bg);outline-color:#d39e00}
td.hit.info,th.hit.info{background:var(--info-bg);outline-color:var(--info)}
mark.hit{outline:none;border-bottom:2px solid var(--err);background:var(--err-bg);color:inherit}
mark.hit.warning{background:var(--warn-bg);border-color:#d39e00} mark.hit.info{background:var(--info-bg);border-color:var(--info)}
h2.hit,h1.hit,div.hit{outline:none;border-left:5px solid var(--err);padding-left:8px}
h2.hit.warning,div.hit.warning{border-left-color:#d39e00} h2.hit.info,div.hit.info{border-left-color:var(--info)}
sup.fn{font-size:11px;margin-left:1px} sup.fn a{color:var(--err);text-decoration:none;font-weight:bold}
ol.notes{list-style:none;margin:6px 0 14px;padding:0}
.note{border-left:4px solid var(--err);background:#fffafa;margin:6px 0;padding:6px 12px;font-size:14px;text-indent:0;break-inside:avoid}
.note.warning{border-left-color:#d39e00;background:#fffdf5} .note.info{border-left-color:var(--info);background:#f7fbff}
.note .head{font-size:13px;color:var(--muted)}
.note .no{display:inline-block;min-width:1.6em;font-weight:bold;color:#1b1b1b}
.note .sev{font-weight:bold;margin-right:6px} .note.error .sev{color:var(--err)} .note.warning .sev{color:var(--warn)} .note.info .sev{color:var(--info)}
.note .hint{color:#245c2c} .note .hint b{font-weight:bold}
footer{margin-top:28px;color:var(--muted);font-size:12px}
table.index{border-collapse:collapse;width:100%;font-size:14px} table.index th,table.index td{border:1px solid var(--line);padding:4px 8px}
table.index th{background:#f1f1ee} table.index td.n{text-align:right;font-variant-numeric:tabular-nums}
.yes{color:var(--ok);font-weight:bold} .no{color:var(--err);font-weight:bold}
@page{size:A4;margin:14mm 12mm}
@media print{body{background:#fff;padding:0;font-size:11pt}main{box-shadow:none;max-width:none;padding:0}
a{color:inherit;text-decoration:none}h2{break-after:avoid}table.form{font-size:8.5pt}tr,.note{break-inside:avoid}
.summary{break-inside:avoid}}
"""

_SEVERITY_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="giplint {text(__version__)}">\n'
        f"<title>{text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


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
                    add((f"s{counter}", "sentence", sentence.span))
            table = section.table
            if table is not None:
                add((f"tbl-{table.kind}", "table", table.span))
                for (row, column), cell in table.cells.items():
                    add((cell_id(table.kind, row, column), "cell", cell.span))
                for row, span in table.rows.items():
                    add((f"row-{table.kind}-{row}", "row", span))

    # -- marks and notes --

    def _worst(self, numbers: Iterable[int]) -> str:
        worst = max(self.diagnostics[n - 1].severity for n in numbers)
        return _SEVERITY_CLASS[worst]

    def mark(self, element: str) -> tuple[str, str]:
        """(class attribute addition, footnote links) for an element."""
        numbers = self.places.at.get(element)
        if not numbers:
            return "", ""
        links = '<sup class="fn">' + ",".join(f'<a href="#f{n}">{n}</a>' for n in numbers) + "</sup>"
        return f" hit {self._worst(numbers)}", links

    def cell(self, table: TableView, row: str, column: str) -> tuple[str, str, str]:
        from giplint.output.html_tables import report_cell

        return report_cell(table, self, row, column)

    def notes(self, elements: Iterable[str]) -> str:
        numbers = sorted(n for e in elements for n in self.places.at.get(e, []))
        if not numbers:
            return ""
        return '<ol class="notes">' + "".join(self.note(n) for n in numbers) + "</ol>\n"

    def note(self, number: int) -> str:
        d = self.diagnostics[number - 1]
        severity = _SEVERITY_CLASS[d.severity]
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
            for sentence in paragraph:
                self._sentence += 1
                element = f"s{self._sentence}"
                classes, links = self.mark(element)
                if classes:
                    ids.append(element)
                    pieces.append(f'<mark id="{element}" class="{classes.strip()}">{text(sentence.text)}{links}</mark>')
                else:
                    pieces.append(text(sentence.text))
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
        from giplint.output.html_tables import render_table

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


def _checklist_html(checks: Sequence[Check], diagnostics: Sequence[Diagnostic]) -> str:
    items = []
    for check in checks:
        state = "na" if check.ok is None else ("pass" if check.ok else "fail")
        mark = {"na": "—", "pass": "✓", "fail": "✗"}[state]
        detail = ""
        if check.findings:
            what = "个问题" if check.ok is False else "条提示"
            detail = f'：<a href="#f{check.findings[0]}">{len(check.findings)} {what}</a>'
        elif check.ok is None:
            detail = "：未找到表格"
        items.append(
            f'<li class="{state}" data-check="{check.key}" data-ok="{state}" data-count="{len(check.findings)}">'
            f'<span class="mark">{mark}</span>{text(check.label)}{detail}</li>'
        )
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    boxes = "".join(
        f'<div class="count {_SEVERITY_CLASS[s]}" data-count-{_SEVERITY_CLASS[s]}="{n}"><b>{n}</b>{s.chinese}</div>'
        for s, n in counts.items()
    )
    return (
        f'<div class="summary" id="checklist"><ul class="checks">{"".join(items)}</ul>'
        f'<div class="counts">{boxes}</div></div>\n'
    )


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
    meta.append({"2021": "表格：2021年格式", "2019": "表格：2019年试行格式", "mixed": "表格：格式混用"}.get(view.layout, "表格格式未识别"))
    parts = []
    if index:
        parts.append(f'<p class="meta"><a href="{text(index)}">← 全部报告</a></p>\n')
    classes, links = builder.mark("report")
    parts.append(f'<h1 id="report" class="{classes.strip()}">{text(heading)}{links}</h1>\n')
    parts.append(f'<p class="meta">{" · ".join(text(m) for m in meta)}</p>\n')
    parts.append(_checklist_html(checklist(view, diagnostics, cross_checked), diagnostics))
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
    return _page(f"{heading} — giplint 检查结果", "".join(parts))


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
    return _page("giplint 检查结果", body)


def status_of(value: str) -> CellStatus:
    return CellStatus(value)
