"""Small checks whose judgement is about wording: what counts as saying nothing in section 六."""

from __future__ import annotations

import pytest
from conftest import registry

from giplint.checks.not_placeholder import content, is_placeholder


def _patterns() -> list[str]:
    rule = next(r for r in registry().rules if r.name == "empty-other-matters")
    return list(rule.params.placeholders)


@pytest.mark.parametrize(
    "text",
    [
        "无",
        "无。",
        "(无)",
        "（无）",
        "暂无。",
        "本年度无其他需要报告的事项。",
        "我局无其他需要报告的事项",
        "暂无其他事项需要报告",
        "无。\n\n某某县某某局\n2024年1月20日",
        "",
    ],
)
def test_says_nothing(text: str) -> None:
    assert is_placeholder(text, _patterns())


@pytest.mark.parametrize(
    "text",
    ["本年度未收取信息处理费。", "无收取信息处理费情况。", "本年度无其他需要报告的事项，未收取信息处理费。"],
)
def test_says_something(text: str) -> None:
    assert not is_placeholder(text, _patterns())


def test_signature_and_date_are_not_content() -> None:
    assert (
        content("本年度未收取信息处理费。\n沭阳县发展和改革局\n2024年1月17日\n") == "本年度未收取信息处理费。"
    )


def test_closing_block_is_looked_for_in_a_bounded_tail() -> None:
    """A section that is one long run of organ names costs a bounded tail, not the whole text:
    the block found starts within closing.TAIL_CHARS of the end (issue 18 item 5)."""
    from giplint.parse import closing

    text = "无" + "某某局\n" * 50_000
    start = closing.closing_start(text, ["无"])
    assert len(text) - closing.TAIL_CHARS <= start < len(text)
    assert closing.without_closing("无河北省教育厅2022年1月20日【打印】【关闭】", ["无"]) == "无"
    assert closing.without_closing("本年度未收取信息处理费。\r河北省教育厅\r二〇二二年一月二十日") == "本年度未收取信息处理费。"
