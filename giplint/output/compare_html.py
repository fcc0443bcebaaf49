"""``giplint compare OLD NEW --format html`` and ``--format csv``: two years side by side.

The page has the look of ``--format html`` (giplint/output/html_report.py): every table in its form's
shape with each cell showing this year's figure, last year's and the change (增减), changed cells
marked; each section's text in two columns, aligned by a diff over sentences (difflib over the
sentences as giplint/years/reuse.py normalises them), the sentences reused from last year highlighted;
the cross-year findings; and, when the folder of NEW holds three or more years of the same
organ, a trend of the headline figures as inline SVG. Nothing is computed here that
giplint/years/compare.py did not: this module lays its `Comparison` out.

``--format csv`` is the figures for Excel/WPS: UTF-8 with a BOM (without it Excel on a Chinese
Windows reads the file as GBK), CRLF line ends, one line per figure in table order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest
from pathlib import Path
from typing import IO, Any

from giplint import layouts
from giplint.model import Number, Report
from giplint.output.html_page import CSS, page
from giplint.output.html_places import section_id
from giplint.output.html_tables import render_table
from giplint.output.html_view import TableView, text
from giplint.years.compare import Comparison, Figure, RowChange, TableChange
from giplint.years.organ import recognise
from giplint.years.reuse import Corpus, corpus_of, normalise, prose, section_prose

# -- figures in table order -------------------------------------------------------------------------


def rows_in_order(table: TableChange) -> list[RowChange]:
    """The rows of a table in the form's order (new layout's first), whatever order compare.py
    keeps them in."""
    order: dict[str, int] = {}
    for name in (table.new_layout, table.old_layout):
        spec = layouts.layout_for(table.table, name) if name else None
        for row in spec.rows if spec else ():
            order.setdefault(row.key, len(order))
    return sorted(table.rows, key=lambda r: order.get(r.row, len(order)))


def _show(value: Number | None) -> str:
    return "" if value is None else str(value)


def _change(figure: Figure) -> str:
    if figure.change is None:
        return ""
    return "0" if figure.change == 0 else f"{figure.change:+}"


def _year(comparison: Comparison, old: bool) -> str:
    identity = comparison.old_identity if old else comparison.new_identity
    return f"{identity.year}年" if identity.year else ("上年" if old else "本年")


# -- csv ----------------------------------------------------------------------------------------------


def render_csv(comparison: Comparison, out: IO[str]) -> None:
    """Every figure, table by table in the form's order: UTF-8 with BOM, CRLF (Excel, WPS)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    old_year, new_year = _year(comparison, True), _year(comparison, False)
    writer.writerow(["表格", "项目", "列", old_year, new_year, "增减", "说明"])
    for table in comparison.tables:
        for row in rows_in_order(table):
            for figure in row.figures:
                writer.writerow(
                    [
                        f"{table.section}、{table.title}",
                        row.label,
                        figure.label,
                        _show(figure.old),
                        _show(figure.new),
                        _change(figure),
                        figure.note,
                    ]
                )
    data = "\ufeff" + buffer.getvalue()
    binary = getattr(out, "buffer", None)
    if binary is not None:  # bytes as they are: a console's code page must not re-encode them
        out.flush()
        binary.write(data.encode("utf-8"))
        binary.flush()
    else:
        out.write(data)


# -- the figures' tables ------------------------------------------------------------------------------


class _FigurePage:
    """The Page of giplint/output/html_tables.py for a comparison: a cell shows both years and 增减."""

    def __init__(self, table: TableChange) -> None:
        self.figures = {(row.row, f.column): f for row in table.rows for f in row.figures}

    def mark(self, element: str) -> tuple[str, str]:
        return "", ""

    def cell(self, table: TableView, row: str, column: str) -> tuple[str, str, str]:
        figure = self.figures.get((row, column))
        if figure is None:
            return "absent", "", ""
        old = f'<span class="old">上年 {text(_show(figure.old) or "—")}</span>'
        new = f'<span class="new">{text(_show(figure.new) or "—")}</span>'
        if figure.change is None:
            return "uncompared", figure.note, f'{new}{old}<span class="delta">未比较</span>'
        if figure.change == 0:
            return "same", "", f'{new}{old}<span class="delta">=</span>'
        direction = "up" if figure.change > 0 else "down"
        return f"changed {direction}", "", f'{new}{old}<span class="delta">{text(_change(figure))}</span>'


