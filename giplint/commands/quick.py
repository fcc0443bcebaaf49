"""A one-file check answered by the result cache before anything else is loaded.

Why: an editor runs ``giplint 年报.txt`` after each save, and a pre-commit hook runs it on the one
file changed; most of such a run used to be start-up (plugins, rule files, the parser, the
checks: ~250 ms) spent to look up an answer the cache already had. Here the answer is looked up
from what decides it, read as bytes: the file, its name, the command-line rule selection and the
environment fingerprint (giplint's code, grammar and rule files, the installed distributions;
giplint/engine/cache.py). Nothing is parsed, no plugin is loaded, and the stored result (JSON,
signed) is rendered as the full run would render it.

Only the plainest run is answered here (one named file, none of the options that read other
files or change what is shown; a configuration file in force is read, and its settings join the
key, unless it names a baseline or excludes files); anything else, and any miss, goes the full
way (giplint/commands/check.py), which then stores its answer under this key too. Whatever is uncertain here returns None: the full run decides and says what is
wrong, so a bad input or a broken configuration still gets its one clear message and exit 2.
"""

from __future__ import annotations

import argparse
import os
import stat
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

from giplint.commands.results import exit_code, render_results, summary
from giplint.configfile import ConfigError, find_config
from giplint.engine.discover import display

if TYPE_CHECKING:
    from giplint.config import UserConfig

# The options a quick answer may be given with (each as argparse leaves it by default otherwise):
# they choose the rules (select, ignore), how the findings are shown, or nothing about the result.
_ALLOWED = frozenset(
    {
        "command", "paths", "format", "select", "ignore", "config", "jobs", "no_progress", "cache", "cache_dir",
        "fail_on", "exit_zero",
    }
)  # fmt: skip
_SHOWN = ("full", "concise", "json", "github")  # sarif lists the rules, html reads the report again


def quick_check(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int | None:
    """The exit code of a run answered by the result cache, or None (the full run must decide; it
    finds the key to store its answer under in ``args.quick_key``)."""
    started = time.perf_counter()
    fmt = _format(args)
    if fmt is None or len(args.paths) != 1 or not _plain(args) or _jobs_warned(args.jobs):
        return None
    path = Path(args.paths[0])
    data = _read(path)
    configured = _configuration(path, args.config)
    if data is None or configured is None:
        return None
    from giplint.engine.cache import ResultCache, default_directory

    cache = ResultCache(args.cache_dir or default_directory())
    name = display(path.resolve(), Path.cwd().resolve())
    key = cache.quick_key(name, ("select", *args.select, "ignore", *args.ignore, *configured), data)
    result = cache.answer(key, name)
    if result is None:
        args.quick_key = key
        return None
    human = fmt == "full"
    render_results(fmt, [result], out, [], human)
    if human:
        summary(args, [result], started, err)
    return exit_code(args, [result], False)


def _format(args: argparse.Namespace) -> str | None:
    fmt: str = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    return fmt if fmt in _SHOWN else None


def _plain(args: argparse.Namespace) -> bool:
    """A check of named files with the cache on and no option outside `_ALLOWED` set."""
    return bool(args.cache) and args.paths[0] != "-" and not any(
        value for name, value in vars(args).items() if name not in _ALLOWED
    )


def _jobs_warned(jobs: int | None) -> bool:
    """Whether the full run would print its hint about --jobs above the cores (check.py `_jobs`)."""
    if jobs is None:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return jobs > max(1, cores)


def _read(path: Path) -> bytes | None:
    """The bytes of a regular file of at most `MAX_FILE_BYTES`, else None (a folder, a FIFO, a
    missing, unreadable or too large file: the full run walks it or says why)."""
    from giplint.source import MAX_FILE_BYTES

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= MAX_FILE_BYTES else None


def _configuration(path: Path, given: Path | None) -> tuple[str, ...] | None:
    """What the configuration in force decides for this file's rules, as key parts: nothing when
    no configuration file is in reach (yaml and the configuration module are not even imported),
    else the settings read (after `extends`) and the file's per-file ignores and publication date
    (giplint/engine/resolve.py `rules_for`). None when the full run must decide: a configuration
    that names a baseline, excludes files, or cannot be read (the full run says what is wrong)."""
    try:
        found = given or find_config(path.parent if path.exists() else Path.cwd())
        here = given or find_config(Path.cwd())  # its `baseline:` applies to the run
        if found is None and here is None:
            return ()
        from giplint.config import load_user_config

        config = load_user_config(found) if found is not None else None
        other = config if here == found else load_user_config(here) if here is not None else None
    except (ConfigError, OSError, ValueError, RecursionError):
        return None
    if any(c is not None and (c.baseline is not None or c.exclude) for c in (config, other)):
        return None
    return _settings(config, path)


def _settings(config: UserConfig | None, path: Path) -> tuple[str, ...]:
    if config is None:
        return ("config", "")
    return ("config", repr(config), *config.ignored_for(path), "published", config.published_for(path))
