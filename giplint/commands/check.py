"""``giplint [check] PATH...``: lint reports and folders, render the findings, choose the exit code."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

from giplint.commands import EXIT_ERROR, EXIT_OK
from giplint.commands.results import exit_code, render_results
from giplint.commands.results import summary as _summary
from giplint.engine.run import (
    Plan,
    Resolver,
    Target,
    collect,
    cross_check,
    display,
    lint_all,
    printable,
    split_ids,
)
from giplint.engine.run import cores as _cores_available
from giplint.engine.run import registry as load_registry
from giplint.lint import LintResult, read_bytes
from giplint.oserrors import reason
from giplint.source import InputError

if TYPE_CHECKING:
    from giplint.engine.cache import ResultCache
    from giplint.plugins import Registry
    from giplint.years.organ import ReportIdentity


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
    return not may_overwrite(target.name, data, load_registry().readers)


def check_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    started = time.perf_counter()
    registry = load_registry()
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
    wrong_year = _wrong_previous(results) if args.previous is not None else []
    if wrong_year:  # a usage error: no finding is shown, as if the run had not started
        err.writelines(f"用法错误：{message}\n" for message in wrong_year)
        return EXIT_ERROR
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
    failed = registry.failures + plan.failures + [f for r in results for f in r.failures]
    for failure in failed:
        err.write(failure.message + "\n")
    for line in baseline_lines:
        err.write(line + "\n")
    if fmt == "html":
        code = _write_html(args, plan, results, paired, resolver, registry, out, err)
        if code is None and args.output_file is not None:
            _summary(args, results, started, err)
        return code if code is not None else exit_code(args, results, bool(registry.failures or plan.failures))
    try:
        sink = (
            open(args.output_file, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            if args.output_file
            else None
        )
    except OSError as exc:
        err.write(
            f"无法写入输出文件 {printable(str(args.output_file))}（{reason(exc)}）。"
            "请检查文件夹是否存在、是否有写权限。\n"
        )
        return EXIT_ERROR
    quick_key = getattr(args, "quick_key", None)  # giplint/commands/quick.py looked it up and missed
    if quick_key is not None and results_cache is not None and len(results) == 1 and not failed and baseline_path is None:
        results_cache.store(quick_key, results[0])
    try:
        render_results(fmt, results, sink or out, registry.rules, human and sink is None)
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
    if (human and sink is None) or args.output_file is not None:
        _summary(args, results, started, err)
    return exit_code(args, results, bool(registry.failures or plan.failures))




def _wrong_previous(results: list[LintResult]) -> list[str]:
    """The messages saying --previous is not last year's report, each once (a --previous report
    of the wrong year would give cross-year findings that mean nothing: nothing is shown)."""
    from giplint.lint import PREVIOUS_YEAR

    found = [f.message for r in results for f in r.failures if f.kind == PREVIOUS_YEAR]
    return list(dict.fromkeys(found))


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
            err.write(f"无法写入输出文件 {printable(str(args.output_file))}（{reason(exc)}）。请检查文件夹是否存在、是否有写权限。\n")
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
