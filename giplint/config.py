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

from giplint.checks import CheckKind
from giplint.diagnostics import Diagnostic, Severity
from giplint.model import Report, Span

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
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            path, None, f"无法读取配置文件（{exc.__class__.__name__}）。请检查文件是否存在且为 UTF-8 编码。"
        ) from exc
    try:
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


def _line(mapping: Any) -> int | None:
    return mapping.get(_LINE) if isinstance(mapping, dict) else None


def _clean(value: Any) -> Any:
    """Drop the recorded line keys, recursively, before values reach a Params dataclass."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True)
class Rule:
    """One YAML rule entry, validated and frozen."""

    id: str
    name: str
    check: str
    severity: Severity
    message: str
    explain: str
    params: Any
    hint: str = ""
    since: int | None = None  # first report year the rule applies to (unknown years: applies)
    until: int | None = None
    severity_before: tuple[int, Severity] | None = None  # (year, severity) for earlier years
    enabled: bool = True
    source: str = ""
    plugin: str = "giplint"

    def applies_to(self, report: Report) -> bool:
        year = report.year
        if year is None:
            return True
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)

    def severity_for(self, report: Report) -> Severity:
        if self.severity_before and report.year is not None and report.year < self.severity_before[0]:
            return self.severity_before[1]
        return self.severity

    def diagnostic(self, report: Report, span: Span, *, section: str = "", **fields: Any) -> Diagnostic:
        """The one way to build a Diagnostic: the rule's Chinese templates filled with `fields`."""
        message = self.message.format_map(_Fields(fields))
        hint = self.hint.format_map(_Fields(fields)) if self.hint else ""
        location, page = _location_at(report, span) if report.document.origins else ("", 0)
        return Diagnostic(
            report.path,
            span,
            self.id,
            self.name,
            self.severity_for(report),
            message,
            section,
            location,
            hint,
            page,
        )


def _location_at(report: Report, span: Span) -> tuple[str, int]:
    """A Word or PDF location for a span, and its PDF page: the last origin on the span's line
    that starts at or before it (a PDF paragraph is one line made of runs from several lines)."""
    found: tuple[str, int] = ("", 0)
    for origin in report.document.origins:
        if origin.line == span.line and origin.location and (origin.column <= span.column or not found[0]):
            found = (origin.location, origin.page)
        elif origin.line > span.line:
            break
    return found


class _Fields(dict):  # type: ignore[type-arg]
    """Leaves an unknown {field} visible instead of raising: a typo in a message must not crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


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


def load_rule_file(path: Path, kinds: Mapping[str, CheckKind], plugin: str = "giplint") -> list[Rule]:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise ConfigError(path, None, "规则文件应为规则列表（每项以 - id: 开头）。")
    return [_rule(path, entry, kinds, plugin) for entry in data]


def _rule(path: Path, entry: Any, kinds: Mapping[str, CheckKind], plugin: str) -> Rule:
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
        enabled=bool(entry.get("enabled", True)),
        source=f"{path}:{line}",
        plugin=plugin,
    )


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


def _params(path: Path, line: int | None, kind: CheckKind, values: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(kind.params)}
    unknown = set(values) - names
    if unknown:
        raise ConfigError(
            path,
            line,
            f"检查类型 {kind.name} 不接受参数：{', '.join(sorted(unknown))}（可用：{', '.join(sorted(names))}）。",
        )
    try:
        return kind.make_params(values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(path, line, f"检查类型 {kind.name} 的参数有误：{exc}") from exc


# -- user configuration --------------------------------------------------------------------------

_CONFIG_KEYS = {"extends", "select", "ignore", "per-file-ignores", "rules", "exclude", "reports"}


@dataclass(frozen=True)
class ReportSetting:
    """A ``reports:`` entry: the organ and/or year of the files matching `paths`, for files where
    giplint cannot read them (no title, a title naming the wrong body). Used to pair reports
    across years (giplint/pairing.py)."""

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
    exclude: tuple[str, ...] = ()
    chain: tuple[Path, ...] = field(default=())
    reports: tuple[ReportSetting, ...] = ()

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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        at = re.search(r"at line (\d+)", str(exc))
        raise ConfigError(
            path,
            int(at.group(1)) if at else None,
            "无法读取，或不是正确的 TOML（常见原因：字符串缺引号、列表缺右括号、同一个键写了两次）。"
            f"请修正后重试。解析器的原话：{exc}",
        ) from exc
    section = data.get("tool", {}).get("giplint")
    return section if isinstance(section, dict) else None


def load_user_config(path: Path, _seen: tuple[Path, ...] = ()) -> UserConfig:
    if path in _seen:
        raise ConfigError(path, None, "extends 形成了循环引用。")
    data = _pyproject_section(path) if path.name == "pyproject.toml" else load_yaml(path)
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
    if extends and extends != "default":
        base = load_user_config((path.parent / str(extends)).resolve(), (*_seen, path))
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(path, _line(data), "rules 应为映射：规则编号或名称 → disable / {severity: …}。")
    overrides = tuple((str(k), _clean(v), _line(v) or _line(rules)) for k, v in rules.items() if k != _LINE)
    per_file = data.get("per-file-ignores") or {}
    return UserConfig(
        path=path,
        select=base.select + tuple(_strings(path, data, "select")),
        ignore=base.ignore + tuple(_strings(path, data, "ignore")),
        per_file_ignores=base.per_file_ignores
        + tuple(
            (str(glob), tuple(ids if isinstance(ids, list) else [ids]))
            for glob, ids in per_file.items()
            if glob != _LINE
        ),
        overrides=base.overrides + overrides,
        exclude=base.exclude + tuple(_strings(path, data, "exclude")),
        chain=(*base.chain, path),
        reports=base.reports + _report_settings(path, data),
    )


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


def matches(rule: Rule, selectors: Iterable[str]) -> bool:
    """A rule matches a selector by id, name, id prefix (GIP3) or ALL."""
    return any(s in (rule.id, rule.name, "ALL") or (s.isupper() and rule.id.startswith(s)) for s in selectors)


def apply_config(
    rules: Sequence[Rule],
    config: UserConfig,
    kinds: Mapping[str, CheckKind],
    file: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Rule]:
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
    if file is not None and config.per_file_ignores and config.path is not None:
        relative = _relative(file, config.path.parent)
        for glob, ids in config.per_file_ignores:
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(file.name, glob):
                result = [replace(r, enabled=r.enabled and not matches(r, ids)) for r in result]
    return result


def _check_selectors(path: Path | None, selectors: Sequence[str], rules: Sequence[Rule]) -> None:
    for selector in selectors:
        if not any(matches(r, [selector]) for r in rules):
            raise ConfigError(
                path or "命令行", None, f"未知的规则 {selector}。用 giplint rules 查看全部规则。"
            )


def _relative(file: Path, base: Path) -> str:
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _override(
    path: Path | None, line: int | None, rule: Rule, setting: Any, kinds: Mapping[str, CheckKind]
) -> Rule:
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
        changes["enabled"] = bool(params.pop("enabled"))
    if params:
        current = dataclasses.asdict(rule.params) if dataclasses.is_dataclass(rule.params) else {}
        changes["params"] = _params(Path(str(where)), line, kinds[rule.check], {**current, **params})
    return replace(rule, **changes)
