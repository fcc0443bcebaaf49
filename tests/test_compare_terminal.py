"""`giplint compare` in a terminal and redirected (issue 16 item 7): the changed figures only, in
the table's order, prose wrapped at a terminal's width, and a file as wide as its lines."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import REPORTS, parse_file, registry, run_cli
from rich.cells import cell_len
from year_pairs import year_before

from giplint.output.render import make_console
from giplint.years.compare import compare_reports, render_comparison

NEW = REPORTS / "clean-2021.txt"
OLD_LAYOUT = REPORTS / "old-layout-2020.txt"


def _last_year(tmp_path: Path) -> Path:
    """Last year's report: 规章 现行有效 1 (now 0: -1), 行政规范性文件 现行有效 9 more than this year's
    figures imply (a change of -8)."""
    last = tmp_path / "2023.txt"
    text = year_before(parse_file(NEW), in_force_delta={"regulations": 1, "normative_documents": 9})
    last.write_text(text, encoding="utf-8")
    return last


def _grid(out: str, title: str) -> list[str]:
    """The body rows of the table titled `title` (between its header rule and its bottom rule)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    body = lines[start + 4 :]
    return body[: next(i for i, line in enumerate(body) if line.startswith("└"))]


def test_only_the_changed_figures_of_changed_rows_in_table_order(tmp_path: Path) -> None:
    code, out, _ = run_cli("compare", str(_last_year(tmp_path)), str(NEW))
    assert code == 0
    grid = [line for line in _grid(out, "二、主动公开") if line.startswith("│")]
    rows = [[cell.strip() for cell in line.strip("│").split("│")] for line in grid]
    new = parse_file(NEW).table("active_disclosure")
    assert new is not None
    issued, repealed, in_force = (new.cell("normative_documents", c) for c in ("issued", "repealed", "in_force"))
    assert issued and repealed and in_force and in_force.value is not None
    last_in_force = in_force.value - issued.value + repealed.value + 9  # type: ignore[operator]
    assert rows == [  # 规章 (-1) before 行政规范性文件 (-8): the form's order, not the size of the change
        ["规章", "现行有效件数", "1", "0", "-1"],
        ["行政规范性文件", "现行有效件数", str(last_in_force), str(in_force.value), f"{in_force.value - last_in_force}"],
    ]
    # table 二's 10 figures less the 2 changed: 制发 and 废止 of both rows and the four rows of one
    # figure each (行政许可, 行政处罚, 行政强制, 行政事业性收费), counted on one line
    assert "两年相同的数字：8 个（其中整行相同 4 行）" in out.splitlines()
    assert "本年制发件数" not in "".join(grid) and "本年废止件数" not in "".join(grid)


def test_a_redirected_comparison_is_as_wide_as_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Written to a file (not a terminal) nothing is cut or wrapped at 80 columns, whatever
    COLUMNS says: each note is one line, the table's labels whole."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run_cli("compare", str(OLD_LAYOUT), str(NEW))
    assert code == 0
    notes = [line for line in out.splitlines() if line.startswith("不可比")]
    assert len(notes) == 2 and all(cell_len(line) > 200 for line in notes)
    assert notes[0].endswith("政府集中采购（采购项目数量、采购总金额）")
    assert "本年收费金额(单位:万元)" in notes[0]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_in_a_terminal_prose_is_wrapped_at_its_width(width: int, tmp_path: Path) -> None:
    """A console `width` cells wide (a terminal's): no line is longer, and a path or a note is
    wrapped by rich between words, not cut by the terminal in the middle of one."""
    reg = registry()
    old, new = parse_file(OLD_LAYOUT), parse_file(NEW)
    buffer = io.StringIO()
    render_comparison(compare_reports(old, new, reg.rules, reg.kinds), make_console(buffer, False, width, wrap=True))
    lines = buffer.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    joined = "".join(lines)
    assert "政府集中采购（采购项目数量、采购总金额）" in joined  # wrapped, nothing lost
    paired = compare_reports(parse_file(_last_year(tmp_path)), new, reg.rules, reg.kinds)
    buffer = io.StringIO()
    render_comparison(paired, make_console(buffer, False, width, wrap=True))
    shown = buffer.getvalue()
    assert re.search(r"GIP502\s+警告", shown) and "[warning]" not in shown  # rich may wrap between them
    assert max(cell_len(line) for line in buffer.getvalue().splitlines()) <= width
