"""Running rules over reports: read → parse → every enabled rule's check → sorted diagnostics.

Execution is not a hook: pluggy discovers check kinds, a plain dict dispatches to them. A check
that raises becomes one `Failure` naming the rule and plugin; every other rule still runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from giplint.checks import CheckKind
from giplint.config import Rule
from giplint.diagnostics import Diagnostic, Failure, Severity
from giplint.model import Report
from giplint.oserrors import reason
from giplint.parse import parse_document
from giplint.readers import PluginReaderError, Reader
from giplint.result import LintResult as LintResult  # noqa: PLC0414  its home before result.py
from giplint.source import MAX_FILE_BYTES, Document, EmptyInput, InputError, check_text_size, read_text
from giplint.span import Span
from giplint.traditional import fold_traditional
from giplint.uncertain import soften


def read_document(path: str, data: bytes, readers: Sequence[Reader]) -> Document:
    """Pick the reader by suffix; anything no reader claims is read as text, whatever its name.

    Readers registered later (third-party plugins) come first, so a plugin may take over a
    suffix giplint also reads."""
    suffix = Path(path).suffix.lower()
    for reader in reversed(readers):
        if suffix in reader.suffixes:
            if reader.text_input:  # a web page is text: the same input size limit
                check_text_size(path, data)
            return fold_traditional(reader.read(path, data))
    return fold_traditional(read_text(path, data))


@dataclass(frozen=True)
class Unread:
    """A file that could not be read or parsed as a report: the failure to show, and whether
    the file was empty (a folder walk skips an empty file instead of failing it)."""

    failure: Failure
    empty: bool = False
    exception: BaseException | None = field(default=None, compare=False)  # a reader or parser bug


def internal_error(
    name: str, exc: BaseException, what: str = "此报告", then: str = "其他文件照常检查；"
) -> Failure:
    """The one message for a reader or parser bug: it costs one file (`then` says what else
    happens), never the run."""
    return Failure(
        name,
        f"{name}：giplint 内部错误，无法读取或解析{what}（{exc.__class__.__name__}: {exc}）。"
        f"{then}请把此文件发给 giplint 的维护者。",
        kind="internal",
    )


def read_report(name: str, data: bytes | Path, readers: Sequence[Reader]) -> Report | Unread:
    """The one read path: a file's bytes (or the file at a path) read by the reader of its
    suffix and parsed. Used by lint, the engine (run.py, both passes), compare and ``giplint
    parse``. Never raises for bad input: an unreadable, empty or too large file, or a reader or
    parser bug, comes back as `Unread` with the Chinese message naming the file."""
    try:
        raw = read_bytes(data) if isinstance(data, Path) else data
        return parse_document(read_document(name, raw, readers))
    except EmptyInput as exc:
        return Unread(Failure(name, f"{name}：{exc.message}"), empty=True)
    except InputError as exc:
        return Unread(Failure(name, f"{name}：{exc.message}"))
    except PluginReaderError as exc:  # a third party's reader: its maintainers, not giplint's
        message = (
            f"{name}：插件 {exc.plugin} 的读取器 {exc.reader} 出错，无法读取此文件（{exc.problem}）。"
            "其他文件照常检查；请把此信息报告给该插件的维护者。"
        )
        return Unread(Failure(name, message, plugin=exc.plugin, kind="plugin"))
    except Exception as exc:  # noqa: BLE001  a reader or parser bug must cost one file, not the run
        return Unread(internal_error(name, exc), exception=exc)


def is_report(report: Report) -> bool:
    """Whether a file is a report at all: it has a title or a section heading, and it is not
    giplint's own output.

    A folder walk meets notes, READMEs and giplint's output from an earlier run beside the
    reports; linting those gives a page of false errors. Structure is what the parser found, not
    a pattern over the text, so this agrees with the report model everywhere else. The parser
    finds headings inside a line too (crawled text glues them), so in plain text a heading counts
    as structure only where it starts its line (after nothing but punctuation, such as the
    ``????`` of lost characters): notes that quote "六、其他需要报告的事项" in a sentence are no
    report. giplint's output quotes headings the same way, and is recognised by its first line."""
    document = report.document
    if _OUTPUT_FIRST_LINE.match(document.text.lstrip()):
        return False
    if report.title is not None:
        return True
    if document.source_format != "text":
        return bool(report.sections)  # HTML and Word: positions are not lines of plain text
    lines = document.lines
    return any(
        1 <= section.span.line <= len(lines)
        and not _PROSE.search(lines[section.span.line - 1][: section.span.column - 1])
        for section in report.sections
    )


