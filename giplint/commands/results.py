"""The end of a check run, shared by the full run (check.py) and a run the result cache answers
before loading anything else (quick.py): the findings rendered, the summary line, the exit code.

Light on purpose: rendering imports output/render.py (and rich for the full format) only.
"""

from __future__ import annotations

import argparse
import time
from typing import IO, TYPE_CHECKING, Any

from giplint.commands import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from giplint.diagnostics import Severity
from giplint.engine.discover import printable

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.result import LintResult


def summary(args: argparse.Namespace, results: list[LintResult], started: float, err: IO[str]) -> None:
    """The counts on stderr after a run for people, and after any run written to --output-file:
    with the findings in a file, this line is what tells a clean run from a failed one."""
    from giplint.output.render import summary_line

    err.write(summary_line(results, time.perf_counter() - started) + "\n")
    if args.output_file is not None:
        err.write(f"结果已写入 {printable(str(args.output_file))}。\n")


def render_results(
    fmt: str, results: list[LintResult], out: IO[str], rules: list[Rule[Any]], terminal: bool
) -> None:
    from giplint.output import render

    paths = {r.path: r.path for r in results}
    if fmt == "concise":
        render.render_concise(results, out, paths)
    elif fmt == "json":
        render.render_json(results, out, paths)
    elif fmt == "sarif":
        from giplint.output.sarif import render_sarif

        render_sarif(results, rules, out)
    elif fmt == "github":
        from giplint.output.github import render_github

        render_github(results, out)
    elif any(r.diagnostics for r in results):  # nothing to show: rich is not even imported
        color = None if terminal and (out.isatty() if hasattr(out, "isatty") else False) else False
        render.render_full(results, render.make_console(out, color), paths)


def exit_code(args: argparse.Namespace, results: list[LintResult], failed: bool) -> int:
    if failed or any(r.failures for r in results):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    threshold = Severity.parse(args.fail_on)
    if any(d.severity >= threshold for r in results for d in r.diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK
