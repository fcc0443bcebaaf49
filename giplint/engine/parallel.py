"""Linting many files in worker processes, results in input order, each file's checks on a budget.

The workers fork on Linux: the parent has built the registry, read the rule files and built the
grammars before the workers start (`warm`: it reads a small report itself), so workers inherit them
instead of building them again. Elsewhere (spawn on macOS and Windows) each worker builds them
once. The distinct rule sets go to each worker once, at start-up; a task is only a target and
the number of its rule set, and only small `LintResult`s come back, so output is identical to
`--jobs 1`. The engine (giplint/engine/run.py) hands this module its own `lint_target`: this module
imports neither the engine nor the command line.

Each worker is a process of ours fed chunks of targets over a pipe, not a
`ProcessPoolExecutor`, so that one file cannot stop the run: when a file's checks have run for
`CHECK_BUDGET` seconds (a plugin's check in an endless loop), its worker is killed and replaced
and the file gets one failure (exit 2); a worker that dies (a plugin calling `os._exit`, a crash
in an extension) costs its file the same way. Every other file is still checked. With `--jobs 1`
nothing can stop a check that never returns but Ctrl-C (README, limits). No worker outlives
giplint: Ctrl-C and SIGTERM kill them here, and a worker of a giplint killed outright (SIGKILL)
is ended by the kernel or its own watch of the parent (giplint/lifetime.py).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.lint import LintResult

T = TypeVar("T")
Lint = Callable[[T, "list[Rule[Any]]"], "LintResult"]
# (target, its rules, the index of the rule whose check was running, READING or None, the budget
# spent in seconds or None when the worker died) -> the target's result: one failure naming what broke
Lost = Callable[[T, "list[Rule[Any]]", "int | None", "float | None"], "LintResult"]

CHECK_BUDGET = 60.0  # seconds of checks for one file; giplint's own take milliseconds a report
# What `Lost` is told runs when a third-party reader (not a rule's check) was reading the file:
# a plugin's reader runs in the worker and is held to the same budget (giplint/readers `guarded`).
READING = -2
# Targets sent to a worker in one message: at most this many, fewer near the end of a run so
# that both workers finish together. The worker answers a chunk in one message (a message a
# result made the workers wait for a busy parent to empty the pipe: 25-50 % slower), and the next
# chunk goes when it has, so neither side ever blocks sending while the other does.
CHUNK = 64


def check_budget() -> float:
    """The per-file budget for checks: `GIPLINT_CHECK_BUDGET` seconds when set, else `CHECK_BUDGET`."""
    try:
        value = float(os.environ.get("GIPLINT_CHECK_BUDGET") or CHECK_BUDGET)
    except ValueError:
        return CHECK_BUDGET
    return value if value > 0 else CHECK_BUDGET


def _serve(
    conn: Connection, shared: tuple[Any, Any, Any], slot: int, setup: tuple[Any, Any], parent: int
) -> None:
    """A worker: lint each (index, target, rule set number) of each chunk received and send the
    chunk's (index, result) pairs back. It tells `shared` (per slot) when a file's checks began,
    which rule runs, and which task it is on: what the parent needs to stop a file's checks. It
    dies with giplint (`parent`), even killed with SIGKILL (giplint/lifetime.py)."""
    import signal

    import giplint.lint
    import giplint.readers
    from giplint.lifetime import die_with_parent

    # Ctrl-C reaches the whole process group and SIGTERM may too (a service stopped): giplint
    # kills its workers itself and says so once, so a worker takes neither as its own exception
    # (which multiprocessing would print as a traceback when it came before the loop below).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)

    clock, running, task = shared
    rule_sets, lint = setup

    def watch(number: int) -> None:
        if number < 0:
            clock[slot] = 0.0
            return
        if clock[slot] == 0.0:
            clock[slot] = time.monotonic()
        running[slot] = number

    def reading(started: bool) -> None:  # a plugin's reader: on the same budget, named apart
        clock[slot], running[slot] = (time.monotonic(), READING) if started else (0.0, -1)

    giplint.lint.watch = watch
    giplint.readers.watch_reading = reading
    try:
        while (chunk := conn.recv()) is not None:
            answers = []
            for index, target, number in chunk:
                clock[slot], running[slot], task[slot] = 0.0, -1, index
                try:
                    answers.append((index, lint(target, rule_sets[number])))
                except Exception as exc:  # noqa: BLE001  giplint's own bug (checks are guarded in lint.py)
                    conn.send(_Broken(exc))  # the parent raises it: the run ends as with --jobs 1
                    return
            conn.send(answers)
    except (EOFError, OSError, KeyboardInterrupt):  # the parent is gone or interrupted: stop quietly
        return


class _Broken:
    """A worker's answer when linting raised (a bug of giplint, not a plugin's: lint_report
    guards the checks): the exception, for the parent to raise where `--jobs 1` would have, so
    that the run ends with the same one line and no traceback printed by the worker."""

    def __init__(self, exc: Exception) -> None:
        self.exc: Exception = exc
        try:  # sent to the parent by pickle; an exception that does not pickle goes as its words
            import pickle

            pickle.loads(pickle.dumps(exc))  # our own bytes, made just now (never what giplint reads)
        except Exception:  # noqa: BLE001  whatever the exception's own pickling raises
            self.exc = RuntimeError(f"{exc.__class__.__name__}: {exc}")


class _Worker:
    """One worker process, its pipe, and the task numbers sent to it in order."""

    def __init__(self, context: Any, slot: int, shared: tuple[Any, Any, Any], setup: tuple[Any, Any]) -> None:
        self.slot = slot
        here, there = context.Pipe()
        args = (there, shared, slot, setup, os.getpid())
        self.process = context.Process(target=_serve, args=args, daemon=True)
        self.process.start()
        there.close()
        self.conn: Connection = here
        self.sent: deque[int] = deque()

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers inherit the built parsers and rules); elsewhere the platform's
    default: macOS spawns by default because forking is unsafe with its system frameworks."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


class _Pool(Generic[T]):
    """The workers of one `lint_parallel` call and the tasks not yet sent."""

    def __init__(
        self,
        tasks: list[tuple[T, int]],
        rule_sets: list[list[Rule[Any]]],
        jobs: int,
        lint: Lint[T],
        done: int,
    ) -> None:
        self.context = _context()
        self.tasks = tasks
        self.rule_sets = rule_sets
        array = self.context.RawArray
        self.shared = (array("d", jobs), array("i", jobs), array("i", jobs))  # clock, rule, task
        self.setup = (rule_sets, lint)
        self.pending: deque[int] = deque(range(done, len(tasks)))
        self.workers: list[_Worker] = []
        for slot in range(min(jobs, len(self.pending))):
            self.workers.append(self.start(slot))

    def start(self, slot: int) -> _Worker:
        clock, running, task = self.shared
        clock[slot], running[slot], task[slot] = 0.0, -1, -1
        worker = _Worker(self.context, slot, self.shared, self.setup)
        self.feed(worker)
        return worker

    def feed(self, worker: _Worker) -> None:
        """The next chunk to a worker that has answered all it was sent."""
        if worker.sent or not self.pending:
            return
        size = max(1, min(CHUNK, len(self.pending) // (len(self.workers) * 8 or 8)))
        chunk = [self.pending.popleft() for _ in range(min(size, len(self.pending)))]
        worker.conn.send([(index, *self.tasks[index]) for index in chunk])
        worker.sent.extend(chunk)

    def replace(self, position: int) -> tuple[int, int | None]:
        """Kill a stuck or dead worker: the task it was on, and the rule it was running. The rest
        of its chunk (answered or not: the answers die with it) goes to the next worker."""
        worker = self.workers[position]
        _, running, task = self.shared
        rule, index = running[worker.slot], task[worker.slot]
        worker.stop(kill=True)
        if index not in worker.sent:  # died before it began the chunk
            index, rule = worker.sent[0], -1
        self.pending.extendleft(reversed([i for i in worker.sent if i != index]))
        worker.sent.clear()
        self.workers[position] = self.start(worker.slot)
        return index, rule if rule >= 0 or rule == READING else None

    def overdue(self, worker: _Worker, budget: float) -> bool:
        started = self.shared[0][worker.slot]
        return bool(started) and time.monotonic() - started > budget

    def close(self, kill: bool) -> None:
        for worker in self.workers:
            worker.stop(kill)


def lint_parallel(
    work: Sequence[tuple[T, list[Rule[Any]]]],
    jobs: int,
    progress: bool,
    err: IO[str],
    lint: Lint[T],
    lost: Lost[T] | None = None,
    warm: Callable[[], object] | None = None,
) -> list[LintResult]:
    """`lint(target, rules)` over every pair in `jobs` processes, results in input order. `lint`
    is the engine's (giplint/engine/run.py `lint_target`): passed in, so this module needs nothing
    of it; so are `lost`, the result of a file whose checks overran the budget or whose worker died
    (without it, the first such file stops the run with an error, as a pool's broken worker did),
    and `warm`, what builds in this process what the workers should inherit. Without `warm` the
    first file is linted here (and its checks are on no budget)."""
    rule_sets: list[list[Rule[Any]]] = []
    numbers: dict[int, int] = {}
    tasks = []
    for target, rules in work:
        if id(rules) not in numbers:
            numbers[id(rules)] = len(rule_sets)
            rule_sets.append(rules)
        tasks.append((target, numbers[id(rules)]))
    results: list[LintResult | None] = [None] * len(tasks)
    if warm is not None:
        warm()
        done = 0
    else:  # the first file in this process: it builds what the workers then inherit by fork
        first, number = tasks[0]
        results[0] = lint(first, rule_sets[number])
        done = 1
    if len(tasks) == done:
        return [r for r in results if r is not None]
    budget = check_budget()
    pool = _Pool(tasks, rule_sets, jobs, lint, done)
    try:
        with Progress(progress, len(tasks), err) as advance:
            for _ in range(done):
                advance()
            while any(worker.sent for worker in pool.workers):
                busy = [worker for worker in pool.workers if worker.sent]
                ready = wait([worker.conn for worker in busy], timeout=min(1.0, budget / 4))
                for position, worker in enumerate(pool.workers):
                    if not worker.sent:
                        continue
                    if worker.conn in ready:
                        try:
                            answers = worker.conn.recv()
                        except (EOFError, OSError):  # the worker died: its file is lost, not the run
                            died = True
                        else:
                            if isinstance(answers, _Broken):
                                raise answers.exc
                            for index, result in answers:
                                results[index] = result
                                advance()
                            worker.sent.clear()
                            pool.feed(worker)
                            continue
                    else:
                        died = not worker.process.is_alive()
                    if died or pool.overdue(worker, budget):
                        index, running = pool.replace(position)
                        if lost is None:
                            raise RuntimeError(f"a worker process {'died' if died else 'overran the budget'}")
                        target, number = tasks[index]
                        results[index] = lost(target, rule_sets[number], running, None if died else budget)
                        advance()
    except BaseException:  # Ctrl-C, a broken pipe: the workers go at once, stuck or not
        pool.close(kill=True)
        raise
    pool.close(kill=False)
    return [r for r in results if r is not None]


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
