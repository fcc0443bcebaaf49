"""The old flat import paths of modules that moved into packages (issue 15.8).

Plugins written against ``giplint.run``, ``giplint.render``, ``giplint.organ``... keep working:
``import giplint.run`` gives the very module object ``giplint.engine.run`` (one module, two
names), so attributes, isinstance checks and monkeypatching agree whichever name is used.
No file stays at the old path, so nothing is imported until an old name is asked for: the
finder below only answers for the names in `MOVED` and costs one dict lookup per import
otherwise. New code imports the new paths.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader  # not imported at run time: importlib.abc costs a start-up

#: old dotted name -> the module's home now
MOVED: dict[str, str] = {
    **{f"giplint.{name}": f"giplint.engine.{name}" for name in ("run", "parallel", "cache", "pairing", "shard")},
    **{
        f"giplint.{name}": f"giplint.output.{name}"
        for name in (
            "render",
            "sarif",
            "github",
            "html_report",
            "html_run",
            "html_tables",
            "html_view",
            "compare_html",
        )
    },
    **{f"giplint.{name}": f"giplint.years.{name}" for name in ("organ", "reuse", "compare")},
    "giplint.glued": "giplint.parse.tables.glued",
}


class _Alias:
    """Loader: the module of an old name is the module of its new home, imported on demand."""

    def __init__(self, home: ModuleType) -> None:
        self.home = home
        self.spec = home.__spec__  # before the import system overwrites it with the alias's

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return self.home

    def exec_module(self, module: ModuleType) -> None:
        # the import system has just set the alias's spec on the (already executed) module: give
        # it back its own, so that its name, reload and pickling stay those of its home
        module.__spec__ = self.spec


class AliasFinder:
    """Meta-path finder for the names in `MOVED` (and nothing else)."""

    giplint_aliases = True

    @staticmethod
    def find_spec(
        fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        home = MOVED.get(fullname)
        if home is None:
            return None
        return ModuleSpec(fullname, cast("Loader", _Alias(import_module(home))))


def install() -> None:
    """Put the finder first on `sys.meta_path`, once (a re-imported giplint adds no second)."""
    if not any(getattr(finder, "giplint_aliases", False) for finder in sys.meta_path):
        sys.meta_path.insert(0, AliasFinder())
