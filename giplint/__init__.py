"""giplint — a linter for Chinese government information disclosure annual reports.

政府信息公开工作年度报告检查工具: checks a report against the layout mandated by
国办公开办函〔2021〕30号 and reports what an editor must fix before publication.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from giplint import _aliases

if TYPE_CHECKING:
    import pluggy

__version__ = "0.1.0"



def __getattr__(name: str) -> pluggy.HookimplMarker:
    """``giplint.hookimpl``, the marker of plugin hooks, made on first use: pluggy is imported
    when plugins are loaded, not by every ``import giplint`` (a run answered by the result cache
    loads no plugin)."""
    if name != "hookimpl":
        raise AttributeError(f"module 'giplint' has no attribute {name!r}")
    import pluggy

    marker = globals()["hookimpl"] = pluggy.HookimplMarker("giplint")
    return marker

_PACKAGE = Path(__file__).resolve().parent

# ``giplint.run``, ``giplint.render``, ``giplint.organ``... (the flat layout before issue 15.8)
# still import, as the same module objects as their new homes, for plugins written against them.
_aliases.install()


def shipped(name: str) -> Path:
    """The folder of shipped data (`grammar`, `rules`), in a wheel or in a source checkout.

    The wheel carries them inside the package (hatch force-include); a checkout has them at the
    repository root beside the package.
    """
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
