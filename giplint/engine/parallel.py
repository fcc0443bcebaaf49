"""Linting many files in a process pool, results in input order.

The pool forks on Linux: the parent has built the registry, read the rule files and built the
grammars before the pool starts (it lints the first file itself), so workers inherit them
instead of building them again. Elsewhere (spawn on macOS and Windows) each worker builds them
once. The distinct rule sets go to each worker once, at start-up; a task is only a target and
the number of its rule set, and only small `LintResult`s come back, so output is identical to
`--jobs 1`. The engine (giplint/engine/run.py) hands this module its own `lint_target`: this module
imports neither the engine nor the command line.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.lint import LintResult

T = TypeVar("T")
Lint = Callable[[T, "list[Rule[Any]]"], "LintResult"]

_RULE_SETS: list[list[Rule[Any]]] = []
_LINT: list[Lint[Any]] = []


def _start(rule_sets: list[list[Rule[Any]]], lint: Lint[Any]) -> None:
    _RULE_SETS[:] = rule_sets
    _LINT[:] = [lint]


def _work(item: tuple[Any, int]) -> LintResult:
    target, rule_set = item
    return _LINT[0](target, _RULE_SETS[rule_set])


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers inherit the built parsers and rules); elsewhere the platform's
    default: macOS spawns by default because forking is unsafe with its system frameworks."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def lint_parallel(
    work: Sequence[tuple[T, list[Rule[Any]]]], jobs: int, progress: bool, err: IO[str], lint: Lint[T]
) -> list[LintResult]:
    """`lint(target, rules)` over every pair in `jobs` processes, results in input order. `lint`
    is the engine's (giplint/engine/run.py `lint_target`): passed in, so this module needs nothing of it."""
    rule_sets: list[list[Rule[Any]]] = []
    numbers: dict[int, int] = {}
    tasks = []
    for target, rules in work:
        if id(rules) not in numbers:
            numbers[id(rules)] = len(rule_sets)
            rule_sets.append(rules)
        tasks.append((target, numbers[id(rules)]))
    # The first file in this process: it builds what the workers then inherit by fork.
    first, number = tasks[0]
    results: list[LintResult] = [lint(first, rule_sets[number])]
    rest = tasks[1:]
    if not rest:
        return results
    chunksize = max(1, min(64, len(rest) // (jobs * 8) or 1))
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_start, initargs=(rule_sets, lint)
    ) as pool:
        answers = pool.map(_work, rest, chunksize=chunksize)  # workers start here, before any thread
        with Progress(progress, len(tasks), err) as advance:
            advance()
            for result in answers:
                results.append(result)
                advance()
    return results


class Progress:
    """A rich progress bar on stderr for long runs at a terminal; nothing otherwise (rich is
    imported only when the bar is shown)."""

    def __init__(self, enabled: bool, total: int, err: IO[str]) -> None:
        self.enabled = enabled
        self.total = total
        self.err = err
        self.bar: object | None = None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress as Bar

        bar = Bar(console=Console(file=self.err), transient=True)
        self.bar = bar
        bar.start()
        task = bar.add_task("检查中", total=self.total)
        return lambda: bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        stop = getattr(self.bar, "stop", None)
        if stop is not None:
            stop()
