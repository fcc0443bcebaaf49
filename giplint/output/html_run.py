"""``giplint check --format html``: the pages of a run written out (giplint/output/html_report.py).

One report: its page to standard output or to ``--output-file``. Any number of reports with
``--output-dir DIR``: ``DIR/index.html`` listing them, and one page per report beside it. A result
the result cache answered has no view of its report: the report is read again here, through the
read path, and a report that cannot be read gets a line in the index, not a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from giplint.lint import LintResult, read_bytes, read_document
from giplint.oserrors import reason
from giplint.output.html_report import entry, render_index, render_page
from giplint.output.html_view import ReportView, view_of
from giplint.parse import parse_document
from giplint.source import InputError

if TYPE_CHECKING:
    from giplint.engine.run import Target

INDEX = "index.html"


def view_for(result: LintResult, target: Target | None, readers: Sequence[object]) -> ReportView | None:
    """The result's view of its report, reading the report again when the cache answered."""
    if result.view is not None:
        return result.view  # type: ignore[no-any-return]
    if target is None or (result.failures and result.identity is None):
        return None
    try:
        data = target.data if target.data is not None else read_bytes(target.path)  # type: ignore[arg-type]
        return view_of(parse_document(read_document(target.name, data, readers)))  # type: ignore[arg-type]
    except (InputError, Exception):  # noqa: BLE001  it was read once already: say so in the index, go on
        return None


def page_name(path: str, taken: set[str]) -> str:
    """A file name for a report's page: its path with separators and unsafe characters replaced,
    ``.html`` added, unique within the run."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", path.strip("./\\")) or "report"
    stem = stem[-120:]
    name = f"{stem}.html"
    counter = 2
    while name.casefold() in taken or name.casefold() == INDEX:
        name = f"{stem}-{counter}.html"
        counter += 1
    taken.add(name.casefold())
    return name


def _common_folder(paths: list[str]) -> str:
    """The folder prefix (with its separator) all the paths share, "" if none: page names are
    the paths below it (``2024/县政府.txt.html``, not the whole absolute path)."""
    folders = [p.replace("\\", "/").rpartition("/")[0] for p in paths]
    if not folders or any(not f for f in folders):
        return ""
    prefix = folders[0]
    for folder in folders[1:]:
        while prefix and not (folder == prefix or folder.startswith(prefix + "/")):
            prefix = prefix.rpartition("/")[0]
    return prefix + "/" if prefix else ""


def _write(out: IO[str], page: str) -> None:
    """UTF-8 whatever the console's code page (a GBK console redirected to a file must still
    give a page the browser reads as its <meta charset> says)."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(page.encode("utf-8"))
        buffer.flush()
    else:
        out.write(page)


def write_one(result: LintResult, view: ReportView | None, cross_checked: bool, out: IO[str]) -> bool:
    if view is None:
        return False
    _write(out, render_page(view, result.diagnostics, [f.message for f in result.failures], cross_checked))
    return True


def write_folder(
    results: Sequence[LintResult],
    views: Sequence[ReportView | None],
    cross_checked: set[str],
    folder: Path,
    inputs: set[Path],
) -> tuple[int, str | None]:
    """Write the index and the pages; (pages written, a Chinese error or None). Nothing is
    written when a page would overwrite an input; a page is rendered just before it is written,
    so a run of thousands of reports never holds their pages at once."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return 0, f"无法创建输出文件夹 {folder}（{reason(exc)}）。请检查路径和写权限。"
    taken: set[str] = set()
    common = _common_folder([r.path for r in results])
    entries = []
    pages: list[tuple[str, LintResult, ReportView, bool]] = []  # each page is rendered as it is written
    for result, view in zip(results, views, strict=True):
        checked = result.path in cross_checked
        href = page_name(result.path[len(common) :], taken) if view is not None else ""
        entries.append(entry(href, result.path, view, result, checked))
        if view is not None:
            pages.append((href, result, view, checked))
    for name in [href for href, _, _, _ in pages] + [INDEX]:
        if (folder / name).resolve() in inputs:
            return 0, f"输出文件 {folder / name} 是要检查的文件之一，写入会覆盖它。请换一个 --output-dir 文件夹。"
    try:
        for href, result, view, checked in pages:
            page = render_page(
                view, result.diagnostics, [f.message for f in result.failures], checked, result.path, INDEX
            )
            (folder / href).write_text(page, encoding="utf-8")
        (folder / INDEX).write_text(render_index(entries), encoding="utf-8")
    except OSError as exc:
        return 0, f"无法写入 {folder}（{reason(exc)}）。请检查文件夹的写权限。"
    return len(pages), None
