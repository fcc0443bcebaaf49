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


def _glued_digit_mutations(text: str, count: int, seed: int) -> list[str]:
    """Crawled one-line text with a few digits changed, dropped or doubled: figures that no
    longer add up, or rows whose digits admit no reading at all."""
    rng = random.Random(seed)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    out = []
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            i = rng.choice(digits)
            choice = rng.random()
            chars[i] = (
                ""
                if choice < 0.3
                else chars[i] + str(rng.randint(0, 9))
                if choice < 0.6
                else str(rng.randint(0, 9))
            )
        out.append("".join(chars))
    return out


def _glued_samples() -> list[Path]:
    corpus = SEEDS.parent / "corpus"
    return [REPORTS / "glued-2021.txt", *(sorted(corpus.glob("00[2468]_*.txt")) if corpus.is_dir() else [])]


@pytest.mark.parametrize("path", _glued_samples(), ids=lambda p: p.name)
def test_glued_tables_with_broken_figures_never_crash(path: Path) -> None:
    """The glued-cell solver once raised KeyError (carried_forward, state_secret, …) when a row
    the column identities need had no reading at all: the file was lost to a parser bug."""
    reg = registry()
    for index, mutated in enumerate(_glued_digit_mutations(path.read_text(encoding="utf-8"), 60, seed=3)):
        result = lint_bytes(
            f"{path.name}#{index}", mutated.encode("utf-8"), reg.rules, reg.kinds, reg.readers
        )
        assert [f for f in result.failures if f.kind != "input"] == [], index
