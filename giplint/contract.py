"""The check author's contract: `Rule` (a validated rule entry) and `CheckKind` (named check logic).

Both sides import this small module and nothing else of each other: the config loader
(`giplint/config.py`) builds `Rule` objects from YAML and validates their ``params`` against a
`CheckKind`'s ``Params`` dataclass; a check (`giplint/checks/<kind>.py`, or a plugin's) receives a
`Rule[Params]` and yields findings built with `Rule.diagnostic` — the one way to build a
`Diagnostic`, so severity, message and location are never patched on afterwards.

Both are generic in the check kind's ``Params`` dataclass: ``rule.params.threshold`` is typed
in the check that declared it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, cast

from giplint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from giplint.model import Report
    from giplint.span import Span

P = TypeVar("P")

#: A check: findings of one rule over one report.
Check: TypeAlias = "Callable[[Report, Rule[P]], Iterable[Diagnostic]]"
#: A cross-year check: also given last year's report of the same organ (giplint/engine/pairing.py).
CrossYearCheck: TypeAlias = "Callable[[Report, Rule[P], Report], Iterable[Diagnostic]]"


@dataclass(frozen=True)
class Rule(Generic[P]):
    """One YAML rule entry, validated and frozen; `params` is its check kind's ``Params``."""

    id: str
    name: str
    check: str
    severity: Severity
    message: str
    explain: str
    params: P
    hint: str = ""
    since: int | None = None  # first report year the rule applies to (unknown years: applies)
    until: int | None = None
    severity_before: tuple[int, Severity] | None = None  # (year, severity) for earlier years
    enabled: bool = True
    source: str = ""
    plugin: str = "giplint"

    def applies_to(self, report: Report) -> bool:
        year = report.year
        if year is None:
            return True
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)

    def severity_for(self, report: Report) -> Severity:
        if self.severity_before and report.year is not None and report.year < self.severity_before[0]:
            return self.severity_before[1]
        return self.severity

    def diagnostic(
        self,
        report: Report,
        span: Span,
        *,
        section: str | None = None,
        table_number: str = "",
        row_label: str = "",
        column_label: str = "",
        **fields: Any,
    ) -> Diagnostic:
        """The one way to build a Diagnostic: the rule's Chinese templates filled with `fields`.

        `section` defaults to the section the span lies in ("" for a finding about the whole
        report, such as its title); a table finding names its table
        (`table_number`, the section's number) and the canonical labels of its row and column."""
        if section is None:
            section = table_number or _section_at(report, span)
        message = self.message.format_map(_Fields(fields))
        hint = self.hint.format_map(_Fields(fields)) if self.hint else ""
        location, page = _location_at(report, span) if report.document.origins else ("", 0)
        return Diagnostic(
            report.path,
            span,
            self.id,
            self.name,
            self.severity_for(report),
            message,
            section,
            location,
            hint,
            page,
            table_number,
            row_label,
            column_label,
        )


def _section_at(report: Report, span: Span) -> str:
    """The number of the last section whose heading starts on or before the span's line, or "".
    By line, not column: what sits at a heading's edge (???? glued to its front) is read into the
    heading by one reader and before it by another, but always on the heading's line."""
    found = ""
    for section in report.sections:
        if section.span.line > span.line:
            break
        found = section.number
    return found


def _location_at(report: Report, span: Span) -> tuple[str, int]:
    """A Word or PDF location for a span, and its PDF page: the last origin on the span's line
    that starts at or before it (a PDF paragraph is one line made of runs from several lines)."""
    found: tuple[str, int] = ("", 0)
    for origin in report.document.origins:
        if origin.line == span.line and origin.location and (origin.column <= span.column or not found[0]):
            found = (origin.location, origin.page)
        elif origin.line > span.line:
            break
    return found