_PROSE = re.compile(r"[^\W_]")  # a letter, digit or Han character: words before a "heading"


# The first line of giplint's text output: a finding of the concise or full format
# (``path:line:col: GIP101 …``), a GitHub annotation, or a --statistics count.
_OUTPUT_FIRST_LINE = re.compile(
    r"\S+:\d+:\d+:? [^\n]*\b[A-Z]{2,8}\d{3}\b|::(?:error|warning|notice)\b|\d+ +[A-Z]{2,8}\d{3} "
)


def may_overwrite(path: str, data: bytes, readers: Sequence[Reader]) -> bool:
    """Whether a file found where --output-file points may be written over: only when it is
    empty or no report (giplint's own earlier output). Anything unreadable is kept."""
    report = read_report(path, data, readers)
    if isinstance(report, Unread):
        return report.empty  # any reader or parser error: keep the file, the safe side
    return not is_report(report)


def lint_report(
    report: Report,
    rules: Sequence[Rule[Any]],
    kinds: Mapping[str, CheckKind[Any]],
    previous: Report | None = None,
) -> LintResult:
    """Every enabled rule over one report. Cross-year rules run only when `previous` (last year's
    report of the same organ, paired by giplint/engine/pairing.py) is given; without it they are skipped,
    never reported: a report that cannot be paired is simply not cross-checked."""
    diagnostics: list[Diagnostic] = []
    failures: list[Failure] = []
    for number, rule in enumerate(rules):
        if not rule.enabled or not rule.applies_to(report):
            continue
        kind = kinds[rule.check]
        watch(number)
        try:
            if kind.wants_previous(rule.params) and previous is None:
                continue
            before = len(diagnostics)
            for diagnostic in kind.apply(report, rule, previous):
                problem = _not_a_finding(diagnostic)
                if problem:
                    failures.append(_check_failed(report, rule, kind, f"产生了不是问题（Diagnostic）的值：{problem}"))
                    break
                if len(diagnostics) - before == MAX_FINDINGS:
                    failures.append(_check_failed(report, rule, kind, _FLOOD))
                    break
                diagnostics.append(diagnostic)
        except (Exception, SystemExit) as exc:  # noqa: BLE001  a broken (or exiting) check never hides the other rules
            failures.append(_check_failed(report, rule, kind, f"运行出错：{exc.__class__.__name__}: {exc}"))
    watch(-1)
    return LintResult.of(report, soften(report, diagnostics), failures)


#: findings one rule may give on one report: a check that yields without end (a plugin's loop)
#: must cost bounded memory and time, with --jobs 1 too; a real report gives a few hundred at most
MAX_FINDINGS = 10_000
_FLOOD = f"产生了超过 {MAX_FINDINGS} 个问题，已停止（检查可能陷入了循环；只显示前 {MAX_FINDINGS} 个）"


def _check_failed(report: Report, rule: Rule[Any], kind: CheckKind[Any], problem: str) -> Failure:
    """One rule's check broke on one report: named with its plugin (not a finding, exit 2)."""
    return Failure(
        report.path,
        f"{report.path}：规则 {rule.id} {rule.name}（检查 {rule.check}，插件 {kind.plugin}）{problem}。"
        "其他规则已照常检查；请把此信息报告给规则的维护者。",
        rule_id=rule.id,
        plugin=kind.plugin,
        kind="check",
    )


