"""`--shard K/N` and `giplint merge`: every file in exactly one shard, one organ's years together,
and the merged shard outputs byte-identical to one run (issue 19)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, parse_file, run_cli

from giplint.engine.shard import parse_shard, series_key, shard_of


@pytest.mark.parametrize(
    ("names", "together"),
    [
        (["a/平潭县2023年政府信息公开工作年度报告.txt", "a/平潭县2024年政府信息公开工作年度报告.docx"], True),
        (["a/004_pingtan_2021.txt", "a/006_pingtan_2023.txt"], True),
        (["archive/县民政局/2023.txt", "archive/县民政局/2024年报.docx"], True),
        (["a/平潭县2023年报.txt", "b/平潭县2024年报.txt"], False),  # another folder: another series
        (["crawl/12345.html", "crawl/12346.html"], False),  # a crawler's ids say nothing of the organ
    ],
)
def test_series_keys(names: list[str], together: bool) -> None:
    assert (len({series_key(name) for name in names}) == 1) == together


def test_shards_partition_and_keep_series_together() -> None:
    paths = [f"省/{county}县/{county}县{year}年报.txt" for county in range(300) for year in range(2019, 2026)]
    for count in (1, 2, 3, 7):
        shards = [shard_of(path, count) for path in paths]
        assert set(shards) == set(range(1, count + 1))
        for start in range(0, len(paths), 7):  # one county's seven years: one shard
            assert len(set(shards[start : start + 7])) == 1


def test_bad_shard_is_a_usage_error() -> None:
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "2", "a/b", "1/0"):
        code, _, err = run_cli("--shard", bad, str(ROOT / "fixtures" / "reports" / "clean-2021.txt"))
        assert code == 2 and "--shard" in err and "K/N" in err


@pytest.mark.slow
def test_merged_shards_are_one_run(tmp_path: Path) -> None:
    """300 generated reports named by organ and year: three shards merged give one run's bytes,
    in JSON and SARIF, and every file is in exactly one shard."""
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    made = tmp_path / "made"
    assert generate.main(["--count", "300", "--seed", "5", "--out", str(made), "--defect-rate", "0.3"]) == 0
    archive = tmp_path / "archive"
    archive.mkdir()
    for line in (made / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)  # named as archives name reports: organ (from its title), year
        organ = parse_file(made / entry["file"]).organ or "未署名"
        (made / entry["file"]).rename(archive / f"{organ}{entry['year']}年报_{entry['file']}")
    whole = run_cli(str(archive), "--format", "json", "--no-cache", "--statistics")
    assert whole[0] == 1 and "跨年度配对" in whole[2]
    outputs = []
    for k in (1, 2, 3):
        code, out, _ = run_cli(str(archive), "--shard", f"{k}/3", "--format", "json", "--no-cache")
        assert code in (0, 1)
        shard = tmp_path / f"shard-{k}.json"
        shard.write_text(out, encoding="utf-8")
        outputs.append(shard)
    names = [f["path"] for shard in outputs for f in json.loads(shard.read_text(encoding="utf-8"))]
    assert sorted(names) == sorted(f["path"] for f in json.loads(whole[1])) and len(set(names)) == len(names)
    merged = run_cli("merge", *map(str, outputs))
    assert merged[:2] == whole[:2]
    sarif = run_cli(str(archive), "--format", "sarif", "--no-cache")
    assert run_cli("merge", "--format", "sarif", *map(str, outputs))[:2] == sarif[:2]


def test_merge_refuses_what_is_not_a_shard(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("{}", encoding="utf-8")
    code, _, err = run_cli("merge", str(bad))
    assert code == 2 and "x.json" in err and "无法合并" in err
    one = tmp_path / "one.json"
    one.write_text(
        run_cli(str(ROOT / "fixtures" / "reports" / "clean-2021.txt"), "--format", "json")[1],
        encoding="utf-8",
    )
    code, _, err = run_cli("merge", str(one), str(one))
    assert code == 2 and "两份结果中都出现了" in err


def test_merge_reads_back_every_field_the_json_writes() -> None:
    """`giplint merge` rebuilds findings from JSON: a field added to Diagnostic and written by
    to_dict must come back (else merged output differs from one run)."""
    from dataclasses import fields

    from giplint.diagnostics import Diagnostic, Severity
    from giplint.engine.shard import diagnostic_from_dict
    from giplint.span import Span

    diagnostic = Diagnostic(
        "a.txt",
        Span(3, 4, 3, 9),
        "GIP301",
        "applications-balance",
        Severity.ERROR,
        "消息",
        section="三",
        location="第3段",
        hint="提示",
        page=2,
        table="三",
        row="（七）总计",
        column="自然人",
    )
    back = diagnostic_from_dict("a.txt", diagnostic.to_dict())
    assert [getattr(back, f.name) for f in fields(Diagnostic)] == [
        getattr(diagnostic, f.name) for f in fields(Diagnostic)
    ]
