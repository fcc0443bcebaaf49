"""THE plugin contract of giplint. Built-in checks, readers and formats use these same hooks.

A plugin is a module (or object) registered under the entry-point group ``giplint``::

    [project.entry-points.giplint]
    my_rules = "my_package.giplint_plugin"

and implements any of the hooks below with ``@giplint.hookimpl``. Each hook returns a list; giplint
collects the lists of all plugins. Names must be unique across plugins: a clash is a configuration
error naming both plugins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from giplint.checks import CheckKind
    from giplint.readers import Reader

hookspec = pluggy.HookspecMarker("giplint")


@hookspec
def giplint_check_kinds() -> list[CheckKind]:
    """Return the check kinds this plugin provides.

    A rule in YAML names its check kind in its ``check:`` key; the kind's ``Params`` dataclass
    fixes which ``params:`` the rule may give. A check is called once per report and rule and
    yields `Diagnostic`s built with ``rule.diagnostic(...)``.
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
