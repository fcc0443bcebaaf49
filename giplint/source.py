"""Reading: bytes on disk → a `Document` in the one canonical layout the grammar reads.

Every reader (plain text now; HTML and Word through the same hook) produces a `Document`: the
report as `|`-cell text with `\\n` line ends, plus, for formats whose positions are not lines of
that text, an origin map back to the user's own file. Rules and the grammar never see bytes.

Why decoding is done by hand first: a report is UTF-8 (with or without BOM), UTF-16 with BOM, or
GB18030/GBK. Trying those in order is exact and fast; charset-normalizer is only asked when none of
them decodes, and its answer is accepted only if it looks like Chinese text. One exception: GB18030
decodes almost any byte string, Big5 included (into kana, Greek and rare characters), so a
GB18030 reading whose characters are mostly outside GB2312 is checked against Big5.

Input size is bounded (`MAX_TEXT_BYTES` of text, `MAX_FILE_BYTES` of any file): real reports are
well under 1 MB, and a hostile 100 MB single line must be refused, not parsed.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from giplint.span import Origin as Origin  # noqa: PLC0414  re-exported for readers written before span.py
from giplint.span import Span

# A line end of the canonical text: the offsets after them are where lines start (one finditer
# over the text: a third cheaper than a find loop over a report's ~300 lines).
_LINE_END = re.compile("\n")

MAX_TEXT_BYTES = 20 * 2**20  # a text or HTML report: real ones are < 1 MB
MAX_FILE_BYTES = 100 * 2**20  # any input file (a .docx with photographs is larger than its text)
MAX_INPUT_BYTES = MAX_FILE_BYTES  # what is read from standard input at most


class InputError(Exception):
    """The file cannot be read as a report. `message` is the Chinese line shown to the editor."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class EmptyInput(InputError):
    """The file has no visible character (empty, white space, a lone BOM): no report at all."""

    def __init__(self, path: str) -> None:
        super().__init__(path, _MSG_EMPTY)


_MSG_EMPTY = "文件为空，没有可检查的年报内容。请确认选择了正确的文件。"


@dataclass(frozen=True)
class Document:
    """A report's text in canonical layout, and how to find any offset in the user's file."""

    path: str
    text: str
    encoding: str
    source_format: str = "text"
    origins: tuple[Origin, ...] = ()
    source_lines: tuple[str, ...] = ()
    # the publication date the file itself gives (ISO YYYY-MM-DD) and where from: "page" (a web
    # page's 发布日期/发布时间) or "pdf" (the PDF's creation date); "" when it gives none
    published: str = ""
    published_from: str = ""
    # The text as the user wrote it when `text` is a folded copy of the same length (traditional
    # characters read as simplified: giplint/traditional.py); "" when `text` is that text.
    original_text: str = ""
    # Canonical [start, end) ranges read with low confidence (text recognition: readers/ocr.py).
    uncertain: tuple[tuple[int, int], ...] = ()
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _origin_offsets: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._line_starts.append(0)
        self._line_starts.extend([end.end() for end in _LINE_END.finditer(self.text)])
        self._origin_offsets.extend(origin.offset for origin in self.origins)

    @property
    def shown(self) -> str:
        """The canonical text in the user's own characters (what an excerpt quotes)."""
        return self.original_text or self.text

    @property
    def lines(self) -> tuple[str, ...]:
        """The user's own lines, for showing an excerpt under a diagnostic."""
        return self.source_lines or tuple(self.shown.split("\n"))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the user's file of a canonical offset, in characters."""
        if self.origins:
            origin = self._origin(offset)
            return origin.line, origin.column
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def location(self, offset: int) -> str:
        """A logical location (Word paragraph or cell) for formats without lines, else ''."""
        return self._origin(offset).location if self.origins else ""

    def span(self, start: int, end: int) -> Span:
        """The user's span of canonical offsets [start, end)."""
        line, column = self.position(start)
        if self.origins:
            end_line, end_column = self.position(max(start, end - 1))
            if (end_line, end_column) == (line, column):
                return Span(line, column, line, column + 1)
            return Span(line, column, end_line, end_column + 1)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column)

    def _origin(self, offset: int) -> Origin:
        index = bisect_right(self._origin_offsets, offset) - 1
        return self.origins[max(index, 0)]


# ---------------------------------------------------------------------------------------------
# Decoding

_BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "PDF 文件",
    b"PK\x03\x04": "ZIP 压缩包或 Office 文档",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"\xd0\xcf\x11\xe0": "旧版 Office 二进制文档（.doc/.xls）",
    b"Rar!": "RAR 压缩包",
    b"\x1f\x8b": "gzip 压缩文件",
    b"7z\xbc\xaf": "7z 压缩包",
}


