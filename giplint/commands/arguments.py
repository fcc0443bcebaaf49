"""The argument parser of every command, in Chinese: help, group titles and argparse's own
messages; a usage error is a `UsageError` (one line, exit 2), never argparse's exit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from giplint import __version__

COMMANDS = ("check", "parse", "rules", "explain", "compare", "template", "merge")
FORMATS = ("full", "concise", "json", "sarif", "github", "html", "auto")
TEMPLATE_FORMATS = ("docx", "txt", "md")  # giplint template (giplint/template.py)


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


def parser() -> argparse.ArgumentParser:
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
    _exit_options(check)
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
    _exit_options(merge)
    _template_parser(sub)
    return parser


def _exit_options(command: argparse.ArgumentParser) -> None:
    """--fail-on and --exit-zero: the exit-code contract, the same for a run and for merging shards."""
    command.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="有这一级别或更严重的问题时以 1 退出（默认 error）",
    )
    command.add_argument("--exit-zero", action="store_true", help="有问题也以 0 退出")


def _template_parser(sub: Any) -> None:
    """`giplint template --organ 某某县某某局 --year 2025 -o 年报.docx [--previous 上年年报]`."""
    parser = sub.add_parser("template", help="生成本年度年报的规范框架（Word、文本或 Markdown）")
    parser.add_argument("--organ", required=True, metavar="机关名称", help="发布年报的机关，如 某某县某某局")
    parser.add_argument("--year", required=True, type=int, metavar="YYYY", help="报告年度，如 2025")
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="写入的文件（不覆盖已有文件）"
    )
    parser.add_argument(
        "--previous",
        type=Path,
        default=None,
        metavar="FILE",
        help="上年度的报告（.docx/.pdf/.txt 等）：据此填写“上年结转”，并列出上年问题供整改说明",
    )
    parser.add_argument(
        "--format", choices=TEMPLATE_FORMATS, default=None, help="docx（默认，按文件扩展名）、txt 或 md"
    )
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
