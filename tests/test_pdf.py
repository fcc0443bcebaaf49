"""The PDF reader: a real published report, positions in every output format, and bad PDFs.

That a PDF gives the same findings as the same report's text is tested with the other formats
in test_one_truth.py (every rule's variant and every seed, with a table broken over a page).
Here: the Huaian 2024 PDF from ../shared/corpus (a correct report; table 三 continues onto the
next page, where the page break cut two merged label cells); where findings point in a PDF;
the Kangxi radicals some fonts emit; and one test per kind of PDF that cannot be read.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import CORPUS, lint_file, run_cli
from pdf_render import kangxi_pdf, scanned_pdf, text_pdf, write_pdf
from report_variants import VARIANTS
from test_formats import JSON_SCHEMA, sarif_schema, validate  # noqa: F401  sarif_schema is a fixture

from giplint.diagnostics import Severity
from giplint.parse import parse_document
from giplint.readers import pdf as pdf_reader
from giplint.readers._pdf_lower import Margins
from giplint.readers._pdf_page import Line
from giplint.readers.pdf import fold_characters, read_pdf
from giplint.source import InputError

HUAIAN = CORPUS / "013_huaian-city_2024.pdf"
needs_huaian = pytest.mark.skipif(not HUAIAN.is_file(), reason="../shared/corpus is not present")


# ---------------------------------------------------------------------------------------------
# The real PDF


@needs_huaian
def test_huaian_is_clean() -> None:
    """Nothing above info but GIP411: a 人民政府's 五 should say how last year's problems were
    rectified (国办公开办函〔2021〕30号, issue 17 item 4), and Huaian's does not."""
    found = [d for d in lint_file(HUAIAN) if d.severity > Severity.INFO]
    assert [(d.rule_id, d.section) for d in found] == [("GIP411", "五")]
    assert "上一年度问题的整改情况" in found[0].message


@needs_huaian
def test_huaian_reads_its_tables_across_the_page_breaks() -> None:
    document = read_pdf(str(HUAIAN), HUAIAN.read_bytes())
    lines = document.text.splitlines()
    assert lines[0] == "淮安市人民政府2024 年政府信息公开工作年度报告"  # the title over two lines
    # the merged label cells the break between pages 4 and 5 cut are whole again
    assert "（四）无法提供 |" in lines
    assert "三、本年度办理结果 |" in lines
    assert not any(furniture in lines for furniture in ("- 4 -", "- 5 -"))
    table = parse_document(document).table("applications")
    assert table is not None
    assert table.row("results_total")["total"].value == 3050
    assert table.row("needs_creation")["natural_person"].value == 11  # the first row on page 5
    assert table.row("carried_forward")["total"].value == 103


@needs_huaian
def test_huaian_positions_name_page_and_line() -> None:
    document = read_pdf(str(HUAIAN), HUAIAN.read_bytes())
    six = document.text.index("六、其他需要报告的事项")
    assert document.location(six) == "第6页第11行"
    cell = document.text.index("\n103 |") + 1  # 四、结转下年度继续办理 on page 5
    assert document.location(cell) == "第5页 第1个表格第12行第4列"
    assert document.text[document.text.index("全年收取") :].startswith(
        "全年收取政府信息公开信息处理费 3940 元"
    )


# ---------------------------------------------------------------------------------------------
# Positions in full, concise, JSON and SARIF output


