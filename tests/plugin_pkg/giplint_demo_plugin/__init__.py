"""A third-party giplint plugin, as a province would write one: a check kind, a YAML rule and a
reader for a format giplint does not know.

The check asks that section 一 names the organ's 政务公开 contact office (a local requirement).
The reader reads ".rpt" files: the report's text with every line quoted by "> " (as a mail
system might archive it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from giplint import hookimpl
from giplint.checks import CheckKind
from giplint.readers import Reader
from giplint.source import Document, read_text


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


def read_quoted(path: str, data: bytes) -> Document:
    lines = data.decode("utf-8").split("\n")
    unquoted = "\n".join(line.removeprefix("> ") for line in lines)
    return read_text(path, unquoted.encode("utf-8"))


@hookimpl
def giplint_readers() -> list[Reader]:
    return [Reader("quoted", (".rpt",), read_quoted)]
