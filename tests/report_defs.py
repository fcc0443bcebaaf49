"""Report definitions the format writers (render_formats.py) turn into .txt, .html and .docx.

One definition, three renderings: a reader is right when it lowers the HTML or Word rendering to
the same canonical text as the text rendering. A definition is a list of blocks:
``("p", text)`` for a heading or paragraph, ``("table", rows)`` for a table, where a cell is a
string or ``(text, rowspan, colspan)``. A ``\\n`` inside a cell's text makes two paragraphs in the
cell (HTML ``<p>``s, Word paragraphs), which the canonical text joins with nothing.

The prose is written for these tests; the numbers satisfy every identity of the spec (§5).
"""

from __future__ import annotations

Cell = str | tuple[str, int, int]
Row = list[Cell]
Block = tuple[str, str] | tuple[str, list[Row]]
ReportDef = list[Block]

APPLICANT_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

# Section 三: label path → the six applicant columns (总计 is computed).
NEW = [30, 5, 1, 0, 2, 1]
CARRIED_IN = [2, 1, 0, 0, 0, 0]
CARRIED_OUT = [1, 1, 0, 0, 0, 0]
RESULTS: list[tuple[str, list[int]]] = [
    ("（一）予以公开", [18, 3, 1, 0, 1, 0]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [3, 1, 0, 0, 0, 0]),
    ("1.属于国家秘密", [1, 0, 0, 0, 0, 0]),
    ("2.其他法律行政法规禁止公开", [0, 0, 0, 0, 0, 0]),
    ("3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0]),
    ("4.保护第三方合法权益", [1, 0, 0, 0, 0, 0]),
    ("5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0]),
    ("6.属于四类过程性信息", [1, 0, 0, 0, 0, 0]),
    ("7.属于行政执法案卷", [0, 0, 0, 0, 0, 0]),
    ("8.属于行政查询事项", [0, 0, 0, 0, 0, 0]),
    ("1.本机关不掌握相关政府信息", [4, 1, 0, 0, 1, 0]),
    ("2.没有现成信息需要另行制作", [1, 0, 0, 0, 0, 0]),
    ("3.补正后申请内容仍不明确", [0, 0, 0, 0, 0, 0]),
    ("1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0]),
    ("2.重复申请", [0, 0, 0, 0, 0, 1]),
    ("3.要求提供公开出版物", [0, 0, 0, 0, 0, 0]),
    ("4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0]),
    ("5.要求行政机关确认或重新出具已获取信息", [0, 0, 0, 0, 0, 0]),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0]),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 0, 0, 0, 0, 0]),
    ("3.其他", [0, 0, 0, 0, 0, 0]),
]
# Group cells of the 三 table: (label, index of its first result row, rows spanned).
GROUPS = [
    ("（三）不予公开", 2, 8),
    ("（四）无法提供", 10, 3),
    ("（五）不予处理", 13, 5),
    ("（六）其他处理", 18, 3),
]

# Section 四: 行政复议, 未经复议直接起诉, 复议后起诉 — each 维持, 纠正, 其他, 尚未审结 (总计 computed).
REVIEW = [2, 1, 0, 1]
DIRECT_SUIT = [1, 0, 0, 1]
SUIT_AFTER_REVIEW = [0, 0, 0, 0]


def _with_total(values: list[int]) -> list[str]:
    return [str(v) for v in values] + [str(sum(values))]


def result_total() -> list[int]:
    """（七）总计 per applicant column: the sum of every result row."""
    return [sum(values[c] for _, values in RESULTS) for c in range(len(APPLICANT_COLUMNS))]


