"""A third-party giplint plugin, as a province would write one: a check kind and a YAML rule.

The check asks that section 一 names the organ's 政务公开 contact office (a local requirement).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from giplint import hookimpl
from giplint.checks import CheckKind


@dataclass(frozen=True)
class Params:
    section: str
    word: str


def check(report, rule) -> Iterator:
    section = report.section(rule.params.section)
    if section is not None and rule.params.word not in section.body:
        yield rule.diagnostic(report, section.span, section=section.number, word=rule.params.word)


@hookimpl
def giplint_check_kinds() -> list[CheckKind]:
    return [CheckKind("demo_contains", Params, check, "demo_contains: a section contains a word.")]


@hookimpl
def giplint_rule_files() -> list[Path]:
    return [Path(__file__).with_name("rules.yaml")]
