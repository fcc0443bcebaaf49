"""The run engine (giplint/engine/run.py): discovery, the per-file configuration, and who imports whom."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, run_cli

from giplint import plugins
from giplint.engine.run import Globs, Resolver, Target, collect, walk

CLEAN = REPORTS / "clean-2021.txt"
BAD = REPORTS / "no-section-6.txt"


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target


def test_walk_finds_reports_sorted_and_leaves_the_rest(tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "b" / "z.txt")
    _copy(BAD, tmp_path / "a" / "deep" / "y.md")
    _copy(CLEAN, tmp_path / "x.html")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "Z.TXT").write_text("upper-case suffix is not a report suffix\n", encoding="utf-8")
    failures: list = []
    found = walk(tmp_path, failures)
    assert [p.relative_to(tmp_path).as_posix() for p, _ in found] == ["a/deep/y.md", "b/z.txt", "x.html"]
    assert [key for _, key in found] == [p.resolve() for p, _ in found]
    assert failures == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlinked_folder_not_entered_and_a_linked_file_linted_once(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    real = _copy(CLEAN, reports / "real.txt")
    (reports / "alias.txt").symlink_to(real)
    outside = tmp_path / "outside"
    _copy(BAD, outside / "elsewhere.txt")
    (reports / "linked-folder").symlink_to(outside, target_is_directory=True)
    (reports / "loop").symlink_to(reports, target_is_directory=True)
    code, out, err = run_cli(str(reports), "--format", "json", "--no-cache")
    assert code == 0, err
    assert [Path(item["path"]).name for item in json.loads(out)] == ["real.txt"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_sub_folder_is_a_failure_and_the_rest_is_checked(tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "ok" / "a.txt")
    locked = tmp_path / "locked"
    _copy(BAD, locked / "b.txt")
    locked.chmod(0)
    try:
        code, out, err = run_cli(str(tmp_path), "--format", "json")
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert "locked" in err and "无法读取此文件夹" in err
    assert [Path(item["path"]).name for item in json.loads(out)] == ["a.txt"]


def test_missing_path_travels_in_order_and_duplicates_are_linted_once(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    clean = _copy(CLEAN, folder / "clean.txt")
    resolver = Resolver()
    plan = collect([str(clean), str(tmp_path / "gone.txt"), str(folder), str(clean)], [], resolver)
    assert [(Path(t.name).name, t.failure is not None, t.walked) for t in plan.targets] == [
        ("clean.txt", False, False),
        ("gone.txt", True, False),
    ]


def test_globs_match_like_fnmatch_on_path_name_and_parts() -> None:
    globs = Globs(["drafts", "*.bak.txt", "archive/2020/*"])
    assert globs.path(Path("x/drafts/a.txt"))
    assert globs.path(Path("y/report.bak.txt"))
    assert globs.path(Path("archive/2020/a.txt"))
    assert not globs.path(Path("archive/2021/a.txt"))
    assert not Globs([]).path(Path("anything.txt"))


def test_each_folder_gets_its_own_configuration_and_rules_are_built_once_per_config(tmp_path: Path) -> None:
    strict = tmp_path / "strict"
    loose = tmp_path / "loose"
    (strict / ".giplint.yaml").parent.mkdir(parents=True)
    (strict / ".giplint.yaml").write_text("select: [GIP101]\nexclude: ['drafts/*']\n", encoding="utf-8")
    (loose / ".giplint.yaml").parent.mkdir(parents=True)
    (loose / ".giplint.yaml").write_text("ignore: [GIP101]\n", encoding="utf-8")
    one, two = _copy(BAD, strict / "a.txt"), _copy(BAD, strict / "b.txt")
    three = _copy(BAD, loose / "c.txt")
    _copy(BAD, strict / "drafts" / "d.txt")
    resolver = Resolver()
    rules = [resolver.rules_for(Target(p.name, p)) for p in (one, two, three)]
    assert rules[0] is rules[1]  # one computation for every file under one configuration
    assert [r.id for r in rules[0] if r.enabled] == ["GIP101"]
    assert "GIP101" not in [r.id for r in rules[2] if r.enabled]
    elsewhere = Path.cwd()
    os.chdir(tmp_path.parent)  # the exclude is relative to the config's folder, wherever giplint runs
    try:
        plan = collect([str(tmp_path)], [], Resolver())
    finally:
        os.chdir(elsewhere)
    assert sorted(Path(t.name).name for t in plan.targets) == ["a.txt", "b.txt", "c.txt"]


def _fresh_python(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )
    return result.stdout.strip()


def test_the_pool_needs_neither_the_engine_nor_the_command_line() -> None:
    code = "import sys, giplint.engine.parallel; print('giplint.cli' in sys.modules, 'giplint.engine.run' in sys.modules)"
    assert _fresh_python(code) == "False False"


def test_rich_is_imported_only_when_there_is_something_to_show() -> None:
    code = (
        "import io, sys; from giplint.cli import main; "
        "main([sys.argv[1], '--no-cache'], stdout=io.StringIO(), stderr=io.StringIO()); "
        "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))"
    )
    assert _fresh_python(code.replace("sys.argv[1]", repr(str(CLEAN)))) == "False"
    assert _fresh_python(code.replace("sys.argv[1]", repr(str(BAD)))) == "True"


def test_a_run_in_one_process_starts_no_pool() -> None:
    """multiprocessing (with socket, selectors, subprocess) is imported only for worker processes."""
    code = (
        "import io, sys; from giplint.cli import main; "
        "main([sys.argv[1], '--no-cache', '--jobs', '1'], stdout=io.StringIO(), stderr=io.StringIO()); "
        "print('multiprocessing' in sys.modules, 'giplint.engine.parallel' in sys.modules)"
    )
    assert _fresh_python(code.replace("sys.argv[1]", repr(str(BAD)))) == "False False"


def test_entry_points_are_scanned_only_when_a_giplint_one_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins._scan_site.cache_clear()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    info = tmp_path / "other-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n", encoding="utf-8")
    try:
        assert plugins._scan_site() == (("other-1.0.dist-info",), False)
        assert plugins._entry_points() == []
        plugins._scan_site.cache_clear()
        (tmp_path / "demo-0.1.dist-info").mkdir()
        (tmp_path / "demo-0.1.dist-info" / "entry_points.txt").write_text(
            "[giplint]\ndemo = demo\n", encoding="utf-8"
        )
        assert plugins._scan_site()[1] is True
    finally:
        plugins._scan_site.cache_clear()


# -- one read path: each file parsed once per run, the cross-year pass on the first pass's reports --


def _archive(folder: Path, years: range) -> list[Path]:
    """One organ's reports of consecutive years, made from the clean 2024 fixture."""
    text = CLEAN.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in years:
        path = folder / f"report-{year}.txt"
        path.write_text(text.replace("2024", str(year)), encoding="utf-8")
        paths.append(path)
    return paths


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    import giplint.lint

    counts: dict[str, int] = {}
    parse = giplint.lint.parse_document

    def counting(document: object) -> object:
        counts[document.path] = counts.get(document.path, 0) + 1  # type: ignore[attr-defined]
        return parse(document)  # type: ignore[arg-type]

    monkeypatch.setattr(giplint.lint, "parse_document", counting)
    return counts


