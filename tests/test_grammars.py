"""giplint never unpickles a parser from a place another user can write (lark's `cache=True`
keeps pickles under predictable names in the shared temporary directory).

The attack is reproduced: pickles that create a marker file when loaded are planted under exactly
the names lark's shared cache would use for giplint's grammars; giplint runs with that temporary
directory, lints a report, and the marker must not appear.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPORTS

from giplint import grammars


class _Planted:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (Path(self.marker), "pwned"))  # type: ignore[return-value]


def _env(tmp_path: Path) -> dict[str, str]:
    shared = tmp_path / "shared-tmp"
    shared.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(shared), "XDG_CACHE_HOME": str(tmp_path / "home-cache")}


def test_planted_pickles_in_the_shared_temp_dir_are_never_loaded(tmp_path: Path) -> None:
    env = _env(tmp_path)
    # Let lark write its shared cache files for giplint's grammars, as `cache=True` did.
    make_shared_cache = textwrap.dedent(
        """
        from lark import Lark
        from giplint import shipped
        for name, options in [("report.lark", dict(parser="lalr", lexer="contextual")),
                              ("expression.lark", dict(parser="lalr"))]:
            Lark((shipped("grammar") / name).read_text(encoding="utf-8"), cache=True, **options)
        """
    )
    subprocess.run([sys.executable, "-c", make_shared_cache], env=env, check=True)
    planted = sorted(Path(env["TMPDIR"]).glob(".lark_cache_*"))
    assert planted, "lark wrote no shared cache files to plant over"
    marker = tmp_path / "marker"
    for path in planted:
        with path.open("wb") as file:  # lark's format: a hash line, then pickles
            file.write(b"0" * 64 + b"\n")
            pickle.dump(_Planted(str(marker)), file)
    run = subprocess.run(
        [sys.executable, "-m", "giplint", "--format", "concise", str(REPORTS / "clean-2021.txt")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert not marker.exists()


def test_the_private_cache_is_the_users_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("GIPLINT_NO_CACHE", raising=False)
    file = grammars._cache_file("report.lark", "grammar text", {})
    assert file is not None and file.parent == tmp_path / "giplint"
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700


def test_a_cache_others_may_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("GIPLINT_NO_CACHE", raising=False)
    directory = tmp_path / "giplint"
    directory.mkdir()
    directory.chmod(0o777)
    assert grammars._cache_file("report.lark", "grammar text", {}) is None
    directory.chmod(0o700)
    file = grammars._cache_file("report.lark", "grammar text", {})
    assert file is not None
    file.write_bytes(b"")
    file.chmod(0o666)
    assert grammars._cache_file("report.lark", "grammar text", {}) is None