def _table(table: TableChange, year: int | None = None) -> str:
    """One table of both years in the form's shape; `year`: the year whose layout it is drawn in."""
    layout = table.new_layout or table.old_layout
    title = f"{table.section}、{table.title}"
    if table.old_layout is None or table.new_layout is None:
        which = "上年" if table.old_layout is None else "本年"
        return f'<h3>{text(title)}</h3><p class="meta">{which}报告没有此表，不比较。</p>\n'
    view = TableView(table.table, table.title, table.section, layout or "2021", (0, 0, 0, 0), {}, {}, year)
    page = _FigurePage(table)
    changed = sum(1 for f in page.figures.values() if f.change)
    notes = []
    one_layout = [
        f"{row.label}（{'、'.join(f.label for f in row.figures if not f.same_quantity)}）"
        for row in rows_in_order(table)
        if any(not f.same_quantity for f in row.figures)
    ]
    if one_layout:
        notes.append(f"两年格式不同，不是同一数量，不比较：{'；'.join(one_layout)}")
    unchanged = [
        row.label
        for row in rows_in_order(table)
        if row.figures and all(f.comparable and f.change == 0 for f in row.figures if f.same_quantity)
    ]
    summary = f"{changed} 个数字有变化" if changed else "两年全部相同"
    if unchanged and changed:
        summary += f"；{len(unchanged)} 行两年相同"
    return (
        f'<p class="meta" data-table="{table.table}" data-changed="{changed}">{text(title)}：{text(summary)}</p>\n'
        + render_table(view, page)
        + "".join(f'<p class="meta">{text(n)}</p>\n' for n in notes)
    )


# -- the text, side by side ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    key: str


def _sentences(report: Report, number: str) -> list[_Sentence]:
    from giplint.output.html_view import _SENTENCE

    section = report.section(number)
    if section is None:
        return []
    found = []
    for line in prose(section_prose(section)).split("\n"):
        for match in _SENTENCE.finditer(line):
            written = match.group().strip()
            if written:
                found.append(_Sentence(written, normalise(written)))
    return found


