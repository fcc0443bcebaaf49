"""Reading a configuration or rule file: bounded, YAML with the line of every mapping.

Why a module of its own: both rule files (giplint/rulefile.py) and the user's configuration
(giplint/config.py) are read through it, and every error either raises is a `ConfigError` naming
``file:line``. Configuration comes from the repository being checked, so reading it is bounded
(size, regular files only, no YAML aliases in user configuration).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from giplint.oserrors import reason as os_reason

_LINE = "__line__"


class ConfigError(Exception):
    """A rule file or user configuration is wrong. `message` is Chinese and names file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.message = f"配置错误：{where}：{message}"


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that records the line of every mapping under the key ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


MAX_CONFIG_BYTES = 2**20  # a configuration is a few hundred bytes; /dev/zero must not be read


def read_config_text(path: Path) -> str:
    """A configuration file's text: a regular file only, at most `MAX_CONFIG_BYTES`, UTF-8.

    Configuration comes from the repository being checked, so from people the user does not
    control: `extends: /dev/zero` or a FIFO must be a configuration error, not a hang or an OOM."""
    import stat

    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ConfigError(path, None, "这不是普通文件（文件夹、设备或管道），不能作为配置文件。")
        with path.open("rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            path, None, f"无法读取配置文件（{os_reason(exc)}）。请检查文件是否存在。"
        ) from exc
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, None, f"配置文件超过 {MAX_CONFIG_BYTES // 1024} KB，不像 giplint 的配置。")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, "配置文件不是 UTF-8 编码。请另存为 UTF-8 后重试。") from exc


def load_yaml(path: Path, aliases: bool = True) -> Any:
    """YAML with line numbers. `aliases=False` (user configuration) refuses anchors and aliases:
    a few hundred bytes of nested aliases expand to gigabytes (the "billion laughs")."""
    text = read_config_text(path)
    try:
        if not aliases:
            _refuse_aliases(path, text)
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ConfigError(
            path,
            line,
            "YAML 格式错误（常见原因：括号或引号没有配对、缩进不一致、冒号后缺空格）。请修正后重试。"
            f"解析器的原话：{getattr(exc, 'problem', exc)}",
        ) from exc
    except ValueError as exc:  # a well-formed but impossible date (2025-02-30) the loader builds
        raise ConfigError(
            path, None, f"YAML 中有无效的值（如不存在的日期）：{exc}。日期请写为 YYYY-MM-DD。"
        ) from exc


def _refuse_aliases(path: Path, text: str) -> None:
    """Scan the YAML events (linear in the text, nothing expanded) for an anchor or an alias."""
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise ConfigError(
                path,
                mark.line + 1 if mark else None,
                "配置文件中不允许使用 YAML 锚点和别名（& 与 *）。请直接写出内容。",
            )


def _line(mapping: Any) -> int | None:
    return mapping.get(_LINE) if isinstance(mapping, dict) else None


def _clean(value: Any) -> Any:
    """Drop the recorded line keys, recursively, before values reach a Params dataclass."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def key_line(path: Path, key: str) -> int | None:
    """The line of a top-level key, for errors about a value the loader gave no line to."""
    try:
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text.lstrip().startswith(f"{key}:") or text.lstrip().startswith(f"{key} ="):
                return number
    except OSError:
        return None
    return None
