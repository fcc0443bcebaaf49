"""The publication deadline (GIP410 late, GIP416 before the year's end): which date is used and
that the finding says so — --published, the configuration's `published:` by glob, the web page's
发布日期, the 落款, the PDF's creation date — and bad dates are usage or configuration errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, REPORTS, lint_file, need_shared, run_cli


def _deadline(out: str) -> list[dict[str, object]]:
    return [d for f in json.loads(out) for d in f["diagnostics"] if d["rule"] in ("GIP410", "GIP416")]


def test_published_option_is_the_date_used_and_named(tmp_path: Path) -> None:
    report = tmp_path / "clean-2021.txt"
    shutil.copy(REPORTS / "clean-2021.txt", report)
    code, out, _ = run_cli(str(report), "--published", "2025-02-03", "--format", "json", "--no-cache")
    assert code == 0  # a warning: below the default --fail-on error
    found = _deadline(out)
    assert [d["rule"] for d in found] == ["GIP410"]
    assert "2025-02-03（命令行 --published）" in str(found[0]["message"])
    assert "2025-01-31" in str(found[0]["message"])  # a district bureau: a department
    _code, out, _ = run_cli(str(report), "--published", "2025-01-20", "--format", "json", "--no-cache")
    assert _deadline(out) == []


def test_published_in_the_configuration_by_glob(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    report = tmp_path / "2024" / "clean-2021.txt"
    shutil.copy(REPORTS / "clean-2021.txt", report)
    (tmp_path / ".giplint.yaml").write_text('published:\n  "2024/*.txt": 2024-12-30\n', encoding="utf-8")
    code, out, _ = run_cli(str(report), "--format", "json", "--no-cache")
    assert code == 1  # an error
    found = _deadline(out)
    assert [(d["rule"], d["severity"]) for d in found] == [("GIP416", "error")]
    assert "配置文件的 published" in str(found[0]["message"])
    # the command line wins over the configuration
    _code, out, _ = run_cli(str(report), "--format", "json", "--no-cache", "--published", "2025-01-10")
    assert _deadline(out) == []


@pytest.mark.parametrize("bad", ["2025-13-01", "20250120", "明年"])
def test_a_bad_published_date_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    report = tmp_path / "clean-2021.txt"
    shutil.copy(REPORTS / "clean-2021.txt", report)
    code, out, err = run_cli(str(report), "--published", bad)
    assert (code, out) == (2, "")
    assert "YYYY-MM-DD" in err


def test_a_bad_configured_date_is_a_configuration_error(tmp_path: Path) -> None:
    report = tmp_path / "clean-2021.txt"
    shutil.copy(REPORTS / "clean-2021.txt", report)
    (tmp_path / ".giplint.yaml").write_text('published:\n  "*.txt": 2025-02-30\n', encoding="utf-8")
    code, _out, err = run_cli(str(report))
    assert code == 2 and err.startswith("配置错误："), err
    assert "YYYY-MM-DD" in err


def test_the_page_date_and_the_pdf_date_are_read() -> None:
    from conftest import parse_file

    page = parse_file(FIXTURES / "html" / "cms-report-2023.html").document
    assert (page.published, page.published_from) == ("2024-01-26", "page")
    need_shared()
    pdf = parse_file(CORPUS / "013_huaian-city_2024.pdf").document
    assert (pdf.published, pdf.published_from) == ("2025-02-25", "pdf")


def test_the_corpus_is_published_in_time() -> None:
    """Every dated report in ../shared was published by its deadline: 平潭 (an 实验区's own report,
    by 3月31日) from the crawled page's 发布时间, 沭阳县发改局 (a department, by 1月31日) from its
    落款 2024年1月17日, 淮安市人民政府 from the PDF's creation date 2025-02-25."""
    need_shared()
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".html", ".pdf") and path.name != "README.md":
            assert [d for d in lint_file(path) if d.rule_id in ("GIP410", "GIP416")] == [], path.name
