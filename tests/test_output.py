"""What an editor reads: help and usage errors, `giplint rules`/`explain`/`parse`, and the full
format's excerpts (control characters, terminal width, HTML sources, runs of alike findings)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
from conftest import REPORTS, registry, run_cli
from rich.cells import cell_len

from giplint.cli import _parser
from giplint.layouts import layout_for

CLEAN = REPORTS / "clean-2021.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
ARGPARSE_ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "show this help message",
    "show program's version",
    "the following arguments",
    "unrecognized arguments",
    "invalid choice",
    "invalid int value",
    "expected one argument",
)


# -- help and usage errors --------------------------------------------------------------------------


def _parsers() -> list[argparse.ArgumentParser]:
    parser = _parser()
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.extend(action.choices.values())
    return found


def test_every_option_and_argument_has_chinese_help() -> None:
    for parser in _parsers():
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and CJK.search(action.help), (
                parser.prog,
                action.option_strings or action.dest,
            )


@pytest.mark.parametrize("command", [[], ["check"], ["parse"], ["rules"], ["explain"]])
def test_help_has_no_english_argparse_boilerplate(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run_cli(*command, "--help")  # argparse prints help on sys.stdout itself
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("用法：")
    assert [phrase for phrase in ARGPARSE_ENGLISH if phrase in out] == []


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["check"], "缺少必需的参数：PATH"),
        (["parse"], "缺少必需的参数：FILE"),
        (["explain"], "缺少必需的参数：RULE"),
        ([str(CLEAN), "--bogus"], "无法识别的参数：--bogus"),
        ([str(CLEAN), "--format", "xml"], "参数 --format：无效的取值 'xml'（可选："),
        ([str(CLEAN), "--jobs", "many"], "参数 --jobs：'many' 不是整数"),
        ([str(CLEAN), "--select"], "参数 --select：需要一个值"),
    ],
)
def test_usage_errors_are_chinese_and_exit_two(args: list[str], chinese: str) -> None:
    code, out, err = run_cli(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"用法错误：{chinese}") and err.count("\n") == 1
    assert [phrase for phrase in ARGPARSE_ENGLISH if phrase in err] == []


# -- giplint rules / explain ------------------------------------------------------------------------


def test_rules_shows_every_message_whole_with_readable_placeholders() -> None:
    code, out, _ = run_cli("rules")
    assert code == 0
    assert "{" not in out and "}" not in out
    for rule in registry().rules:
        # the message's literal text, every piece of it, in order (fields become 〈…〉)
        pieces = [piece for piece in re.split(r"\{\w+\}", rule.message) if piece]
        pattern = "〈[^〉]+〉".join(re.escape(piece) for piece in pieces)
        assert re.search(pattern, out), rule.id
    assert "缺少“〈部分标题〉”部分。" in out


@pytest.mark.parametrize(
    "name", ["GIP301", "gip301", "Gip301", "applications-balance", "Applications-Balance"]
)
def test_explain_by_id_or_name_in_any_case(name: str) -> None:
    code, out, _ = run_cli("explain", name)
    assert code == 0 and out.startswith("GIP301 applications-balance")


def test_explain_unknown_rule_exits_two() -> None:
    code, out, err = run_cli("explain", "gip999")
    assert (code, out) == (2, "") and "未知的规则 gip999" in err


# -- giplint parse ----------------------------------------------------------------------------------


def test_parse_json_section_end_line_is_its_last_line() -> None:
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    code, out, _ = run_cli("parse", "--format", "json", str(CLEAN))
    sections = json.loads(out)[0]["sections"]
    assert code == 0
    starts = [s["span"]["line"] for s in sections]
    assert [s["end_line"] for s in sections] == [*(n - 1 for n in starts[1:]), len(lines) - 1]
    assert lines[len(lines) - 2].strip()  # the file's last line (before the final newline) is text


def test_parse_text_shows_chinese_labels_and_line_ranges() -> None:
    code, out, _ = run_cli("parse", str(CLEAN))
    assert code == 0
    assert "natural_person" not in out and "new_received" not in out and "=" not in out
    applications = layout_for("applications", "2021")
    assert applications is not None
    row = applications.row("new_received")
    assert row is not None
    assert f"      {row.label}：自然人 9，商业企业 2，科研机构 0" in out
    assert "  一、总体情况  [第3-14行]" in out
    assert "  六、其他需要报告的事项  [第341-342行]" in out
    assert "年度：2024（据标题）" in out


def test_parse_text_shows_blank_cells_by_their_state() -> None:
    code, out, _ = run_cli("parse", str(REPORTS / "blank-cells.txt"))
    assert code == 0 and "（空白）" in out and "<blank>" not in out


# -- full output ------------------------------------------------------------------------------------

FIXTURE_HTML = REPORTS.parent / "html" / "cms-report-2023.html"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _full(*args: str, columns: int = 80, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    return run_cli(*args)[1]


def _excerpts(out: str) -> list[tuple[str, str]]:
    """(source line, caret line) pairs of full output."""
    lines = out.split("\n")
    return [
        (line, lines[i + 1]) for i, line in enumerate(lines[:-1]) if " │ " in line and "^" in lines[i + 1]
    ]


def _under_carets(source: str, caret: str) -> str:
    """The characters of `source` that sit in the terminal cells the carets mark."""
    start, end = caret.index("^"), caret.rindex("^") + 1
    shown, used = [], 0
    for char in source:
        if start <= used < end:
            shown.append(char)
        used += cell_len(char)
    return "".join(shown)


def test_control_characters_from_a_report_are_shown_not_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ESC[3A ESC[J (cursor up, clear screen), an OSC window title and a C1 CSI in a heading."""
    hostile = "五、存在问题\x1b[3A\x1b[J及改进措施\x1b]0;pwned\x07\x9b2J"
    text = (
        (REPORTS / "section-title.txt").read_text(encoding="utf-8").replace("五、存在问题及改进措施", hostile)
    )
    path = _write(tmp_path, text)
    for fmt in ("full", "concise"):
        out = _full(str(path), "--format", fmt, monkeypatch=monkeypatch)
        assert CONTROLS.findall(out) == [], fmt
        assert "\\x1b[" in out and "\\x07" in out, fmt
    parsed = run_cli("parse", str(path))[1]
    assert CONTROLS.findall(parsed) == [] and "\\x1b[" in parsed and "\\x07" in parsed
    excerpt = _full(str(path), monkeypatch=monkeypatch)
    assert "\\x1b[3A\\x1b[J及改进措施\\x1b]0;pwned\\x07\\x9b2J" in excerpt


