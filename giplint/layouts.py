"""The mandated tables: every label, and the rows and columns of each layout in order.

This module is the one home of the tables' vocabulary (spec §4, §6): each label's name, its
pattern over the folded text (giplint/fold.py), what kind of label it is (header, group, row) and
its canonical wording; which rows and columns a layout requires, in what order; the 2019 markers.
The labels (names, patterns, wording) are in giplint/vocabulary.py, imported here by name.
The table reader (giplint/parse/tables/) finds labels with these patterns, a rule's YAML names
labels by `name` and cells by row/column key, and a message prints the label the editor sees.
Row keys are the label names lower-cased: row `NEW_RECEIVED` is key `new_received`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

# The labels themselves live in vocabulary.py (split along that seam); their names are these.
from giplint.vocabulary import VOCABULARY as VOCABULARY  # noqa: PLC0414
from giplint.vocabulary import LabelSpec as LabelSpec  # noqa: PLC0414
from giplint.vocabulary import Scanner as Scanner  # noqa: PLC0414
from giplint.vocabulary import scanner as scanner  # noqa: PLC0414

if TYPE_CHECKING:
    from giplint.model import Table


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str
    label: str
    decimal: bool = False  # may hold a decimal amount (万元 fee)
    signed: bool = False  # may be negative (2019 本年增/减)


@dataclass(frozen=True, slots=True)
class RowSpec:
    key: str
    label: str
    columns: tuple[ColumnSpec, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    table: str  # active_disclosure | applications | review_litigation
    name: str  # "2021" | "2019"
    rows: tuple[RowSpec, ...]
    headers: tuple[str, ...]  # names of the header labels the layout requires
    # the first row of each key: the table reader asks for rows by key for every label it finds
    _by_key: dict[str, RowSpec] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_key: dict[str, RowSpec] = {}
        for row in self.rows:
            by_key.setdefault(row.key, row)
        object.__setattr__(self, "_by_key", by_key)

    def row(self, key: str) -> RowSpec | None:
        return self._by_key.get(key)


def _cols(*specs: tuple[str, str]) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(key, label) for key, label in specs)


# -- the six sections -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    number: str  # 一 … 六
    key: str  # the name of its heading in grammar/report.lark, without _heading
    title: str  # the mandated wording (国办公开办函〔2021〕30号)
    table: str | None = None  # the mandated table it holds


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("一", "overview", "总体情况"),
    SectionSpec("二", "active_disclosure", "主动公开政府信息情况", "active_disclosure"),
    SectionSpec("三", "applications", "收到和处理政府信息公开申请情况", "applications"),
    SectionSpec("四", "review_litigation", "政府信息公开行政复议、行政诉讼情况", "review_litigation"),
    SectionSpec("五", "problems", "存在的主要问题及改进情况"),
    SectionSpec("六", "other_matters", "其他需要报告的事项"),
)
# The mandated order: checks and output order sections by this, never by code point (一 三 二 五
# 六 四 is the order of the characters' code points).
SECTION_ORDER = "".join(section.number for section in SECTIONS)


# The five topics section 一 "主要包括" (国办公开办函〔2021〕30号, spec §3.2), in the format's order:
# real reports use them as the sub-headings (一)…(五) of 一.
OVERVIEW_TOPICS: tuple[str, ...] = (
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
)


def section(number: str) -> SectionSpec | None:
    return next((spec for spec in SECTIONS if spec.number == number), None)


# -- the closing block: what follows 六 and is not part of it ---------------------------------------
# A report ends with its 落款 (the organ's name, the date), often 特此报告 or （此件公开发布）; a web
# page adds attachment lines and its furniture. Section 六 ends where these begin, on lines of their
# own or glued to 六 on one line (giplint/parse/closing.py). Each item is a regex over the user's
# text; between items only blanks and punctuation. An organ's name is one run of characters up to
# an organ's suffix, without digits or punctuation.
CLOSING_ORGAN_SUFFIXES = "人民政府|政府|委员会|办公室|街道办事处|管理委员会|管委会|厅|局|委|办|院|会|室|中心|处|所|街道|镇|乡|站|队|馆|部|署|司|社"
CLOSING_ITEMS: tuple[str, ...] = (
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?",  # 2022年1月20日, 2022年1月
    r"[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月(?:\s*[一二三四五六七八九十]{1,3}\s*日)?",
    r"(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?",  # a page's 2022-01-20 10:00
    r"[^\s\d,，.。;；:：、!！?？()（）【】\[\]“”\"'|]{1,29}(?:" + CLOSING_ORGAN_SUFFIXES + ")",
    r"特此报告",
    r"[（(]\s*此件(?:主动)?公开(?:发布)?\s*[)）]",
    r"(?:相关)?附件\s*\d*\s*[:：][^\n\r]*",  # 附件：…年度报告.pdf, to the end of its line
    r"[【\[]\s*(?:打印(?:本页|此页|本文)?|关闭(?:窗口|本页)?|收藏|返回顶部|字体\s*[:：]?[大中小\s]*)\s*[】\]]",
    r"打印(?:本页|此页)|关闭(?:窗口|本页)|返回(?:顶部|首页)|分享到\s*[:：]?",
    r"扫一扫在手机(?:上)?打开当前页",
    r"更多信息请关注[^\n\r]*",  # 更多信息请关注官方微信“…”
    r"(?:上|下)一篇\s*[:：][^\n\r]*",
)
# What may stand between two items of the closing block.
CLOSING_SEPARATORS = " \t\n\r\u00a0\u3000,，.。;；、|｜·•*-—_"


# -- 二、主动公开政府信息情况 ---------------------------------------------------------------------

_DOCUMENTS_2021 = _cols(
    ("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")
)
_DECISIONS_2021 = _cols(("decisions", "本年处理决定数量"))
_FEES_2021 = (ColumnSpec("fee_amount", "本年收费金额(单位:万元)", decimal=True),)

ACTIVE_DISCLOSURE_2021 = Layout(
    table="active_disclosure",
    name="2021",
    rows=(
        RowSpec("regulations", "规章", _DOCUMENTS_2021),
        RowSpec("normative_documents", "行政规范性文件", _DOCUMENTS_2021),
        RowSpec("licensing", "行政许可", _DECISIONS_2021),
        RowSpec("penalties", "行政处罚", _DECISIONS_2021),
        RowSpec("enforcement", "行政强制", _DECISIONS_2021),
        RowSpec("administrative_fees", "行政事业性收费", _FEES_2021),
    ),
    headers=("ARTICLE_20_1", "ARTICLE_20_5", "ARTICLE_20_6", "ARTICLE_20_8"),
)

# The blocks of table 二 in the 2021 layout: each article of 第二十条 heads the rows it covers
# (spec §4.1). The reader does not need them (it finds rows by label); a skeleton drawn in the
# mandated layout does (giplint/tablegrid.py).
ACTIVE_DISCLOSURE_2021_BLOCKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ARTICLE_20_1", ("regulations", "normative_documents")),
    ("ARTICLE_20_5", ("licensing",)),
    ("ARTICLE_20_6", ("penalties", "enforcement")),
    ("ARTICLE_20_8", ("administrative_fees",)),
)

_DOCUMENTS_2019 = _cols(
    ("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"), ("public_total", "对外公开总数量")
)
_ITEMS_2019 = (
    ColumnSpec("previous_items", "上一年项目数量"),
    ColumnSpec("change", "本年增/减", signed=True),
    ColumnSpec("decisions", "处理决定数量"),
)
ACTIVE_DISCLOSURE_2019 = Layout(
    table="active_disclosure",
    name="2019",
    rows=(
        RowSpec("regulations", "规章", _DOCUMENTS_2019),
        RowSpec("normative_documents", "规范性文件", _DOCUMENTS_2019),
        RowSpec("licensing", "行政许可", _ITEMS_2019),
        RowSpec("other_services", "其他对外管理服务事项", _ITEMS_2019),
        RowSpec("penalties", "行政处罚", _ITEMS_2019),
        RowSpec("enforcement", "行政强制", _ITEMS_2019),
        RowSpec("administrative_fees", "行政事业性收费", _ITEMS_2019[:2]),
        RowSpec(
            "central_purchasing",
            "政府集中采购",
            (
                ColumnSpec("purchase_items", "采购项目数量"),
                ColumnSpec("purchase_amount", "采购总金额", decimal=True),
            ),
        ),
    ),
    headers=("ARTICLE_20_1", "ARTICLE_20_5", "ARTICLE_20_6", "ARTICLE_20_8", "ARTICLE_20_9"),
)

# Table 二 of the 2019 layout in blocks, as ACTIVE_DISCLOSURE_2021_BLOCKS: 第二十条第(九)项 and
# 其他对外管理服务事项 are its own.
ACTIVE_DISCLOSURE_2019_BLOCKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ARTICLE_20_1", ("regulations", "normative_documents")),
    ("ARTICLE_20_5", ("licensing", "other_services")),
    ("ARTICLE_20_6", ("penalties", "enforcement")),
    ("ARTICLE_20_8", ("administrative_fees",)),
    ("ARTICLE_20_9", ("central_purchasing",)),
)
ACTIVE_DISCLOSURE_BLOCKS = {"2021": ACTIVE_DISCLOSURE_2021_BLOCKS, "2019": ACTIVE_DISCLOSURE_2019_BLOCKS}

# Terminals whose presence marks the superseded 2019 layout of table 二 (spec §6.4, strong markers).
ACTIVE_DISCLOSURE_2019_MARKERS = (
    "NEW_MADE_2019",
    "NEW_PUBLISHED_2019",
    "PUBLIC_TOTAL_2019",
    "PREVIOUS_ITEMS_2019",
    "CHANGE_2019",
    "OTHER_SERVICES_2019",
    "ARTICLE_20_9",
    "CENTRAL_PURCHASING_2019",
    "PURCHASE_ITEMS_2019",
    "PURCHASE_AMOUNT_2019",
)
ACTIVE_DISCLOSURE_2021_MARKERS = ("ISSUED", "REPEALED", "IN_FORCE", "DECISIONS", "FEE_AMOUNT")

# Row terminals of table 二 and the row key they fill (both layouts).
ACTIVE_DISCLOSURE_ROWS = {
    "REGULATIONS": "regulations",
    "NORMATIVE_DOCUMENTS": "normative_documents",
    "NORMATIVE_DOCUMENTS_2019": "normative_documents",
    "LICENSING": "licensing",
    "OTHER_SERVICES_2019": "other_services",
    "PENALTIES": "penalties",
    "ENFORCEMENT": "enforcement",
    "ADMINISTRATIVE_FEES": "administrative_fees",
    "CENTRAL_PURCHASING_2019": "central_purchasing",
}

# -- 三、收到和处理政府信息公开申请情况 ------------------------------------------------------------

APPLICANT_COLUMNS = _cols(
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)


def _application_rows(*specs: tuple[str, str]) -> tuple[RowSpec, ...]:
    return tuple(RowSpec(key, label, APPLICANT_COLUMNS) for key, label in specs)


_HEAD_ROWS = (
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "(一)予以公开"),
    ("partially_granted", "(二)部分公开"),
    ("state_secret", "(三)不予公开 1.属于国家秘密"),
    ("law_prohibited", "(三)不予公开 2.其他法律行政法规禁止公开"),
    ("three_securities", '(三)不予公开 3.危及"三安全一稳定"'),
    ("third_party", "(三)不予公开 4.保护第三方合法权益"),
    ("internal_affairs", "(三)不予公开 5.属于三类内部事务信息"),
    ("process_information", "(三)不予公开 6.属于四类过程性信息"),
    ("enforcement_files", "(三)不予公开 7.属于行政执法案卷"),
    ("inquiry_matters", "(三)不予公开 8.属于行政查询事项"),
    ("not_held", "(四)无法提供 1.本机关不掌握相关政府信息"),
    ("needs_creation", "(四)无法提供 2.没有现成信息需要另行制作"),
    ("still_unclear", "(四)无法提供 3.补正后申请内容仍不明确"),
    ("petition", "(五)不予处理 1.信访举报投诉类申请"),
    ("repeated", "(五)不予处理 2.重复申请"),
    ("publications", "(五)不予处理 3.要求提供公开出版物"),
    ("excessive", "(五)不予处理 4.无正当理由大量反复申请"),
    ("confirmation", "(五)不予处理 5.要求行政机关确认或重新出具已获取信息"),
)
_TAIL_ROWS = (
    ("results_total", "(七)总计"),
    ("carried_forward", "四、结转下年度继续办理"),
)

APPLICATIONS_2021 = Layout(
    table="applications",
    name="2021",
    rows=_application_rows(
        *_HEAD_ROWS,
        ("no_correction", "(六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        (
            "fee_unpaid",
            "(六)其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        ("other_reasons", "(六)其他处理 3.其他"),
        *_TAIL_ROWS,
    ),
    headers=("NATURAL_PERSON", "COMMERCIAL", "RESEARCH", "PUBLIC_INTEREST", "LEGAL_SERVICE", "COLUMN_TOTAL"),
)
APPLICATIONS_2019 = Layout(
    table="applications",
    name="2019",
    rows=_application_rows(*_HEAD_ROWS, ("other_handling", "(六)其他处理"), *_TAIL_ROWS),
    headers=APPLICATIONS_2021.headers,
)
APPLICATIONS_2021_SUBROWS = ("NO_CORRECTION", "FEE_UNPAID", "OTHER_REASONS")
APPLICATIONS_2021_FROM = (
    2021  # the first report year the 2021 layout (国办公开办函〔2021〕30号) is mandated for
)

# -- 四、政府信息公开行政复议、行政诉讼情况 ------------------------------------------------------------

OUTCOME_COLUMNS = _cols(
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other_result", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
REVIEW_LITIGATION = Layout(
    table="review_litigation",
    name="any",  # identical in the 2019 and 2021 formats (spec §6.3)
    rows=(
        RowSpec("administrative_review", "行政复议", OUTCOME_COLUMNS),
        RowSpec("direct_suit", "行政诉讼 未经复议直接起诉", OUTCOME_COLUMNS),
        RowSpec("suit_after_review", "行政诉讼 复议后起诉", OUTCOME_COLUMNS),
    ),
    headers=("ADMINISTRATIVE_REVIEW", "LITIGATION", "DIRECT_SUIT", "SUIT_AFTER_REVIEW"),
)
# Table 四 as the reader meets it: one row of 15 numbers after the last header, its columns
# `<row>.<column>` (行政复议 总计 is `administrative_review.total`).
REVIEW_LITIGATION_ROW = RowSpec(
    "review_litigation",
    "行政复议、行政诉讼",
    tuple(
        ColumnSpec(f"{row.key}.{col.key}", f"{row.label} {col.label}")
        for row in REVIEW_LITIGATION.rows
        for col in row.columns
    ),
)

LAYOUTS: dict[tuple[str, str], Layout] = {
    (layout.table, layout.name): layout
    for layout in (
        ACTIVE_DISCLOSURE_2021,
        ACTIVE_DISCLOSURE_2019,
        APPLICATIONS_2021,
        APPLICATIONS_2019,
        REVIEW_LITIGATION,
    )
}


def layout_for(table: str, name: str) -> Layout | None:
    if table == "review_litigation":
        return REVIEW_LITIGATION
    return LAYOUTS.get((table, name))


#: what a layout name means, for people (giplint parse, compare): "any" is table 四, the same in
#: both formats; "mixed" a report whose tables are of both
LAYOUT_NAMES = {
    "2021": "2021年格式",
    "2019": "2019年试行格式",
    "any": "两种格式相同",
    "mixed": "两种格式混用",
    "unknown": "格式未识别",
}


def layout_name(name: str) -> str:
    """The Chinese name of a layout (``2021`` -> 2021年格式); an unknown name is 格式未识别."""
    return LAYOUT_NAMES.get(name, LAYOUT_NAMES["unknown"])


def cell_label(table: str, layout: str, row: str, column: str) -> str:
    """The Chinese label of a cell for messages: ``(七)总计 / 自然人``."""
    spec = layout_for(table, layout) or layout_for(table, "2021")
    row_spec = spec.row(row) if spec else None
    if row_spec is None:
        return f"{row}/{column}"
    column_label = next((c.label for c in row_spec.columns if c.key == column), column)
    return f"{row_spec.label} / {column_label}"


def form_label(label: str) -> str:
    """A label as the form prints it, for an editor: full-width brackets and quotes
    (``(七)总计`` is （七）总计, ``危及"三安全一稳定"`` is 危及“三安全一稳定”)."""
    label = label.replace("(", "（").replace(")", "）").replace(":", "：")
    while '"' in label:
        label = label.replace('"', "“", 1).replace('"', "”", 1)
    return label


# A row label's own numbering: 一、 (a part of table 三), （一） (a result), 1. (a sub-item).
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+\.)")


def term_label(label: str) -> str:
    """A label short enough to name a figure in a sum: its last part without its numbering
    (予以公开, 属于国家秘密, 本年新收政府信息公开申请数量, 结果维持). （七）总计 keeps its number:
    总计 alone is also a column."""
    short = form_label(label).split(" ")[-1]
    bare = _NUMBERING.sub("", short)
    return short if bare == TOTAL_WORD or not bare else bare


TOTAL_WORD = "总计"


def cell_labels(table: str, layout: str, row: str, column: str = "") -> tuple[str, str]:
    """The form's labels of a row and a column (`form_label`), for locating a finding:
    (（四）无法提供 2.没有现成信息需要另行制作, 自然人); the key itself for one the layout lacks."""
    spec = layout_for(table, layout) or layout_for(table, "2021")
    row_spec = spec.row(row) if spec else None
    if row_spec is None:
        return row, column
    column_label = next((c.label for c in row_spec.columns if c.key == column), column)
    return form_label(row_spec.label), form_label(column_label)


class TablePlace(TypedDict):
    """Where a table finding is, as `Rule.diagnostic` takes it (`**table_place(...)`): the
    table's number (its section, which is also the finding's section), the form's labels of the
    cell's row and column, and `table`, the table's title for the message's `{table}`."""

    table_number: str
    row_label: str
    column_label: str
    table: str


