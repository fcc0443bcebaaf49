"""The small things that cost an editor's trust (issue 16 item 6): a misspelt command, a run
written to --output-file, English in what an editor reads, `giplint rules`' placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from conftest import REPORTS, registry, run_cli

from giplint.commands.arguments import COMMANDS
from giplint.output.rules_text import readable_template

CLEAN = REPORTS / "clean-2021.txt"
FAILED = REPORTS / "balance-error.txt"
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


# -- a misspelt command --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"), [("explian", "explain"), ("chek", "check"), ("rule", "rules"), ("comprae", "compare")]
)
def test_a_misspelt_command_is_named_not_read_as_a_missing_file(typed: str, meant: str) -> None:
    code, out, err = run_cli(typed, "GIP301")
    assert (code, out) == (2, "")
    assert err == (
        f"用法错误：没有 {typed} 这个命令，也没有这个文件。是不是要用 giplint {meant}？"
        "运行 giplint --help 查看全部命令。\n"
    )


def test_a_file_named_like_a_command_is_still_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "chek").write_bytes(FAILED.read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("chek", "--format", "concise", "--no-cache")
    assert code == 1 and out.startswith("chek:")


@pytest.mark.parametrize("typed", ["GIP301", "年报.txt", "missing.txt", "zzzz"])
def test_a_word_close_to_no_command_is_still_a_path(typed: str) -> None:
    code, _, err = run_cli(typed, "--no-cache")
    assert code == 2 and f"{typed}：文件不存在" in err and "是不是要用" not in err


# -- --output-file: a summary on stderr ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github"])
def test_output_file_runs_say_what_happened_on_stderr(fmt: str, tmp_path: Path) -> None:
    """With the findings in a file, a clean run and a failed run no longer look the same."""
    written = tmp_path / "结果.txt"
    outcomes = {}
    for report in (CLEAN, FAILED):
        code, out, err = run_cli(str(report), "--no-cache", "--format", fmt, "--output-file", str(written))
        assert out == "" and written.exists()
        summary, where = err.splitlines()
        assert where == f"结果已写入 {written}。"
        outcomes[report] = (code, re.sub(r"（用时 [0-9.]+ 秒）", "", summary))
    assert outcomes == {
        CLEAN: (0, "检查了 1 个文件，错误 0，警告 0，提示 0"),
        FAILED: (1, "检查了 1 个文件，错误 2，警告 0，提示 0"),
    }


def test_machine_formats_on_stdout_still_print_no_summary() -> None:
    code, out, err = run_cli(str(FAILED), "--no-cache", "--format", "json")
    assert code == 1 and out.startswith("[") and err == ""


# -- no English in what an editor reads ----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["clean-2021.txt", "mistyped-labels.txt", "blank-cells.txt", "clean-2021-gbk.txt", "old-layout-2023.txt"]
)
def test_parse_text_has_no_english_labels(name: str) -> None:
    path = REPORTS / name
    code, out, _ = run_cli("parse", str(path))
    assert code == 0
    body = out.split("\n", 1)[1]  # the first line is the path
    encoding_line, rest = body.split("\n", 1)
    assert re.fullmatch(r"  编码：[\w-]+  文件格式：文本", encoding_line)
    assert ENGLISH_WORD.findall(rest) == [], rest
    assert "（any" not in out and re.search(r"表格格式：20(21|19)年", out)


def test_a_missing_config_file_is_told_in_chinese(tmp_path: Path) -> None:
    code, _, err = run_cli(str(CLEAN), "--config", str(tmp_path / "no.yaml"))
    assert code == 2
    assert err == f"配置错误：{tmp_path / 'no.yaml'}：无法读取配置文件（文件或文件夹不存在）。请检查文件是否存在。\n"


def test_an_unwritable_output_file_is_told_in_chinese(tmp_path: Path) -> None:
    code, _, err = run_cli(str(CLEAN), "--output-file", str(tmp_path / "no" / "out.txt"))
    assert code == 2 and "（文件或文件夹不存在）" in err and ENGLISH_WORD.search(err.replace(str(tmp_path / "no" / "out.txt"), "")) is None


def test_full_output_headers_carry_the_chinese_severity_and_the_rule_name_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    _, out, _ = run_cli(str(REPORTS), "--no-cache")
    headers = [line for line in out.splitlines() if re.search(r" GIP\d{3} ", line)]
    assert len(headers) > 20
    for header in headers:
        head, rule = re.split(r" (?=GIP\d{3} )", header, maxsplit=1)
        assert re.fullmatch(r"GIP\d{3} [a-z0-9-]+", rule), header
        assert not re.search(r"\b(error|warning|info)\b", head.split(" ", 1)[1]), header
        assert head.split(" ")[-1] in ("错误", "警告", "提示"), header


def test_rules_and_explain_show_the_severity_in_chinese_only() -> None:
    _, out, _ = run_cli("rules")
    heads = out.splitlines()[::2]
    assert len(heads) == len(registry().rules)
    for head in heads:
        assert re.fullmatch(r"GIP\d{3}  [a-z0-9-]+ +(错误|警告|提示)  (启用|停用)", head), head
    _, page, _ = run_cli("explain", "GIP504")
    assert page.startswith("GIP504 copied-from-previous-year（默认级别：警告，检查类型 text_not_copied）")


# -- giplint rules: readable placeholders --------------------------------------------------------


def test_every_placeholder_of_every_rule_is_named() -> None:
    for rule in registry().rules:
        for template in (rule.message, rule.hint):
            shown = readable_template(template)
            assert "〈…〉" not in shown and "{" not in shown, (rule.id, shown)
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
            assert shown.count("〈") == len(fields)


def test_gip504_reads_as_a_sentence() -> None:
    _, out, _ = run_cli("rules")
    lines = out.splitlines()
    message = lines[lines.index(next(line for line in lines if line.startswith("GIP504"))) + 1]
    assert message.strip() == (
        "第〈部分序号〉部分“〈部分标题〉”有 〈比例〉 的句子（〈相同句数〉/〈总句数〉 句）与上年（〈上年年度〉年）"
        "报告相同或几乎相同，例如：“〈句子〉”。"
    )


def test_commands_are_the_parsers_commands() -> None:
    from giplint.cli import _parser

    parser = _parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert set(sub.choices) == set(COMMANDS)  # type: ignore[arg-type]
