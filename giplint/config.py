"""From YAML to rules: giplint's rules/*.yaml, plugin rule files, then the user's configuration.

Validation happens once, at load time, and every error names ``file:line``. YAML is loaded with
a SafeLoader subclass that keeps each mapping's line. Checks never see raw dicts: a rule's
``params`` are an instance of its check kind's ``Params`` dataclass.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

# Rule and CheckKind live in giplint.contract (the check author's contract); re-exported here so
# that plugins written against `from giplint.config import Rule` keep working.
from giplint.contract import CheckKind as CheckKind  # noqa: PLC0414
from giplint.contract import Rule as Rule  # noqa: PLC0414
from giplint.diagnostics import Severity

CONFIG_NAMES = (".giplint.yaml", "giplint.yaml")
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
            path, None, f"无法读取配置文件（{exc.strerror or exc.__class__.__name__}）。请检查文件是否存在。"
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
        raise ConfigError(path, None, f"YAML 中有无效的值（如不存在的日期）：{exc}。日期请写为 YYYY-MM-DD。") from exc


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


# -- rule files ----------------------------------------------------------------------------------

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


# -- user configuration --------------------------------------------------------------------------

_CONFIG_KEYS = {
    "extends",
    "select",
    "ignore",
    "per-file-ignores",
    "rules",
    "exclude",
    "reports",
    "baseline",
    "published",
}


@dataclass(frozen=True)
class ReportSetting:
    """A ``reports:`` entry: the organ and/or year of the files matching `paths`, for files where
    giplint cannot read them (no title, a title naming the wrong body). Used to pair reports
    across years (giplint/engine/pairing.py)."""

    paths: tuple[str, ...]  # globs, relative to the configuration file's folder (or file names)
    organ: str | None
    year: int | None
    base: Path  # the folder of the configuration file that says it

    def matches(self, file: Path) -> bool:
        relative = _relative(file, self.base)
        return any(fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(file.name, glob) for glob in self.paths)


def _report_settings(path: Path, data: dict[str, Any]) -> tuple[ReportSetting, ...]:
    entries = data.get("reports") or []
    if not isinstance(entries, list):
        raise ConfigError(
            path, _key_line(path, "reports"), 'reports 应为列表：- {paths: "glob", organ: 机关, year: 年度}。'
        )
    settings = []
    for entry in entries:
        line = _line(entry) or _key_line(path, "reports")
        if not isinstance(entry, dict) or not entry.get("paths") or not ({"organ", "year"} & set(entry)):
            raise ConfigError(
                path,
                line,
                'reports 的每项应写明 paths 和 organ 或 year，如 {paths: "pingtan/*", organ: 平潭综合实验区}。',
            )
        unknown = set(entry) - {"paths", "organ", "year", _LINE}
        if unknown:
            raise ConfigError(
                path,
                line,
                f"reports 中未知的字段：{', '.join(sorted(unknown))}（可用：paths、organ、year）。",
            )
        year = entry.get("year")
        if year is not None and (not isinstance(year, int) or not 1990 <= year <= 2100):
            raise ConfigError(path, line, f"reports 中的 year 应为四位年份，而不是 {year}。")
        paths = entry["paths"] if isinstance(entry["paths"], list) else [entry["paths"]]
        organ = entry.get("organ")
        settings.append(
            ReportSetting(tuple(str(p) for p in paths), str(organ) if organ else None, year, path.parent)
        )
    return tuple(settings)


@dataclass(frozen=True)
class UserConfig:
    """The user's settings from one configuration file (after `extends`)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    overrides: tuple[tuple[str, Any, int | None], ...] = ()  # (rule id or name, setting, line)
    # (glob, folder of the config file that declares it): matched relative to that folder
    exclude: tuple[tuple[str, Path], ...] = ()
    per_file_lines: tuple[tuple[Path, int | None], ...] = ()  # where each per-file-ignores entry is
    chain: tuple[Path, ...] = field(default=())
    reports: tuple[ReportSetting, ...] = ()
    baseline: Path | None = None  # `baseline:`, relative to the config file that names it
    # `published:` glob -> publication date (ISO) of the files matching it, (glob, date, folder)
    published: tuple[tuple[str, str, Path], ...] = ()

    def published_for(self, file: Path) -> str:
        """The configured publication date of a file (ISO), or ""; a later entry wins."""
        found = ""
        for glob, when, base in self.published:
            relative = _relative(file, base)
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(file.name, glob):
                found = when
        return found

    def report_setting(self, file: Path) -> tuple[str | None, int | None]:
        """The configured (organ, year) of a file; a later entry wins over an earlier one."""
        organ: str | None = None
        year: int | None = None
        for setting in self.reports:
            if setting.matches(file):
                organ = setting.organ or organ
                year = setting.year or year
        return organ, year


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
            _key_line(path, "giplint"),
            "[tool.giplint] 应为一个表（[tool.giplint] 下写 select = [...] 等）。",
        )
    return section


