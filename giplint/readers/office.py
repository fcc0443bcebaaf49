"""Old Word (.doc), WPS (.wps) and RTF (.rtf) reports, converted to .docx by LibreOffice and read
by the Word reader.

Those formats are binary or loosely specified; LibreOffice reads them as well as anything does.
When ``soffice`` is on PATH (or named by ``GIPLINT_SOFFICE``) the file is copied into a private
temporary folder under a fixed name and converted there with ``soffice --headless --convert-to
docx``: a throw-away user profile of its own (a running LibreOffice, or another conversion at the
same time, is never touched), macros disabled in that profile as well as by the command-line
conversion itself, no network, a time limit after which the whole process group is killed. The
input file is never written. Positions are the Word reader's: 第N段 and table cells, which
LibreOffice keeps as the original's paragraphs and tables.

Without LibreOffice: one Chinese message saying to install it or to save the file as .docx.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from giplint.oserrors import reason
from giplint.source import Document, InputError

TIMEOUT_SECONDS = 120  # a report converts in 2–5 s, most of it LibreOffice's start
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# The profile's settings: macros never run (security level "very high", execution disabled),
# no first-start dialogue, no update check, no recovery.
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="AutoSave" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
_NAMES = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".rtf": "RTF 文档（.rtf）"}


def soffice() -> str | None:
    """The LibreOffice command: $GIPLINT_SOFFICE, else soffice or libreoffice on PATH."""
    named = os.environ.get("GIPLINT_SOFFICE")
    if named:
        return shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: str, data: bytes) -> Document:
    """Read a .doc, .wps or .rtf report through LibreOffice; InputError when that cannot be done."""
    suffix = Path(path).suffix.lower()
    suffix = suffix if suffix in _NAMES else ".doc"
    _refuse_what_is_not_converted(path, data, suffix)
    command = soffice()
    if command is None:
        raise InputError(
            path,
            f"这是{_NAMES[suffix]}，需要 LibreOffice 转换后才能读取，但本机没有安装 LibreOffice（找不到 soffice 命令）。"
            "请安装 LibreOffice（例如 apt-get install libreoffice-writer-nogui，或从 libreoffice.org 下载），"
            "或在 Word、WPS 中把文件“另存为” Word 文档（.docx）后再检查。",
        )
    docx = _convert(path, data, suffix, command)
    from giplint.readers.docx import read_docx

    try:
        return read_docx(path, docx, source_format=suffix[1:])
    except InputError as exc:
        raise InputError(path, f"经 LibreOffice 转换后的文档无法读取：{exc.message}") from exc


def _refuse_what_is_not_converted(path: str, data: bytes, suffix: str) -> None:
    """Name the files a conversion would not help: empty, encrypted, a renamed .docx or page."""
    if not data.strip():
        raise InputError(path, "文件为空，没有可检查的年报内容。请确认选择了正确的文件。")
    if data.startswith(_OLE2) and _ENCRYPTED_STREAM in data:
        raise InputError(
            path,
            "这个 Word 文档设置了打开密码（已加密），无法读取。请在 Word 或 WPS 中打开，取消密码后"
            "重新保存为 .docx 再检查。",
        )
    if data.startswith(b"PK"):
        raise InputError(
            path,
            f"文件扩展名是 {suffix}，但内容是新版 Word 文档（.docx）或其他压缩包。"
            "请把扩展名改为 .docx 后再检查。",
        )
    if data.lstrip()[:1] == b"<" or data.startswith(b"MIME-Version"):
        raise InputError(
            path,
            f"文件扩展名是 {suffix}，但内容是网页（HTML/MHT）。请在 Word 或 WPS 中打开并“另存为” .docx，"
            "或把扩展名改为 .html 后再检查。",
        )


def _convert(path: str, data: bytes, suffix: str, command: str) -> bytes:
    """The .docx LibreOffice makes of `data`, converted in a private folder with a time limit."""
    with tempfile.TemporaryDirectory(prefix="giplint-soffice-") as work:
        folder = Path(work)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
        source = folder / f"report{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        arguments = [
            command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source),
        ]  # fmt: skip
        environment = {**os.environ, "HOME": str(folder), "TMPDIR": str(folder)}
        try:
            process = subprocess.Popen(
                arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                cwd=folder, env=environment, start_new_session=True,
            )  # fmt: skip
        except OSError as exc:
            raise InputError(path, f"无法启动 LibreOffice（{command}）：{reason(exc)}。请检查 LibreOffice 的安装。") from exc
        try:
            process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            _kill(process)
            raise InputError(
                path,
                f"用 LibreOffice 转换这个文件超过 {TIMEOUT_SECONDS} 秒仍未完成，已停止。文件可能已损坏或过大；"
                "请在 Word 或 WPS 中“另存为” .docx 后再检查。",
            ) from exc
        finally:
            _kill(process)  # soffice.bin may outlive the launcher: end the whole group
        result = out / "report.docx"
        if process.returncode != 0 or not result.is_file():
            raise InputError(
                path,
                f"无法用 LibreOffice 转换这个文件（文件可能已损坏，或不是{_NAMES[suffix]}）。"
                "请在 Word 或 WPS 中打开并“另存为” .docx 后再检查。",
            )
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End the converter and whatever it started (its own session: the process group)."""
    killpg = getattr(os, "killpg", None)  # POSIX; on Windows only the launcher can be ended
    try:
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
