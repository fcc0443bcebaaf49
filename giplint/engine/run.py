"""The run engine: which files, under which rules, linted how — everything between argparse and output.

Why a module of its own: the command line (cli.py) parses arguments, prints and picks the exit
code; the process pool (parallel.py) needs only "lint this target under these rules". Both import
this module and nothing of each other.

- **Discovery** (`collect`, `walk`): giplint/engine/discover.py.
- **Configuration per file** (`Resolver`): giplint/engine/resolve.py.
- **Linting** (`lint_target`, `lint_all`): here. One target read, parsed and linted; many in input
  order, in worker processes when asked, through the result cache (giplint/engine/cache.py) when
  it is on; then the cross-year pass over the pairs (`cross_check`).

The names of discovery and configuration are re-exported here (they were this module's, and the
command line imports the engine through this one module).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from giplint.config import Rule
from giplint.diagnostics import Failure
from giplint.engine.discover import (
    DEFAULT_INCLUDE,
    NOT_REPORTS,
    Plan,
    Target,
    collect,
    display,
    printable,
    walk,
)
from giplint.engine.resolve import Resolver, registry
from giplint.globs import Globs
from giplint.lint import LintResult, Unread, internal_error, lint_bytes, lint_report, read_bytes, read_report
from giplint.source import InputError

if TYPE_CHECKING:
    from giplint.engine.cache import ResultCache
    from giplint.model import Report
    from giplint.years.organ import ReportIdentity

__all__ = [
    "DEFAULT_INCLUDE",
    "NOT_REPORTS",
    "Globs",
    "Plan",
    "Resolver",
    "Target",
    "collect",
    "cores",
    "cross_check",
    "display",
    "lint_all",
    "lint_data",
    "lint_target",
    "lint_work",
    "printable",
    "registry",
    "split_ids",
    "walk",
]

PROGRESS_AFTER = 20  # a progress bar only for runs longer than this many files
# The first pass keeps its parsed reports for the cross-year pass (each file parsed once per
# run) when at most this many files may be paired: a kept report costs 150-250 KiB, and a
# province's archive of thousands must stay within bench/'s 200 MiB. Larger runs read the
# paired files again in the cross-year pass, in the worker processes.
KEEP_AT_MOST = 200


def split_ids(values: Sequence[str]) -> list[str]:
    """`--select A,B --select C` → [A, B, C]."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def lint_target(target: Target, rules: list[Rule[Any]], view: View | None = None) -> LintResult:
    """Read, parse and lint one target under the rules given; never raises for a bad input."""
    if target.failure is not None:
        return LintResult(target.name, failures=[target.failure])
    try:
        data = target.data if target.data is not None else read_bytes(target.path)  # type: ignore[arg-type]
    except InputError as exc:
        return LintResult(target.name, failures=[Failure(target.name, f"{target.name}：{exc.message}")])
    try:
        return lint_data(target, data, rules, view)
    except MemoryError:  # the whole run is short of memory: the command line says so and stops
        raise
    except Exception as exc:  # noqa: BLE001  a bug of giplint's on one file costs that file, as a reader's does
        return LintResult(target.name, failures=[internal_error(target.name, exc)])


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
        from giplint.engine.parallel import lint_parallel  # multiprocessing only for a pool

        done = lint_parallel(pending, jobs, progress, err, lint, _lost_target, _warm_up)
    elif progress and len(pending) > PROGRESS_AFTER:
        from giplint.engine.parallel import Progress

        done = []
        with Progress(True, len(pending), err) as advance:
            for target, rules in pending:
                done.append(lint(target, rules))
                advance()
    else:  # one file, or a run in one process nobody watches: no bar, no pool, nothing imported for them
        done = [lint(target, rules) for target, rules in pending]
    for index, result in zip(todo, done, strict=True):
        results[index] = result
        if results_cache is not None and index in keys:
            results_cache.store(keys[index], result)
    return [r for r in results if r is not None]


