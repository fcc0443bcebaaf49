"""Hardening (issue 10): hostile or careless input must neither take the machine, nor destroy a
file, nor make the exit code lie. Each test reproduces the attack or the mistake on a small input
(limits are lowered where the real one is megabytes) and asserts the one clear outcome."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, run_cli

import giplint.cli
import giplint.engine.parallel
import giplint.engine.run
import giplint.output.render
from giplint import lint, source
from giplint.config import ConfigError, load_user_config
from giplint.readers import docx as docx_reader
from giplint.readers._numbering import format_number
from giplint.readers.html import read_html
from giplint.source import InputError, read_text

CLEAN = REPORTS / "clean-2021.txt"
BAD = REPORTS / "no-section-6.txt"  # one error: GIP101 (section 六 missing)


def _copy(source_path: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source_path.name)
    shutil.copy(source_path, target)
    return target


def _subprocess(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
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
        timeout=120,
    )


# -- 2. --output-file never destroys an input -------------------------------------------------------


def test_output_file_that_is_an_input_is_refused(tmp_path: Path) -> None:
    report = _copy(CLEAN, tmp_path)
    before = report.read_bytes()
    code, _, err = run_cli(str(report), "--output-file", str(report))
    assert code == 2
    assert "覆盖" in err and "--output-file" in err
    assert report.read_bytes() == before


def test_output_file_that_is_a_report_in_a_walked_folder_is_refused(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    _copy(CLEAN, reports)
    victim = _copy(BAD, reports)
    before = victim.read_bytes()
    code, _, err = run_cli(str(reports), "--output-file", str(victim))
    assert code == 2 and "覆盖" in err
    assert victim.read_bytes() == before


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_own_output_in_a_walked_folder_is_never_linted(tmp_path: Path, fmt: str) -> None:
    reports = tmp_path / "reports"
    _copy(BAD, reports)
    output = reports / "giplint-output.txt"
    assert run_cli(str(reports), "--format", fmt, "--output-file", str(output))[0] == 1
    assert "GIP101" in output.read_text(encoding="utf-8")
    # the same run again (CI re-runs): the earlier output is overwritten, not linted
    assert run_cli(str(reports), "--format", fmt, "--output-file", str(output))[0] == 1
    # and a later run without --output-file does not lint it either
    code, out, _ = run_cli(str(reports), "--format", "json")
    assert code == 1
    assert [Path(item["path"]).name for item in json.loads(out)] == ["no-section-6.txt"]


# -- 4. Word: the main part named by the relationships, total text, list counters ------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _renamed_main_part(data: bytes) -> bytes:
    """The same package with its main part at word/main.xml, as the relationships allow."""
    source_zip = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source_zip.infolist():
            content = source_zip.read(info.filename)
            name = info.filename
            if name == "word/document.xml":
                name = "word/main.xml"
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/main.xml.rels"
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                content = content.replace(b"word/document.xml", b"word/main.xml")
            archive.writestr(name, content)
    return out.getvalue()


def test_docx_main_part_named_by_relationships_is_read_and_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = ["一、总体情况", *(f"第{n}段正文。" for n in range(300))]
    renamed = _renamed_main_part(_docx(paragraphs))
    assert "word/document.xml" not in zipfile.ZipFile(io.BytesIO(renamed)).namelist()
    document = docx_reader.read_docx("main.docx", renamed)  # a legal package: read
    assert document.text.splitlines()[0] == "一、总体情况"
    main_size = zipfile.ZipFile(io.BytesIO(renamed)).getinfo("word/main.xml").file_size
    monkeypatch.setattr(docx_reader, "_MAX_XML_BYTES", main_size - 1)
    with pytest.raises(InputError, match="过大"):
        docx_reader.read_docx("main.docx", renamed)


def test_docx_text_after_the_section_properties_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraphs after w:sectPr (where no editor puts them) are still read, but the text taken
    out of a package is bounded: the attack was a 711 KB file of 190 MB of such paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体情况")
    body = document.element.body
    from docx.oxml import parse_xml

    for n in range(200):
        body.append(parse_xml(f"<w:p {_NS}><w:r><w:t>追加的第{n}段文字。</w:t></w:r></w:p>"))
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    assert len(docx_reader.read_docx("tail.docx", data).text) > 2000
    monkeypatch.setattr(docx_reader, "_MAX_TEXT_CHARS", 2000)
    with pytest.raises(InputError, match="文字超过"):
        docx_reader.read_docx("tail.docx", data)


def test_docx_list_counter_start_is_clamped() -> None:
    """A lowerLetter list starting at 52,000,000 would render a label of two million letters."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("x", style="List Number")  # makes python-docx add numbering.xml
    numbering = document.part.part_related_by(RT.NUMBERING).element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {_NS} w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="52000000"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    paragraph = document.add_paragraph("总体情况")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_NS}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
    )
    out = io.BytesIO()
    document.save(out)
    lines = docx_reader.read_docx("list.docx", out.getvalue()).text.splitlines()
    assert lines[-1].endswith(".总体情况")
    assert len(lines[-1]) < 2000  # clamped to Word's largest counter, 32767: 1261 letters


