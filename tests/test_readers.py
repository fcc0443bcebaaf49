"""The HTML and Word readers lower a report to the same canonical text as its text export.

Each test writes the report of tests/report_defs.py in a format (tests/render_formats.py) and
checks what the reader makes of it: the same lines as the text rendering, origins that point at
the user's own ``<td>`` or Word cell, and a Chinese InputError for files that are not readable.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import report_defs
from conftest import CORPUS
from render_formats import canonical_lines, write_docx, write_html, write_txt
from report_defs import CLEAN_2021

from giplint.readers.docx import read_docx
from giplint.readers.html import read_html
from giplint.readers.office import read_converted
from giplint.source import Document, InputError

CORPUS_HTML = CORPUS / "012_shuyang-fgj_2023.html"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _lines(text: str) -> list[str]:
    """Lines compared modulo whitespace: stripped, blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _read_html(path: Path) -> Document:
    return read_html(str(path), path.read_bytes())


def _read_docx(path: Path) -> Document:
    return read_docx(str(path), path.read_bytes())


def _assert_chinese_error(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    message = excinfo.value.message
    assert re.match(r"[\u4e00-\u9fff]", message), message  # Chinese first
    return message


# ---------------------------------------------------------------------------------------------
# The definition itself


def test_clean_report_numbers_satisfy_the_spec_identities() -> None:
    totals = report_defs.result_total()
    new, carried_in, carried_out = (
        report_defs.NEW,
        report_defs.CARRIED_IN,
        report_defs.CARRIED_OUT,
    )
    for column in range(len(report_defs.APPLICANT_COLUMNS)):
        # T3-1: 一 + 二 = （七）总计 + 四, per column.
        assert new[column] + carried_in[column] == totals[column] + carried_out[column]
    assert sum(new) + sum(carried_in) == sum(totals) + sum(carried_out)
    spans = sum(span for _, _, span in report_defs.GROUPS) + 2
    assert spans == len(report_defs.RESULTS)


def test_text_rendering_is_the_canonical_layout(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    write_txt(CLEAN_2021, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "云溪县自然资源局2024年政府信息公开工作年度报告"
    assert lines.count("申请人情况 |") == 1  # a merged cell once, no padding
    assert "商业企业 |" in lines
    index = lines.index("（七）总计 |")
    assert lines[index + 1 : index + 8] == ["31 |", "5 |", "1 |", "0 |", "2 |", "1 |", "40 |"]


# ---------------------------------------------------------------------------------------------
# HTML


@pytest.mark.parametrize(
    ("chrome", "encoding"),
    [(False, "utf-8"), (True, "utf-8"), (False, "gbk"), (True, "gbk")],
    ids=["plain", "cms-page", "gbk-meta-charset", "gbk-cms-http-equiv"],
)
def test_html_reads_as_the_text_rendering(tmp_path: Path, chrome: bool, encoding: str) -> None:
    txt, page = tmp_path / "report.txt", tmp_path / "report.html"
    write_txt(CLEAN_2021, txt)
    write_html(CLEAN_2021, page, cms_chrome=chrome, encoding=encoding)
    doc = _read_html(page)
    assert _lines(doc.text) == _lines(txt.read_text(encoding="utf-8"))
    assert doc.source_format == "html"
    assert doc.encoding == ("gb18030" if encoding == "gbk" else "utf-8")


def _source_position(page: Path, encoding: str, pattern: str) -> tuple[int, int]:
    """1-based (line, column) of the first regex match in the written HTML."""
    source = page.read_bytes().decode(encoding)
    match = re.search(pattern, source)
    assert match is not None, pattern
    line = source.count("\n", 0, match.start()) + 1
    return line, match.start() - (source.rfind("\n", 0, match.start()) + 1) + 1


@pytest.mark.parametrize("chrome", [False, True], ids=["plain", "cms-page"])
def test_html_origins_point_at_the_source_tags(tmp_path: Path, chrome: bool) -> None:
    page = tmp_path / "report.html"
    write_html(CLEAN_2021, page, cms_chrome=chrome)
    doc = _read_html(page)

    cell = doc.text.index("（七）总计 |")
    assert doc.position(cell) == _source_position(
        page, "utf-8", r'<td colspan="2">(?:<p[^>]*>)?(?:<span[^>]*>)?（七）总计'
    )
    value = doc.text.index("\n40 |") + 1
    assert doc.position(value) == _source_position(page, "utf-8", r"<td>(?:<p[^>]*>)?(?:<span[^>]*>)?40<")
    heading = doc.text.index("一、总体情况")
    assert doc.position(heading) == _source_position(page, "utf-8", r"<p[^>]*>(?:<strong>)?一、总体情况")
    assert doc.position(0) == _source_position(page, "utf-8", r"<h1[^>]*>云溪县")
    assert doc.location(cell) == ""
    line, _ = doc.position(cell)
    assert "（七）总计" in doc.lines[line - 1]  # the excerpt is the user's own HTML line
    offsets = [origin.offset for origin in doc.origins]
    assert offsets == sorted(offsets)
    assert len(doc.origins) == len(doc.text.splitlines())


def test_html_origins_of_a_gbk_page_count_characters(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_html(CLEAN_2021, page, encoding="gbk")
    doc = _read_html(page)
    cell = doc.text.index("（七）总计 |")
    assert doc.position(cell) == _source_position(page, "gbk", r'<td colspan="2">（七）总计')


def test_real_report_page_reads() -> None:
    if not CORPUS_HTML.exists():
        pytest.skip("shared corpus not available")
    doc = _read_html(CORPUS_HTML)
    lines = doc.text.splitlines()
    assert lines[0] == "沭阳县发展和改革局2023年政府信息公开年度报告"
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"):  # fmt: skip
        assert heading in lines
    assert "（七）总计 |\n26 |\n" in doc.text
    assert "商业企业 |" in lines  # <p>商业</p><p>企业</p>
    assert "自然人 |" in lines  # <p> </p><p>自然人</p>
    assert lines.count("申请人情况 |") == 1
    assert " |" in lines  # blank cells (&nbsp;) stay blank cells
    cell = doc.text.index("（七）总计 |")
    line, column = doc.position(cell)
    assert doc.lines[line - 1][column - 1 :].startswith('<td colspan="2"><p>（七）总计')
    assert lines[-1] == "2024年1月17日"


SLOPPY_PAGE = """<html><head><title>某局2023年政府信息公开工作年度报告</title>
<script>document.write("<p>二、主动公开政府信息情况</p>")</script></head>
<body>
<table width="100%"><tr><td class="menu"><a href="/">首页</a></td></tr>
<tr><td>
<div class="content">
<div>某局2023年政府信息公开工作年度报告</div>
<div>一、总体情况<br>本局认真落实条例。<br />全年主动公开信息12条。</div>
<p>（一）主动公开<p>主动公开信息<b>12</b>条，
其中政策解读3条。
<p style="display:none">隐藏的一段</p>
<p>二、主动公开政府信息情况</p>
<table border=1>
<tr><td colspan=4>第二十条第（一）项
<tr><td>信息内容<td>本年制发件数<td>本年废止件数<td>现行有效件数
<tr><td>规章<td>0<td>&nbsp;<td>0
</table>
<![if !supportLists]><p>六、其他需要报告的事项</p><![endif]>
<p>本年度未收取信息处理费。<br>特此报告。</p>
<![foo]>
</div>
</td></tr></table>
<div class="footer">主办单位：某局</div>
</body></html>
"""


def test_html_survives_sloppy_cms_markup() -> None:
    doc = read_html("sloppy.html", SLOPPY_PAGE.encode("utf-8"))
    assert doc.text.splitlines() == [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本局认真落实条例。",
        "全年主动公开信息12条。",
        "（一）主动公开",
        "主动公开信息12条，其中政策解读3条。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项 |",
        "信息内容 |",
        "本年制发件数 |",
        "本年废止件数 |",
        "现行有效件数 |",
        "规章 |",
        "0 |",
        " |",
        "0 |",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。特此报告。",
    ]
    # Text typed straight into a <div>: the line after a <br> starts at its own text.
    line, column = doc.position(doc.text.index("全年主动公开"))
    assert doc.lines[line - 1][column - 1 :].startswith("全年主动公开")


SPLIT_ARTICLE = """<body><div class="article">
<div class="info">来源：某局　发布时间：2024-01-10</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="page"><p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p></div>
<div class="page"><p>六、其他需要报告的事项</p><p>未收取信息处理费。</p></div>
<div class="tools"><a href="#">【打印本页】</a><a href="#">【关闭窗口】</a></div>
</div></body>"""


def test_html_page_furniture_around_a_split_body_is_left_out() -> None:
    doc = read_html("split.html", SPLIT_ARTICLE.encode("utf-8"))
    assert doc.text.splitlines() == [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "正文。",
        "六、其他需要报告的事项",
        "未收取信息处理费。",
    ]


OLD_FORMAT_TABLE = """<p>一、概述</p><p>本局认真贯彻条例。</p>
<table border="1">
<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>
<tr><td>一、主动公开情况</td><td>——</td><td>——</td></tr>
<tr><td>（一）主动公开政府信息数</td><td>条</td><td>120</td></tr>
</table>"""


def test_html_old_statistics_table_rows_starting_with_ordinals_stay_cells() -> None:
    doc = read_html("old.html", OLD_FORMAT_TABLE.encode("utf-8"))
    lines = doc.text.splitlines()
    assert lines[:2] == ["一、概述", "本局认真贯彻条例。"]
    assert "一、主动公开情况 |" in lines
    assert lines[-3:] == ["（一）主动公开政府信息数 |", "条 |", "120 |"]


def test_html_declaration_that_does_not_decode_is_ignored(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_html(CLEAN_2021, page)
    lying = page.read_bytes().replace(b'charset="utf-8"', b'charset="gb2312"')
    doc = read_html("lying.html", lying)
    assert doc.encoding == "utf-8"
    assert "（七）总计 |" in doc.text


def test_html_with_utf8_bom_and_crlf(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_html(CLEAN_2021, page)
    data = b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n")
    doc = read_html("bom.html", data)
    assert doc.encoding == "utf-8-sig"
    assert _lines(doc.text) == canonical_lines(CLEAN_2021)
    cell = doc.text.index("（七）总计 |")
    assert doc.position(cell) == _source_position(page, "utf-8", r'<td colspan="2">（七）总计')


def test_html_survives_absurd_nesting() -> None:
    page = "<font>" * 5000 + "<p>一、总体情况</p><p>正文。</p><p>六、其他需要报告的事项</p>" + "</font>" * 10
    doc = read_html("deep.html", page.encode("utf-8"))
    assert doc.text.splitlines() == ["一、总体情况", "正文。", "六、其他需要报告的事项"]


def test_html_western_declaration_on_a_chinese_page_is_ignored() -> None:
    page = '<meta charset="iso-8859-1"><p>一、总体情况</p><p>六、其他需要报告的事项</p>'
    for encoding, name in (("utf-8", "utf-8"), ("gbk", "gb18030")):
        doc = read_html("latin.html", page.encode(encoding))
        assert (doc.text.splitlines()[0], doc.encoding) == ("一、总体情况", name)


@pytest.mark.parametrize(
    ("page", "hint"),
    [
        ('<p>年度报告</p><iframe src="/content/123.html"></iframe>', "iframe"),
        ('<p>年度报告</p><a href="/files/2023ndbg.pdf">附件：2023年年度报告.pdf</a>', "附件"),
    ],
    ids=["iframe", "attachment"],
)
def test_html_without_a_report_hints_where_it_may_be(page: str, hint: str) -> None:
    with pytest.raises(InputError) as excinfo:
        read_html("page.html", page.encode("utf-8"))
    assert hint in _assert_chinese_error(excinfo)


@pytest.mark.parametrize(
    "data",
    [
        "<html><body><div>网站首页</div><p>欢迎访问</p><table><tr><td>a</td><td>b</td></tr></table></body></html>".encode(),
        b"",
        b"%PDF-1.7 binary",
    ],
    ids=["no-report", "empty", "pdf"],
)
def test_html_without_a_report_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as excinfo:
        read_html("page.html", data)
    _assert_chinese_error(excinfo)


def test_html_no_report_message_names_the_missing_headings() -> None:
    with pytest.raises(InputError) as excinfo:
        read_html("page.html", "<p>通知公告</p><p>关于开展检查的通知</p>".encode())
    assert "一、总体情况" in _assert_chinese_error(excinfo)


# ---------------------------------------------------------------------------------------------
# Word


@pytest.fixture(scope="module")
def clean_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CLEAN_2021 as .docx, written once: python-docx takes about a second to merge its cells."""
    word = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(CLEAN_2021, word)
    return word


def test_docx_reads_as_the_text_rendering(tmp_path: Path, clean_docx: Path) -> None:
    txt = tmp_path / "report.txt"
    write_txt(CLEAN_2021, txt)
    doc = _read_docx(clean_docx)
    assert _lines(doc.text) == _lines(txt.read_text(encoding="utf-8"))
    assert (doc.encoding, doc.source_format) == ("docx", "docx")


def test_docx_locations_name_paragraph_and_cell(clean_docx: Path) -> None:
    doc = _read_docx(clean_docx)
    heading = doc.text.index("一、总体情况")
    assert doc.location(heading) == "“一、总体情况”"  # Word shows no paragraph numbers: the heading
    cell = doc.text.index("（七）总计 |")
    # Table 2 (section 三): 3 header rows, 一, 二, 21 result rows → row 27; the 三 group
    # cell occupies grid column 1, so the label starts in column 2.
    assert doc.location(cell) == "第2个表格第27行第2列"
    assert doc.location(doc.text.index("40 |", cell)) == "第2个表格第27行第10列"
    assert doc.location(doc.text.index("申请人情况 |")) == "第2个表格第1行第4列"
    line, column = doc.position(cell)
    assert (doc.lines[line - 1], column) == ("（七）总计 |", 1)
    assert doc.lines == tuple(doc.text.splitlines())


def _docx_bytes(build: object) -> bytes:
    """A python-docx document, changed by `build(document)`, as bytes."""
    import docx

    document = docx.Document()
    build(document)  # type: ignore[operator]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _numbered(document: object) -> None:
    """Headings numbered by Word itself (numbering.xml), as many Word reports are."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    numbering = document.part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
    ))  # fmt: skip
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in [("总体情况", 0), ("主动公开", 1), ("依申请公开", 1),
                        ("主动公开政府信息情况", 0), ("收到和处理政府信息公开申请情况", 0)]:  # fmt: skip
        paragraph = document.add_paragraph(text)  # type: ignore[attr-defined]
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))  # fmt: skip


def test_docx_renders_word_list_numbers() -> None:
    doc = read_docx("numbered.docx", _docx_bytes(_numbered))
    assert doc.text.splitlines() == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    ]


def _styled_list(document: object) -> None:
    for text in ("属于国家秘密", "其他法律行政法规禁止公开"):
        document.add_paragraph(text, style="List Number")  # type: ignore[attr-defined]
    document.add_paragraph("要点", style="List Bullet")  # type: ignore[attr-defined]


def test_docx_renders_numbers_set_by_paragraph_style_and_drops_bullets() -> None:
    doc = read_docx("styled.docx", _docx_bytes(_styled_list))
    assert doc.text.splitlines() == ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "要点"]


