"""Reports in traditional characters (二、主動公開政府信息情況), read as simplified.

Some sites serve their pages converted to traditional characters, and a few offices write them
so. The grammar, the layouts and the rules are written once, in simplified characters; such a
report would lose every heading and label. So a document that is mostly traditional is folded to
simplified with OpenCC's ``t2s`` conversion before it is parsed, and keeps its own text for what an
editor reads: an excerpt under a finding quotes the original characters (`Document.shown`).

Positions survive because the folding is character for character: OpenCC's t2s maps a
traditional character or phrase to simplified ones of the same length in nearly every case, and
a line whose conversion would change its length is converted one character at a time instead, so
every offset of the simplified text is the same offset of the original.

Detection costs nothing on simplified text: OpenCC (and its dictionaries, ~90 ms to load) is
imported only when a handful of characters that exist only in traditional writing occur; then
the share of characters t2s changes decides (a simplified report quoting a traditional name is
not folded).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Any

from giplint.source import Document

# Frequent characters written only in traditional Chinese (each has a different simplified
# form): a cheap first test before OpenCC is loaded.
_TRADITIONAL_ONLY = frozenset(
    "與為這個們來說時會後對開關於國際發過動處業務數據經濟區縣鄉鎮門網頁報請規範條資訊聯絡號"
    "體總計應當實現認識標準況機構廳員辦項問題進達結並將職權責議論導復訴訟審書歸檔類別齊資"
    "訊決據還協調團隊區劃縣級頒佈廣電環護醫療衛優惠農業財稅營運統評價舉積極參質詢處罰許"
)
_HAN = re.compile(r"[\u3400-\u9fff]")
# the hints found by the regex engine: a loop over every character in Python cost 0.3 ms a report
_HINTS = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")
_MIN_HINTS = 5  # traditional-only characters before OpenCC is asked at all
_MIN_SHARE = 0.05  # of the Han characters changed by t2s (a traditional text: ~35 %; simplified: 0)


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # OpenCC's dictionaries ship inside the wheel: no download, no network

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Whether `text` is written mostly in traditional characters."""
    return _folded(text) is not None


def _folded(text: str) -> str | None:
    """`text` in simplified characters when it is written mostly in traditional ones, else None."""
    if sum(1 for _ in islice(_HINTS.finditer(text), _MIN_HINTS)) < _MIN_HINTS:
        return None
    han = len(_HAN.findall(text))
    simplified = to_simplified(text)
    changed = sum(a != b for a, b in zip(text, simplified, strict=True))
    return simplified if han > 0 and changed / han >= _MIN_SHARE else None


def to_simplified(text: str) -> str:
    """`text` in simplified characters, of exactly the same length (offsets are kept)."""
    convert = _converter().convert
    whole = convert(text)
    if len(whole) == len(text):
        return str(whole)
    lines = []
    for line in text.split("\n"):
        folded = convert(line)
        if len(folded) != len(line):  # a phrase mapped to another length: one character at a time
            folded = "".join(c if len(c := convert(ch)) == 1 else ch for ch in line)
        lines.append(folded)
    return "\n".join(lines)


def fold_traditional(document: Document) -> Document:
    """The document to parse: itself, or, when it is in traditional characters, its text folded
    to simplified with the original kept for excerpts (same origins, same source lines)."""
    simplified = _folded(document.text)
    if simplified is None:
        return document
    return Document(
        path=document.path,
        text=simplified,
        encoding=document.encoding,
        source_format=document.source_format,
        origins=document.origins,
        source_lines=document.source_lines,
        original_text=document.text,
        uncertain=document.uncertain,
    )
