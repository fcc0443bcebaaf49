"""The pre-commit hook, run by the real pre-commit: it fails on a bad report and passes a good one.

`pre-commit try-repo` installs giplint from a git repository into its own virtualenv (from PyPI,
with the dependencies), exactly as a user's `pre-commit install` would. It takes the repository's
HEAD plus *modified tracked* files only — untracked files such as a new ``.pre-commit-hooks.yaml``
are left out — so the test commits a snapshot of this checkout's working tree (tracked and
untracked, not ignored) into a temporary repository and tries that. The checkout itself is never
touched.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLEAN_FIXTURE = ROOT / "fixtures" / "reports" / "clean-2021.txt"
INSTALL_TIMEOUT = 1200  # seconds: pre-commit builds a virtualenv and installs giplint from PyPI

pytestmark = [
    pytest.mark.skipif(
        shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
        reason="需要 git 和 pre-commit（pip install pre-commit）才能测试 pre-commit 钩子",
    ),
    pytest.mark.slow,  # builds a virtualenv per run: left out of the quick loop, run by CI
]


def _git_env(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no inherited GIT_* (as inside a git hook), a
    private PRE_COMMIT_HOME, and an identity so commits work on a machine without one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="giplint test",
        GIT_AUTHOR_EMAIL="giplint-test@example.invalid",
        GIT_COMMITTER_NAME="giplint test",
        GIT_COMMITTER_EMAIL="giplint-test@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _init_repo(repo: Path, env: dict[str, str]) -> None:
    _git(repo, env, "init", "-q")
    _git(repo, env, "config", "user.name", "giplint test")
    _git(repo, env, "config", "user.email", "giplint-test@example.invalid")
    _git(repo, env, "config", "commit.gpgsign", "false")


def _commit_all(repo: Path, env: dict[str, str]) -> None:
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "snapshot")


def _snapshot_checkout(dest: Path, env: dict[str, str]) -> Path:
    """This checkout's working tree (tracked and untracked files, not ignored ones) as a new repo."""
    if not (ROOT / ".git").exists():
        pytest.skip("本测试需要在 giplint 的 git 检出目录中运行")
    listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # deleted-but-tracked files are listed too
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (dest / ".pre-commit-hooks.yaml").is_file(), "仓库根目录缺少 .pre-commit-hooks.yaml"
    _init_repo(dest, env)
    _commit_all(dest, env)
    return dest


def _reports_repo(dest: Path, env: dict[str, str]) -> Path:
    """A user's repository of reports: one good, one with section 六 (heading and text) removed."""
    if not CLEAN_FIXTURE.is_file():
        pytest.skip("缺少 fixtures/reports/clean-2021.txt（完整的2021年格式年报样例）")
    good = CLEAN_FIXTURE.read_text(encoding="utf-8")
    cut = good.index("六、其他需要报告的事项")
    reports = dest / "reports"
    reports.mkdir(parents=True)
    (reports / "good.txt").write_text(good, encoding="utf-8")
    (reports / "bad.txt").write_text(good[:cut], encoding="utf-8")
    _init_repo(dest, env)
    _commit_all(dest, env)
    return dest


def _try_repo(
    hook_repo: Path, reports_repo: Path, env: dict[str, str], file: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            "giplint",
            "--files",
            file,
            "--verbose",
        ],
        cwd=reports_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("precommit")
    env = _git_env(base)
    hook_repo = _snapshot_checkout(base / "giplint-checkout", env)
    reports_repo = _reports_repo(base / "reports-repo", env)
    return hook_repo, reports_repo, env


def test_hook_fails_on_report_without_section_six(repos: tuple[Path, Path, dict[str, str]]) -> None:
    hook_repo, reports_repo, env = repos
    done = _try_repo(hook_repo, reports_repo, env, "reports/bad.txt")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Failed" in output, output
    assert "GIP101" in output, output  # missing-section, reported by giplint inside the hook
    assert "reports/bad.txt" in output, output


def test_hook_passes_good_report(repos: tuple[Path, Path, dict[str, str]]) -> None:
    hook_repo, reports_repo, env = repos
    done = _try_repo(hook_repo, reports_repo, env, "reports/good.txt")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output, output
