"""The one way giplint builds a lark parser from grammar/: with a cache nobody else can write.

lark's `cache=True` keeps the built parser as a pickle in the shared temporary directory under a
predictable name, and unpickles whatever it finds there: another local user could plant a file
that runs code as whoever runs giplint next. giplint caches only in a directory of the user's own
(`$XDG_CACHE_HOME/giplint` or `~/.cache/giplint`), created 0700, and uses it only when it and the
cache file belong to the user and nobody else may write them; otherwise it builds the parser
without a cache (slower start, same result). `GIPLINT_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from giplint import shipped

if TYPE_CHECKING:
    from lark import Lark


def open_grammar(name: str, **options: Any) -> Lark:
    """The parser for grammar/`name`, built once and cached privately when that is safe (lark is
    imported here, not with this module: the result cache's key folder is found through
    `private_directory` on a cache hit, which must not pay for lark)."""
    from lark import Lark

    path = shipped("grammar") / name
    text = _portable(path.read_text(encoding="utf-8"))
    cache = _cache_file(name, text, options)
    return Lark(text, cache=str(cache) if cache else False, **options)


def _portable(text: str) -> str:
    """The grammar for this Python. report.lark's long runs use possessive repeats (`*+`, `++`),
    which keep no backtracking state per character (a 20 MB line in constant regex memory instead
    of ~150 bytes per character); Python 3.10's `re` lacks them. Nothing follows those repeats
    that giving back a character could satisfy, so the plain greedy form matches exactly the
    same text on 3.10, only with the old memory cost."""
    if sys.version_info >= (3, 11):
        return text
    return re.sub(r"([*+])\+(?=[\\n|)/]|$)", r"\1", text, flags=re.MULTILINE)


def _cache_file(name: str, text: str, options: dict[str, Any]) -> Path | None:
    if os.environ.get("GIPLINT_NO_CACHE") or not hasattr(os, "geteuid"):
        return None
    directory = private_directory()
    if directory is None:
        return None
    key = hashlib.sha256(f"{text}{sorted(options.items())}".encode()).hexdigest()[:16]
    file = directory / f"{Path(name).stem}-{key}.lark"
    try:
        info = file.lstat()
    except FileNotFoundError:
        return file  # lark writes it
    except OSError:
        return None
    return file if _owned_and_private(info, regular=True) else None


def private_directory() -> Path | None:
    """giplint's own 0700 folder of the user's (`$XDG_CACHE_HOME/giplint`), or None if unsafe."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    directory = Path(base) / "giplint"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.lstat()
    except OSError:
        return None
    return directory if _owned_and_private(info, regular=False) else None


def _owned_and_private(info: os.stat_result, regular: bool) -> bool:
    """Owned by this user, of the expected type, and writable by nobody else."""
    kind = stat.S_ISREG(info.st_mode) if regular else stat.S_ISDIR(info.st_mode)
    return kind and info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
