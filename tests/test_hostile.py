"""Hardening, second pass (issue 21): each test reproduces one attack on giplint as an attacker or a
CI operator would try it, and asserts the bounded outcome: bounded time and memory, one Chinese
line and exit 2 for the hostile file, every other file still checked, no input overwritten, no
escape sequence on the terminal. The expensive attacks run in a child process under an address-
space limit (`resource.setrlimit`) and are marked slow."""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, lint_file, run_cli

from giplint import grammars
from giplint.layouts import ColumnSpec
from giplint.parse.cells import MAX_DIGITS, number
from giplint.readers import docx as docx_reader
from giplint.readers.html import read_html
from giplint.source import InputError

CLEAN = REPORTS / "clean-2021.txt"
BAD = REPORTS / "no-section-6.txt"
GIB = 1 << 30


_DRIVER = (
    "import os, resource, sys\n"
    "from giplint.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    with open(os.environ['GIPLINT_TEST_RSS'], 'w') as out:\n"
    "        out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "sys.exit(code)\n"
)


class Limited(subprocess.CompletedProcess[str]):
    peak_mib: float = 0.0


def limited(
    *args: str,
    memory: int = GIB,
    cpu_seconds: int = 120,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Limited:
    """giplint ARGS in a child limited to `memory` bytes of address space and `cpu_seconds` of CPU;
    `peak_mib` is the child's peak resident memory."""

    def limit() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    rss = Path(os.environ.get("TMPDIR", "/tmp")) / f"giplint-rss-{os.getpid()}-{os.urandom(4).hex()}"
    environment = dict(
        os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", GIPLINT_TEST_RSS=str(rss), **(env or {})
    )
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, *args],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        cwd=cwd,
        timeout=cpu_seconds * 3,
        preexec_fn=limit,
    )
    result = Limited(done.args, done.returncode, done.stdout, done.stderr)
    try:
        result.peak_mib = int(rss.read_text()) / 1024
        rss.unlink()
    except (OSError, ValueError):
        result.peak_mib = float("nan")
    return result


# -- 2. long lines: bounded regex memory --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "content",
    [b"x" * (20 * 10**6 - 16), b"|" * (20 * 10**6 - 16), b"1 |\n" * (5 * 10**6 - 4)],
    ids=["x", "pipes", "cell-lines"],
)
def test_twenty_megabyte_line_fits_in_one_gigabyte(tmp_path: Path, content: bytes) -> None:
    report = tmp_path / "long.txt"
    report.write_bytes(content)
    result = limited("--no-cache", "--format", "concise", str(report), env={"GIPLINT_NO_CACHE": "1"})
    assert "MemoryError" not in result.stderr and "内部错误" not in result.stderr, result.stderr[-500:]
    assert result.returncode == 1, result.stderr[-500:]
    assert "GIP101" in result.stdout


def test_possessive_repeats_drop_to_greedy_ones_on_python_310(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "grammar" / "report.lark").read_text(encoding="utf-8")
    assert "*+" in text and "++" in text
    monkeypatch.setattr(sys, "version_info", (3, 10, 0))
    portable = grammars._portable(text)
    rules = [line for line in portable.splitlines() if line.startswith(("CELLS", "TEXT"))]
    assert len(rules) == 2 and not any("*+" in line or "++" in line for line in rules)
    assert portable.count("\n") == text.count("\n")
    monkeypatch.undo()
    assert grammars._portable(text) == text


# -- 5. a figure of thousands of digits is invalid-number ---------------------------------------------


@pytest.mark.parametrize(
    "figure", ["9" * 5000, "9" * 5000 + ".5", "1" + "0" * 5000 + "件", "1," + ",".join(["000"] * 2000)]
)
def test_a_run_of_thousands_of_digits_is_an_invalid_number(tmp_path: Path, figure: str) -> None:
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    assert lines[26] == "2 |"
    lines[26] = f"{figure} |"
    report = tmp_path / "digits.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    found = [d for d in lint_file(report) if d.rule_id == "GIP407"]
    assert [d.span.line for d in found] == [27]


def test_a_figure_over_the_digit_limit_is_not_a_number() -> None:
    count, fee = ColumnSpec("n", "件数"), ColumnSpec("fee", "收费金额", decimal=True)
    assert number("9" * MAX_DIGITS, count) == (int("9" * MAX_DIGITS), True, "")
    assert number("9" * (MAX_DIGITS + 1), count) == (None, False, "")
    assert number("9" * (MAX_DIGITS - 1) + ".55", fee) == (None, False, "")


