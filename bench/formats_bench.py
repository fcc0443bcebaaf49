"""Per-file cost of HTML and Word input, next to the same report as text.

Why: a report published as a web page or a .docx goes through a reader (HTML parser or
python-docx + lxml) before the grammar sees it; that cost is per file and, for .docx, includes
importing python-docx the first time. The report is rendered from one definition to .txt, .html
(a plain page, and one inside a government site's page chrome) and .docx by the test helpers
`tests/render_formats.py` and `tests/report_defs.py` (another engineer's), so all files carry the
same report; if those helpers are missing, the benchmark says so and skips.

Cold: `giplint FILE` as a subprocess (min and median of N runs; bytecode cached as installed).
Warm: in one process, `lint_bytes` (read + parse + all default rules) repeated, per file, with the
reader's share (`read_document` alone) beside it; the first call (which may import the reader's
libraries) is shown separately.

    .venv/bin/python bench/formats_bench.py [--runs 10]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, Timing, foreign_load, giplint_executable, header, subprocess_env, table


def _helpers() -> tuple[Any, Any] | str:
    """(render_formats, the report definition) or why they cannot be used."""
    if (
        not (REPO / "tests" / "render_formats.py").exists()
        or not (REPO / "tests" / "report_defs.py").exists()
    ):
        return "tests/render_formats.py or tests/report_defs.py does not exist yet"
    sys.path.insert(0, str(REPO / "tests"))  # the helpers import each other as top-level modules
    try:
        import render_formats
        import report_defs
    except Exception as exc:  # noqa: BLE001  a helper being edited may not import; skip, do not fail
        return f"cannot import the test helpers: {exc.__class__.__name__}: {exc}"
    definition = getattr(report_defs, "CLEAN_2021", None)
    if definition is None:
        return "tests/report_defs.py has no CLEAN_2021 definition"
    missing = [
        name for name in ("write_txt", "write_html", "write_docx") if not hasattr(render_formats, name)
    ]
    if missing:
        return f"tests/render_formats.py lacks {', '.join(missing)}"
    return render_formats, definition


def render(directory: Path) -> list[Path] | str:
    helpers = _helpers()
    if isinstance(helpers, str):
        return helpers
    render_formats, definition = helpers
    files = [
        directory / "report.txt",
        directory / "report.html",
        directory / "report-cms.html",
        directory / "report.docx",
    ]
    try:
        render_formats.write_txt(definition, files[0])
        render_formats.write_html(definition, files[1])
        render_formats.write_html(definition, files[2], cms_chrome=True)
        render_formats.write_docx(definition, files[3])
    except Exception as exc:  # noqa: BLE001  as above: report and skip
        return f"rendering failed: {exc.__class__.__name__}: {exc}"
    return files


def _cold(file: Path, runs: int) -> Timing:
    env = subprocess_env()
    command = [giplint_executable(), str(file)]
    subprocess.run(command, capture_output=True, check=False, cwd=REPO, env=env)  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=REPO, env=env)
        samples.append(time.perf_counter() - started)
    return Timing(samples)


def _warm(call: Callable[[], object], seconds: float = 1.0) -> float:
    """Seconds per call, over at least `seconds` and 20 calls (best of 3 batches)."""
    started = time.perf_counter()
    calls = 0
    while calls < 20 or time.perf_counter() - started < seconds / 3:
        call()
        calls += 1
    best = (time.perf_counter() - started) / calls
    for _ in range(2):
        begin = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - begin) / calls)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="cold runs per file (default 10)")
    parser.add_argument("--render-only", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.render_only is not None:
        files = render(args.render_only)
        print(files if isinstance(files, str) else "\n".join(map(str, files)))
        return 1 if isinstance(files, str) else 0

    with tempfile.TemporaryDirectory(prefix="giplint-formats-") as tmp:
        # Rendered in a child process: python-docx imported here would hide the reader's import cost.
        rendered = subprocess.run(
            [sys.executable, __file__, "--render-only", tmp], capture_output=True, text=True, check=False
        )
        if rendered.returncode != 0:
            reason = rendered.stdout.strip() or rendered.stderr.strip().splitlines()[-1:] or ["?"]
            print(f"formats_bench: skipped — {reason if isinstance(reason, str) else reason[0]}")
            return 0
        files = [Path(line) for line in rendered.stdout.split()]
        header("formats_bench: one report (tests/report_defs.py CLEAN_2021) as .txt, .html, .docx")

        from giplint.config import UserConfig, apply_config
        from giplint.plugins import load_registry

        registry = load_registry()
        rules = apply_config(registry.rules, UserConfig(), registry.kinds)
        with foreign_load() as load:
            rows = [_measure(file, args.runs, rules, registry) for file in files]
        table(
            rows,
            [
                "file",
                "KiB",
                "cold min ms",
                "cold median ms",
                "warm 1st call ms",
                "warm ms/file",
                "of which reader ms",
                "findings",
            ],
        )
        print(f"(other processes used {load.cpus:.2f} CPUs on average meanwhile)")
    return 0


def _measure(file: Path, runs: int, rules: Any, registry: Any) -> list[str]:
    """One row: size, cold runs, the first in-process call, warm per-file and reader times."""
    from giplint.lint import lint_bytes, read_document

    data = file.read_bytes()
    name = str(file)
    started = time.perf_counter()
    first = lint_bytes(name, data, rules, registry.kinds, registry.readers)
    first_call = time.perf_counter() - started
    read = _warm(lambda: read_document(name, data, registry.readers))
    full = _warm(lambda: lint_bytes(name, data, rules, registry.kinds, registry.readers))
    cold = _cold(file, runs)
    findings = ", ".join(sorted({d.rule_id for d in first.diagnostics})) or "none"
    if first.failures:
        findings += f"; {len(first.failures)} failure(s): {first.failures[0].message[:80]}"
    return [
        file.name,
        f"{len(data) / 1024:.1f}",
        f"{cold.best * 1000:.0f}",
        f"{cold.median * 1000:.0f}",
        f"{first_call * 1000:.1f}",
        f"{full * 1000:.2f}",
        f"{read * 1000:.2f}",
        findings,
    ]


if __name__ == "__main__":
    sys.exit(main())
