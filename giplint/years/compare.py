"""``giplint compare OLD NEW``: two years' reports of one organ side by side.

For people: every table figure of both years with its change (增减), the rows that changed most
first; how much of each section's text was copied from last year (giplint/years/reuse.py), as a
percentage with a small bar; and the cross-year findings (rules/years.yaml). ``--format json``
gives the same for machines (docs/compare-json-schema.json).

Figures are compared where the two layouts hold the same quantity (the same row and column key of
giplint/layouts.py); a figure of one layout only is listed as not comparable (2019's 对外公开总数量
is not 2021's 现行有效件数). A figure that is blank, a placeholder, glued or unreadable in either
year is never compared: it is shown, with why, and no change is invented for it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from giplint import layouts
from giplint.contract import Rule
from giplint.diagnostics import Diagnostic, Failure
from giplint.lint import Unread, lint_report, read_report
from giplint.model import MANDATED_TABLES, Cell, CellStatus, Number, Report, Table
from giplint.years.organ import ReportIdentity, recognise
from giplint.years.reuse import Reuse, corpus_of, reuse, section_prose

SECTION_NUMBERS = layouts.SECTION_ORDER  # the mandated order, from its one home
_STATUS = {  # why a figure is not compared, by what the cell holds
    CellStatus.BLANK: "未填写",
    CellStatus.PLACEHOLDER: "填写了“/”等占位符",
    CellStatus.INVALID: "不是有效数字",
    CellStatus.MISSING: "表格中没有此格",
    CellStatus.UNSEPARATED: "数字粘连，无法确定",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a table in both years."""

    column: str
    label: str
    old: Number | None
    new: Number | None
    change: Number | None  # new - old, when comparable
    comparable: bool
    note: str  # why not comparable ("" when it is)
    same_quantity: bool = True  # both years' layouts have it (2019's 对外公开总数量 has no 2021 twin)


@dataclass(frozen=True, slots=True)
class RowChange:
    row: str
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class TableChange:
    table: str
    title: str
    section: str
    old_layout: str | None  # None: the table is not in that year's report
    new_layout: str | None
    rows: tuple[RowChange, ...]  # in the table's order (the new layout's, then the old one's)


@dataclass(frozen=True, slots=True)
class SectionReuse:
    number: str
    title: str
    reuse: Reuse
    line: int | None  # of the first copied sentence
    column: int | None


@dataclass(frozen=True)
class Comparison:
    old: Report
    new: Report
    old_identity: ReportIdentity
    new_identity: ReportIdentity
    tables: tuple[TableChange, ...]
    reuse: tuple[SectionReuse, ...]
    findings: tuple[Diagnostic, ...]
    # a cross-year rule that broke (its check or its plugin's predicate raised): the same message
    # as `giplint check` gives, on stderr, and exit 2 — never a finding, never silent
    failures: tuple[Failure, ...] = ()

    @property
    def consecutive(self) -> bool:
        """Whether NEW is the year after OLD (or a year is unknown): only then are the cross-year
        rules run — 2023's 上年结转 is 2022's 结转下年度, not 2021's."""
        return consecutive(self.old_identity.year, self.new_identity.year)

    @property
    def same_organ(self) -> bool:
        return bool(self.old_identity.key) and self.old_identity.key == self.new_identity.key


# -- the model -------------------------------------------------------------------------------------


def consecutive(old: int | None, new: int | None) -> bool:
    return old is None or new is None or new - old == 1


def _value(cell: Cell | None) -> Number | None:
    return cell.value if cell is not None and cell.status is CellStatus.VALUE else None


def _figure(column: str, label: str, old: Cell | None, new: Cell | None, note: str) -> Figure:
    if note:
        return Figure(column, label, _value(old), _value(new), None, False, note, same_quantity=False)
    reasons = [
        f"{year}{_STATUS[cell.status]}"
        for year, cell in (("上年", old), ("本年", new))
        if cell is not None and cell.status is not CellStatus.VALUE
    ]
    if reasons or old is None or new is None:
        return Figure(
            column, label, _value(old), _value(new), None, False, "；".join(reasons) or "表格中没有此格"
        )
    change = new.value - old.value  # type: ignore[operator]
    return Figure(column, label, old.value, new.value, change, True, "")


