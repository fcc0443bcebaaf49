"""The run engine: which files, under which rules, linted how — everything between argparse and output.

Why a module of its own: the command line (cli.py) parses arguments, prints and picks the exit
code; the process pool (parallel.py) needs only "lint this target under these rules". Both import
this module and nothing of each other.

- **Discovery** (`collect`): one `os.scandir` walk per folder given, folders sorted, symlinked
  folders not entered, report suffixes and `NOT_REPORTS` matched by patterns compiled once; a
  sub-folder that cannot be read and a path that does not exist are failures (exit 2) that travel
  in input order; a path given twice (or a file inside a folder also given) is linted once.
- **Configuration per file** (`Resolver`): the nearest configuration file above each file (or
  `--config`), its `exclude` matched relative to the folder of the config file that declares it,
  and the rules in force, computed once per configuration (not per file).
- **Linting** (`lint_target`, `lint_all`): one target read, parsed and linted; many in input order,
  in worker processes when asked, through the result cache (giplint/engine/cache.py) when it is on.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from giplint.config import Rule, UserConfig, apply_config, find_config, load_user_config
from giplint.diagnostics import Failure
from giplint.engine.parallel import Progress, lint_parallel
from giplint.lint import LintResult, Unread, internal_error, lint_bytes, lint_report, read_bytes, read_report
from giplint.source import MAX_INPUT_BYTES, InputError

if TYPE_CHECKING:
    from giplint.engine.cache import ResultCache
    from giplint.model import Report
    from giplint.plugins import Registry
    from giplint.years.organ import ReportIdentity

DEFAULT_INCLUDE = (
    "*.txt", "*.md", "*.html", "*.htm", "*.shtml", "*.docx", "*.doc", "*.wps", "*.rtf", "*.odt", "*.pdf",
)  # fmt: skip
NOT_REPORTS = ("README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*")  # skipped in folder walks
PROGRESS_AFTER = 20  # a progress bar only for runs longer than this many files
# The first pass keeps its parsed reports for the cross-year pass (each file parsed once per
# run) when at most this many files may be paired: a kept report costs 150-250 KiB, and a
# province's archive of thousands must stay within bench/'s 200 MiB. Larger runs read the
# paired files again in the cross-year pass, in the worker processes.
KEEP_AT_MOST = 200


@cache
def registry() -> Registry:
    """Check kinds, rules and readers of every plugin: built once per process (workers forked
    after it is built inherit it)."""
    from giplint.plugins import load_registry

    return load_registry()


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


def split_ids(values: Sequence[str]) -> list[str]:
    """`--select A,B --select C` → [A, B, C]."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


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


