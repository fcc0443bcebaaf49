"""Splitting a run over machines: `--shard K/N` and `giplint merge`.

Why: a province's CI over its whole archive, or a research group over a national year of
~150,000 reports, splits the work the way CI users already do, over a matrix of N jobs. Each job
runs `giplint --shard K/N --format json PATHS > shard-K.json`; `giplint merge shard-*.json`
gives the output one run would have given.

Shards are chosen by path alone, before anything is read (planning 150,000 paths must take
seconds, not a read of every file): a stable hash of a file's *series key*, so the same file is
in the same shard on every machine and in every run, and a file added to the archive moves no
other. The series key keeps one organ's years together, so that last year's report is in the
same shard and the cross-year rules still run: files in one folder whose names differ only in
their digits (`平潭县2023年报.txt`, `平潭县2024年报.txt`; `004_pingtan_2021.txt`,
`006_pingtan_2023.txt`) share a key, and so do files in one folder named by their year alone
(`2023.txt`, `2024.docx`). A file named by a number that is no year (`12345.html`, a crawler's
id) is a series of its own: such names say nothing of the organ, and one shard holding a whole
crawled folder would undo the split. Pairs that the name cannot show are then not cross-checked
across shards (docs/ci.md says so).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from giplint.diagnostics import Diagnostic, Failure, Severity
from giplint.lint import LintResult
from giplint.span import Span


class ShardError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_SHARD = re.compile(r"(\d+)/(\d+)")
_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[\s_\-.·—()（）\[\]【】]+")
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d(?:年|年度)?(?:报告|年报)?")
_WORD = re.compile(r"[^\W\d_]")  # a letter or Han character
# Words every report's name may carry: they say nothing of the organ (`2024年报`, `2024年度报告`).
_REPORT_WORDS = re.compile(r"政府信息公开(?:工作)?年度报告|政务公开年度报告|年度报告|年报|年度|年")


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` with 1 ≤ K ≤ N: the K-th of N shards."""
    match = _SHARD.fullmatch(text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]) <= 10_000:
        raise ShardError(f"用法错误：--shard {text} 应写成 K/N，如 1/4（第 1 份，共 4 份；1 ≤ K ≤ N）。")
    return int(match[1]), int(match[2])


def series_key(path: str) -> str:
    """What the files of one organ's series share: their folder and their name less its digits
    (see the module docstring)."""
    folder, _, name = path.replace("\\", "/").rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    rest = _SEPARATORS.sub("", _REPORT_WORDS.sub("", _DIGITS.sub("", stem)))
    if _WORD.search(rest):
        return f"{folder}/{rest}"
    if _YEAR_ONLY.fullmatch(_SEPARATORS.sub("", stem)):
        return f"{folder}/"
    return path


def shard_of(path: str, count: int) -> int:
    """The shard (1…count) a file belongs to: a stable hash of its series key."""
    digest = hashlib.blake2b(series_key(path).encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count + 1


def in_shard(path: str, shard: tuple[int, int]) -> bool:
    return shard_of(path, shard[1]) == shard[0]


# -- merge ---------------------------------------------------------------------------------------

# JSON key -> Diagnostic field, for the fields `Diagnostic.to_dict` writes under another name or
# as is (`column` in JSON is the span's column; the cell's column is `column_label`).
_JSON_FIELDS = {
    "section": "section",
    "location": "location",
    "hint": "hint",
    "page": "page",
    "table": "table",
    "row_label": "row",
    "column_label": "column",
}


def diagnostic_from_dict(path: str, data: dict[str, Any]) -> Diagnostic:
    """The inverse of `Diagnostic.to_dict` (the JSON format): every field the JSON carries."""
    extra = {field: data[key] for key, field in _JSON_FIELDS.items() if key in data}
    return Diagnostic(
        path=path,
        span=Span(int(data["line"]), int(data["column"]), int(data["end_line"]), int(data["end_column"])),
        rule_id=str(data["rule"]),
        rule_name=str(data["name"]),
        severity=Severity.parse(str(data["severity"])),
        message=str(data["message"]),
        **extra,
    )


def result_from_dict(data: dict[str, Any]) -> LintResult:
    path = str(data["path"])
    return LintResult(
        path,
        [diagnostic_from_dict(path, item) for item in data["diagnostics"]],
        [Failure(path, str(message)) for message in data.get("errors", [])],
        data.get("encoding"),
        data.get("format"),
        data.get("layout"),
        data.get("year"),
    )


def load_shards(paths: Sequence[Path]) -> list[LintResult]:
    """The results of every shard output (giplint --format json), in one run's order: by path,
    as a run over one folder lists them. A file in two shards is a mistake in the matrix."""
    results: dict[str, LintResult] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, list):
                raise TypeError("not a list")
            loaded = [result_from_dict(item) for item in data]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as exc:
            raise ShardError(
                f"{path}：不是 giplint --format json 的输出（{exc.__class__.__name__}），无法合并。"
                "请用 giplint --shard K/N --format json … > 文件 生成各份结果。"
            ) from exc
        for result in loaded:
            if result.path in results:
                raise ShardError(
                    f"{path}：{result.path} 在两份结果中都出现了。请检查各份的 --shard 是否为 1/N … N/N。"
                )
            results[result.path] = result
    return [results[name] for name in sorted(results)]