def test_numbering_format_beyond_word_counters_is_decimal() -> None:
    assert format_number(10_000_000, "lowerLetter") == "10000000"
    assert format_number(28, "lowerLetter") == "bb"


# -- 5. configuration: no alias bombs, regular files only, bounded ----------------------------------


def test_yaml_alias_bomb_is_refused_not_expanded(tmp_path: Path) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[n]
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    bomb = tmp_path / ".giplint.yaml"
    bomb.write_text("\n".join(levels) + "\nselect: *i\n", encoding="utf-8")  # 9**9 strings
    with pytest.raises(ConfigError) as excinfo:
        load_user_config(bomb)
    assert "锚点" in excinfo.value.message and f"{bomb}:1" in excinfo.value.message
    code, _, err = run_cli(str(CLEAN), "--config", str(bomb))
    assert code == 2 and err.startswith("配置错误")


def test_yaml_alias_in_configuration_is_refused(tmp_path: Path) -> None:
    config = tmp_path / ".giplint.yaml"
    config.write_text("select: &ids [GIP101]\nignore: *ids\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="锚点"):
        load_user_config(config)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_extends_a_device_is_refused(tmp_path: Path) -> None:
    config = tmp_path / ".giplint.yaml"
    config.write_text("extends: /dev/zero\n", encoding="utf-8")
    code, _, err = run_cli(str(CLEAN), "--config", str(config))
    assert code == 2
    assert err.startswith("配置错误") and "/dev/zero" in err and "不是普通文件" in err


def test_oversized_configuration_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "big.yaml"
    config.write_text("# padding\n" * 200_000, encoding="utf-8")  # 2 MB of comments
    with pytest.raises(ConfigError, match="超过"):
        load_user_config(config)


# -- 6. text input: a documented size limit -------------------------------------------------------


def test_text_over_the_size_limit_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(InputError, match="超过"):
        read_text("big.txt", "一、总体情况".encode() * 100)
    with pytest.raises(InputError, match="超过"):
        read_html("big.html", b"<p>" + "一、总体情况".encode() * 100 + b"</p>")
    assert read_text("small.txt", "一、总体情况".encode()).text == "一、总体情况"


def test_files_over_the_file_limit_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lint, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.docx"
    big.write_bytes(b"PK" + b"\0" * 2000)
    code, _, err = run_cli(str(big), str(CLEAN))
    assert code == 2
    assert "big.docx：文件超过" in err and "检查了 2 个文件" in err


def test_a_device_named_as_a_report_is_refused() -> None:
    code, _, err = run_cli("/dev/null")
    assert code == 2 and "不是普通文件" in err


# -- 7. --jobs is capped at the cores ---------------------------------------------------------------


def test_jobs_capped_at_the_core_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "reports"
    _copy(CLEAN, reports)
    _copy(BAD, reports)
    started: list[int] = []

    def spy(work, jobs, progress, err, lint, *rest):  # type: ignore[no-untyped-def]
        started.append(jobs)
        return [lint(target, rules) for target, rules in work]

    monkeypatch.setattr(giplint.engine.parallel, "lint_parallel", spy)  # engine/run.py imports it when a pool starts
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    code, _, err = run_cli(str(reports), "--jobs", "64", "--format", "concise")
    assert code == 1
    assert started == [2]
    assert "--jobs 64" in err and "2 个进程" in err


# -- 8. exit codes CI can trust ----------------------------------------------------------------------


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github"])
def test_broken_pipe_is_quiet_and_not_exit_one(fmt: str) -> None:
    err = io.StringIO()
    code = giplint.cli.main([str(BAD), "--format", fmt], stdout=_ClosedPipe(), stderr=err)
    assert code == giplint.cli.EXIT_BROKEN_PIPE
    assert "Traceback" not in err.getvalue() and "BrokenPipe" not in err.getvalue()


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["parse", "--format", "json", str(CLEAN)], id="parse-json-80KB"),
        # rich's own broken-pipe handler used to exit 1 ("findings") here
        pytest.param(["compare", str(REPORTS / "balance-error.txt"), str(CLEAN)], id="compare"),
    ],
)
def test_output_into_head_exits_quietly(command: list[str]) -> None:
    """`giplint … | head -1`: output into a pipe closed early exits 141, quietly."""
    shell = (
        f"{sys.executable} -m giplint {' '.join(command)} | head -1 >/dev/null; "
        + 'echo "status=${PIPESTATUS[0]}"'
    )
    result = subprocess.run(
        ["bash", "-c", shell],
        check=False,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80"),
        cwd=ROOT,
        timeout=120,
    )
    assert result.stderr == ""
    assert result.stdout.strip() == "status=141"


