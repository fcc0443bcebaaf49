"""Report definitions built from others: one defect per built-in rule, and a seed export as a definition.

`VARIANTS` maps a rule name to a builder of `report_defs.CLEAN_2021` with exactly that rule's
defect put in by editing the block list (the clean report is ``"clean"``). Every builder returns a
fresh copy, so a test may change what it gets. parse-error and unseparated-cells have no variant:
they are about text exports (unplaceable text, glued digits), not about a report an editor writes
in a web editor or in Word.

`seed_to_report` turns a seed's `|`-cell text (../shared/seeds) back into a definition that
render_formats.py can write as HTML and Word: lines without a `|` are paragraphs, runs of `|`
lines are tables. The flat cell list of a table is regrouped into rows at its label cells (a cell
that is neither a number nor a placeholder starts a row); every row's last cell spans the rest of
the grid so a Word table gets no padding cells the seed did not have. The cells keep their order,
blank ones included (an extra `|` of the seed is a blank cell), so the canonical text of the
definition is the seed's cells one per line. ``layout="column"`` emits each table as one cell
per row instead, which the canonical text handles identically.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from report_defs import CLEAN_2021, Cell, ReportDef, Row

# ---------------------------------------------------------------------------------------------
# Editing a definition


def clean() -> ReportDef:
    """A fresh, deep copy of the clean report."""
    return copy.deepcopy(CLEAN_2021)


def cell_text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell[0]


def block_index(report: ReportDef, text: str) -> int:
    """Index of the paragraph block whose text is `text` (or starts with it)."""
    for index, (kind, content) in enumerate(report):
        if kind == "p" and isinstance(content, str) and content.startswith(text):
            return index
    raise KeyError(text)


def table_after(report: ReportDef, heading: str) -> list[Row]:
    """The rows of the first table after the heading `heading` (the list itself, to edit)."""
    for kind, content in report[block_index(report, heading) + 1 :]:
        if kind == "table":
            assert isinstance(content, list)
            return content
    raise KeyError(heading)


def row_index(rows: list[Row], label: str) -> int:
    for index, row in enumerate(rows):
        if any(cell_text(cell) == label for cell in row):
            return index
    raise KeyError(label)


def set_values(rows: list[Row], label: str, changes: dict[int, str]) -> None:
    """Change the value cells of the row labelled `label`: {index among its values: new text}.

    The values of a row are its cells after the label; a value cell may carry spans, kept.
    """
    row = rows[row_index(rows, label)]
    first = next(i for i, cell in enumerate(row) if cell_text(cell) == label) + 1
    for index, text in changes.items():
        cell = row[first + index]
        row[first + index] = text if isinstance(cell, str) else (text, cell[1], cell[2])


def replace_in_paragraph(report: ReportDef, old: str, new: str) -> None:
    """Replace `old` by `new` in the first paragraph that contains it."""
    for index, (kind, content) in enumerate(report):
        if kind == "p" and isinstance(content, str) and old in content:
            report[index] = ("p", content.replace(old, new))
            return
    raise KeyError(old)


def section_blocks(report: ReportDef, heading: str) -> tuple[int, int]:
    """[start, end) of a section: its heading up to the next top-level heading (or the end)."""
    start = block_index(report, heading)
    end = start + 1
    while end < len(report) and not (
        report[end][0] == "p" and re.match(r"[一二三四五六]、", str(report[end][1]))
    ):
        end += 1
    return start, end


# Section 三 value columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
NATURAL, TOTAL = 0, 6
SIX = "六、其他需要报告的事项"
FIVE = "五、存在的主要问题及改进情况"


def _missing_section() -> ReportDef:
    report = clean()
    start, end = section_blocks(report, SIX)
    del report[start:end]
    return report


def _section_order() -> ReportDef:
    report = clean()
    five, six = section_blocks(report, FIVE), section_blocks(report, SIX)
    report[five[0] : six[1]] = report[six[0] : six[1]] + report[five[0] : five[1]]
    return report


def _section_title() -> ReportDef:
    report = clean()
    report[block_index(report, FIVE)] = ("p", "五、存在问题及改进情况")
    return report


def _applications_table(report: ReportDef) -> list[Row]:
    return table_after(report, "三、收到和处理政府信息公开申请情况")


def _applications_balance() -> ReportDef:
    # 四、结转下年度 one more for 自然人 (its 总计 too, so the row still adds up): 一 + 二 ≠ 七 + 四.
    report = clean()
    set_values(_applications_table(report), "四、结转下年度继续办理", {NATURAL: "2", TOTAL: "3"})
    return report


def _applications_results_total() -> ReportDef:
    # （一）予以公开 one more for 自然人 (row total too): （七）总计 is no longer the sum of the results.
    report = clean()
    set_values(_applications_table(report), "（一）予以公开", {NATURAL: "19", TOTAL: "24"})
    return report


def _applicant_total() -> ReportDef:
    # 一、本年新收 总计 39 → 38: no longer the sum of the six applicant columns.
    report = clean()
    set_values(_applications_table(report), "一、本年新收政府信息公开申请数量", {TOTAL: "38"})
    return report


def _review_litigation_total() -> ReportDef:
    # 行政复议 总计 4 → 5: 维持 2 + 纠正 1 + 其他 0 + 尚未审结 1 = 4.
    report = clean()
    rows = table_after(report, "四、政府信息公开行政复议、行政诉讼情况")
    rows[-1][4] = "5"
    return report


def _blank_cell() -> ReportDef:
    report = clean()
    # A row of zeros left blank, so no arithmetic changes: only the blanks are wrong.
    set_values(_applications_table(report), "2.其他法律行政法规禁止公开", dict.fromkeys(range(7), ""))
    return report


def _invalid_number() -> ReportDef:
    report = clean()
    set_values(table_after(report, "二、主动公开政府信息情况"), "行政规范性文件", {0: "1.5"})
    return report


def _empty_other_matters() -> ReportDef:
    report = clean()
    start, end = section_blocks(report, SIX)
    report[start + 1 : end] = [("p", "无。")]
    return report


def _missing_processing_fee() -> ReportDef:
    report = clean()
    start, end = section_blocks(report, SIX)
    report[start + 1 : end] = [
        ("p", "认真落实上级年度政务公开工作要点，人大代表建议和政协提案办理结果均已公开。")
    ]
    return report


def _garbled_text() -> ReportDef:
    # As in seed 001: characters lost on export show as ???? stuck to the front of a heading.
    report = clean()
    report[block_index(report, "一、总体情况")] = ("p", "????一、总体情况")
    return report


def _statistical_period() -> ReportDef:
    report = clean()
    replace_in_paragraph(report, "2024年1月1日至2024年12月31日", "2024年1月1日至2024年11月30日")
    return report


def _narrative_mismatch() -> ReportDef:
    # The prose claims every application was closed, while the table carries 2 into next year.
    report = clean()
    replace_in_paragraph(report, "办结40件，结转下年度继续办理2件，均在法定期限内答复", "已全部按期答复办结")
    return report


def _narrative_figures() -> ReportDef:
    # 一 says no review was filed while table 四 holds one (the clean report's 四 has 1 review).
    report = clean()
    replace_in_paragraph(
        report, "全年未发生政务公开责任追究情况。", "全年未发生政务公开责任追究情况，未发生政府信息公开行政复议。"
    )
    return report


def _published_late() -> ReportDef:
    # A county bureau (a department, due by 1月31日) signs its report in March.
    report = clean()
    report.extend([("p", "云溪县自然资源局"), ("p", "2025年3月10日")])
    return report


def _published_before_year_end() -> ReportDef:
    # Last year's 落款 date left as it was.
    report = clean()
    report.extend([("p", "云溪县自然资源局"), ("p", "2024年1月20日")])
    return report


def _perfunctory_problems() -> ReportDef:
    report = clean()
    start, end = section_blocks(report, FIVE)
    report[start + 1 : end] = [("p", "工作还有差距，今后继续努力。")]
    return report


def _incomplete_overview() -> ReportDef:
    # 一 keeps only 主动公开 and 依申请公开.
    report = clean()
    start = block_index(report, "（三）政府信息管理")
    end = block_index(report, "二、主动公开政府信息情况")
    del report[start:end]
    replace_in_paragraph(report, "全年在县政府门户网站自然资源专栏发布各类信息412条", "全年发布各类信息412条")
    replace_in_paragraph(report, "新制发行政规范性文件3件，同步发布解读材料。", "")
    return report


def _stale_year() -> ReportDef:
    report = clean()
    replace_in_paragraph(report, "全年在县政府门户网站自然资源专栏", "2023年，在县政府门户网站自然资源专栏")
    return report


def _no_statistical_period() -> ReportDef:
    report = clean()
    replace_in_paragraph(report, "本报告中所列数据的统计期限为2024年1月1日至2024年12月31日。", "")
    return report


def _other_matters_items() -> ReportDef:
    report = clean()
    start, end = section_blocks(report, SIX)
    report[start + 1 : end] = [("p", "本年度未发出收费通知，未收取信息处理费。")]
    return report


def _in_force_below_net_issued() -> ReportDef:
    # 3 issued, 1 repealed, but only 1 in force: last year's count would be −1.
    report = clean()
    set_values(table_after(report, "二、主动公开政府信息情况"), "行政规范性文件", {2: "1"})
    return report


def _regulations_without_power() -> ReportDef:
    # A county bureau reporting 规章 in force.
    report = clean()
    set_values(table_after(report, "二、主动公开政府信息情况"), "规章", {2: "4"})
    return report


def _missing_title() -> ReportDef:
    report = clean()
    del report[0]
    return report


def _table_structure() -> ReportDef:
    # No （七）总计 row; the 三、本年度办理结果 cell spans one row less, so the grid stays whole.
    report = clean()
    rows = _applications_table(report)
    del rows[row_index(rows, "（七）总计")]
    row = rows[row_index(rows, "三、本年度办理结果")]
    text, rowspan, colspan = row[0]  # type: ignore[misc]
    assert text == "三、本年度办理结果"
    row[0] = (text, rowspan - 1, colspan)
    return report


# Section 二 as the superseded 2019 trial layout (国办公开办函〔2019〕60号) wrote it.
OLD_SECTION_TWO: list[Row] = [
    [("第二十条第（一）项", 1, 4)],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ["规章", "0", "0", "0"],
    ["规范性文件", "3", "3", "12"],
    [("第二十条第（五）项", 1, 4)],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "14", "0", "156"],
    ["其他对外管理服务事项", "0", "0", "0"],
    [("第二十条第（六）项", 1, 4)],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政处罚", "6", "0", "23"],
    ["行政强制", "1", "0", "2"],
    [("第二十条第（八）项", 1, 4)],
    ["信息内容", "上一年项目数量", ("本年增/减", 1, 2)],
    ["行政事业性收费", "1", ("0", 1, 2)],
    [("第二十条第（九）项", 1, 4)],
    ["信息内容", "采购项目数量", ("采购总金额", 1, 2)],
    ["政府集中采购", "2", ("15.5", 1, 2)],
]


def _old_format_table() -> ReportDef:
    report = clean()  # a 2024 report: the old layout is an error there, not a warning
    rows = table_after(report, "二、主动公开政府信息情况")
    rows[:] = copy.deepcopy(OLD_SECTION_TWO)
    return report


def _row_label_wording() -> ReportDef:
    report = clean()
    rows = _applications_table(report)
    row = rows[row_index(rows, "2.其他法律行政法规禁止公开")]
    index = next(i for i, cell in enumerate(row) if cell_text(cell) == "2.其他法律行政法规禁止公开")
    row[index] = "2.其他法律行政止公开"  # a real typo: 法规禁 lost
    return report


def _value_with_note() -> ReportDef:
    report = clean()
    set_values(table_after(report, "二、主动公开政府信息情况"), "行政规范性文件", {0: "3件"})
    return report


def _legacy_format() -> ReportDef:
    report = clean()
    for index, (kind, content) in enumerate(report):
        if kind == "p":
            report[index] = ("p", str(content).replace("2024年", "2017年").replace("2025年", "2018年"))
    return report


VARIANTS: dict[str, Callable[[], ReportDef]] = {
    "clean": clean,
    "missing-section": _missing_section,
    "section-order": _section_order,
    "section-title": _section_title,
    "old-format-table": _old_format_table,
    "table-structure": _table_structure,
    "applications-balance": _applications_balance,
    "applications-results-total": _applications_results_total,
    "applicant-total": _applicant_total,
    "review-litigation-total": _review_litigation_total,
    "empty-other-matters": _empty_other_matters,
    "missing-processing-fee": _missing_processing_fee,
    "garbled-text": _garbled_text,
    "statistical-period": _statistical_period,
    "missing-title": _missing_title,
    "narrative-mismatch": _narrative_mismatch,
    "blank-cell": _blank_cell,
    "invalid-number": _invalid_number,
    "row-label-wording": _row_label_wording,
    "value-with-note": _value_with_note,
    "legacy-format": _legacy_format,
    "narrative-figures": _narrative_figures,
    "published-late": _published_late,
    "published-before-year-end": _published_before_year_end,
    "perfunctory-problems": _perfunctory_problems,
    "incomplete-overview": _incomplete_overview,
    "stale-year": _stale_year,
    "no-statistical-period": _no_statistical_period,
    "other-matters-items": _other_matters_items,
    "in-force-below-net-issued": _in_force_below_net_issued,
    "regulations-without-power": _regulations_without_power,
}
"""Rule name → builder of CLEAN_2021 with that rule's defect ("clean": none)."""

