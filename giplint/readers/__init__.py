"""Readers: one per input format, each turning bytes into a `Document` in the `|`-cell layout.

Readers are plugins like checks: every module in this folder that implements the
`giplint_readers` hook is registered, and a third party can add a format (.wps, .pdf) the same
way. A file whose suffix no reader claims is read as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from giplint.source import Document


@dataclass(frozen=True)
class Reader:
    """Reads files with the given suffixes (lower case, with the dot)."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[str, bytes], Document]
    # The input is text (a web page): the engine holds it to the plain-text size limit
    # (giplint/source.py `check_text_size`) before reading; binary formats have their own.
    text_input: bool = False
