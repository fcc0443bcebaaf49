"""title_present: the report opens with a title naming organ, year and 政府信息公开工作年度报告.

Why: the title identifies the report once it is filed or aggregated; the common form is
"XXX（机关名称）XXXX年政府信息公开工作年度报告" (spec §2.2; both organ/year orders occur).

Example: see GIP405 in rules/content.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from giplint import hookimpl
from giplint.contract import CheckKind, Rule, choose
from giplint.diagnostics import Diagnostic
from giplint.model import Report, Span

_PROBLEMS = ("no_title", "missing", "organ", "year", "suffix")


@dataclass(frozen=True)
class Params:
    suffix: str  # 政府信息公开工作年度报告
    # the message's {problem}: `no_title`, or `missing` with "{parts}" the missing parts, each
    # worded by `organ`, `year` and `suffix` (where "{suffix}" is the suffix above)
    problems: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.suffix.strip():
            raise ValueError("suffix 不能为空")
        for key in self.problems:
            choose("problems 的键", key, _PROBLEMS)
        for key in _PROBLEMS:
            if not self.problems.get(key, "").strip():
                raise ValueError(f"problems.{key} 应写明该情况的措辞")


def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
    title = report.title
    problems, suffix = rule.params.problems, rule.params.suffix
    if title is None:
        yield rule.diagnostic(report, Span.point(1, 1), section="", problem=problems["no_title"])
        return
    missing = []
    if not title.organ:
        missing.append(problems["organ"])
    if not title.year:
        missing.append(problems["year"])
    if suffix not in title.text.replace(" ", ""):
        missing.append(problems["suffix"].format(suffix=suffix))
    if missing:
        yield rule.diagnostic(
            report, title.span, section="", problem=problems["missing"].format(parts="、".join(missing))
        )


@hookimpl
def giplint_check_kinds() -> list[CheckKind[Params]]:
    return [CheckKind("title_present", Params, check, __doc__ or "")]
