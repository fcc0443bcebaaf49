"""The command line: ``giplint [check] PATH...``, ``giplint parse``, ``giplint rules``, ``giplint explain``.

Exit codes (the contract CI relies on; 1 never means anything but findings):
    0    nothing at or above the --fail-on level
    1    a finding at or above the --fail-on level
    2    usage, input, configuration or internal error (a file could not be read, a plugin broke,
         any unexpected exception: one Chinese line, never a traceback)
    130  interrupted (Ctrl-C)
    141  the reader of standard output went away (``giplint … | head -1``); nothing more is printed
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from giplint import __version__
from giplint.config import ConfigError, Rule, apply_config, load_user_config
from giplint.diagnostics import Severity
from giplint.engine.run import (
    Plan,
    Resolver,
    Target,
    collect,
    cross_check,
    display,
    lint_all,
    printable,
    registry,
    split_ids,
)
from giplint.engine.run import cores as _cores_available
from giplint.lint import LintResult, read_bytes
from giplint.source import InputError

if TYPE_CHECKING:
    from giplint.engine.cache import ResultCache
    from giplint.plugins import Registry
    from giplint.years.organ import ReportIdentity

COMMANDS = ("check", "parse", "rules", "explain", "compare", "template", "merge")
FORMATS = ("full", "concise", "json", "sarif", "github", "html", "auto")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away


class UsageError(Exception):
    pass


# argparse's own messages, in Chinese: each pattern is matched against the English text argparse
# builds (the wording is stable across Python 3.10-3.13); "argument X: ..." recurses on the rest.
_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"invalid choice: (.+?) \(choose from (.+)\)", r"无效的取值 \1（可选：\2）"),
    (r"invalid int value: (.+)", r"\1 不是整数"),
    (r"invalid float value: (.+)", r"\1 不是数字"),
    (r"invalid (\w+) value: (.+)", r"\2 不是有效的值"),
    (r"expected one argument", "需要一个值"),
    (r"expected at most one argument", "最多需要一个值"),
    (r"expected at least one argument", "至少需要一个值"),
    (r"expected (\d+) arguments?", r"需要 \1 个值"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 不明确，可能是：\2"),
    (r"not allowed with argument (.+)", r"不能与 \1 同时使用"),
    (r"one of the arguments (.+) is required", r"必须给出其中之一：\1"),
    (r"ignored explicit argument (.+)", r"此选项不接受值：\1"),
    (r"unexpected option string: (.+)", r"此处不能使用选项 \1"),
)


def _chinese(message: str) -> str:
    """argparse's English error text in Chinese; text it does not know is kept as it is."""
    import re

    argument = re.fullmatch(r"argument (\S+?): (.+)", message, re.DOTALL)
    if argument:
        return f"参数 {argument.group(1)}：{_chinese(argument.group(2))}"
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message, re.DOTALL):
            return re.sub(pattern, replacement, message, count=1, flags=re.DOTALL)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help in Chinese: "用法：" instead of "usage: "; the epilog's line breaks are kept."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse for editors: Chinese help, group titles and messages; an error is a UsageError
    (exit 2, one line) instead of argparse printing usage and exiting on its own."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # its help line is English; ours is added below
        super().__init__(*args, **kwargs)
        # The two default groups are titled in English by argparse; they are plain attributes.
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"用法错误：{_chinese(message)}。运行 giplint --help 查看用法。")