# A province's config extending a city's extending the national one is three deep; a chain of
# 1,500 files ran out of Python's stack ("内部错误") instead of being a configuration error.
MAX_EXTENDS_DEPTH = 32
_MSG_TOO_DEEP = "配置文件嵌套过深（括号或缩进层数过多），不是正常的配置。请修正后重试。"


def load_user_config(path: Path, _seen: tuple[Path, ...] = ()) -> UserConfig:
    if path in _seen:
        raise ConfigError(path, None, "extends 形成了循环引用。")
    if len(_seen) >= MAX_EXTENDS_DEPTH:
        raise ConfigError(
            path, None, f"extends 嵌套超过 {MAX_EXTENDS_DEPTH} 层（从 {_seen[0]} 开始）。请减少层数后重试。"
        )
    try:
        data = _pyproject_section(path) if path.name == "pyproject.toml" else load_yaml(path, aliases=False)
    except RecursionError as exc:  # 300,000 nested `[` in TOML or YAML
        raise ConfigError(path, None, _MSG_TOO_DEEP) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, None, "配置文件应为一个映射（extends、select、ignore、rules …）。")
    unknown = set(data) - _CONFIG_KEYS - {_LINE}
    if unknown:
        key = min(unknown)
        close = difflib.get_close_matches(key, list(_CONFIG_KEYS), n=1)
        hint = f"您是否想写 {close[0]}？" if close else f"可用的字段：{', '.join(sorted(_CONFIG_KEYS))}。"
        raise ConfigError(path, _key_line(path, key), f"未知的配置字段 {key}。{hint}")
    base = UserConfig()
    extends = data.get("extends")
    if extends is not None and not isinstance(extends, str):
        raise ConfigError(path, _key_line(path, "extends"), "extends 应为另一个配置文件的路径或 default。")
    if extends and extends != "default":
        base = load_user_config((path.parent / str(extends)).resolve(), (*_seen, path))
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(path, _line(data), "rules 应为映射：规则编号或名称 → disable / {severity: …}。")
    overrides = tuple((str(k), _clean(v), _line(v) or _line(rules)) for k, v in rules.items() if k != _LINE)
    per_file = _per_file_ignores(path, data)
    return UserConfig(
        path=path,
        select=base.select + tuple(_strings(path, data, "select")),
        ignore=base.ignore + tuple(_strings(path, data, "ignore")),
        per_file_ignores=base.per_file_ignores + tuple(per_file),
        overrides=base.overrides + overrides,
        exclude=base.exclude + tuple((glob, path.parent) for glob in _strings(path, data, "exclude")),
        per_file_lines=base.per_file_lines + ((path, _line(data.get("per-file-ignores"))),) * len(per_file),
        chain=(*base.chain, path),
        reports=base.reports + _report_settings(path, data),
        baseline=_baseline(path, data) or base.baseline,
        published=base.published + _published(path, data),
    )


def _published(path: Path, data: dict[str, Any]) -> tuple[tuple[str, str, Path], ...]:
    """`published:` a mapping of file glob → publication date (YYYY-MM-DD), for the deadline
    rule when the file itself does not say when it was published."""
    import datetime

    value = data.get("published") or {}
    line = _line(value) or _key_line(path, "published")
    if not isinstance(value, dict):
        raise ConfigError(path, line, 'published 应为映射：文件 glob → 发布日期，如 "2024/*.pdf": 2025-01-20。')
    entries = []
    for glob, when in value.items():
        if glob == _LINE:
            continue
        text = when.isoformat() if isinstance(when, datetime.date) else str(when)
        if parse_date(text) is None:
            raise ConfigError(path, line, f"published 中 {glob} 的发布日期应写为 YYYY-MM-DD，而不是 {when!r}。")
        entries.append((str(glob), text, path.parent))
    return tuple(entries)


def parse_date(text: str) -> str | None:
    """An ISO date YYYY-MM-DD as given on the command line or in the configuration, or None."""
    import datetime

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def _baseline(path: Path, data: dict[str, Any]) -> Path | None:
    """`baseline: giplint-baseline.json`: the findings recorded for an archive (giplint/baseline.py)."""
    value = data.get("baseline")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, _key_line(path, "baseline"), "baseline 应为基线文件的路径，如 giplint-baseline.json。")
    return path.parent / value


