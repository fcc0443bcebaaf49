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
    plugin: str = ""  # the third-party plugin it came from, as a failure names it (set by `guarded`)


class PluginReaderError(Exception):
    """A third-party reader broke (raised, or returned no `Document`): the file's failure names
    the plugin, not giplint (giplint/lint.py `read_report`)."""

    def __init__(self, plugin: str, reader: str, problem: str) -> None:
        super().__init__(f"{plugin} {reader}: {problem}")
        self.plugin = plugin
        self.reader = reader
        self.problem = problem


def guarded(reader: Reader, plugin: str) -> Reader:
    """A plugin's reader whose breakage is the plugin's: an `InputError` (the file is bad) passes
    through, anything else it raises — or a result that is no `Document` — is a `PluginReaderError`."""
    from dataclasses import replace

    from giplint.source import Document, InputError

    read = reader.read

    def read_guarded(path: str, data: bytes) -> Document:
        watch_reading(True)
        try:
            document = read(path, data)
        except InputError:
            raise
        except (Exception, SystemExit) as exc:
            raise PluginReaderError(plugin, reader.name, f"{exc.__class__.__name__}: {exc}") from exc
        finally:
            watch_reading(False)
        if not isinstance(document, Document):
            raise PluginReaderError(plugin, reader.name, f"返回了 {type(document).__name__}，而不是 Document")
        return document

    return replace(reader, read=read_guarded, plugin=plugin)


def _unwatched(reading: bool) -> None:
    """Outside a worker of the process pool nobody watches a plugin's reader."""


# Told True when a third-party reader starts on a file and False when it is done: the process
# pool (giplint/engine/parallel.py) sets it in its workers to hold the reading to the time budget
# a file's checks have (a plugin's reader, unlike giplint's PDF reader, runs in the worker itself).
watch_reading: Callable[[bool], None] = _unwatched
