"""SARIF 2.1.0 output (``--format sarif``), shaped for GitHub code scanning.

Code scanning is the consumer that matters: it wants every result to name a rule described in
``tool.driver.rules``, a path relative to the repository root, and a stable fingerprint so an
alert is tracked across commits instead of reopened. Word documents have no lines a person can
see, so their findings also carry a logical location (``第3个表格第5行第2列``).

Columns are code points (giplint's convention), declared with ``columnKind`` so consumers that
default to UTF-16 code units do not shift them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from giplint import __version__
from giplint.diagnostics import Diagnostic, Failure, Severity

if TYPE_CHECKING:
    from giplint.contract import Rule
    from giplint.lint import LintResult

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/giplint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "giplintFinding/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_EXPLAIN_LABELS = ("内容", "原因", "错误示例", "正确示例")


def render_sarif(results: Sequence[LintResult], rules: Sequence[Rule[Any]], out: IO[str]) -> None:
    """Write one SARIF log with one run covering every linted file."""
    json.dump(sarif_log(results, rules), out, ensure_ascii=False, indent=2)
    out.write("\n")


def sarif_log(results: Sequence[LintResult], rules: Sequence[Rule[Any]]) -> dict[str, Any]:
    """The SARIF log as a dict: separate from writing so tests and plugins can inspect it."""
    descriptors, index = _descriptors(results, rules)
    failures = [f for r in results for f in r.failures]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "giplint",
                        "informationUri": INFORMATION_URI,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [_invocation(failures, index)],
                "columnKind": "unicodeCodePoints",
                "results": _results(results, index),
            }
        ],
    }


# -- rules ---------------------------------------------------------------------------------------


def _descriptors(
    results: Sequence[LintResult], rules: Sequence[Rule[Any]]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Rule descriptors in the given order, one per id, plus any id a result names but the list lacks.

    A plugin rule missing from `rules` must still get a descriptor: code scanning rejects a
    ``ruleIndex`` that points nowhere and shows a bare id without one.
    """
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.id not in index:
            index[rule.id] = len(descriptors)
            descriptors.append(rule_descriptor(rule))
    for result in results:
        for diagnostic in result.diagnostics:
            if diagnostic.rule_id not in index:
                index[diagnostic.rule_id] = len(descriptors)
                descriptors.append(_bare_descriptor(diagnostic))
    return descriptors, index


def rule_descriptor(rule: Rule[Any]) -> dict[str, Any]:
    explain = rule.explain.strip()
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short_description(rule)},
        "fullDescription": {"text": explain or short_description(rule)},
        "help": {"text": explain or short_description(rule), "markdown": explain_markdown(rule)},
        "defaultConfiguration": {"level": _LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": ["giplint", rule.check]},
    }


def _bare_descriptor(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "id": diagnostic.rule_id,
        "name": diagnostic.rule_name,
        "shortDescription": {"text": diagnostic.rule_name},
        "defaultConfiguration": {"level": _LEVELS[diagnostic.severity]},
    }


def short_description(rule: Rule[Any]) -> str:
    """The first sentence of the rule's "内容：" line: what is wrong, without this report's numbers.

    The message template would do, but its ``{fields}`` read as noise in a rule list.
    """
    for label, text in _explain_parts(rule.explain):
        if label == "内容" and text:
            return _first_sentence(text)
    head = rule.message.split("{", 1)[0].strip("：:，, ")
    return head or rule.name


def _first_sentence(text: str) -> str:
    end = text.find("。")
    return text[: end + 1] if end >= 0 else text


def _explain_parts(explain: str) -> list[tuple[str, str]]:
    """The labelled paragraphs of an explain text; a line without a label continues the one before."""
    parts: list[tuple[str, str]] = []
    for raw in explain.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        label = next((lb for lb in _EXPLAIN_LABELS if line.startswith((lb + "：", lb + ":"))), None)
        if label is not None:
            parts.append((label, line[len(label) + 1 :].strip()))
        elif parts:
            parts[-1] = (parts[-1][0], parts[-1][1] + line)
        else:
            parts.append(("", line))
    return parts


def explain_markdown(rule: Rule[Any]) -> str:
    paragraphs = [
        f"**{label}**：{_md_escape(text)}" if label else _md_escape(text)
        for label, text in _explain_parts(rule.explain)
    ]
    if rule.hint and "{" not in rule.hint:
        paragraphs.append(f"**修改提示**：{_md_escape(rule.hint)}")
    paragraphs.append(f"规则 `{rule.id}` `{rule.name}`。运行 `giplint explain {rule.id}` 查看说明。")
    return "\n\n".join(paragraphs)


