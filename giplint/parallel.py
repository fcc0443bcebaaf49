"""Linting many files in a process pool, results in input order.

The pool forks where the platform can (Linux, macOS): the parent has built the registry, read
the rule files and built the grammars before the pool starts (it lints the first file itself),
so workers inherit them instead of building them again. Elsewhere (spawn), each worker builds
them once. The distinct rule sets go to each worker once, at start-up; a task is only a target
and the number of its rule set, and only small `LintResult`s come back, so output is identical
to `--jobs 1`. This module imports the engine (giplint/run.py), never the command line.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, TYPE_CHECKING

from giplint.run import Progress, Target, lint_target

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.lint import LintResult

_RULE_SETS: list[list[Rule]] = []


def _start(rule_sets: list[list[Rule]]) -> None:
    _RULE_SETS[:] = rule_sets


def _work(item: tuple[Target, int]) -> LintResult:
    target, rule_set = item
    return lint_target(target, _RULE_SETS[rule_set])


def _context() -> multiprocessing.context.BaseContext:
    """fork where it exists (workers inherit the built parsers and rules), else the default."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def lint_parallel(
    work: Sequence[tuple[Target, list[Rule]]], jobs: int, progress: bool, err: IO[str]
) -> list[LintResult]:
    rule_sets: list[list[Rule]] = []
    numbers: dict[int, int] = {}
    tasks = []
    for target, rules in work:
        if id(rules) not in numbers:
            numbers[id(rules)] = len(rule_sets)
            rule_sets.append(rules)
        tasks.append((target, numbers[id(rules)]))
    # The first file in this process: it builds what the workers then inherit by fork.
    results: list[LintResult] = [_work_here(tasks[0], rule_sets)]
    rest = tasks[1:]
    if not rest:
        return results
    chunksize = max(1, min(64, len(rest) // (jobs * 8) or 1))
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_start, initargs=(rule_sets,)
    ) as pool:
        answers = pool.map(_work, rest, chunksize=chunksize)  # workers start here, before any thread
        with Progress(progress, len(tasks), err) as advance:
            advance()
            for result in answers:
                results.append(result)
                advance()
    return results


def _work_here(item: tuple[Target, int], rule_sets: list[list[Rule]]) -> LintResult:
    target, rule_set = item
    return lint_target(target, rule_sets[rule_set])
