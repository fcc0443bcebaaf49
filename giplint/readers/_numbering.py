"""Word's automatic paragraph numbers (一、 （一） 1.), rendered as the reader sees them.

A heading typed as "总体情况" in a list whose level format is ``%1、`` in Chinese counting shows
as "一、总体情况" in Word, but the ``一、`` is in numbering.xml, not in the paragraph. Without it the
section headings of a Word report would have no ordinals. This renders the common cases: a list
set on the paragraph or through its paragraph style, counters shared by every list instance of
one abstract definition, lower levels restarting, ``w:startOverride``, ``w:isLgl``, and the
number formats Chinese documents use. Bullets render as nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_LEVELS = 9
# Word's own bounds for a list counter (w:start is at most 32767). A hostile w:start of 52000000000
# in lowerLetter would otherwise render as a string of two billion letters.
_MAX_COUNTER = 32767
# A level's text is a few characters (``%1、``, ``（%1）``, ``%1.%2.``); a hostile one of
# "%1" × 2,000,000 rendered a 2.5 GB label. Longer texts are cut, and so is the label.
_MAX_LEVEL_TEXT = 64
_MAX_LABEL = 2048  # one counter of Word's largest, 32767 in letters, is 1,261
# Styles inherit through w:basedOn; Word's own chains are a few deep. Deeper ones are not followed
# (a chain of 20,000 styles walked per paragraph took 74 s).
_MAX_STYLE_DEPTH = 64
_DIGITS = "〇一二三四五六七八九"
_CYCLES = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
}
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
# A label ending in one of these is followed directly by the text (一、总体情况), others by a space.
_TIGHT_END = "、.．)）]】:："


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool
    style: str | None


class Numbering:
    """Numbering definitions of one document, with the running counters of a body walk."""

    def __init__(self, numbering: _Element | None, styles: _Element | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        self._style_nums: dict[str, tuple[str | None, int | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def label(self, p: _Element) -> str:
        """The number Word shows before paragraph `p` ('' if none), advancing the counters."""
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, level = found
        if num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        if level not in levels or not 0 <= level < _LEVELS:
            return ""
        counters = self._advance(num_id, abstract_id, overrides, levels, level)
        return _render(levels, counters, level)

    # -- reading the definitions -------------------------------------------------------------

    def _read_numbering(self, root: _Element) -> None:
        for abstract in root.iterfind(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind(_W + "lvl"):
                index = _int(lvl.get(_W + "ilvl"), 0)
                if not 0 <= index < _LEVELS:
                    continue
                levels[index] = _Level(
                    start=_counter(_child_val(lvl, "start"), 1),
                    fmt=_child_val(lvl, "numFmt") or "decimal",
                    text=(_child_val(lvl, "lvlText") or "")[:_MAX_LEVEL_TEXT],
                    legal=lvl.find(_W + "isLgl") is not None,
                    style=_child_val(lvl, "pStyle"),
                )
            self._abstract[abstract.get(_W + "abstractNumId", "")] = levels
        for num in root.iterfind(_W + "num"):
            overrides = {
                _int(override.get(_W + "ilvl"), 0): _counter(_child_val(override, "startOverride"), 1)
                for override in num.iterfind(_W + "lvlOverride")
                if override.find(_W + "startOverride") is not None
            }
            abstract_id = _child_val(num, "abstractNumId") or ""
            self._nums[num.get(_W + "numId", "")] = (abstract_id, overrides)

    def _read_styles(self, root: _Element) -> None:
        for style in root.iterfind(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            num_id = _child_val(num_pr, "numId") if num_pr is not None else None
            ilvl = _child_val(num_pr, "ilvl") if num_pr is not None else None
            self._styles[style.get(_W + "styleId", "")] = (
                num_id,
                None if ilvl is None else _int(ilvl, 0),
                _child_val(style, "basedOn"),
            )

    # -- applying them ------------------------------------------------------------------------

    def _num_pr(self, p: _Element) -> tuple[str, int] | None:
        """(numId, level) from the paragraph's own numPr, else from its style chain."""
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return None
        num_pr = ppr.find(_W + "numPr")
        own_id = _child_val(num_pr, "numId") if num_pr is not None else None
        own_level = _child_val(num_pr, "ilvl") if num_pr is not None else None
        style_id = _child_val(ppr, "pStyle")
        style_num, style_level = self._style_num(style_id) if style_id else (None, None)
        num_id = own_id or style_num
        if not num_id or num_id == "0":
            return None
        if own_level is not None:
            return num_id, _int(own_level, 0)
        if style_level is not None:
            return num_id, style_level
        return num_id, self._level_of_style(num_id, style_id)

    def _style_num(self, style_id: str) -> tuple[str | None, int | None]:
        """The list a style sets, through at most _MAX_STYLE_DEPTH basedOn links (once per style)."""
        known = self._style_nums.get(style_id)
        if known is not None:
            return known
        found: tuple[str | None, int | None] = (None, None)
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self._styles and len(seen) < _MAX_STYLE_DEPTH:
            seen.add(current)
            num_id, level, based_on = self._styles[current]
            if num_id is not None:
                found = (num_id, level)
                break
            current = based_on
        self._style_nums[style_id] = found
        return found

    def _level_of_style(self, num_id: str, style_id: str | None) -> int:
        abstract_id = self._nums.get(num_id, ("", {}))[0]
        for index, level in self._abstract.get(abstract_id, {}).items():
            if style_id and level.style == style_id:
                return index
        return 0

    def _advance(
        self,
        num_id: str,
        abstract_id: str,
        overrides: dict[int, int],
        levels: dict[int, _Level],
        level: int,
    ) -> list[int | None]:
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for index, start in overrides.items():
                if 0 <= index < _LEVELS:
                    counters[index] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for lower in range(level + 1, _LEVELS):
            counters[lower] = None
        return counters