def _md_escape(text: str) -> str:
    """Escape what Markdown would eat in plain Chinese prose: emphasis marks and angle brackets."""
    for char in ("\\", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


# -- results -------------------------------------------------------------------------------------


def _results(results: Sequence[LintResult], index: dict[str, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for result in results:
        seen: Counter[str] = Counter()
        for diagnostic in result.diagnostics:
            key = _fingerprint_key(diagnostic, result.path)
            seen[key] += 1
            out.append(_result(diagnostic, result.path, index, _fingerprint(key, seen[key])))
    return out


def _result(diagnostic: Diagnostic, path: str, index: dict[str, int], fingerprint: str) -> dict[str, Any]:
    text = diagnostic.message + (f"\n提示：{diagnostic.hint}" if diagnostic.hint else "")
    where = " ".join(p for p in (diagnostic.location, diagnostic.place()) if p)
    if where:  # code scanning shows no logical locations: say where (the Word file's cell, the table's row)
        text = f"{where}：{text}"
    result: dict[str, Any] = {
        "ruleId": diagnostic.rule_id,
        "ruleIndex": index[diagnostic.rule_id],
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": text},
        "locations": [_location(diagnostic, path)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if diagnostic.section:
        result["properties"] = {"section": diagnostic.section}
        result["properties"].update(
            (key, value)
            for key, value in (("table", diagnostic.table), ("row", diagnostic.row), ("column", diagnostic.column))
            if value
        )
    return result


def _location(diagnostic: Diagnostic, path: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact_location(path), "region": _region(diagnostic)}
    }
    if diagnostic.location:
        location["logicalLocations"] = [{"name": diagnostic.location, "kind": "element"}]
    if diagnostic.page:  # a PDF: the page is part of where the finding is
        location["physicalLocation"]["region"]["properties"] = {"page": diagnostic.page}
    return location


def _region(diagnostic: Diagnostic) -> dict[str, int]:
    """The span as a SARIF region, repaired so the end never precedes the start."""
    span = diagnostic.span
    start_line, start_column = max(1, span.line), max(1, span.column)
    end_line = max(start_line, span.end_line)
    end_column = max(1, span.end_column)
    if end_line == start_line:
        end_column = max(start_column, end_column)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def artifact_location(path: str) -> dict[str, str]:
    """A relative path under %SRCROOT% (what code scanning maps to the repository), else a file URI."""
    raw = _undecodable_name(path)
    if raw is not None:  # the file's own bytes, percent-encoded, as a URI names any file
        uri = quote(raw, safe="/")
        return {"uri": "file://" + uri} if raw.startswith(b"/") else {"uri": uri, "uriBaseId": SRCROOT}
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}


# A byte of a POSIX file name that is not UTF-8, as the CLI prints it (``\\xff``)
_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def _undecodable_name(path: str) -> bytes | None:
    """The bytes of a POSIX file name the CLI printed with ``\\xNN`` escapes, else None."""
    if os.name == "nt" or not _ESCAPED_BYTE.search(path):
        return None
    return os.fsencode(_ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), path))


def _fingerprint_key(diagnostic: Diagnostic, path: str) -> str:
    return f"{diagnostic.rule_id}\0{path}\0{diagnostic.message}"


def _fingerprint(key: str, occurrence: int) -> str:
    """Rule[Any], file and message, not the line: an alert survives text added above it.

    Two identical findings in one file are told apart by their order.
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + f":{occurrence}"


# -- invocation ----------------------------------------------------------------------------------


def _invocation(failures: Sequence[Failure], index: dict[str, int]) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not failures}
    if failures:
        invocation["toolExecutionNotifications"] = [_notification(f, index) for f in failures]
    return invocation


def _notification(failure: Failure, index: dict[str, int]) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": failure.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(failure.path)}}],
        "properties": {"kind": failure.kind},
    }
    if failure.rule_id:
        reference: dict[str, Any] = {"id": failure.rule_id}
        if failure.rule_id in index:
            reference["index"] = index[failure.rule_id]
        notification["associatedRule"] = reference
    if failure.plugin:
        notification["properties"]["plugin"] = failure.plugin
    return notification
