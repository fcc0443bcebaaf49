"""The tables' arithmetic identities, in one home: the shipped rules that state them.

rules/arithmetic.yaml (GIP301–GIP304) and rules/years.yaml (GIP501–GIP503) write the identities
of the mandated tables as expressions (grammar/expression.lark), e.g.
``new_received + carried_over == results_total + carried_forward``. The `identity` check
evaluates them on a report. Every other piece of code that needs the same arithmetic — the table
reader separating glued digits, a repair hint naming the one cell that would make a table add
up, cross-year separation of glued rows — takes them from here, never from a copy::

    from giplint.identities import for_table

    for identity in for_table("applications", "2021"):        # this layout's identities
        if identity.cross_year or identity.comparison != "==":
            continue
        identity.names                                        # this year's keys it relates
        identity.holds(lambda name: values.get(name))         # True / False / None (unknown)
        identity.solve("results_total", lambda name: values.get(name))  # value that makes it hold

An identity `over` "columns" relates rows (its names are row keys) and holds in every column; one
`over` "rows" relates columns and holds in every row. `only` restricts the other axis. A name
``previous.<table>.<row>`` (or ``…<row>.<column>``) is last year's figure: the value callback
receives the name as written, so the caller decides what last year means.

The identities are parsed once per process (cached) from the shipped YAML: a user's configuration
(turning GIP301 off, say) changes what is reported, never how a table is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from lark import Lark, Token, Tree

from giplint import shipped
from giplint.grammars import open_grammar

Term = tuple[int, str]  # (+1 or -1, name or integer literal)
PREVIOUS = "previous."  # the prefix of a name in last year's report
Value = Callable[[str], "int | float | None"]  # a name as written -> its figure, None when unknown
CHECK_KIND = "identity"  # the check kind whose rules state identities


@dataclass(frozen=True, slots=True)
class Identity:
    """One identity of a table, for one layout (None: every layout), as a shipped rule states it."""

    rule: str  # the rule that states it: "GIP301"
    table: str  # active_disclosure | applications | review_litigation
    layout: str | None  # "2021" | "2019" | None (every layout)
    over: str  # "columns": names are rows, it holds in each column; "rows": the other way round
    left: tuple[Term, ...]
    comparison: str  # "==" | "<=" | ">="
    right: tuple[Term, ...]
    only: tuple[str, ...] = ()  # restricted to these columns (or rows); () = all

    @property
    def terms(self) -> tuple[Term, ...]:
        """Both sides as one signed sum that is 0 (==) / <= 0 / >= 0: left − right."""
        return (*self.left, *((-sign, name) for sign, name in self.right))

    @property
    def names(self) -> tuple[str, ...]:
        """This year's names it relates (row keys, or column keys), in order, without repeats."""
        return tuple(
            dict.fromkeys(name for _, name in self.terms if not name.isdigit() and not name.startswith(PREVIOUS))
        )

    @property
    def cross_year(self) -> bool:
        """Whether it reads last year's report."""
        return any(name.startswith(PREVIOUS) for _, name in self.terms)

    def applies_to(self, other: str) -> bool:
        """Whether it holds in column (or row) `other` of the table."""
        return not self.only or other in self.only

    def holds(self, value: Value) -> bool | None:
        """Whether it holds for the figures `value` gives; None when one of them is unknown."""
        total = _sum(self.terms, value)
        if total is None:
            return None
        return total == 0 if self.comparison == "==" else total <= 0 if self.comparison == "<=" else total >= 0

    def solve(self, name: str, value: Value) -> int | float | None:
        """The figure `name` must have for this equality to hold, the others as `value` gives
        them; None when it is not an equality, `name` cancels out, or another figure is unknown."""
        if self.comparison != "==":
            return None
        coefficient = sum(sign for sign, term in self.terms if term == name)
        if coefficient == 0:
            return None
        rest = _sum(tuple(term for term in self.terms if term[1] != name), value)
        if rest is None:
            return None
        solved = -rest / coefficient
        return int(solved) if isinstance(rest, int) and solved == int(solved) else solved


def _sum(terms: tuple[Term, ...], value: Value) -> int | float | None:
    total: int | float = 0
    for sign, name in terms:
        figure = int(name) if name.isdigit() else value(name)
        if figure is None:
            return None
        total += sign * figure
    return total


def for_table(table: str, layout: str | None = None) -> tuple[Identity, ...]:
    """The shipped identities of `table` that apply to `layout` (all layouts' when None), in the
    order the rules state them (rules/*.yaml by file name)."""
    return tuple(
        identity
        for identity in shipped_identities()
        if identity.table == table and (layout is None or identity.layout in (None, layout))
    )


@cache
def shipped_identities() -> tuple[Identity, ...]:
    """Every identity the shipped rules state, parsed once."""
    found: list[Identity] = []
    for path in sorted(shipped("rules").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and entry.get("check") == CHECK_KIND:
                found.extend(_from_rule(entry))
    return tuple(found)


def _from_rule(entry: dict[str, Any]) -> list[Identity]:
    params = entry["params"]
    expect = params["expect"]
    per_layout: dict[str | None, str] = {None: expect} if isinstance(expect, str) else dict(expect)
    identities: list[Identity] = []
    for layout, text in per_layout.items():
        left, comparison, right = parse_comparison(text)
        identities.append(
            Identity(
                entry["id"],
                params["table"],
                layout,
                params["over"],
                left,
                comparison,
                right,
                tuple(params.get("only", ())),
            )
        )
    return identities


# -- the expression grammar ------------------------------------------------------------------------


@cache
def _parser() -> Lark:
    return open_grammar("expression.lark", parser="lalr")


@cache
def parse_comparison(text: str) -> tuple[tuple[Term, ...], str, tuple[Term, ...]]:
    """Both sides of an identity as signed terms and the comparison between them ("==", "<=",
    ">="); raises lark errors on a malformed identity."""
    left, comparison, right = _parser().parse(text).children
    return _side(left), str(comparison), _side(right)  # type: ignore[arg-type]


def _side(tree: Tree[Token]) -> tuple[Term, ...]:
    terms: list[Term] = []
    sign = 1
    for child in tree.children:
        if isinstance(child, Token) and child.type == "OPERATOR":
            sign = -1 if child == "-" else 1
        else:
            assert isinstance(child, Tree)  # the expression grammar: operators and operand subtrees
            token = child.children[0]
            terms.append((sign, str(token)))
    return tuple(terms)
