"""The plugin manager: built-in check modules and third-party entry points, through one door.

Every module in giplint/checks/ and giplint/readers/ is registered exactly like an entry point
of the ``giplint`` group. A plugin that fails to import or breaks the contract is recorded as a
`Failure` and skipped; the run goes on without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from pkgutil import iter_modules
from typing import TYPE_CHECKING, Any

import pluggy

from giplint import checks, hookspecs, shipped
from giplint.config import ConfigError, Rule, load_rule_file
from giplint.diagnostics import Failure
from giplint.installed import ENTRY_POINT_GROUP as ENTRY_POINT_GROUP  # noqa: PLC0414
from giplint.installed import _scan_site as _scan_site  # noqa: PLC0414
from giplint.installed import installed_distributions as installed_distributions  # noqa: PLC0414
from giplint.readers import guarded

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from giplint.checks import CheckKind
    from giplint.readers import Reader



@dataclass
class Registry:
    """Everything the plugins provide, gathered once per process."""

    kinds: dict[str, CheckKind[Any]] = field(default_factory=dict)
    rules: list[Rule[Any]] = field(default_factory=list)
    readers: list[Reader] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    # registered name -> how a failure names the plugin: its distribution (what `pip uninstall`
    # takes), with the entry point when they differ
    labels: dict[str, str] = field(default_factory=dict)


def _manager(failures: list[Failure], labels: dict[str, str]) -> pluggy.PluginManager:
    manager = pluggy.PluginManager("giplint")
    manager.add_hookspecs(hookspecs)
    for module in iter_modules(checks.__path__, prefix="giplint.checks."):
        manager.register(import_module(module.name), name=module.name)
    manager.register(import_module("giplint.readers.formats"), name="giplint.readers.formats")
    for entry_point in _entry_points():
        labels[entry_point.name] = label = _label(entry_point)
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
                    f"插件 {label}（{entry_point.value}）无法加载：{exc.__class__.__name__}: {exc}。"
                    "已跳过该插件，其他规则照常检查。请升级或卸载该插件。",
                    plugin=label,
                    kind="plugin",
                )
            )
    return manager


def _label(entry_point: EntryPoint) -> str:
    """A plugin as a failure names it: its distribution's name (``giplint-demo-plugin``), and the
    entry point's name when it is another word (``giplint-demo-plugin（demo）``)."""
    dist = getattr(entry_point, "dist", None)
    name = str(getattr(dist, "name", "") or "") if dist is not None else ""
    if not name:
        return entry_point.name
    return name if name.replace("-", "_").lower() == entry_point.name.replace("-", "_").lower() else f"{name}（{entry_point.name}）"


def _entry_points() -> list[EntryPoint]:
    """The ``giplint`` entry points; importlib.metadata's full scan (tens of ms) only when some
    installed distribution declares one at all."""
    if not _scan_site()[1]:
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def _plugin_name(registry: Registry, manager: pluggy.PluginManager, implementation: object) -> str:
    name = manager.get_name(implementation) or "?"
    return registry.labels.get(name, name)


def load_registry() -> Registry:
    """Collect check kinds, rules and readers from every plugin; isolate the broken ones. Every
    hook's answer is checked (a list of the hook's type): a plugin that returns something else is
    named in a failure and what it returned is skipped, never used."""
    registry = Registry()
    manager = _manager(registry.failures, registry.labels)
    registry.plugins = [name for name, _ in manager.list_name_plugin()]
    for impl in manager.hook.giplint_check_kinds.get_hookimpls():
        owner = _plugin_name(registry, manager, impl.plugin)
        for kind in _call(registry, owner, impl, "giplint_check_kinds", _valid_kind):
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
        owner = _plugin_name(registry, manager, impl.plugin)
        readers = _call(registry, owner, impl, "giplint_readers", _valid_reader)
        registry.readers.extend(readers if owner.startswith("giplint.") else [guarded(r, owner) for r in readers])
    for path in sorted(shipped("rules").glob("*.yaml")):
        registry.rules.extend(load_rule_file(path, registry.kinds))
    _check_unique(registry.rules)
    for impl in manager.hook.giplint_rule_files.get_hookimpls():
        owner = _plugin_name(registry, manager, impl.plugin)
        for path in _call(registry, owner, impl, "giplint_rule_files", _valid_rule_file):
            try:
                rules = load_rule_file(Path(path), registry.kinds, plugin=owner)
                _check_unique([*registry.rules, *rules])
            except ConfigError as exc:  # a plugin's broken rule file costs that file, not the run
                _fail(registry, owner, f"插件 {owner} 的规则文件有误，已跳过：{exc.message}")
                continue
            except Exception as exc:  # noqa: BLE001  a plugin's Params may raise anything while its rules load
                _fail(
                    registry,
                    owner,
                    f"插件 {owner} 的规则文件 {path} 无法加载（{exc.__class__.__name__}: {exc}），已跳过。"
                    "请把此信息报告给该插件的维护者。",
                )
                continue
            registry.rules.extend(rules)
    return registry