def _warm_up() -> None:
    """Lint giplint's own report framework (`giplint template`: every section and table, blank)
    under giplint's own rules (a plugin's check could hang, here on no budget), in the main process before the workers fork (giplint/engine/parallel.py
    `warm`): they inherit the grammar and what each check builds on first use, as they did when
    the main process linted the first file (whose checks would then be on no budget)."""
    from giplint.template import build_skeleton, render_text

    plugins = registry()
    text = render_text(build_skeleton("示例市示例局", 2024)).encode("utf-8")
    own = [rule for rule in plugins.rules if plugins.kinds[rule.check].plugin == "giplint"]  # a plugin's may hang
    lint_bytes("warm-up.txt", text, own, plugins.kinds, plugins.readers)


def _lost(name: str, rules: list[Rule[Any]], running: int | None, seconds: float | None) -> LintResult:
    """The result of a file whose checks overran the per-file budget, or whose worker process
    died (giplint/engine/parallel.py): one failure naming the rule that was running and its plugin."""
    from giplint.engine.parallel import READING  # called only from the pool, already imported

    if running == READING:
        return _lost_reading(name, seconds)
    rule = rules[running] if running is not None and 0 <= running < len(rules) else None
    kind = registry().kinds.get(rule.check) if rule is not None else None
    plugin = kind.plugin if kind is not None else ""
    which = f"规则 {rule.id} {rule.name}（检查 {rule.check}，插件 {plugin}）" if rule is not None else "读取或检查"
    if seconds is not None:
        message = (
            f"{name}：{which}的检查超过 {seconds:g} 秒仍未结束，已停止并换用新的工作进程。"
            "其他文件照常检查；请把此信息报告给规则的维护者。"
        )
    else:
        message = (
            f"{name}：{which}时工作进程意外退出，此文件未能检查。其他文件照常检查；"
            "请把此信息报告给规则（或插件）的维护者。"
        )
    failure = Failure(name, message, rule_id=rule.id if rule else "", plugin=plugin, kind="check")
    return LintResult(name, failures=[failure])


def _lost_reading(name: str, seconds: float | None) -> LintResult:
    """A third-party reader that overran the budget or ended its worker: named as read_report
    names a reader that raised (giplint/lint.py), the plugin's maintainers to be told."""
    suffix = Path(name).suffix.lower()
    reader = next((r for r in reversed(registry().readers) if suffix in r.suffixes), None)
    plugin, which = (reader.plugin, reader.name) if reader is not None else ("?", "?")
    problem = f"超过 {seconds:g} 秒仍未读完，已停止并换用新的工作进程" if seconds is not None else "读取时工作进程意外退出"
    message = (
        f"{name}：插件 {plugin} 的读取器 {which} 出错，无法读取此文件（{problem}）。"
        "其他文件照常检查；请把此信息报告给该插件的维护者。"
    )
    return LintResult(name, failures=[Failure(name, message, plugin=plugin, kind="plugin")])


def _lost_target(target: Target, rules: list[Rule[Any]], running: int | None, seconds: float | None) -> LintResult:
    return _lost(target.name, rules, running, seconds)


def _lost_pair(pair: Pair, rules: list[Rule[Any]], running: int | None, seconds: float | None) -> LintResult:
    return _lost(pair[0].path, rules, running, seconds)


class _CrossYear:
    """The cross-year rules of a rule list, filtered once per list (most targets share one)."""

    def __init__(self) -> None:
        self.kinds = registry().kinds
        self._known: dict[int, tuple[list[Rule[Any]], list[Rule[Any]]]] = {}  # id -> (list, its rules)

    def rules(self, rules: list[Rule[Any]]) -> list[Rule[Any]]:
        known = self._known.get(id(rules))
        if known is None:
            cross = [r for r in rules if r.enabled and self._cross_year(r)]
            known = self._known[id(rules)] = (rules, cross)  # the list is kept so its id is not reused
        return known[1]


    def _cross_year(self, rule: Rule[Any]) -> bool:
        try:
            return self.kinds[rule.check].wants_previous(rule.params)
        except (Exception, SystemExit):  # noqa: BLE001  a plugin's predicate: the first pass names its failure per file
            return False


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
        from giplint.engine.parallel import lint_parallel

        done = lint_parallel(work, jobs, False, err, _lint_pair, _lost_pair, _warm_up)
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
