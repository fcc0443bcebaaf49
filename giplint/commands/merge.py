"""``giplint merge shard-*.json``: the json results of ``--shard K/N`` runs as one run."""

from __future__ import annotations

import argparse
from typing import IO

from giplint.commands import EXIT_ERROR
from giplint.commands.results import exit_code, render_results
from giplint.engine.run import printable
from giplint.engine.run import registry as load_registry


def merge_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """`giplint merge shard-*.json`: the shards' results rendered as one run renders them."""
    from giplint.engine.shard import ShardError, load_shards

    try:
        results = load_shards(args.shards)
    except ShardError as exc:
        err.write(printable(exc.message) + "\n")
        return EXIT_ERROR
    for failure in (f for r in results for f in r.failures):
        err.write(failure.message + "\n")
    render_results(args.format, results, out, load_registry().rules, False)
    return exit_code(args, results, False)
