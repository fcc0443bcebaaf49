"""Child processes of giplint die with it, however it ends.

A worker (giplint/engine/parallel.py) may be inside a plugin's check that never returns; it
reads its pipe only between chunks, and on Linux a forked worker even holds the parent's end of
its own pipe open, so it would never see end-of-file. When giplint ends normally or by Ctrl-C or
SIGTERM it kills its workers itself; SIGKILL (the out-of-memory killer, ``kill -9``, a CI job
cancelled) runs no code in giplint, so the child has to notice on its own:

- on Linux the kernel sends it SIGKILL when its parent exits (``prctl(PR_SET_PDEATHSIG)``): it
  dies even inside C code;
- elsewhere (macOS, Windows: spawned children, no prctl) a daemon thread waits on
  multiprocessing's sentinel of the parent process, which becomes ready when the parent exits,
  and ends the process.
"""

from __future__ import annotations

import os
import sys
import threading

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Make this process end when its parent `parent` (a pid) does: a child calls it first thing."""
    if sys.platform.startswith("linux") and _kernel_kills_orphan():
        if os.getppid() != parent:  # the parent was gone before the request: already an orphan
            os._exit(1)
        return
    _watch_parent()


def _kernel_kills_orphan() -> bool:
    """Ask Linux for SIGKILL when the parent exits; False if it cannot be asked."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):  # no C library to load, no prctl in it
        return False


def _watch_parent() -> None:
    """A daemon thread that ends this process when multiprocessing's parent sentinel fires (a
    process started by multiprocessing only; otherwise there is nothing to watch)."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        return

    def watch() -> None:
        wait([sentinel])  # ready once the parent has exited
        os._exit(1)

    threading.Thread(target=watch, name="giplint-parent-watch", daemon=True).start()
