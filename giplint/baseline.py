"""A baseline: today's findings recorded, so that an archive of published reports can adopt giplint.

Why: a province that puts giplint into CI over ten years of reports gets hundreds of findings on
reports that can no longer be changed, and so cannot turn the check on at all. With
`giplint --write-baseline giplint-baseline.json PATHS` those findings are recorded once; with
`--baseline giplint-baseline.json` (or `baseline:` in config) only findings not in it are
reported, the number held back is said, and entries that no longer occur are listed, so that the
file shrinks as reports are fixed.

A finding is recognised by its fingerprint, not its line: the rule, the file (relative to the
baseline's folder, with `/`), the section, the table cell it names (table, row, column) and its
message (which carries the labels and figures concerned). A paragraph inserted above an old
finding moves its line but not its fingerprint; a new error in the same file has its own. Equal
fingerprints in one file are counted, so a second identical finding is new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from giplint.diagnostics import Diagnostic
from giplint.lint import LintResult
from giplint.oserrors import reason

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # a baseline of a national archive is a few MB; more is not one


class BaselineError(Exception):
    """The baseline file cannot be used: one Chinese message naming it (exit 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    rule: str
    fingerprint: str
    message: str


@dataclass(slots=True)
class Outcome:
    """What applying a baseline did: results without the known findings, how many were held back,
    and the entries no longer found (among the files this run checked)."""

    results: list[LintResult]
    suppressed: int = 0
    stale: list[Entry] = field(default_factory=list)


def relative(path: str, root: Path) -> str:
    """A finding's file as the baseline names it: relative to the baseline's folder when inside
    it, with `/` on every platform, so the file is the same on Windows and in CI."""
    try:
        absolute = Path(path).resolve()
        return absolute.relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def fingerprint(diagnostic: Diagnostic) -> str:
    parts = [
        diagnostic.rule_id,
        diagnostic.section,
        getattr(diagnostic, "table", ""),
        getattr(diagnostic, "row", ""),
        getattr(diagnostic, "column", ""),
        diagnostic.message,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def entries(results: Iterable[LintResult], root: Path) -> list[Entry]:
    found = [
        Entry(relative(d.path, root), d.rule_id, fingerprint(d), d.message)
        for result in results
        for d in result.diagnostics
    ]
    return sorted(found, key=lambda e: (e.path, e.rule, e.fingerprint, e.message))


def write(path: Path, results: Sequence[LintResult]) -> int:
    """Record every finding of `results` in `path` (atomically; sorted, so the file is the same
    whatever the order of the files or the number of processes). Returns the number recorded."""
    recorded = entries(results, path.parent)
    data = {
        "tool": "giplint",
        "version": VERSION,
        "findings": [
            {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "message": e.message}
            for e in recorded
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BaselineError(
            f"{path}：无法写入基线文件（{reason(exc)}）。请检查文件夹和写入权限。"
        ) from exc
    return len(recorded)


def load(path: Path) -> list[Entry]:
    """The entries of a baseline file; a missing, oversized or malformed one is a BaselineError."""
    try:
        if not path.is_file():
            raise BaselineError(
                f"{path}：基线文件不存在。先运行 giplint --write-baseline {path} 路径 生成它。"
            )
        if path.stat().st_size > MAX_BYTES:
            raise BaselineError(f"{path}：基线文件超过 {MAX_BYTES // 1024 // 1024} MB，不像 giplint 的基线。")
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        if isinstance(exc, BaselineError):
            raise
        raise BaselineError(
            f"{path}：无法读取基线文件（{exc.__class__.__name__}）。请重新生成：giplint --write-baseline {path} 路径。"
        ) from exc
    if not (
        isinstance(data, dict) and data.get("tool") == "giplint" and isinstance(data.get("findings"), list)
    ):
        raise BaselineError(f"{path}：不是 giplint 的基线文件（缺少 tool: giplint 和 findings）。")
    if data.get("version") != VERSION:
        raise BaselineError(
            f"{path}：基线文件版本 {data.get('version')!r} 不受支持（应为 {VERSION}）。请重新生成。"
        )
    found: list[Entry] = []
    for item in data["findings"]:
        if not (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("path", "rule", "fingerprint"))
        ):
            raise BaselineError(
                f"{path}：基线文件中有一条记录格式不对（需要 path、rule、fingerprint）。请重新生成。"
            )
        found.append(Entry(item["path"], item["rule"], item["fingerprint"], str(item.get("message", ""))))
    return found


def apply(path: Path, recorded: Sequence[Entry], results: Sequence[LintResult]) -> Outcome:
    """`results` without the findings `recorded` holds. Stale entries are those of files this run
    checked that no longer occur: a file not checked this time says nothing about its entries."""
    root = path.parent
    remaining = Counter((e.path, e.fingerprint) for e in recorded)
    outcome = Outcome(results=[])
    checked: set[str] = set()
    for result in results:
        name = relative(result.path, root)
        checked.add(name)
        kept: list[Diagnostic] = []
        for diagnostic in result.diagnostics:
            key = (name, fingerprint(diagnostic))
            if remaining[key] > 0:
                remaining[key] -= 1
                outcome.suppressed += 1
            else:
                kept.append(diagnostic)
        outcome.results.append(
            replace(result, diagnostics=kept) if len(kept) != len(result.diagnostics) else result
        )
    left = Counter({key: count for key, count in remaining.items() if count > 0 and key[0] in checked})
    for entry in recorded:
        key = (entry.path, entry.fingerprint)
        if left[key] > 0:
            left[key] -= 1
            outcome.stale.append(entry)
    return outcome


def report(path: Path, results: Sequence[LintResult]) -> tuple[list[LintResult], list[str]]:
    """Apply the baseline at `path`: the results to show, and the lines for stderr (how many
    findings it held back, which of its entries no longer occur)."""
    outcome = apply(path, load(path), results)
    lines = []
    if outcome.suppressed:
        lines.append(f"基线 {path} 中已记录的 {outcome.suppressed} 个问题未显示。")
    if outcome.stale:
        lines.append(
            f"基线中有 {len(outcome.stale)} 条记录已不再出现（问题已改正）；"
            f"重新运行 giplint --write-baseline {path} … 可使基线缩小："
        )
        lines += [f"  {e.path}: {e.rule} {e.message}" for e in outcome.stale]
    return outcome.results, lines
