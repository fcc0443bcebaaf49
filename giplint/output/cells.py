"""Report text for a terminal: control characters written out, and lines fitted to a number of
cells (a Chinese character is two), so a caret under a finding never drifts."""

from __future__ import annotations

import re

# C0 and C1 control characters (and DEL): from a hostile report they would move the cursor,
# clear the screen or set the window title. Shown visibly instead, as Python writes them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NAMED_CONTROLS = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape(text: str) -> str:
    """`text` with every control character written out (``\\x1b``, ``\\t``), safe for a terminal."""
    return _CONTROL.sub(lambda m: _NAMED_CONTROLS.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def fit(before: str, marked: str, after: str, budget: int) -> tuple[str, int, int]:
    """Cut a line to `budget` cells around its marked part: some context on the left, the rest
    on the right, … where text is cut. Returns (text, caret start, caret width) in cells."""
    if width(marked) > budget - (1 if before else 0):  # the span alone is wider: show its start
        before = "…" if before else ""
        marked, after = head(marked, budget - width(before)), ""
    else:
        room = budget - width(marked)
        right = head(after, room - min(width(before), room // 3))
        before = tail(before, room - width(right))
        after = right
    caret = max(1, width(marked))
    return before + marked + after, width(before), caret


def head(text: str, cells: int) -> str:
    """The start of `text` within `cells` cells, with … when cut."""
    if width(text) <= cells:
        return text
    kept, used = [], 0
    for char in text:
        size = width(char)
        if used + size > cells - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def tail(text: str, cells: int) -> str:
    """The end of `text` within `cells` cells, with … when cut."""
    if width(text) <= cells:
        return text
    kept: list[str] = []
    used = 0
    for char in reversed(text):
        size = width(char)
        if used + size > cells - 1:
            break
        kept.append(char)
        used += size
    return "…" + "".join(reversed(kept))


def chars_in(text: str, cells: int) -> int:
    """How many characters of `text` fill its first `cells` cells (to style the marked part)."""
    used = 0
    for index, char in enumerate(text):
        if used >= cells:
            return index
        used += width(char)
    return len(text)


def width(text: str) -> int:
    from rich.cells import cell_len

    return int(cell_len(text))


# -- streams that cannot encode every character (a Chinese Windows console: GBK) ------------------

#: what a character the stream cannot encode is written as: bars, ticks and signs in ASCII, so a
#: GBK console shows `###.....` and `-`, not the text `\u2591\u2591` (box-drawing lines: below)
_FALLBACKS = {
    "░": ".",
    "▒": ":",
    "▓": "#",
    "█": "#",
    "▏": "|",
    "✓": "v",
    "✗": "x",
    "✔": "v",
    "✘": "x",
    "−": "-",
    "•": "*",
    "…": "...",
    "→": "->",
    "←": "<-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "—": "--",
    "·": ".",
    "\u00a0": " ",
}
FALLBACK_ERRORS = "giplint-fallback"


def _fallback(char: str) -> str:
    """ASCII for one character the stream cannot encode; Python's escape when there is none."""
    if char in _FALLBACKS:
        return _FALLBACKS[char]
    if "\u2500" <= char <= "\u257f":  # box drawing: a line is - or |, a corner or joint +
        import unicodedata

        name = unicodedata.name(char, "")
        return (
            "-"
            if "HORIZONTAL" in name and "VERTICAL" not in name
            else "|"
            if "VERTICAL" in name and "HORIZONTAL" not in name
            else "+"
        )
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _handle(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_fallback(c) for c in error.object[error.start : error.end]), error.end


def register_fallback() -> str:
    """Register the error handler (`FALLBACK_ERRORS`) that writes `_FALLBACKS` for what a stream
    cannot encode and escapes the rest as ``backslashreplace`` does; returns its name."""
    import codecs

    try:
        codecs.lookup_error(FALLBACK_ERRORS)
    except LookupError:
        codecs.register_error(FALLBACK_ERRORS, _handle)
    return FALLBACK_ERRORS