def check_text_size(path: str, data: bytes) -> None:
    """Refuse text larger than `MAX_TEXT_BYTES` before decoding it (memory is spent per character)."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            path,
            f"文件超过 {MAX_TEXT_BYTES // 2**20} MB 文本，不像一份年报（年报通常不到 1 MB）。"
            "请确认选择了正确的文件；若确是年报，请拆分后再检查。",
        )


def text_encoding(name: str) -> str | None:
    """The codec name for a declared charset if it is a real text encoding, else None.

    A page may declare anything: ``hex``, ``base64`` and ``rot13`` are codecs of Python but not
    character sets, and ``unicode_escape`` or ``idna`` would decode bytes into nonsense."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7", "palmos"}
)


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError with a message for the editor."""
    check_text_size(path, data)
    if not data.strip():
        raise EmptyInput(path)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16"
    if data.startswith(b"%PDF"):
        raise InputError(path, "这是 PDF 文件，但扩展名不是 .pdf。请把扩展名改为 .pdf 后再检查。")
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(
                path,
                f"这是{kind}，不是文本格式的年报。请另存为 .txt、.html 或 .docx 后再检查。",
            )
    if b"\x00" in data[:4096]:
        raise InputError(
            path, "文件含有二进制数据，不是文本格式的年报。请另存为 UTF-8 编码的 .txt 后再检查。"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return _detect(path, data)
    if _gb2312_share(text) < _PLAUSIBLE_GB:
        big5 = _big5(data)
        if big5 is not None:
            return big5
    return text, "gb18030"


_PLAUSIBLE_GB = 0.8  # simplified-Chinese reports: ~1.0; Big5 bytes read as GB18030: ~0.4


def _gb2312_share(text: str) -> float:
    """The share of non-ASCII characters (in a sample) that GB2312 has: the 7,445 characters of
    simplified Chinese text. Big5 bytes read as GB18030 fall mostly outside it."""
    sample = [ch for ch in text[:20000] if ord(ch) > 127]
    if not sample:
        return 1.0
    inside = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
            inside += 1
        except UnicodeEncodeError:
            pass
    return inside / len(sample)


def _big5(data: bytes) -> tuple[str, str] | None:
    """A Big5 reading of the bytes (Microsoft's cp950, then HKSCS), if one decodes to Chinese."""
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = [ch for ch in text[:20000] if ord(ch) > 127]
        chinese = sum(1 for ch in sample if _is_chinese(ch))
        if sample and chinese / len(sample) >= 0.9:
            return text, "big5"
    return None


def _is_chinese(ch: str) -> bool:
    """A Han character or CJK / full-width punctuation."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"文件声明为 {encoding} 编码，但第 {exc.start} 字节处无法解码。"
            "请用文本编辑器另存为 UTF-8 编码后再检查。",
        ) from exc


def _detect(path: str, data: bytes) -> tuple[str, str]:
    """Last resort for encodings other than the usual ones (Big5, for instance)."""
    from charset_normalizer import from_bytes  # imported here: rarely needed, slow to import

    best = from_bytes(data).best()
    if best is not None and best.encoding and _looks_chinese(str(best)):
        return str(best), best.encoding
    raise InputError(
        path,
        "无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030/GBK）。请用文本编辑器另存为 UTF-8 编码后再检查。",
    )


def _looks_chinese(text: str) -> bool:
    sample = text[:2000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return han >= max(10, len(sample) // 10)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so lines count as the user's editor counts them."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: str, data: bytes) -> Document:
    """The plain-text reader: any file that is not HTML or Word, whatever its extension."""
    text, encoding = decode(path, data)
    text = normalise_newlines(text)
    text = text.removeprefix("\ufeff")
    if is_blank(text):
        raise EmptyInput(path)
    if _is_garbage(text):
        raise InputError(
            path,
            "文件内容不像文本（大量不可显示的字符），可能是二进制文件或编码错误。"
            "请另存为 UTF-8 编码的 .txt 后再检查。",
        )
    return Document(path=path, text=text, encoding=encoding)


_BLANK = re.compile("[\\s\ufeff\u200b-\u200d\u2060]*")  # white space (U+3000 too), BOMs, zero widths


def is_blank(text: str) -> bool:
    """No visible character at all: a file holding only a BOM or a U+3000 is empty, not a report."""
    return _BLANK.fullmatch(text) is not None


# control characters (but tab and line ends), private-use characters, and U+FFFD
_GARBAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")


def _is_garbage(text: str) -> bool:
    sample = text[:4000]
    return len(_GARBAGE.findall(sample)) > max(20, len(sample) // 5)