_EPILOG = """\
退出码：0 没有达到 --fail-on 级别的问题；1 有这样的问题；2 用法、输入、配置错误或内部错误。
不写命令时默认为 check：giplint 年报.txt 等于 giplint check 年报.txt。"""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="giplint",
        description="政府信息公开工作年度报告检查工具 — lint Chinese government information disclosure annual reports.",
        epilog=_EPILOG,
    )
    parser.add_argument(
        "--version", action="version", version=f"giplint {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", title="命令", metavar="COMMAND")

    check = sub.add_parser("check", help="检查年报（默认命令）", epilog=_EPILOG)
    check.add_argument("paths", nargs="+", metavar="PATH", help="年报文件或文件夹；- 表示标准输入")
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="full",
        help="输出格式：full 给人看（默认）、concise 每个问题一行、json、sarif（代码扫描）、"
        "github（GitHub Actions 注释）、html（可转发、可打印的离线网页，多份报告用 --output-dir）、"
        "auto（在 GitHub Actions 中为 github，否则为 full）",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="有这一级别或更严重的问题时以 1 退出（默认 error）",
    )
    check.add_argument("--exit-zero", action="store_true", help="有问题也以 0 退出")
    check.add_argument(
        "--select", action="append", default=[], metavar="IDS", help="只检查这些规则（编号或名称，逗号分隔）"
    )
    check.add_argument(
        "--ignore", action="append", default=[], metavar="IDS", help="不检查这些规则（编号或名称，逗号分隔）"
    )
    check.add_argument("--config", type=Path, metavar="FILE", help="配置文件（不再向上查找 .giplint.yaml）")
    check.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="排除匹配的文件（glob）"
    )
    check.add_argument("--output-file", type=Path, metavar="FILE", help="把结果写入文件")
    check.add_argument(
        "--output-dir",
        type=Path,
        metavar="DIR",
        help="--format html：每份报告一页，另有索引页 index.html，写入此文件夹",
    )
    check.add_argument("--statistics", action="store_true", help="按规则统计问题数")
    check.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="并行进程数（默认且最多：CPU 核数）"
    )
    check.add_argument("--stdin-filename", default=None, metavar="NAME", help="从标准输入读取时使用的文件名")
    check.add_argument("--no-progress", action="store_true", help="不显示进度条")
    check.add_argument(
        "--cache",
        dest="cache",
        action="store_true",
        default=True,
        help="使用结果缓存：未改动的文件不再重复检查（默认）",
    )
    check.add_argument("--no-cache", dest="cache", action="store_false", help="不使用结果缓存")
    check.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="缓存文件夹（默认为当前文件夹下的 .giplint_cache，或环境变量 GIPLINT_CACHE_DIR）",
    )
    check.add_argument(
        "--previous", type=Path, default=None, metavar="FILE", help="上年度的报告：与之做跨年度检查（GIP5xx）"
    )
    check.add_argument(
        "--published",
        default=None,
        metavar="YYYY-MM-DD",
        help="报告的发布日期：检查是否按时发布（GIP410、GIP416）；不写时取配置、网页的发布日期或文末落款日期",
    )
    check.add_argument(
        "--shard",
        default=None,
        metavar="K/N",
        help="只检查 N 份中的第 K 份（按路径稳定划分，同一机关各年度在同一份中）；各份的 json 结果用 giplint merge 合并",
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        default=None,
        metavar="FILE",
        help="把本次发现的全部问题记录为基线文件（已发布、不能再改的年报据此只报告新问题）",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="FILE",
        help="只报告基线文件中没有的问题（也可在配置中写 baseline:）",
    )

    parse = sub.add_parser("parse", help="显示 giplint 读到的报告结构 show the parsed model")
    parse.add_argument("paths", nargs="+", metavar="FILE", help="年报文件（.txt、.html、.docx 等）")
    parse.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text 给人看（默认）；json 为数据提取格式（见 docs/parse-json.md）",
    )

    rules = sub.add_parser("rules", help="列出全部规则 list rules")
    rules.add_argument("--config", type=Path, metavar="FILE", help="按此配置文件显示启用、停用和级别")
    explain = sub.add_parser("explain", help="解释一条规则 explain a rule")
    explain.add_argument(
        "rule", metavar="RULE", help="规则编号或名称，如 GIP301、gip301 或 applications-balance"
    )
    compare = sub.add_parser("compare", help="对比同一机关两个年度的报告 compare two years' reports")
    compare.add_argument("old", metavar="OLD", help="上年度的报告")
    compare.add_argument("new", metavar="NEW", help="本年度的报告")
    compare.add_argument(
        "--format",
        choices=("text", "json", "html", "csv"),
        default="text",
        help="text 给人看（默认）；json 见 docs/compare-json-schema.json；html 可转发、可打印的离线网页；"
        "csv 表格数字（UTF-8 带 BOM，Excel、WPS 可直接打开）",
    )
    compare.add_argument("--config", type=Path, metavar="FILE", help="配置文件（不再向上查找 .giplint.yaml）")
    merge = sub.add_parser("merge", help="合并 --shard 各份的 json 结果，输出与一次检查全部文件相同")
    merge.add_argument(
        "shards", nargs="+", type=Path, metavar="FILE", help="giplint --shard K/N --format json 的输出"
    )
    merge.add_argument(
        "--format",
        choices=("json", "sarif", "concise", "github"),
        default="json",
        help="输出格式（默认 json）",
    )
    merge.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="有这一级别或更严重的问题时以 1 退出",
    )
    merge.add_argument("--exit-zero", action="store_true", help="有问题也以 0 退出")
    from giplint.template import add_template_parser

    add_template_parser(sub)
    return parser


