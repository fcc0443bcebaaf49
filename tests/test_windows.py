"""An install an office can do (issue 16 item 5): the Windows lines of the README, `python -m
giplint`, and output to a GBK stream (a Chinese Windows console, or its output redirected to a
file): correct Chinese, and ASCII for the few characters GBK has not (bars, −, ✓)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, parse_file
from year_pairs import year_before

from giplint.cli import main
from giplint.output.cells import _fallback

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLEAN = REPORTS / "clean-2021.txt"


def _fenced() -> list[str]:
    lines, fenced = [], False
    for line in README.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif fenced:
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize(
    "line",
    [
        "py -m venv .venv",
        ".venv\\Scripts\\activate",
        "pip install .",
        "giplint fixtures\\reports\\clean-2021.txt",
        "python -m giplint 年报.docx",
        "pipx install .",
        "uv tool install .",
    ],
)
def test_readme_shows_the_windows_lines(line: str) -> None:
    assert line in _fenced()


def test_readme_says_which_python_to_install() -> None:
    quick_start = README.split("## Tests")[0]
    for words in ("python.org", "3.10", "Add python.exe to PATH", "PowerShell", "cmd", "压缩包"):
        assert words in quick_start, words


def test_python_dash_m_giplint_is_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "giplint", str(REPORTS / "balance-error.txt"), "--format", "concise", "--no-cache"],
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 1 and result.stdout.count(": GIP301 ") == 2 and result.stderr == ""


# -- a GBK stream ----------------------------------------------------------------------------------


def _run(encoding: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """`giplint ARGS` with standard output a `encoding` stream that is strict, as the process's
    own is (main makes it tolerant), and what it wrote, decoded strictly."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="\n")
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding=encoding))
    monkeypatch.setenv("COLUMNS", "100")
    main(args)
    stream.flush()
    return raw.getvalue().decode(encoding)


def _in_gbk(text: str) -> str:
    """`text` as a GBK stream should show it: each character GBK has, itself; the rest, ASCII."""
    shown = []
    for char in text:
        try:
            char.encode("gbk")
            shown.append(char)
        except UnicodeEncodeError:
            shown.append(_fallback(char))
    return "".join(shown)


@pytest.fixture(scope="module")
def last_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Last year's report with a 现行有效件数 that does not carry over (GIP502: "… − 本年废止件数")."""
    path = tmp_path_factory.mktemp("years") / "2023.txt"
    path.write_text(year_before(parse_file(CLEAN), in_force_delta={"normative_documents": 2}), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github"])
def test_every_format_on_a_gbk_stream_is_chinese_with_ascii_fallbacks(
    fmt: str, last_year: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [str(CLEAN), "--previous", str(last_year), "--format", fmt, "--no-cache"]
    utf8 = _run("utf-8", args, monkeypatch)
    assert "−" in utf8  # the GIP502 message has a character GBK cannot encode
    gbk = _run("gbk", args, monkeypatch)
    assert gbk == _in_gbk(utf8)
    assert "\\u2212" not in gbk and "现行有效件数 + 本年制发件数 - 本年废止件数" in gbk


@pytest.mark.parametrize("args", [["rules"], ["explain", "GIP502"], ["explain", "GIP504"], ["parse", str(CLEAN)]])
def test_rules_explain_and_parse_on_a_gbk_stream(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    utf8 = _run("utf-8", args, monkeypatch)
    gbk = _run("gbk", args, monkeypatch)
    assert gbk == _in_gbk(utf8) and "\\u" not in gbk and "\\x" not in gbk


def test_compare_on_a_gbk_stream_draws_its_bars_in_ascii(last_year: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reuse bars were the literal text `\\u2591\\u2591…` on a Chinese Windows console."""
    gbk = _run("gbk", ["compare", str(last_year), str(CLEAN)], monkeypatch)
    assert "\\u" not in gbk and "░" not in gbk
    bars = [line for line in gbk.splitlines() if "一、总体情况" in line or "五、存在的主要问题" in line]
    assert len(bars) == 2 and all("." in line and "%" in line for line in bars)
    assert "行政规范性文件" in gbk and "现行有效件数" in gbk and "文字重复率" in gbk
