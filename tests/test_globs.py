"""Globs compiled once (giplint/globs.py, config.py `FileGlobs`, issue 21 item 14) match exactly
as the one-`fnmatch`-per-glob loop they replace: a table of globs × paths against that loop."""

from __future__ import annotations

import fnmatch
import itertools
from pathlib import Path

import pytest

from giplint.config import FileGlobs, UserConfig, apply_config, load_user_config
from giplint.engine.resolve import Resolver
from giplint.engine.run import Target, registry
from giplint.globs import GlobIndex

GLOBS = [
    "archive/2020/a.txt",  # literal
    "archive/2020/*.txt",
    "archive/*",
    "archive/*/b.txt",
    "*.txt",
    "*",
    "a.txt",
    "b?.txt",
    "archive/202[01]/*.md",
    "archive/202[!0]/*",
    "[ab].txt",
    "**/c.txt",
    "drafts/[",  # an unclosed bracket is a literal "["
    "drafts/[.txt",
    "drafts/x[]y.txt",
    "drafts/(a+)+.txt",  # regex characters are literal in a glob
    "drafts/a.b",
    "年报/2021/*局.txt",
    "年报/*/*",
    "",
    "archive/2020/a.txt",  # the same glob twice: both entries match
    "ARCHIVE/*",  # case matters on POSIX, as for fnmatch
    "*/2020/*",
    "archive/2020/",
    "?",
]
NAMES = [
    "archive/2020/a.txt",
    "archive/2020/b.txt",
    "archive/2021/b.txt",
    "archive/2021/c.md",
    "archive/2020/c.md",
    "archive/b.txt",
    "archive/x/y/b.txt",
    "a.txt",
    "b1.txt",
    "b12.txt",
    "c.txt",
    "x/c.txt",
    "/c.txt",
    "drafts/[",
    "drafts/[.txt",
    "drafts/x[]y.txt",
    "drafts/(a+)+.txt",
    "drafts/aab",
    "drafts/a.b",
    "年报/2021/某某局.txt",
    "年报/2021/某某局.md",
    "ARCHIVE/2020/a.txt",
    "",
    "a",
    "archive/2020/",
    "archive/2020/a.txt\nz",
]


def test_glob_index_matches_as_fnmatch_for_every_glob_and_name() -> None:
    index = GlobIndex(GLOBS)
    for name in NAMES:
        expected = [i for i, glob in enumerate(GLOBS) if fnmatch.fnmatch(name, glob)]
        assert index.matching(name) == expected, name


def test_glob_index_of_many_globs_and_of_none() -> None:
    """The prefix index at scale: a few thousand literal and wildcard globs, still fnmatch's answer."""
    globs = [f"archive/{y}/organ-{i}.txt" for y, i in itertools.product(range(2015, 2025), range(300))]
    globs += [f"archive/{y}/*-{i}.txt" for y, i in itertools.product(range(2015, 2025), range(30))]
    globs += ["*/draft-*", "archive/2019/*"]
    index = GlobIndex(globs)
    for name in ["archive/2019/organ-7.txt", "archive/2020/x-7.txt", "y/draft-1", "archive/2030/organ-1.txt"]:
        assert index.matching(name) == [i for i, glob in enumerate(globs) if fnmatch.fnmatch(name, glob)]
    assert GlobIndex([]).matching("a.txt") == []


def _old_ignored(config: UserConfig, file: Path) -> set[str]:
    """The loop giplint ran before item 14: every glob tried by fnmatch on every file."""
    assert config.path is not None
    try:
        relative = file.resolve().relative_to(config.path.parent.resolve()).as_posix()
    except ValueError:
        relative = file.as_posix()
    return {
        selector
        for glob, ids in config.per_file_ignores
        if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(file.name, glob)
        for selector in ids
    }


def _config(tmp_path: Path) -> Path:
    ids = ["GIP201", "GIP406", "blank-cell", "GIP3", "GIP1"]
    lines = ["per-file-ignores:"]
    lines += [f'  "{glob}": [{ids[i % len(ids)]}]' for i, glob in enumerate(GLOBS) if glob]
    lines += ["published:", '  "archive/*": 2021-01-20', '  "archive/2020/*": 2021-01-10']
    config = tmp_path / "repo" / ".giplint.yaml"
    config.parent.mkdir()
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    root = tmp_path / "repo"
    found = [root / name for name in NAMES if name and "\n" not in name and not name.endswith("/")]
    return [*found, tmp_path / "outside" / "a.txt", Path("relative/b1.txt")]


def test_per_file_ignores_and_published_as_before(tmp_path: Path, files: list[Path]) -> None:
    config = load_user_config(_config(tmp_path))
    kinds, rules = registry().kinds, registry().rules
    for file in files:
        old = _old_ignored(config, file)
        assert set(config.ignored_for(file)) == old, file
        disabled = {r.id for r in apply_config(rules, config, kinds, file) if not r.enabled}
        assert disabled == {
            r.id for r in rules if not r.enabled or any(r.id.startswith(s) or s == r.name for s in old)
        }
        expected = ""
        for glob, when, base in config.published:
            relative = (
                file.resolve().relative_to(base.resolve()).as_posix()
                if file.resolve().is_relative_to(base.resolve())
                else file.as_posix()
            )
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(file.name, glob):
                expected = when
        assert config.published_for(file) == expected, file


def test_the_resolver_gives_each_file_the_rules_apply_config_gives(tmp_path: Path, files: list[Path]) -> None:
    """One computation per configuration and per distinct per-file setting, the same rules."""
    path = _config(tmp_path)
    resolver = Resolver(config=path)
    config = load_user_config(path)
    for file in files:
        rules = resolver.rules_for(Target(file.name, file))
        expected = apply_config(registry().rules, config, registry().kinds, file)
        assert [(r.id, r.enabled) for r in rules] == [(r.id, r.enabled) for r in expected], file
        date = config.published_for(file)
        deadline = next(r for r in rules if r.id == "GIP410")
        assert deadline.params.published == date


def test_file_globs_group_entries_by_their_folder(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "one" / "two"
    globs = FileGlobs([("two/*.txt", one), ("*.txt", two), ("x.md", one), ("two/x.txt", two)])
    assert globs.matching(two / "x.txt") == [0, 1]
    assert globs.matching(two / "x.md") == [2]
    assert globs.matching(tmp_path / "x.txt") == [1]
