"""``giplint parse FILE...``: what giplint read, for people (text) or as data (json)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO

from giplint.commands import EXIT_ERROR, EXIT_OK
from giplint.engine.run import printable
from giplint.engine.run import registry as load_registry


def parse_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    import json

    from giplint.lint import Unread, read_report
    from giplint.output.parsed import render_parse_text, report_to_dict

    registry = load_registry()
    err.writelines(failure.message + "\n" for failure in registry.failures)  # a plugin (its reader) did not load
    status = EXIT_ERROR if registry.failures else EXIT_OK
    dumped = []
    for given in args.paths:
        name = printable(given)
        report = read_report(name, Path(given), registry.readers)
        if isinstance(report, Unread):
            err.write(report.failure.message + "\n")
            status = EXIT_ERROR
            continue
        if args.format == "json":
            dumped.append(report_to_dict(report, name))
        else:
            render_parse_text(report, name, out)
    if args.format == "json":
        json.dump(dumped, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return status
