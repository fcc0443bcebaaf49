"""The grammar and the model on real input: every cell value equals what the report says.

The expected values below were written by hand from the reports themselves, not from giplint's
output. Tests on ../shared skip cleanly when it is absent.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CORPUS, REPORTS, SEEDS, need_shared

from giplint.model import CellStatus, Report
from giplint.parse import parse_document
from giplint.source import InputError, read_text

ZERO7 = [0] * 7


def parse(path: Path) -> Report:
    return parse_document(read_text(str(path), path.read_bytes()))


def values(report: Report, kind: str) -> dict[str, list[object]]:
    table = report.table(kind)
    assert table is not None, kind
    return {row: [cell.value for cell in table.row(row).values()] for row in table.rows()}


def seed(prefix: str) -> Path:
    need_shared()
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def applications(nonzero: dict[str, list[int | None]], layout: str = "2021") -> dict[str, list[object]]:
    from giplint.layouts import APPLICATIONS_2019, APPLICATIONS_2021

    spec = APPLICATIONS_2021 if layout == "2021" else APPLICATIONS_2019
    return {row.key: list(nonzero.get(row.key, ZERO7)) for row in spec.rows}


def review(*groups: list[int]) -> dict[str, list[object]]:
    keys = ("administrative_review", "direct_suit", "suit_after_review")
    filled = list(groups) + [[0] * 5] * (3 - len(groups))
    return dict(zip(keys, filled, strict=True))


# -- the five seeds, by hand ----------------------------------------------------------------------

SEED_SECTIONS = {
    "000": "一二三四五",
    "001": "一二三四五六",
    "002": "一二三四五六",
    "003": "一二三四五六",
    "004": "一二三四五六",
}


@pytest.mark.parametrize("prefix", sorted(SEED_SECTIONS))
def test_seed_sections(prefix: str) -> None:
    report = parse(seed(prefix))
    assert "".join(s.number for s in report.sections) == SEED_SECTIONS[prefix]
    assert report.problems == ()


def test_seed_000_values() -> None:
    report = parse(seed("000"))
    assert report.year == 2024 and report.title is None
    assert values(report, "active_disclosure") == {
        "regulations": [0, 0, 0],
        "normative_documents": [14, 4, 20],
        "licensing": [18748],
        "penalties": [30648],
        "enforcement": [9],
        "administrative_fees": [Decimal("239.9")],
    }
    expected = applications(
        {
            "new_received": [16, 0, 0, 0, 0, 0, 16],
            "granted": [13, 0, 0, 0, 0, 0, 13],
            "third_party": [1, 0, 0, 0, 0, 0, 1],
            "not_held": [1, 0, 0, 0, 0, 0, 1],
            "fee_unpaid": [None] * 7,
            "other_reasons": [None] * 7,
            "results_total": [15, 0, 0, 0, 0, 0, 15],
            "carried_forward": [1, 0, 0, 0, 0, 0, 1],
        }
    )
    assert values(report, "applications") == expected
    table = report.table("applications")
    assert table is not None
    assert {c.status for c in table.row("fee_unpaid").values()} == {CellStatus.BLANK}
    assert values(report, "review_litigation") == review([0, 0, 1, 0, 1])


def test_seed_001_is_the_2019_layout_all_zero() -> None:
    report = parse(seed("001"))
    assert report.year == 2020
    assert report.layout == "2019"
    active = values(report, "active_disclosure")
    assert active == {
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 0],
        "licensing": [0, 0, 0],
        "other_services": [0, 0, 0],
        "penalties": [0, 0, 0],
        "enforcement": [0, 0, 0],
        "administrative_fees": [0, 0],
        "central_purchasing": [0, 0],
    }
    assert values(report, "applications") == applications({}, layout="2019")
    assert "other_handling" in values(report, "applications")
    assert values(report, "review_litigation") == review()
    assert report.sections[0].span.column == 5  # after the ???? that precede 一、总体情况


def test_seed_002_values() -> None:
    report = parse(seed("002"))
    assert report.year == 2022
    assert report.sections[4].heading == "五、存在问题及改进情况"
    assert values(report, "active_disclosure")["administrative_fees"] == [0]
    assert values(report, "applications") == applications({})
    assert values(report, "review_litigation") == review()


def test_seed_003_values() -> None:
    report = parse(seed("003"))
    assert report.year == 2024
    assert values(report, "active_disclosure") == {
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 0],
        "licensing": [127],
        "penalties": [15],
        "enforcement": [0],
        "administrative_fees": [Decimal("2896.904")],
    }
    assert values(report, "applications") == applications(
        {
            "new_received": [16, 0, 0, 0, 0, 0, 16],
            "granted": [12, 0, 0, 0, 0, 0, 12],
            "not_held": [4, 0, 0, 0, 0, 0, 4],
            "results_total": [16, 0, 0, 0, 0, 0, 16],
        }
    )
    six = report.section("六")
    assert six is not None and six.body.strip() == "无。"


def test_seed_004_values() -> None:
    report = parse(seed("004"))
    assert report.title is not None
    assert report.organ == "重庆市开州区民政局" and report.year == 2024
    assert report.period is not None and report.period.text == "2024年1月1日至2024年12月31日"
    assert values(report, "active_disclosure") == {
        "regulations": [0, 0, 0],
        "normative_documents": [1, 0, 3],
        "licensing": [71],
        "penalties": [6],
        "enforcement": [0],
        "administrative_fees": [150],
    }
    assert values(report, "applications") == applications({})
    assert values(report, "review_litigation") == review()


# -- the rougher corpus ---------------------------------------------------------------------------


def corpus(name: str) -> Path:
    need_shared()
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in ../shared/corpus")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "002_pingtan_2019.txt",
        "004_pingtan_2021.txt",
        "006_pingtan_2023.txt",
        "008_pingtan_2025.txt",
        "009_pingtan_2018_oldformat.txt",
    ],
)
def test_corpus_sections_found_mid_line(name: str) -> None:
    report = parse(corpus(name))
    assert "".join(s.number for s in report.sections) == "一二三四五六"
    assert {s.span.line for s in report.sections} == {10}  # the whole report is line 10


def test_glued_cells_separated_by_the_identities() -> None:
    """平潭 2021: 本年度全区共收到70件申请，办结69件，1件结转下年度 — the narrative agrees."""
    report = parse(corpus("004_pingtan_2021.txt"))
    table = values(report, "applications")
    assert table["new_received"] == [64, 0, 0, 2, 0, 4, 70]
    assert table["results_total"] == [63, 0, 0, 2, 0, 4, 69]
    assert table["carried_forward"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["not_held"] == [22, 0, 0, 0, 0, 3, 25]
    assert values(report, "review_litigation") == review([1, 0, 2, 0, 3], [12, 0, 0, 0, 12])


def test_glued_cells_never_invented() -> None:
    """行政规范性文件693665 could be 69/3/665 or 6/93/665: recorded as not separable."""
    report = parse(corpus("004_pingtan_2021.txt"))
    table = report.table("active_disclosure")
    assert table is not None
    cells = table.row("normative_documents")
    assert {c.status for c in cells.values()} == {CellStatus.UNSEPARATED}
    assert all(c.value is None for c in cells.values())
    assert [i.kind for i in table.issues] == ["unseparated"]


def test_pre_2019_report_has_no_mandated_tables() -> None:
    report = parse(corpus("009_pingtan_2018_oldformat.txt"))
    assert report.year == 2018
    assert list(report.tables()) == []


# -- the quirks of text exports, on our own fixtures ------------------------------------------------


def test_quirk_fixtures_give_the_clean_values() -> None:
    clean = parse(REPORTS / "clean-2021.txt")
    expected = {
        kind: values(clean, kind) for kind in ("active_disclosure", "applications", "review_litigation")
    }
    assert expected["applications"]["new_received"] == [9, 2, 0, 0, 1, 0, 12]
    assert expected["active_disclosure"]["administrative_fees"] == [Decimal("3.6")]
    for name in (
        "clean-2021-gbk.txt",
        "clean-2021-bom-crlf.txt",
        "clean-2021-utf16.txt",
        "fullwidth-2021.txt",
        "value-before-bar-2021.txt",
        "glued-2021.txt",
        "clean-2021.md",
    ):
        report = parse(REPORTS / name)
        assert "".join(s.number for s in report.sections) == "一二三四五六", name
        for kind, table in expected.items():
            assert values(report, kind) == table, (name, kind)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("clean-2021-gbk.txt", "gb18030"),
        ("clean-2021-bom-crlf.txt", "utf-8-sig"),
        ("clean-2021-utf16.txt", "utf-16"),
    ],
)
def test_encoding_recorded(name: str, encoding: str) -> None:
    assert parse(REPORTS / name).encoding == encoding


def test_positions_are_the_users_own_after_folding() -> None:
    """CRLF, BOM and full-width text: a cell is reported at the user's line and column."""
    for name in ("clean-2021.txt", "clean-2021-bom-crlf.txt", "fullwidth-2021.txt"):
        report = parse(REPORTS / name)
        table = report.table("applications")
        assert table is not None
        cell = table.cell("new_received", "total")
        assert cell is not None and cell.raw == "12"
        lines = (REPORTS / name).read_bytes().decode(report.encoding).lstrip("\ufeff").splitlines()
        assert lines[cell.span.line - 1][cell.span.column - 1 : cell.span.end_column - 1] == "12", name


