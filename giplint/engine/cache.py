"""The result cache: a file whose bytes, name and rules have not changed is not linted again.

Why: CI runs giplint over the same repository of thousands of reports on every push; almost none
of them changed. Like ruff's, the cache is on by default and lives in the project, in
`.giplint_cache/` of the folder giplint runs from (`--cache-dir DIR` or `GIPLINT_CACHE_DIR`
elsewhere, `--no-cache` off).

- **Key**: SHA-256 over the file's bytes, the name it is shown under (its suffix picks the
  reader), whether it was found in a folder walk, the rules in force for it (ids, severities,
  params, after the user's configuration), giplint's version and a fingerprint of its own source,
  grammar and rule files, and the names (with versions) of every installed distribution — a
  dependency upgraded or a file edited in an editable checkout is a new key, never a stale answer.
  A report checked against last year's (pairing, `--previous`) is keyed by both files.
- **Never cached**: a run with a third-party plugin loaded (its code is not in the key), a plugin
  that failed to load, a result with any failure (an unreadable file, a crashed check: the next
  run must try again).
- **Safe to read**: entries are JSON, never pickle; an entry that does not decode to exactly the
  expected shape is ignored (linted again). Entries are written to a temporary file and renamed,
  so a run interrupted half-way leaves no half-written entry. A cache that cannot be written
  (a read-only checkout) is silently not written.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from giplint import __version__, shipped
from giplint.diagnostics import Diagnostic, Failure, Severity
from giplint.result import LintResult
from giplint.span import Span
from giplint.years.organ import ReportIdentity

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.plugins import Registry


class Target(Protocol):
    """What the cache needs of an input (giplint/engine/discover.py's `Target`, read only)."""

    @property
    def name(self) -> str: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def data(self) -> bytes | None: ...
    @property
    def walked(self) -> bool: ...
    @property
    def explicit(self) -> bool: ...
    @property
    def failure(self) -> Failure | None: ...
    @property
    def previous(self) -> Target | None: ...


CACHE_DIR_NAME = ".giplint_cache"
FORMAT = 3  # the layout of an entry; part of every key (2: table, row, column; 3: signed)
# Bounds on what the cache may cost (a forged 900 MB entry was read whole and printed): an entry
# is at most this big, and the cache is pruned to this total size and age when a run writes.
MAX_ENTRY_BYTES = 8 * 2**20
MAX_TOTAL_BYTES = 256 * 2**20
MAX_AGE_SECONDS = 30 * 24 * 3600
_KEY_FILE = "result-cache.key"


def default_directory() -> Path:
    """`GIPLINT_CACHE_DIR`, else `.giplint_cache` in the working folder (the project's root when
    giplint runs from there, as in CI and pre-commit)."""
    configured = os.environ.get("GIPLINT_CACHE_DIR")
    return Path(configured) if configured else Path.cwd() / CACHE_DIR_NAME


def usable(registry: Registry) -> bool:
    """No cache when code outside giplint may decide results: a third-party plugin is loaded (its
    version is not in the key) or one failed to load."""
    return not registry.failures and all(name.startswith("giplint.") for name in registry.plugins)


class ResultCache:
    """Look up and store lint results by content; see the module docstring for the key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory / "results"
        self.root = directory
        self._environment = environment_fingerprint()
        self._rule_keys: dict[int, tuple[list[Rule[Any]], bytes]] = {}
        self._prepared = False
        self._trust: bool | None = None
        self._secret = b""

    def _trusted(self) -> bool:
        """Whether the cache folder may be used: neither it nor its results folder is a symlink
        or someone else's (a repository committing `.giplint_cache -> ~` made giplint write into
        the home folder), and there is a signing key (entries are HMAC-signed with a key of the
        user's kept outside the cache, so an entry a pull request planted is not believed)."""
        if self._trust is None:
            secret = _secret()
            self._trust = secret is not None and all(
                _own_directory(folder, missing_ok=True) for folder in (self.root, self.directory)
            )
            self._secret = secret or b""
        return self._trust

    def prune(self) -> None:
        """Drop entries not used for MAX_AGE_SECONDS, then the least recently used ones until the
        cache holds at most MAX_TOTAL_BYTES (200 edits of one file leave 200 entries otherwise)."""
        now = time.time()
        entries: list[tuple[float, int, Path]] = []
        try:
            with os.scandir(self.directory) as shards:
                folders = [Path(shard.path) for shard in shards if shard.is_dir(follow_symlinks=False)]
            for folder in folders:
                with os.scandir(folder) as listed:
                    for entry in listed:
                        info = entry.stat(follow_symlinks=False)
                        entries.append((info.st_mtime, info.st_size, Path(entry.path)))
        except OSError:
            return
        entries.sort()
        total = sum(size for _, size, _ in entries)
        for mtime, size, path in entries:
            if now - mtime <= MAX_AGE_SECONDS and total <= MAX_TOTAL_BYTES:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size

    def _rules_key(self, rules: list[Rule[Any]]) -> bytes:
        known = self._rule_keys.get(id(rules))
        if known is None or known[0] is not rules:
            digest = hashlib.sha256(repr(rules).encode("utf-8", "surrogateescape")).digest()
            known = (rules, digest)  # the list is kept so its id is not reused
            self._rule_keys[id(rules)] = known
        return known[1]

    def key(self, target: Target, rules: list[Rule[Any]], data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (
            f"{FORMAT}\0{self._environment}\0{target.walked}\0".encode(),
            target.name.encode("utf-8", "surrogateescape") + b"\0",
            self._rules_key(rules),
            data,
        ):
            digest.update(part)
        return digest.hexdigest()

    def lookup(self, target: Target, rules: list[Rule[Any]]) -> tuple[str | None, LintResult | None]:
        """(key, result): the stored result, or None with the key to store under after linting.
        A target that failed already (a missing path) or a file that cannot be read now (linting
        will say why) gives (None, None)."""
        from giplint.lint import read_bytes
        from giplint.source import InputError

        if target.failure is not None:
            return None, None
        try:
            data = target.data if target.data is not None else read_bytes(target.path)  # type: ignore[arg-type]
            last = target.previous
            if last is not None:  # a cross-year pair: last year's name and bytes are in the key
                previous = last.data if last.data is not None else read_bytes(last.path)  # type: ignore[arg-type]
                name = last.name.encode("utf-8", "surrogateescape")
                data = b"%s\0%d\0%d\0" % (name, target.explicit, len(previous)) + previous + data
        except InputError:
            return None, None
        key = self.key(target, rules, data)
        if not self._trusted():
            return None, None
        return key, self.answer(key, target.name)

    def quick_key(self, name: str, settings: tuple[str, ...], data: bytes) -> str:
        """The key of a one-file run's answer, decided before any plugin, rule file or parser is
        loaded (giplint/commands/quick.py): the file's bytes and name, the command-line settings
        that choose rules (`settings`), and the environment fingerprint, which covers giplint's
        code and its rule files. Only a run under no configuration file asks for it, so the rules
        in force are a function of these alone. Apart from `key`'s entries ("quick" in the key)."""
        digest = hashlib.sha256()
        for part in (
            f"{FORMAT}\0quick\0{self._environment}\0".encode(),
            repr(settings).encode("utf-8", "surrogateescape") + b"\0",
            name.encode("utf-8", "surrogateescape") + b"\0",
            data,
        ):
            digest.update(part)
        return digest.hexdigest()

    def answer(self, key: str, name: str) -> LintResult | None:
        """The result stored under `key` for the file shown as `name`, or None (none stored, not
        signed by this user's key, corrupt, or another file's)."""
        if not self._trusted():
            return None
        entry = self.directory / key[:2] / f"{key}.json"
        text = _read_entry(entry, self._secret)
        if text is None:
            return None
        try:
            result = decode(json.loads(text))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):  # corrupt: lint again
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # used: kept by pruning
        return result if result.path == name else None

    def store(self, key: str, result: LintResult) -> None:
        """Write one result atomically; results with failures are never stored."""
        if result.failures or not self._trusted():
            return
        folder = self.directory / key[:2]
        try:
            if not self._prepared:
                self._prepare()
            folder.mkdir(parents=True, exist_ok=True)
            if not _own_directory(folder):
                return
            import tempfile  # only a run that writes pays for it

            body = json.dumps(encode(result), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(_sign(self._secret, body) + b"\n" + body)
                os.replace(temporary, folder / f"{key}.json")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:  # a read-only or full disk: the run goes on uncached
            return

    def _prepare(self) -> None:
        """The cache folder, marked as one (CACHEDIR.TAG for backup tools, a .gitignore so it is
        never committed even where the project's .gitignore does not name it)."""
        self._prepared = True
        self.root.mkdir(parents=True, exist_ok=True)
        self.prune()
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# giplint's result cache (see README): never commit it\n*\n", encoding="utf-8")
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# giplint result cache\n", encoding="utf-8"
            )


def _own_directory(folder: Path, missing_ok: bool = False) -> bool:
    """A real folder (not a symlink) of this user's; a missing one when `missing_ok`."""
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return missing_ok
    except OSError:
        return False
    owner_ok = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok


def _read_entry(entry: Path, secret: bytes) -> str | None:
    """An entry's JSON text when it is a regular file (opened without following a symlink, never
    a FIFO or a device), at most MAX_ENTRY_BYTES, and signed with `secret`; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(entry, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(handle, "rb", closefd=False) as file:
            data = file.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    signature, _, body = data.partition(b"\n")
    if len(data) > MAX_ENTRY_BYTES or not hmac.compare_digest(signature, _sign(secret, body)):
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _sign(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode()


def _secret() -> bytes | None:
    """The key entries are signed with: GIPLINT_CACHE_KEY (a CI secret, so runners that share a
    cache share it), else a random key of the user's in giplint's private folder (created 0600;
    see giplint/grammars.py), never inside the cache folder. None when neither can be had."""
    configured = os.environ.get("GIPLINT_CACHE_KEY")
    if configured:
        return configured.encode("utf-8", "surrogateescape")
    from giplint.grammars import private_directory

    directory = private_directory()
    if directory is None:
        return None
    file = directory / _KEY_FILE
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        key = os.urandom(32).hex().encode()
        try:
            handle = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(key)
        except OSError:
            return None
        return key
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        private = stat.S_ISREG(info.st_mode) and not info.st_mode & 0o077
        owned = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        key = os.read(handle, 256) if private and owned else b""
    finally:
        os.close(handle)
    return key if len(key) >= 32 else None


def environment_fingerprint() -> str:
    """giplint's version, its own files (path, size, mtime: an edit in a checkout changes it),
    Python's version and every installed distribution's name and version."""
    parts = [__version__, sys.version]
    package = Path(__file__).resolve().parent.parent  # giplint/, not giplint/engine/
    for folder in (package, shipped("grammar"), shipped("rules")):
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".lark", ".yaml")):
                    info = os.stat(os.path.join(root, name))
                    where = os.path.relpath(os.path.join(root, name), folder)
                    parts.append(f"{where}:{info.st_size}:{info.st_mtime_ns}")
    from giplint.installed import installed_distributions

    parts.extend(installed_distributions())
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


# -- JSON, both ways: exactly the shape written, or an exception ---------------------------------


def encode(result: LintResult) -> dict[str, Any]:
    identity = result.identity
    return {
        "path": result.path,
        "diagnostics": [
            [
                d.path,
                list(d.span),
                d.rule_id,
                d.rule_name,
                int(d.severity),
                d.message,
                d.section,
                d.location,
                d.hint,
                d.page,
                d.table,
                d.row,
                d.column,
            ]
            for d in result.diagnostics
        ],
        "encoding": result.encoding,
        "source_format": result.source_format,
        "layout": result.layout,
        "year": result.year,
        "lines": [[n, text] for n, text in result.lines.items()],
        "texts": [[line, column, text] for (line, column), text in result.texts.items()],
        "identity": None
        if identity is None
        else [identity.organ, identity.key, identity.year, identity.organ_source, identity.year_source],
        "skipped": result.skipped,
    }


def _typed(value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind}, got {type(value).__name__}")
    return value


def _optional(value: Any, kind: type) -> Any:
    return None if value is None else _typed(value, kind)


def decode(data: Any) -> LintResult:
    """A stored entry back into a LintResult; TypeError/ValueError/KeyError on any other shape."""
    _typed(data, dict)
    diagnostics = []
    for item in _typed(data["diagnostics"], list):
        path, span, rule_id, rule_name, severity, message, section, location, hint, page, table, row, column_label = (
            _typed(item, list)
        )
        line, column, end_line, end_column = (_typed(n, int) for n in _typed(span, list))
        diagnostics.append(
            Diagnostic(
                _typed(path, str),
                Span(line, column, end_line, end_column),
                _typed(rule_id, str),
                _typed(rule_name, str),
                Severity(_typed(severity, int)),
                _typed(message, str),
                _typed(section, str),
                _typed(location, str),
                _typed(hint, str),
                _typed(page, int),
                _typed(table, str),
                _typed(row, str),
                _typed(column_label, str),
            )
        )
    lines: dict[int, str] = {}
    for number, text in (_typed(pair, list) for pair in _typed(data["lines"], list)):
        lines[_typed(number, int)] = _typed(text, str)
    texts: dict[tuple[int, int], str] = {}
    for line, column, text in (_typed(triple, list) for triple in _typed(data["texts"], list)):
        texts[(_typed(line, int), _typed(column, int))] = _typed(text, str)
    identity = None
    if data["identity"] is not None:
        organ, key, year, organ_source, year_source = _typed(data["identity"], list)
        identity = ReportIdentity(
            _optional(organ, str),
            _optional(key, str),
            _optional(year, int),
            _typed(organ_source, str),
            _typed(year_source, str),
        )
    return LintResult(
        _typed(data["path"], str),
        diagnostics,
        [],
        _optional(data["encoding"], str),
        _optional(data["source_format"], str),
        _optional(data["layout"], str),
        _optional(data["year"], int),
        lines,
        texts,
        identity,
        _typed(data["skipped"], bool),
    )
