"""The OpenDocument reader on hand-made .odt packages: cells and merges, what a reader of the page
does not see, and the files it must refuse (readers/odt.py)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from giplint.readers.odt import read_odt
from giplint.source import InputError

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)


def _odt(body: str, *, mimetype: str = "application/vnd.oasis.opendocument.text", manifest: str = "") -> bytes:
    content = f'<?xml version="1.0"?><office:document-content {_NS}><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest or "<manifest:manifest/>")
    return buffer.getvalue()


TABLE = (
    "<table:table>"
    '<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>申请人情况</text:p></table:table-cell>'
    "<table:covered-table-cell/><table:table-cell><text:p>总计</text:p></table:table-cell></table:table-row>"
    '<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>（三）不予</text:p><text:p>公开</text:p></table:table-cell>'
    "<table:table-cell><text:p>1.属于国家秘密</text:p></table:table-cell><table:table-cell><text:p>0</text:p></table:table-cell></table:table-row>"
    "<table:table-row><table:covered-table-cell/><table:table-cell><text:p>2.其他</text:p></table:table-cell>"
    '<table:table-cell table:number-columns-repeated="1"/></table:table-row>'
    "</table:table>"
)


def test_paragraphs_headings_lists_and_merged_cells() -> None:
    body = (
        "<text:h>一、总体情况</text:h>"
        "<text:list><text:list-item><text:p>（一）主动<text:span>公开</text:span></text:p></text:list-item></text:list>"
        "<text:section><text:p>全年<text:s text:c='2'/>发布<text:tab/>412条。</text:p></text:section>"
        + TABLE
    )
    document = read_odt("r.odt", _odt(body))
    assert document.text.splitlines() == [
        "一、总体情况", "（一）主动公开", "全年 发布 412条。",
        "申请人情况 |", "总计 |", "（三）不予公开 |", "1.属于国家秘密 |", "0 |", "2.其他 |", " |",
    ]  # fmt: skip
    assert document.source_format == "odt"
    assert document.location(document.text.index("总计")) == "第1个表格第1行第3列"
    assert document.location(document.text.index("2.其他")) == "第1个表格第3行第2列"
    # no page numbers in the file, and Writer shows no paragraph numbers: the nearest heading
    assert document.location(document.text.index("全年")) == "“（一）主动公开”后第1段"
    assert document.location(document.text.index("一、总体情况")) == "“一、总体情况”"


def test_what_the_page_does_not_show_is_left_out() -> None:
    body = (
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>删去的</text:p></text:deletion>"
        "</text:changed-region></text:tracked-changes>"
        "<text:p>正文<text:note><text:note-body><text:p>脚注</text:p></text:note-body></text:note>"
        "<office:annotation><text:p>批注</text:p></office:annotation>"
        "<draw:frame><draw:text-box><text:p>文本框</text:p></draw:text-box></draw:frame>结束</text:p>"
        "<text:table-of-content><text:index-body><text:p>目录一、总体情况</text:p></text:index-body></text:table-of-content>"
    )
    assert read_odt("r.odt", _odt(body)).text == "正文结束\n"


def _error(data: bytes) -> str:
    with pytest.raises(InputError) as excinfo:
        read_odt("r.odt", data)
    message = excinfo.value.message
    assert re.match(r"[\u4e00-\u9fff]", message), message
    return message


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "为空"),
        (b"not a zip at all", "已损坏"),
        (_odt("<text:p>年报</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet"), "电子表格"),
        (_odt("<text:p>年报</text:p>", manifest="<m><manifest:encryption-data/></m>"), "密码"),
        (_odt(""), "没有可读取的文字"),
        (_odt("<text:p>未闭合"), "已损坏"),
    ],
    ids=["empty", "not-zip", "spreadsheet", "encrypted", "no-text", "bad-xml"],
)
def test_files_that_are_not_readable_text_documents(data: bytes, needle: str) -> None:
    assert needle in _error(data)


def test_docx_named_odt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert ".docx" in _error(buffer.getvalue())


def test_repeated_cells_are_bounded() -> None:
    row = '<table:table-row><table:table-cell table:number-columns-repeated="999999999"><text:p>0</text:p></table:table-cell></table:table-row>'
    assert "过大" in _error(_odt(f"<text:p>年报</text:p><table:table>{row}</table:table>"))


def test_entities_are_not_expanded() -> None:
    bomb = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    content = f'<?xml version="1.0"?>{bomb}<office:document-content {_NS}><office:body><office:text><text:p>年报&b;</text:p></office:text></office:body></office:document-content>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    try:
        text = read_odt("r.odt", buffer.getvalue()).text
    except InputError:
        return  # refused: fine
    assert "a" * 10 not in text
