"""Shared test helpers: where fixtures and the shared corpus are, and linting one file for real."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from giplint.cli import main
from giplint.diagnostics import Diagnostic
from giplint.lint import lint_bytes, read_document
from giplint.model import Report
from giplint.parse import parse_document
from giplint.plugins import Registry, load_registry

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
REPORTS = FIXTURES / "reports"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def need_shared() -> None:
    """Skip cleanly on a machine without ../shared (the project must pass without it)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared is not present on this machine")


_REGISTRY: Registry | None = None


def registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load_registry()
    return _REGISTRY


def parse_file(path: Path) -> Report:
    """Read and parse one file as giplint does."""
    return parse_document(read_document(str(path), path.read_bytes(), registry().readers))


def lint_file(path: Path, previous: Path | None = None) -> list[Diagnostic]:
    """Lint one file with the default rule set through the real read → parse → lint path, paired
    with last year's report `previous` when given (the cross-year rules run only then)."""
    reg = registry()
    last_year = parse_file(previous) if previous is not None else None
    result = lint_bytes(str(path), path.read_bytes(), reg.rules, reg.kinds, reg.readers, last_year)
    assert not result.failures, result.failures
    return result.diagnostics


def lint_case(report: str, replace: list[Any], previous: str | None) -> list[Diagnostic]:
    """The findings of one case of fixtures/cases/GIPnnn.yaml: its fixture report, varied in one
    place by `replace: [old, new]` (or in several, by a list of such pairs), paired with last year's report `previous` when given."""
    if not replace:
        return lint_file(FIXTURES / report, FIXTURES / previous if previous else None)
    text = (FIXTURES / report).read_text(encoding="utf-8")
    pairs = replace if isinstance(replace[0], list) else [replace]  # [old, new] or a list of pairs
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} must occur once in {report}"
        text = text.replace(old, new)
    reg = registry()
    last_year = parse_file(FIXTURES / previous) if previous else None
    result = lint_bytes(report, text.encode("utf-8"), reg.rules, reg.kinds, reg.readers, last_year)
    assert not result.failures, result.failures
    return result.diagnostics


def run_cli(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite fixtures/expected/*.txt")
    parser.addoption(
        "--update-messages",
        action="store_true",
        help="rewrite fixtures/expected/messages/GIPnnn.txt (every rule's rendered messages on its cases)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def update_messages(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-messages"))


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets a result cache of its own (giplint/engine/cache.py), outside the folders it lints:
    no test sees another's cached answers, and nothing is written into the checkout."""
    monkeypatch.setenv("GIPLINT_CACHE_DIR", str(tmp_path_factory.mktemp("giplint-cache")))
