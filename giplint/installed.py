"""What is installed beside giplint: the distributions on sys.path, and whether any declares a
``giplint`` plugin (an entry point of that group).

Why a module apart from giplint/plugins.py: the result cache keys every entry by the installed
distributions (an upgraded dependency is a new key), and a run the cache answers must not import
pluggy and every check module to learn them.
"""

from __future__ import annotations

import os
import sys
from functools import cache

ENTRY_POINT_GROUP = "giplint"


@cache
def _scan_site() -> tuple[tuple[str, ...], bool]:
    """The installed distributions (their metadata folder names, which carry name and version)
    and whether any declares a ``[giplint]`` entry point: one scandir per sys.path folder and a
    read of each small entry_points.txt. A path entry this cannot look into (an egg, a zip
    archive) counts as possibly declaring one, so the real scan decides."""
    names: list[str] = []
    plugins = False
    for entry in sys.path:
        folder = entry or "."
        if folder.endswith((".egg", ".zip", ".whl")) and os.path.exists(folder):
            plugins = True
            continue
        try:
            with os.scandir(folder) as listing:
                found = [e.name for e in listing if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
        for name in found:
            names.append(name)
            if plugins:
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as file:
                    plugins = f"[{ENTRY_POINT_GROUP}]" in file.read()
            except (OSError, UnicodeDecodeError):
                continue
    return tuple(sorted(names)), plugins


def installed_distributions() -> tuple[str, ...]:
    """Every installed distribution's metadata folder name, with its version (the result
    cache's key: an upgraded dependency is a new key)."""
    return _scan_site()[0]
