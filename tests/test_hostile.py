"""Hardening, second pass (issue 21): each test reproduces one attack on giplint as an attacker or a
CI operator would try it, and asserts the bounded outcome: bounded time and memory, one Chinese
line and exit 2 for the hostile file, every other file still checked, no input overwritten, no
escape sequence on the terminal. The expensive attacks run in a child process under an address-
space limit (`resource.setrlimit`) and are marked slow."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, lint_file

from giplint import grammars
from giplint.layouts import ColumnSpec
from giplint.parse.cells import MAX_DIGITS, number

CLEAN = REPORTS / "clean-2021.txt"
GIB = 1 << 30


def limited(
    *args: str, memory: int = GIB, timeout: float = 120, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m giplint ARGS` in a child limited to `memory` bytes of address space."""

    def limit() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    environment = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "giplint", *args],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        cwd=cwd,
        timeout=timeout,
        preexec_fn=limit,
    )


# -- 2. long lines: bounded regex memory --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "content",
    [b"x" * (20 * 10**6 - 16), b"|" * (20 * 10**6 - 16), b"1 |\n" * (5 * 10**6 - 4)],
    ids=["x", "pipes", "cell-lines"],
)
def test_twenty_megabyte_line_fits_in_one_gigabyte(tmp_path: Path, content: bytes) -> None:
    report = tmp_path / "long.txt"
    report.write_bytes(content)
    result = limited("--no-cache", "--format", "concise", str(report), env={"GIPLINT_NO_CACHE": "1"})
    assert "MemoryError" not in result.stderr and "内部错误" not in result.stderr, result.stderr[-500:]
    assert result.returncode == 1, result.stderr[-500:]
    assert "GIP101" in result.stdout


def test_possessive_repeats_drop_to_greedy_ones_on_python_310(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "grammar" / "report.lark").read_text(encoding="utf-8")
    assert "*+" in text and "++" in text
    monkeypatch.setattr(sys, "version_info", (3, 10, 0))
    portable = grammars._portable(text)
    rules = [line for line in portable.splitlines() if line.startswith(("CELLS", "TEXT"))]
    assert len(rules) == 2 and not any("*+" in line or "++" in line for line in rules)
    assert portable.count("\n") == text.count("\n")
    monkeypatch.undo()
    assert grammars._portable(text) == text


# -- 5. a figure of thousands of digits is invalid-number ---------------------------------------------


@pytest.mark.parametrize("figure", ["9" * 5000, "9" * 5000 + ".5", "1" + "0" * 5000 + "件", "1," + ",".join(["000"] * 2000)])
def test_a_run_of_thousands_of_digits_is_an_invalid_number(tmp_path: Path, figure: str) -> None:
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    assert lines[26] == "2 |"
    lines[26] = f"{figure} |"
    report = tmp_path / "digits.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    found = [d for d in lint_file(report) if d.rule_id == "GIP407"]
    assert [d.span.line for d in found] == [27]


def test_a_figure_over_the_digit_limit_is_not_a_number() -> None:
    count, fee = ColumnSpec("n", "件数"), ColumnSpec("fee", "收费金额", decimal=True)
    assert number("9" * MAX_DIGITS, count) == (int("9" * MAX_DIGITS), True, "")
    assert number("9" * (MAX_DIGITS + 1), count) == (None, False, "")
    assert number("9" * (MAX_DIGITS - 1) + ".55", fee) == (None, False, "")
