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
    "cell": "单元格",
    "columns": "各列",
    "content": "所写内容",
    "count": "个数",
    "expected": "应有的内容",
    "found": "原文",
    "heading": "部分标题",
    "labels": "旧格式的栏目",
    "left_terms": "各项",
    "period": "统计期限",
    "problem": "问题",
    "quote": "正文原句",
    "raw": "所填内容",
    "right_terms": "各项",
    "row": "行",
    "section_title": "部分标题",
    "subject": "项目",
    "table": "表格",
    "table_value": "表格中的数",
    "text": "乱码",
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
        f"{rule.id} {rule.name}（默认级别：{rule.severity.chinese} {rule.severity.label}，检查类型 {rule.check}）\n\n"
        f"{rule.explain}\n"
    )
