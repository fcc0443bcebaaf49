"""Reading a configuration or rule file: bounded, YAML with the line of every mapping.

Why a module of its own: both rule files (giplint/rulefile.py) and the user's configuration
(giplint/config.py) are read through it, and every error either raises is a `ConfigError` naming
``file:line``. Configuration comes from the repository being checked, so reading it is bounded
(size, regular files only, no YAML aliases in user configuration).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from giplint.oserrors import reason as os_reason

_LINE = "__line__"


class ConfigError(Exception):
    """A rule file or user configuration is wrong. `message` is Chinese and names file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.message = f"配置错误：{where}：{message}"


@cache
def _loaders() -> tuple[Any, Any]:
    """(the safe loader, the safe loader that records the line of every mapping under the key
    ``__line__``), made when the first YAML file is read: PyYAML is imported then, not by
    `find_config` (a run answered by the result cache reads no YAML)."""
    import yaml

    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

    class LineLoader(safe):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            mapping[_LINE] = node.start_mark.line + 1
            return mapping

    return safe, LineLoader


CONFIG_NAMES = (".giplint.yaml", "giplint.yaml")
_MSG_TOO_DEEP = "配置文件嵌套过深（括号或缩进层数过多），不是正常的配置。请修正后重试。"
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
    import yaml

    text = read_config_text(path)
    try:
        if not aliases:
            _refuse_aliases(path, text)
        return yaml.load(text, Loader=_loaders()[1])
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
    import yaml

    for event in yaml.parse(text, Loader=_loaders()[0]):
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


def find_config(start: Path) -> Path | None:
    """The nearest .giplint.yaml / giplint.yaml / pyproject.toml with [tool.giplint], walking up."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _pyproject_section(path: Path) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(read_config_text(path))
    except RecursionError as exc:  # 300,000 nested `[`
        raise ConfigError(path, None, _MSG_TOO_DEEP) from exc
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        raise ConfigError(
            path,
            int(at.group(1)) if at else None,
            "无法读取，或不是正确的 TOML（常见原因：字符串缺引号、列表缺右括号、同一个键写了两次）。"
            f"请修正后重试。解析器的原话：{exc}",
        ) from exc
    tool = data.get("tool", {})
    if not isinstance(tool, dict) or "giplint" not in tool:
        return None
    section = tool["giplint"]
    if not isinstance(section, dict):
        raise ConfigError(
            path,
            key_line(path, "giplint"),
            "[tool.giplint] 应为一个表（[tool.giplint] 下写 select = [...] 等）。",
        )
    return section
