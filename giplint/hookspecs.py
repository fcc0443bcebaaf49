"""THE plugin contract of giplint. Built-in checks, readers and formats use these same hooks.

A plugin is a module (or object) registered under the entry-point group ``giplint``::

    [project.entry-points.giplint]
    my_rules = "my_package.giplint_plugin"

and implements any of the hooks below with ``@giplint.hookimpl``. Each hook returns a list; giplint
collects the lists of all plugins. Names must be unique across plugins: a clash is a configuration
error naming both plugins. Every answer is checked (giplint/plugins.py): a hook that returns no
list or items of another type, a check that yields anything but `Diagnostic`s, a reader that
raises or returns no `Document` is a failure naming the plugin's distribution (exit 2), and only
that is skipped. With ``--jobs`` 2 or more a file's checks run on a time budget
(giplint/engine/parallel.py).
"""

# The hook specifications below have docstrings for bodies: pluggy reads their signatures and
# never calls them, so mypy's "missing return" does not apply.
# mypy: disable-error-code="empty-body"

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from giplint.contract import CheckKind
    from giplint.readers import Reader

hookspec = pluggy.HookspecMarker("giplint")


@hookspec
def giplint_check_kinds() -> list[CheckKind[Any]]:
    """Return the check kinds this plugin provides.

    The contract is `giplint.contract` (import nothing else of giplint's internals to write a
    check)::

        from giplint import hookimpl
        from giplint.contract import CheckKind, Rule

        @dataclass(frozen=True)
        class Params:
            threshold: int = 3

        def check(report: Report, rule: Rule[Params]) -> Iterator[Diagnostic]:
            if ...:  # rule.params.threshold is typed
                yield rule.diagnostic(report, span, section="六", field=...)

        @hookimpl
        def giplint_check_kinds() -> list[CheckKind[Params]]:
            return [CheckKind("my_kind", Params, check, __doc__ or "")]

    A rule in YAML names its check kind in its ``check:`` key; the kind's ``Params`` dataclass
    fixes which ``params:`` the rule may give (validated when the configuration is loaded). A
    check is called once per report and rule and yields `Diagnostic`s built with
    ``rule.diagnostic(...)``, the one way to build one (it fills the rule's message and hint
    templates and sets severity and location). A kind given ``previous=`` (a predicate on its
    params) is called as ``check(report, rule, previous)`` with last year's report.
    (`giplint.config.Rule` and `giplint.checks.CheckKind` still import, as aliases.)
    """


@hookspec
def giplint_rule_files() -> list[Path]:
    """Return YAML rule files this plugin ships; they are loaded after giplint's own rules/*.yaml.

    Each file is a list of rules with ``id`` (GIPnnn or a plugin prefix such as XYZ101), ``name``,
    ``check``, ``severity``, ``message``, ``explain`` and ``params``.
    """


@hookspec
def giplint_readers() -> list[Reader]:
    """Return readers for input formats: a `Reader` names its file suffixes and turns bytes into
    a `giplint.source.Document` in the canonical `|`-cell text layout (or raises InputError)."""
