"""The worker processes of ``--jobs`` never outlive giplint (giplint/engine/parallel.py): killed
(SIGKILL: no handler runs), terminated (SIGTERM) or interrupted (Ctrl-C), giplint leaves no
worker behind, and the last two end with one Chinese line. The workers here are stuck in a
plugin's endless check (tests/garbage_plugin.py, GARBAGE=hangall), the case in which only the
parent could stop them; GIPLINT_CHECK_BUDGET is high, so the parent does not stop them itself.
The same holds for the child a reader's work runs in (giplint/readers/_bounded.py), whose time
limit only its parent keeps.

Linux only: the processes are found in /proc (no psutil)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, run_cli
from test_cli import _dist_info

from giplint.engine.run import cores

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="processes are found in /proc")
TWO_CORES = pytest.mark.skipif(cores() < 2, reason="--jobs 2 needs two cores (--jobs is capped at the core count)")


def _state(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) of a live process; None when it is gone or a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    state, parent = stat.rsplit(")", 1)[1].split()[:2]  # the name in (…) may hold spaces
    return None if state in "ZX" else (state, int(parent))


def _children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = _state(int(entry.name))
            if state is not None and state[1] == pid:
                found.append(int(entry.name))
    return found


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """giplint --jobs 2 over four reports, both workers stuck in a check: (giplint, its workers)."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("garbage_plugin.py", "garbage_plugin_rules.yaml"):
        shutil.copy(ROOT / "tests" / name, site / name)
    _dist_info(site, "giplint-garbage", "garbage = garbage_plugin")
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        shutil.copy(REPORTS / "no-section-6.txt", reports / name)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]),
        GARBAGE="hangall",
        GIPLINT_CHECK_BUDGET="600",
        NO_COLOR="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "giplint", "--no-cache", "--jobs", "2", str(reports)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        start_new_session=True,  # its own process group: Ctrl-C below reaches giplint and workers only
    )
    workers: list[int] = []

    def started() -> bool:
        workers[:] = _children(process.pid)
        return len(workers) == 2 and all((_state(w) or ("", 0))[0] == "R" for w in workers)

    if not _wait_for(started, 60):
        process.kill()
        process.communicate()
        pytest.fail(f"the two workers did not start: {workers}")
    time.sleep(0.5)  # inside the endless check
    return process, workers


def _gone(workers: list[int]) -> bool:
    return all(_state(w) is None for w in workers)


def _end(process: subprocess.Popen[str], workers: list[int]) -> None:
    """Whatever the test found, no process of it is left running."""
    for pid in [process.pid, *workers]:
        if _state(pid) is not None:
            os.kill(pid, signal.SIGKILL)


@TWO_CORES
def test_killed_giplint_leaves_no_worker(tmp_path: Path) -> None:
    """SIGKILL runs no handler: the workers must notice their parent is gone by themselves."""
    process, workers = _start(tmp_path)
    try:
        process.kill()
        process.wait(timeout=30)
        assert _wait_for(lambda: _gone(workers), 5), [w for w in workers if _state(w) is not None]
    finally:
        _end(process, workers)


def _signals(pid: int, field: str) -> int:
    """A signal mask of /proc/PID/status: SigIgn (ignored) or SigCgt (caught by a handler)."""
    for row in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if row.startswith(f"{field}:"):
            return int(row.split()[1], 16)
    return 0


@TWO_CORES
def test_workers_leave_ctrl_c_and_sigterm_to_giplint(tmp_path: Path) -> None:
    """A worker ignores SIGINT and takes SIGTERM's default: a Ctrl-C or SIGTERM sent to the whole
    group can never show as a worker's traceback; giplint stops the workers and says it once."""
    process, workers = _start(tmp_path)
    try:
        for worker in workers:
            assert _signals(worker, "SigIgn") & (1 << (signal.SIGINT - 1))
            assert not _signals(worker, "SigCgt") & (1 << (signal.SIGTERM - 1))
        assert _signals(process.pid, "SigCgt") & (1 << (signal.SIGTERM - 1))  # giplint's own handler
    finally:
        _end(process, workers)
        process.communicate(timeout=30)


@TWO_CORES
@pytest.mark.parametrize(
    ("how", "code", "line"),
    [
        ("SIGTERM", 143, "已终止（收到终止信号 SIGTERM），未完成的检查已停止。"),
        ("SIGINT", 130, "已中断（Ctrl-C）。"),
        ("Ctrl-C", 130, "已中断（Ctrl-C）。"),  # a terminal's Ctrl-C: SIGINT to the whole group
    ],
)
def test_stopped_giplint_leaves_no_worker_and_says_so(tmp_path: Path, how: str, code: int, line: str) -> None:
    process, workers = _start(tmp_path)
    try:
        if how == "Ctrl-C":
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(getattr(signal, how))
        process.wait(timeout=30)
        assert _wait_for(lambda: _gone(workers), 5), [w for w in workers if _state(w) is not None]
        out, err = process.communicate(timeout=30)  # the workers held the pipes open too
        assert (process.returncode, out, err) == (code, "", line + "\n")
    finally:
        _end(process, workers)