# Rules with no variant, and why.
NOT_VARIED = {
    "parse-error": "text a text export cannot place; an editor's HTML or Word report has no such stray text",
    "unseparated-cells": "glued digits of a crawled page; HTML and Word cells are always separated",
    **dict.fromkeys(
        (
            "carried-over-continuity",
            "in-force-continuity",
            "repealed-exceeds-in-force",
            "copied-from-previous-year",
            "tables-copied-from-previous-year",
            "years-not-compared",
        ),
        "across years: a pair of reports, not one (tests/year_pairs.py generates pairs; test_years.py)",
    ),
}


# ---------------------------------------------------------------------------------------------
# A seed's `|`-cell text → a definition

# A cell that is a value or a placeholder (giplint/parse/cells.py, loosely), not a label.
_VALUE_CELL = re.compile(r"[-+]?[\d,]+(?:\.\d+)?(?:万元|元|件)?|/|—+|-+|不适用|N/A|无|")


def split_cells(text: str) -> list[str]:
    """The cells of a run of `|` lines: each `|` closes one cell, its text stripped ("" = blank).

    "X |" is a cell, "0\\n|" (a value on its own line before its `|`) is one cell, "|||" are
    three blank cells: what the text reader reads (giplint/parse/tables/segments.py, `_pipe_segment`).
    """
    pieces = text.split("|")
    if pieces[-1].strip():
        raise ValueError(f"text after the last | of a table: {pieces[-1]!r}")
    return [piece.strip() for piece in pieces[:-1]]


