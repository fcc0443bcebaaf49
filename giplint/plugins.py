"""The plugin manager: built-in check modules and third-party entry points, through one door.

Every module in giplint/checks/ and giplint/readers/ is registered exactly like an entry point
of the ``giplint`` group. A plugin that fails to import or breaks the contract is recorded as a
`Failure` and skipped; the run goes on without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from pkgutil import iter_modules
from typing import TYPE_CHECKING, Any, cast

import pluggy

from giplint import checks, hookspecs, shipped
from giplint.config import ConfigError, Rule, load_rule_file
from giplint.diagnostics import Failure

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from giplint.checks import CheckKind
    from giplint.readers import Reader

ENTRY_POINT_GROUP = "giplint"


@dataclass
class Registry:
    """Everything the plugins provide, gathered once per process."""

    kinds: dict[str, CheckKind[Any]] = field(default_factory=dict)
    rules: list[Rule[Any]] = field(default_factory=list)
    readers: list[Reader] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)


def _manager(failures: list[Failure]) -> pluggy.PluginManager:
    manager = pluggy.PluginManager("giplint")
    manager.add_hookspecs(hookspecs)
    for module in iter_modules(checks.__path__, prefix="giplint.checks."):
        manager.register(import_module(module.name), name=module.name)
    manager.register(import_module("giplint.readers.formats"), name="giplint.readers.formats")
    for entry_point in _entry_points():
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
            manager.check_pending()
        except (Exception, SystemExit) as exc:  # noqa: BLE001  a broken (or exiting) plugin must not stop giplint
            if manager.has_plugin(entry_point.name):
                manager.unregister(name=entry_point.name)
            failures.append(
                Failure(
                    "",
                    f"插件 {entry_point.name}（{entry_point.value}）无法加载：{exc.__class__.__name__}: {exc}。"
                    "已跳过该插件，其他规则照常检查。请升级或卸载该插件。",
                    plugin=entry_point.name,
                    kind="plugin",
                )
            )
    return manager


def _entry_points() -> list[EntryPoint]:
    """The ``giplint`` entry points; importlib.metadata's full scan (tens of ms) only when some
    installed distribution declares one at all."""
    if not _scan_site()[1]:
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


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


def _plugin_name(manager: pluggy.PluginManager, implementation: object) -> str:
    return manager.get_name(implementation) or "?"


def load_registry() -> Registry:
    """Collect check kinds, rules and readers from every plugin; isolate the broken ones."""
    registry = Registry()
    manager = _manager(registry.failures)
    registry.plugins = [name for name, _ in manager.list_name_plugin()]
    for impl in manager.hook.giplint_check_kinds.get_hookimpls():
        for kind in _call(registry, manager, impl, "giplint_check_kinds"):
            owner = _plugin_name(manager, impl.plugin)
            if kind.name in registry.kinds:
                other = registry.kinds[kind.name].plugin
                _fail(
                    registry,
                    owner,
                    f"检查类型 {kind.name} 同时由插件 {other} 和 {owner} 提供，名称冲突；已跳过后者。",
                )
                continue
            registry.kinds[kind.name] = _owned(kind, owner)
    for impl in manager.hook.giplint_readers.get_hookimpls():
        registry.readers.extend(_call(registry, manager, impl, "giplint_readers"))
    for path in sorted(shipped("rules").glob("*.yaml")):
        registry.rules.extend(load_rule_file(path, registry.kinds))
    _check_unique(registry.rules)
    for impl in manager.hook.giplint_rule_files.get_hookimpls():
        owner = _plugin_name(manager, impl.plugin)
        for path in _call(registry, manager, impl, "giplint_rule_files"):
            try:
                rules = load_rule_file(Path(path), registry.kinds, plugin=owner)
                _check_unique([*registry.rules, *rules])
            except ConfigError as exc:  # a plugin's broken rule file costs that file, not the run
                _fail(registry, owner, f"插件 {owner} 的规则文件有误，已跳过：{exc.message}")
                continue
            registry.rules.extend(rules)
    return registry


def _fail(registry: Registry, plugin: str, message: str) -> None:
    registry.failures.append(Failure("", message, plugin=plugin, kind="plugin"))


def _owned(kind: CheckKind[Any], owner: str) -> CheckKind[Any]:
    from dataclasses import replace

    return kind if kind.plugin != "giplint" or owner.startswith("giplint.") else replace(kind, plugin=owner)


def _call(registry: Registry, manager: pluggy.PluginManager, impl: pluggy.HookImpl, hook: str) -> list[Any]:
    try:
        answer = cast("Iterable[Any] | None", impl.function())
        return list(answer or [])
    except (Exception, SystemExit) as exc:  # noqa: BLE001  a plugin hook that raises or exits is skipped
        name = _plugin_name(manager, impl.plugin)
        registry.failures.append(
            Failure(
                "",
                f"插件 {name} 的 {hook} 出错：{exc.__class__.__name__}: {exc}。已跳过。",
                plugin=name,
                kind="plugin",
            )
        )
        return []


def _check_unique(rules: list[Rule[Any]]) -> None:
    seen: dict[str, Rule[Any]] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                raise ConfigError(rule.source, None, f"规则 {key} 与 {seen[key].source} 重复。")
            seen[key] = rule
