"""Lint the first N reports of bench/out/corpus-300 in process, for instruction counts.

Run under callgrind twice, with N and with 0, and subtract: what is left is the per-report cost
(read, parse, every rule), independent of how busy the machine is (see bench/README.md).

    valgrind --tool=callgrind .venv/bin/python bench/lint_n.py 100
"""

from __future__ import annotations

import sys
from pathlib import Path

from giplint.lint import lint_bytes
from giplint.plugins import load_registry

registry = load_registry()
corpus = Path(__file__).resolve().parent / "out" / "corpus-300"
for path in sorted(corpus.glob("*.txt"))[: int(sys.argv[1])]:
    lint_bytes(str(path), path.read_bytes(), registry.rules, registry.kinds, registry.readers)
