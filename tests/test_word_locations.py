"""Where a finding is in a Word report (issue 16 item 4): Word shows no paragraph numbers, so a
location names the page when the document states its pages (Word's rendered page breaks, else
page breaks the author typed), or else the nearest heading; never a bare 第N段. The file position
for tools (line:col, the `page` field) stays."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
from conftest import REPORTS, run_cli
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

EMPTY_SIX = REPORTS / "empty-six.txt"
BARE = re.compile(r"第\d+段")


def _word(path: Path, *, typed_break_before: str = "", rendered_before: tuple[str, ...] = ()) -> Path:
    """EMPTY_SIX as Word paragraphs, one per line (its table lines read as the text's); a typed
    page break (分页符) at the end of the paragraph before `typed_break_before`, and Word's
    rendered page breaks (as Word saves them) at the start of each paragraph in `rendered_before`."""
    document = docx.Document()
    for line in EMPTY_SIX.read_text(encoding="utf-8").splitlines():
        if typed_break_before and line.startswith(typed_break_before):
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if line and line.startswith(rendered_before):
            run._r.insert(0, run._r.makeelement(qn("w:lastRenderedPageBreak"), {}))
    document.save(str(path))
    return path


def _six(path: Path) -> dict[str, object]:
    code, out, _ = run_cli(str(path), "--format", "json", "--no-cache", "--select", "GIP401")
    assert code == 1
    (finding,) = json.loads(out)[0]["diagnostics"]
    return finding  # type: ignore[no-any-return]


def test_without_pages_the_nearest_heading_is_named(tmp_path: Path) -> None:
    from giplint.readers.docx import read_docx

    path = _word(tmp_path / "年报.docx")
    finding = _six(path)  # GIP401 stands at 六's heading: the heading is named
    assert finding["location"] == "“六、其他需要报告的事项”"
    assert finding["page"] == 0 and finding["line"] > 1  # the position for tools stays
    document = read_docx("年报.docx", path.read_bytes())
    six = document.text.index("六、其他需要报告的事项")
    assert document.location(document.text.index("无", six)) == "“六、其他需要报告的事项”后第1段"
    active = document.text.index("(一)主动公开")
    assert document.location(active) == "“(一)主动公开”"  # a sub-heading typed as (一) is one too
    assert document.location(document.text.index("\n", active) + 1) == "“(一)主动公开”后第1段"
    assert document.location(0) == "文首第1段"  # the title (no 一、 and no heading style)


def test_a_typed_page_break_gives_the_page(tmp_path: Path) -> None:
    finding = _six(_word(tmp_path / "年报.docx", typed_break_before="五、"))
    # page 2 begins with 五's heading; 五 has a heading and one paragraph, then 六 and its 无。
    assert (finding["location"], finding["page"]) == ("第2页第4段", 2)


def test_word_s_rendered_page_breaks_give_the_page(tmp_path: Path) -> None:
    """Word's own pagination wins over typed breaks (which it also renders: counted once)."""
    path = _word(tmp_path / "年报.docx", typed_break_before="三、", rendered_before=("四、政府信息公开行政复议", "六、其他"))
    finding = _six(path)
    assert (finding["location"], finding["page"]) == ("第3页第1段", 3)
    code, out, _ = run_cli(str(path), "--no-cache", "--select", "GIP401")
    assert code == 1 and out.splitlines()[0].startswith(f"{path} 第3页第1段 第六部分 错误 GIP401")


def test_the_template_s_word_file_has_no_bare_paragraph_number(tmp_path: Path) -> None:
    draft = tmp_path / "2025年报.docx"
    assert run_cli("template", "--organ", "某某县某某局", "--year", "2025", "-o", str(draft))[0] == 0
    code, out, _ = run_cli(str(draft), "--format", "json", "--no-cache")
    findings = json.loads(out)[0]["diagnostics"]
    assert code == 0 and findings  # blank cells and sections to fill: warnings
    for finding in findings:
        location = finding["location"]
        assert location and not BARE.fullmatch(location), location
        assert re.fullmatch(r"第\d+个表格第\d+行第\d+列|“[^”]+”(后第\d+段)?|文首第\d+段", location), location


def test_every_paragraph_location_of_a_word_report_names_a_page_or_a_heading(tmp_path: Path) -> None:
    from giplint.readers.docx import read_docx

    for kwargs in ({}, {"typed_break_before": "四、"}):
        path = _word(tmp_path / "r.docx", **kwargs)  # type: ignore[arg-type]
        document = read_docx("r.docx", path.read_bytes())
        locations = {document.location(document.text.index(line)) for line in document.text.splitlines() if line}
        assert not {loc for loc in locations if BARE.fullmatch(loc)}
        paged = all(loc.startswith("第") and "页" in loc for loc in locations)
        assert paged == bool(kwargs), sorted(locations)[:5]