def _per_file_ignores(path: Path, data: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """`per-file-ignores`: a mapping of glob → rule ids (a list, or one id)."""
    value = data.get("per-file-ignores") or {}
    line = _line(value) or _key_line(path, "per-file-ignores")
    if not isinstance(value, dict):
        raise ConfigError(
            path, line, 'per-file-ignores 应为映射：文件 glob → 规则列表，如 "archive/*.txt": [GIP201]。'
        )
    entries = []
    for glob, ids in value.items():
        if glob == _LINE:
            continue
        listed = [ids] if isinstance(ids, str) else ids
        if not isinstance(listed, list) or not listed or not all(isinstance(i, str) for i in listed):
            raise ConfigError(path, line, f"per-file-ignores 中 {glob} 的值应为规则列表，如 [GIP201]。")
        entries.append((str(glob), tuple(listed)))
    return entries


def _key_line(path: Path, key: str) -> int | None:
    try:
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text.lstrip().startswith(f"{key}:") or text.lstrip().startswith(f"{key} ="):
                return number
    except OSError:
        return None
    return None


def _strings(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(path, _key_line(path, key), f"{key} 应为列表。")
    return [str(v) for v in value]


def matches(rule: Rule[Any], selectors: Iterable[str]) -> bool:
    """A rule matches a selector by id, name, id prefix (GIP3) or ALL."""
    return any(s in (rule.id, rule.name, "ALL") or (s.isupper() and rule.id.startswith(s)) for s in selectors)


def apply_config(
    rules: Sequence[Rule[Any]],
    config: UserConfig,
    kinds: Mapping[str, CheckKind[Any]],
    file: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Rule[Any]]:
    """The rules in force for one file: the config's overrides, then select/ignore (config, CLI)."""
    by_key = {r.id: r for r in rules} | {r.name: r for r in rules}
    updated = {r.id: r for r in rules}
    for key, setting, line in config.overrides:
        rule = by_key.get(key)
        if rule is None:
            close = difflib.get_close_matches(key, list(by_key), n=1)
            hint = f"您是否想写 {close[0]}？" if close else "用 giplint rules 查看全部规则。"
            raise ConfigError(config.path or "配置", line, f"未知的规则 {key}。{hint}")
        updated[rule.id] = _override(config.path, line, updated[rule.id], setting, kinds)
    result = list(updated.values())
    for selectors, keep in ((config.select, True), (config.ignore, False), (select, True), (ignore, False)):
        _check_selectors(config.path, selectors, rules)
        if selectors:
            result = [replace(r, enabled=r.enabled and (matches(r, selectors) == keep)) for r in result]
    for (_glob, ids), (where, line) in zip(config.per_file_ignores, config.per_file_lines, strict=False):
        _check_selectors(where, ids, rules, line)
    if file is not None and config.per_file_ignores and config.path is not None:
        relative = _relative(file, config.path.parent)
        for glob, ids in config.per_file_ignores:
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(file.name, glob):
                result = [replace(r, enabled=r.enabled and not matches(r, ids)) for r in result]
    return result


def _check_selectors(
    path: Path | None, selectors: Sequence[str], rules: Sequence[Rule[Any]], line: int | None = None
) -> None:
    for selector in selectors:
        if not any(matches(r, [selector]) for r in rules):
            raise ConfigError(
                path or "命令行", line, f"未知的规则 {selector}。用 giplint rules 查看全部规则。"
            )


def _relative(file: Path, base: Path) -> str:
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _override(
    path: Path | None, line: int | None, rule: Rule[Any], setting: Any, kinds: Mapping[str, CheckKind[Any]]
) -> Rule[Any]:
    where = path or "配置"
    if setting in ("disable", False, "off"):
        return replace(rule, enabled=False)
    if setting in ("enable", True, "on"):
        return replace(rule, enabled=True)
    if not isinstance(setting, dict):
        raise ConfigError(where, line, f"规则 {rule.id} 的设置应为 disable、enable 或映射。")
    changes: dict[str, Any] = {}
    params = dict(setting)
    if "severity" in params:
        changes["severity"] = _severity(Path(str(where)), line, params.pop("severity"))
        changes["severity_before"] = None
    if "enabled" in params:
        changes["enabled"] = _bool(where, line, "enabled", params.pop("enabled"))
    if params:
        current = (
            dataclasses.asdict(rule.params)
            if dataclasses.is_dataclass(rule.params) and not isinstance(rule.params, type)
            else {}
        )
        changes["params"] = _params(Path(str(where)), line, kinds[rule.check], {**current, **params})
    return replace(rule, **changes)