def test_each_file_is_parsed_once_per_run_and_the_pairs_are_cross_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _archive(tmp_path / "organ", range(2021, 2026))
    counts = _counting_parses(monkeypatch)
    code, out, _ = run_cli(str(tmp_path / "organ"), "--no-cache", "--format", "json", "--jobs", "1")
    assert sorted(counts.values()) == [1] * 5, counts  # the middle years too: not three times
    paired = {
        Path(f["path"]).name
        for f in json.loads(out)
        if any(d["rule"].startswith("GIP5") for d in f["diagnostics"])
    }
    assert paired == {f"report-{y}.txt" for y in range(2022, 2026)}
    # a run too large to keep its reports reads the pairs again, with the same findings
    monkeypatch.setattr("giplint.engine.run.KEEP_AT_MOST", 2)
    counts.clear()
    assert run_cli(str(tmp_path / "organ"), "--no-cache", "--format", "json", "--jobs", "1")[:2] == (
        code,
        out,
    )
    assert max(counts.values()) > 1  # the fallback does parse again: the count above is real


def test_a_reader_declares_text_input_for_the_text_size_limit(tmp_path: Path) -> None:
    from giplint.lint import Unread, read_report
    from giplint.readers import Reader
    from giplint.source import MAX_TEXT_BYTES, read_text

    big = b"a" * (MAX_TEXT_BYTES + 1)
    as_text = Reader("page", (".page",), read_text, text_input=True)
    as_binary = Reader(
        "blob", (".blob",), lambda path, data: read_text(path, data[:100] + "一、总体情况".encode())
    )
    refused = read_report("x.page", big, [as_text])
    assert isinstance(refused, Unread) and "MB 文本" in refused.failure.message
    assert not isinstance(read_report("x.blob", big, [as_binary]), Unread)