def _not_a_finding(value: object) -> str:
    """What is wrong with a value a check yielded ("" for a well-formed `Diagnostic`): anything
    else would break sorting or output of the whole run."""
    if not isinstance(value, Diagnostic):
        text = repr(value)
        return f"{text[:60]}{'…' if len(text) > 60 else ''}（{type(value).__name__}）"
    fields = (value.path, value.rule_id, value.rule_name, value.message, value.section, value.location)
    words = (value.hint, value.table, value.row, value.column)  # shown by every human format
    if not all(isinstance(f, str) for f in (*fields, *words)) or not isinstance(value.span, Span):
        return f"{value.rule_id!r} 的字段类型不对（path、message 应为文字，span 应为 Span）"
    if not all(type(n) is int for n in value.span):  # a line 1.5 breaks the source excerpt, "1" the sort
        return f"{value.rule_id} 的 span 应为整数的行列，却是 {value.span!r}"
    if not isinstance(value.severity, Severity):
        return f"{value.rule_id} 的 severity 应为 Severity"
    return ""


def _unwatched(number: int) -> None:
    """Outside a worker of the process pool nobody watches the checks."""


# Told the index (in the rule list) of the rule whose check is about to run, and -1 when a
# report's checks are done: the process pool (giplint/engine/parallel.py) sets it in its workers
# to hold each file's checks to a time budget.
watch: Callable[[int], None] = _unwatched


def lint_bytes(
    path: str,
    data: bytes,
    rules: Sequence[Rule[Any]],
    kinds: Mapping[str, CheckKind[Any]],
    readers: Sequence[Reader],
    previous: Report | None = None,
    named_previous: bool = False,
    skip_unstructured: bool = False,
    view: Callable[[Report], Any] | None = None,
    keep: bool = False,
) -> LintResult:
    """Read, parse and lint one file. `previous` is last year's report; when the user named it
    (`named_previous`, --previous) and both years are known, it must be the year before, or the
    cross-year rules are not run and a failure says so. With `skip_unstructured` (a folder walk),
    a file that has no report structure at all comes back `skipped` instead of linted. `view`
    (an output format's) is built of the parsed report and kept on the result. With `keep`, the
    result holds the parsed report for the cross-year pass (run.py `cross_check`)."""
    report = read_report(path, data, readers)
    if isinstance(report, Unread):
        if report.empty and skip_unstructured:  # an empty file in a folder walk is no report
            return LintResult(path, skipped=True)
        return LintResult(path, failures=[report.failure])
    if skip_unstructured and not is_report(report):
        return LintResult(path, skipped=True)
    result = _lint_checked(report, rules, kinds, previous, named_previous)
    if view is not None:
        try:
            result.view = view(report)
        except Exception:  # noqa: BLE001  the output reads the report again and says what broke
            result.view = None
    if keep:
        result.report = report
    return result


#: the kind of the `Failure` of a --previous report that is not of the year before (the check
#: command makes it a usage error, shown before any finding)
PREVIOUS_YEAR = "previous-year"


def _lint_checked(
    report: Report,
    rules: Sequence[Rule[Any]],
    kinds: Mapping[str, CheckKind[Any]],
    previous: Report | None,
    named_previous: bool,
) -> LintResult:
    path = report.path
    if (
        named_previous
        and previous is not None
        and report.year
        and previous.year
        and report.year - previous.year != 1
    ):
        result = lint_report(report, rules, kinds)
        message = (
            f"{previous.path}：--previous 指定的是{previous.year}年度的报告，不是{path}（{report.year}年度）"
            "的上一年度。请指定上一年度的报告。"
        )
        result.failures.append(Failure(previous.path, message, kind=PREVIOUS_YEAR))
        return result
    return lint_report(report, rules, kinds, previous)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or InputError with a Chinese message (missing, a folder, no permission,
    too large). Only regular files are read, and never more than `MAX_FILE_BYTES`: a FIFO or
    /dev/zero named as a report must not hang or fill memory."""
    import stat

    try:
        mode = path.stat().st_mode  # before opening: opening a FIFO blocks
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise InputError(str(path), "这不是普通文件（设备、管道等），无法作为年报检查。")
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(str(path), "文件不存在。请检查路径是否正确。") from None
    except IsADirectoryError:
        raise InputError(str(path), "这是一个文件夹，不是文件。") from None
    except PermissionError:
        raise InputError(str(path), "没有读取权限。请检查文件权限。") from None
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件（{reason(exc)}）。") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            str(path),
            f"文件超过 {MAX_FILE_BYTES // 2**20} MB，不像一份年报（年报通常不到 1 MB）。请确认选择了正确的文件。",
        )
    return data
