"""Per-PDF cost: the real Huaian 2024 PDF (6 pages) and a seed rendered as PDF, cold and warm,
and the reader's cost per page on PDFium beside the pdfminer reader it replaced (issue 19).

Why: the reader was 98 % of a PDF's cost on pdfminer.six (pure Python content parsing). The
reader per page is measured for both engines in one run, interleaved (old, new, old, new …) so
that a busy machine slows both alike: `read_canonical` in process (the reader's work without
the bounded child), and `read_pdf` (with the forked child, as giplint runs it). The old reader
is giplint/readers/pdf.py as of OLD_COMMIT, loaded from git (pdfminer); skipped without git.

With `--baseline REV` the PDFium reader of another commit (`git archive REV`, e.g. main before
a change) is timed beside this checkout's, each in its own process (`read_canonical` per page),
in alternating rounds so that the machine's load falls on both alike: before/after in one run.

Cold: `giplint FILE` as a subprocess (min and median of N runs), so importing the engine is in it.
Warm: `lint_bytes` in one process (read + parse + all default rules), repeated, with the reader's
share (`read_pdf` alone) beside it.

    .venv/bin/python bench/pdf_bench.py [--runs 5] [--baseline REV [--rounds 3]] [--shared DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, giplint_executable, header, subprocess_env, table

OLD_COMMIT = "6ff27bb"  # the last reader on pdfminer (bounded child already)
SHARED = REPO.parent / "shared"  # --shared DIR: another place (a worktree has none beside it)
HUAIAN = SHARED / "corpus" / "013_huaian-city_2024.pdf"
SEEDS = SHARED / "seeds"
# Run in a fresh process with a checkout on PYTHONPATH: read_canonical's CPU time per page, `runs`
# times a file (the reader is single-threaded: its CPU time is its cost, wall time adds the waits
# for CPUs that the other engineers' jobs hold).
_TIMER = """
import json, sys, time
from giplint.readers import pdf
pdf.engine()
import pypdfium2
runs, paths, result = int(sys.argv[1]), sys.argv[2:], {}
for path in paths:
    data = open(path, "rb").read()
    pages = len(pypdfium2.PdfDocument(data))
    pdf.read_canonical(path, data)
    times = []
    for _ in range(runs):
        start = time.process_time()  # CPU time: others' load on the shared CPUs counts less
        pdf.read_canonical(path, data)
        times.append((time.process_time() - start) * 1000 / pages)
    result[path] = times
print(json.dumps({"result": result, "module": pdf.__file__}))
"""


def _seed_pdf(directory: Path) -> Path | None:
    """The first seed as a PDF (tests/pdf_render.py), its longest table broken over a page."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        return None
    sys.path.insert(0, str(REPO / "tests"))
    from pdf_render import write_pdf
    from report_variants import seed_to_report

    path = directory / f"seed-{seeds[0].stem[:3]}.pdf"
    write_pdf(seed_to_report(seeds[0].read_text(encoding="utf-8")), path, split=50)
    return path


def _pages(path: Path) -> int:
    import pypdfium2

    return len(pypdfium2.PdfDocument(path))


