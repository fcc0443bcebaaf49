"""Publication dates a report file gives: a web page's 发布日期/发布时间, a PDF's creation date,
the closing 落款 date. Used by the deadline rule (giplint/checks/publication_deadline.py); the
readers record the first two on the `Document`, the last is read from the report's text.

Dates are ISO strings (YYYY-MM-DD); an impossible date (2024-02-30) is no date.
"""

from __future__ import annotations

import re
from datetime import date

# 发布日期：2024-01-25 / 发布时间: 2020-01-20 15:22 / 发布日期：2024年1月25日 (labels folded or not)
_PAGE = re.compile(
    r"(?:发布|公开|成文)(?:日期|时间)\s*[:：]?\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
# PDF dates: D:20250225100250+08'00'
_PDF = re.compile(r"^(?:D:)?((?:19|20)\d{2})(\d{2})(\d{2})")
# A line holding only a date, as a report's 落款 ends: 2024年1月17日 / 2024年01月17日
_SIGNATURE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
SIGNATURE_LINES = 6  # the 落款 is among the last non-empty lines


def iso(year: str | int, month: str | int, day: str | int) -> str:
    """YYYY-MM-DD, or "" for an impossible date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def page_date(text: str) -> str:
    """The first 发布日期/发布时间 in a page's text, or ""."""
    match = _PAGE.search(text)
    return iso(*match.groups()) if match else ""


def pdf_date(value: object) -> str:
    """A PDF Info dictionary date (CreationDate), or ""."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    match = _PDF.match(str(value or "").strip())
    return iso(*match.groups()) if match else ""


def signature_date(text: str) -> tuple[str, int]:
    """The date on a line of its own among the last lines (the 落款), and its offset in `text`."""
    lines = text.rstrip().split("\n")
    offset = len("\n".join(lines))
    seen = 0
    for line in reversed(lines):
        offset -= len(line)
        if line.strip():
            seen += 1
            match = _SIGNATURE.match(line)
            if match:
                found = iso(*match.groups())
                if found:
                    return found, offset + line.index(match.group(1))
            if seen >= SIGNATURE_LINES:
                break
        offset -= 1  # the newline before this line
    return "", -1
