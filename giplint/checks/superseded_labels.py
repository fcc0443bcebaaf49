"""superseded_labels: a table still uses the labels of the superseded 2019 trial layout.

Why: 国办公开办函〔2021〕30号 replaced the 2019 tables: section 二 counts 本年制发/废止/现行有效 and
the fee in 万元, no longer 本年新制作数量, 上一年项目数量 or 第二十条第(九)项 政府集中采购; section
三 splits (六)其他处理 into three rows. Reusing last format's table is a common copy-paste defect. For a report of a year before
`current_from` (2019, 2020) the trial layout was the mandated one: the finding is then a note in
the wording of `before` (the rule's severity-before makes it info), never "superseded".

Example: see GIP201 in rules/tables.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl, layouts
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import Report


@dataclass(frozen=True)
class Params:
    markers: dict[str, list[str]] = field(default_factory=dict)  # table -> label names (layouts.py) of old labels
    structural: dict[str, str] = field(default_factory=dict)  # table -> description when its layout is "2019"
    current_from: int = 2021  # the first report year of the 2021 format
    # the message's {status} and the hint's {advice}, for a report of that year on (`after`) and
    # of a year before it (`before`); {year} is the report year
    after: dict[str, str] = field(default_factory=dict)
    before: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table, names in self.markers.items():
            choose("表格", table, layouts.TABLES)
            for name in names:
                choose(f"表格 {table} 的标签", name, layouts.label_names(table))
        for table in self.structural:
            choose("表格", table, layouts.TABLES)
        if not 2019 <= self.current_from <= 2100:
            raise ValueError(f"current_from 应为四位年份，而不是 {self.current_from}")
        for name, wording in (("after", self.after), ("before", self.before)):
            for key in wording:
                choose(f"{name} 的字段", key, ("status", "advice"))


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    params = rule.params
    earlier = report.year is not None and report.year < params.current_from
    wording = {
        key: value.format(year=report.year) for key, value in (params.before if earlier else params.after).items()
    }
    for table in report.tables():
        names = set(rule.params.markers.get(table.kind, []))
        found = [label for label in table.labels if label.name in names]
        texts = list(dict.fromkeys(label.text.strip() for label in found))
        structural = rule.params.structural.get(table.kind) if table.layout == "2019" else None
        if structural:
            texts.append(structural)
        if not texts:
            continue
        span = found[0].span if found else table.span
        yield rule.diagnostic(
            report,
            span,
            **layouts.table_place(table),
            labels="、".join(texts),
            **wording,
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("superseded_labels", Params, check, __doc__ or "")]
