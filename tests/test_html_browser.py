"""--format html in a real browser: headless Chromium (Debian's ``chromium``; .ci/run installs it).

Each page -- seeds 000 and 001, a PDF report, a compare page -- is opened by Chromium; from the DOM
the browser built (``--dump-dom``) every finding of the JSON output must be marked at its element
and the checklist must agree with the findings; Chromium's network log (``--log-net-log``) must
show no request the page made; a screenshot of each is written beside it under the test's tmp
dir (look at them: ``pytest -m slow tests/test_html_browser.py --basetemp=/tmp/shots``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CORPUS, REPORTS, SEEDS, need_shared, run_cli
from html_check import checklist_problems, external_references, mark_problems, notes, parse

pytestmark = pytest.mark.slow

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (Debian: apt-get install -y chromium; .ci/run does it)")


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = page.parent / f"{page.stem}-profile"
    return subprocess.run(
        [_chromium(), *_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def page_requests(netlog: Path) -> list[str]:
    """The URLs the page itself requested (Chromium's own update and account requests have no
    origin as initiator; the page's have its file:// origin)."""
    data = json.loads(netlog.read_text(encoding="utf-8"))
    names = {number: name for name, number in data["constants"]["logEventTypes"].items()}
    found = []
    for event in data["events"]:
        params = event.get("params", {})
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        if params.get("initiator") == "not an origin" or params["url"].startswith(("file:", "data:", "about:")):
            continue
        found.append(params["url"])
    return found


def open_in_browser(page: Path) -> tuple[str, list[str]]:
    """(the DOM as Chromium built it, the URLs the page requested); a screenshot beside it."""
    netlog = page.with_suffix(".netlog.json")
    dumped = _run(page, "--virtual-time-budget=2000", f"--log-net-log={netlog}", "--dump-dom")
    assert dumped.returncode == 0 and "<html" in dumped.stdout, dumped.stderr[-2000:]
    shot = page.with_suffix(".png")
    taken = _run(page, "--window-size=1240,3200", f"--screenshot={shot}")
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", taken.stderr[-2000:]
    return dumped.stdout, page_requests(netlog)


def test_the_network_check_sees_a_page_request(tmp_path: Path) -> None:
    """The check below can fail: a page with an image from elsewhere is caught twice."""
    page = tmp_path / "fetches.html"
    page.write_text('<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/x.png">', encoding="utf-8")
    dom, requests = open_in_browser(page)
    assert requests == ["http://127.0.0.1:9/x.png"]
    assert external_references(parse(dom)) == ["<img>", "src=http://127.0.0.1:9/x.png"]


def _check_page(tmp_path: Path, name: str, report: Path) -> None:
    code, out, err = run_cli("--format", "json", "--no-cache", str(report))
    assert code in (0, 1), err
    (result,) = json.loads(out)
    page = tmp_path / f"{name}.html"
    code, _, err = run_cli("--format", "html", "--no-cache", "--output-file", str(page), str(report))
    assert code in (0, 1), err
    dom, requests = open_in_browser(page)
    tree = parse(dom)
    assert mark_problems(tree, result["diagnostics"]) == []
    assert checklist_problems(tree, result["diagnostics"], cross_checked=False) == []
    assert external_references(tree) == [] and requests == []


@pytest.mark.parametrize("seed", ["000", "001"])
def test_seed_page_in_the_browser(tmp_path: Path, seed: str) -> None:
    need_shared()
    (report,) = SEEDS.glob(f"{seed}_*.txt")
    _check_page(tmp_path, f"seed-{seed}", report)


def test_pdf_report_page_in_the_browser(tmp_path: Path) -> None:
    report = CORPUS / "013_huaian-city_2024.pdf"
    if not report.is_file():  # without the shared corpus: a PDF written here, as Word prints one
        from pdf_render import write_pdf
        from report_defs import CLEAN_2021

        report = tmp_path / "report.pdf"
        write_pdf(CLEAN_2021, report, split=50)
    _check_page(tmp_path, "pdf", report)


def test_compare_page_in_the_browser(tmp_path: Path) -> None:
    old, new = REPORTS / "previous-2023-copied.txt", REPORTS / "clean-2021.txt"
    code, out, err = run_cli("compare", str(old), str(new), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    page = tmp_path / "compare.html"
    code, out, err = run_cli("compare", str(old), str(new), "--format", "html")
    assert code == 0, err
    page.write_text(out, encoding="utf-8")
    dom, requests = open_in_browser(page)
    tree = parse(dom)
    assert external_references(tree) == [] and requests == []
    assert sorted(n.get("data-rule") for n in notes(tree)) == sorted(f["rule"] for f in data["findings"])
    changed = [e for e in tree.iter("td") if "changed" in (e.get("class") or "").split() and e.get("id")]
    assert len(changed) == sum(
        1 for t in data["tables"] for r in t["rows"] for f in r["figures"] if f["change"] not in (None, 0)
    )
    reused = [e for e in tree.iter("td") if e.get("data-reused") == "true"]
    assert len(reused) == sum(s["copied"] for s in data["text_reuse"]) > 0
