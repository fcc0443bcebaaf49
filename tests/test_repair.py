"""The repair hint of GIP301–GIP304 (issue 16 item 3): the one cell that would make a table add up.

Reports are generated from the clean report definition (tests/report_defs.py): every cell of
tables 三 and 四 that stands in an identity is made wrong, one at a time, and the report linted
for real. In table 三 every such cell stands in two identities or more, so the hint must name
that cell — table, row and column in the form's words — and its true value, and claim that the
table then adds up. Table 四 has one identity per row: one wrong figure is always explained by
two cells or more (the figure, its 总计), so the hint must list the true cell and value among the
readings and claim none. Two wrong cells that no single change explains: no claim, the sums by
name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import registry
from render_formats import canonical_lines
from report_defs import ReportDef, Row
from report_variants import clean, table_after

from giplint import layouts
from giplint.diagnostics import Diagnostic
from giplint.identities import for_table
from giplint.lint import lint_bytes

THREE = "三、收到和处理政府信息公开申请情况"
FOUR = "四、政府信息公开行政复议、行政诉讼情况"
SUMS = ("GIP301", "GIP302", "GIP303", "GIP304")
UNIQUE = "本表所有勾稽关系均成立"


def _lint(report: ReportDef) -> list[Diagnostic]:
    reg = registry()
    text = "".join(line + "\n" for line in canonical_lines(report))
    result = lint_bytes("generated.txt", text.encode("utf-8"), reg.rules, reg.kinds, reg.readers)
    assert not result.failures, result.failures
    return [d for d in result.diagnostics if d.rule_id in SUMS]


def _bearing(table: str) -> set[str]:
    """Row keys (table 三) or column keys (table 四) that stand in an identity of this year."""
    return {
        name for identity in for_table(table, "2021") if not identity.cross_year for name in identity.names
    }


def _value_rows(rows: list[Row], count: int) -> list[Row]:
    """The rows of a table definition that hold figures: the last `count` rows."""
    return rows[-count:]


def _cells(table: str) -> Iterator[tuple[str, str, int, int]]:
    """(row key, column key, index of the row among the value rows, index of the cell from the
    row's end) of every identity-bearing cell, in the layout's order."""
    spec = layouts.layout_for(table, "2021")
    assert spec is not None
    bearing = _bearing(table)
    if table == "applications":
        for index, row in enumerate(spec.rows):
            for position, column in enumerate(row.columns):
                if row.key in bearing:
                    yield row.key, column.key, index, len(row.columns) - position
        return
    flat = [(row.key, column.key) for row in spec.rows for column in row.columns]  # table 四: one line
    for position, (row_key, column_key) in enumerate(flat):
        if column_key in bearing:
            yield row_key, column_key, 0, len(flat) - position


def _with_change(table: str, row_index: int, from_end: int, delta: int) -> tuple[ReportDef, int, int]:
    """The clean report with one figure changed by `delta`: (report, true figure, written)."""
    report = clean()
    spec = layouts.layout_for(table, "2021")
    assert spec is not None
    rows = _value_rows(
        table_after(report, THREE if table == "applications" else FOUR),
        len(spec.rows) if table == "applications" else 1,
    )
    row = rows[row_index]
    cell = row[-from_end]
    true = int(cell if isinstance(cell, str) else cell[0])
    written = true + delta
    row[-from_end] = str(written) if isinstance(cell, str) else (str(written), cell[1], cell[2])
    return report, true, written


def _named(table: str, row: str, column: str) -> str:
    row_label, column_label = layouts.cell_labels(table, "2021", row, column)
    return f"“{row_label}/{column_label}”"


def test_the_clean_report_adds_up() -> None:
    assert _lint(clean()) == []


def _one_wrong(table: str, delta: int) -> Iterator[tuple[str, str, int, int, list[Diagnostic]]]:
    """Each identity-bearing cell of `table` made wrong by `delta`, alone: (row, column, true
    figure, written figure, the sums' findings). A cell that would go negative is left out (the
    reader does not take a negative count as a figure); the count of cells is checked."""
    seen = 0
    for row, column, row_index, from_end in _cells(table):
        seen += 1
        report, true, written = _with_change(table, row_index, from_end, delta)
        if written >= 0:
            yield row, column, true, written, _lint(report)
    assert seen == (25 * 7 if table == "applications" else 15)  # every cell stands in an identity


@pytest.mark.parametrize("delta", [1, -1])
def test_one_wrong_cell_of_table_three_is_named_with_its_true_value(delta: int) -> None:
    checked = 0
    for row, column, true, written, findings in _one_wrong("applications", delta):
        assert findings, (row, column)
        claim = (
            f"可能是表三{_named('applications', row, column)}填错（现填 {written}）：若为 {true}，{UNIQUE}"
        )
        for finding in findings:
            assert claim in finding.hint, (row, column, finding.hint)
        checked += 1
    assert checked == 25 * 7 if delta > 0 else checked > 40  # with -1, the cells that are not 0


@pytest.mark.parametrize("delta", [1, -1])
def test_one_wrong_cell_of_table_four_is_among_the_readings_and_none_is_claimed(delta: int) -> None:
    checked = 0
    for row, column, true, _, findings in _one_wrong("review_litigation", delta):
        assert [f.rule_id for f in findings] == ["GIP304"], (row, column, findings)
        hint = findings[0].hint
        assert "可能是" not in hint and UNIQUE not in hint, hint
        assert f"{_named('review_litigation', row, column)}改为 {true}" in hint, (row, column, hint)
        assert "无法确定是哪一个单元格填错" in hint, hint
        checked += 1
    assert checked == 15 if delta > 0 else checked > 5


def _granted(rows: list[Row]) -> Row:
    """Table 三's （一）予以公开 row (its label a plain cell or a merged one)."""
    return next(
        r
        for r in rows
        if any(c == "（一）予以公开" or (isinstance(c, tuple) and c[0] == "（一）予以公开") for c in r)
    )


def test_two_wrong_cells_one_cell_cannot_explain_claim_nothing_and_name_the_sums() -> None:
    report = clean()
    rows = table_after(report, THREE)
    granted = _granted(rows)
    not_held = next(r for r in rows if "1.本机关不掌握相关政府信息" in r)
    granted[-7] = str(int(str(granted[-7])) + 1)  # 予以公开 / 自然人
    not_held[-6] = str(int(str(not_held[-6])) + 1)  # 本机关不掌握 / 商业企业
    findings = _lint(report)
    assert {f.rule_id for f in findings} == {"GIP302", "GIP303"}
    for finding in findings:
        assert "可能是" not in finding.hint and "改为" not in finding.hint, finding.hint
        assert "没有哪一个单元格改正后能使本表所有勾稽关系成立" in finding.hint, finding.hint
    results = next(f for f in findings if f.rule_id == "GIP302" and f.column == "自然人")
    assert "予以公开 19 + 部分公开 3 + 属于国家秘密 1 + " in results.hint, results.hint
    assert not re.search(r"(?<![\u4e00-\u9fff”）]) ?\d+ \+ \d+", results.hint), "bare numbers in the sum"


def test_a_long_sum_counts_its_zero_terms_instead_of_listing_them() -> None:
    """GIP302's 21 results by name: the nonzero ones listed, the zeros counted, all 21 accounted for."""
    report = clean()
    rows = table_after(report, THREE)
    granted = _granted(rows)
    granted[-7] = str(int(str(granted[-7])) + 1)  # 予以公开 / 自然人: (七)总计 no longer its sum
    results = next(f for f in _lint(report) if f.rule_id == "GIP302" and f.column == "自然人")
    listed = results.hint.split("各项办理结果：", 1)[1]
    match = re.fullmatch(r"(.+)（其余 (\d+) 项为 0）。", listed)
    assert match, results.hint
    terms = match[1].split(" + ")
    assert all(not term.endswith(" 0") for term in terms), terms
    assert len(terms) + int(match[2]) == 21, (terms, match[2])
    assert terms[0].startswith("予以公开 "), terms