def test_killed_reader_leaves_no_bounded_child(tmp_path: Path) -> None:
    """A PDF is read in a forked child that its parent stops after 10 s; with the parent killed
    nobody would: the child must end with it (here the work spins for ever)."""
    (tmp_path / "spin.py").write_text("def forever(path, data):\n    while True:\n        pass\n", encoding="utf-8")
    code = "from giplint.readers import _bounded; _bounded.run('spin:forever', 'a.pdf', b'')"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=tmp_path)
    children: list[int] = []

    def started() -> bool:
        children[:] = _children(process.pid)
        return bool(children)

    try:
        assert _wait_for(started, 30)
        process.kill()
        process.wait(timeout=30)
        assert _wait_for(lambda: _gone(children), 5), children
    finally:
        _end(process, children)



@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_on_one_file_costs_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], jobs: str
) -> None:
    """An exception out of linting one file (giplint's own bug, past the guarded readers and
    checks) costs that file, with the 内部错误 line a reader's bug gets, in a worker as in the
    main process; no worker prints a traceback. Before: with --jobs 1 the run stopped; with
    --jobs 2 each worker printed a traceback and each file was blamed on a rule's maintainers."""
    if jobs == "2" and cores() < 2:
        pytest.skip("--jobs 2 needs two cores (--jobs is capped at the core count)")
    import giplint.engine.run

    real = giplint.engine.run.lint_bytes

    def broken(path: str, *args: object, **kwargs: object) -> object:
        if path.endswith("b.txt"):
            raise KeyError("a bug")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(giplint.engine.run, "lint_bytes", broken)
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(REPORTS / "no-section-6.txt", tmp_path / name)
    code, out, err = run_cli("--no-cache", "--jobs", jobs, "--format", "concise", str(tmp_path))
    assert code == 2
    assert err == (
        f"{tmp_path / 'b.txt'}：giplint 内部错误，无法读取或解析此报告（KeyError: 'a bug'）。"
        "其他文件照常检查；请把此文件发给 giplint 的维护者。\n"
    )
    assert [line.split(":")[0] for line in out.splitlines() if "GIP101" in line] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "c.txt"),
    ]
    assert "Traceback" not in capfd.readouterr().err


@TWO_CORES
def test_an_exception_in_a_worker_is_raised_in_giplint(capfd: pytest.CaptureFixture[str]) -> None:
    """Whatever the lint function given to the pool raises in a worker is raised by
    lint_parallel, as --jobs 1 would raise it (the command line makes it one line), and the
    worker prints no traceback (before: it printed one and the file was blamed on a rule)."""
    import io

    from giplint.engine.parallel import lint_parallel

    def lint(target: int, rules: object) -> object:
        raise KeyError(f"a bug on {target}")

    with pytest.raises(KeyError, match="a bug on"):
        lint_parallel([(1, []), (2, [])], 2, False, io.StringIO(), lint, None, lambda: None)  # type: ignore[arg-type]
    assert "Traceback" not in capfd.readouterr().err


def test_a_spawned_child_watching_its_parent_ends_with_it(tmp_path: Path) -> None:
    """The fallback of macOS and Windows (no prctl; workers spawned, not forked): a daemon thread
    of the child waits on multiprocessing's parent sentinel. Tried here with the spawn method and
    without prctl: the parent is SIGKILLed while its child spins, and the child must end."""
    (tmp_path / "watcher.py").write_text(
        "import multiprocessing, sys\n"
        "from giplint import lifetime\n"
        "def spin():\n"
        "    lifetime._watch_parent()\n"
        "    while True:\n"
        "        pass\n"
        "if __name__ == '__main__':\n"
        "    child = multiprocessing.get_context('spawn').Process(target=spin, daemon=True)\n"
        "    child.start()\n"
        "    print(child.pid, flush=True)\n"
        "    child.join()\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    process = subprocess.Popen(
        [sys.executable, str(tmp_path / "watcher.py")], stdout=subprocess.PIPE, text=True, env=env
    )
    children: list[int] = []
    try:
        children.append(int(process.stdout.readline()))  # type: ignore[union-attr]
        assert _wait_for(lambda: (_state(children[0]) or ("", 0))[0] == "R", 30)
        time.sleep(0.5)  # the watching thread is up
        process.kill()
        process.wait(timeout=30)
        assert _wait_for(lambda: _gone(children), 5), children
    finally:
        _end(process, children)