# -- 4. Word packages: numbering bombs, style chains, lying sizes, damaged deflate --------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _saved(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _numbered_docx(level_text: str, start: int, fmt: str) -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("x", style="List Number")  # makes python-docx add numbering.xml
    numbering = document.part.part_related_by(RT.NUMBERING).element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {_NS} w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    paragraph = document.add_paragraph("总体情况")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_NS}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
    )
    return _saved(document)


@pytest.mark.slow
def test_docx_level_text_bomb_is_cut(tmp_path: Path) -> None:
    """An 8 KB package whose lvlText is "%1" × 2,000,000 built a 2.5 GB label."""
    data = _numbered_docx("%1" * 2_000_000, 32767, "lowerLetter")
    assert len(data) < 64 * 1024
    report = tmp_path / "bomb.docx"
    report.write_bytes(data)
    result = limited("--no-cache", "--format", "concise", str(report))
    assert result.returncode == 1 and "内部错误" not in result.stderr, result.stderr[-300:]
    assert result.peak_mib < 700


def test_docx_level_text_and_label_are_bounded() -> None:
    lines = docx_reader.read_docx("list.docx", _numbered_docx("%1" * 5000, 32767, "lowerLetter")).text
    assert len(lines.splitlines()[-1]) <= 2048 + len("总体情况") + 1


def _style_chain_docx(styles: int, paragraphs: int) -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("x", style="List Number")
    styles_element = document.part.part_related_by(RT.STYLES).element
    for n in range(styles):
        styles_element.append(
            parse_xml(
                f'<w:style {_NS} w:type="paragraph" w:styleId="s{n}"><w:name w:val="s{n}"/>'
                f'<w:basedOn w:val="s{n + 1}"/></w:style>'
            )
        )
    body = document.element.body
    for n in range(paragraphs):
        body.append(
            parse_xml(f'<w:p {_NS}><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>第{n}段</w:t></w:r></w:p>')
        )
    return _saved(document)


@pytest.mark.slow
def test_docx_chain_of_twenty_thousand_styles_is_walked_once(tmp_path: Path) -> None:
    """20,000 styles each basedOn the next and 20,000 paragraphs in that style took 74 s."""
    report = tmp_path / "chain.docx"
    report.write_bytes(_style_chain_docx(20_000, 20_000))
    result = limited("--no-cache", "--format", "concise", str(report), cpu_seconds=30)
    assert result.returncode == 1 and "内部错误" not in result.stderr, result.stderr[-300:]


def test_docx_style_chain_is_followed_to_a_bounded_depth() -> None:
    from giplint.readers import _numbering

    data = _style_chain_docx(_numbering._MAX_STYLE_DEPTH * 3, 3)
    assert "第2段" in docx_reader.read_docx("chain.docx", data).text


