"""Plugins that break the contract (issue 21 item 16): every hook's answer is checked, the
failure names the plugin by its distribution (giplint-garbage), comes Chinese first with exit 2,
and every other file (every other rule) is still checked. tests/garbage_plugin.py is the plugin;
it is installed as a real distribution with an entry point, as in test_cli.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT
from test_cli import _dist_info, _run_with_site

from giplint.engine.run import cores

NO_SIX = str(REPORTS / "no-section-6.txt")
CLEAN = str(REPORTS / "clean-2021.txt")
PLUGIN = "giplint-garbage（garbage）"


def _run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, *args: str
) -> subprocess.CompletedProcess[str]:
    site = tmp_path / "site"
    if not site.exists():
        site.mkdir()
        for name in ("garbage_plugin.py", "garbage_plugin_rules.yaml"):
            shutil.copy(ROOT / "tests" / name, site / name)
        _dist_info(site, "giplint-garbage", "garbage = garbage_plugin")
    monkeypatch.setenv("GARBAGE", mode)
    return _run_with_site(site, "--format", "concise", "--no-cache", *args)


def _failures(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr, result.stderr
    return [line for line in result.stderr.splitlines() if "giplint-garbage" in line]


def test_a_check_kind_that_is_no_check_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(tmp_path, monkeypatch, "kinds", NO_SIX, CLEAN)
    assert result.returncode == 2
    [line] = _failures(result)
    assert line.startswith("插件 ") and f"插件 {PLUGIN} 的 giplint_check_kinds 返回了 5（int）" in line
    assert "no-section-6.txt:341:1: GIP101" in result.stdout  # the other rules, every file
    assert result.stdout.count("GBG101") == 2  # the plugin's real kind is kept


def test_a_check_that_yields_no_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(tmp_path, monkeypatch, "yield", NO_SIX, CLEAN)
    assert result.returncode == 2
    lines = _failures(result)
    assert len(lines) == 2  # one per file, naming the rule and the plugin
    assert all(
        "规则 GBG101 garbage-finding" in line and "产生了不是问题（Diagnostic）的值：5（int）" in line
        for line in lines
    )
    assert lines[0].startswith("fixtures/reports/no-section-6.txt：规则 GBG101")
    assert lines[1].startswith("fixtures/reports/clean-2021.txt：规则 GBG101")
    assert "no-section-6.txt:341:1: GIP101" in result.stdout


@pytest.mark.parametrize(
    ("mode", "problem"),
    [("span", "GBG101 的 span 应为整数的行列，却是 Span(line=1.5, "), ("hint", "'GBG101' 的字段类型不对")],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_finding_of_the_wrong_shape_costs_its_rule_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, problem: str, jobs: str
) -> None:
    """A Diagnostic whose span is not whole numbers (or whose hint is no text) is the plugin's
    failure on each file, not giplint's: before, a line of 1.5 stopped the run as an internal
    error (--jobs 1) or killed both workers with a traceback (--jobs 2), and a hint of 5 broke the
    full format's output of every file."""
    if jobs == "2" and cores() < 2:
        pytest.skip("--jobs 2 needs two cores (--jobs is capped at the core count)")
    result = _run(tmp_path, monkeypatch, mode, "--jobs", jobs, NO_SIX, CLEAN)
    assert result.returncode == 2
    lines = _failures(result)
    assert len(lines) == 2 and all(f"产生了不是问题（Diagnostic）的值：{problem}" in line for line in lines), lines
    assert "no-section-6.txt:341:1: GIP101" in result.stdout and "GBG101" not in result.stdout
    full = _run(tmp_path, monkeypatch, mode, "--jobs", jobs, "--format", "full", NO_SIX)
    assert full.returncode == 2 and len(_failures(full)) == 1 and "GIP101" in full.stdout


def test_a_rule_file_that_is_no_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(tmp_path, monkeypatch, "rules", NO_SIX)
    assert result.returncode == 2
    [line] = _failures(result)
    assert f"插件 {PLUGIN} 的 giplint_rule_files 返回了 5（int）" in line
    assert "GIP101" in result.stdout and "GBG101" in result.stdout


def test_readers_that_are_no_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(tmp_path, monkeypatch, "readers", NO_SIX)
    assert result.returncode == 2
    [line] = _failures(result)
    assert f"插件 {PLUGIN} 的 giplint_readers 应返回列表，却返回了 'abc'（str）" in line
    assert "GIP101" in result.stdout