def test_unexpected_exception_is_one_chinese_line_exit_two(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(giplint.output.render, "render_full", broken)
    code, _, err = run_cli(str(BAD))
    assert code == 2
    assert err.startswith("giplint 内部错误") and "RuntimeError: renderer bug" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("exc", "code", "words"), [(KeyboardInterrupt, 130, "已中断"), (MemoryError, 2, "内存不足")]
)
def test_interrupt_and_memory_error(
    monkeypatch: pytest.MonkeyPatch, exc: type[BaseException], code: int, words: str
) -> None:
    def raising(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(giplint.engine.run, "lint_bytes", raising)
    result, _, err = run_cli(str(BAD), "--jobs", "1")
    assert result == code
    assert words in err and "Traceback" not in err


def test_malformed_per_file_ignores_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / ".giplint.yaml"
    config.write_text("per-file-ignores:\n  - archive/*.txt\n  - GIP201\n", encoding="utf-8")
    report = _copy(BAD, tmp_path)
    code, out, err = run_cli(str(report))
    assert code == 2
    assert err.startswith(f"配置错误：{config}:1：per-file-ignores 应为映射")
    assert out == ""


def test_ascii_output_encoding_does_not_crash() -> None:
    result = _subprocess(str(BAD), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "GIP101" in result.stdout
    assert "\\u7f3a" in result.stdout  # 缺 shown as an escape, not a crash


def _undecodable_name(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / os.fsdecode(b"report-\xff.txt")
    try:
        shutil.copy(BAD, path)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take file names that are not UTF-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "sarif", "concise", "github", "full"])
def test_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    path = _undecodable_name(tmp_path / "reports")
    code, out, err = run_cli(str(path.parent), "--format", fmt)
    assert code == 1, err
    out.encode("utf-8")  # raises on a lone surrogate: nothing unencodable reaches the output
    if fmt == "json":
        assert json.loads(out)[0]["path"].endswith("report-\\xff.txt")
    elif fmt == "sarif":
        location = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("/reports/report-%FF.txt")
    else:
        assert "report-\\xff.txt" in out


def test_file_name_that_is_not_utf8_into_output_file(tmp_path: Path) -> None:
    path = _undecodable_name(tmp_path / "reports")
    output = tmp_path / "out.sarif"
    code, _, err = run_cli(str(path), "--format", "sarif", "--output-file", str(output))
    assert code == 1, err
    log = json.loads(output.read_text(encoding="utf-8"))
    assert log["runs"][0]["results"][0]["partialFingerprints"]


# -- 10. discovery: unreadable folders and missing paths are failures -------------------------------


def test_unreadable_sub_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "reports"
    _copy(CLEAN, reports)
    locked = reports / "locked"
    _copy(BAD, locked)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run_cli(str(reports))
    assert code == 2
    assert f"{locked}：无法读取此文件夹（没有读取权限）" in err
    assert "检查了 1 个文件" in err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_sub_folder_for_real(tmp_path: Path) -> None:  # pragma: no cover - not as root
    reports = tmp_path / "reports"
    _copy(CLEAN, reports)
    locked = reports / "locked"
    _copy(BAD, locked)
    locked.chmod(0)
    try:
        code, _, err = run_cli(str(reports))
    finally:
        locked.chmod(0o755)
    assert code == 2 and "无法读取此文件夹" in err


def test_file_under_a_folder_that_cannot_be_entered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked" / "r.txt"
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    code, _, err = run_cli(str(locked), str(CLEAN))
    assert code == 2
    assert f"{locked}：没有访问权限，无法检查" in err and "1 个文件未能检查" in err


def test_missing_path_counts_as_not_checked(tmp_path: Path) -> None:
    code, _, err = run_cli(str(CLEAN), str(tmp_path / "nowhere.txt"))
    assert code == 2
    assert "nowhere.txt：文件不存在" in err
    assert "检查了 2 个文件" in err and "1 个文件未能检查" in err


# -- 11. plugins cannot stop or silence the run -------------------------------------------------------


def _plugin_site(tmp_path: Path, module: str, code: str, rules: str | None = None) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / f"{module}.py").write_text(code, encoding="utf-8")
    if rules is not None:
        (site / f"{module}_rules.yaml").write_text(rules, encoding="utf-8")
    info = site / f"{module}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[giplint]\n{module} = {module}\n", encoding="utf-8")
    return site


