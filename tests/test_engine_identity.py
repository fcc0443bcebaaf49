"""Output identity over generated reports: serial, parallel, cache filling and cached runs of the
engine give the same bytes (issue 11: "output identical before/after")."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow  # ~300 reports linted four times


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import generate  # bench/generate.py: templates from fixtures/, varied years, numbers, prose

    folder = tmp_path_factory.mktemp("generated")
    options = ["--defect-rate", "0.2", "--gbk-rate", "0.1", "--crlf-rate", "0.1"]
    assert generate.main(["--count", "300", "--seed", "11", "--out", str(folder), *options]) == 0
    return folder


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_serial_parallel_and_cached_runs_give_identical_bytes(corpus: Path, tmp_path: Path, fmt: str) -> None:
    cache = str(tmp_path / "cache")
    serial = run_cli(str(corpus), "--format", fmt, "--jobs", "1", "--no-cache", "--statistics")
    parallel = run_cli(str(corpus), "--format", fmt, "--jobs", "2", "--no-cache", "--statistics")
    filling = run_cli(str(corpus), "--format", fmt, "--jobs", "2", "--cache-dir", cache, "--statistics")
    cached = run_cli(str(corpus), "--format", fmt, "--jobs", "1", "--cache-dir", cache, "--statistics")
    assert serial[0] == 1 and "跨年度配对" in (serial[1] + serial[2])  # defects found, pairs made
    assert serial == parallel == filling == cached