def main(
    argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Run one command. Whatever happens inside, the exit code keeps its contract (see above)."""
    if stdout is None:
        _tolerant(sys.stdout)
    if stderr is None:
        _tolerant(sys.stderr)
    err = stderr or sys.stderr
    try:
        code = _main(argv, stdout, stderr)
        if stdout is None:  # a reader that went away shows here, not in the interpreter's exit
            sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        _say(err, "已中断（Ctrl-C）。")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _detach_stdout(stdout)
        return EXIT_BROKEN_PIPE
    except MemoryError:
        _say(err, "giplint 内存不足，已停止。请分批检查文件，或确认输入确实是年报。")
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001  the last line of defence: no traceback, never exit 1
        _say(
            err,
            f"giplint 内部错误（{exc.__class__.__name__}: {exc}），已停止。"
            "请把所用的命令和文件发给 giplint 的维护者。",
        )
        return EXIT_ERROR


def _tolerant(stream: IO[str]) -> None:
    """Let a stream whose encoding cannot show Chinese (PYTHONIOENCODING=ascii) escape what it
    cannot encode instead of raising in the middle of the output."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream: nothing to do
            reconfigure(errors="backslashreplace")


def _say(err: IO[str], line: str) -> None:
    """One line on stderr; if even that cannot be written, stay silent rather than raise."""
    try:
        err.write(line + "\n")
        err.flush()
    except (OSError, ValueError):
        pass


def _detach_stdout(stdout: IO[str] | None) -> None:
    """After a broken pipe, point standard output at /dev/null so the interpreter's own flush at
    exit does not print a second BrokenPipeError (Python's documented recipe)."""
    if stdout is not None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _main(argv: Sequence[str] | None, stdout: IO[str] | None, stderr: IO[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if args_list and args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version"):
        args_list.insert(0, "check")
    try:
        args = _parser().parse_args(args_list)
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_ERROR
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    if args.command is None:
        _parser().print_help(out)
        return EXIT_ERROR
    try:
        if args.command == "parse":
            return _parse_command(args, out, err)
        if args.command == "rules":
            return _rules_command(args, out, err)
        if args.command == "explain":
            return _explain_command(args, out, err)
        if args.command == "merge":
            return _merge_command(args, out, err)
        if args.command == "template":
            from giplint.template import template_command

            return template_command(args, _registry(), out, err)
        if args.command == "compare":
            from giplint.years.compare import compare_command

            render = None
            if args.format in ("html", "csv"):  # giplint/output/compare_html.py
                from giplint.output.compare_html import writer

                render = writer(args.format, Path(args.new), _registry().readers)
            return compare_command(args, _registry(), out, err, render)
        return _check_command(args, out, err)
    except ConfigError as exc:
        err.write(exc.message + "\n")
        return EXIT_ERROR
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_ERROR


# -- giplint parse -------------------------------------------------------------------------------


def _parse_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    import json

    from giplint.lint import Unread, read_report
    from giplint.output.render import render_parse_text, report_to_dict

    registry = _registry()
    status = EXIT_OK
    dumped = []
    for given in args.paths:
        name = printable(given)
        report = read_report(name, Path(given), registry.readers)
        if isinstance(report, Unread):
            err.write(report.failure.message + "\n")
            status = EXIT_ERROR
            continue
        if args.format == "json":
            dumped.append(report_to_dict(report, name))
        else:
            render_parse_text(report, name, out)
    if args.format == "json":
        json.dump(dumped, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return status


# -- giplint rules / explain ---------------------------------------------------------------------


def _rules_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    registry = _registry()
    rules = registry.rules
    if args.config:
        rules = apply_config(rules, load_user_config(args.config), registry.kinds)
    from giplint.output.render import readable_template

    for rule in sorted(rules, key=lambda r: r.id):
        state = "启用 enabled" if rule.enabled else "停用 disabled"
        out.write(f"{rule.id}  {rule.name:<28} {rule.severity.label:<8} {state}\n")
        out.write(f"        {readable_template(rule.message)}\n")
    for failure in registry.failures:  # a plugin that failed to load is missing from the list
        err.write(failure.message + "\n")
    return EXIT_ERROR if registry.failures else EXIT_OK


def _explain_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from giplint.output.render import explain_text

    registry = _registry()
    wanted = args.rule.strip().casefold()  # gip301, GIP301 and Applications-Balance all name one rule
    rule = next((r for r in registry.rules if wanted in (r.id.casefold(), r.name.casefold())), None)
    if rule is None:
        err.write(f"未知的规则 {args.rule}。运行 giplint rules 查看全部规则。\n")
        return EXIT_ERROR
    out.write(explain_text(rule))
    return EXIT_OK


# -- giplint check -------------------------------------------------------------------------------


def _registry() -> Registry:
    return registry()


def _jobs(requested: int | None, err: IO[str]) -> int:
    """--jobs, capped at the number of cores: more processes than cores only cost memory."""
    cores = _cores_available()
    if requested is None:
        return cores
    if requested > cores:
        err.write(f"提示：--jobs {requested} 超过可用的 CPU 核数 {cores}，按 {cores} 个进程检查。\n")
        return cores
    return max(1, requested)


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _refuse_output(args: argparse.Namespace, plan: Plan, output: Path | None, resolver: Resolver) -> str | None:
    """Why --output-file must not be written, or None. Writing over an input destroys a report:
    refuse a path named as an input, and a report found in a folder walk; giplint's own earlier
    output found in a walk (no report structure) is left out of the run and overwritten."""
    if output is None:
        return None
    written = _identity(output)  # a hard link or another name of an input is the same file
    if written is not None:
        others = [args.previous, args.config, getattr(args, "baseline", None), *resolver.config_files()]
        for other in others:
            if other is not None and _identity(other) == written:
                return (
                    f"输出文件 {printable(str(args.output_file))} 是 giplint 要读取的文件"
                    f"（{printable(str(other))}），写入会覆盖它。请换一个 --output-file 路径。"
                )
    for target in plan.targets:
        if target.path is None:
            continue
        if target.path.resolve() != output and (written is None or _identity(target.path) != written):
            continue
        if not target.walked or _is_report(target):
            return (
                f"输出文件 {printable(str(args.output_file))} 是要检查的年报之一，写入会覆盖它。"
                "请换一个 --output-file 路径。"
            )
        plan.targets.remove(target)
        return None
    return None


def _is_report(target: Target) -> bool:
    from giplint.lint import may_overwrite

    try:
        data = read_bytes(target.path)  # type: ignore[arg-type]
    except InputError:
        return True  # cannot tell: do not risk overwriting it
    return not may_overwrite(target.name, data, _registry().readers)


def _check_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    started = time.perf_counter()
    registry = _registry()
    published = ""
    if args.published is not None:
        from giplint.config import parse_date

        published = parse_date(args.published) or ""
        if not published:
            err.write(f"--published 的日期应写为 YYYY-MM-DD（如 2025-01-20），而不是 {args.published}。\n")
            return EXIT_ERROR
    resolver = Resolver(args.config, split_ids(args.select), split_ids(args.ignore), published)
    output = args.output_file.resolve() if args.output_file else None
    plan = collect(args.paths, split_ids(args.exclude), resolver, args.stdin_filename)
    if args.shard is not None:
        from giplint.engine.shard import ShardError, in_shard, parse_shard

        try:
            shard = parse_shard(args.shard)
        except ShardError as exc:
            err.write(exc.message + "\n")
            return EXIT_ERROR
        plan.targets = [target for target in plan.targets if in_shard(target.name, shard)]
    refusal = _refuse_output(args, plan, output, resolver)
    if refusal is not None:
        err.write(refusal + "\n")
        return EXIT_ERROR
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    human = fmt == "full"
    interactive = err.isatty() if hasattr(err, "isatty") else False
    html_refusal = _refuse_html(args, fmt, plan)
    if html_refusal is not None:
        err.write(html_refusal + "\n")
        return EXIT_ERROR
    jobs = _jobs(args.jobs, err)
    if args.previous is not None:  # the editor's case: this year's draft, last year's report
        last = Target(_display(args.previous), args.previous)
        for target in plan.targets:
            target.previous, target.explicit = last, True
    results_cache = _results_cache(args, registry)
    progress = human and interactive and not args.no_progress
    view = None
    if fmt == "html":
        from giplint.output.html_view import view_of

        view = view_of
    results = lint_all(plan.targets, resolver, jobs, progress, err, results_cache, view)
    paired = (
        len(results)
        if args.previous is not None
        else cross_check(plan.targets, results, resolver, jobs, err, results_cache)
    )
    skipped = [r.path for r in results if r.skipped]
    results = [r for r in results if not r.skipped]
    baseline_lines: list[str] = []
    baseline_path = None if args.write_baseline is not None else args.baseline or resolver.baseline()
    if args.write_baseline is not None or baseline_path is not None:
        from giplint import baseline

        try:
            if args.write_baseline is not None:
                count = baseline.write(args.write_baseline, results)
                for failure in registry.failures + plan.failures + [f for r in results for f in r.failures]:
                    err.write(failure.message + "\n")
                err.write(f"已把 {count} 个问题记录到基线文件 {printable(str(args.write_baseline))}。\n")
                return (
                    EXIT_ERROR
                    if registry.failures or plan.failures or any(r.failures for r in results)
                    else EXIT_OK
                )
            assert baseline_path is not None
            results, baseline_lines = baseline.report(baseline_path, results)
        except baseline.BaselineError as exc:
            err.write(printable(exc.message) + "\n")
            return EXIT_ERROR
    for failure in registry.failures + plan.failures + [f for r in results for f in r.failures]:
        err.write(failure.message + "\n")
    for line in baseline_lines:
        err.write(line + "\n")
    if fmt == "html":
        code = _write_html(args, plan, results, paired, resolver, registry, out, err)
        return code if code is not None else _exit_code(args, results, bool(registry.failures or plan.failures))
    try:
        sink = (
            open(args.output_file, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            if args.output_file
            else None
        )
    except OSError as exc:
        err.write(
            f"无法写入输出文件 {printable(str(args.output_file))}（{exc.strerror}）。"
            "请检查文件夹是否存在、是否有写权限。\n"
        )
        return EXIT_ERROR
    try:
        _render(fmt, results, sink or out, registry.rules, human and sink is None)
        if args.statistics:
            from giplint.output.render import render_statistics

            # machine formats stay parseable: the counts go to stderr beside them
            stream = (sink or out) if fmt in ("full", "concise") else err
            render_statistics(results, stream)
            if paired is not None:
                stream.write(
                    f"跨年度配对：{paired or 0}/{len(results)} 份报告与同一机关上年度的报告配对"
                    "（未配对的报告不做跨年度检查）\n"
                )
            if skipped:
                stream.write(_skipped_line(skipped) + "\n")
    finally:
        if sink is not None:
            sink.close()
    if human and sink is None:
        from giplint.output.render import summary_line

        err.write(summary_line(results, time.perf_counter() - started) + "\n")
    return _exit_code(args, results, bool(registry.failures or plan.failures))


def _merge_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """`giplint merge shard-*.json`: the shards' results rendered as one run renders them."""
    from giplint.engine.shard import ShardError, load_shards

    try:
        results = load_shards(args.shards)
    except ShardError as exc:
        err.write(printable(exc.message) + "\n")
        return EXIT_ERROR
    for failure in (f for r in results for f in r.failures):
        err.write(failure.message + "\n")
    _render(args.format, results, out, _registry().rules, False)
    return _exit_code(args, results, False)


def _refuse_html(args: argparse.Namespace, fmt: str, plan: Plan) -> str | None:
    """Why the html output cannot be written as asked, or None."""
    if args.output_dir is not None and fmt != "html":
        return "用法错误：--output-dir 只用于 --format html。其他格式请用 --output-file。"
    if args.output_dir is not None and args.output_file is not None:
        return "用法错误：--output-dir 与 --output-file 只能选一个。"
    if fmt == "html" and args.output_dir is None and len(plan.targets) > 1:
        return (
            f"用法错误：{len(plan.targets)} 份报告不能写成一个网页。请用 --output-dir 文件夹："
            "每份报告一页，另有索引页 index.html。"
        )
    return None


def _write_html(
    args: argparse.Namespace,
    plan: Plan,
    results: list[LintResult],
    paired: int | None,
    resolver: Resolver,
    registry: Registry,
    out: IO[str],
    err: IO[str],
) -> int | None:
    """The html output of a check run; an exit code when it could not be written, else None."""
    from giplint.output import html_run

    targets = {t.name: t for t in plan.targets}
    views = [html_run.view_for(r, targets.get(r.path), registry.readers) for r in results]
    if args.previous is not None:
        checked = {r.path for r in results if not r.failures}
    elif paired:
        checked = _paired(plan.targets, results, resolver)
    else:
        checked = set()
    if args.output_dir is None:
        if not results:
            return None
        try:
            sink = open(args.output_file, "w", encoding="utf-8") if args.output_file else None  # noqa: SIM115
        except OSError as exc:
            err.write(f"无法写入输出文件 {printable(str(args.output_file))}（{exc.strerror}）。请检查文件夹是否存在、是否有写权限。\n")
            return EXIT_ERROR
        try:
            html_run.write_one(results[0], views[0], results[0].path in checked, sink or out)
        finally:
            if sink is not None:
                sink.close()
        return None
    inputs = {t.path.resolve() for t in plan.targets if t.path is not None}
    written, problem = html_run.write_folder(results, views, checked, args.output_dir, inputs)
    if problem is not None:
        err.write(problem + "\n")
        return EXIT_ERROR
    err.write(f"已写入 {written} 份报告的检查结果：{printable(str(args.output_dir / html_run.INDEX))}\n")
    return None


def _paired(targets: list[Target], results: list[LintResult], resolver: Resolver) -> set[str]:
    """The reports the run cross-checked with last year's (the pairing of run.cross_check)."""
    from giplint.engine.pairing import pair
    from giplint.years.organ import overridden

    by_name = {t.name: t for t in targets}
    identities: list[ReportIdentity | None] = []
    for result in results:
        target = by_name.get(result.path)
        if result.identity is None or target is None:
            identities.append(None)
            continue
        file = target.path if target.path is not None else Path(target.name)
        organ, year = resolver.config_for(target).report_setting(file)
        identities.append(overridden(result.identity, organ, year))
    return {results[i].path for i, last in enumerate(pair(identities)) if last is not None}


def _results_cache(args: argparse.Namespace, registry: Registry) -> ResultCache | None:
    """The result cache, unless turned off or a third-party plugin is loaded (giplint/engine/cache.py)."""
    if not args.cache:
        return None
    from giplint.engine.cache import ResultCache, default_directory, usable

    if not usable(registry):
        return None
    return ResultCache(args.cache_dir or default_directory())


def _display(path: Path) -> str:
    return display(path.resolve(), Path.cwd().resolve())


def _skipped_line(paths: list[str]) -> str:
    return (
        f"提示：文件夹中有 {len(paths)} 个文件不像年报（既没有标题，也没有章节标题，或是 giplint 的输出），未检查："
        f"{'、'.join(paths)}。直接指定文件名可照常检查。"
    )


def _render(
    fmt: str, results: list[LintResult], out: IO[str], rules: list[Rule[Any]], terminal: bool
) -> None:
    from giplint.output import render

    paths = {r.path: r.path for r in results}
    if fmt == "concise":
        render.render_concise(results, out, paths)
    elif fmt == "json":
        render.render_json(results, out, paths)
    elif fmt == "sarif":
        from giplint.output.sarif import render_sarif

        render_sarif(results, rules, out)
    elif fmt == "github":
        from giplint.output.github import render_github

        render_github(results, out)
    elif any(r.diagnostics for r in results):  # nothing to show: rich is not even imported
        color = None if terminal and (out.isatty() if hasattr(out, "isatty") else False) else False
        render.render_full(results, render.make_console(out, color), paths)


def _exit_code(args: argparse.Namespace, results: list[LintResult], failed: bool) -> int:
    if failed or any(r.failures for r in results):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    threshold = Severity.parse(args.fail_on)
    if any(d.severity >= threshold for r in results for d in r.diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
