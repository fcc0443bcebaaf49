"""Linting many files in a process pool, results in input order.

Each worker builds the registry and the parsers once (module-level caches). The distinct rule
sets go to each worker once, at start-up; a task is only a target and the number of its rule
set, and only small `LintResult`s come back, so output is identical to `--jobs 1`.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.lint import LintResult

_RULE_SETS: list[list[Rule]] = []


def _start(rule_sets: list[list[Rule]]) -> None:
    _RULE_SETS[:] = rule_sets


def _work(item: tuple[Any, int]) -> LintResult:
    from giplint.cli import _lint_target

    target, rule_set = item
    return _lint_target(target, _RULE_SETS[rule_set])


def lint_parallel(
    work: Sequence[tuple[Any, list[Rule]]], jobs: int, progress: bool, err: IO[str]
) -> list[LintResult]:
    from giplint.cli import _progress

    rule_sets: list[list[Rule]] = []
    numbers: dict[int, int] = {}
    tasks = []
    for target, rules in work:
        if id(rules) not in numbers:
            numbers[id(rules)] = len(rule_sets)
            rule_sets.append(rules)
        tasks.append((target, numbers[id(rules)]))
    chunksize = max(1, min(64, len(tasks) // (jobs * 8) or 1))
    results: list[LintResult] = []
    with (
        ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(rule_sets,)) as pool,
        _progress(progress, len(tasks), err) as advance,
    ):
        for result in pool.map(_work, tasks, chunksize=chunksize):
            results.append(result)
            advance()
    return results
