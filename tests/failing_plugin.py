"""A plugin whose check always raises: giplint must report it once and go on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from giplint import hookimpl
from giplint.checks import CheckKind


@dataclass(frozen=True)
class Params:
    pass


def check(report, rule):
    raise RuntimeError("boom")


@hookimpl
def giplint_check_kinds() -> list[CheckKind]:
    return [CheckKind("always_fails", Params, check, "always_fails: raises.")]


@hookimpl
def giplint_rule_files() -> list[Path]:
    path = Path(__file__).with_name("failing_plugin_rules.yaml")
    return [path]
