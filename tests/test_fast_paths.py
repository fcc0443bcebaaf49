"""The parser's fast paths give what the plain computation gives (issue 19).

Each shortcut taken for speed is checked here against the slow, obvious computation it replaces,
on inputs made to reach its edges: a bound that skipped one label too many, or a fast path taken
where the slow one differs, fails here before it changes a finding.
"""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from giplint import layouts
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