def _with_member(data: bytes, name: str, content: bytes | None = None, declared: int | None = None) -> bytes:
    """The package with member `name` replaced by `content` and, when given, its declared size in
    both the local and the central header set to `declared` (a size that lies)."""
    source_zip = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source_zip.infolist():
            body = source_zip.read(info.filename)
            if info.filename == name and content is not None:
                with archive.open(info.filename, "w") as member:
                    member.write(body)
                    for _ in range(len(content) // 2**20):
                        member.write(content[: 2**20])
                continue
            archive.writestr(info.filename, body)
    package = bytearray(out.getvalue())
    if declared is not None:
        with zipfile.ZipFile(io.BytesIO(bytes(package))) as archive:
            info = archive.getinfo(name)
        struct.pack_into("<I", package, info.header_offset + 22, declared)
        position = 0
        while (position := package.find(b"PK\x01\x02", position + 1)) >= 0:
            length = struct.unpack_from("<H", package, position + 28)[0]
            if package[position + 46 : position + 46 + length] == name.encode():
                struct.pack_into("<I", package, position + 24, declared)
    return bytes(package)


@pytest.mark.slow
def test_docx_member_whose_declared_size_lies_is_read_in_bounded_chunks(tmp_path: Path) -> None:
    """document.xml claims 30 KB but inflates to 800 MB: zipfile trusted the size and inflated it in
    one call before the CRC said it was corrupt."""
    data = _with_member(_docx(["一、总体情况"]), "word/document.xml", b" " * 2**20 * 800, declared=30_000)
    assert len(data) < 4 * 2**20
    report = tmp_path / "liar.docx"
    report.write_bytes(data)
    result = limited("--no-cache", "--format", "concise", str(report))
    assert result.returncode == 2 and "损坏" in result.stderr and "内部错误" not in result.stderr
    assert result.peak_mib < 400, result.peak_mib


def test_docx_member_inflating_past_the_limit_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _with_member(_docx(["一、总体情况"]), "word/document.xml", b" " * 2**20 * 3)
    monkeypatch.setattr(docx_reader, "_MAX_XML_BYTES", 2 * 2**20)
    monkeypatch.setattr(docx_reader, "_CHUNK", 4096)
    with pytest.raises(InputError, match="过大"):
        docx_reader.read_docx("big.docx", data)


def test_docx_damaged_deflate_in_package_relationships(tmp_path: Path) -> None:
    data = bytearray(_docx(["一、总体情况", "正文。"]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("_rels/.rels")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 2, start + info.compress_size - 2, 3):
        data[offset] ^= 0x5A
    with pytest.raises(InputError, match="损坏"):
        docx_reader.read_docx("rels.docx", bytes(data))
    report = tmp_path / "rels.docx"
    report.write_bytes(bytes(data))
    code, _, err = run_cli("--no-cache", str(report), str(CLEAN))
    assert code == 2 and "损坏" in err and "内部错误" not in err


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return _saved(document)


# -- 3. HTML: unterminated constructs, millions of cells, huge elements -------------------------------

_HEAD = "<p>一、总体情况</p>".encode()


def test_html_unterminated_tags_are_not_rescanned(tmp_path: Path) -> None:
    """`<a` × 100,000 (200 KB) took 21.5 s: html.parser rescanned to the end for each one."""
    page = tmp_path / "a.html"
    page.write_bytes(_HEAD + b"<a" * 100_000)
    result = limited("--no-cache", "--format", "concise", str(page), str(CLEAN), cpu_seconds=10)
    assert result.returncode == 1 and "GIP101" in result.stdout, result.stderr[-300:]


def test_html_text_after_the_last_tag_keeps_its_angle_brackets() -> None:
    from giplint.readers._html_parse import defuse

    page = "<p>一、总体情况</p><p>a<!--b-->c<!--d</p>e<![if x]>f<![CDATA[g]>h<i\x00"
    defused = defuse(page)
    assert len(defused) == len(page)
    assert [n for n, c in enumerate(defused) if c == "\x00"] == [
        page.index("<!--d"),
        page.index("<![CDATA"),
        page.rindex("<"),
    ]
    text = read_html("p.html", page.removesuffix("\x00").encode()).text
    assert "<!--d" in text and "h<i" in text


@pytest.mark.slow
@pytest.mark.parametrize(
    "tail",
    [
        b"<a" * 5_000_000,
        b"</" * 5_000_000,
        b"<!" * 5_000_000,
        b"<!--" + b"x" * 19_000_000,
        b'<a href="' + b"x" * 19_000_000,
        b"<p>" + b"x" * 19_000_000,
        b"&#" * 5_000_000,
    ],
    ids=["starts", "ends", "declarations", "comment", "attribute", "paragraph", "charrefs"],
)
def test_hostile_html_is_bounded(tmp_path: Path, tail: bytes) -> None:
    page = tmp_path / "hostile.html"
    page.write_bytes(_HEAD + tail)
    result = limited("--no-cache", "--format", "concise", str(page), str(CLEAN), cpu_seconds=60)
    assert result.returncode == 1 and "内部错误" not in result.stderr, result.stderr[-300:]
    assert "hostile.html" in result.stdout


@pytest.mark.slow
def test_html_millions_of_cells_are_refused(tmp_path: Path) -> None:
    """3 M `<td>1` took 66 s and 6.6 GB as tree nodes."""
    page = tmp_path / "cells.html"
    page.write_bytes(_HEAD + b"<table>" + b"<td>1" * 3_000_000)
    result = limited("--no-cache", "--format", "concise", str(page), str(CLEAN), cpu_seconds=60)
    assert result.returncode == 2 and "元素超过" in result.stderr and "内部错误" not in result.stderr
    assert "clean-2021.txt" not in result.stderr


def test_html_element_count_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from giplint.readers import _html_parse

    page = _HEAD + b"<table>" + b"<tr><td>1</td></tr>" * 200
    assert read_html("t.html", page).text
    monkeypatch.setattr(_html_parse, "MAX_NODES", 300)
    with pytest.raises(InputError, match="元素超过 300 个"):
        read_html("t.html", page)


# -- 6. symlinked files out of the tree are not walked ------------------------------------------------


def test_symlinked_file_out_of_the_tree_is_not_walked(tmp_path: Path) -> None:
    secret = tmp_path / "home" / ".env"
    secret.parent.mkdir()
    secret.write_text("PASSWORD=hunter2\n一、总体情况\n", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(CLEAN, reports / "a.txt")
    (reports / "leak.txt").symlink_to(secret)
    (reports / "inside.txt").symlink_to(reports / "a.txt")  # inside the tree: the same file, once
    code, out, err = run_cli("--no-cache", "--format", "json", str(reports))
    assert "hunter2" not in out + err and str(secret) not in out + err
    assert {Path(item["path"]).name for item in json.loads(out)} <= {"a.txt"}
    code, out, err = run_cli("--no-cache", "--format", "concise", str(reports / "leak.txt"))
    assert code == 1 and "GIP101" in out  # named on the command line, a link is read


# -- 7. --output-file never destroys an input, by any name ---------------------------------------------


def test_output_file_through_a_hard_link_to_a_report_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    shutil.copy(CLEAN, report)
    os.link(report, tmp_path / "h.txt")
    before = report.read_bytes()
    code, _, err = run_cli("--no-cache", str(report), "--output-file", str(tmp_path / "h.txt"))
    assert code == 2 and "覆盖" in err
    assert report.read_bytes() == before


@pytest.mark.parametrize("which", ["--previous", "--config"])
def test_output_file_onto_the_previous_report_or_the_config_is_refused(tmp_path: Path, which: str) -> None:
    report = tmp_path / "a.txt"
    shutil.copy(CLEAN, report)
    other = tmp_path / ("last.txt" if which == "--previous" else "giplint.yaml")
    if which == "--previous":
        shutil.copy(CLEAN, other)
    else:
        other.write_text("ignore: [GIP001]\n", encoding="utf-8")
    before = other.read_bytes()
    code, _, err = run_cli("--no-cache", str(report), which, str(other), "--output-file", str(other))
    assert code == 2 and "覆盖" in err, err
    assert other.read_bytes() == before


def test_output_file_onto_a_config_found_beside_the_reports_is_refused(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "a.txt")
    config = tmp_path / ".giplint.yaml"
    config.write_text("ignore: [GIP001]\n", encoding="utf-8")
    code, _, err = run_cli("--no-cache", str(tmp_path / "a.txt"), "--output-file", str(config))
    assert code == 2 and "覆盖" in err
    assert config.read_text(encoding="utf-8") == "ignore: [GIP001]\n"


# -- 8. escape sequences in file names never reach the terminal ---------------------------------------


@pytest.mark.parametrize("fmt", ["concise", "github", "full"])
def test_escape_sequences_in_file_names_are_written_out(tmp_path: Path, fmt: str) -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J\r::error::forged"
    shutil.copy(BAD, tmp_path / f"{hostile}.txt")
    (tmp_path / f"{hostile}.md").write_text("no report here\n", encoding="utf-8")
    (tmp_path / f"{hostile}.docx").write_bytes(b"PK\x03\x04 broken")
    code, out, err = run_cli("--no-cache", "--format", fmt, "--statistics", str(tmp_path))
    assert code == 2
    for stream in (out, err):
        assert "\x1b" not in stream and "\x07" not in stream and "\r" not in stream
    assert "\\x1b]0;pwned" in out + err


# -- 9–12. the result cache: damaged, planted, symlinked, unpruned -------------------------------------


def _cached_run(tmp_path: Path) -> tuple[Path, list[Path], str]:
    """A one-file run and its two entries: its answer, and the same under the key a one-file run
    looks up before loading anything (giplint/commands/quick.py)."""
    report, cache = tmp_path / "r" / "bad.txt", tmp_path / "cache"
    report.parent.mkdir()
    shutil.copy(BAD, report)
    code, out, _ = run_cli(str(report), "--format", "json", "--cache-dir", str(cache))
    assert code == 1
    entries = sorted((cache / "results").glob("*/*.json"))
    assert len(entries) == 2
    return report, entries, out


def _signed(body: bytes) -> bytes:
    from giplint.engine.cache import _secret, _sign

    return _sign(_secret() or b"", body) + b"\n" + body


@pytest.mark.parametrize("damage", ["deep", "zero", "fifo", "huge", "poisoned", "unsigned"])
def test_damaged_or_planted_cache_entries_are_ignored(tmp_path: Path, damage: str) -> None:
    report, entries, first = _cached_run(tmp_path)
    for entry in entries:
        _damage(entry, damage)
    code, out, _ = run_cli(str(report), "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    assert code == 1 and out == first


def _damage(entry: Path, damage: str) -> None:
    body = entry.read_bytes().partition(b"\n")[2]
    entry.unlink()
    if damage == "deep":  # the user's own key, so only the decoder stands between it and a crash
        entry.write_bytes(_signed(b"[" * 200_000))
    elif damage == "zero":
        entry.symlink_to("/dev/zero")
    elif damage == "fifo":
        os.mkfifo(entry)
    elif damage == "huge":
        entry.write_bytes(_signed(body[:-1] + b" " * (9 * 2**20) + b"}"))
    elif damage == "poisoned":  # a pull request's cache write cannot sign: "diagnostics": [] unbelieved
        data = json.loads(body)
        data["diagnostics"] = []
        entry.write_bytes(b"0" * 64 + b"\n" + json.dumps(data).encode())
    else:
        entry.write_bytes(body)


def test_a_symlinked_cache_folder_is_not_written_through(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "cache").symlink_to(home)
    shutil.copy(BAD, tmp_path / "bad.txt")
    code, _, _ = run_cli(str(tmp_path / "bad.txt"), "--cache-dir", str(tmp_path / "cache"))
    assert code == 1 and list(home.iterdir()) == []


def test_the_cache_is_pruned_to_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from giplint.engine import cache

    report, (entry, _), _ = _cached_run(tmp_path)
    size = entry.stat().st_size
    old = entry.parent / ("0" * 64 + ".json")
    old.write_bytes(entry.read_bytes())
    os.utime(old, (1, 1))  # not used for decades
    monkeypatch.setattr(cache, "MAX_TOTAL_BYTES", size * 2)  # each run writes two entries of this size
    for edit in range(6):  # 6 edits of one file: 12 more entries
        report.write_text(BAD.read_text(encoding="utf-8") + "\n" * (edit + 1), encoding="utf-8")
        run_cli(str(report), "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    entries = list((tmp_path / "cache" / "results").glob("*/*.json"))
    assert not old.exists()
    assert 1 <= len(entries) <= 4


# -- 15. deep configurations are configuration errors naming the file --------------------------------


def test_a_long_extends_chain_is_a_config_error(tmp_path: Path) -> None:
    for n in range(1500):
        (tmp_path / f"c{n}.yaml").write_text(f"extends: c{n + 1}.yaml\n", encoding="utf-8")
    (tmp_path / "c1500.yaml").write_text("ignore: [GIP001]\n", encoding="utf-8")
    code, _, err = run_cli("--no-cache", str(CLEAN), "--config", str(tmp_path / "c0.yaml"))
    assert code == 2 and "extends 嵌套超过" in err and "内部错误" not in err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", "[tool.giplint]\nselect = " + "[" * 300_000),
        (".giplint.yaml", "select: " + "[" * 300_000),
    ],
)
def test_deeply_nested_config_is_a_config_error(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(CLEAN, tmp_path / "a.txt")
    code, _, err = run_cli("--no-cache", str(tmp_path / "a.txt"))
    assert code == 2 and "内部错误" not in err and name in err, err


# -- 13. config regexes: compiled at load, no nested repeats -----------------------------------------


@pytest.mark.parametrize("pattern", ["(a+)+b", "(x*)*", "((a|b)+c)*"])
def test_config_regex_with_nested_repeats_is_refused_at_load(tmp_path: Path, pattern: str) -> None:
    config = tmp_path / "giplint.yaml"
    config.write_text(f"rules:\n  GIP401:\n    placeholders: ['{pattern}']\n", encoding="utf-8")
    code, _, err = run_cli("--no-cache", str(CLEAN), "--config", str(config))
    assert code == 2 and "嵌套的重复" in err and "giplint.yaml" in err, err