def _is_label(cell: str) -> bool:
    return _VALUE_CELL.fullmatch(cell) is None


def group_rows(cells: list[str]) -> list[Row]:
    """A label cell starts a new row; the last cell of each row spans to the grid's width."""
    rows: list[list[str]] = []
    for cell in cells:
        if not rows or _is_label(cell):
            rows.append([cell])
        else:
            rows[-1].append(cell)
    width = max(len(row) for row in rows)
    out: list[Row] = []
    for row in rows:
        span = width - len(row) + 1
        last: Cell = (row[-1], 1, span) if span > 1 else row[-1]
        out.append([*row[:-1], last])
    return out


def seed_to_report(text: str, *, layout: str = "rows") -> ReportDef:
    """A seed export as a definition: paragraphs and tables, cells in the seed's order.

    A line holding a `|` is table material, and so is a line without one inside a table when the
    next line starts with `|` (the seed's value-before-its-bar layout). Blank lines are dropped
    (neither HTML paragraphs nor Word paragraphs keep them).
    """
    if layout not in ("rows", "column"):
        raise ValueError(layout)
    lines = text.splitlines()
    report: ReportDef = []
    table: list[str] = []

    def flush() -> None:
        if not table:
            return
        cells = split_cells("\n".join(table))
        rows = group_rows(cells) if layout == "rows" else [[cell] for cell in cells]
        report.append(("table", rows))
        table.clear()

    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line or (table and line.strip() and following.lstrip().startswith("|")):
            table.append(line)
            continue
        flush()
        if line.strip():
            report.append(("p", line.strip()))
    flush()
    return report
