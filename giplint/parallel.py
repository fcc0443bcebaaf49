"""Linting many files in a process pool, results in input order.

Each worker builds the registry and the parsers once (module-level caches); only targets and
rules go out, only small `LintResult`s come back, so output is identical to `--jobs 1`.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.lint import LintResult


def _work(item: tuple[Any, list[Rule]]) -> LintResult:
    from giplint.cli import _lint_target

    target, rules = item
    return _lint_target(target, rules)


def lint_parallel(
    work: Sequence[tuple[Any, list[Rule]]], jobs: int, progress: bool, err: IO[str]
) -> list[LintResult]:
    from giplint.cli import _progress

    chunksize = max(1, min(64, len(work) // (jobs * 8) or 1))
    results: list[LintResult] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool, _progress(progress, len(work), err) as advance:
        for result in pool.map(_work, work, chunksize=chunksize):
            results.append(result)
            advance()
    return results
