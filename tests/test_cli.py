"""The command line as editors and CI use it: output, exit codes, config, plugins, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPORTS, ROOT, run_cli

CLEAN = str(REPORTS / "clean-2021.txt")


def test_clean_report_exits_zero() -> None:
    code, out, err = run_cli(CLEAN)
    assert code == 0
    assert out == ""
    assert "检查了 1 个文件" in err


def test_findings_exit_one_and_fail_on_levels() -> None:
    bad = str(REPORTS / "no-section-6.txt")
    assert run_cli(bad)[0] == 1
    warning_only = str(REPORTS / "no-fee.txt")
    assert run_cli(warning_only)[0] == 0
    assert run_cli(warning_only, "--fail-on", "warning")[0] == 1
    assert run_cli(str(REPORTS / "no-title.txt"), "--fail-on", "info")[0] == 1
    assert run_cli(bad, "--exit-zero")[0] == 0


def test_concise_format() -> None:
    code, out, _ = run_cli(str(REPORTS / "no-section-6.txt"), "--format", "concise")
    assert code == 1
    assert out == (
        f"{REPORTS / 'no-section-6.txt'}:341:1: GIP101 [error] missing-section 第六部分 缺少“六、其他需要报告的事项”部分。\n"
    ).replace(str(ROOT) + "/", "")


def test_full_format_golden(update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")  # excerpts are fitted to the terminal: fix its width
    code, out, _ = run_cli("fixtures/reports/results-total-error.txt", "fixtures/reports/garbled-2021.txt")
    golden = FIXTURES / "expected" / "full-output.txt"
    if update_golden:
        golden.write_text(out, encoding="utf-8")
    assert code == 1
    assert out == golden.read_text(encoding="utf-8")


def test_json_format_shape() -> None:
    code, out, _ = run_cli(str(REPORTS / "balance-error.txt"), CLEAN, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [Path(item["path"]).name for item in data] == ["balance-error.txt", "clean-2021.txt"]
    first = data[0]
    assert (first["encoding"], first["layout"], first["year"]) == ("utf-8", "2021", 2024)
    assert {d["name"] for d in first["diagnostics"]} == {"applications-balance"}
    assert set(first["diagnostics"][0]) >= {
        "rule",
        "name",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "section",
    }
    assert data[1]["diagnostics"] == []


def test_select_and_ignore() -> None:
    path = str(REPORTS / "applicant-total-error.txt")
    _, out, _ = run_cli(path, "--format", "concise", "--select", "GIP303")
    assert {line.split()[1] for line in out.splitlines()} == {"GIP303"}
    _, out, _ = run_cli(path, "--format", "concise", "--ignore", "applicant-total,GIP302")
    assert out == ""
    code, _, err = run_cli(path, "--select", "GIP999")
    assert code == 2 and "GIP999" in err


def test_rules_and_explain() -> None:
    code, out, _ = run_cli("rules")
    assert code == 0
    for name in (
        "missing-section",
        "old-format-table",
        "applications-balance",
        "garbled-text",
        "parse-error",
    ):
        assert name in out
    code, out, _ = run_cli("explain", "GIP301")
    assert code == 0 and "勾稽关系" in out and "错误示例" in out
    assert run_cli("explain", "no-such-rule")[0] == 2


def test_parse_command_json() -> None:
    code, out, _ = run_cli("parse", "--format", "json", CLEAN)
    data = json.loads(out)[0]
    assert code == 0
    assert data["encoding"] == "utf-8" and data["year"] == 2024 and data["layout"] == "2021"
    assert [s["number"] for s in data["sections"]] == list("一二三四五六")
    table = data["sections"][2]["table"]
    cell = next(c for c in table["cells"] if c["row"] == "new_received" and c["column"] == "total")
    assert cell["value"] == 12 and cell["span"]["line"] > 0


def test_parse_command_text() -> None:
    code, out, _ = run_cli("parse", str(REPORTS / "clean-2021-gbk.txt"))
    assert code == 0
    assert "gb18030" in out and "一、本年新收政府信息公开申请数量：自然人 9" in out and "总计 12" in out


# -- configuration ----------------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / "reports" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPORTS / name, target)
    return target


def test_config_found_walking_up(tmp_path: Path) -> None:
    report = _copy(tmp_path, "no-section-6.txt")
    code, out, _ = run_cli(str(report), "--format", "concise")
    assert code == 1 and "GIP101" in out  # without a configuration the section is missing
    (tmp_path / ".giplint.yaml").write_text("rules:\n  missing-section: disable\n", encoding="utf-8")
    code, out, _ = run_cli(str(report), "--format", "concise")  # the file two folders up is found
    assert (code, out) == (0, "")


def test_config_severity_and_extends(tmp_path: Path) -> None:
    report = _copy(tmp_path, "no-fee.txt")
    (tmp_path / "base.yaml").write_text("rules:\n  GIP402: {severity: error}\n", encoding="utf-8")
    (tmp_path / "giplint.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    code, out, _ = run_cli(str(report), "--format", "concise")
    assert code == 1 and "[error] missing-processing-fee" in out


def test_config_per_file_ignores_and_pyproject(tmp_path: Path) -> None:
    report = _copy(tmp_path, "no-section-6.txt")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.giplint]\nper-file-ignores = { "reports/no-*.txt" = ["GIP101"] }\n', encoding="utf-8"
    )
    assert run_cli(str(report))[0] == 0


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("rules: [unclosed\n", "YAML 格式错误"),
        ("select: [GIP101]\nignroe: [GIP102]\n", "未知的配置字段 ignroe"),
        ("rules:\n  GIP999: disable\n", "未知的规则 GIP999"),
        ("rules:\n  GIP101: {sections: 3, bogus: 1}\n", "不接受参数"),
    ],
)
def test_broken_config_exits_two_naming_file_and_line(tmp_path: Path, content: str, fragment: str) -> None:
    config = tmp_path / ".giplint.yaml"
    config.write_text(content, encoding="utf-8")
    code, _, err = run_cli(str(_copy(tmp_path, "clean-2021.txt")))
    assert code == 2
    assert fragment in err and str(config) in err
    assert err.startswith("配置错误")


# -- bad input: one Chinese line, exit 2, the other files still checked ----------------------------


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("missing.txt", None, "文件不存在"),
        ("empty.txt", b"", "为空"),
        ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        ("garbage.txt", bytes(range(256)) * 8, "二进制"),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".docx"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, data: bytes | None, fragment: str) -> None:
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    good = _copy(tmp_path, "no-section-6.txt")
    code, out, err = run_cli(str(bad), str(good), "--format", "concise")
    assert code == 2
    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1 and fragment in lines[0], err
    assert "Traceback" not in err
    assert "missing-section" in out  # the other file was still checked


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    bad = tmp_path / "secret.txt"
    bad.write_text("x", encoding="utf-8")
    bad.chmod(0)
    code, _, err = run_cli(str(bad))
    assert code == 2 and "没有读取权限" in err


def test_truncated_report_is_checked_not_crashed(tmp_path: Path) -> None:
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
    truncated = tmp_path / "truncated.txt"
    truncated.write_text(text[: text.index("(三)不予公开")], encoding="utf-8")
    code, out, err = run_cli(str(truncated), "--format", "concise")
    assert code == 1 and "Traceback" not in err
    assert "missing-section" in out and "table-structure" in out


def test_gbk_report_is_read(tmp_path: Path) -> None:
    code, _, err = run_cli(str(REPORTS / "clean-2021-gbk.txt"))
    assert code == 0, err


def test_input_files_are_never_modified(tmp_path: Path) -> None:
    report = _copy(tmp_path, "blank-cells.txt")
    before = report.read_bytes(), report.stat().st_mtime_ns
    run_cli(str(report), "--format", "json")
    assert (report.read_bytes(), report.stat().st_mtime_ns) == before


def test_directories_are_searched_recursively(tmp_path: Path) -> None:
    _copy(tmp_path, "clean-2021.txt")
    nested = tmp_path / "reports" / "2024" / "no-section-6.txt"
    nested.parent.mkdir()
    shutil.copy(REPORTS / "no-section-6.txt", nested)
    (tmp_path / "reports" / "README.md").write_text("# 说明\n", encoding="utf-8")
    code, out, _ = run_cli(str(tmp_path / "reports"), "--format", "json")
    assert code == 1
    assert [Path(item["path"]).name for item in json.loads(out)] == ["no-section-6.txt", "clean-2021.txt"]


# -- plugins: a real third-party package, discovered through its entry point ------------------------


def _dist_info(site: Path, name: str, entry: str) -> None:
    info = site / f"{name}-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[giplint]\n{entry}\n", encoding="utf-8")


def _run_with_site(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "giplint", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_third_party_plugin_rule_fires(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "plugin_pkg" / "giplint_demo_plugin", site / "giplint_demo_plugin")
    _dist_info(site, "giplint_demo_plugin", "demo = giplint_demo_plugin")
    result = _run_with_site(site, "--format", "concise", CLEAN)
    assert "DEMO101 [warning] missing-contact-office" in result.stdout, result.stderr
    assert result.returncode == 0  # a warning is below the default fail level
    listed = _run_with_site(site, "rules")
    assert "DEMO101" in listed.stdout
    quoted = tmp_path / "archived.rpt"
    text = (REPORTS / "no-section-6.txt").read_text(encoding="utf-8")
    quoted.write_text("\n".join("> " + line for line in text.split("\n")), encoding="utf-8")
    result = _run_with_site(site, "--format", "concise", "--select", "GIP101", str(quoted))
    assert result.returncode == 1
    assert "archived.rpt:341:1: GIP101" in result.stdout  # the plugin's reader read it


def test_failing_plugin_reported_once_and_others_still_checked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "tests" / "failing_plugin.py", site / "failing_plugin.py")
    shutil.copy(ROOT / "tests" / "failing_plugin_rules.yaml", site / "failing_plugin_rules.yaml")
    _dist_info(site, "failing_plugin", "failing = failing_plugin")
    result = _run_with_site(site, "--format", "concise", str(REPORTS / "no-section-6.txt"), CLEAN)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "FAIL001" in line]
    assert len(errors) == 2  # once per file, naming rule and plugin
    assert all("failing" in line and "RuntimeError" in line for line in errors)
    assert "missing-section" in result.stdout
    assert "Traceback" not in result.stderr


def test_plugin_that_cannot_be_imported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _dist_info(site, "broken_plugin", "broken = no_such_module_here")
    result = _run_with_site(site, "--format", "concise", CLEAN)
    assert result.returncode == 2
    assert "插件 broken" in result.stderr and "Traceback" not in result.stderr


def test_stdin_with_a_filename() -> None:
    data = (REPORTS / "no-section-6.txt").read_bytes()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "giplint",
            "-",
            "--stdin-filename",
            "reports/draft.txt",
            "--format",
            "concise",
        ],
        input=data,
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.decode().startswith("reports/draft.txt:341:1: GIP101")


def test_help_and_statistics_have_no_english_for_an_editor() -> None:
    """issue 16 item 6: the subcommand list and the pairing line are Chinese only."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "giplint", "--help"], check=False, capture_output=True, encoding="utf-8"
    )
    assert done.returncode == 0 and "lint reports" not in done.stdout and "检查年报" in done.stdout