def _run_site(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "giplint", *args],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )


_RULE_FILE_PLUGIN = """
from pathlib import Path
from giplint import hookimpl

@hookimpl
def giplint_rule_files():
    return [Path(__file__).with_name("badrules_rules.yaml")]
"""
_UNKNOWN_KIND = """
- id: BAD101
  name: bad-rule
  check: no_such_kind
  severity: error
  message: 不会出现
  explain: 不会出现
"""


def test_plugin_rule_file_with_unknown_check_kind_is_a_failure(tmp_path: Path) -> None:
    site = _plugin_site(tmp_path, "badrules", _RULE_FILE_PLUGIN, _UNKNOWN_KIND)
    result = _run_site(site, "--format", "concise", str(BAD))
    assert result.returncode == 2
    assert "GIP101 [error] missing-section" in result.stdout  # the built-in rules still ran
    assert "插件 badrules 的规则文件有误" in result.stderr and "no_such_kind" in result.stderr
    listed = _run_site(site, "rules")
    assert "GIP101" in listed.stdout
    assert "badrules" in listed.stderr and listed.returncode == 2


def test_plugin_exiting_at_import_cannot_silence_the_run(tmp_path: Path) -> None:
    site = _plugin_site(tmp_path, "quitter", "import sys\nsys.exit(0)\n")
    result = _run_site(site, "--format", "concise", str(BAD))
    assert result.returncode == 2
    assert "GIP101 [error] missing-section" in result.stdout
    assert "插件 quitter" in result.stderr and "SystemExit" in result.stderr
    listed = _run_site(site, "rules")
    assert "GIP101" in listed.stdout and "插件 quitter" in listed.stderr


# -- 12. configuration validated at load, with file:line ---------------------------------------------


@pytest.mark.parametrize(
    ("config", "line", "words"),
    [
        (
            "rules:\n  GIP301:\n    expect: new_recieved + carried_over == results_total + carried_forward\n",
            3,
            "new_recieved 不是表格 applications 的行名称，您是否想写 new_received",
        ),
        ("rules:\n  GIP301:\n    table: aplications\n", 3, "未知的表格 aplications"),
        ("rules:\n  GIP301:\n    only: [natural_persn]\n", 3, "natural_persn"),
        ("rules:\n  GIP103:\n    accepted: 5\n", 3, "参数 accepted 应为映射"),
        ('rules:\n  GIP402:\n    enabled: "no"\n', 3, "enabled 应为 true 或 false"),
        ('per-file-ignores:\n  "archive/*.txt": [GIP999]\n', 2, "未知的规则 GIP999"),
    ],
)
def test_config_parameters_validated_at_load(tmp_path: Path, config: str, line: int, words: str) -> None:
    path = tmp_path / ".giplint.yaml"
    path.write_text(config, encoding="utf-8")
    first, second = _copy(CLEAN, tmp_path), _copy(BAD, tmp_path)
    code, out, err = run_cli(str(first), str(second), "--format", "concise")
    assert code == 2
    assert out == ""
    assert err.count("配置错误") == 1  # once at load, not once per report
    assert err.startswith(f"配置错误：{path}:{line}：") and words in err, err


def test_pyproject_tool_giplint_not_a_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\ngiplint = 5\n", encoding="utf-8")
    report = _copy(BAD, tmp_path)
    code, _, err = run_cli(str(report))
    assert code == 2
    assert err.startswith(f"配置错误：{tmp_path / 'pyproject.toml'}:2：[tool.giplint] 应为一个表")


# -- 14. exclude resolved per file, relative to the config that declares it ---------------------------


def test_exclude_of_a_config_in_a_sub_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "province" / "county"
    (project).mkdir(parents=True)
    (project / ".giplint.yaml").write_text('exclude: ["drafts/*"]\n', encoding="utf-8")
    _copy(CLEAN, project)
    _copy(BAD, project / "drafts")
    monkeypatch.chdir(tmp_path)  # run from above the config's folder
    code, out, _ = run_cli("province", "--format", "json")
    assert code == 0
    assert [Path(item["path"]).name for item in json.loads(out)] == ["clean-2021.txt"]
    monkeypatch.chdir(project)  # and from its own folder, as before
    assert run_cli(".", "--format", "json")[0] == 0


