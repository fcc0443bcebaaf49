"""The parser's fast paths give what the plain computation gives (issue 19).

Each shortcut taken for speed is checked here against the slow, obvious computation it replaces,
on inputs made to reach its edges: a bound that skipped one label too many, or a fast path taken
where the slow one differs, fails here before it changes a finding.
"""

from __future__ import annotations

import random
import re
from difflib import SequenceMatcher
from pathlib import Path

from giplint import fold, layouts
from giplint.parse import closing
from giplint.parse.tables import labels


def _mutated(text: str, alphabet: str, rng: random.Random) -> str:
    """`text` with up to six characters deleted, inserted or replaced (a mistyped label)."""
    characters = list(text)
    for _ in range(rng.randint(0, 6)):
        at = rng.randrange(len(characters) + 1)
        operation = rng.random()
        if operation < 0.33 and characters:
            del characters[min(at, len(characters) - 1)]
        elif operation < 0.66:
            characters.insert(at, rng.choice(alphabet))
        elif characters:
            characters[min(at, len(characters) - 1)] = rng.choice(alphabet)
    return "".join(characters)


def test_closest_row_is_difflibs_best_label() -> None:
    """The length and shared-character bounds skip only labels that cannot be the closest: the
    label found is the one difflib's ratio over every row label picks (first of equals)."""
    rng = random.Random(19)
    found = 0
    for table, specs in layouts.VOCABULARY.items():
        vocabulary = labels._vocabulary(table)
        if not vocabulary.rows:
            continue  # table 四 has header labels only
        texts = [labels.bare_text(spec.text) for spec in specs]
        alphabet = "".join(sorted(set("".join(texts)))) + "的一是在不了有和"
        for _ in range(1500):
            word = _mutated(rng.choice(texts), alphabet, rng)
            if len(word) < labels.PREFIX_CHARACTERS:
                continue
            ratios = [SequenceMatcher(None, word, text).ratio() for _, text in vocabulary.rows]
            ratio, best = max((r, -index) for index, r in enumerate(ratios))
            expected = vocabulary.rows[-best][0] if ratio >= labels.FUZZY_RATIO else None
            assert labels._closest_row(word, vocabulary) == expected, word
            found += expected is not None
    assert found > 500  # the mutations reach both sides of FUZZY_RATIO


def test_fold_replaces_as_translate_maps() -> None:
    """`_translated` (one replace per character present) folds as `str.translate` does, also
    when a folded character is itself in the table (then it must translate)."""
    rng = random.Random(20)
    alphabet = "“”‘’（）１２ａ，：中文 a1\"'"
    for _ in range(3000):
        keys = rng.sample(alphabet, rng.randint(0, 6))
        table = {ord(key): rng.choice(alphabet) for key in keys}
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert fold._translated(text, table) == text.translate(table), (text, table)


def test_splitting_space_matches_as_its_plain_form() -> None:
    """The splitting-space pattern, rewritten to look behind after its first character, drops
    exactly what the plain form (look behind, then a run of blanks) drops."""
    blank = r"[ \t\u00a0\u3000]"
    plain = re.compile(
        rf"[{fold._ZERO_WIDTH}]+|(?<=[^\x00-\x7f])(?:{blank}+)(?=[^\x00-\x7f\s]|\d)"
        rf"|(?<=\d)(?:{blank}+)(?=[^\x00-\x7f\s])"
    )
    rng = random.Random(21)
    alphabet = " \t\u00a0\u3000\u200b\ufeff中文a1١|\n"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in fold._SPLITTING_SPACE.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], repr(text)


def test_wrap_matches_as_its_plain_form() -> None:
    """The wrapped-label pattern, rewritten to start with the blank it consumes, drops exactly
    what the plain form (look behind, then blanks around a line end) drops."""
    plain = re.compile(rf'(?:(?<=[{fold._CJK}"])|(?<![\d.])(?<=\d\.))[ \t]*\n[ \t\n]*(?=[{fold._CJK}")])')
    rng = random.Random(27)
    alphabet = ' \t\n\n中、"1.a|'
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in fold._WRAP.finditer(text)] == [m.span() for m in plain.finditer(text)], repr(text)