def test_spaces_inside_labels_and_merged_cells() -> None:
    text = "三、收到和处理政府信息公开申请情况\n申请人 情况 |\n总 计 |\n|||\n一、本年新收政府信息公开申请数量 |\n1 |\n0 |\n0 |\n0 |\n0 |\n0 |\n1 | ||\n"
    report = parse_document(read_text("x.txt", text.encode()))
    table = report.table("applications")
    assert table is not None
    assert [c.value for c in table.row("new_received").values()] == [1, 0, 0, 0, 0, 0, 1]


def test_table_row_labels_are_never_section_headings() -> None:
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 |\n四、结转下年度继续办理 |\n四、政府信息公开行政复议、行政诉讼情况\n"
    report = parse_document(read_text("x.txt", text.encode()))
    assert [s.number for s in report.sections] == ["三", "四"]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "为空"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"PK\x03\x04zipdata", "ZIP"),
        (b"\x89PNG\r\n\x1a\nxxxx", "PNG"),
        (bytes(range(256)) * 4, "二进制"),
    ],
)
def test_bad_input_is_one_chinese_message(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        read_text("bad.txt", data)
    assert fragment in caught.value.message


def test_prose_mention_before_table_four_is_not_its_data() -> None:
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n本年度发生行政复议1件。\n"
        "行政复议 |\n行政诉讼 |\n结果维持 |\n结果纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n"
        "未经复议直接起诉 |\n复议后起诉 |\n" + "".join(f"{v} |\n" for v in [0, 0, 1, 0, 1] + [0] * 10)
    )
    report = parse_document(read_text("x.txt", text.encode()))
    assert values(report, "review_litigation") == review([0, 0, 1, 0, 1])


