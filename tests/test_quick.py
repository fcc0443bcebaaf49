"""A one-file check answered by the result cache before anything is loaded (giplint/commands/quick.py):
the same bytes and exit code as a full run, nothing of the parser or the plugins imported, and
never an answer the file, the rule selection or a configuration has since changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, run_cli

from giplint.engine.cache import ResultCache

CLEAN = REPORTS / "clean-2021.txt"
BAD = REPORTS / "no-section-6.txt"
# What a cache hit must not import: the parser (lark), the plugins (pluggy), the rule files
# (yaml), giplint's parser and model.
HEAVY = ("lark", "pluggy", "yaml", "giplint.parse", "giplint.model", "giplint.plugins", "giplint.lint")


def _giplint(*args: str, cwd: Path) -> tuple[int, str, str, list[str]]:
    """giplint in a fresh process: (exit code, stdout, stderr, the HEAVY modules it imported)."""
    code = (
        "import sys; from giplint.cli import main; code = main(sys.argv[1:]); "
        f"print('\\0' + ','.join(m for m in sorted(sys.modules) if m.startswith({HEAVY!r}))); sys.exit(code)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GIPLINT_CACHE_DIR")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env, cwd=cwd
    )
    out, _, imported = done.stdout.rpartition("\0")
    return done.returncode, out, done.stderr, [m for m in imported.strip().split(",") if m]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with no configuration above it (tmp), holding one report with findings."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(BAD, work / "report.txt")
    return work


@pytest.mark.parametrize("fmt", ["json", "full", "concise", "github"])
def test_a_hit_gives_the_full_runs_bytes_without_loading_the_parser(folder: Path, fmt: str) -> None:
    args = ("report.txt", "--format", fmt, "--cache-dir", str(folder / "cache"))
    uncached = _giplint("report.txt", "--format", fmt, "--no-cache", cwd=folder)
    first = _giplint(*args, cwd=folder)
    second = _giplint(*args, cwd=folder)
    assert uncached[0] == first[0] == second[0] == 1
    assert uncached[1] == first[1] == second[1] and "GIP101" in second[1]
    assert "lark" in first[3] and "giplint.parse" in first[3]  # the miss linted it
    assert second[3] == []  # the hit loaded none of it


def test_changed_bytes_selection_or_configuration_are_never_answered_from_before(folder: Path) -> None:
    cache = ("--cache-dir", str(folder / "cache"), "--format", "concise")
    assert _giplint("report.txt", *cache, cwd=folder)[0] == 1
    code, out, _, imported = _giplint("report.txt", "--ignore", "GIP101", *cache, cwd=folder)
    assert "GIP101" not in out and "lark" in imported  # another selection: linted
    (folder / "report.txt").write_bytes(CLEAN.read_bytes())
    code, out, _, imported = _giplint("report.txt", *cache, cwd=folder)
    assert code == 0 and out == "" and "lark" in imported  # other bytes: linted
    (folder / "report.txt").write_bytes(BAD.read_bytes())
    (folder / ".giplint.yaml").write_text("ignore: [GIP101]\n", encoding="utf-8")
    code, out, _, imported = _giplint("report.txt", *cache, cwd=folder)
    assert "GIP101" not in out and "yaml" in imported  # a configuration now applies: read, obeyed


def test_a_configuration_in_force_is_read_into_the_key(folder: Path) -> None:
    cache = ("--cache-dir", str(folder / "cache"), "--format", "concise")
    config = folder / ".giplint.yaml"
    config.write_text('ignore: [GIP101]\nper-file-ignores:\n  "other*.txt": [GIP415]\n', encoding="utf-8")
    first = _giplint("report.txt", *cache, cwd=folder)
    second = _giplint("report.txt", *cache, cwd=folder)
    assert first[:3] == second[:3] and "GIP101" not in second[1]
    assert "lark" in first[3] and "lark" not in second[3] and "yaml" in second[3]  # read, not linted
    config.write_text('ignore: [GIP415]\nper-file-ignores:\n  "report*.txt": [GIP104]\n', encoding="utf-8")
    _, out, _, imported = _giplint("report.txt", *cache, cwd=folder)
    assert "GIP101" in out and "lark" in imported  # another configuration: linted, obeyed
    (folder / "base.json").write_text("[]", encoding="utf-8")
    config.write_text("baseline: base.json\n", encoding="utf-8")
    for _ in range(2):  # a baseline is applied by the full run, every time
        assert "pluggy" in _giplint("report.txt", *cache, cwd=folder)[3]


def test_a_broken_configuration_is_still_its_one_message_and_exit_2(folder: Path) -> None:
    cache = ("--cache-dir", str(folder / "cache"))
    assert _giplint("report.txt", *cache, cwd=folder)[0] == 1
    (folder / ".giplint.yaml").write_text("select: [GIP1\n", encoding="utf-8")
    code, out, err, _ = _giplint("report.txt", *cache, cwd=folder)
    assert code == 2 and out == "" and err.startswith("配置错误：") and ".giplint.yaml" in err


def test_options_that_read_or_show_more_take_the_full_way(folder: Path) -> None:
    cache = ("--cache-dir", str(folder / "cache"))
    assert _giplint("report.txt", *cache, cwd=folder)[0] == 1
    for extra in (["--statistics"], ["--format", "sarif"], ["--published", "2025-01-20"], ["--jobs", "64"]):
        imported = _giplint("report.txt", *cache, *extra, cwd=folder)[3]
        assert "pluggy" in imported, extra


def test_the_key_holds_the_code_the_name_the_selection_and_the_bytes(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache.quick_key("a.txt", ("select", "ignore"), b"x")
    assert key == ResultCache(tmp_path).quick_key("a.txt", ("select", "ignore"), b"x")
    others = {
        cache.quick_key("b.txt", ("select", "ignore"), b"x"),
        cache.quick_key("a.txt", ("select", "ignore", "GIP1"), b"x"),
        cache.quick_key("a.txt", ("select", "ignore"), b"y"),
    }
    cache._environment = "another giplint"  # an edit anywhere in giplint/, grammar/ or rules/
    others.add(cache.quick_key("a.txt", ("select", "ignore"), b"x"))
    assert key not in others and len(others) == 4


def test_in_process_a_hit_renders_what_the_miss_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(BAD, tmp_path / "report.txt")
    first = run_cli("report.txt", "--format", "json", "--cache-dir", "cache")
    stored = sorted((tmp_path / "cache" / "results").glob("*/*.json"))
    assert len(stored) == 2 and first[0] == 1
    import giplint.commands.check

    def refuse(*args: object) -> int:
        raise AssertionError("the full run was started although the cache had the answer")

    monkeypatch.setattr(giplint.commands.check, "check_command", refuse)
    assert run_cli("report.txt", "--format", "json", "--cache-dir", "cache") == first
    assert json.loads(first[1])[0]["path"] == "report.txt"