def test_excerpts_fit_80_columns_with_the_caret_under_the_span(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_paragraph = (
        "本机关认真落实政府信息公开条例，" * 8 + "????" + "，持续推进政务公开标准化规范化建设。" * 6
    )
    text = CLEAN.read_text(encoding="utf-8").replace("一、总体情况\n", f"一、总体情况\n{long_paragraph}\n", 1)
    path = _write(tmp_path, text)
    out = _full(str(path), str(REPORTS / "garbled-2021.txt"), monkeypatch=monkeypatch)
    excerpts = _excerpts(out)
    assert len(excerpts) >= 3
    for source, caret in excerpts:
        assert cell_len(source) <= 80 and cell_len(caret) <= 80, source
    marked = [_under_carets(source, caret) for source, caret in excerpts]
    assert marked.count("????") == 2 and "��" in marked


def test_html_excerpts_show_text_not_markup_with_the_caret_on_it(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _full(str(FIXTURE_HTML), monkeypatch=monkeypatch)
    excerpts = _excerpts(out)
    assert excerpts and all("<" not in source and "style=" not in source for source, _ in excerpts)
    marked = [_under_carets(source, caret) for source, caret in excerpts]
    assert "六、其他需要报告的事项" in marked and "26" in marked


def _blank_zero_rows() -> str:
    """clean-2021 with every lone 0 of table 三 left blank: many rows wholly blank, arithmetic intact."""
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    return "\n".join(
        " |" if 56 <= number < 300 and line == "0 |" else line for number, line in enumerate(lines, 1)
    )


def test_runs_of_alike_findings_are_shown_once_with_their_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, _blank_zero_rows())
    findings = [
        line for line in run_cli(str(path), "--format", "concise")[1].splitlines() if "GIP406" in line
    ]
    out = _full(str(path), monkeypatch=monkeypatch)
    headers = [line for line in out.splitlines() if " GIP406 blank-cell" in line]
    listed = re.findall(r"^    (\d+):(\d+) 表三 “", out, re.MULTILINE)
    totals = [int(n) for n in re.findall(r"同类问题还有 (\d+) 处", out)]
    assert len(findings) > len(headers) and totals and sum(totals) == len(listed)
    assert len(headers) + len(listed) == len(findings)  # every finding is shown, as a header or a place
    shown = {f"{path}:{line}:{column}:" for line, column in listed}
    assert shown <= {finding.split(" ")[0] for finding in findings}
    data = json.loads(run_cli(str(path), "--format", "json")[1])
    assert len([d for d in data[0]["diagnostics"] if d["rule"] == "GIP406"]) == len(findings)


def test_findings_at_one_place_come_in_section_order(tmp_path: Path) -> None:
    """Sections 二…六 missing after 一: one place, listed 二 三 四 五 六 (not by code point)."""
    head = "\n".join(CLEAN.read_text(encoding="utf-8").split("\n")[:14]) + "\n"
    path = _write(tmp_path, head)
    out = run_cli(str(path), "--format", "concise", "--select", "GIP101")[1]
    assert re.findall(r"缺少“(.)、", out) == list("二三四五六")


# -- configuration parser messages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        (".giplint.yaml", "select: [GIP1\nignore: x\n", 2),
        ("pyproject.toml", "[tool.giplint]\nselect = [GIP1\n", 2),
    ],
)
def test_yaml_and_toml_errors_explain_in_chinese_first(
    tmp_path: Path, name: str, content: str, line: int
) -> None:
    config = _write(tmp_path, content, name)
    code, _, err = run_cli(str(CLEAN), "--config", str(config))
    assert code == 2
    prefix = f"配置错误：{config}:{line}："
    assert err.startswith(prefix)
    explanation, _, parser_words = err[len(prefix) :].partition("解析器的原话：")
    assert "常见原因" in explanation
    assert re.findall(r"[A-Za-z]{4,}", explanation.replace("YAML", "").replace("TOML", "")) == []
    assert parser_words.strip()  # the parser's own words stay, after the explanation


@pytest.mark.parametrize("budget", [20, 33, 50, 70, 120])
@pytest.mark.parametrize(
    ("before", "marked", "after"),
    [
        ("", "一、总体情况", ""),
        ("本年度共主动公开政府信息" * 6, "????", "条，其中政策文件14条" * 6),
        ("ab" * 50, "演出和" * 40, "cd" * 50),  # a span wider than any terminal
        ("短", "x", ""),
        ("本年度" * 30, "", ""),  # a point at the end of a long line
    ],
)
def test_fit_keeps_the_marked_text_under_the_caret(budget: int, before: str, marked: str, after: str) -> None:
    from giplint.output.render import _fit

    shown, start, width = _fit(before, marked, after, budget)
    assert cell_len(shown) <= budget
    under = _under_carets(shown, " " * start + "^" * width)
    if marked:
        assert marked.startswith(under.removesuffix("…")) and under
    else:
        assert start == cell_len(shown) and width == 1
