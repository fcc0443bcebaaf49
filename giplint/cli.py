"""The command line: ``giplint [check] PATH...``, ``giplint parse``, ``giplint rules``, ``giplint explain``.

This module is the door: the arguments are parsed by commands/arguments.py, each subcommand
runs in its module under commands/ (``compare`` in years/compare.py, ``template`` in
template.py), and whatever happens inside, the exit code keeps its contract.

Exit codes (the contract CI relies on; 1 never means anything but findings):
    0    nothing at or above the --fail-on level
    1    a finding at or above the --fail-on level
    2    usage, input, configuration or internal error (a file could not be read, a plugin broke,
         any unexpected exception: one Chinese line, never a traceback)
    130  interrupted (Ctrl-C)
    143  terminated (SIGTERM: ``kill``, a CI job cancelled, a service stopped); workers are stopped
    141  the reader of standard output went away (``giplint … | head -1``); nothing more is printed
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from giplint.commands import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
)
from giplint.commands.arguments import COMMANDS, FORMATS, UsageError
from giplint.commands.arguments import parser as _parser
from giplint.commands.results import render_results as _render
from giplint.configfile import ConfigError
from giplint.output.cells import register_fallback

if TYPE_CHECKING:
    from giplint.plugins import Registry

__all__ = [  # the names tests, bench and plugins have used from here before the commands/ split
    "COMMANDS",
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "FORMATS",
    "UsageError",
    "_parser",
    "_registry",
    "_render",
    "main",
]


def _registry() -> Registry:
    """Every plugin's check kinds, rules and readers (giplint/engine/resolve.py `registry`), loaded
    when asked for: a run the result cache answers loads no plugin."""
    from giplint.engine.resolve import registry

    return registry()


def main(
    argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Run one command. Whatever happens inside, the exit code keeps its contract (see above)."""
    if stdout is None:
        _tolerant(sys.stdout)
    if stderr is None:
        _tolerant(sys.stderr)
    err = stderr or sys.stderr
    previous = _on_terminate(_terminate)
    try:
        code = _main(argv, stdout, stderr)
        if stdout is None:  # a reader that went away shows here, not in the interpreter's exit
            sys.stdout.flush()
        return code
    except Terminated:
        _say(err, "已终止（收到终止信号 SIGTERM），未完成的检查已停止。")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        _say(err, "已中断（Ctrl-C）。")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _detach_stdout(stdout)
        return EXIT_BROKEN_PIPE
    except MemoryError:
        _say(err, "giplint 内存不足，已停止。请分批检查文件，或确认输入确实是年报。")
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001  the last line of defence: no traceback, never exit 1
        _say(
            err,
            f"giplint 内部错误（{exc.__class__.__name__}: {exc}），已停止。"
            "请把所用的命令和文件发给 giplint 的维护者。",
        )
        return EXIT_ERROR
    finally:
        _on_terminate(previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where giplint is: it unwinds as Ctrl-C does (the worker processes are
    killed, files closed) and ends with its own line and exit code. A KeyboardInterrupt, so no
    `except Exception` of a check or a plugin swallows it."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _on_terminate(handler: Any) -> Any:
    """Set the SIGTERM handler, returning the one it replaces (None where none can be set: not
    the main thread, or a platform without SIGTERM)."""
    import signal
    import threading

    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError, AttributeError):
        return None


def _tolerant(stream: IO[str]) -> None:
    """Let a stream that cannot encode every character write ASCII for what it cannot (a Chinese
    Windows console redirected is GBK: no ░ or −) and escape the rest (PYTHONIOENCODING=ascii),
    instead of raising in the middle of the output (output/cells.py `register_fallback`)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream: nothing to do
            reconfigure(errors=register_fallback())


def _say(err: IO[str], line: str) -> None:
    """One line on stderr; if even that cannot be written, stay silent rather than raise."""
    try:
        err.write(line + "\n")
        err.flush()
    except (OSError, ValueError):
        pass


def _detach_stdout(stdout: IO[str] | None) -> None:
    """After a broken pipe, point standard output at /dev/null so the interpreter's own flush at
    exit does not print a second BrokenPipeError (Python's documented recipe)."""
    if stdout is not None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _main(argv: Sequence[str] | None, stdout: IO[str] | None, stderr: IO[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if args_list and args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version"):
        meant = _misspelt_command(args_list[0])
        if meant is not None:
            err.write(
                f"用法错误：没有 {args_list[0]} 这个命令，也没有这个文件。"
                f"是不是要用 giplint {meant}？运行 giplint --help 查看全部命令。\n"
            )
            return EXIT_ERROR
        args_list.insert(0, "check")
    try:
        args = _parser().parse_args(args_list)
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_ERROR
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    if args.command is None:
        _parser().print_help(out)
        return EXIT_ERROR
    try:
        if args.command == "parse":
            from giplint.commands.parse import parse_command

            return parse_command(args, out, err)
        if args.command in ("rules", "explain"):
            from giplint.commands.rules import explain_command, rules_command

            return (rules_command if args.command == "rules" else explain_command)(args, out, err)
        if args.command == "merge":
            from giplint.commands.merge import merge_command

            return merge_command(args, out, err)
        if args.command in ("template", "compare"):
            return _years_command(args, out, err)
        from giplint.commands.quick import quick_check

        code = quick_check(args, out, err)
        if code is not None:  # answered by the result cache: nothing else was loaded
            return code
        from giplint.commands.check import check_command

        return check_command(args, out, err)
    except ConfigError as exc:
        err.write(exc.message + "\n")
        return EXIT_ERROR
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_ERROR


def _years_command(args: Any, out: IO[str], err: IO[str]) -> int:
    """``giplint template`` and ``giplint compare``, which live beside what they write and compare."""
    if args.command == "template":
        from giplint.template import template_command

        return template_command(args, _registry(), out, err)
    from giplint.years.compare import compare_command

    render = None
    if args.format in ("html", "csv"):  # giplint/output/compare_html.py
        from giplint.output.compare_html import writer

        render = writer(args.format, Path(args.new), _registry().readers)
    return compare_command(args, _registry(), out, err, render)


def _misspelt_command(word: str) -> str | None:
    """The command `word` is a typo of (``explian`` -> explain), when no file of that name exists.

    A first word that is not a command is a path (``giplint 年报.txt`` means check); only a word
    that names nothing on disk and is close to a command is taken as a misspelt command, so an
    existing file called ``chek`` is still checked."""
    import difflib

    if not word.isascii() or not word.isalpha() or os.path.lexists(word):  # 年报.txt, ./x, -: paths
        return None
    close = difflib.get_close_matches(word.casefold(), COMMANDS, n=1, cutoff=0.7)
    return close[0] if close else None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