def _fail(registry: Registry, plugin: str, message: str) -> None:
    registry.failures.append(Failure("", message, plugin=plugin, kind="plugin"))


def _owned(kind: CheckKind[Any], owner: str) -> CheckKind[Any]:
    from dataclasses import replace

    return kind if kind.plugin != "giplint" or owner.startswith("giplint.") else replace(kind, plugin=owner)


def _call(
    registry: Registry, owner: str, impl: pluggy.HookImpl, hook: str, valid: Callable[[Any], str]
) -> list[Any]:
    """A plugin's answer to one hook: a list (or tuple) whose items `valid` accepts ("" = fine,
    else what is wrong). A hook that raises or exits, returns no list, or returns items of the
    wrong type is named in a failure; what is wrong is skipped, the rest used."""
    try:
        answer = impl.function()
    except (Exception, SystemExit) as exc:  # noqa: BLE001  a plugin hook that raises or exits is skipped
        _fail(registry, owner, f"插件 {owner} 的 {hook} 出错：{exc.__class__.__name__}: {exc}。已跳过。")
        return []
    if answer is None:
        return []
    if not isinstance(answer, (list, tuple)):
        _fail(
            registry,
            owner,
            f"插件 {owner} 的 {hook} 应返回列表，却返回了 {_shown(answer)}；已跳过。请把此信息报告给该插件的维护者。",
        )
        return []
    kept = []
    for item in answer:
        problem = valid(item)
        if problem:
            _fail(
                registry,
                owner,
                f"插件 {owner} 的 {hook} 返回了 {_shown(item)}：{problem}；已跳过这一项。"
                "请把此信息报告给该插件的维护者。",
            )
            continue
        kept.append(item)
    return kept


def _shown(value: object) -> str:
    """A value a plugin returned, short, with its type: ``5（int）``."""
    text = repr(value)
    return f"{text[:60]}…（{type(value).__name__}）" if len(text) > 60 else f"{text}（{type(value).__name__}）"


def _valid_kind(kind: object) -> str:
    from dataclasses import is_dataclass

    from giplint.contract import CheckKind

    if not isinstance(kind, CheckKind):
        return "应为 giplint.contract.CheckKind"
    if not isinstance(kind.name, str) or not kind.name:
        return "检查类型的名称应为非空文字"
    if not (isinstance(kind.params, type) and is_dataclass(kind.params)):
        return f"检查类型 {kind.name} 的 params 应为 dataclass 类"
    if not callable(kind.run) or not callable(kind.previous):
        return f"检查类型 {kind.name} 的检查函数不可调用"
    return ""


def _valid_reader(reader: object) -> str:
    from giplint.readers import Reader

    if not isinstance(reader, Reader):
        return "应为 giplint.readers.Reader"
    suffixes = reader.suffixes
    if not isinstance(suffixes, (tuple, list)) or not all(isinstance(s, str) and s.startswith(".") for s in suffixes):
        return f"读取器 {reader.name} 的 suffixes 应为以点开头的后缀（如 (\".rpt\",)）"
    if not callable(reader.read):
        return f"读取器 {reader.name} 的 read 不可调用"
    return ""


def _valid_rule_file(path: object) -> str:
    return "" if isinstance(path, (str, os.PathLike)) and str(path) else "应为规则文件的路径（Path 或文字）"


def _check_unique(rules: list[Rule[Any]]) -> None:
    seen: dict[str, Rule[Any]] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                raise ConfigError(rule.source, None, f"规则 {key} 与 {seen[key].source} 重复。")
            seen[key] = rule
