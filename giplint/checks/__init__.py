"""Check kinds: the Python logic a rule names in its ``check:`` key. One module per kind.

Every module in this folder is a built-in plugin, registered through the same pluggy hook
(`giplint_check_kinds`) third-party plugins use. A module holds a ``Params`` dataclass (the
parameters a rule may set), a ``check(report, rule)`` function taking a
``giplint.contract.Rule[Params]``, and the hook implementation returning a ``CheckKind``.
"""

from __future__ import annotations

# CheckKind lives in giplint.contract; re-exported here for plugins written against
# `from giplint.checks import CheckKind`.
from giplint.contract import CheckKind as CheckKind

__all__ = ["CheckKind"]
