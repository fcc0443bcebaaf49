"""Discovery: which files a run checks, each once, in the order given.

One `os.scandir` walk per folder given, folders sorted, symlinked folders not entered, report
suffixes and `NOT_REPORTS` matched by patterns compiled once; a sub-folder that cannot be read and
a path that does not exist are failures (exit 2) that travel in input order; a path given twice
(or a file inside a folder also given) is linted once. A file's configuration (its `exclude`)
comes from giplint/engine/resolve.py.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from giplint.diagnostics import Failure
from giplint.globs import Globs
from giplint.oserrors import reason as os_reason

DEFAULT_INCLUDE = (
    "*.txt", "*.md", "*.html", "*.htm", "*.shtml", "*.docx", "*.doc", "*.wps", "*.rtf", "*.odt", "*.pdf",
)  # fmt: skip
NOT_REPORTS = ("README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*")  # skipped in folder walks


@dataclass
class Target:
    """One input: a path on disk, or standard input under a given name.

    `walked` marks a file found in a folder walk (not named by the user): such a file is skipped
    when it has no report structure at all. `failure` is an input that could not even be looked
    at (a missing path): it travels with the others so it is counted as 未能检查 in order."""

    name: str  # as printed
    path: Path | None
    data: bytes | None = None
    previous: Target | None = None  # last year's report of the same organ (giplint/engine/pairing.py)
    explicit: bool = False  # previous was named by --previous (so an unreadable one is an error)
    walked: bool = False
    failure: Failure | None = None
    keep: bool = False  # keep the parsed report in the result, for the cross-year pass

    @property
    def source(self) -> bytes | Path:
        """What to read: the bytes given (standard input) or the file at `path`."""
        if self.data is not None:
            return self.data
        assert self.path is not None  # a target with neither is a failure, never read
        return self.path


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def printable(name: str) -> str:
    """A path as text that can always be written (terminal, JSON, SARIF, an output file): bytes
    of a file name that are not UTF-8 (kept by Python as surrogate escapes) are shown as ``\\xff``,
    control characters as ``\\x1b``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    # control characters (ESC, CR, BEL …) in a file name would drive the terminal, forge lines in
    # --format github or a log: written out, as report text is
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name) if _CONTROL.search(name) else name


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


_INCLUDE = Globs(DEFAULT_INCLUDE, case_sensitive=True)


class Excluder(Protocol):
    """What discovery asks of the configuration (giplint/engine/resolve.py's `Resolver`)."""

    def excluded(self, target: Target, resolved: Path | None = None) -> bool: ...


def collect(
    paths: Sequence[str],
    exclude: Sequence[str],
    resolver: Excluder,
    stdin_name: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Plan:
    """The files to lint, each once (a path given twice, or a file inside a folder also given, is
    linted once), in the order given, folders sorted."""
    from giplint.source import MAX_INPUT_BYTES  # here: a run the cache answers names its file without it

    plan = Plan()
    seen: set[Path] = set()
    given = Globs(exclude)
    walked_out = Globs([*exclude, *NOT_REPORTS])
    cwd = Path.cwd().resolve()

    def add(target: Target, key: Path | None) -> None:
        if key is not None:
            if key in seen:
                return
            seen.add(key)
        plan.targets.append(target)

    for name in paths:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
            shown = printable(stdin_name or "<stdin>")
            if len(data) > MAX_INPUT_BYTES:
                message = f"{shown}：标准输入超过 {MAX_INPUT_BYTES // 2**20} MB，不像一份年报。"
                add(Target(shown, None, failure=Failure(shown, message)), None)
            else:
                add(Target(shown, None, data), None)
            continue
        path = Path(name)
        try:
            kind = "folder" if path.is_dir() else "file" if path.exists() else "missing"
        except OSError as exc:  # a parent folder that may not be entered (PermissionError)
            shown = printable(name)
            reason = "没有访问权限" if isinstance(exc, PermissionError) else os_reason(exc)
            failure = Failure(shown, f"{shown}：{reason}，无法检查。请检查路径和权限。")
            add(Target(shown, None, failure=failure), None)
            continue
        if kind == "folder":
            for found, key in walk(path, plan.failures):
                target = Target(display(key, cwd), found, walked=True)
                if not walked_out.path(found) and not resolver.excluded(target, key):
                    add(target, key)
        elif kind == "missing":
            shown = printable(name)
            add(
                Target(shown, None, failure=Failure(shown, f"{shown}：文件不存在。请检查路径是否正确。")),
                None,
            )
        else:
            key = path.resolve()
            target = Target(display(key, cwd), path)
            if not given.path(path) and not resolver.excluded(target, key):
                add(target, key)
    return plan


def walk(folder: Path, failures: list[Failure]) -> list[tuple[Path, Path]]:
    """Report files under a folder as (path as found, resolved path), sorted by path. One
    `scandir` per folder; symlinked folders are not entered (a link loop, or a link out of the
    tree, must not be walked) and symlinked files are read only when they point inside the tree; a sub-folder that cannot be read is a failure (exit 2): skipping it
    silently would let a run pass having checked nothing."""
    found: list[tuple[Path, Path]] = []
    root = folder.resolve()

    def unreadable(where_path: str, exc: OSError) -> None:
        where = printable(exc.filename if isinstance(exc.filename, str) else where_path)
        reason = (
            "没有读取权限" if isinstance(exc, PermissionError) else os_reason(exc)
        )
        failures.append(
            Failure(where, f"{where}：无法读取此文件夹（{reason}），其中的年报没有检查。请检查文件夹权限。")
        )

    def visit(given: str, resolved: str) -> None:
        try:
            with os.scandir(given) as entries:
                listed = list(entries)
        except OSError as exc:
            unreadable(given, exc)
            return
        folders: list[str] = []
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.name)
                elif _INCLUDE.name(entry.name) and entry.is_file():
                    path = Path(entry.path)
                    key = path.resolve() if entry.is_symlink() else Path(resolved, entry.name)
                    if entry.is_symlink() and not key.is_relative_to(root):
                        continue  # a link out of the tree (to ~/.env, /etc/…) is not walked
                    found.append((path, key))
            except OSError:  # vanished or unreadable while listed: not a report we can read
                continue
        for name in sorted(folders):
            visit(os.path.join(given, name), os.path.join(resolved, name))

    visit(str(folder), str(root))
    found.sort(key=lambda pair: pair[0].as_posix())
    return found


def display(resolved: Path, cwd: Path) -> str:
    """The name a file is shown under: relative to the working folder when inside it."""
    try:
        shown = resolved.relative_to(cwd).as_posix()
    except ValueError:
        shown = resolved.as_posix()
    return printable(shown)