def _table_change(kind: str, title: str, section: str, old: Table | None, new: Table | None) -> TableChange:
    old_spec = layouts.layout_for(kind, old.layout) if old is not None else None
    new_spec = layouts.layout_for(kind, new.layout) if new is not None else None
    rows: list[RowChange] = []
    keys: dict[str, str] = {}  # row key -> label, new layout's order first
    for spec in (new_spec, old_spec):
        for row in spec.rows if spec else ():
            keys.setdefault(row.key, row.label)
    for row_key, row_label in keys.items():
        old_row = old_spec.row(row_key) if old_spec else None
        new_row = new_spec.row(row_key) if new_spec else None
        columns: dict[str, str] = {}
        for spec_row in (new_row, old_row):
            for spec_column in spec_row.columns if spec_row else ():
                columns.setdefault(spec_column.key, spec_column.label)
        figures = []
        for column, label in columns.items():
            in_old = old_row is not None and any(c.key == column for c in old_row.columns)
            in_new = new_row is not None and any(c.key == column for c in new_row.columns)
            note = ""
            if old is None or new is None:
                note = "上年报告没有此表" if old is None else "本年报告没有此表"
            elif not (in_old and in_new):
                year, layout = ("本年", new.layout) if in_new else ("上年", old.layout)
                note = f"不可比：只有{year}的{layout}年格式有此项"
            old_cell = old.cell(row_key, column) if old is not None else None
            new_cell = new.cell(row_key, column) if new is not None else None
            figures.append(_figure(column, label, old_cell, new_cell, note))
        rows.append(RowChange(row_key, row_label, tuple(figures)))
    return TableChange(
        kind,
        title,
        section,
        old.layout if old is not None else None,
        new.layout if new is not None else None,
        tuple(rows),
    )


def _section_reuse(old: Report, new: Report) -> tuple[SectionReuse, ...]:
    from giplint.checks.text_not_copied import last_year_texts

    corpus = corpus_of(last_year_texts(old))
    found = []
    for number in SECTION_NUMBERS:
        section = new.section(number)
        if section is None:
            continue
        measured = reuse(section_prose(section), corpus)
        if not measured.sentences:
            continue  # a section of tables only: no text to measure
        line = column = None
        if measured.copied:
            start = section.body_offset + measured.copied[0].start
            line, column = new.document.position(start)
        found.append(SectionReuse(number, section.heading.strip(), measured, line, column))
    return tuple(found)


def compare_reports(
    old: Report,
    new: Report,
    rules: Sequence[Rule[Any]],
    kinds: dict[str, Any],
    identities: tuple[ReportIdentity, ReportIdentity] | None = None,
) -> Comparison:
    """Everything `giplint compare` shows, from two parsed reports and the rules in force;
    `identities` (organ and year) as the configuration states them, else as recognised."""
    tables = tuple(
        _table_change(kind.kind, kind.title, kind.section, old.table(kind.kind), new.table(kind.kind))
        for kind in MANDATED_TABLES
    )
    identities = identities or (recognise(old), recognise(new))
    findings: tuple[Diagnostic, ...] = ()
    failures: tuple[Failure, ...] = ()
    if consecutive(identities[0].year, identities[1].year):
        cross_year = [r for r in rules if r.enabled and _cross_year(r, kinds)]
        result = lint_report(new, cross_year, kinds, old)
        findings, failures = tuple(result.diagnostics), tuple(result.failures)
    return Comparison(old, new, *identities, tables, _section_reuse(old, new), findings, failures)


def _cross_year(rule: Rule[Any], kinds: dict[str, Any]) -> bool:
    """Whether a rule compares with last year's report. A plugin's predicate that raises counts
    as yes: `lint_report` asks it again and turns the error into the rule's failure, the one
    `giplint check` shows for it."""
    try:
        return bool(kinds[rule.check].wants_previous(rule.params))
    except (Exception, SystemExit):  # noqa: BLE001  a plugin's predicate: lint_report names its failure
        return True


# -- JSON ------------------------------------------------------------------------------------------


def _number(value: Number | None) -> int | float | None:
    return float(value) if isinstance(value, Decimal) else value


