"""One truth: a report gives the same findings whether it is a text export, a web page or a Word file.

Editors have their reports as CMS pages and Word drafts, not as `|`-cell text. Each test here
writes one report (tests/report_defs.py, tests/report_variants.py) in every format
(tests/render_formats.py, tests/pdf_render.py): .txt, plain .html, .html inside a government-site
page, .docx with real merged cells, and PDF with ruled tables, one broken over a page (with and
without its header repeated) and page-number footers; lints each through the real read → parse → lint path; and compares the
findings as (rule_id, message, section) multisets. Positions are not compared: a line of a text
export, a line of HTML source and a Word paragraph number are different things by design.

1. `CLEAN_2021` and one variant per built-in rule's defect (parse-error and unseparated-cells are
   about text exports and have none): the same findings in every format, and the intended rule.
2. The real seeds (../shared/seeds), turned back into definitions by
   `report_variants.seed_to_report` (cells regrouped into rows at their labels; see there) and
   written as HTML and Word: the same findings as the seed's own text.
3. A hand-written county-site page, GBK with ``charset=gb2312`` (fixtures/html/cms-report-2023.html):
   exactly its two deliberate defects, at the HTML source lines of the ``<td>`` and ``<p>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS, lint_file, registry, run_cli
from pdf_render import write_pdf
from render_formats import write_docx, write_html, write_txt
from report_defs import ReportDef
from report_variants import NOT_VARIED, VARIANTS, seed_to_report

from giplint.diagnostics import Diagnostic, Severity
from giplint.readers.html import read_html

Key = tuple[str, str, str]

# pdf: the longest table broken over a page in its middle; header.pdf: broken at a third, with
# its header rows repeated on the next page (tests/pdf_render.py).
FORMATS = ("txt", "html", "cms.html", "docx", "pdf", "header.pdf")


def findings(diagnostics: Iterable[Diagnostic]) -> Counter[Key]:
    """What must not depend on the format: rule, Chinese message, section — as a multiset."""
    return Counter((d.rule_id, d.message, d.section) for d in diagnostics)


def render(report: ReportDef, directory: Path, fmt: str) -> Path:
    """Write `report` in one format under `directory`; return the file."""
    path = directory / f"report.{fmt}"
    if fmt == "txt":
        write_txt(report, path)
    elif fmt == "html":
        write_html(report, path)
    elif fmt == "cms.html":
        write_html(report, path, cms_chrome=True)
    elif fmt == "docx":
        write_docx(report, path)
    elif fmt == "pdf":
        write_pdf(report, path, split=50)
    elif fmt == "header.pdf":
        write_pdf(report, path, split=33, repeat_header=True)
    else:  # pragma: no cover - a typo in a parameter list
        raise ValueError(fmt)
    return path


def _describe(counter: Counter[Key]) -> list[Key]:
    return sorted(counter.elements())


# Seed 004 starts with its title, then repeats it over two lines ("重庆市开州区民政局" /
# "2024年政府信息公开工作年度报告") as many published reports do. In a CMS page the first title goes
# into the page's <h1> outside the article (render_formats' cms_chrome); the HTML reader must keep
# that <h1> and the organ line, or the page gets GIP405 年报标题缺少机关名称 that the other formats
# of the same report do not (a regression test for a bug found here).


# ---------------------------------------------------------------------------------------------
# 1. The clean report and one variant per rule


def test_every_built_in_rule_has_a_variant_or_a_reason() -> None:
    names = {rule.name for rule in registry().rules if rule.plugin == "giplint"}
    assert names == (set(VARIANTS) - {"clean"}) | set(NOT_VARIED)


# Where a format rightly differs: the government site's page (cms.html) shows its own 发布时间
# (2025-01-20, in time), which the deadline rules take before the 落款 the report closes with; and
# its reader leaves out the paragraph before 一 when the report has no title of its own (the
# page furniture sits there), so the statistical period of the missing-title variant is not read.
FORMAT_DIFFERS: dict[tuple[str, str], set[str]] = {
    ("published-late", "cms.html"): {"GIP410"},
    ("published-before-year-end", "cms.html"): {"GIP416"},
    ("missing-title", "cms.html"): {"GIP414"},
}


@pytest.mark.parametrize("rule", list(VARIANTS))
def test_variant_gives_the_same_findings_in_every_format(rule: str, tmp_path: Path) -> None:
    report = VARIANTS[rule]()
    by_format = {fmt: lint_file(render(report, tmp_path, fmt)) for fmt in FORMATS}
    text = findings(by_format["txt"])
    for fmt in FORMATS[1:]:
        differs = FORMAT_DIFFERS.get((rule, fmt), set())
        assert _describe(findings(d for d in by_format[fmt] if d.rule_id not in differs)) == _describe(
            findings(d for d in by_format["txt"] if d.rule_id not in differs)
        ), fmt

    if rule == "clean":
        assert [d for d in by_format["txt"] if d.severity >= Severity.WARNING] == []
    else:
        assert rule in {d.rule_name for d in by_format["txt"]}, _describe(text)


def _title_over_two_lines() -> ReportDef:
    """The seed-004 layout on the clean report (no ../shared needed): title, then organ / year."""
    report = VARIANTS["clean"]()
    report[1:1] = [("p", "云溪县自然资源局"), ("p", "2024年政府信息公开工作年度报告")]
    return report


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_title_repeated_over_two_lines_is_clean(fmt: str, tmp_path: Path) -> None:
    assert _describe(findings(lint_file(render(_title_over_two_lines(), tmp_path, fmt)))) == []


def test_title_repeated_over_two_lines_is_clean_in_a_cms_page(tmp_path: Path) -> None:
    assert _describe(findings(lint_file(render(_title_over_two_lines(), tmp_path, "cms.html")))) == []


def test_variants_are_fresh_copies() -> None:
    first = VARIANTS["clean"]()
    first.clear()
    assert VARIANTS["clean"]()  # editing one definition never changes the next


# ---------------------------------------------------------------------------------------------
# 2. The real seeds, rewritten as HTML and Word

SEED_PATHS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def _seed_params() -> list[object]:
    if not SEED_PATHS:
        return [pytest.param(None, "html", marks=pytest.mark.skip(reason="../shared is not present"))]
    params: list[object] = []
    for path in SEED_PATHS:
        for fmt in FORMATS[1:]:
            params.append(pytest.param(path, fmt, id=f"{path.stem[:3]}-{fmt}"))
    return params


@pytest.mark.parametrize(("seed", "fmt"), _seed_params())
def test_seed_gives_the_same_findings_as_html_word_and_pdf(seed: Path, fmt: str, tmp_path: Path) -> None:
    expected = findings(lint_file(seed))
    report = seed_to_report(seed.read_text(encoding="utf-8"))
    # The definition's own text rendering first: the conversion kept every cell the seed has.
    assert _describe(findings(lint_file(render(report, tmp_path, "txt")))) == _describe(expected)
    # The government site's page shows its own 发布时间 (2025-01-20), which is not the seed's: the
    # deadline rules rightly read it there, so they are not compared for that format.
    page_date = {"GIP410", "GIP416"} if fmt == "cms.html" else set()
    found = [d for d in lint_file(render(report, tmp_path, fmt)) if d.rule_id not in page_date]
    assert _describe(findings(found)) == _describe(expected)


def test_seed_conversion_keeps_cells_in_order() -> None:
    text = "二、主动公开政府信息情况\n第二十条第(一)项 | |||\n规章 |\n0\n|\n71 | ||\n三、收到\n正文。\n"
    assert seed_to_report(text, layout="column") == [
        ("p", "二、主动公开政府信息情况"),
        ("table", [["第二十条第(一)项"], [""], [""], [""], ["规章"], ["0"], ["71"], [""], [""]]),
        ("p", "三、收到"),
        ("p", "正文。"),
    ]
    assert seed_to_report(text) == [
        ("p", "二、主动公开政府信息情况"),
        ("table", [["第二十条第(一)项", "", "", ("", 1, 2)], ["规章", "0", "71", "", ""]]),
        ("p", "三、收到"),
        ("p", "正文。"),
    ]


# ---------------------------------------------------------------------------------------------
# 3. A real CMS-style page

CMS_PAGE = FIXTURES / "html" / "cms-report-2023.html"
TOTAL_TD_LINE = 155  # <td …> of （七）总计's 总计 cell, written 26 for 25
SIX_HEADING_LINE = 176  # <p …><b><span …>六、其他需要报告的事项, and 六 never says 信息处理费


def test_cms_page_is_gbk_declared_gb2312() -> None:
    data = CMS_PAGE.read_bytes()
    assert b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    source = data.decode("gbk").splitlines()
    assert source[TOTAL_TD_LINE - 1].startswith("<td ")
    assert "<span>26</span>" in source[TOTAL_TD_LINE]
    assert "（七）总计" in source[TOTAL_TD_LINE - 21]  # the row's label cell, 7 cells before
    assert source[SIX_HEADING_LINE - 1].startswith("<p ")
    assert "六、其他需要报告的事项" in source[SIX_HEADING_LINE - 1]


def test_cms_page_reads_without_its_chrome() -> None:
    doc = read_html(str(CMS_PAGE), CMS_PAGE.read_bytes())
    lines = doc.text.splitlines()
    assert doc.encoding == "gb18030"
    assert lines[0] == "青岚县市场监督管理局2023年政府信息公开工作年度报告"
    assert lines[-2:] == ["青岚县市场监督管理局", "2024年1月25日"]
    for furniture in ("当前位置", "来源：", "浏览次数", "字号", "分享到", "打印", "上一篇", "网站地图",
                      "主办单位", "网站标识码", "ICP", "公网安备", "document.write"):  # fmt: skip
        assert furniture not in doc.text, furniture


CLOSED_LINE = 75  # the paragraph of 一 saying 办结25件


def test_cms_page_findings_are_exactly_its_defects() -> None:
    diagnostics = lint_file(CMS_PAGE)
    assert sorted((d.rule_id, d.span.line, d.span.column, d.section) for d in diagnostics) == [
        ("GIP301", TOTAL_TD_LINE, 1, "三"),  # 总计 column: （七）总计 26 + 四 2 ≠ 一 26 + 二 1
        ("GIP302", TOTAL_TD_LINE, 1, "三"),  # （七）总计 26 ≠ the result rows' 25
        ("GIP303", TOTAL_TD_LINE, 1, "三"),  # （七）总计 row: 26 ≠ 21 + 3 + 0 + 0 + 1 + 0
        ("GIP402", SIX_HEADING_LINE, 1, "六"),
        # 一 says 办结25件 (what the result rows add up to) beside the wrong （七）总计 26
        ("GIP409", CLOSED_LINE, 1, "一"),
    ]
    messages = {d.rule_id: d.message for d in diagnostics}
    assert "= 28，应等于 一、本年新收 + 二、上年结转 = 27" in messages["GIP301"]
    assert "填写为 26，各项办理结果之和为 25" in messages["GIP302"]
    assert "填写为 26，六类申请人之和为 25" in messages["GIP303"]
    assert messages["GIP402"] == "“六、其他需要报告的事项”没有说明信息处理费的收取情况。"


def test_cms_page_fails_the_cli() -> None:
    code, out, err = run_cli("--format", "concise", str(CMS_PAGE))
    assert (code, err) == (1, "")
    assert f"cms-report-2023.html:{TOTAL_TD_LINE}:1: GIP302 [error]" in out
    assert f"cms-report-2023.html:{SIX_HEADING_LINE}:1: GIP402 [warning]" in out
    assert f"cms-report-2023.html:{CLOSED_LINE}:1: GIP409 [warning]" in out
    assert len(out.splitlines()) == 5
