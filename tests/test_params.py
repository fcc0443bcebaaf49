"""Every check kind validates its params at load (yamllint's ``VALIDATE(conf)``): a misspelt
table, row, column, label, section, identity name or parameter is a configuration error naming
``file:line`` with the closest valid name, exit 2 — never a rule that silently stops firing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPORTS, registry, run_cli

from giplint import shipped
from giplint.config import ConfigError, load_rule_file

# check kind -> (a rule of that kind, a bad override of its params, words the error must hold)
BAD_PARAMS: dict[str, tuple[str, str, str]] = {
    "cells_filled": ("GIP406", "{placeholder: false}", "不接受参数：placeholder"),
    "format_in_scope": ("GIP104", "{before: 19}", "before 应为四位年份"),
    "garbled_text": ("GIP403", "{min_question_marks: 0}", "min_question_marks 应为正整数"),
    "identity": (
        "GIP301",
        "{expect: new_recieved + carried_over == results_total + carried_forward}",
        "您是否想写 new_received",
    ),
    "mentions": ("GIP402", "{section: 七}", "未知的部分序号 七"),
    "narrative_figures": (
        "GIP408",
        "{claims: [{what: 新收, table: applications, row: new_recieved, pattern: '(?P<n>\\d+)件'}]}",
        "未知的claims 第1项中表格 applications 的行 new_recieved，您是否想写 new_received",
    ),
    "not_placeholder": ("GIP401", "{section: 七}", "未知的部分序号 七"),
    "number_valid": ("GIP407", "{bogus: 1}", "此检查类型没有参数"),
    "parse_problems": ("GIP001", "{no_sections: {found: 全文}}", "no_sections 应写明 found 和 expected"),
    "section_order": (
        "GIP102",
        "{problems: {repeat: 两次}}",
        "未知的problems 的键 repeat，您是否想写 repeated",
    ),
    "section_present": ("GIP101", "{sections: {七: 其他}}", "未知的部分序号 七"),
    "section_title": ("GIP103", "{accepted: {五: []}}", "accepted.五 应列出至少一种标题写法"),
    "statistical_period": ("GIP404", "{problems: {titel: {problem: x}}}", "您是否想写 title"),
    "superseded_labels": (
        "GIP201",
        "{markers: {active_disclosure: [NEW_MADE_2091]}}",
        "未知的表格 active_disclosure 的标签 NEW_MADE_2091，您是否想写 NEW_MADE_2019",
    ),
    # the issue kinds of table_issues are validated by the table reader's own work (issue 15)
    "table_issues": ("GIP202", "{kind: [missing-row]}", "您是否想写 kinds"),
    "text_not_copied": ("GIP504", "{sections: {七: 0.5}}", "未知的部分序号 七"),
    "title_present": ("GIP405", "{suffix: ''}", "suffix 不能为空"),
    "organ_power": ("GIP206", "{columns: [in_forse]}", "您是否想写 in_force"),
    "period_stated": ("GIP414", "{bogus: 1}", "此检查类型没有参数"),
    "publication_deadline": ("GIP410", "{deadlines: {department: 1月31日}}", "应写为 MM-DD"),
    "stale_year": ("GIP413", "{sections: [七]}", "未知的部分序号 七"),
    "tables_not_copied": ("GIP505", "{tables: [applicatons]}", "您是否想写 applications"),
    "topics_covered": ("GIP412", "{min_topics: 9}", "min_topics 应在 0 到 5 之间"),
    "years_compared": ("GIP506", "{this_year: 本年报告的表}", "应含 {number}"),
}


def test_every_check_kind_has_a_bad_params_case() -> None:
    reg = registry()
    assert set(BAD_PARAMS) == set(reg.kinds)
    for kind, (rule_id, _, _) in BAD_PARAMS.items():
        assert next(r for r in reg.rules if r.id == rule_id).check == kind, rule_id


@pytest.mark.parametrize("kind", sorted(BAD_PARAMS))
def test_a_bad_param_is_a_config_error_at_its_line(tmp_path: Path, kind: str) -> None:
    rule_id, override, words = BAD_PARAMS[kind]
    config = tmp_path / ".giplint.yaml"
    config.write_text(f"# {kind}\nrules:\n  {rule_id}: {override}\n", encoding="utf-8")
    report = tmp_path / "clean-2021.txt"
    shutil.copy(REPORTS / "clean-2021.txt", report)
    code, out, err = run_cli(str(report))
    assert (code, out) == (2, "")
    assert err.startswith(f"配置错误：{config}:3：检查类型 {kind} "), err
    assert words in err, err


def test_a_bad_param_in_a_rule_file_names_the_rule_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "- id: ABC101\n  name: typo-table\n  check: identity\n  severity: error\n  message: m\n"
        "  explain: e\n  params:\n    table: review_litgation\n    over: rows\n"
        "    expect: total == upheld + corrected + other_result + pending\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_rule_file(rules, registry().kinds, plugin="test")
    assert raised.value.message.startswith(f"配置错误：{rules}:8：")
    assert "您是否想写 review_litigation" in raised.value.message


def test_every_shipped_rule_loads_and_validates() -> None:
    reg = registry()
    assert reg.failures == []
    loaded = [
        rule for path in sorted(shipped("rules").glob("*.yaml")) for rule in load_rule_file(path, reg.kinds)
    ]
    assert sorted(r.id for r in loaded) == sorted(r.id for r in reg.rules if r.plugin == "giplint")
    assert len(loaded) >= 26


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("{kinds: [missing-rwo]}", "未知的表格问题种类 missing-rwo，您是否想写 missing-row"),
        ("{kinds: [missing-row], subjects: {missing-row: '：{lable}'}}", "未知的模板字段 lable，您是否想写 label"),
    ],
)
def test_a_misspelt_table_issue_kind_is_a_config_error(tmp_path: Path, override: str, words: str) -> None:
    """`GIP202: {kinds: [missing-rwo]}` once turned the rule off silently (exit 0)."""
    config = tmp_path / ".giplint.yaml"
    config.write_text(f"# table issues\nrules:\n  GIP202: {override}\n", encoding="utf-8")
    report = tmp_path / "missing-row.txt"
    shutil.copy(REPORTS / "missing-row.txt", report)
    code, out, err = run_cli(str(report))
    assert (code, out) == (2, "")
    assert err.startswith(f"配置错误：{config}:3：检查类型 table_issues "), err
    assert words in err, err