class _Fields(dict[str, Any]):
    """Leaves an unknown {field} visible instead of raising: a typo in a message must not crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def choose(what: str, value: object, choices: Iterable[str]) -> None:
    """Validate one name a rule's params give (a table, row, column, label, section, issue kind)
    at load time, as yamllint validates a rule's conf: a name not among `choices` raises
    ValueError naming the closest choice, which the config loader turns into a configuration
    error at the rule's ``file:line``. Check kinds call it from their ``Params.__post_init__``."""
    known = list(choices)
    if value in known:
        return
    close = difflib.get_close_matches(str(value), known, n=1)
    hint = f"，您是否想写 {close[0]}？" if close else ""
    listed = "、".join(known) if len(known) <= 12 else "、".join(known[:12]) + " …"
    raise ValueError(f"未知的{what} {value}{hint}（可用：{listed}）")


def regex(what: str, pattern: str, groups: Iterable[str] = ()) -> None:
    """Validate a regular expression a rule's params give: it compiles and has the named
    `groups` the check reads. Raises ValueError (a configuration error at load)."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{what} 不是有效的正则表达式（{exc}）：{pattern!r}") from None
    for group in groups:
        if group not in compiled.groupindex:
            raise ValueError(f"{what} 缺少命名分组 (?P<{group}>…)：{pattern!r}")
    if _nested_repeat(pattern):  # (a+)+b took > 30 s on 40 a's: backtracking without end
        raise ValueError(
            f"{what} 含有嵌套的重复（如 (a+)+），匹配时间可能无限增长；请改写为不嵌套的形式：{pattern!r}"
        )


def _nested_repeat(pattern: str) -> bool:
    """Whether an unbounded repeat stands inside another repeat (the shape of catastrophic
    backtracking, ReDoS), found on Python's own parse of the pattern."""
    try:
        from re import _parser as parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser
    from re import _constants as constants

    repeats = {constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None)}

    def walk(items: Any, inside: bool) -> bool:
        for op, value in items:
            if op in repeats:
                _low, high, sub = value
                unbounded = high == constants.MAXREPEAT or high > 100
                if inside and unbounded:
                    return True
                if walk(sub, inside or high > 1):
                    return True
            elif op in (constants.SUBPATTERN, constants.ATOMIC_GROUP if hasattr(constants, "ATOMIC_GROUP") else None):
                if walk(value[-1], inside):
                    return True
            elif op == constants.BRANCH:
                if any(walk(branch, inside) for branch in value[1]):
                    return True
            elif op in (constants.ASSERT, constants.ASSERT_NOT) and walk(value[1], inside):
                return True
        return False

    return walk(parser.parse(pattern), False)


def _never(params: object) -> bool:
    return False


@dataclass(frozen=True)
class CheckKind(Generic[P]):
    """A named piece of check logic with the parameters it accepts (`params`, a dataclass whose
    fields are the YAML ``params:`` keys a rule may set)."""

    name: str
    params: type[P]
    run: Check[P] | CrossYearCheck[P]
    doc: str = ""
    plugin: str = "giplint"
    # Whether a rule with these params compares with last year's report of the same organ. Such
    # a rule runs only for a report paired with last year's (giplint/engine/pairing.py) and is called
    # as run(report, rule, previous); every other rule as run(report, rule).
    previous: Callable[[P], bool] = field(default=_never, compare=False)

    def wants_previous(self, params: P) -> bool:
        return bool(self.previous(params))

    def make_params(self, values: dict[str, Any]) -> P:
        return self.params(**values)

    def apply(self, report: Report, rule: Rule[P], previous: Report | None = None) -> Iterable[Diagnostic]:
        """Run the check: a cross-year rule with last year's report, and not at all without one
        (a report that cannot be paired is simply not cross-checked); any other rule alone."""
        if self.wants_previous(rule.params):
            if previous is None:
                return ()
            return cast("CrossYearCheck[P]", self.run)(report, rule, previous)
        return cast("Check[P]", self.run)(report, rule)