# -- 16. a file with nothing visible is empty -----------------------------------------------------------


@pytest.mark.parametrize(
    "content", ["\ufeff".encode(), "\u3000".encode(), b"\xef\xbb\xbf \r\n\t", "\ufeff\u200b\n".encode()]
)
def test_blank_file_is_empty_not_a_report(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    code, out, err = run_cli(str(path), "--format", "concise")
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == f"{path}：文件为空，没有可检查的年报内容。请确认选择了正确的文件。"


# -- 17. Big5, and declared charsets that are no text encodings -------------------------------------

# Traditional-Chinese prose written for this test (a Taiwan-style report's opening lines).
_TRADITIONAL = (
    "某縣政府資訊公開工作年度報告\n"
    "一、總體情況\n"
    "本年度本機關依據政府資訊公開條例，積極推動資訊公開，主動公開各類資訊共計一百二十件，"
    "受理申請三十件，均已依法辦結。\n"
    "二、主動公開政府資訊情況\n"
    "規章制度與規範性文件，本年新製作五件，現行有效十二件。\n"
)


def test_big5_text_decodes_as_big5() -> None:
    data = _TRADITIONAL.encode("cp950")
    data.decode("gb18030")  # the trap: GB18030 "decodes" these bytes too, into nonsense
    document = read_text("big5.txt", data)
    assert (document.text, document.encoding) == (_TRADITIONAL, "big5")


def test_gbk_text_still_decodes_as_gb18030() -> None:
    document = read_text("gbk.txt", CLEAN.read_bytes().decode("utf-8").encode("gbk"))
    assert document.encoding == "gb18030"
    assert document.text == CLEAN.read_text(encoding="utf-8")


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "unicode_escape", "idna", "zlib"])
def test_declared_charset_that_is_not_a_text_encoding(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><p>一、总体情况</p></body></html>'
    document = read_html("page.html", page.encode("utf-8"))
    assert "一、总体情况" in document.text


# -- 18. the same path given twice is linted once ----------------------------------------------------


def test_same_path_twice_is_linted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "reports"
    report = _copy(BAD, reports)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(str(report), "reports/no-section-6.txt", "reports", "--format", "json")
    assert code == 1
    assert [item["path"] for item in json.loads(out)] == ["reports/no-section-6.txt"]


# -- 19. folder walks skip files that are no report -----------------------------------------------------


def test_walk_skips_notes_but_a_named_note_is_linted(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    _copy(BAD, reports)
    notes = reports / "EXPECTED.md"
    notes.write_text(
        "# 各年报应有的检查结果\n\n- 必须：缺少 六、其他需要报告的事项 一节。\n"
        "- 不应：一、总体情况 的数字与表格不符。\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(str(reports), "--format", "concise", "--statistics")
    assert code == 1
    assert "EXPECTED.md:" not in out
    assert f"1 个文件不像年报（既没有标题，也没有章节标题，或是 giplint 的输出），未检查：{notes}" in out
    code, out, _ = run_cli(str(notes), "--format", "concise")
    assert code == 1 and "EXPECTED.md:" in out  # named explicitly: still linted


def test_walk_keeps_a_report_whose_first_heading_follows_lost_characters(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    text = CLEAN.read_text(encoding="utf-8").split("\n")
    body = "\n".join(line for line in text if "年度报告" not in line)  # no title line
    (reports / "r.txt").write_text("????" + body.lstrip(), encoding="utf-8")
    _, out, _ = run_cli(str(reports), "--format", "json")
    assert [Path(item["path"]).name for item in json.loads(out)] == ["r.txt"]


def test_every_builtin_parameter_type_is_validated() -> None:
    """The typed validation knows every shape a built-in Params field takes: a value of no
    YAML type at all is refused for each (a new, unknown shape would be let through silently)."""
    from conftest import registry

    from giplint.config import _is_instance, _type_hints

    for kind in registry().kinds.values():
        for name, annotation in _type_hints(kind.params).items():
            assert not _is_instance(object(), annotation), (kind.name, name, annotation)


def test_exclude_of_a_config_kept_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--config ci/giplint.yaml reports/`: files outside the config's folder are matched as given."""
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "giplint.yaml").write_text('exclude: ["reports/drafts/*"]\n', encoding="utf-8")
    _copy(CLEAN, tmp_path / "reports")
    _copy(BAD, tmp_path / "reports" / "drafts")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("--config", "ci/giplint.yaml", "reports", "--format", "json")
    assert code == 0
    assert [item["path"] for item in json.loads(out)] == ["reports/clean-2021.txt"]
