"""../shared/seeds/EXPECTED.md as assertions: the must findings, and none of the must-NOT ones.

Also the "Done when" of the rules issue: a copy of seed 004 with any single table number changed
yields the matching arithmetic error(s), with the right expected and actual values.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEEDS, lint_file, need_shared

from giplint.diagnostics import Severity

ARITHMETIC = {
    "applications-balance",
    "applications-results-total",
    "applicant-total",
    "review-litigation-total",
}

# prefix -> (must: rule name -> number of findings, exactly), must NOT: rule names. The "should"
# lines (narrative against tables) are held to as well: 000 says all 16 were answered while the
# table carries 1 into next year; 003's 127 行政许可, 15 行政处罚 and 16 applications agree.
EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "000": ({"missing-section": 1, "blank-cell": 2, "missing-title": 1, "narrative-mismatch": 1}, ARITHMETIC),
    "001": (
        {"old-format-table": 2, "empty-other-matters": 1, "garbled-text": 2},
        ARITHMETIC | {"missing-section"},
    ),
    "002": ({"section-title": 1}, ARITHMETIC | {"empty-other-matters", "missing-processing-fee"}),
    "003": ({"empty-other-matters": 1}, ARITHMETIC | {"narrative-mismatch"}),
    "004": ({}, set()),
}

# Findings the seeds must give, but only at info: seed 001 is a 2020 report, and for 2019 and 2020
# the trial layout was the mandated one and 六 = 无 was allowed (issue 17 d, e).
INFO_ONLY: dict[str, set[str]] = {"001": {"old-format-table", "empty-other-matters"}}


def seed(prefix: str) -> Path:
    need_shared()
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_findings(prefix: str) -> None:
    diagnostics = lint_file(seed(prefix))
    must, must_not = EXPECTED[prefix]
    names = [d.rule_name for d in diagnostics]
    for name, count in must.items():
        assert names.count(name) == count, (name, names)
    assert not must_not & set(names)
    at_warning = {d.rule_name for d in diagnostics if d.severity >= Severity.WARNING}
    assert at_warning == {n for n in must if n != "missing-title"} - INFO_ONLY.get(prefix, set()), at_warning


def test_seed_000_specifics() -> None:
    diagnostics = lint_file(seed("000"))
    missing = next(d for d in diagnostics if d.rule_name == "missing-section")
    assert "六、其他需要报告的事项" in missing.message
    blanks = [d for d in diagnostics if d.rule_name == "blank-cell"]
    assert [d.span.line for d in blanks] == [270, 272]  # (六) sub-rows 2 and 3


def test_seed_001_old_format_is_info_for_2020_and_names_the_labels() -> None:
    """The 2019 trial layout was the mandated one for a 2020 report: a note that the 2021 layout
    applies from the 2021 report on, not a warning that it is superseded (issue 17 d)."""
    diagnostics = [d for d in lint_file(seed("001")) if d.rule_name == "old-format-table"]
    assert {d.severity for d in diagnostics} == {Severity.INFO}
    assert all("已废止" not in d.message and "2021年及以后" not in d.hint for d in diagnostics)
    empty_six = [d for d in lint_file(seed("001")) if d.rule_name == "empty-other-matters"]
    assert [d.severity for d in empty_six] == [Severity.INFO]  # the 2019 format required no fee statement
    text = " ".join(d.message for d in diagnostics)
    for label in ("本年新制作数量", "上一年项目数量", "其他对外管理服务事项", "政府集中采购", "其他处理"):
        assert label in text
    garbled = [d for d in lint_file(seed("001")) if d.rule_name == "garbled-text"]
    assert [(d.span.line, d.span.column) for d in garbled] == [(1, 1), (301, 4)]


def test_seed_003_six_is_an_error_for_2024() -> None:
    diagnostic = next(d for d in lint_file(seed("003")) if d.rule_name == "empty-other-matters")
    assert diagnostic.severity is Severity.ERROR


# -- seed 004 with one number changed ---------------------------------------------------------------

_CELL = re.compile(r"^(\d+) \|( \|\|?)?$")


def _numeric_lines(path: Path) -> list[int]:
    """Line indexes of the numbers of tables 三 and 四 in seed 004 (each cell is a line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    return [i for i in range(start, end) if _CELL.match(lines[i])]


def _expected_arithmetic(row: str, column: str, group: str | None) -> set[str]:
    """Which identities a +1 in one cell breaks, from the format's arithmetic alone."""
    if group is not None:
        return {"review-litigation-total"}
    broken = {"applicant-total"}
    if row in ("new_received", "carried_over", "carried_forward"):
        broken.add("applications-balance")
    elif row == "results_total":
        broken |= {"applications-results-total", "applications-balance"}
    else:
        broken.add("applications-results-total")
    return broken


def test_seed_004_any_single_number_changed(tmp_path: Path) -> None:
    from giplint.layouts import APPLICANT_COLUMNS, APPLICATIONS_2021, OUTCOME_COLUMNS, REVIEW_LITIGATION

    original = seed("004")
    lines = original.read_text(encoding="utf-8").split("\n")
    numeric = _numeric_lines(original)
    table3 = [(r.key, c.key, None) for r in APPLICATIONS_2021.rows for c in APPLICANT_COLUMNS]
    table4 = [(r.key, c.key, r.key) for r in REVIEW_LITIGATION.rows for c in OUTCOME_COLUMNS]
    cells = table3 + table4
    assert len(numeric) == len(cells) == 175 + 15
    for index, (row, column, group) in zip(numeric, cells, strict=True):
        changed = list(lines)
        changed[index] = changed[index].replace("0", "1", 1)  # every number of seed 004's tables is 0
        copy = tmp_path / f"{row}.{column}.txt"
        copy.write_text("\n".join(changed), encoding="utf-8")
        found = [d for d in lint_file(copy) if d.rule_name in ARITHMETIC]
        assert {d.rule_name for d in found} == _expected_arithmetic(row, column, group), (row, column)
        for diagnostic in found:
            # the changed total reads 1 where 0 is expected, or a total of 0 where the parts make 1
            assert re.search(r"(为|=) ?[01].*(为|=) ?[01]", diagnostic.message), diagnostic.message
            numbers = [int(n) for n in re.findall(r"(?:为|=) ?(\d+)", diagnostic.message)]
            assert sorted(numbers[-2:]) == [0, 1], diagnostic.message