def _side(report: Report, identity: ReportIdentity) -> dict[str, Any]:
    return {
        "path": report.path,
        "organ": identity.organ,
        "organ_key": identity.key,
        "year": identity.year,
        "layout": report.layout,
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The machine form (docs/compare-json-schema.json)."""
    return {
        "old": _side(comparison.old, comparison.old_identity),
        "new": _side(comparison.new, comparison.new_identity),
        "same_organ": comparison.same_organ,
        "cross_checked": comparison.consecutive,
        "tables": [
            {
                "table": table.table,
                "title": table.title,
                "section": table.section,
                "old_layout": table.old_layout,
                "new_layout": table.new_layout,
                "rows": [
                    {
                        "row": row.row,
                        "label": row.label,
                        "figures": [
                            {
                                "column": f.column,
                                "label": f.label,
                                "old": _number(f.old),
                                "new": _number(f.new),
                                "change": _number(f.change),
                                "comparable": f.comparable,
                                "same_quantity": f.same_quantity,
                                "note": f.note,
                            }
                            for f in row.figures
                        ],
                    }
                    for row in table.rows
                ],
            }
            for table in comparison.tables
        ],
        "text_reuse": [
            {
                "section": s.number,
                "title": s.title,
                "sentences": len(s.reuse.sentences),
                "copied": len(s.reuse.copied),
                "share": round(s.reuse.share, 4),
                "first_copied": (
                    {"text": s.reuse.copied[0].text, "line": s.line, "column": s.column}
                    if s.reuse.copied
                    else None
                ),
            }
            for s in comparison.reuse
        ],
        "findings": [{"path": d.path, **d.to_dict()} for d in comparison.findings],
    }


# -- for people ------------------------------------------------------------------------------------

_BAR = 20  # characters of a full reuse bar
#: the width of `giplint compare` written to a file or a pipe: its lines as long as they are (a
#: table as wide as its labels, a sentence on one line), since no terminal wraps them
REDIRECTED_WIDTH = 10_000


def _show(value: Number | None) -> str:
    return "—" if value is None else str(value)


def _change_text(figure: Figure) -> Any:
    from rich.text import Text

    if figure.change is None:
        return Text("未比较", style="giplint.gutter")
    if figure.change == 0:
        return Text("0")
    return Text(f"{figure.change:+}", style="giplint.up" if figure.change > 0 else "giplint.down")


def _layout(name: str | None) -> str:
    return "无此表" if name is None else layouts.layout_name(name)


def _year(identity: ReportIdentity, fallback: str) -> str:
    return f"{identity.year}年" if identity.year else fallback


def _render_table(table: TableChange, old_year: str, new_year: str, console: Any) -> None:
    """One table: the changed figures of the rows that changed, in the table's order (an editor
    looks them up in the report); then one line each for the count of figures that did not change,
    the figures not compared and why, and the quantities of one layout only."""
    from rich.table import Table as RichTable
    from rich.text import Text

    layouts_text = f"（{_layout(table.old_layout)} → {_layout(table.new_layout)}）"
    if table.old_layout == table.new_layout == "any":
        layouts_text = ""
    title = f"{table.section}、{table.title}{layouts_text}"
    if table.old_layout is None or table.new_layout is None:
        console.print(Text(f"{title}：不比较", style="giplint.path"))
        return
    grid = RichTable(title=title, title_justify="left")
    for header, justify in (("项目", "left"), ("列", "left"), (old_year, "right"), (new_year, "right")):
        grid.add_column(header, justify=justify)  # type: ignore[arg-type]
    grid.add_column("增减", justify="right")
    unchanged = same_rows = 0
    not_compared: dict[str, list[str]] = {}
    one_layout: list[str] = []
    for row in table.rows:
        figures = [f for f in row.figures if f.same_quantity]
        other = [f.label for f in row.figures if not f.same_quantity]
        if other:
            one_layout.append(f"{row.label}（{'、'.join(other)}）")
        if not figures:
            continue
        for figure in figures:
            if not figure.comparable:
                not_compared.setdefault(figure.note, []).append(f"{row.label} {figure.label}")
        changed = [f for f in figures if f.comparable and f.change != 0]
        same = sum(1 for f in figures if f.comparable and f.change == 0)
        unchanged += same
        same_rows += same == len(figures)
        for index, figure in enumerate(changed):
            grid.add_row(
                row.label if index == 0 else "",
                figure.label,
                _show(figure.old),
                _show(figure.new),
                _change_text(figure),
                end_section=index == len(changed) - 1,
            )
    if grid.row_count:
        console.print(grid)
    else:
        console.print(Text(f"{title}：两年全部相同" if unchanged else f"{title}", style="giplint.path"))
    if unchanged and grid.row_count:
        console.print(
            Text(f"两年相同的数字：{unchanged} 个（其中整行相同 {same_rows} 行）", style="giplint.gutter")
        )
    for note, where in not_compared.items():
        console.print(Text(f"未比较（{note}）：{'；'.join(where)}", style="giplint.gutter"))
    if one_layout:
        console.print(
            Text(
                f"不可比（两年格式不同，不是同一数量）：{'；'.join(one_layout)}",
                style="giplint.gutter",
            )
        )


def render_comparison(comparison: Comparison, console: Any) -> None:
    """Tables of the changed figures (rows in table order), text reuse with bars, findings; prose
    is wrapped at the console's width (a terminal's; a redirected one is as wide as its lines)."""
    from rich.table import Table as RichTable
    from rich.text import Text

    old_year, new_year = _year(comparison.old_identity, "上年"), _year(comparison.new_identity, "本年")
    organ = comparison.new_identity.organ or comparison.old_identity.organ or "（机关未识别）"
    console.print(Text.assemble((organ, "giplint.path"), f"  {old_year} → {new_year}"))
    console.print(Text(f"上年 {comparison.old.path}  本年 {comparison.new.path}"))
    if not comparison.same_organ:
        console.print(
            Text("注意：两份报告的机关不同或未能识别，请确认是同一机关的报告。", style="giplint.warning")
        )
    for table in comparison.tables:
        _render_table(table, old_year, new_year, console)
    bars = RichTable(title="文字重复率（与上年报告相同或几乎相同的句子）", title_justify="left", box=None)
    for header, justify in (("部分", "left"), ("", "left"), ("重复率", "right"), ("句数", "right")):
        bars.add_column(header, justify=justify)  # type: ignore[arg-type]
    for section in comparison.reuse:
        share = section.reuse.share
        filled = round(share * _BAR)
        bar = Text.assemble(
            ("█" * filled, "giplint.up" if share >= 0.6 else "giplint.hint"), "░" * (_BAR - filled)
        )
        bars.add_row(
            section.title, bar, f"{share:.0%}", f"{len(section.reuse.copied)}/{len(section.reuse.sentences)}"
        )
    console.print(bars)
    if not comparison.consecutive:
        console.print(
            Text(f"两份报告不是相邻年度（{old_year}、{new_year}），不做跨年度检查。", style="giplint.warning")
        )
        return
    console.print(Text(f"跨年度检查：{len(comparison.findings)} 个问题", style="giplint.path"))
    for d in comparison.findings:
        console.print(
            Text.assemble(
                f"  {d.path}:{d.span.line}:{d.span.column}: ",
                (d.rule_id, "giplint.rule"),
                " ",
                (d.severity.chinese, f"giplint.{d.severity.label}"),
                f" {d.message}",
            )
        )


# -- the command -----------------------------------------------------------------------------------


def compare_command(
    args: argparse.Namespace,
    registry: Any,
    out: IO[str],
    err: IO[str],
    render: Callable[[Comparison, IO[str]], None] | None = None,
) -> int:
    """Exit 0 with the comparison shown, 2 when a report cannot be read, a plugin failed to load or
    a cross-year rule broke (its message on stderr, the comparison still shown). Cross-year
    findings are shown, not judged: `giplint NEW --previous OLD` is the check that fails on them."""
    from giplint.engine.run import Resolver, Target
    from giplint.years.organ import overridden

    err.writelines(failure.message + "\n" for failure in registry.failures)  # a plugin that did not load
    reports = []
    for name in (args.old, args.new):
        report = read_report(name, Path(name), registry.readers)
        if isinstance(report, Unread):
            err.write(report.failure.message + "\n")
        else:
            reports.append(report)
    if len(reports) < 2:
        return 2
    # the configuration as the engine resolves it: --config, else the nearest one above NEW; its
    # rules in force for NEW, and its `reports:` organ and year for both files
    resolver = Resolver(args.config)
    targets = [Target(name, Path(name)) for name in (args.old, args.new)]
    identities = [
        overridden(recognise(report), *resolver.config_for(target).report_setting(Path(target.name)))
        for report, target in zip(reports, targets, strict=True)
    ]
    rules = resolver.rules_for(targets[1])
    comparison = compare_reports(
        reports[0], reports[1], rules, registry.kinds, identities=(identities[0], identities[1])
    )
    err.writelines(failure.message + "\n" for failure in comparison.failures)  # before the output, as check
    if render is not None:  # another format's (giplint/output/compare_html.py: html, csv)
        render(comparison, out)
    elif args.format == "json":
        json.dump(comparison_to_dict(comparison), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        from giplint.output.render import make_console

        terminal = out.isatty() if hasattr(out, "isatty") else False
        width = None if terminal else REDIRECTED_WIDTH  # a file: no 80 columns cutting labels
        render_comparison(comparison, make_console(out, None if terminal else False, width, wrap=True))
    return 2 if registry.failures or comparison.failures else 0