def _revised(document: object) -> None:
    """A tracked insertion, a hidden run, and a table inside a content control."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = document.element.body  # type: ignore[attr-defined]
    paragraph = document.add_paragraph("本年度未收取")  # type: ignore[attr-defined]
    paragraph._p.append(
        parse_xml(f'<w:ins {ns} w:id="1" w:author="a"><w:r><w:t>信息处理费</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(f'<w:del {ns} w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>')
    )
    paragraph._p.append(parse_xml(f"<w:r {ns}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"))
    paragraph._p.append(parse_xml(f"<w:r {ns}><w:t>。</w:t></w:r>"))
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.cell(0, 0).text, table.cell(0, 1).text = "行政许可", "7"
    sdt = parse_xml(f"<w:sdt {ns}><w:sdtContent/></w:sdt>")
    body.insert(list(body).index(table._tbl), sdt)
    sdt[0].append(table._tbl)


def test_docx_reads_revisions_hidden_text_and_content_controls() -> None:
    doc = read_docx("revised.docx", _docx_bytes(_revised))
    assert doc.text.splitlines() == ["本年度未收取信息处理费。", "行政许可 |", "7 |"]
    assert doc.location(doc.text.index("7 |")) == "第1个表格第1行第2列"


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def _docm() -> bytes:
    """A .docx whose main part says it is macro-enabled, as a .docm renamed to .docx is."""
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(_one_paragraph)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            archive.writestr(info.filename, content)
    return out.getvalue()


def _one_paragraph(document: object) -> None:
    document.add_paragraph("一、总体情况")  # type: ignore[attr-defined]


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"this is not a zip file at all", "损坏"),
        (b"PK\x03\x04" + b"\x00" * 200, "损坏"),
        (_zip({"hello.txt": "hi"}), "word/document.xml"),
        (_zip({"xl/workbook.xml": "<x/>", "[Content_Types].xml": "<x/>"}), "Excel"),
        (_zip({"word/document.xml": "<not xml", "[Content_Types].xml": "<broken"}), "损坏"),
        (_OLE2 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64, "密码"),
        (_OLE2 + "WordDocument".encode("utf-16-le") + b"\x00" * 64, ".doc"),
        (_docm(), "启用宏"),
        (b"", "为空"),
    ],
    ids=[
        "not-zip",
        "broken-zip",
        "zip-without-document",
        "xlsx",
        "bad-xml",
        "encrypted",
        "doc-renamed",
        "docm",
        "empty",
    ],
)
def test_bad_docx_is_an_input_error(data: bytes, needle: str) -> None:
    with pytest.raises(InputError) as excinfo:
        read_docx("bad.docx", data)
    assert needle in _assert_chinese_error(excinfo)


def test_docx_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError) as excinfo:
        read_docx("empty.docx", _docx_bytes(lambda document: None))
    _assert_chinese_error(excinfo)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (_OLE2 + "WordDocument".encode("utf-16-le"), "另存为"),
        (_OLE2 + "EncryptedPackage".encode("utf-16-le"), "密码"),
        (_zip({"word/document.xml": "<w/>"}), ".docx"),
        ("<html><body>年报</body></html>".encode(), "网页"),
    ],
    ids=["binary-doc", "encrypted", "docx-named-doc", "html-named-doc"],
)
def test_doc_that_cannot_be_read_is_an_input_error(data: bytes, needle: str) -> None:
    # a broken binary .doc: LibreOffice (when installed) cannot convert it, and without it the
    # message says to install it or save as .docx; the others are refused before any conversion
    with pytest.raises(InputError) as excinfo:
        read_converted("old.doc", data)
    message = _assert_chinese_error(excinfo)
    assert needle in message


def test_wps_file_is_named_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPLINT_SOFFICE", "no-such-soffice")
    with pytest.raises(InputError) as excinfo:
        read_converted("报告.wps", _OLE2)
    assert "WPS" in _assert_chinese_error(excinfo)


def test_doc_without_libreoffice_says_to_install_it_or_save_as_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPLINT_SOFFICE", "no-such-soffice")
    with pytest.raises(InputError) as excinfo:
        read_converted("old.doc", _OLE2)
    message = _assert_chinese_error(excinfo)
    assert "安装 LibreOffice" in message and "另存为" in message and ".docx" in message
