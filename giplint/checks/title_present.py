"""title_present: the report opens with a title naming organ, year and 政府信息公开工作年度报告.

Why: the title identifies the report once it is filed or aggregated; the common form is
"XXX（机关名称）XXXX年政府信息公开工作年度报告" (spec §2.2; both organ/year orders occur).

Example: see GIP405 in rules/content.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from giplint import hookimpl
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Diagnostic
from giplint.model import Report, Span


@dataclass(frozen=True)
class Params:
    suffix: str = "政府信息公开工作年度报告"

    def __post_init__(self) -> None:
        if not self.suffix.strip():
            raise ValueError("suffix 不能为空")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    title = report.title
    if title is None:
        yield rule.diagnostic(report, Span.point(1, 1), section="", problem="没有标题行")
        return
    missing = []
    if not title.organ:
        missing.append("机关名称")
    if not title.year:
        missing.append("年份")
    if rule.params.suffix not in title.text.replace(" ", "").replace("年度政府", "年政府"):
        missing.append(f"“{rule.params.suffix}”字样")
    if missing:
        yield rule.diagnostic(report, title.span, section="", problem=f"标题缺少{'、'.join(missing)}")


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("title_present", Params, check, __doc__ or "")]
