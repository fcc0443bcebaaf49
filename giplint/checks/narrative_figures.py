"""narrative_figures: a figure stated in the prose agrees with the table cell it describes.

Why: 30号 holds the organ responsible for "inaccurate" content; the commonest inaccuracy after a
wrong total is prose that contradicts the tables (spec §5.4: "收到申请16件" beside a table of 15,
"已全部办结" beside a carry-over into next year). Each claim is a regular expression in the rule's
params with a named group `n` for the figure, and the cell(s) it must equal; a claim whose cells
are missing, blank or unseparated is not judged.

Example: see GIP408 in rules/content.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import cast

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose, regex
from giplint.diagnostics import Diagnostic
from giplint.model import CellStatus, Report


@dataclass(frozen=True)
class Params:
    sections: list[str]  # where claims are looked for (一)
    claims: list[dict[str, object]] = field(default_factory=list)
    # each: {pattern, table, row, column, also (rows whose sum is also accepted), what (Chinese)}
    all_done: str = ""  # a claim that every application was closed (全部办结)
    carried_forward: str = "carried_forward"

    def __post_init__(self) -> None:
        for number in self.sections:
            choose("部分序号", number, layouts.SECTION_ORDER)
        for index, claim in enumerate(self.claims, 1):
            _validate_claim(index, claim)
        if self.all_done:
            regex("all_done", self.all_done)
        choose("表格 applications 的行", self.carried_forward, layouts.row_keys("applications"))


_CLAIM_KEYS = ("pattern", "table", "row", "column", "also", "what")


def _validate_claim(index: int, claim: dict[str, object]) -> None:
    """One entry of `claims`: its keys, a pattern with the group `n`, a table, row and column
    that exist (a misspelt row would make the claim silently never judged)."""
    where = f"claims 第{index}项"
    for key in claim:
        choose(f"{where}的字段", key, _CLAIM_KEYS)
    for key in ("pattern", "table", "row"):
        if not isinstance(claim.get(key), str) or not claim[key]:
            raise ValueError(f"{where}缺少 {key}")
    table, row = str(claim["table"]), str(claim["row"])
    regex(f"{where}的 pattern", str(claim["pattern"]), groups=("n",))
    choose(f"{where}的表格", table, layouts.TABLES)
    choose(f"{where}中表格 {table} 的行", row, layouts.row_keys(table))
    choose(f"{where}中行 {row} 的列", str(claim.get("column", "total")), layouts.column_keys(table, row))
    also = claim.get("also", []) or []
    if not isinstance(also, list):
        raise TypeError(f"{where}的 also 应为行的列表")
    for other in also:
        choose(f"{where}的 also 中表格 {table} 的行", str(other), layouts.row_keys(table))


def _cell_total(report: Report, table: str, row: str, column: str) -> Decimal | None:
    found = report.table(table)
    cell = found.cell(row, column) if found else None
    if cell is None or cell.status is not CellStatus.VALUE or cell.value is None:
        return None
    return Decimal(cell.value)


def _accepted(report: Report, claim: dict[str, object]) -> list[Decimal] | None:
    table, row, column = str(claim["table"]), str(claim["row"]), str(claim.get("column", "total"))
    base = _cell_total(report, table, row, column)
    if base is None:
        return None
    accepted = [base]
    for other in cast("Iterable[object]", claim.get("also", []) or []):
        extra = _cell_total(report, table, str(other), column)
        if extra is not None:
            accepted.append(base + extra)
    return accepted


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    params: Params = rule.params
    for number in params.sections:
        section = report.section(number)
        if section is None:
            continue
        start = section.body_offset
        yield from _claims(report, rule, section.number, section.body, start)
        yield from _all_done(report, rule, section.number, section.body, start)


def _claims(report: Report, rule: Rule[Params], number: str, text: str, start: int) -> Iterator[Diagnostic]:
    for claim in rule.params.claims:
        accepted = _accepted(report, claim)
        if accepted is None:
            continue
        for match in re.finditer(str(claim["pattern"]), text):
            try:
                stated = Decimal(match["n"])
            except (InvalidOperation, IndexError):
                continue
            if stated not in accepted:
                span = report.document.span(start + match.start("n"), start + match.end("n"))
                yield rule.diagnostic(
                    report,
                    span,
                    section=number,
                    what=claim.get("what", ""),
                    stated=match["n"],
                    table_value=accepted[0],
                    quote=match.group(0),
                )
            break  # the first statement of a figure is the one that counts


def _all_done(report: Report, rule: Rule[Params], number: str, text: str, start: int) -> Iterator[Diagnostic]:
    if not rule.params.all_done:
        return
    carried = _cell_total(report, "applications", rule.params.carried_forward, "total")
    if not carried:
        return
    match = re.search(rule.params.all_done, text)
    if match:
        yield rule.diagnostic(
            report,
            report.document.span(start + match.start(), start + match.end()),
            section=number,
            what="结转下年度继续办理",
            stated=match.group(0),
            table_value=carried,
            quote=match.group(0),
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("narrative_figures", Params, check, __doc__ or "")]
