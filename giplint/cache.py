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

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from giplint import __version__, shipped
from giplint.diagnostics import Diagnostic, Failure, Severity
from giplint.lint import LintResult, read_bytes
from giplint.model import Span
from giplint.organ import ReportIdentity
from giplint.source import InputError

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.plugins import Registry


class Target(Protocol):
    """What the cache needs of an input (giplint/run.py's `Target`, read only)."""

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
FORMAT = 2  # the layout of an entry; part of every key (2: table, row, column)


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
        try:
            text = (self.directory / key[:2] / f"{key}.json").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return key, None
        try:
            result = decode(json.loads(text))
        except (ValueError, TypeError, KeyError, AttributeError):  # corrupt or foreign: lint again
            return key, None
        if result.path != target.name:
            return key, None
        return key, result

    def store(self, key: str, result: LintResult) -> None:
        """Write one result atomically; results with failures are never stored."""
        if result.failures:
            return
        folder = self.directory / key[:2]
        try:
            if not self._prepared:
                self._prepare()
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(encode(result), file, ensure_ascii=False, separators=(",", ":"))
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
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# giplint's result cache (see README): never commit it\n*\n", encoding="utf-8")
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# giplint result cache\n", encoding="utf-8"
            )


def environment_fingerprint() -> str:
    """giplint's version, its own files (path, size, mtime: an edit in a checkout changes it),
    Python's version and every installed distribution's name and version."""
    parts = [__version__, sys.version]
    package = Path(__file__).resolve().parent
    for folder in (package, shipped("grammar"), shipped("rules")):
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".lark", ".yaml")):
                    info = os.stat(os.path.join(root, name))
                    where = os.path.relpath(os.path.join(root, name), folder)
                    parts.append(f"{where}:{info.st_size}:{info.st_mtime_ns}")
    from giplint.plugins import installed_distributions

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