# -- the lowerings of issue "real reports as they come" ---------------------------------------------


def _doc(text: str) -> Report:
    return parse_document(read_text("snippet.txt", text.encode("utf-8")))


def test_padding_from_merged_label_cells_is_not_a_column() -> None:
    report = parse(REPORTS / "padded-cells.txt")
    table = report.table("applications")
    assert table is not None
    assert [c.value for c in table.row("new_received").values()] == [30, 5, 1, 0, 2, 1, 39]
    assert [c.value for c in table.row("state_secret").values()] == [1, 0, 0, 0, 0, 0, 1]


def test_pdf_text_layer_rows_with_wrapped_labels() -> None:
    report = parse(REPORTS / "pdf-text-layer.txt")
    got = values(report, "applications")
    assert got["partially_granted"] == [3, 1, 0, 0, 0, 0, 4]  # label wrapped after its numbers
    assert got["carried_over"] == [2, 1, 0, 0, 0, 0, 3]  # label wrapped before its numbers
    assert got["confirmation"] == [0] * 7
    assert got["not_held"] == [4, 1, 0, 0, 1, 0, 6]  # its numbering "1." on the line before
    assert values(report, "review_litigation")["administrative_review"] == [2, 1, 0, 1, 4]


def test_mistyped_row_label_is_read_as_its_row() -> None:
    report = parse(REPORTS / "mistyped-labels.txt")
    table = report.table("applications")
    assert table is not None and table.cell("law_prohibited", "total") is not None
    assert [issue.kind for issue in table.issues] == ["label-wording"]
    assert report.section("四") is not None and report.section("四").heading.startswith(
        "四、政府信息公开行政法复议"
    )


def test_heading_right_after_a_table_row_is_a_heading() -> None:
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
    glued = text.replace("行政事业性收费 |\n3.6 |\n", "| 行政事业性收费 | 3.6 |\n")
    assert glued != text
    report = _doc(glued)
    assert "".join(s.number for s in report.sections) == "一二三四五六"
    assert report.table("applications") is not None
    # the row the heading follows is still read, and its figure is not taken into section 三
    active = report.table("active_disclosure")
    assert active is not None
    fee = active.cell("administrative_fees", "fee_amount")
    assert fee is not None and (fee.status, fee.value) == (CellStatus.VALUE, Decimal("3.6"))
    three = report.section("三")
    assert three is not None and three.span.line == fee.span.line + 1 and "3.6" not in three.body


