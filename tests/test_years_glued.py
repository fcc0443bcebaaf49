"""Glued rows across years (issue 18 item 7): last year's figures and the cross-year equality
separate a glued row of table 二 when one reading is left, and a break that holds under every
reading is reported (giplint/years/separate.py)."""

from __future__ import annotations

from conftest import REPORTS

from giplint.model import CellStatus, Report
from giplint.parse import parse_document
from giplint.source import read_text
from giplint.years.separate import SEPARATED_BY, separate

GLUED = "行政规范性文件12160"  # this year: 1/2/160, 1/21/60, 1/216/0, 12/1/60, 12/16/0, 121/6/0


def _report(name: str, old: str = "", new: str = "", year: tuple[str, str] = ("", "")) -> Report:
    text = (REPORTS / name).read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1
        text = text.replace(old, new)
    if year[0]:
        text = text.replace(year[0], year[1])
    return parse_document(read_text(name, text.encode("utf-8")))


def _normative(report: Report) -> list[tuple[object, CellStatus, str]]:
    table = report.table("active_disclosure")
    assert table is not None
    return [(c.value, c.status, c.separated_by) for c in table.row("normative_documents").values()]


def _separated(
    this_year: Report, last_year: Report
) -> tuple[list[tuple[object, CellStatus, str]], list[str]]:
    table = this_year.table("active_disclosure")
    assert table is not None
    separated, broken = separate(table, last_year)
    values = [(c.value, c.status, c.separated_by) for c in separated.row("normative_documents").values()]
    return values, [f"{i.rule} {i.row} {i.found}" for i in broken]


def test_last_years_figure_leaves_one_reading() -> None:
    """Last year in force 4: only 12/16/0 continues it (4 + 12 − 16 = 0)."""
    this_year = _report("glued-ambiguous.txt")
    assert {status for _, status, _ in _normative(this_year)} == {CellStatus.UNSEPARATED}
    last_year = _report(
        "previous-2023.txt", "行政规范性文件 |\n2 |\n1 |\n5 |", "行政规范性文件 |\n2 |\n1 |\n4 |"
    )
    values, broken = _separated(this_year, last_year)
    assert values == [
        (12, CellStatus.VALUE, SEPARATED_BY),
        (16, CellStatus.VALUE, SEPARATED_BY),
        (0, CellStatus.VALUE, SEPARATED_BY),
    ]
    assert broken == []


def test_a_break_under_every_reading_is_one_issue() -> None:
    this_year = _report("glued-ambiguous.txt")
    values, broken = _separated(this_year, _report("previous-2023.txt"))  # last year in force 5
    assert {status for _, status, _ in values} == {CellStatus.UNSEPARATED}
    assert broken == ["GIP502 normative_documents 12160"]


def test_both_years_glued() -> None:
    """Last year's row glued too: any of its readings may continue into this year's."""
    this_year = _report("glued-ambiguous.txt")
    # 2105: 2/10/5 or 21/0/5 — in force 5 either way, which no reading of 12160 continues
    last_year = _report("glued-ambiguous.txt", GLUED, "行政规范性文件2105", ("2024", "2023"))
    assert _separated(this_year, last_year)[1] == ["GIP502 normative_documents 12160"]
    # 1034: 1/0/34 or 10/3/4 — in force 34 or 4; only 12/16/0 continues 4
    last_year = _report("glued-ambiguous.txt", GLUED, "行政规范性文件1034", ("2024", "2023"))
    values, broken = _separated(this_year, last_year)
    assert [v for v, _, _ in values] == [12, 16, 0] and broken == []


def test_several_readings_left_say_nothing() -> None:
    """12116 with last year in force 5: 12/1/16 and 12/11/6 both continue it; the row stays
    unseparated and nothing is said."""
    this_year = _report("glued-ambiguous.txt", GLUED, "行政规范性文件12116")
    values, broken = _separated(this_year, _report("previous-2023.txt"))
    assert {status for _, status, _ in values} == {CellStatus.UNSEPARATED} and broken == []