@pytest.mark.parametrize(
    ("mode", "problem"),
    [("reader", "RuntimeError: reader exploded"), ("document", "返回了 str，而不是 Document")],
)
def test_a_failing_plugin_reader_is_blamed_on_the_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, problem: str
) -> None:
    archived = tmp_path / "archived.gbg"
    shutil.copy(NO_SIX, archived)
    result = _run(tmp_path, monkeypatch, mode, str(archived), NO_SIX)
    assert result.returncode == 2
    [line] = _failures(result)
    assert line.startswith(f"{archived}：插件 {PLUGIN} 的读取器 garbage 出错") and problem in line
    assert "giplint 的维护者" not in result.stderr and "该插件的维护者" in line
    assert "no-section-6.txt:341:1: GIP101" in result.stdout


@pytest.mark.skipif(cores() < 2, reason="--jobs 2 needs two cores (--jobs is capped at the core count)")
@pytest.mark.parametrize(
    ("mode", "problem"),
    [
        ("hang", "的检查超过 3 秒仍未结束，已停止并换用新的工作进程"),
        ("exit", "时工作进程意外退出，此文件未能检查"),
    ],
)
def test_a_check_that_never_returns_costs_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, problem: str
) -> None:
    """With --jobs 2 a file's checks run on a budget (GIPLINT_CHECK_BUDGET seconds here; 60 by
    default): the worker is killed and replaced, the file gets one message, the others are checked."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "hang.txt", "m.txt", "z.txt"):
        shutil.copy(NO_SIX, reports / name)
    monkeypatch.setenv("GIPLINT_CHECK_BUDGET", "3")
    result = _run(tmp_path, monkeypatch, mode, "--jobs", "2", str(reports))
    assert result.returncode == 2
    [line] = _failures(result)
    rule = f"规则 GBG101 garbage-finding（检查 garbage_kind，插件 {PLUGIN}）"
    assert line.startswith(f"{reports / 'hang.txt'}：{rule}{problem}"), line
    assert [row.split(":")[0] for row in result.stdout.splitlines() if "GIP101" in row] == [
        str(reports / name) for name in ("a.txt", "m.txt", "z.txt")
    ]


@pytest.mark.skipif(cores() < 2, reason="--jobs 2 needs two cores (--jobs is capped at the core count)")
@pytest.mark.parametrize(
    ("mode", "problem"),
    [("readhang", "超过 3 秒仍未读完，已停止并换用新的工作进程"), ("readexit", "读取时工作进程意外退出")],
)
def test_a_plugin_reader_that_never_returns_costs_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, problem: str
) -> None:
    """A plugin's reader runs in the worker (giplint's PDF reader runs in a bounded child of its
    own) and is held to the checks' budget: the file gets the message of a reader that broke,
    the others are checked. Before: the run never ended (readhang), or the file was blamed on
    "读取或检查" with the rules' maintainers to be told (readexit)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "hang.gbg", "z.txt"):
        shutil.copy(NO_SIX, reports / name)
    monkeypatch.setenv("GIPLINT_CHECK_BUDGET", "3")
    files = [str(reports / name) for name in ("a.txt", "hang.gbg", "z.txt")]  # a folder walk takes no .gbg
    result = _run(tmp_path, monkeypatch, mode, "--jobs", "2", *files)
    assert result.returncode == 2
    line = (
        f"{reports / 'hang.gbg'}：插件 {PLUGIN} 的读取器 garbage 出错，无法读取此文件（{problem}）。"
        "其他文件照常检查；请把此信息报告给该插件的维护者。"
    )
    assert _failures(result) == [line]
    assert [row.split(":")[0] for row in result.stdout.splitlines() if "GIP101" in row] == [
        str(reports / name) for name in ("a.txt", "z.txt")
    ]


@pytest.mark.skipif(cores() < 2, reason="--jobs 2 needs two cores (--jobs is capped at the core count)")
def test_a_check_that_never_returns_on_any_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No file's checks run outside a worker: the main process warms up with giplint's rules only."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(NO_SIX, reports / name)
    monkeypatch.setenv("GIPLINT_CHECK_BUDGET", "2")
    result = _run(tmp_path, monkeypatch, "hangall", "--jobs", "2", str(reports))
    assert result.returncode == 2
    assert [line.split("：")[0] for line in _failures(result)] == [
        str(reports / "a.txt"),
        str(reports / "b.txt"),
    ]


# as typed from the project folder (check shows paths relative to it; compare as given)
PREVIOUS, THIS_YEAR = "fixtures/reports/previous-2023.txt", "fixtures/reports/clean-2021.txt"