def table_place(table: Table, row: str = "", column: str = "") -> TablePlace:
    """A table finding's place, written once for every check that reports a cell or a row."""
    row_label, column_label = cell_labels(table.kind, table.layout, row, column)
    return TablePlace(table_number=table.section, row_label=row_label, column_label=column_label, table=table.title)


# The names a rule's params may use, for validating them at load (giplint/contract.py `choose`).
TABLES: tuple[str, ...] = tuple(spec.table for spec in SECTIONS if spec.table)


def row_keys(table: str) -> list[str]:
    """The row keys of every layout of a table, in layout order (2021's first)."""
    specs = [spec for spec in LAYOUTS.values() if spec.table == table]
    return list(dict.fromkeys(row.key for spec in specs for row in spec.rows))


def column_keys(table: str, row: str | None = None) -> list[str]:
    """The column keys of every layout of a table (of one row when `row` is given), in order."""
    specs = [spec for spec in LAYOUTS.values() if spec.table == table]
    return list(
        dict.fromkeys(
            column.key
            for spec in specs
            for spec_row in spec.rows
            if row is None or spec_row.key == row
            for column in spec_row.columns
        )
    )


def label_names(table: str) -> list[str]:
    """The names of a table's labels (giplint's vocabulary below), as rules' params name them."""
    return [spec.name for spec in VOCABULARY.get(table, ())]