class Globs:
    """fnmatch patterns compiled once into one regular expression, matched like `fnmatch.fnmatch`
    (case folded where the platform's file names are) against a path, its name and each part."""

    def __init__(self, patterns: Sequence[str], case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        joined = "|".join(f"(?:{fnmatch.translate(self._norm(p))})" for p in patterns)
        self.regex = re.compile(joined) if patterns else None

    def _norm(self, text: str) -> str:
        return text if self.case_sensitive else os.path.normcase(text)

    def name(self, name: str) -> bool:
        return self.regex is not None and self.regex.match(self._norm(name)) is not None

    def path(self, path: Path) -> bool:
        """Matches the path as given, its file name or any of its parts (as `--exclude` always has)."""
        if self.regex is None:
            return False
        match = self.regex.match
        norm = self._norm
        return (
            match(norm(path.as_posix())) is not None
            or match(norm(path.name)) is not None
            or any(match(norm(part)) is not None for part in path.parts)
        )


_INCLUDE = Globs(DEFAULT_INCLUDE, case_sensitive=True)


def collect(
    paths: Sequence[str],
    exclude: Sequence[str],
    resolver: Resolver,
    stdin_name: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Plan:
    """The files to lint, each once (a path given twice, or a file inside a folder also given, is
    linted once), in the order given, folders sorted."""
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
            reason = "没有访问权限" if isinstance(exc, PermissionError) else (exc.strerror or "无法访问")
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
            "没有读取权限" if isinstance(exc, PermissionError) else (exc.strerror or exc.__class__.__name__)
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


class Resolver:
    """The configuration and the rules in force for each file (cached: most files share one)."""

    def __init__(
        self,
        config: Path | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        published: str = "",
    ) -> None:
        self.registry = registry()
        self.published = published  # --published: every file's publication date
        self.explicit = load_user_config(config) if config else None
        self.select = list(select)
        self.ignore = list(ignore)
        self._configs: dict[Path | None, UserConfig] = {}
        self._found: dict[Path, Path | None] = {}  # folder -> its nearest config file
        self._rules: dict[Path | None, list[Rule[Any]]] = {}  # config without per-file-ignores -> rules

    def config_files(self) -> list[Path]:
        """Every configuration file read so far (each config's extends chain, --config's too)."""
        return [file for config in self._configs.values() for file in (*config.chain, config.path) if file]

    def baseline(self) -> Path | None:
        """The `baseline:` of the configuration in force for the current folder (or --config)."""
        config = self.explicit
        if config is None:
            found = find_config(Path.cwd())
            config = load_user_config(found) if found else None
        return config.baseline if config is not None else None

    def config_for(self, target: Target) -> UserConfig:
        if self.explicit is not None:
            return self.explicit
        start = target.path if target.path is not None else Path.cwd() / target.name
        try:
            folder = start.parent if start.exists() else Path.cwd()
        except OSError:  # a parent that may not be entered: that input is a failure already
            folder = Path.cwd()
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        found = self._found[folder]
        if found not in self._configs:
            self._configs[found] = load_user_config(found) if found else UserConfig()
        return self._configs[found]

    def excluded(self, target: Target, resolved: Path | None = None) -> bool:
        """Whether the configuration in force for this file excludes it. Each pattern is matched
        against the file's path relative to the folder of the config file that declares it, so a
        config in a sub-folder excludes wherever giplint is run from."""
        if target.path is None:
            return False
        config = self.config_for(target)
        if not config.exclude:
            return False
        resolved = resolved if resolved is not None else target.path.resolve()
        return any(_matches_under(target.path, resolved, pattern, base) for pattern, base in config.exclude)

    def rules_for(self, target: Target) -> list[Rule[Any]]:
        """The rules in force for one file; shared by every file under the same configuration
        unless it has per-file-ignores (a province's thousands of files cost one computation)."""
        config = self.config_for(target)
        key = None if config.per_file_ignores or config.published else config.path
        if config.per_file_ignores or config.published or key not in self._rules:
            file = target.path if target.path is not None else Path(target.name)
            rules = apply_config(
                self.registry.rules, config, self.registry.kinds, file, self.select, self.ignore
            )
            rules = _with_published(rules, self.published, config.published_for(file))
            if config.per_file_ignores or config.published:
                return rules
            self._rules[key] = rules
        return self._rules[key]


def _with_published(rules: list[Rule[Any]], option: str, configured: str) -> list[Rule[Any]]:
    """The publication date from --published (first) or the configuration's `published:` given
    to the rules whose params take one (the deadline rules), with where it came from."""
    import dataclasses

    when, source = (option, "option") if option else (configured, "config") if configured else ("", "")
    if not when:
        return rules
    return [
        dataclasses.replace(rule, params=dataclasses.replace(rule.params, published=when, published_source=source))
        if hasattr(rule.params, "published_source") and not isinstance(rule.params, type)
        else rule
        for rule in rules
    ]


@cache
def _resolved_base(base: Path) -> Path:
    return base.resolve()


def _matches_under(path: Path, resolved: Path, pattern: str, base: Path) -> bool:
    try:
        relative = resolved.relative_to(_resolved_base(base))
    except ValueError:  # a --config kept elsewhere (ci/giplint.yaml): the path as given, as before
        relative = path
    return (
        fnmatch.fnmatch(relative.as_posix(), pattern)
        or fnmatch.fnmatch(path.name, pattern)
        or any(fnmatch.fnmatch(part, pattern) for part in relative.parts[:-1])
    )


def lint_target(target: Target, rules: list[Rule[Any]], view: View | None = None) -> LintResult:
    """Read, parse and lint one target under the rules given; never raises for a bad input."""
    if target.failure is not None:
        return LintResult(target.name, failures=[target.failure])
    try:
        data = target.data if target.data is not None else read_bytes(target.path)  # type: ignore[arg-type]
    except InputError as exc:
        return LintResult(target.name, failures=[Failure(target.name, f"{target.name}：{exc.message}")])
    return lint_data(target, data, rules, view)


def lint_data(target: Target, data: bytes, rules: list[Rule[Any]], view: View | None = None) -> LintResult:
    plugins = registry()
    previous, failure = _previous_report(target)
    result = lint_bytes(
        target.name,
        data,
        rules,
        plugins.kinds,
        plugins.readers,
        previous,
        target.explicit,
        skip_unstructured=target.walked,
        view=view,
        keep=target.keep,
    )
    if failure is not None:
        result.failures.append(failure)
    return result


def _previous_report(target: Target) -> tuple[Report | None, Failure | None]:
    """Last year's report for a paired target, parsed; a --previous file that cannot be read is
    an input error (exit 2) naming it, and the target is still checked without it."""
    if target.previous is None:
        return None, None
    last = target.previous
    report = read_report(last.name, last.source, registry().readers)
    if not isinstance(report, Unread):
        return report, None
    if report.exception is not None:  # a reader or parser bug in last year's report costs the pair only
        then = f"{target.name} 未做跨年度检查。"
        return None, internal_error(last.name, report.exception, "上年报告", then)
    if not target.explicit:
        return None, None
    message = f"{report.failure.message}（--previous 指定的上年报告；{target.name} 未做跨年度检查）"
    return None, Failure(last.name, message)


Work = list[tuple[Target, list[Rule[Any]]]]
View = Callable[["Report"], Any]  # an output format's view of a report, built while it is parsed


def lint_all(
    targets: list[Target],
    resolver: Resolver,
    jobs: int,
    progress: bool,
    err: IO[str],
    results_cache: ResultCache | None = None,
    view: View | None = None,
) -> list[LintResult]:
    """Every target under its rules, results in input order whatever `jobs` is; with `view`, each
    result linted (not answered by the cache) carries that view of its report (--format html)."""
    no_rules: list[Rule[Any]] = []  # a target that failed already (a missing path) runs no rule
    work = [(t, resolver.rules_for(t) if t.failure is None else no_rules) for t in targets]
    if len(work) > 1:  # the cross-year pass may pair them: keep the reports it would need
        cross = _CrossYear()
        wanted = [t for t, rules in work if t.previous is None and t.failure is None and cross.rules(rules)]
        if len(wanted) <= KEEP_AT_MOST:
            for target in wanted:
                target.keep = True
    return lint_work(work, jobs, progress, err, results_cache, view)


def lint_work(
    work: Work,
    jobs: int,
    progress: bool,
    err: IO[str],
    results_cache: ResultCache | None = None,
    view: View | None = None,
) -> list[LintResult]:
    """Lint (target, rules) pairs; answers the result cache has are not linted again."""
    results: list[LintResult | None] = [None] * len(work)
    todo: list[int] = []
    keys: dict[int, str] = {}
    for index, (target, rules) in enumerate(work):
        key, known = results_cache.lookup(target, rules) if results_cache is not None else (None, None)
        if known is not None:
            results[index] = known
            continue
        todo.append(index)
        if key is not None:
            keys[index] = key
    pending = [work[i] for i in todo]
    lint = lint_target if view is None else functools.partial(lint_target, view=view)
    if jobs > 1 and len(pending) > 1:
        done = lint_parallel(pending, jobs, progress, err, lint)
    else:
        done = []
        with Progress(progress and len(pending) > PROGRESS_AFTER, len(pending), err) as advance:
            for target, rules in pending:
                done.append(lint(target, rules))
                advance()
    for index, result in zip(todo, done, strict=True):
        results[index] = result
        if results_cache is not None and index in keys:
            results_cache.store(keys[index], result)
    return [r for r in results if r is not None]


class _CrossYear:
    """The cross-year rules of a rule list, filtered once per list (most targets share one)."""

    def __init__(self) -> None:
        self.kinds = registry().kinds
        self._known: dict[int, tuple[list[Rule[Any]], list[Rule[Any]]]] = {}  # id -> (list, its rules)

    def rules(self, rules: list[Rule[Any]]) -> list[Rule[Any]]:
        known = self._known.get(id(rules))
        if known is None:
            cross = [r for r in rules if r.enabled and self.kinds[r.check].wants_previous(r.params)]
            known = self._known[id(rules)] = (rules, cross)  # the list is kept so its id is not reused
        return known[1]


Pair = tuple["Report", "Report"]


def _lint_pair(pair: Pair, rules: list[Rule[Any]]) -> LintResult:
    """The cross-year rules over (this year's report, last year's): both parsed already."""
    return lint_report(pair[0], rules, registry().kinds, pair[1])


def cross_check(
    targets: list[Target],
    results: list[LintResult],
    resolver: Resolver,
    jobs: int,
    err: IO[str],
    results_cache: ResultCache | None = None,
) -> int | None:
    """Pair each linted report with the same organ's report of the year before in this run, and
    run the cross-year rules over the pairs (giplint/engine/pairing.py); their findings join each report's
    others. The number of paired reports, or None when no cross-year rule is in force."""
    cross_year = _CrossYear()
    rules = [cross_year.rules(resolver.rules_for(t)) if t.failure is None else [] for t in targets]
    try:
        return _cross_check(targets, results, rules, resolver, jobs, err, results_cache)
    finally:
        for result in results:  # the reports of the first pass live no longer than this pass
            result.report = None


def _cross_check(
    targets: list[Target],
    results: list[LintResult],
    rules: list[list[Rule[Any]]],
    resolver: Resolver,
    jobs: int,
    err: IO[str],
    results_cache: ResultCache | None,
) -> int | None:
    from giplint.engine.pairing import pair
    from giplint.years.organ import overridden

    if not any(rules):
        return None
    identities: list[ReportIdentity | None] = []
    for target, result in zip(targets, results, strict=True):
        identity = result.identity
        if identity is None:  # not read (a failure) or skipped: nothing to pair
            identities.append(None)
            continue
        file = target.path if target.path is not None else Path(target.name)
        organ, year = resolver.config_for(target).report_setting(file)
        identities.append(overridden(identity, organ, year))
    pairs = [
        (index, last) for index, last in enumerate(pair(identities)) if last is not None and rules[index]
    ]
    needed = {i for index, last in pairs for i in (index, last)}
    for index, result in enumerate(results):
        if index not in needed:
            result.report = None  # paired with nothing: let it go before the pairs are linted
    # What the result cache does not know is linted from the first pass's reports: each file is
    # parsed once per run (a report the cache answered in the first pass is parsed here, once).
    if not all(targets[i].keep for i in needed):  # a large run: the pairs read again, in workers
        return _cross_check_reading(targets, results, rules, pairs, jobs, err, results_cache)
    todo: list[tuple[int, int, str | None]] = []
    for index, last in pairs:
        key = None
        if results_cache is not None:
            target = targets[index]
            previous = Target(targets[last].name, targets[last].path, targets[last].data)
            paired = Target(target.name, target.path, target.data, previous)
            key, known = results_cache.lookup(paired, rules[index])
            if known is not None:
                results[index].merge(known)
                continue
        todo.append((index, last, key))
    work: list[tuple[Pair, list[Rule[Any]]]] = []
    linted: list[tuple[int, str | None]] = []
    for index, last, key in todo:
        this_year, last_year = _report(targets[index], results[index]), _report(targets[last], results[last])
        if this_year is None or last_year is None:  # changed on disk since the first pass: not paired
            continue
        work.append(((this_year, last_year), rules[index]))
        linted.append((index, key))
    if jobs > 1 and len(work) > 1:
        done = lint_parallel(work, jobs, False, err, _lint_pair)
    else:
        done = [_lint_pair(item, cross) for item, cross in work]
    for (index, key), extra in zip(linted, done, strict=True):
        results[index].merge(extra)
        if results_cache is not None and key is not None:
            results_cache.store(key, extra)
    return len(pairs)


def _cross_check_reading(
    targets: list[Target],
    results: list[LintResult],
    rules: list[list[Rule[Any]]],
    pairs: list[tuple[int, int]],
    jobs: int,
    err: IO[str],
    results_cache: ResultCache | None,
) -> int:
    """The cross-year pass of a run too large to keep its reports: each pair is linted from
    its files again (in the worker processes when --jobs asks for them)."""
    work = []
    for index, last in pairs:
        previous = Target(targets[last].name, targets[last].path, targets[last].data)
        target = targets[index]
        work.append((index, Target(target.name, target.path, target.data, previous), rules[index]))
    for (index, _, _), extra in zip(
        work, lint_work([(t, r) for _, t, r in work], jobs, False, err, results_cache), strict=True
    ):
        results[index].merge(extra)
    return len(work)


def _report(target: Target, result: LintResult) -> Report | None:
    """A target's report for the cross-year pass: the first pass's, or (when the result cache
    answered the first pass) read now, once."""
    if result.report is None:
        report = read_report(target.name, target.source, registry().readers)
        result.report = report if not isinstance(report, Unread) else None
    return result.report


def cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
