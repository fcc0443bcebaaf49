"""A plugin that breaks the contract in the way named by GARBAGE (issue 21 item 16): giplint must
name it (its distribution, giplint-garbage) in one failure, exit 2, and check everything else.

GARBAGE=kinds     giplint_check_kinds returns [5] beside its real kind
GARBAGE=yield     its check yields 5 after a real finding
GARBAGE=rules     giplint_rule_files returns [5] beside its real rule file
GARBAGE=readers   giplint_readers returns "abc" (no list)
GARBAGE=reader    its reader (.gbg files) raises; GARBAGE=document: it returns no Document
GARBAGE=readhang  its reader never returns; GARBAGE=readexit: it ends its process (os._exit)
GARBAGE=hang      its check never returns on a file whose name holds "hang" (hangall: on every file)
GARBAGE=exit      its check ends its process (os._exit) on such a file
GARBAGE=previous  its `previous` predicate (is the rule cross-year?) raises
GARBAGE=cross     its rule is cross-year, and its check raises when given last year's report
GARBAGE=span      its check yields a finding at line 1.5 (a Span of a float)
GARBAGE=hint      its check yields a finding whose hint is 5 (no text)
GARBAGE=params    its Params refuse a `level` other than 0 by raising RuntimeError
GARBAGE=flood     its check yields the same finding without end
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from giplint import hookimpl
from giplint.contract import CheckKind
from giplint.readers import Reader
from giplint.source import read_text
from giplint.span import Span

MODE = os.environ.get("GARBAGE", "")


@dataclass(frozen=True)
class Params:
    level: int = 0

    def __post_init__(self) -> None:
        if MODE == "params" and self.level:
            raise RuntimeError(f"level {self.level} is not supported")


def wants_previous(params: Any) -> bool:
    if MODE == "previous":
        raise RuntimeError("predicate exploded")
    return MODE == "cross"


def check(report: Any, rule: Any, previous: Any = None) -> Iterator[Any]:
    if previous is not None:
        raise RuntimeError("cross-year check exploded")
    if MODE == "hangall" or (MODE == "hang" and "hang" in report.path):
        while True:  # a check stuck in a loop: only killing its process ends it
            pass
    if MODE == "exit" and "hang" in report.path:
        os._exit(3)
    finding = rule.diagnostic(report, Span(1, 1, 1, 2))
    if MODE == "span":
        finding = replace(finding, span=Span(1.5, 1, 1, 2))
    elif MODE == "hint":
        finding = replace(finding, hint=5)
    yield finding
    while MODE == "flood":  # findings without end
        yield finding
    if MODE == "yield":
        yield 5


@hookimpl
def giplint_check_kinds() -> list[Any]:
    kinds: list[Any] = [CheckKind("garbage_kind", Params, check, "garbage_kind: a finding per report.", previous=wants_previous)]
    return [5, *kinds] if MODE == "kinds" else kinds


@hookimpl
def giplint_rule_files() -> list[Any]:
    files: list[Any] = [Path(__file__).with_name("garbage_plugin_rules.yaml")]
    return [5, *files] if MODE == "rules" else files


def read(path: str, data: bytes) -> Any:
    if MODE == "document":
        return "not a document"
    if MODE == "reader":
        raise RuntimeError("reader exploded")
    if MODE == "readhang":
        while True:  # a reader stuck in a loop: only killing its process ends it
            pass
    if MODE == "readexit":
        os._exit(3)
    return read_text(path, data)


@hookimpl
def giplint_readers() -> Any:
    if MODE == "readers":
        return "abc"
    return [Reader("garbage", (".gbg",), read)]
