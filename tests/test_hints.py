"""Every rule says what to do (issue 16 item 3): a 提示 on every rule, and a fee in 元 in the 万元
cell answered with the figure to write (`36000元`: 应填 3.6（万元）)."""

from __future__ import annotations

import pytest
from conftest import REPORTS, registry

from giplint.lint import lint_bytes


def test_every_rule_has_a_hint() -> None:
    missing = [rule.id for rule in registry().rules if not rule.hint.strip()]
    assert missing == []


def _fee_findings(written: str) -> list[tuple[str, str]]:
    """GIP205's findings when the fee cell of the invalid-number fixture holds `written`."""
    text = (REPORTS / "invalid-number.txt").read_text(encoding="utf-8")
    assert text.count("\n36000元 |\n") == 1
    text = text.replace("\n36000元 |\n", f"\n{written} |\n")
    reg = registry()
    result = lint_bytes("fee.txt", text.encode("utf-8"), reg.rules, reg.kinds, reg.readers)
    return [(d.message, d.hint) for d in result.diagnostics if d.rule_id == "GIP205"]


@pytest.mark.parametrize(
    ("written", "wan"),
    [
        ("36000元", "3.6"),
        ("251000元", "25.1"),
        ("36,000.00元", "3.6"),
        ("100000元", "10"),
        ("1234（元）", "0.1234"),
        ("0元", "0"),
    ],
)
def test_a_fee_in_yuan_is_given_in_wan(written: str, wan: str) -> None:
    (finding,) = _fee_findings(written)
    assert f"应填 {wan}（万元）" in finding[1], finding


@pytest.mark.parametrize("written", ["12.5", "12.5万元"])
def test_a_fee_in_wan_has_no_note(written: str) -> None:
    assert _fee_findings(written) == []


def test_other_notes_keep_the_general_hint() -> None:
    (finding,) = _fee_findings("12.5万元（含退费）")
    assert "应填" not in finding[1] and "单位已写在表头" in finding[1], finding