@pytest.mark.parametrize(
    ("mode", "problem"),
    [("previous", "RuntimeError: predicate exploded"), ("cross", "RuntimeError: cross-year check exploded")],
)
def test_compare_names_a_broken_cross_year_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, problem: str
) -> None:
    """`giplint compare` runs the cross-year rules: a plugin whose predicate (is this rule
    cross-year?) or whose cross-year check raises gets the one message `giplint check` gives for
    it, exit 2, and the comparison is still shown. (Before: the predicate's error stopped compare
    as an internal error with no output; the check's error was dropped silently, exit 0.)"""
    _run(tmp_path, monkeypatch, mode, CLEAN)  # installs the plugin
    site = tmp_path / "site"
    compared = _run_with_site(site, "compare", PREVIOUS, THIS_YEAR, "--format", "json")
    checked = _run_with_site(site, "--no-cache", "--format", "json", THIS_YEAR, "--previous", PREVIOUS)
    assert (compared.returncode, checked.returncode) == (2, 2)
    [line] = _failures(compared)
    assert line == f"{THIS_YEAR}：规则 GBG101 garbage-finding（检查 garbage_kind，插件 {PLUGIN}）运行出错：{problem}。" + (
        "其他规则已照常检查；请把此信息报告给规则的维护者。"
    )
    assert _failures(checked) == [line]  # the same message as the check
    data = json.loads(compared.stdout)
    assert data["cross_checked"] and {f["rule"] for f in data["findings"]} == {"GIP505"}  # the others ran


@pytest.mark.parametrize(
    ("command", "shown"), [(("compare", PREVIOUS, THIS_YEAR), "跨年度检查"), (("parse", THIS_YEAR), "总体情况")]
)
def test_compare_and_parse_name_a_plugin_that_did_not_load(
    tmp_path: Path, command: tuple[str, ...], shown: str
) -> None:
    """A plugin that cannot be imported (its reader, its rules): compare and parse say so, as
    check does, and exit 2; what they show is still shown. (Before: exit 0, nothing said.)"""
    site = tmp_path / "site"
    site.mkdir()
    _dist_info(site, "broken_plugin", "broken = no_such_module_here")
    result = _run_with_site(site, *command)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("插件 broken_plugin（broken）（no_such_module_here）无法加载：ModuleNotFoundError")
    assert shown in result.stdout


def test_params_a_plugin_refuses_are_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's configuration gives a plugin's rule params its Params class refuses by raising
    something else than TypeError/ValueError: a configuration error naming the file, the line and
    the plugin, for check and compare alike (before: 内部错误, no file or plugin named)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    config = folder / ".giplint.yaml"
    report = folder / "2024.txt"
    shutil.copy(CLEAN, report)
    config.write_text("rules:\n  GBG101: {level: 0}\n", encoding="utf-8")
    accepted = _run(tmp_path, monkeypatch, "params", str(report))
    assert accepted.returncode == 0 and "GBG101" in accepted.stdout  # the config path is in force
    config.write_text("rules:\n  GBG101: {level: 3}\n", encoding="utf-8")
    line = (
        f"配置错误：{config}:2：检查类型 garbage_kind（插件 {PLUGIN}）不接受这些参数"
        "（RuntimeError: level 3 is not supported）。请改正参数；参数无误时，请把此信息报告给该插件的维护者。\n"
    )
    checked = _run(tmp_path, monkeypatch, "params", str(report))
    compared = _run_with_site(tmp_path / "site", "compare", PREVIOUS, str(report), "--config", str(config))
    assert (checked.returncode, checked.stdout, checked.stderr) == (2, "", line)
    assert (compared.returncode, compared.stdout, compared.stderr) == (2, "", line)


def test_a_check_that_yields_without_end_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that yields findings for ever costs bounded memory and time, with --jobs 1 too (no
    worker budget there): past MAX_FINDINGS on one report the rule is stopped with one failure,
    and the other rules still run. Before: the run never ended, its memory growing."""
    from giplint.lint import MAX_FINDINGS

    result = _run(tmp_path, monkeypatch, "flood", "--jobs", "1", NO_SIX)
    assert result.returncode == 2
    line = (
        f"fixtures/reports/no-section-6.txt：规则 GBG101 garbage-finding（检查 garbage_kind，插件 {PLUGIN}）"
        f"产生了超过 {MAX_FINDINGS} 个问题，已停止（检查可能陷入了循环；只显示前 {MAX_FINDINGS} 个）。"
        "其他规则已照常检查；请把此信息报告给规则的维护者。"
    )
    assert _failures(result) == [line]
    assert result.stdout.count("GBG101") == MAX_FINDINGS and "341:1: GIP101" in result.stdout
