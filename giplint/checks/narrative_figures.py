"""narrative_figures: a figure stated in the prose agrees with the table cell it describes.

Why: 30号 holds the organ responsible for "inaccurate" content; the commonest inaccuracy after a
wrong total is prose that contradicts the tables (spec §5.4: "收到申请16件" beside a table of 15,
"已全部办结" beside a carry-over into next year, "未发生行政复议" beside a review in table 四).

Each claim in the rule's params is a regular expression and the cell(s) it names:

- ``pattern``: with a named group ``n`` for the figure; or, with ``zero: true``, a sentence saying
  there was none (未发生行政复议, 已全部办结: nothing carried forward) and no group;
- ``table``, ``row`` (or ``rows``, summed) and ``column`` (default ``total``): the cell(s);
- ``also``: rows whose sum with the cell is also accepted (新收 + 上年结转);
- ``unless``: a regular expression that, found in the clause where the match ends (between the
  。，； around its end), makes the match no claim about this figure (收到行政复议申请1件
  is no application claim, 上年结转的1件已全部办结 is about last year's carry-over).

A claim whose cells are missing, blank or unseparated is not judged; the first statement of a
figure in a section is the one that counts.

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
    sections: list[str]  # where claims are looked for (一, 五)
    claims: list[dict[str, object]] = field(default_factory=list)
    # each: {pattern, table, row | rows, column, also, zero, unless, what (Chinese)}

    def __post_init__(self) -> None:
        for number in self.sections:
            choose("部分序号", number, layouts.SECTION_ORDER)
        for index, claim in enumerate(self.claims, 1):
            _validate_claim(index, claim)


_CLAIM_KEYS = ("pattern", "table", "row", "rows", "column", "also", "zero", "unless", "what")


def _validate_claim(index: int, claim: dict[str, object]) -> None:
    """One entry of `claims`: its keys, a pattern with the group `n` (none for a `zero` claim), a
    table, row(s) and column that exist (a misspelt row would make the claim silently never
    judged), and a valid `unless`."""
    where = f"claims 第{index}项"
    for key in claim:
        choose(f"{where}的字段", key, _CLAIM_KEYS)
    for key in ("pattern", "table"):
        if not isinstance(claim.get(key), str) or not claim[key]:
            raise ValueError(f"{where}缺少 {key}")
    if ("row" in claim) == ("rows" in claim):
        raise ValueError(f"{where}应写 row（一行）或 rows（几行之和）之一")
    if "rows" in claim and (not isinstance(claim["rows"], list) or not claim["rows"]):
        raise TypeError(f"{where}的 rows 应为行的列表")
    if not isinstance(claim.get("zero", False), bool):
        raise TypeError(f"{where}的 zero 应为 true 或 false")
    table = str(claim["table"])
    zero = bool(claim.get("zero"))
    regex(f"{where}的 pattern", str(claim["pattern"]), groups=() if zero else ("n",))
    if claim.get("unless"):
        regex(f"{where}的 unless", str(claim["unless"]))
    choose(f"{where}的表格", table, layouts.TABLES)
    for row in _rows(claim):
        choose(f"{where}中表格 {table} 的行", row, layouts.row_keys(table))
        choose(f"{where}中行 {row} 的列", str(claim.get("column", "total")), layouts.column_keys(table, row))
    also = claim.get("also", []) or []
    if not isinstance(also, list):
        raise TypeError(f"{where}的 also 应为行的列表")
    for other in also:
        choose(f"{where}的 also 中表格 {table} 的行", str(other), layouts.row_keys(table))


# Where a clause begins: the clause a match ends in is read for a claim's `unless`.
_CLAUSE = re.compile(r"[。；;，,！!？?\n]")


def _cell(report: Report, table: str, row: str, column: str) -> Decimal | None:
    found = report.table(table)
    cell = found.cell(row, column) if found else None
    if cell is None or cell.status is not CellStatus.VALUE or cell.value is None:
        return None
    return Decimal(cell.value)


def _sum(report: Report, table: str, rows: Iterable[str], column: str) -> Decimal | None:
    values = [_cell(report, table, row, column) for row in rows]
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _rows(claim: dict[str, object]) -> list[str]:
    if "rows" in claim:
        return [str(r) for r in cast("Iterable[object]", claim["rows"])]
    return [str(claim["row"])]


def _accepted(report: Report, claim: dict[str, object]) -> list[Decimal] | None:
    table, column = str(claim["table"]), str(claim.get("column", "total"))
    base = _sum(report, table, _rows(claim), column)
    if base is None:
        return None
    accepted = [base]
    for other in cast("Iterable[object]", claim.get("also", []) or []):
        extra = _cell(report, table, str(other), column)
        if extra is not None:
            accepted.append(base + extra)
    return accepted


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    for number in rule.params.sections:
        section = report.section(number)
        if section is None:
            continue
        for claim in rule.params.claims:
            found = _claim(report, rule, claim, section.number, section.body, section.body_offset)
            if found is not None:
                yield found


def _is_claim(claim: dict[str, object], text: str, match: re.Match[str]) -> bool:
    unless = claim.get("unless")
    if not unless:
        return True
    boundaries = [m.end() for m in _CLAUSE.finditer(text, 0, match.end() - 1)]
    clause_start = boundaries[-1] if boundaries else 0
    after = _CLAUSE.search(text, match.end())
    clause_end = after.start() if after else len(text)
    return re.search(str(unless), text[clause_start:clause_end]) is None


def _claim(
    report: Report, rule: Rule[Params], claim: dict[str, object], number: str, text: str, start: int
) -> Diagnostic | None:
    """The finding for the first statement of the claim's figure in `text`, if it disagrees with
    the table. The table's figures are looked up only once a statement is found: most claims
    match nowhere in a section, and building the accepted figures of each was half this rule's
    cost."""
    zero = bool(claim.get("zero"))
    for match in re.finditer(str(claim["pattern"]), text):
        if not _is_claim(claim, text, match):
            continue
        group: int | str = 0
        if zero:
            stated = Decimal(0)
        else:
            try:
                stated, group = Decimal(match["n"]), "n"
            except (InvalidOperation, IndexError):
                continue
        accepted = _accepted(report, claim)
        if accepted is None or stated in accepted:
            return None  # the first statement of a figure is the one that counts
        return rule.diagnostic(
            report,
            report.document.span(start + match.start(group), start + match.end(group)),
            section=number,
            what=claim.get("what", ""),
            stated=match.group(group),
            table_value=accepted[0],
            quote=match.group(0),
        )
    return None


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("narrative_figures", Params, check, __doc__ or "")]
