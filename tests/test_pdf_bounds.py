"""Hostile PDFs cost bounded time and memory (issue 21, item 1).

Each attack in tests/hostile_pdfs.py is linted by the real command in a subprocess, beside a
clean report, under an address-space limit for the whole run and a timeout the test itself
keeps: the PDF gets one Chinese line naming it, exit 2, and the clean report is still checked
(nothing on stdout). Where PDFium makes sense of the file within the bounds (it breaks a
reference cycle, it keeps the first 32,767 characters of a 50 MB string), the file is read
and linted instead: exit 1, its findings, nothing on stderr. Before the reader ran in a bounded child these hung or took gigabytes
(the test then fails by its own timeout or the memory limit). The bounds themselves
(giplint/readers/_bounded.py) are tested directly: out of time, out of memory, a crash, the
spawned child of platforms without fork, and inside the parallel engine's workers.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS, run_cli
from hostile_pdfs import ATTACKS, font_warning, line_segments

from giplint.readers import _bounded, ocr
from giplint.readers import pdf as pdf_reader
from giplint.readers.pdf import read_pdf
from giplint.source import InputError

CLEAN = REPORTS / "clean-2021.txt"
RUN_LIMIT = 4 << 30  # address space for the whole giplint run (the child's bound is inside it)
# What such a file may be told: out of time or memory, or what the engine made of it (a damaged
# file; a page without text is a scan).
REFUSALS = {
    *pdf_reader._REFUSED.values(),
    pdf_reader.MSG_CORRUPT,
    pdf_reader.MSG_SCANNED,
    pdf_reader.MSG_SCANNED + ocr.INSTALL_HINT,  # without the giplint[ocr] extra
    pdf_reader.MSG_TOO_COMPLEX.format(page=1),
}
SLOW = {"nested-forms", "ruled-grid", "huge-string", "line-segments", "flate-bomb"}  # seconds each


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (RUN_LIMIT, RUN_LIMIT))


def _giplint(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    code = "import sys; from giplint.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "GIPLINT_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache", "--format", "concise", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limited,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    "attack",
    [pytest.param(name, marks=[pytest.mark.slow] if name in SLOW else []) for name in ATTACKS],
)
def test_hostile_pdf_is_refused_within_bounds(attack: str, tmp_path: Path) -> None:
    path = tmp_path / f"{attack}.pdf"
    path.write_bytes(ATTACKS[attack]())
    done = _giplint(str(path), str(CLEAN), timeout=_bounded.TIME_LIMIT + 40)
    lines = done.stderr.splitlines()
    if done.returncode == 1:  # PDFium made sense of it (a cycle it broke, a string it cut): read
        assert done.stderr == "" and done.stdout.startswith(f"{path}:"), done.stderr[-2000:]
        assert str(CLEAN) not in done.stdout
        return
    assert (done.returncode, done.stdout) == (2, ""), done.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith(f"{path}："), done.stderr[-2000:]
    assert lines[0].removeprefix(f"{path}：") in REFUSALS


def test_engine_log_lines_never_reach_stderr(tmp_path: Path) -> None:
    path = tmp_path / "font.pdf"
    path.write_bytes(font_warning())
    done = _giplint(str(path), timeout=120)
    assert done.returncode == 1  # read: "hello" is no report, which is findings, not an error
    assert done.stderr == ""


# ---------------------------------------------------------------------------------------------
# The bounds, one by one


def _abort(path: str, data: bytes) -> object:
    os.abort()


def _hog(path: str, data: bytes) -> object:
    return len(bytearray(_bounded.MEMORY_LIMIT + (256 << 20)))


def _echo(path: str, data: bytes) -> object:
    return {"path": path, "size": len(data)}


def test_a_child_that_dies_is_refused_not_fatal() -> None:
    with pytest.raises(_bounded.Refused) as refused:
        _bounded.run("test_pdf_bounds:_abort", "x.pdf", b"")
    assert refused.value.reason == "crash"


def test_a_child_over_its_memory_bound_is_refused() -> None:
    with pytest.raises(_bounded.Refused) as refused:
        _bounded.run("test_pdf_bounds:_hog", "x.pdf", b"")
    assert refused.value.reason == "memory"


@pytest.mark.parametrize("fork", [True, False], ids=["fork", "spawn"])
def test_the_answer_comes_back_through_either_child(fork: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_bounded, "_FORK", fork)
    assert _bounded.run("test_pdf_bounds:_echo", "报告.pdf", b"x" * 1000) == {"path": "报告.pdf", "size": 1000}


@pytest.mark.parametrize("fork", [True, False], ids=["fork", "spawn"])
def test_out_of_time_is_one_chinese_message(fork: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_bounded, "_FORK", fork)
    monkeypatch.setattr(_bounded, "TIME_LIMIT", 0.3)
    with pytest.raises(InputError) as error:
        read_pdf("segments.pdf", line_segments())
    assert error.value.message == pdf_reader._REFUSED["time"]
    assert error.value.message.startswith("读取这个 PDF 超过")


def test_bounds_hold_in_the_parallel_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_bounded, "TIME_LIMIT", 0.3)  # the forked workers inherit it
    bad = tmp_path / "segments.pdf"
    bad.write_bytes(line_segments())
    paths = [tmp_path / f"clean-{n}.txt" for n in range(3)]
    for path in paths:
        path.write_bytes(CLEAN.read_bytes())
    code, out, err = run_cli("--jobs", "2", "--format", "concise", str(paths[0]), str(bad), *map(str, paths[1:]))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{bad}：{pdf_reader._REFUSED['time']}"]
