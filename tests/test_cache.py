"""The result cache (giplint/engine/cache.py): same answers, fewer lints, never a stale or forged one."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, run_cli

import giplint.engine.run
from giplint.diagnostics import Diagnostic, Failure, Severity
from giplint.engine.cache import ResultCache, decode, encode, usable
from giplint.lint import LintResult
from giplint.plugins import Registry
from giplint.span import Span

CLEAN = REPORTS / "clean-2021.txt"
BAD = REPORTS / "no-section-6.txt"


def _reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in (CLEAN, BAD, REPORTS / "balance-error.txt", REPORTS / "previous-2023.txt"):
        shutil.copy(source, folder / source.name)
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "results").glob("*/*.json"))


def _no_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> LintResult:
        raise AssertionError("linted although the cache had the answer")

    monkeypatch.setattr(giplint.engine.run, "lint_bytes", refuse)


@pytest.mark.parametrize("fmt", ["json", "full", "sarif"])
def test_a_second_run_is_answered_from_the_cache_with_identical_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    folder, cache = _reports(tmp_path), tmp_path / "cache"
    first = run_cli(str(folder), "--format", fmt, "--jobs", "1", "--cache-dir", str(cache))
    uncached = run_cli(str(folder), "--format", fmt, "--jobs", "1", "--no-cache")
    assert len(_entries(cache)) >= 4  # one per report, and one per cross-year pair
    _no_linting(monkeypatch)
    second = run_cli(str(folder), "--format", fmt, "--jobs", "2", "--cache-dir", str(cache))
    assert first[0] == second[0] == uncached[0] == 1
    assert first[1] == second[1] == uncached[1]


def test_changed_bytes_or_rules_are_linted_again(tmp_path: Path) -> None:
    folder, cache = _reports(tmp_path), tmp_path / "cache"
    run_cli(str(folder), "--format", "concise", "--cache-dir", str(cache))
    edited = folder / CLEAN.name
    edited.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run_cli(str(edited), "--format", "concise", "--cache-dir", str(cache))
    assert code == 1 and "GIP101" in out
    code, out, _ = run_cli(
        str(edited), "--format", "concise", "--ignore", "GIP101", "--cache-dir", str(cache)
    )
    assert "GIP101" not in out
    (folder / ".giplint.yaml").write_text("ignore: [GIP101]\n", encoding="utf-8")
    code, out, _ = run_cli(str(edited), "--format", "concise", "--cache-dir", str(cache))
    assert "GIP101" not in out  # the user's configuration is in the key too


@pytest.mark.parametrize(
    "garbage",
    ["{", "[]", '{"path": 1}', "null", json.dumps({"path": "x", "diagnostics": [[1, 2, 3]]}), "\udcff"],
)
def test_a_corrupt_entry_is_ignored(tmp_path: Path, garbage: str) -> None:
    folder, cache = _reports(tmp_path), tmp_path / "cache"
    expected = run_cli(str(folder), "--format", "json", "--cache-dir", str(cache))
    for entry in _entries(cache):
        entry.write_text(garbage, encoding="utf-8", errors="surrogateescape")
    assert run_cli(str(folder), "--format", "json", "--cache-dir", str(cache)) == expected


def test_a_forged_entry_for_another_file_is_not_used(tmp_path: Path) -> None:
    folder, cache = _reports(tmp_path), tmp_path / "cache"
    run_cli(str(folder / BAD.name), "--format", "json", "--cache-dir", str(cache))
    entries = _entries(cache)
    assert len(entries) == 2  # the run's answer, and the same under the one-file key (commands/quick.py)
    from giplint.engine.cache import _secret, _sign

    for entry in entries:
        data = json.loads(entry.read_bytes().partition(b"\n")[2])
        data["path"] = "someone-else.txt"
        body = json.dumps(data).encode()
        entry.write_bytes(_sign(_secret() or b"", body) + b"\n" + body)  # signed with the user's own key
    code, out, _ = run_cli(str(folder / BAD.name), "--format", "json", "--cache-dir", str(cache))
    assert code == 1 and json.loads(out)[0]["path"].endswith(BAD.name)


def test_results_with_failures_are_never_stored_and_no_cache_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _reports(tmp_path), tmp_path / "cache"
    run_cli(str(folder), "--format", "json", "--no-cache", "--cache-dir", str(cache))
    assert not cache.exists()

    def failing(path: str, *args: object, **kwargs: object) -> LintResult:
        return LintResult(path, failures=[Failure(path, f"{path}：检查出错")])

    monkeypatch.setattr(giplint.engine.run, "lint_bytes", failing)
    code, _, _ = run_cli(str(folder), "--format", "json", "--cache-dir", str(cache))
    assert code == 2
    assert _entries(cache) == []


def test_the_cache_folder_marks_itself_and_defaults_to_the_environment(tmp_path: Path) -> None:
    folder = _reports(tmp_path)
    run_cli(str(folder / CLEAN.name), "--format", "json")  # GIPLINT_CACHE_DIR: conftest's own folder
    import os

    cache = Path(os.environ["GIPLINT_CACHE_DIR"])
    assert len(_entries(cache)) == 2  # its answer, also under the one-file key (commands/quick.py)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172")


def test_a_third_party_plugin_or_a_failed_one_turns_the_cache_off() -> None:
    assert usable(Registry(plugins=["giplint.checks.identity", "giplint.readers.formats"]))
    assert not usable(Registry(plugins=["giplint.checks.identity", "demo"]))
    assert not usable(Registry(failures=[Failure("", "插件 demo 无法加载", kind="plugin")]))


def test_every_field_survives_the_round_trip(tmp_path: Path) -> None:
    folder = _reports(tmp_path)
    cache = ResultCache(tmp_path / "cache")
    resolver = giplint.engine.run.Resolver()
    for path in sorted(folder.iterdir()):
        target = giplint.engine.run.Target(path.name, path)
        result = giplint.engine.run.lint_target(target, resolver.rules_for(target))
        decoded = decode(json.loads(json.dumps(encode(result))))
        assert decoded == result
        assert [d.to_dict() for d in decoded.diagnostics] == [d.to_dict() for d in result.diagnostics]
        key, known = cache.lookup(target, resolver.rules_for(target))
        assert key is not None and known is None


def test_table_row_and_column_survive_the_round_trip() -> None:
    """They are compare=False (like hint and page): equality alone would not notice them lost."""
    found = Diagnostic(
        "a.txt", Span(3, 1, 3, 2), "GIP301", "applications-balance", Severity.ERROR, "消息", "三",
        table="三", row="（七）总计", column="自然人",
    )  # fmt: skip
    (back,) = decode(json.loads(json.dumps(encode(LintResult("a.txt", [found]))))).diagnostics
    assert (back.table, back.row, back.column) == ("三", "（七）总计", "自然人")
    assert back.place() == "表三 “（七）总计” 行 “自然人” 列"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_cache_folder_costs_nothing_but_the_cache(tmp_path: Path) -> None:
    folder, cache = _reports(tmp_path), tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert run_cli(str(folder), "--format", "json", "--cache-dir", str(cache))[0] == 1
    finally:
        cache.chmod(0o700)


def test_gitignore_of_the_project_names_the_cache() -> None:
    assert ".giplint_cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_fingerprint_covers_every_giplint_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit to any module (a check, the parser), not only to giplint/engine/, gives a new
    fingerprint: the cache must not serve findings of the old code (it walked engine/ only after
    the move into folders)."""
    import os

    from giplint.engine import cache

    seen: list[str] = []
    real_stat = os.stat

    def stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        seen.append(str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    cache.environment_fingerprint()
    names = {p.replace(os.sep, "/") for p in seen}
    for module in ("giplint/checks/not_placeholder.py", "giplint/parse/__init__.py", "giplint/engine/cache.py"):
        assert any(name.endswith(module) for name in names), module
