"""What an editor reads: help and usage errors, `giplint rules`/`explain`/`parse`, and the full
format's excerpts (control characters, terminal width, HTML sources, runs of alike findings)."""

from __future__ import annotations

import argparse
import json
import re

import pytest
from conftest import REPORTS, registry, run_cli

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
    assert "年度 year: 2024（据标题）" in out


def test_parse_text_shows_blank_cells_by_their_state() -> None:
    code, out, _ = run_cli("parse", str(REPORTS / "blank-cells.txt"))
    assert code == 0 and "（空白）" in out and "<blank>" not in out
