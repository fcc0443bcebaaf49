"""organ_power: an organ that cannot make 规章 reports none in table 二.

Why: only the governments of provinces, autonomous regions, municipalities, 设区的市 and 自治州,
and the ministries of the State Council make 规章 (立法法); a county, a township or a
county-level department that fills the 规章 row of table 二 with numbers has counted the
documents it implements, or its 行政规范性文件 in the wrong row. The organ's level is read from
its name in the title (patterns in the rule's params, per level: 县, 旗, a 区 of a 市, 乡, 镇,
街道); an organ whose level the name does not tell is not judged.

Example: see GIP206 in rules/tables.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose, regex
from giplint.diagnostics import Diagnostic
from giplint.fold import fold_text
from giplint.model import CellStatus, Report


@dataclass(frozen=True)
class Params:
    table: str = "active_disclosure"
    row: str = "regulations"
    columns: list[str] = field(default_factory=lambda: ["issued", "repealed", "in_force"])
    levels: dict[str, list[str]] = field(default_factory=dict)  # level (Chinese) -> organ-name regexes
    ignore: str = ""  # removed from the organ name first (自治区 is no 区)

    def __post_init__(self) -> None:
        choose("表格", self.table, layouts.TABLES)
        choose(f"表格 {self.table} 的行", self.row, layouts.row_keys(self.table))
        for column in self.columns:
            choose(f"行 {self.row} 的列", column, layouts.column_keys(self.table, self.row))
        for level, patterns in self.levels.items():
            for pattern in patterns:
                regex(f"levels.{level}", pattern)
        if self.ignore:
            regex("ignore", self.ignore)


def level_of(organ: str, params: Params) -> str | None:
    """The level (a key of `params.levels`) the organ's name tells, or None."""
    name = fold_text(organ)
    if params.ignore:
        name = re.sub(params.ignore, "", name)
    for level, patterns in params.levels.items():
        if any(re.search(pattern, name) for pattern in patterns):
            return level
    return None


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    params = rule.params
    table = report.table(params.table)
    if table is None or report.organ is None or table.layout not in ("2021", "2019"):
        return
    level = level_of(report.organ, params)
    if level is None:
        return
    cells = [table.cell(params.row, column) for column in params.columns]
    filled = [c for c in cells if c is not None and c.status is CellStatus.VALUE and c.value]
    if not filled:
        return
    yield rule.diagnostic(
        report,
        filled[0].span,
        section=table.section,
        organ=report.organ,
        level=level,
        values="、".join(f"{layouts.cell_label(table.kind, table.layout, c.row, c.column).split(' / ')[-1]} {c.raw.strip()}" for c in filled),
    )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("organ_power", Params, check, __doc__ or "")]
