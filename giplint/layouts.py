"""The mandated table layouts: rows and columns in order, by the terminal names of tables.lark.

The grammar knows every label; this module knows which of them a layout requires, in what order,
and which columns each row carries, as the format (spec §4, §6) fixes them. Keys are the terminal
names lower-cased: row `NEW_RECEIVED` is key `new_received`, so a rule's YAML can name cells
without knowing any Chinese label, and a message can still print the label the editor sees.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    headers: tuple[str, ...]  # terminal names of header labels the layout requires

    def row(self, key: str) -> RowSpec | None:
        return next((r for r in self.rows if r.key == key), None)


def _cols(*specs: tuple[str, str]) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(key, label) for key, label in specs)


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


def cell_label(table: str, layout: str, row: str, column: str) -> str:
    """The Chinese label of a cell for messages: ``(七)总计 / 自然人``."""
    spec = layout_for(table, layout) or layout_for(table, "2021")
    row_spec = spec.row(row) if spec else None
    if row_spec is None:
        return f"{row}/{column}"
    column_label = next((c.label for c in row_spec.columns if c.key == column), column)
    return f"{row_spec.label} / {column_label}"