def _text_rows(old: list[_Sentence], new: list[_Sentence], corpus: Corpus) -> tuple[str, int, int]:
    """The aligned rows of one section (HTML), the number of new sentences reused, and counted."""

    def reused(sentence: _Sentence) -> bool:
        return len(sentence.key) >= 10 and corpus.contains(sentence.key, 0.9)

    rows = []
    copied = counted = 0
    matcher = SequenceMatcher(None, [s.key for s in old], [s.key for s in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for left, right in zip_longest(old[i1:i2], new[j1:j2]):
            cells = []
            if left is None:
                cells.append('<td class="gap"></td>')
            else:
                kind = "same" if tag == "equal" else ("removed" if right is None or tag == "delete" else "replaced")
                cells.append(f'<td class="{kind}">{text(left.text)}</td>')
            if right is None:
                cells.append('<td class="gap"></td>')
            else:
                is_reused = reused(right)
                if len(right.key) >= 10:
                    counted += 1
                    copied += is_reused
                kind = "reused" if is_reused else ("same" if tag == "equal" else "added")
                cells.append(f'<td class="{kind}" data-reused="{str(is_reused).lower()}">{text(right.text)}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
    return "".join(rows), copied, counted


def _texts(comparison: Comparison) -> str:
    from giplint.checks.text_not_copied import last_year_texts

    corpus = corpus_of(last_year_texts(comparison.old))
    old_year, new_year = _year(comparison, True), _year(comparison, False)
    out = []
    for spec in layouts.SECTIONS:
        old, new = _sentences(comparison.old, spec.number), _sentences(comparison.new, spec.number)
        if not old and not new:
            continue
        rows, copied, counted = _text_rows(old, new, corpus)
        share = f"{copied / counted:.0%}" if counted else "—"
        out.append(
            f'<h3 id="text-{section_id(spec.number)}">{text(spec.number)}、{text(spec.title)}'
            f'<span class="share" data-copied="{copied}" data-counted="{counted}">重复 {copied}/{counted} 句（{share}）</span></h3>'
            f'<table class="sbs"><colgroup><col><col></colgroup><thead><tr><th>{text(old_year)}</th><th>{text(new_year)}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>\n"
        )
    return "".join(out)


# -- the trend ----------------------------------------------------------------------------------------


def _cell_value(report: Report, table: str, row: str, column: str) -> Number | None:
    found = report.table(table)
    cell = found.cell(row, column) if found is not None else None
    return cell.value if cell is not None and cell.status.value == "value" else None


def _sum(*values: Number | None) -> Number | None:
    present = [v for v in values if v is not None]
    return sum(present, start=0) if len(present) == len(values) else None


def _row_label(table: str, row: str) -> str:
    spec = layouts.layout_for(table, "2021")
    row_spec = spec.row(row) if spec else None
    return row_spec.label if row_spec else row


def _metrics() -> list[tuple[str, Callable[[Report], Number | None]]]:
    """The headline figures of the trend; the quantities named with giplint/layouts.py's labels."""
    a, r, d = "applications", "review_litigation", "active_disclosure"
    suits = [_row_label(r, key).partition(" ")[2] for key in ("direct_suit", "suit_after_review")]
    in_force = next(c.label for c in layouts.ACTIVE_DISCLOSURE_2021.rows[0].columns if c.key == "in_force")
    documents = [_row_label(d, key) for key in ("regulations", "normative_documents")]
    return [
        (f"收到申请（{_row_label(a, 'new_received')}）", lambda rep: _cell_value(rep, a, "new_received", "total")),
        (f"办理结果（{_row_label(a, 'results_total')}）", lambda rep: _cell_value(rep, a, "results_total", "total")),
        (
            f"{_row_label(r, 'administrative_review')}（总计）",
            lambda rep: _cell_value(rep, r, "administrative_review", "total"),
        ),
        (
            f"{_row_label(r, 'direct_suit').partition(' ')[0]}（{'+'.join(suits)}）",
            lambda rep: _sum(
                _cell_value(rep, r, "direct_suit", "total"), _cell_value(rep, r, "suit_after_review", "total")
            ),
        ),
        (
            f"{in_force}（{'+'.join(documents)}）",
            lambda rep: _sum(
                _cell_value(rep, d, "regulations", "in_force"), _cell_value(rep, d, "normative_documents", "in_force")
            ),
        ),
    ]


Trend = list[tuple[int, list[Number | None]]]


def trend_of(new: Path, comparison: Comparison, readers: Sequence[Any]) -> tuple[list[str], Trend]:
    """The headline figures by year of every report of NEW's organ in NEW's folder (one per year:
    OLD and NEW themselves first); fewer than three years: no trend."""
    from giplint.lint import read_bytes, read_document
    from giplint.parse import parse_document

    key = comparison.new_identity.key
    metrics = _metrics()
    names = [name for name, _ in metrics]
    if not key:
        return names, []
    suffixes = {".txt"} | {s for reader in readers for s in reader.suffixes}
    by_year: dict[int, Report] = {}
    for report in (comparison.new, comparison.old):
        identity = recognise(report)
        if identity.key == key and identity.year:
            by_year.setdefault(identity.year, report)
    known = {Path(comparison.new.path).resolve(), Path(comparison.old.path).resolve()}
    folder = new.parent
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    except OSError:
        files = []
    for path in files:
        if path.resolve() in known:
            continue
        try:
            report = parse_document(read_document(str(path), read_bytes(path), readers))
        except Exception:  # noqa: BLE001, S112  a file of the folder that is no report: not in the trend
            continue
        identity = recognise(report)
        if identity.key == key and identity.year and identity.year not in by_year:
            by_year[identity.year] = report
    if len(by_year) < 3:
        return names, []
    return names, [(year, [f(by_year[year]) for _, f in metrics]) for year in sorted(by_year)]


def _chart(name: str, points: list[tuple[int, Number | None]]) -> str:
    """One small line chart (inline SVG): the years along, the figure up, each point labelled."""
    width, height, left, right, top, bottom = 300, 150, 12, 12, 26, 26
    values = [float(v) for _, v in points if v is not None]
    high = max(values, default=0.0) or 1.0
    step = (width - left - right) / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(v: Number) -> float:
        return top + (height - top - bottom) * (1 - float(v) / high)

    parts = [
        (
            f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{text(name)}">'
        ),
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" class="axis"/>',
    ]
    run: list[str] = []
    for i, (_, value) in enumerate(points):
        if value is None:
            if len(run) > 1:
                parts.append(f'<polyline points="{" ".join(run)}" class="line"/>')
            run = []
            continue
        run.append(f"{x(i):.1f},{y(value):.1f}")
    if len(run) > 1:
        parts.append(f'<polyline points="{" ".join(run)}" class="line"/>')
    for i, (year, value) in enumerate(points):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 8}" class="year">{year}</text>')
        if value is None:
            parts.append(f'<text x="{x(i):.1f}" y="{height - bottom - 4}" class="value none">—</text>')
            continue
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" class="dot"/>')
        parts.append(f'<text x="{x(i):.1f}" y="{y(value) - 7:.1f}" class="value">{text(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _trend(names: list[str], trend: Trend) -> str:
    if not trend:
        return ""
    charts = []
    for index, name in enumerate(names):
        points = [(year, values[index]) for year, values in trend]
        charts.append(f'<figure class="trend"><figcaption>{text(name)}</figcaption>{_chart(name, points)}</figure>')
    years = f"{trend[0][0]}–{trend[-1][0]}"
    return (
        f'<h2 id="trend">历年变化（{years}，{len(trend)} 个年度）</h2>\n'
        f'<div class="trends">{"".join(charts)}</div>\n'
        '<p class="meta">“—”：该年度报告中此数字未填、不可读或没有此格（如2019年试行格式没有“现行有效件数”）。</p>\n'
    )


# -- the page -----------------------------------------------------------------------------------------

COMPARE_CSS = """
table.form td{vertical-align:top;line-height:1.25;padding:3px 4px}
p[data-check],p.failure{text-indent:0}
td .new{display:block;font-size:14px;font-weight:bold}
td .old{display:block;font-size:11px;color:var(--muted)}
td .delta{display:block;font-size:11px}
td.changed.up{background:#fde7e4} td.changed.up .delta{color:var(--err);font-weight:bold}
td.changed.down{background:#e6f4ea} td.changed.down .delta{color:var(--ok);font-weight:bold}
td.same .delta,td.uncompared .delta{color:#aaa}
td.uncompared{background:#f5f5f5}
h3{font-size:16px;margin:18px 0 6px} h3 .share{font-weight:normal;font-size:13px;color:var(--muted);margin-left:12px}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed;font-size:13.5px;line-height:1.6}
table.sbs th{background:#f1f1ee;border:1px solid var(--line);padding:3px 8px}
table.sbs td{border:1px solid #e2e2e2;padding:3px 8px;vertical-align:top;word-break:break-all}
table.sbs td.reused{background:#fff0c2} table.sbs td.same{background:#f7f7f7;color:#444}
table.sbs td.added{background:#fff} table.sbs td.removed{background:#fbeaea;color:#555;text-decoration:line-through;text-decoration-color:#c99}
table.sbs td.replaced{background:#fafafa} table.sbs td.gap{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3f3f3 4px,#f3f3f3 8px)}
.legend span{display:inline-block;padding:0 8px;margin-right:8px;border:1px solid #ddd;font-size:12px}
.trends{display:flex;flex-wrap:wrap;gap:12px}
figure.trend{margin:0;border:1px solid var(--line);border-radius:6px;padding:6px 8px}
figure.trend figcaption{font-size:12.5px;max-width:300px}
svg.chart .axis{stroke:#999;stroke-width:1} svg.chart .line{fill:none;stroke:#1f5f8b;stroke-width:2}
svg.chart .dot{fill:#1f5f8b} svg.chart text{font-size:11px;text-anchor:middle;fill:#333} svg.chart .year{fill:#666}
svg.chart .none{fill:#aaa}
@media print{table.sbs{font-size:8.5pt}figure.trend{break-inside:avoid}}
"""


def _findings(comparison: Comparison) -> str:
    if not comparison.consecutive:
        return (
            f'<p class="failure">两份报告不是相邻年度（{text(_year(comparison, True))}、'
            f"{text(_year(comparison, False))}），不做跨年度检查。</p>\n"
        )
    if not comparison.findings:
        return '<p data-check="previous" data-ok="pass"><span class="yes">✓</span> 与上年衔接：未发现问题。</p>\n'
    items = []
    for number, d in enumerate(comparison.findings, 1):
        severity = {3: "error", 2: "warning", 1: "info"}[int(d.severity)]
        hint = f'<div class="hint"><b>提示：</b>{text(d.hint)}</div>' if d.hint else ""
        items.append(
            f'<li class="note {severity}" id="f{number}" data-rule="{text(d.rule_id)}" data-line="{d.span.line}" '
            f'data-column="{d.span.column}"><div class="head"><span class="no">{number}</span>'
            f'<span class="sev">{d.severity.chinese}</span>{text(d.rule_id)} {text(d.rule_name)} · '
            f"第{d.span.line}行第{d.span.column}列</div><div class=\"msg\">{text(d.message)}</div>{hint}</li>"
        )
    return (
        f'<p data-check="previous" data-ok="fail"><span class="no">✗</span> 与上年衔接：{len(items)} 个问题</p>'
        f'<ol class="notes">{"".join(items)}</ol>\n'
    )


def render_compare_page(comparison: Comparison, names: list[str] | None = None, trend: Trend | None = None) -> str:
    organ = comparison.new_identity.organ or comparison.old_identity.organ or "（机关未识别）"
    old_year, new_year = _year(comparison, True), _year(comparison, False)
    parts = [
        f"<h1>{text(organ)}：{text(old_year)} → {text(new_year)} 年报对比</h1>\n",
        f'<p class="meta">上年 {text(comparison.old.path)} · 本年 {text(comparison.new.path)}</p>\n',
    ]
    if not comparison.same_organ:
        parts.append('<p class="failure">注意：两份报告的机关不同或未能识别，请确认是同一机关的报告。</p>\n')
    parts.append("<h2>跨年度检查</h2>\n" + _findings(comparison))
    parts.append(
        '<h2>表格数字</h2>\n<p class="meta legend">每格：本年数字（粗）、上年数字、增减。'
        '<span style="background:#fde7e4">增加</span><span style="background:#e6f4ea">减少</span>'
        '<span style="background:#f5f5f5">未比较（悬停查看原因）</span></p>\n'
    )
    for table in comparison.tables:
        parts.append(_table(table, comparison.new_identity.year))
    parts.append(
        '<h2>正文对比</h2>\n<p class="meta legend">逐句对齐（difflib）。'
        '<span style="background:#fff0c2">与上年相同或几乎相同的句子</span>'
        '<span style="background:#fbeaea">上年有、本年删去</span></p>\n'
    )
    parts.append(_texts(comparison))
    if trend:
        parts.append(_trend(names or [], trend))
    parts.append("<footer>由 giplint 生成。本页为离线文件，可直接转发或在浏览器中打印为 PDF（A4）。</footer>\n")
    return page(f"{organ} {old_year}—{new_year} 年报对比", "".join(parts)).replace(
        f"<style>{CSS}</style>", f"<style>{CSS}{COMPARE_CSS}</style>", 1
    )


def writer(fmt: str, new: Path, readers: Sequence[Any]) -> Callable[[Comparison, IO[str]], None]:
    """What `compare --format html|csv` writes to `out` (UTF-8 bytes when it has a buffer)."""
    if fmt == "csv":
        return render_csv

    def write(comparison: Comparison, out: IO[str]) -> None:
        from giplint.output.html_run import _write

        names, trend = trend_of(new, comparison, readers)
        _write(out, render_compare_page(comparison, names, trend))

    return write
