"""The texts of ``giplint rules`` and ``giplint explain``: a rule's message template with readable
placeholders, and its explain page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from giplint.contract import Rule


# What each {field} of the rules' message templates stands for, for `giplint rules`: a reader
# sees 缺少“〈部分标题〉”部分, not 缺少“{section_title}”部分. A field a plugin's rule invents and
# this table does not know is shown as 〈…〉.
_FIELD_NAMES = {
    "actual": "填写的数",
    "missing": "未读出的表格",
    "rules": "未能进行的检查",
    "advice": "改法",
    "cell": "单元格",
    "columns": "各列",
    "content": "所写内容",
    "copied": "相同句数",
    "count": "个数",
    "date": "日期",
    "days": "天数",
    "deadline": "发布期限",
    "expected": "应有的内容",
    "found": "原文",
    "heading": "部分标题",
    "kind": "机关类别",
    "labels": "旧格式的栏目",
    "left_named": "各项及其数",
    "left_terms": "各项",
    "level": "机关层级",
    "number": "部分序号",
    "organ": "机关名称",
    "period": "统计期限",
    "previous_path": "上年报告",
    "previous_year": "上年年度",
    "problem": "问题",
    "quote": "正文原句",
    "raw": "所填内容",
    "repair": "可能填错的单元格",
    "right_named": "各项及其数",
    "right_terms": "各项",
    "row": "行",
    "section_title": "部分标题",
    "sections": "部分序号",
    "sentence": "句子",
    "share": "比例",
    "source": "日期来源",
    "stated": "句首年份",
    "status": "格式说明",
    "subject": "项目",
    "table": "表格",
    "table_value": "表格中的数",
    "text": "乱码",
    "title": "部分标题",
    "total": "总句数",
    "values": "所填数字",
    "what": "项目",
    "where": "行或列",
    "year": "年度",
}


def readable_template(template: str) -> str:
    """A message template with each {field} shown as a readable Chinese placeholder."""
    import string

    parts = []
    for literal, field_name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(literal)
        if field_name is not None:
            parts.append(f"〈{_FIELD_NAMES.get(field_name, '…')}〉")
    return "".join(parts)


def explain_text(rule: Rule[Any]) -> str:
    return (
        f"{rule.id} {rule.name}（默认级别：{rule.severity.chinese}，检查类型 {rule.check}）\n\n"
        f"{rule.explain}\n"
    )
