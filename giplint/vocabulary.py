"""The vocabulary of the three tables: every label's name, its pattern over the folded text
(giplint/fold.py), its kind (article, header, group, row) and canonical wording, and the scanner
that finds them all in one pass. Part of the one home of the tables' facts (giplint/layouts.py,
which names rows and columns and re-exports these); split from it along that seam.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """One label of a table as the format writes it.

    `pattern` matches it in the folded text (optional parts such as a row's `1.` numbering or the
    parenthetical of (二)部分公开 included); `text` is its full canonical wording, which the reader
    compares a mistyped or wrapped label with; `anchor` marks labels only a real table has (two
    different anchors make a table; prose may mention 行政许可 or 行政复议).
    """

    name: str
    kind: str  # article | header | group | row
    pattern: str
    text: str
    anchor: bool = False


def _label(name: str, kind: str, pattern: str, text: str = "", anchor: bool = False) -> LabelSpec:
    return LabelSpec(name, kind, pattern, text or re.sub(r"\\(.)", r"\1", pattern), anchor)


_NUMBERED = r"(?:{n}\.)?"

VOCABULARY: dict[str, tuple[LabelSpec, ...]] = {
    "active_disclosure": (
        _label("ARTICLE_20_1", "article", r"第二十条第\(?一\)?项", "第二十条第(一)项", True),
        _label("ARTICLE_20_5", "article", r"第二十条第\(?五\)?项", "第二十条第(五)项", True),
        _label("ARTICLE_20_6", "article", r"第二十条第\(?六\)?项", "第二十条第(六)项", True),
        _label("ARTICLE_20_8", "article", r"第二十条第\(?八\)?项", "第二十条第(八)项", True),
        _label("ARTICLE_20_9", "article", r"第二十条第\(?九\)?项", "第二十条第(九)项", True),
        _label("CONTENT", "header", "信息内容", anchor=True),
        _label("ISSUED", "header", "本年(?:新)?制发件数", "本年制发件数", True),
        _label("REPEALED", "header", "本年废止件数", anchor=True),
        _label("IN_FORCE", "header", "现行有效件数", anchor=True),
        _label("DECISIONS", "header", "本年处理决定数量", anchor=True),
        _label(
            "FEE_AMOUNT", "header", r"本年收费金额(?:\((?:单位:)?万元\))?", "本年收费金额(单位:万元)", True
        ),
        _label("NEW_MADE_2019", "header", "本年新制作数量", anchor=True),
        _label("NEW_PUBLISHED_2019", "header", "本年新公开数量", anchor=True),
        _label("PUBLIC_TOTAL_2019", "header", "对外公开总数量", anchor=True),
        _label("PREVIOUS_ITEMS_2019", "header", "上一年项目数量", anchor=True),
        _label("CHANGE_2019", "header", r"本年增/减", "本年增/减", True),
        _label("DECISIONS_2019", "header", "处理决定数量"),
        _label("PURCHASE_ITEMS_2019", "header", "采购项目数量"),
        _label("PURCHASE_AMOUNT_2019", "header", "采购总金额"),
        _label("REGULATIONS", "row", "规章"),
        _label("NORMATIVE_DOCUMENTS", "row", "行政规范性文件"),
        _label("NORMATIVE_DOCUMENTS_2019", "row", "规范性文件"),
        _label("LICENSING", "row", "行政许可"),
        _label("OTHER_SERVICES_2019", "row", "其他对外管理服务事项"),
        _label("PENALTIES", "row", "行政处罚"),
        _label("ENFORCEMENT", "row", "行政强制"),
        _label("ADMINISTRATIVE_FEES", "row", "行政事业性收费"),
        _label("CENTRAL_PURCHASING_2019", "row", "政府集中采购"),
    ),
    "applications": (
        _label(
            "IDENTITY_NOTE",
            "header",
            r"\(?本列数据的勾稽关系(?:为)?:?[^|\n]{0,24}?第三项加第四项之和\)?",
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            True,
        ),
        _label("APPLICANTS", "header", "申请人情况", anchor=True),
        _label("NATURAL_PERSON", "header", "自然人", anchor=True),
        _label("LEGAL_PERSONS", "header", "法人或其他组织", anchor=True),
        _label("COMMERCIAL", "header", "商业企业"),
        _label("RESEARCH", "header", "科研机构"),
        _label("PUBLIC_INTEREST", "header", "社会公益组织"),
        _label("LEGAL_SERVICE", "header", "法律服务机构"),
        _label("OTHER_ORG", "header", "其他"),
        _label("COLUMN_TOTAL", "header", "总计"),
        _label("NEW_RECEIVED", "row", "一、本年新收政府信息公开申请数量", anchor=True),
        _label("CARRIED_OVER", "row", "二、上年结转政府信息公开申请数量", anchor=True),
        _label("RESULTS", "group", "三、本年度办理结果", anchor=True),
        _label("GRANTED", "row", r"\(一\)予以公开", anchor=True),
        _label(
            "PARTIALLY_GRANTED",
            "row",
            r"\(二\)部分公开(?:\(区分处理的,只计这一情形,不计其他情形\))?",
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
            True,
        ),
        _label("WITHHELD", "group", r"\(三\)不予公开"),
        _label("STATE_SECRET", "row", r"(?:1\.)?属于国家秘密", "1.属于国家秘密"),
        _label("LAW_PROHIBITED", "row", r"(?:2\.)?其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开"),
        _label("THREE_SECURITIES", "row", r'(?:3\.)?危及"?三安全一稳定"?', '3.危及"三安全一稳定"'),
        _label("THIRD_PARTY", "row", r"(?:4\.)?保护第三方合法权益", "4.保护第三方合法权益"),
        _label("INTERNAL_AFFAIRS", "row", r"(?:5\.)?属于三类内部事务信息", "5.属于三类内部事务信息"),
        _label("PROCESS_INFORMATION", "row", r"(?:6\.)?属于四类过程性信息", "6.属于四类过程性信息"),
        _label("ENFORCEMENT_FILES", "row", r"(?:7\.)?属于行政执法案卷", "7.属于行政执法案卷"),
        _label("INQUIRY_MATTERS", "row", r"(?:8\.)?属于行政查询事项", "8.属于行政查询事项"),
        _label("UNABLE", "group", r"\(四\)无法提供"),
        _label("NOT_HELD", "row", r"(?:1\.)?本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息"),
        _label("NEEDS_CREATION", "row", r"(?:2\.)?没有现成信息需要另行制作", "2.没有现成信息需要另行制作"),
        _label("STILL_UNCLEAR", "row", r"(?:3\.)?补正后申请内容仍不明确", "3.补正后申请内容仍不明确"),
        _label("NOT_PROCESSED", "group", r"\(五\)不予处理"),
        _label("PETITION", "row", r"(?:1\.)?信访举报投诉类申请", "1.信访举报投诉类申请"),
        _label("REPEATED", "row", r"(?:2\.)?重复申请", "2.重复申请"),
        _label("PUBLICATIONS", "row", r"(?:3\.)?要求提供公开出版物", "3.要求提供公开出版物"),
        _label("EXCESSIVE", "row", r"(?:4\.)?无正当理由大量反复申请", "4.无正当理由大量反复申请"),
        _label(
            "CONFIRMATION",
            "row",
            r"(?:5\.)?要求行政机关确认或重新出具已获取信息",
            "5.要求行政机关确认或重新出具已获取信息",
        ),
        _label("OTHER_HANDLING", "row", r"\(六\)其他处理"),
        _label(
            "NO_CORRECTION",
            "row",
            r"(?:1\.)?申请人无正当理由逾期不补正[、,]?行政机关不再处理其政府信息公开申请",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        _label(
            "FEE_UNPAID",
            "row",
            r"(?:2\.)?申请人逾期未按收费通知要求缴纳费用[、,]?行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        _label("OTHER_REASONS", "row", r"3\.其他", "3.其他"),
        _label("RESULTS_TOTAL", "row", r"\(七\)总计", anchor=True),
        _label("CARRIED_FORWARD", "row", "四、结转下年度继续办理", anchor=True),
    ),
    "review_litigation": (
        _label("ADMINISTRATIVE_REVIEW", "header", "行政复议"),
        _label("LITIGATION", "header", "行政诉讼"),
        _label("DIRECT_SUIT", "header", "未经复议直接起诉", anchor=True),
        _label("SUIT_AFTER_REVIEW", "header", "复议后起诉", anchor=True),
        _label("UPHELD", "header", "结果维持", anchor=True),
        _label("CORRECTED", "header", "结果纠正", anchor=True),
        _label("OTHER_RESULT", "header", "其他结果", anchor=True),
        _label("PENDING", "header", "尚未审结", anchor=True),
        _label("GROUP_TOTAL", "header", "总计"),
    ),
}


@dataclass(frozen=True)
class Scanner:
    """The labels of one table compiled into one pattern (longest alternatives first, so that
    `其他法律行政法规禁止公开` wins over `其他` and `其他结果` over `其他`).

    Every alternative starts with a character: a label's optional lead (a row's `1.` numbering,
    the `(` of the identity note) is written out as two alternatives, with and without it, in
    that order (as the greedy `?` tries them). A pattern whose alternatives all start with a
    character gets a charset prefix from `re`, which finds the places where a label may start in
    a tight loop instead of trying the pattern at every character (2.8x faster over a report's
    tables). An empty named group closing each alternative says which label matched."""

    pattern: re.Pattern[str]
    labels: dict[str, LabelSpec]  # by label name
    groups: dict[str, LabelSpec]  # by the name of the group closing its alternatives

    def label(self, match: re.Match[str]) -> LabelSpec:
        """The label a match of `pattern` found."""
        return self.groups[match.lastgroup or ""]


# An optional lead of a label pattern: "(?:1\.)?" or "\(?".
_OPTIONAL_LEAD = re.compile(r"\(\?:([^()]*)\)\?|(\\.)\?")


def _alternatives(pattern: str) -> tuple[str, ...]:
    """A label's pattern as alternatives that start with a character, in the order `re` tries
    them: with its optional lead, then without."""
    lead = _OPTIONAL_LEAD.match(pattern)
    if lead is None:
        return (pattern,)
    rest = pattern[lead.end() :]
    return (f"{lead.group(1) or lead.group(2)}{rest}", rest)


@cache
def scanner(table: str) -> Scanner:
    labels = VOCABULARY[table]
    alternatives: list[str] = []
    groups: dict[str, LabelSpec] = {}
    for spec in sorted(labels, key=lambda spec: -len(spec.text)):
        for number, alternative in enumerate(_alternatives(spec.pattern)):
            group = f"{spec.name}__{number}"
            groups[group] = spec
            alternatives.append(f"{alternative}(?P<{group}>)")
    return Scanner(re.compile("|".join(alternatives)), {spec.name: spec for spec in labels}, groups)
