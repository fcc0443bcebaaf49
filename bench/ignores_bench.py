"""The cost per file of a configuration with tens of thousands of `per-file-ignores` globs
(issue 21 item 14), for this checkout and, side by side in the same run, another one.

A province that lists every archived report in `per-file-ignores` (28,000 file names and 1,000
folder globs, 29,000 entries) and N report paths under it, some listed, some not. Measured: the
configuration's load, then `Resolver.rules_for` of each path (what the engine asks once per file:
the rules in force), min and median per file. Each checkout runs in a fresh interpreter of its
own (`PYTHONPATH`), alternating, so both see the same machine.

    .venv/bin/python bench/ignores_bench.py --globs 29000 --files 200 --baseline /tmp/before
    # /tmp/before: `git archive <commit> | tar -x -C /tmp/before` of the checkout to compare with
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def write_config(folder: Path, globs: int) -> Path:
    """A `.giplint.yaml` of `globs` entries: file names of an archive, then folder globs (short
    names: a configuration is at most 1 MB)."""
    folders = max(1, globs // 29)
    lines = ["per-file-ignores:"]
    lines += [f'  "a/{1990 + i % 30}/o{i}.txt": [GIP201]' for i in range(globs - folders)]
    lines += [f'  "a/{i}/*.txt": [GIP406]' for i in range(folders)]
    config = folder / ".giplint.yaml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def measure(folder: Path, files: int) -> dict[str, float]:
    """In this interpreter (the checkout on sys.path): load, then rules_for per file."""
    from giplint.engine.run import Resolver, Target

    config = folder / ".giplint.yaml"
    started = time.perf_counter()
    resolver = Resolver(config=config)
    resolver.rules_for(Target("warm.txt", folder / "warm.txt"))  # the config loaded, rules built
    load = time.perf_counter() - started
    times = []
    for i in range(files):  # every third listed by name, every third under a folder glob
        name = f"a/{1990 + i % 30}/o{i}.txt" if i % 3 == 0 else f"a/{i % 7}/x{i}.txt"
        if i % 3 == 2:
            name = f"other/{i}.txt"
        started = time.perf_counter()
        rules = resolver.rules_for(Target(name, folder / name))
        times.append(time.perf_counter() - started)
        assert rules
    return {"load_s": load, "min_ms": min(times) * 1e3, "median_ms": statistics.median(times) * 1e3,
            "total_s": sum(times)}  # fmt: skip


def run_checkout(checkout: Path, folder: Path, files: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder), "--files", str(files)],
        check=False, capture_output=True, text=True, env=env,
    )  # fmt: skip
    if out.returncode:
        raise SystemExit(f"{checkout}: {out.stderr}")
    return dict(json.loads(out.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--globs", type=int, default=29000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", type=Path, help="another checkout, measured alternately")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.files)))
        return 0
    checkouts = {"this": BENCH.parent}
    if args.baseline:
        checkouts = {"baseline": args.baseline.resolve(), **checkouts}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_config(folder, args.globs)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
        for _ in range(args.rounds):
            for name, checkout in checkouts.items():
                results[name].append(run_checkout(checkout, folder, args.files))
    print(f"{args.globs} per-file-ignores globs, {args.files} files, best of {args.rounds} rounds")
    print(f"{'checkout':<10} {'load+first s':>12} {'per file min ms':>16} {'median ms':>10} {'all files s':>12}")
    for name, rows in results.items():
        best = min(rows, key=lambda row: row["total_s"])
        print(
            f"{name:<10} {best['load_s']:>12.2f} {best['min_ms']:>16.3f} {best['median_ms']:>10.3f} {best['total_s']:>12.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
