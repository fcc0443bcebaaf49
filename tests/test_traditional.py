"""Reports in traditional characters (giplint/traditional.py): each seed converted with OpenCC's
s2t gives the seed's findings, positions are kept, and excerpts quote the original characters."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from conftest import REPORTS, SEEDS, lint_file, run_cli
from render_formats import write_docx
from report_variants import seed_to_report
from test_one_truth import _describe, findings

from giplint.lint import read_document
from giplint.plugins import load_registry
from giplint.traditional import is_traditional, to_simplified

SEED_PATHS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")


def _ids() -> list[object]:
    return [pytest.param(path, id=path.stem[:3]) for path in SEED_PATHS] or [
        pytest.param(None, marks=pytest.mark.skip(reason="../shared is not present"))
    ]


def _simplified(counter: object) -> list[tuple[str, str, str]]:
    """Findings with their messages in simplified characters (a message may quote a label)."""
    return sorted((rule, _T2S.convert(message), section) for rule, message, section in _describe(counter))  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", _ids())
def test_seed_in_traditional_characters_gives_the_seed_findings(seed: Path, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    traditional = _S2T.convert(text)
    assert traditional != text and "二、主動公開政府信息情況" in traditional
    path = tmp_path / seed.name
    path.write_text(traditional, encoding="utf-8")
    original = lint_file(seed)
    folded = lint_file(path)
    assert _simplified(findings(folded)) == _simplified(findings(original))
    # the same positions: the folding keeps every offset
    assert sorted((d.rule_id, d.span) for d in folded) == sorted((d.rule_id, d.span) for d in original)


@pytest.mark.parametrize("seed", _ids())
def test_word_file_in_traditional_characters(seed: Path, tmp_path: Path) -> None:
    report = seed_to_report(_S2T.convert(seed.read_text(encoding="utf-8")))
    path = tmp_path / "report.docx"
    write_docx(report, path)
    assert _simplified(findings(lint_file(path))) == _simplified(findings(lint_file(seed)))


def test_excerpt_quotes_the_original_characters(tmp_path: Path) -> None:
    seed = SEEDS / "002_575fe12438e08a66.txt"  # its heading 五、存在问题及改进情况 is not verbatim
    if not seed.is_file():
        pytest.skip("../shared is not present")
    path = tmp_path / "traditional.txt"
    path.write_text(_S2T.convert(seed.read_text(encoding="utf-8")), encoding="utf-8")
    document = read_document(str(path), path.read_bytes(), load_registry().readers)
    assert document.shown == path.read_text(encoding="utf-8")
    assert document.text == to_simplified(document.shown) and "五、存在问题及改进情况" in document.text
    _, out, _ = run_cli("--no-cache", "--format", "full", str(path))
    assert "GIP103" in out
    assert "│ 五、存在問題及改進情況" in out  # the excerpt: the user's own characters
    assert "│ 五、存在问题及改进情况" not in out


def test_simplified_text_is_not_folded() -> None:
    for path in [*SEED_PATHS, *sorted(REPORTS.glob("*.txt"))]:
        assert not is_traditional(path.read_bytes().decode("utf-8", "replace")), path
    assert not is_traditional("本机关与台湾「國際」交流：" + "主动公开政府信息情况" * 20)


def test_folding_keeps_the_length_of_every_line() -> None:
    text = "乾燥的頭髮\n二、主動公開政府信息情況\n（三）不予公開 |\n"
    folded = to_simplified(text)
    assert len(folded) == len(text)
    assert folded.split("\n")[1] == "二、主动公开政府信息情况"
