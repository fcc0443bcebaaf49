"""A rule file's entries -> frozen `Rule` objects, their ``params`` validated against the check kind.

Validation happens once, at load time (yamllint's ``VALIDATE(conf)``): an unknown check kind or
parameter, a parameter of the wrong type, gets a `ConfigError` with ``file:line`` and the closest
valid name. Used for giplint's rules/*.yaml, plugin rule files, and the user's ``rules:`` overrides
(giplint/config.py).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from giplint.configfile import _LINE, ConfigError, _clean, _line, load_yaml
from giplint.contract import CheckKind, Rule
from giplint.diagnostics import Severity

_RULE_KEYS = {
    "id",
    "name",
    "check",
    "severity",
    "message",
    "hint",
    "explain",
    "params",
    "since",
    "until",
    "severity-before",
    "enabled",
}
_ID = re.compile(r"^[A-Z]{2,8}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def load_rule_file(
    path: Path, kinds: Mapping[str, CheckKind[Any]], plugin: str = "giplint"
) -> list[Rule[Any]]:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise ConfigError(path, None, "规则文件应为规则列表（每项以 - id: 开头）。")
    return [_rule(path, entry, kinds, plugin) for entry in data]


def _rule(path: Path, entry: Any, kinds: Mapping[str, CheckKind[Any]], plugin: str) -> Rule[Any]:
    line = _line(entry)
    if not isinstance(entry, dict):
        raise ConfigError(path, line, "每条规则应为一个映射（id、name、check …）。")
    unknown = set(entry) - _RULE_KEYS - {_LINE}
    if unknown:
        raise ConfigError(path, line, f"未知的规则字段：{', '.join(sorted(unknown))}。")
    for key in ("id", "name", "check", "severity", "message", "explain"):
        if not entry.get(key):
            raise ConfigError(path, line, f"规则缺少必填字段 {key}。")
    rule_id, name, check = str(entry["id"]), str(entry["name"]), str(entry["check"])
    if not _ID.match(rule_id):
        raise ConfigError(path, line, f"规则编号 {rule_id} 不合格式（如 GIP101）。")
    if not _NAME.match(name):
        raise ConfigError(path, line, f"规则名称 {name} 应为小写连字符形式（如 missing-section）。")
    kind = kinds.get(check)
    if kind is None:
        close = difflib.get_close_matches(check, list(kinds), n=1)
        suggestion = f"您是否想写 {close[0]}？" if close else ""
        raise ConfigError(path, line, f"规则 {rule_id} 使用了未知的检查类型 {check}。{suggestion}")
    params = _params(path, _line(entry.get("params")) or line, kind, _clean(entry.get("params") or {}))
    return Rule(
        id=rule_id,
        name=name,
        check=check,
        severity=_severity(path, line, entry["severity"]),
        message=str(entry["message"]).strip(),
        explain=str(entry["explain"]).strip(),
        params=params,
        hint=str(entry.get("hint") or "").strip(),
        since=entry.get("since"),
        until=entry.get("until"),
        severity_before=_severity_before(path, line, entry.get("severity-before")),
        enabled=_bool(path, line, "enabled", entry.get("enabled", True)),
        source=f"{path}:{line}",
        plugin=plugin,
    )


def _bool(path: Path | str, line: int | None, key: str, value: Any) -> bool:
    """A YAML boolean only: `enabled: "no"` is a string, and bool("no") is True."""
    if not isinstance(value, bool):
        raise ConfigError(path, line, f"{key} 应为 true 或 false，而不是 {value!r}。")
    return value


def _severity(path: Path, line: int | None, value: Any) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        raise ConfigError(path, line, f"未知的严重级别 {value}（可用 error、warning、info）。") from None


def _severity_before(path: Path, line: int | None, value: Any) -> tuple[int, Severity] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "year" not in value or "severity" not in value:
        raise ConfigError(path, line, "severity-before 应写为 {year: 2021, severity: warning}。")
    return int(value["year"]), _severity(path, line, value["severity"])


def _params(path: Path, line: int | None, kind: CheckKind[Any], values: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(kind.params)}
    unknown = set(values) - names
    if unknown:
        first = min(unknown)
        close = difflib.get_close_matches(first, sorted(names), n=1)
        hint = f"您是否想写 {close[0]}？" if close else ""
        available = f"（可用：{', '.join(sorted(names))}）" if names else "（此检查类型没有参数）"
        raise ConfigError(
            path,
            line,
            f"检查类型 {kind.name} 不接受参数：{', '.join(sorted(unknown))}{available}。{hint}",
        )
    hints = _type_hints(kind.params)
    for name, value in values.items():
        if name in hints and not _is_instance(value, hints[name]):
            raise ConfigError(
                path,
                line,
                f"检查类型 {kind.name} 的参数 {name} 应为{_describe(hints[name])}，而不是 {value!r}。",
            )
    try:
        return kind.make_params(values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(path, line, f"检查类型 {kind.name} 的参数有误：{exc}") from exc
    except Exception as exc:  # a plugin's Params checking itself may raise anything (re-raised as a config error)
        raise ConfigError(
            path,
            line,
            f"检查类型 {kind.name}（插件 {kind.plugin}）不接受这些参数（{exc.__class__.__name__}: {exc}）。"
            "请改正参数；参数无误时，请把此信息报告给该插件的维护者。",
        ) from exc


def _type_hints(params: type) -> dict[str, Any]:
    """The Params dataclass's field types; {} when a plugin's annotations cannot be resolved
    (its values are then checked only by the dataclass itself)."""
    import typing

    try:
        return typing.get_type_hints(params)
    except Exception:  # noqa: BLE001  a plugin's unresolvable annotation: skip typed validation
        return {}


def _is_instance(value: Any, annotation: Any) -> bool:
    """Whether a YAML value fits a Params field type: the few shapes parameters take (str, int,
    float, bool, list[X], dict[K, V], unions, Literal). Unknown types are accepted."""
    import types
    import typing

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation in (Any, object):
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_instance(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if annotation is bool:
        return isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is str:
        return isinstance(value, str)
    if origin in (list, tuple, Sequence, Iterable, set, frozenset):
        item = args[0] if args else Any
        return isinstance(value, list) and all(_is_instance(v, item) for v in value)
    if origin in (dict, Mapping):
        key, item = args if len(args) == 2 else (Any, Any)
        return isinstance(value, dict) and all(
            _is_instance(k, key) and _is_instance(v, item) for k, v in value.items()
        )
    return True


def _describe(annotation: Any) -> str:
    """A field type in words an editor reads."""
    import types
    import typing

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return "或".join(_describe(arg) for arg in args)
    if origin is typing.Literal:
        return "、".join(map(str, args)) + " 之一"
    names = {bool: " true 或 false", int: "整数", float: "数字", str: "文字"}
    if annotation in names:
        return names[annotation]
    if origin in (list, tuple, Sequence, Iterable, set, frozenset):
        return f"列表（每项为{_describe(args[0]) if args else '任意值'}）"
    if origin in (dict, Mapping):
        return f"映射（值为{_describe(args[1]) if len(args) == 2 else '任意值'}）"
    return getattr(annotation, "__name__", str(annotation))
