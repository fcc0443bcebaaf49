"""Configuration per file: the nearest configuration above each file (or `--config`), its
`exclude`, and the rules in force, computed once per configuration (not per file).

Each `exclude` pattern is matched relative to the folder of the config file that declares it;
`per-file-ignores` and `published:` are the only per-file parts.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from giplint.config import Rule, UserConfig, apply_config, find_config, load_user_config, without
from giplint.engine.discover import Target

if TYPE_CHECKING:
    from giplint.plugins import Registry

# Rule lists kept for files with per-file settings: one per distinct combination, but never more
# than this many (a list of ~40 rules is ~20 KiB; beyond, a file's list is computed again).
KEEP_RULE_LISTS = 1024


@cache
def registry() -> Registry:
    """Check kinds, rules and readers of every plugin: built once per process (workers forked
    after it is built inherit it)."""
    from giplint.plugins import load_registry

    return load_registry()


class Resolver:
    """The configuration and the rules in force for each file (cached: most files share one)."""

    def __init__(
        self,
        config: Path | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        published: str = "",
    ) -> None:
        self.registry = registry()
        self.published = published  # --published: every file's publication date
        self.explicit = load_user_config(config) if config else None
        self.select = list(select)
        self.ignore = list(ignore)
        self._configs: dict[Path | None, UserConfig] = {}
        self._found: dict[Path, Path | None] = {}  # folder -> its nearest config file
        self._shared: dict[Path | None, list[Rule[Any]]] = {}  # config -> rules before per-file settings
        # (config, per-file-ignores selectors, published date) -> the rules of the files that share them
        self._rules: dict[tuple[Path | None, tuple[str, ...], str], list[Rule[Any]]] = {}

    def config_files(self) -> list[Path]:
        """Every configuration file read so far (each config's extends chain, --config's too)."""
        return [file for config in self._configs.values() for file in (*config.chain, config.path) if file]

    def baseline(self) -> Path | None:
        """The `baseline:` of the configuration in force for the current folder (or --config)."""
        config = self.explicit
        if config is None:
            found = find_config(Path.cwd())
            config = load_user_config(found) if found else None
        return config.baseline if config is not None else None

    def config_for(self, target: Target) -> UserConfig:
        if self.explicit is not None:
            return self.explicit
        start = target.path if target.path is not None else Path.cwd() / target.name
        try:
            folder = start.parent if start.exists() else Path.cwd()
        except OSError:  # a parent that may not be entered: that input is a failure already
            folder = Path.cwd()
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        found = self._found[folder]
        if found not in self._configs:
            self._configs[found] = load_user_config(found) if found else UserConfig()
        return self._configs[found]

    def excluded(self, target: Target, resolved: Path | None = None) -> bool:
        """Whether the configuration in force for this file excludes it. Each pattern is matched
        against the file's path relative to the folder of the config file that declares it, so a
        config in a sub-folder excludes wherever giplint is run from."""
        if target.path is None:
            return False
        config = self.config_for(target)
        if not config.exclude:
            return False
        resolved = resolved if resolved is not None else target.path.resolve()
        return any(_matches_under(target.path, resolved, pattern, base) for pattern, base in config.exclude)

    def rules_for(self, target: Target) -> list[Rule[Any]]:
        """The rules in force for one file. Computed once per configuration, then once per
        distinct per-file setting (the `per-file-ignores` selectors that match the file, its
        `published:` date): a province's thousands of files, and thousands of per-file globs
        compiled once (config.py `FileGlobs`), cost one computation each, not one per file."""
        config = self.config_for(target)
        file = target.path if target.path is not None else Path(target.name)
        ignored = config.ignored_for(file)
        configured = "" if self.published else config.published_for(file)
        key = (config.path, ignored, configured)
        rules = self._rules.get(key)
        if rules is None:
            shared = self._shared.get(config.path)
            if shared is None:
                shared = apply_config(
                    self.registry.rules, config, self.registry.kinds, None, self.select, self.ignore
                )
                self._shared[config.path] = shared
            rules = _with_published(without(shared, ignored), self.published, configured)
            if len(self._rules) < KEEP_RULE_LISTS:
                self._rules[key] = rules
        return rules


def _with_published(rules: list[Rule[Any]], option: str, configured: str) -> list[Rule[Any]]:
    """The publication date from --published (first) or the configuration's `published:` given
    to the rules whose params take one (the deadline rules), with where it came from."""
    import dataclasses

    when, source = (option, "option") if option else (configured, "config") if configured else ("", "")
    if not when:
        return rules
    return [
        dataclasses.replace(
            rule, params=dataclasses.replace(rule.params, published=when, published_source=source)
        )
        if hasattr(rule.params, "published_source") and not isinstance(rule.params, type)
        else rule
        for rule in rules
    ]


@cache
def _resolved_base(base: Path) -> Path:
    return base.resolve()


def _matches_under(path: Path, resolved: Path, pattern: str, base: Path) -> bool:
    try:
        relative = resolved.relative_to(_resolved_base(base))
    except ValueError:  # a --config kept elsewhere (ci/giplint.yaml): the path as given, as before
        relative = path
    return (
        fnmatch.fnmatch(relative.as_posix(), pattern)
        or fnmatch.fnmatch(path.name, pattern)
        or any(fnmatch.fnmatch(part, pattern) for part in relative.parts[:-1])
    )
