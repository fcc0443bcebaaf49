"""The baseline: an archive adopts giplint by recording today's findings; only new ones are then
reported, and fixed ones are listed as stale (issue 20). Run on the real seeds and corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, need_shared, run_cli


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The seeds and the corpus copied into one folder: a small archive of published reports."""
    need_shared()
    folder = tmp_path / "archive"
    folder.mkdir()
    for source in [*SEEDS.glob("*.txt"), *CORPUS.glob("0*")]:
        shutil.copy(source, folder / source.name)
    return folder


def _findings(*args: str) -> tuple[int, list[dict[str, object]], str]:
    """Exit code, every finding of the JSON output (with its file as `path`), stderr."""
    code, out, err = run_cli(*args, "--format", "json", "--no-progress")
    files = json.loads(out) if out.strip() else []
    return code, [{**d, "path": f["path"]} for f in files for d in f["diagnostics"]], err


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_baseline_reports_only_new_findings_and_lists_stale(archive: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "giplint-baseline.json"
    code, _, err = run_cli("--write-baseline", str(baseline), str(archive))
    assert code == 0, err
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(recorded) > 20 and all(not Path(e["path"]).is_absolute() for e in recorded)
    code, found, err = _findings("--baseline", str(baseline), str(archive))
    assert (code, found) == (0, []), err
    assert f"{len(recorded)} 个问题未显示" in err

    # A paragraph inserted above every old finding of seed 001 (its lines all move), a new
    # arithmetic error in seed 000 (新收 one more in the 自然人 column), and seed 001's empty 六
    # (an old empty-other-matters finding) given its fee statement.
    seed_000 = archive / "000_816126611a69aadc.txt"
    seed_001 = archive / "001_b22fda383031e3c0.txt"
    _edit(seed_001, "一、总体情况\n", "一、总体情况\n本年度按照条例要求编制报告。\n另起一段说明。\n")
    _edit(seed_000, "一、本年新收政府信息公开申请数量 |\n16 |", "一、本年新收政府信息公开申请数量 |\n17 |")
    _edit(
        seed_001, "六、其他需要报告的事项\n(无)????????", "六、其他需要报告的事项\n本年度未收取信息处理费。"
    )
    code, found, err = _findings("--baseline", str(baseline), str(archive))
    assert code == 1, err
    assert {f["path"] for f in found} == {str(seed_000)}, found
    assert {f["rule"] for f in found} <= {"GIP301", "GIP303"} and found, found
    assert all("17" in str(f["message"]) for f in found if f["rule"] == "GIP303")
    assert "已不再出现" in err
    stale = [line for line in err.splitlines() if line.startswith("  archive/001_b22fda383031e3c0.txt: ")]
    assert any("GIP401" in line for line in stale), err
    # the old findings of seed 001 that moved down two lines are still held back, not stale
    assert not any("GIP201" in line for line in stale), err


def test_baseline_is_the_same_whatever_the_jobs_or_cache(archive: Path, tmp_path: Path) -> None:
    written = []
    for index, extra in enumerate((["--jobs", "1", "--no-cache"], ["--jobs", "2"], ["--jobs", "2"])):
        baseline = tmp_path / f"b{index}.json"
        assert run_cli("--write-baseline", str(baseline), str(archive), *extra)[0] == 0
        written.append(baseline.read_bytes())
    assert written[0] == written[1] == written[2]
    _edit(
        archive / "000_816126611a69aadc.txt",
        "一、本年新收政府信息公开申请数量 |\n16 |",
        "一、本年新收政府信息公开申请数量 |\n18 |",
    )
    outputs = {
        run_cli("--baseline", str(tmp_path / "b0.json"), str(archive), "--format", "json", *extra)[1]
        for extra in (
            ["--jobs", "1", "--no-cache"],
            ["--jobs", "2", "--no-cache"],
            ["--jobs", "2"],
            ["--jobs", "1"],
        )
    }
    assert len(outputs) == 1
    assert [d["rule"] for f in json.loads(outputs.pop()) for d in f["diagnostics"]]


def test_baseline_from_config_and_broken_files(tmp_path: Path) -> None:
    report = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "balance-error.txt"
    folder = tmp_path / "repo"
    folder.mkdir()
    shutil.copy(report, folder / "r.txt")
    assert run_cli("--write-baseline", str(folder / "b.json"), str(folder / "r.txt"))[0] == 0
    (folder / ".giplint.yaml").write_text("baseline: b.json\n", encoding="utf-8")
    code, found, err = _findings(str(folder / "r.txt"), "--config", str(folder / ".giplint.yaml"))
    assert (code, found) == (0, []), err
    for content, says in (("{", "无法读取基线文件"), ('{"tool": "other"}', "不是 giplint 的基线文件")):
        (folder / "b.json").write_text(content, encoding="utf-8")
        code, _, err = run_cli(str(folder / "r.txt"), "--baseline", str(folder / "b.json"))
        assert code == 2 and says in err and "b.json" in err
    code, _, err = run_cli(str(folder / "r.txt"), "--baseline", str(folder / "none.json"))
    assert code == 2 and "基线文件不存在" in err
