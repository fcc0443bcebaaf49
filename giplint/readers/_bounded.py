"""Run one reader's work on one file in a child process, under a wall-clock and a memory bound.

Why a child: a PDF engine is a large parser of a hostile format. A reference cycle, form
XObjects nested 10 × 8 deep, a 300 × 300 ruled grid, a 50 MB string or a FlateDecode bomb of a
few KB can make it run for minutes, take gigabytes, or (PDFium is C++) abort the process. In a
child, any of these costs one file: the parent waits at most `TIME_LIMIT` seconds, the child's
address space may grow by at most `MEMORY_LIMIT` bytes (``RLIMIT_AS``), and a crash or abort is
only the child's exit status. The engine's log lines and anything it prints go to /dev/null.

How: on Linux the child is forked (a few ms: it inherits the imported engine, no start-up), the
work's JSON answer comes back through a pipe. JSON, not pickle: the parent never unpickles what
a process that read a hostile file wrote. Forking works inside the parallel engine's workers
(giplint/engine/parallel.py) as in the main process, and the result cache (in the parent) sees only
the finished Document. Elsewhere (macOS, Windows: forking is unsafe or missing) the child is a
fresh interpreter running the same work (``python -c``), the file's bytes on its stdin; it
limits its own address space where ``resource.RLIMIT_AS`` exists and works (not on Windows,
and macOS does not enforce it): there only the time limit holds.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from giplint.lifetime import die_with_parent
from giplint.source import InputError

TIME_LIMIT = 10.0  # seconds of wall clock for one file; a real report PDF takes well under 1 s
MEMORY_LIMIT = 1 << 30  # bytes of address space the child may add to what it starts with
MAX_ANSWER = 256 << 20  # bytes of JSON the parent accepts back (a report's text is a few 100 KB)

_FORK = sys.platform.startswith("linux")


class Refused(Exception):
    """The work did not finish within its bounds: `reason` is "time", "memory" or "crash"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def run(work: str, path: str, data: bytes) -> Any:
    """``module:function`` applied to (path, data) in a child; its JSON-able answer.

    Raise `Refused` when the child ran out of time, of memory, or died. An exception the work
    raises comes back as ``{"error": [type name, message]}``: the work itself maps what it
    expects (a damaged file) to its answer, so this only sees the unexpected.
    """
    return _forked(work, path, data) if _FORK else _spawned(work, path, data)


def _call(work: str, path: str, data: bytes) -> Any:
    module, _, function = work.partition(":")
    try:
        return getattr(importlib.import_module(module), function)(path, data)
    except MemoryError:
        return {"refused": "memory"}
    except Exception as exc:  # noqa: BLE001  handed to the parent, which reports it for this file
        return {"error": [type(exc).__name__, str(exc)]}


def _limit_memory() -> None:
    """Cap the address space at what the process uses now plus MEMORY_LIMIT (RLIMIT_AS)."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit, only the time limit holds
        return
    used = 0
    with contextlib.suppress(OSError, ValueError), open("/proc/self/statm", encoding="ascii") as statm:
        used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    with contextlib.suppress(ValueError, OSError, AttributeError):
        resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_LIMIT, used + MEMORY_LIMIT))


def _quiet() -> None:
    """The engine's log lines and prints go nowhere (fd 1 and 2 of this process only)."""
    import faulthandler
    import logging

    faulthandler.disable()  # it writes to a copy of stderr of its own (pytest, PYTHONFAULTHANDLER)
    logging.disable(logging.CRITICAL)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


def _forked(work: str, path: str, data: bytes) -> Any:
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code, whatever happens
        code = 1
        try:
            die_with_parent(parent)  # the time limit is kept by the parent: killed, it keeps none
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _quiet()
            _limit_memory()
            answer = json.dumps(_call(work, path, data), ensure_ascii=False).encode("utf-8")
            view = memoryview(answer)
            while view:
                view = view[os.write(write_end, view) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    answer = b""
    try:
        answer = _read_until(read_end, time.monotonic() + TIME_LIMIT)
    except BaseException:  # out of time, too much answer, or Ctrl-C in the parent: stop the child
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)
    return _decode(answer)


def _read_until(fd: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise Refused("time")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER:
            raise Refused("memory")
        chunks.append(chunk)


def _decode(raw: bytes) -> Any:
    """The child's answer; nothing or a cut answer means it died (an abort on memory, a crash)."""
    try:
        answer = json.loads(raw.decode("utf-8")) if raw else None
    except (ValueError, RecursionError):
        answer = None
    if answer is None:
        raise Refused("crash")
    if isinstance(answer, dict) and isinstance(answer.get("refused"), str):
        raise Refused(answer["refused"])
    return answer


def _spawned(work: str, path: str, data: bytes) -> Any:
    """A fresh interpreter runs the work (no fork on this platform); the bytes on its stdin."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)  # the parent's modules
    code = "from giplint.readers._bounded import child_main; child_main()"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, work, path],
            input=data,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=TIME_LIMIT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # subprocess.run has killed the child
        raise Refused("time") from exc
    if len(done.stdout) > MAX_ANSWER:
        raise Refused("memory")
    return _decode(done.stdout)


def child_main() -> None:
    """The spawned child: ``python -c ... WORK PATH`` with the file's bytes on stdin."""
    work, path = sys.argv[1], sys.argv[2]
    data = sys.stdin.buffer.read()
    out = os.fdopen(os.dup(1), "wb")
    _quiet()
    _limit_memory()
    out.write(json.dumps(_call(work, path, data), ensure_ascii=False).encode("utf-8"))
    out.flush()


# -- the refusals a zipped-XML reader shares (Word .docx, OpenDocument .odt) -------------------------


def walk_or_refuse(
    path: str,
    walk: Callable[[], None],
    text: Callable[[], str],
    too_much: tuple[type[Exception], str],
    corrupt: str,
    empty: str,
) -> None:
    """Run `walk` (the reader's walk over the document body), turning its refusals into one
    InputError each, worded by the reader: the body held more than any report (`too_much`: the
    walk's exception and the message), XML nested past Python's recursion limit (`corrupt`; lxml
    refuses XML deeper than 256 levels, so only in theory), or no text at all once walked
    (`empty`: `text()` is the text read)."""
    stopped, message = too_much
    try:
        walk()
    except stopped as exc:
        raise InputError(path, message) from exc
    except RecursionError as exc:
        raise InputError(path, corrupt) from exc
    if not text().strip():
        raise InputError(path, empty)
