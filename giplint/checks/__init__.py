"""Check kinds: the Python logic a rule names in its ``check:`` key. One module per kind.

Every module in this folder is a built-in plugin, registered through the same pluggy hook
(`giplint_check_kinds`) third-party plugins use. A module holds a ``Params`` dataclass (the
parameters a rule may set), a ``check(report, rule)`` function, and the hook implementation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from giplint.config import Rule
    from giplint.diagnostics import Diagnostic
    from giplint.model import Report


@dataclass(frozen=True)
class CheckKind:
    """A named piece of check logic with the parameters it accepts."""

    name: str
    params: type  # a dataclass; YAML `params:` keys must be its fields
    run: Callable[[Report, Rule], Iterable[Diagnostic]]
    doc: str = ""
    plugin: str = "giplint"
    # Whether a rule with these params compares with last year's report of the same organ. Such
    # a rule runs only for a report paired with last year's (giplint/pairing.py) and is called
    # as run(report, rule, previous); every other rule as run(report, rule), as before.
    previous: Callable[[Any], bool] = field(default=lambda params: False, compare=False)

    def wants_previous(self, params: Any) -> bool:
        return bool(self.previous(params))

    def make_params(self, values: dict[str, Any]) -> Any:
        return self.params(**values)