def _render(levels: dict[int, _Level], counters: list[int | None], level: int) -> str:
    this = levels[level]
    if this.fmt == "bullet":
        return ""
    text = this.text
    for index in range(_LEVELS - 1, -1, -1):
        placeholder = f"%{index + 1}"
        if placeholder not in text:
            continue
        definition = levels.get(index)
        start = definition.start if definition else 1
        value = counters[index] if counters[index] is not None else start
        fmt = definition.fmt if definition else "decimal"
        if this.legal and index < level:
            fmt = "decimal"
        text = text.replace(placeholder, format_number(value or 0, fmt))[:_MAX_LABEL]
    if text and text[-1] not in _TIGHT_END:
        text += " "
    return text


def format_number(value: int, fmt: str) -> str:
    """One counter in one of Word's ``w:numFmt`` formats (decimal for any it does not know, and
    for a value beyond Word's counters, whose letters or digits would be unbounded)."""
    if not -_MAX_COUNTER <= value <= _MAX_COUNTER:
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(value)
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(value)) if value >= 0 else str(value)
    if fmt in _CYCLES:
        cycle = _CYCLES[fmt]
        return cycle[(value - 1) % len(cycle)] if value > 0 else str(value)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero" and 0 <= value < 10:
        return f"0{value}"
    if fmt == "none":
        return ""
    return str(value)


def _chinese(value: int) -> str:
    """Chinese counting as Word writes it: 一 … 十 十一 … 二十 … 一百零五 … 一千."""
    if not 0 < value < 10000:
        return str(value)
    out = ""
    pending_zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit_value % 10
        if digit:
            if pending_zero:
                out += "零"
                pending_zero = False
            out += _DIGITS[digit] + unit
        elif out:
            pending_zero = True
    return out[1:] if 10 <= value < 20 else out


def _roman(value: int) -> str:
    out = ""
    for unit_value, letters in _ROMAN:
        count, value = divmod(value, unit_value)
        out += letters * count
    return out


def _child_val(element: _Element | None, name: str) -> str | None:
    if element is None:
        return None
    child = element.find(_W + name)
    return None if child is None else child.get(_VAL)


def _counter(text: str | None, default: int) -> int:
    """A start value, clamped to Word's range of counters."""
    return max(0, min(_int(text, default), _MAX_COUNTER))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
