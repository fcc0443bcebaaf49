"""From YAML to rules: giplint's rules/*.yaml, plugin rule files, then the user's configuration.

Validation happens once, at load time, and every error names ``file:line``. Checks never see raw
dicts: a rule's ``params`` are an instance of its check kind's ``Params`` dataclass. This module
holds the user's configuration (``.giplint.yaml``, ``[tool.giplint]``, ``extends``) and the rules
in force for a file (`apply_config`); reading a file is giplint/configfile.py, a rule file's
entries and their params giplint/rulefile.py (both re-exported here: their names were this
module's).
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from giplint.configfile import (
    _LINE,
    _MSG_TOO_DEEP,
    CONFIG_NAMES,
    MAX_CONFIG_BYTES,
    ConfigError,
    _clean,
    _line,
    _pyproject_section,
    find_config,
    load_yaml,
    read_config_text,
)
from giplint.configfile import key_line as _key_line

# Rule and CheckKind live in giplint.contract (the check author's contract); re-exported here so
# that plugins written against `from giplint.config import Rule` keep working.
from giplint.contract import CheckKind as CheckKind  # noqa: PLC0414
from giplint.contract import Rule as Rule  # noqa: PLC0414
from giplint.globs import GlobIndex
from giplint.rulefile import _bool, _describe, _is_instance, _params, _severity, _type_hints, load_rule_file

__all__ = [
    "CONFIG_NAMES",
    "MAX_CONFIG_BYTES",
    "MAX_EXTENDS_DEPTH",
    "CheckKind",
    "ConfigError",
    "ReportSetting",
    "Rule",
    "UserConfig",
    "_describe",
    "_is_instance",
    "_type_hints",
    "apply_config",
    "find_config",
    "load_rule_file",
    "load_user_config",
    "load_yaml",
    "matches",
    "parse_date",
    "read_config_text",
]


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
        if not self.published:
            return ""
        found = self._published_globs.matching(file)
        return self.published[found[-1]][1] if found else ""

    def ignored_for(self, file: Path) -> tuple[str, ...]:
        """The rule selectors `per-file-ignores` turn off for a file: those of every entry whose
        glob matches the file's path relative to the configuration's folder, or its name."""
        if not self.per_file_ignores or self.path is None:
            return ()
        found = self._ignore_globs.matching(file)
        return tuple(sorted({s for index in found for s in self.per_file_ignores[index][1]}))

    @cached_property
    def _ignore_globs(self) -> FileGlobs:
        base = self.path.parent if self.path is not None else Path()
        return FileGlobs([(glob, base) for glob, _ in self.per_file_ignores])

    @cached_property
    def _published_globs(self) -> FileGlobs:
        return FileGlobs([(glob, base) for glob, _, base in self.published])

    def report_setting(self, file: Path) -> tuple[str | None, int | None]:
        """The configured (organ, year) of a file; a later entry wins over an earlier one."""
        organ: str | None = None
        year: int | None = None
        for setting in self.reports:
            if setting.matches(file):
                organ = setting.organ or organ
                year = setting.year or year
        return organ, year


# A province's config extending a city's extending the national one is three deep; a chain of
# 1,500 files ran out of Python's stack ("内部错误") instead of being a configuration error.
MAX_EXTENDS_DEPTH = 32


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
        raise ConfigError(
            path, line, 'published 应为映射：文件 glob → 发布日期，如 "2024/*.pdf": 2025-01-20。'
        )
    entries = []
    for glob, when in value.items():
        if glob == _LINE:
            continue
        text = when.isoformat() if isinstance(when, datetime.date) else str(when)
        if parse_date(text) is None:
            raise ConfigError(
                path, line, f"published 中 {glob} 的发布日期应写为 YYYY-MM-DD，而不是 {when!r}。"
            )
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
        raise ConfigError(
            path, _key_line(path, "baseline"), "baseline 应为基线文件的路径，如 giplint-baseline.json。"
        )
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
    """The rules in force for one file: the config's overrides, then select/ignore (config, CLI),
    then the file's `per-file-ignores` (none when `file` is None: the rules every file shares)."""
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
    known = _Selectors(rules)
    for selectors, keep in ((config.select, True), (config.ignore, False), (select, True), (ignore, False)):
        known.check(config.path, selectors)
        if selectors:
            result = [replace(r, enabled=r.enabled and (matches(r, selectors) == keep)) for r in result]
    for (_glob, ids), (where, line) in zip(config.per_file_ignores, config.per_file_lines, strict=False):
        known.check(where, ids, line)
    return without(result, config.ignored_for(file)) if file is not None else result


def without(rules: list[Rule[Any]], selectors: Sequence[str]) -> list[Rule[Any]]:
    """The rules with those the selectors match turned off (a file's `per-file-ignores`)."""
    if not selectors:
        return rules
    return [replace(r, enabled=False) if r.enabled and matches(r, selectors) else r for r in rules]


class _Selectors:
    """Every selector a rule list answers to, known at once: 29,000 `per-file-ignores` entries are
    checked against it in a set lookup each (an id prefix such as GIP3 is still tried per rule)."""

    def __init__(self, rules: Sequence[Rule[Any]]) -> None:
        self.rules = rules
        self.exact = {"ALL"} | {r.id for r in rules} | {r.name for r in rules}

    def check(self, path: Path | None, selectors: Sequence[str], line: int | None = None) -> None:
        for selector in selectors:
            if selector not in self.exact and not any(matches(r, [selector]) for r in self.rules):
                raise ConfigError(
                    path or "命令行", line, f"未知的规则 {selector}。用 giplint rules 查看全部规则。"
                )


class FileGlobs:
    """(glob, folder) entries compiled once (giplint/globs.py): which entries match a file, by its
    path relative to the entry's folder or by its name — as ``fnmatch.fnmatch(relative, glob) or
    fnmatch.fnmatch(file.name, glob)`` per entry did, in time that does not grow with the entries."""

    def __init__(self, entries: Sequence[tuple[str, Path]]) -> None:
        by_base: dict[Path, list[int]] = {}
        for index, (_, base) in enumerate(entries):
            by_base.setdefault(base, []).append(index)
        self._groups = [
            (base, GlobIndex([entries[i][0] for i in indices]), indices) for base, indices in by_base.items()
        ]

    def matching(self, file: Path) -> list[int]:
        """Indices of the entries that match, ascending."""
        found: set[int] = set()
        for base, index, indices in self._groups:
            for hit in (*index.matching(_relative(file, base)), *index.matching(file.name)):
                found.add(indices[hit])
        return sorted(found)


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
