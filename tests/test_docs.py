"""What README.md and docs/ promise a new user, held against the repository and the tool.

A first hour goes wrong on the documentation before it goes wrong on the code: a `rev:` naming a
tag that does not exist, an install command that fails, a "prints nothing" that prints a line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _code_lines() -> list[tuple[Path, str]]:
    """Lines of the fenced code blocks: what a reader copies and runs."""
    lines = []
    for path in DOCS:
        fenced = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif fenced:
                lines.append((path, line))
    return lines


def test_no_doc_installs_giplint_from_a_package_index() -> None:
    """giplint is not on PyPI: `pip install giplint` fails; every install names a path or a URL."""
    bare = [
        f"{path.name}: {line.strip()}"
        for path, line in _code_lines()
        if re.search(r"pip install (?:-[-\w]+ )*[\"']?giplint(?:\[\w+\])?[\"']?(?:\s|$|`)", line)
    ]
    assert bare == []


def test_every_version_tag_the_docs_name_exists() -> None:
    """A pre-commit `rev:` or `@vX.Y.Z` in the docs' examples must be a tag of this repository."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tags = set(
        subprocess.run(
            ["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    )
    named = {
        match.group(1)
        for _, line in _code_lines()
        for match in re.finditer(r"(?:rev:\s*|@)(v\d+\.\d+\.\d+)\b", line)
    }
    assert named - tags == set()


def test_readme_says_what_a_clean_run_prints() -> None:
    """A clean file: nothing on stdout, one summary line on stderr, exit 0, and README says so."""
    code, out, err = run_cli(str(REPORTS / "clean-2021.txt"))
    assert (code, out) == (0, "")
    assert len(err.splitlines()) == 1 and err.startswith("检查了 1 个文件，错误 0")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    claim = next(line for line in readme.splitlines() if line.startswith("没有问题时"))
    assert "什么也不输出" not in claim and "标准错误" in claim and "汇总" in claim


def test_slow_tests_are_marked_and_the_quick_loop_is_documented() -> None:
    """`pytest -m "not slow"` leaves out the virtualenv-building and 1,000-file tests; plain
    `pytest` (README's and CI's command) still runs them."""
    import test_formats
    import test_precommit

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
        "ini_options"
    ]
    assert any(marker.startswith("slow:") for marker in options["markers"])
    assert "-m" not in options["addopts"].split()  # the default run is the whole suite
    assert any(mark.name == "slow" for mark in test_precommit.pytestmark)
    parity = test_formats.test_parallel_json_is_identical_to_serial
    assert any(mark.name == "slow" for mark in parity.pytestmark)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && pytest\n' in readme
    assert 'pytest -m "not slow"' in readme