def _old_reader(directory: Path) -> object | None:
    """giplint/readers/pdf.py on pdfminer (OLD_COMMIT), as module `pdf_pdfminer`."""
    import importlib.util

    done = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{OLD_COMMIT}:giplint/readers/pdf.py"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        return None
    source = directory / "pdf_pdfminer.py"
    source.write_text(done.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("pdf_pdfminer", source)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pdf_pdfminer"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _per_page(files: list[Path], runs: int, directory: Path) -> None:
    """ms per page of the reader: pdfminer (old) and PDFium (new), interleaved, median of runs."""
    from giplint.readers import pdf as new

    old = _old_reader(directory)
    new.engine()
    readers: list[tuple[str, object]] = [("PDFium read_canonical", new.read_canonical)]
    readers.append(("PDFium read_pdf (forked child)", new.read_pdf))
    if old is not None:
        readers.insert(0, ("pdfminer read_canonical (old)", old.read_canonical))  # type: ignore[attr-defined]
    rows = []
    for path in files:
        data, pages = path.read_bytes(), _pages(path)
        times: dict[str, list[float]] = {name: [] for name, _ in readers}
        for _ in range(runs):
            for name, read in readers:
                start = time.perf_counter()
                read(str(path), data)  # type: ignore[operator]
                times[name].append((time.perf_counter() - start) * 1000 / pages)
        before, after = old.read_canonical(str(path), data) if old else {}, new.read_canonical(str(path), data)  # type: ignore[attr-defined]
        same = old is None or all(before[key] == after[key] for key in ("lines", "origins"))  # not "created": newer
        base = statistics.median(times[readers[0][0]])
        for name, _ in readers:
            median = statistics.median(times[name])
            rows.append((path.name, pages, name, f"{min(times[name]):.1f}", f"{median:.1f}", f"{base / median:.1f}×"))
        rows.append((path.name, pages, "same canonical text and origins", "yes" if same else "NO", "", ""))
    table(rows, ["file", "pages", "reader", "ms/page min", "ms/page median", "vs first"])
    print("   target: ≤ 10 ms per page in the reader, ≥ 5× faster than pdfminer")


def _versus(files: list[Path], runs: int, rounds: int, baseline: str, directory: Path) -> None:
    """CPU ms per page of `read_canonical`: the checkout at `baseline` and this one, alternating."""
    before = directory / "baseline"
    before.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", baseline], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
    checkouts = {f"{baseline} (before)": before, "this checkout": REPO}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(rounds):
        for name, checkout in checkouts.items():
            env = {**subprocess_env(), "PYTHONPATH": str(checkout)}
            done = subprocess.run(
                [sys.executable, "-c", _TIMER, str(runs), *map(str, files)],
                capture_output=True, text=True, env=env, check=True, cwd=checkout,  # -c puts the cwd first
            )  # fmt: skip
            answer = json.loads(done.stdout)
            assert Path(answer["module"]).is_relative_to(checkout), answer["module"]  # the right reader
            for path, values in answer["result"].items():
                times.setdefault((Path(path).name, name), []).extend(values)
    rows = []
    for path in files:
        base = statistics.median(times[(path.name, f"{baseline} (before)")])
        for name in checkouts:
            values = times[(path.name, name)]
            median = statistics.median(values)
            rows.append((path.name, name, f"{min(values):.1f}", f"{median:.1f}", f"{base / median:.2f}×"))
    table(rows, ["file", "PDFium reader", "CPU ms/page min", "CPU ms/page median", "speed vs before"])
    print(f"   {rounds} rounds × {runs} reads, alternating; load average now {os.getloadavg()[0]:.1f}")


def _cold(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [giplint_executable(), str(path)], capture_output=True, env=subprocess_env(), check=False
        )
        times.append(time.perf_counter() - start)
    return times


def _warm(path: Path, runs: int) -> tuple[float, list[float], list[float]]:
    from giplint.lint import lint_bytes
    from giplint.plugins import load_registry
    from giplint.readers.pdf import read_pdf

    registry = load_registry()
    data = path.read_bytes()
    start = time.perf_counter()
    lint_bytes(str(path), data, registry.rules, registry.kinds, registry.readers)
    first = time.perf_counter() - start
    lint, read = [], []
    for _ in range(runs):
        start = time.perf_counter()
        lint_bytes(str(path), data, registry.rules, registry.kinds, registry.readers)
        lint.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_pdf(str(path), data)
        read.append(time.perf_counter() - start)
    return first, lint, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", metavar="REV", help="also time the PDFium reader of this commit")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds with --baseline")
    parser.add_argument("--shared", type=Path, help="the shared folder (default: ../shared)")
    parser.add_argument("--only-baseline", action="store_true", help="with --baseline: nothing else")
    args = parser.parse_args()
    global HUAIAN, SEEDS
    if args.shared is not None:
        HUAIAN, SEEDS = args.shared / "corpus" / HUAIAN.name, args.shared / "seeds"
    header("PDF input: cost per file")
    with tempfile.TemporaryDirectory() as tmp:
        files = [path for path in (HUAIAN if HUAIAN.is_file() else None, _seed_pdf(Path(tmp))) if path]
        if not files:
            print("   skipped: ../shared (corpus and seeds) is not present")
            return
        if args.baseline:
            _versus(files, args.runs, args.rounds, args.baseline, Path(tmp))
            if args.only_baseline:
                return
        _per_page(files, args.runs, Path(tmp))
        rows = []
        for path in files:
            cold = _cold(path, args.runs)
            first, lint, read = _warm(path, args.runs)
            rows.append(
                (
                    path.name,
                    _pages(path),
                    f"{min(cold):.2f} / {statistics.median(cold):.2f}",
                    f"{first:.2f}",
                    f"{min(lint):.2f} / {statistics.median(lint):.2f}",
                    f"{statistics.median(read):.2f}",
                )
            )
        table(
            rows,
            [
                "file",
                "pages",
                "cold s (min/median)",
                "warm first s",
                "warm lint s (min/median)",
                "read_pdf s",
            ],
        )
        print("   target: warm under 1 s for a 6-page report")


if __name__ == "__main__":
    main()