def test_fold_index_beyond_the_kept_counting_array() -> None:
    """A text longer than the kept 0, 1, 2, … array is indexed by range: the same index."""
    unit = "商业 \u3000企业 | 3 |\n总 计 12\u200b\n"
    for length in (10, fold._COUNTING_AT_MOST - 5, fold._COUNTING_AT_MOST + 5):
        text = (unit * (length // len(unit) + 1))[:length]
        folded = fold.fold(text)
        dropped = {i for m in fold._SPLITTING_SPACE.finditer(text) for i in range(*m.span())}
        expected = [i for i in range(len(text) + 1) if i not in dropped]
        assert len(folded.index) == len(folded.text) + 1
        assert folded.text == "".join(text[i] for i in expected[:-1])
        assert list(folded.index) == expected


def test_fold_text_is_the_folded_views_text() -> None:
    """`fold_text` (no map back) folds as `fold(...).text`, through every step of folding."""
    rng = random.Random(24)
    pieces = ["商业", " ", "\u3000", "\u00a0", "\t", "\u200b", "１２", "3", "、", "“", "”", "（一）", "\n", "| --- |",
              "## ", "**", "- 3 -", "第 3 页", "/", "总 计", "ａ"]  # fmt: skip
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert fold.fold_text(text) == fold.fold(text).text, repr(text)


def _closing_suffixes_one_item_at_a_time(text: str, first: int) -> list[bool]:
    """The plain form of closing._Suffixes: each item matched on its own at every offset, from the
    end backwards."""
    items = [re.compile(pattern) for pattern in layouts.CLOSING_ITEMS]
    closes = [False] * (len(text) - first + 1)
    closes[-1] = True
    for i in range(len(text) - 1, first - 1, -1):
        if text[i] in layouts.CLOSING_SEPARATORS:
            closes[i - first] = closes[i + 1 - first]
            continue
        closes[i - first] = any(
            (match := item.match(text, i)) is not None and match.end() > i and closes[match.end() - first]
            for item in items
        )
    return closes


def test_closing_items_in_one_call_match_as_each_alone() -> None:
    """All closing items tried in one regex call, and only at the offsets a question reaches,
    decide each suffix as trying them one by one at every offset; asked in any order."""
    rng = random.Random(22)
    pieces = ["无", "河北省教育厅", "2022年1月20日", "二〇二二年一月", "2022-01-20 10:00", "附件：1.年报.pdf", "特此报告",
              "(此件公开发布)", "【打印本页】", "关闭窗口", "扫一扫在手机打开当前页", "更多信息请关注", "上一篇：",
              "本机关认真落实", "办公室", "123", "，", "。", "\n", " ", "|", "——"]  # fmt: skip
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        text = "".join(ch for ch in text if rng.random() > 0.05)  # a few characters lost
        first = max(0, len(text) - rng.choice([len(text), 10]))
        expected = _closing_suffixes_one_item_at_a_time(text, first)
        suffixes = closing._Suffixes(text, first)
        offsets = list(range(first, len(text) + 1))
        rng.shuffle(offsets)
        assert {i: suffixes.closes(i) for i in offsets} == {i: expected[i - first] for i in offsets}, text


def _closing_start_at_every_offset(text: str, heads: list[str]) -> int:
    """The plain form of closing.closing_start: every boundary of the tail tried in turn."""
    first = max(0, len(text) - closing.TAIL_CHARS)
    closes = _closing_suffixes_one_item_at_a_time(text, first)

    def closing_from(i: int) -> bool:
        rest = text[i:]
        return closes[i - first] and rest.lstrip(layouts.CLOSING_SEPARATORS) != ""

    lead = len(text) - len(text.lstrip(layouts.CLOSING_SEPARATORS))
    for head in heads:
        match = re.compile(head).match(text, lead)
        if match is not None and first <= match.end() < len(text) and match.end() > lead:
            end = len(text) - len(text[match.end() :].lstrip(layouts.CLOSING_SEPARATORS))
            if closing_from(end):
                return end
    boundaries = [i for i in range(first, len(text)) if i == 0 or text[i - 1] in layouts.CLOSING_SEPARATORS]
    return next((i for i in boundaries if closing_from(i)), len(text))


def test_closing_start_is_the_first_boundary_that_closes() -> None:
    """Trying one boundary per run of separators, lazily, finds the block where trying every
    boundary of the tail finds it, with and without a leading placeholder."""
    rng = random.Random(23)
    pieces = ["无", "暂无", "河北省教育厅", "2022年1月20日", "附件：1.年报.pdf", "【打印本页】", "本年度未收取信息处理费",
              "本机关认真落实", "123", "，", "。", "\n", " ", "——", "、"]  # fmt: skip
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        if rng.random() < 0.1:
            text = "本机关认真落实。" * 80 + text  # longer than the tail
        heads = rng.choice([[], ["无"], ["暂?无"]])
        expected = _closing_start_at_every_offset(text, heads)
        assert closing.closing_start(text, heads) == expected, (text, heads)
        found += expected < len(text)
    assert found > 500


def test_garbled_runs_match_as_the_plain_alternatives() -> None:
    """The garbled-text pattern, rewritten to start with one character class, finds the runs
    the plain `\\ufffd+|[?？]{n,}` finds, for each minimum."""
    from giplint.checks import garbled_text

    rng = random.Random(25)
    for least in (1, 2, 3, 5):
        plain = re.compile(rf"\ufffd+|[?？]{{{least},}}")
        for _ in range(3000):
            text = "".join(rng.choice("?？\ufffd中a ") for _ in range(rng.randint(0, 14)))
            assert [m.span() for m in garbled_text._garbled(least).finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], (least, text)


def _terminal(name: str) -> re.Pattern[str]:
    """A terminal's regex as grammar/report.lark writes it."""
    grammar = (Path(__file__).resolve().parent.parent / "grammar" / "report.lark").read_text(encoding="utf-8")
    line = next(line for line in grammar.splitlines() if line.startswith((f"{name}:", f"{name}.")))
    return re.compile(line[line.index("/") + 1 : line.rindex("/")])


def test_unrolled_cells_and_text_match_as_one_choice_per_character() -> None:
    """CELLS and TEXT, unrolled into runs of ordinary characters between ordinals, end every match
    where the plain form (a choice at every character) ends it, from every offset."""
    character = r"(?:[^\n|一二三四五六]|[一二三四五六](?!、))"
    plain = {
        "CELLS": re.compile(rf"(?:(?:[一二三四]、(?=本年|上年|结转))?{character}*+\n?\|[ \t]*\n?)++"),
        "TEXT": re.compile(rf"[一二三四五六]、{character}*+|{character}++"),
    }
    rng = random.Random(26)
    pieces = ["一、", "二、本年", "三、", "四、结转", "五", "六、", "商业企业", "12", "|", " | ", "\n", "\t", "、"]
    for name, expected in plain.items():
        unrolled = _terminal(name)
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
            for start in range(len(text)):
                found, wanted = unrolled.match(text, start), expected.match(text, start)
                assert (found and found.end()) == (wanted and wanted.end()), (name, text, start)