def _section_two() -> list[Row]:
    rows: list[Row] = [
        [("第二十条第（一）项", 1, 4)],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "3", "1", "12"],
    ]
    for item, label, entries in (
        ("五", "本年处理决定数量", [("行政许可", "156")]),
        ("六", "本年处理决定数量", [("行政处罚", "23"), ("行政强制", "2")]),
        ("八", "本年收费金额（单位：万元）", [("行政事业性收费", "12.5")]),
    ):
        rows.append([(f"第二十条第（{item}）项", 1, 4)])
        rows.append(["信息内容", (label, 1, 3)])
        rows.extend([name, (value, 1, 3)] for name, value in entries)
    return rows


def _section_three() -> list[Row]:
    rows: list[Row] = [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 1, 7),
        ],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        ["商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"],
        [("一、本年新收政府信息公开申请数量", 1, 3), *_with_total(NEW)],
        [("二、上年结转政府信息公开申请数量", 1, 3), *_with_total(CARRIED_IN)],
    ]
    groups = {first: (label, span) for label, first, span in GROUPS}
    for index, (label, values) in enumerate(RESULTS):
        row: Row = []
        if index == 0:
            row.append(("三、本年度办理结果", len(RESULTS) + 1, 1))
        if index in groups:
            group_label, span = groups[index]
            row.append((group_label, span, 1))
        row.append((label, 1, 2) if index < 2 else label)
        rows.append([*row, *_with_total(values)])
    rows.append([("（七）总计", 1, 2), *_with_total(result_total())])
    rows.append([("四、结转下年度继续办理", 1, 3), *_with_total(CARRIED_OUT)])
    return rows


def _section_four() -> list[Row]:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [*[(label, 2, 1) for label in results], ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [*results, *results],
        [*_with_total(REVIEW), *_with_total(DIRECT_SUIT), *_with_total(SUIT_AFTER_REVIEW)],
    ]


CLEAN_2021: ReportDef = [
    ("p", "云溪县自然资源局2024年政府信息公开工作年度报告"),
    (
        "p",
        (
            "本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的"
            "年度报告格式编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。"
            "本报告中所列数据的统计期限为2024年1月1日至2024年12月31日。"
        ),
    ),
    ("p", "一、总体情况"),
    ("p", "（一）主动公开"),
    (
        "p",
        (
            "全年在县政府门户网站自然资源专栏发布各类信息412条，其中土地供应结果、"
            "不动产登记办事指南和耕地保护动态占比最高。新制发行政规范性文件3件，同步发布解读材料。"
        ),
    ),
    ("p", "（二）依申请公开"),
    (
        "p",
        "全年新收政府信息公开申请39件，上年结转3件，办结40件，结转下年度继续办理2件，均在法定期限内答复。",
    ),
    ("p", "（三）政府信息管理"),
    ("p", "开展规范性文件清理，废止1件；对拟公开信息实行“先审查、后公开”，全年未发生失泄密事件。"),
    ("p", "（四）政府信息公开平台建设"),
    ("p", "优化专栏目录，新增征地信息公开子栏目，政务新媒体账号同步推送重要信息。"),
    ("p", "（五）监督保障"),
    ("p", "将政务公开纳入年度绩效考核，组织业务培训2次，全年未发生政务公开责任追究情况。"),
    ("p", "二、主动公开政府信息情况"),
    ("table", _section_two()),
    ("p", "三、收到和处理政府信息公开申请情况"),
    ("table", _section_three()),
    ("p", "四、政府信息公开行政复议、行政诉讼情况"),
    ("table", _section_four()),
    ("p", "五、存在的主要问题及改进情况"),
    (
        "p",
        (
            "一是部分业务科室主动公开意识不强，信息报送不及时；二是政策解读形式较为单一。"
            "下一步将建立信息报送台账，按月通报，并增加图解、问答等解读形式。"
            "上年度报告所列专栏更新不及时的问题已完成整改。"
        ),
    ),
    ("p", "六、其他需要报告的事项"),
    (
        "p",
        (
            "本年度未发出收费通知，未收取信息处理费。认真落实上级年度政务公开工作要点，"
            "人大代表建议和政协提案办理结果均已公开。"
        ),
    ),
]