@pytest.fixture(scope="module")
def defective_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean report with applicant totals wrong and no 信息处理费 in 六, its table broken."""
    report = VARIANTS["applicant-total"]()
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(report, path, split=50)
    return path


def test_cell_and_paragraph_locations(defective_pdf: Path) -> None:
    code, out, err = run_cli("--format", "concise", str(defective_pdf))
    assert (code, err) == (1, "")
    found = [line.split(" GIP")[0].split(": ", 1)[1] for line in out.splitlines() if "GIP303" in line]
    assert found, out
    for where in found:  # the 总计 cells the applicant-total defect is in
        assert re.fullmatch(r"第\d+页 第\d+个表格第\d+行第\d+列", where), where
    for line in out.splitlines():
        assert re.search(r": 第\d+页(第\d+行| 第\d+个表格第\d+行第\d+列) GIP", line), line


def test_json_and_sarif_carry_the_page(defective_pdf: Path, request: pytest.FixtureRequest) -> None:
    code, out, _ = run_cli("--format", "json", str(defective_pdf))
    validate(json.loads(out), json.loads(JSON_SCHEMA.read_text(encoding="utf-8")))
    diagnostics = json.loads(out)[0]["diagnostics"]
    assert code == 1
    assert all(d["page"] >= 1 and d["location"].startswith(f"第{d['page']}页") for d in diagnostics)
    code, out, _ = run_cli("--format", "sarif", str(defective_pdf))
    validate(json.loads(out), request.getfixturevalue("sarif_schema"))  # the official SARIF schema
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == len(diagnostics)
    for result, diagnostic in zip(results, diagnostics, strict=True):
        location = result["locations"][0]
        assert location["physicalLocation"]["region"]["properties"] == {"page": diagnostic["page"]}
        assert location["logicalLocations"] == [{"name": diagnostic["location"], "kind": "element"}]


def test_full_output_names_the_location(defective_pdf: Path) -> None:
    """Each finding's header in full output names the file and that finding's own PDF location
    (page, table, row, column or line), not a line:column of a text file."""
    code, out, _ = run_cli("--format", "full", str(defective_pdf))
    assert code == 1
    _, listed, _ = run_cli("--format", "json", str(defective_pdf))
    (report,) = json.loads(listed)
    headers = [line for line in out.splitlines() if line.startswith(f"{defective_pdf} ")]
    assert len(headers) == len(report["diagnostics"]) > 1
    for header, finding in zip(headers, report["diagnostics"], strict=True):
        assert finding["location"].startswith(f"第{finding['page']}页")
        assert header.startswith(f"{defective_pdf} {finding['location']} "), (header, finding["location"])
        assert header.endswith(f" {finding['rule']} {finding['name']}"), header


def test_paragraph_location_is_the_line_on_the_page(tmp_path: Path) -> None:
    path = tmp_path / "no-fee.pdf"
    write_pdf(VARIANTS["missing-processing-fee"](), path)
    (finding,) = [d for d in lint_file(path) if d.rule_id == "GIP402"]
    document = read_pdf(str(path), path.read_bytes())
    heading = document.text.index("六、其他需要报告的事项")
    assert finding.location == document.location(heading)
    assert finding.location.startswith(f"第{finding.page}页第") and finding.location.endswith("行")


# ---------------------------------------------------------------------------------------------
# Characters and furniture


def test_every_kangxi_radical_folds_to_a_unified_ideograph() -> None:
    folded = fold_characters("".join(map(chr, range(0x2F00, 0x2FD6))))
    assert len(folded) == 0x2FD6 - 0x2F00
    assert all(unicodedata.name(char).startswith("CJK UNIFIED IDEOGRAPH") for char in folded)
    assert fold_characters("（一）") == "（一）"  # full-width punctuation is left as written


def test_kangxi_radicals_in_the_text_layer_are_folded() -> None:
    layer = "⼀、总体情况⾏政"
    assert "\u2f00" in layer
    assert read_pdf("k.pdf", kangxi_pdf(layer)).text == "一、总体情况行政\n"


def test_page_furniture_is_dropped(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "furniture.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    pdf.drawString(72, 780, "正文第一行")
    pdf.drawString(250, 30, "第 1 页 共 2 页")
    pdf.drawString(280, 810, "第1页")
    pdf.drawString(72, 400, "- 3 -")  # not in a margin: text
    pdf.save()
    assert read_pdf(str(path), path.read_bytes()).text == "正文第一行\n- 3 -\n"


def test_linting_text_does_not_import_pdfplumber(tmp_path: Path) -> None:
    report = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "clean-2021.txt"
    code = (
        "import sys; from giplint.cli import main; main([sys.argv[1], '--jobs', '1']); "
        "print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(report)], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_reading_a_pdf_does_not_import_pdfplumber(tmp_path: Path) -> None:
    """The reader's words, lines and table finder are its own (issue 19): importing pdfplumber
    (and pdfminer with it) cost ~70 ms of CPU a run."""
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(["一、总体情况", "本年度主动公开政府信息 12 条。"]))
    code = (
        "import sys; from giplint.cli import main; main([sys.argv[1], '--jobs', '1', '--no-cache']); "
        "print('pypdfium2' in sys.modules, 'pdfplumber' in sys.modules, 'pdfminer' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "True False False", done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------
# PDFs that cannot be read: one Chinese message, exit 2, the other files still checked

GOOD = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "clean-2021.txt"


def _truncated() -> bytes:
    data = text_pdf(["一、总体情况"] * 20)
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned_pdf, "扫描件，没有文字层；请用原始的 Word 文件或带文字的 PDF"),
        (lambda: text_pdf(["一、总体情况"], encrypt="secret"), "设置了打开密码"),
        (_truncated, "已损坏或不完整"),
        (lambda: text_pdf(["一"], pages=301), "共 301 页，超过 300 页"),
        (lambda: b"%PDF-1.7\n" + b"\x00" * 100, "已损坏或不完整"),
        (lambda: b"not a pdf at all", "内容不是 PDF"),
    ],
    ids=["scan", "encrypted", "truncated", "too-many-pages", "garbage", "not-pdf"],
)
def test_bad_pdf(make: object, message: str, tmp_path: Path) -> None:
    bad = tmp_path / "年报.pdf"
    bad.write_bytes(make())  # type: ignore[operator]
    code, out, err = run_cli("--format", "concise", str(bad), str(GOOD))
    assert code == 2
    assert err.count("年报.pdf") == 1 and message in err, err
    assert out == ""  # clean-2021.txt was checked and is clean


def test_too_big_is_refused_before_opening(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "big.pdf"
    bad.write_bytes(text_pdf(["一、总体情况"]))
    monkeypatch.setattr(pdf_reader, "MAX_BYTES", 100)  # a 200 MB file is not written in a test
    monkeypatch.setattr(pdf_reader, "_read_pages", None)  # opening it would fail the test
    code, _out, err = run_cli("--jobs", "1", str(bad))
    assert code == 2
    assert "超过 200 MB" in err


# ---------------------------------------------------------------------------------------------
# Paragraphs from wrapped lines


def _line(x0: float, x1: float, text: str, font: str = "仿宋") -> Line:
    return Line(page=1, number=1, top=0, x0=x0, x1=x1, size=16, text=text, font=font)


@pytest.mark.parametrize(
    ("previous", "line", "starts"),
    [
        (_line(74, 518, "全年共受理申请 12 件，答"), _line(74, 518, "复 10 件。"), False),  # wrapped
        (_line(74, 518, "……办结。"), _line(106, 518, "（二）依申请公开"), True),  # indented
        (_line(74, 300, "……办结。"), _line(74, 518, "下一段"), True),  # after a short line
        (_line(74, 518, "……全部办结"), _line(74, 200, "二、主动公开政府信息情况", "黑体"), True),
        (_line(74, 518, "……统计期限自"), _line(74, 300, "2024 年 12 月 31 日。"), False),
    ],
    ids=["wrapped", "indented", "after-short", "heading-font", "last-line"],
)
def test_where_a_paragraph_starts(previous: Line, line: Line, starts: bool) -> None:
    margins = Margins(left=74, right=518, size=16)
    assert margins.starts_paragraph(previous, line) is starts


def test_a_pdf_cut_anywhere_is_read_or_refused(defective_pdf: Path) -> None:
    """A download cut short at any point: the damaged-file message, never a part read as a report
    (which would give findings about sections that are only missing from the download)."""
    data = defective_pdf.read_bytes()
    outcomes = []
    for cut in range(1, 12):
        try:
            outcomes.append(read_pdf("cut.pdf", data[: len(data) * cut // 12]).text[:0] or "read")
        except InputError as error:
            outcomes.append(error.message)
    assert set(outcomes) == {pdf_reader.MSG_CORRUPT}, outcomes
