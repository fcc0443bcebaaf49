"""Bad input never crashes giplint: truncated, shuffled, glued and garbled reports are linted.

Deterministic mutations of our own fixtures (and the seeds when present): every cut point of a
sample, lines shuffled, cell separators removed, random bytes flipped. The assertion is only that
reading, parsing and every rule run without an exception or a failure: the findings themselves
are tested elsewhere.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS, registry

from giplint.lint import lint_bytes


def _samples() -> list[Path]:
    paths = [REPORTS / "clean-2021.txt", REPORTS / "old-layout-2020.txt", REPORTS / "glued-2021.txt"]
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return paths


def _mutations(text: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = text.split("\n")
    shuffled = lines[:]
    rng.shuffle(shuffled)
    cuts = sorted(rng.sample(range(len(text)), min(25, len(text))))
    out = [text[:cut] for cut in cuts]
    out.append("\n".join(shuffled))
    out.append(text.replace(" |", "").replace("|", "").replace("\n", ""))  # a crawled, glued export
    out.append("".join(ch if rng.random() > 0.02 else "?" for ch in text))  # lost characters
    out.append("\n".join(line for line in lines if rng.random() > 0.3))  # lines dropped
    out.append(text.replace("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况" * 2))
    return out


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_mutated_reports_never_crash(path: Path) -> None:
    reg = registry()
    text = path.read_text(encoding="utf-8")
    for index, mutated in enumerate(_mutations(text, seed=len(text))):
        data = mutated.encode("utf-8")
        result = lint_bytes(f"{path.name}#{index}", data, reg.rules, reg.kinds, reg.readers)
        check_failures = [f for f in result.failures if f.kind != "input"]
        assert check_failures == [], (index, check_failures)


def test_flipped_bytes_give_a_message_or_findings() -> None:
    reg = registry()
    data = bytearray((REPORTS / "clean-2021.txt").read_bytes())
    rng = random.Random(7)
    for _ in range(40):
        position = rng.randrange(len(data))
        data[position] = rng.randrange(256)
    result = lint_bytes("flipped.txt", bytes(data), reg.rules, reg.kinds, reg.readers)
    assert all(f.kind == "input" for f in result.failures)