def test_two_numbers_in_one_cell_leave_the_other_rows_checked() -> None:
    """`1 1 |` makes its own row unseparated; every other row keeps its figures (and identities)."""
    text = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    row = lines.index("(一)予以公开 |")
    lines[row + 1] = lines[row + 1].replace(" |", " 1 |")
    table = _doc("\n".join(lines)).table("applications")
    assert table is not None
    assert {c.status for c in table.row("granted").values()} == {CellStatus.UNSEPARATED}
    assert all(c.status is CellStatus.VALUE for c in table.row("new_received").values())
    assert [i.kind for i in table.issues] == ["unseparated"]


def test_title_and_period_over_two_lines() -> None:
    report = parse(REPORTS / "two-line-title.txt")
    assert report.title is not None and report.organ == "示例市示例区文化和旅游局" and report.year == 2024
    assert report.period is not None and report.period.start == (2024, 1, 1)
    text = "示例局\n政府信息公开工作年度报告\n本报告所列数据的统计期限为自 2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止。\n一、总体情况\n正文。\n"
    assert (_doc(text).year, _doc(text).year_source) == (2023, "period")


def test_page_furniture_is_not_a_figure() -> None:
    lines = (REPORTS / "pdf-text-layer.txt").read_text(encoding="utf-8").split("\n")
    assert "- 2 -" in lines
    report = _doc("\n".join(lines).replace("- 2 -", "第 2 页 共 3 页"))
    table = report.table("applications")
    assert table is not None and table.issues == ()


def test_numbers_with_units_or_notes_are_read() -> None:
    table = parse(REPORTS / "value-notes.txt").table("active_disclosure")
    assert table is not None
    assert [c.value for c in table.row("normative_documents").values()] == [2, 1, 6]
    assert table.cell("licensing", "decisions").value == 86  # type: ignore[union-attr]
    assert all(c.status is CellStatus.VALUE for c in table.cells)


def test_a_row_gets_one_table_structure_issue() -> None:
    """Noise standing where a row's numbers belong leaves it short and unrecognised: one issue."""
    lines = (REPORTS / "pdf-text-layer.txt").read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("2.重复申请"))
    lines[row] = "2.重复申请 0 0 数据 数据 0 1"
    table = _doc("\n".join(lines)).table("applications")
    assert table is not None
    assert [(i.kind, i.row, i.label) for i in table.issues] == [
        ("unseparated", "repeated", "(五)不予处理 2.重复申请")
    ]


def _applications_rows(lines: list[str]) -> dict[str, list[object]]:
    text = (
        "三、收到和处理政府信息公开申请情况\n申请人情况 自然人 法人或其他组织 总计\n"
        + "\n".join(lines)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    table = _doc(text).table("applications")
    assert table is not None
    return {row: [c.value for c in table.row(row).values()] for row in table.rows()}


def test_two_labels_then_two_lines_of_numbers() -> None:
    rows = _applications_rows(
        [
            "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
            "(三)不予公开 1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "1 0 0 0 0 0 1",
            "2 0 0 0 0 0 2",
            "3.危及“三安全一稳定” 0 0 0 0 0 0 0",
        ]
    )
    assert rows["state_secret"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["law_prohibited"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["three_securities"] == [0] * 7


def test_cells_copied_from_a_spreadsheet_are_tab_separated() -> None:
    rows = _applications_rows(
        [
            "一、本年新收政府信息公开申请数量\t\t\t3\t\t0\t0\t0\t0\t3",
            "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
        ]
    )
    assert rows["new_received"] == [3, None, 0, 0, 0, 0, 3]  # a blank cell stays blank
    assert rows["carried_over"] == [1, 0, 0, 0, 0, 0, 1]


def test_a_2020_report_whose_single_other_handling_row_is_blank_keeps_the_2019_layout() -> None:
    """Issue 18 item 9: a 2020 report in the 2019 layout whose one （六）其他处理 row is blank was read
    as the 2021 group label with its three sub-rows missing (3 false table-structure errors)."""
    report = parse(REPORTS / "blank-other-handling-2020.txt")
    assert report.year == 2020
    table = report.table("applications")
    assert table is not None and table.layout == "2019"
    assert [i.kind for i in table.issues if i.kind == "missing-row"] == []
    assert {c.status for c in table.row("other_handling").values()} == {CellStatus.BLANK}
