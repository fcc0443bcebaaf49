"""One home for each domain fact (issue 15, item 3): where a fact must be written twice, they agree.

Section numbers, titles and order live in giplint/layouts.py (`SECTIONS`); the table vocabulary
too. The grammar (grammar/report.lark), the HTML reader's heading finder and the rules' YAML
restate some of it; these tests fail the moment one of them drifts. And the wording an editor
reads lives in rules/*.yaml: no check module hands a Chinese sentence to a finding.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT, registry

import giplint
from giplint import layouts
from giplint.fold import fold
from giplint.model import MANDATED_TABLES
from giplint.parse import parse_document, report_parser

PACKAGE = Path(giplint.__file__).parent
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _accepted() -> dict[str, list[str]]:
    rule = next(r for r in registry().rules if r.id == "GIP103")
    return rule.params.accepted  # type: ignore[attr-defined, no-any-return]


def _heading_terminals() -> dict[str, re.Pattern[str]]:
    return {
        terminal.name: re.compile(terminal.pattern.to_regexp())
        for terminal in report_parser().terminals
        if terminal.name.endswith("_HEADING")
    }


@pytest.mark.parametrize("spec", layouts.SECTIONS, ids=lambda s: s.key)
def test_the_grammar_reads_the_mandated_heading_of_each_section(spec: layouts.SectionSpec) -> None:
    """report.lark has one heading terminal per section of layouts.SECTIONS (named by its key),
    and it reads the mandated title there and under no other section's terminal."""
    terminals = _heading_terminals()
    heading = fold(f"{spec.number}、{spec.title}").text
    assert terminals[terminal_name(spec)].fullmatch(heading), heading
    others = [name for name, t in terminals.items() if name != terminal_name(spec) and t.fullmatch(heading)]
    assert others in ([], ["LOOSE_HEADING"]), others


@pytest.mark.parametrize("spec", layouts.SECTIONS, ids=lambda s: s.key)
def test_every_heading_section_title_accepts_heads_its_section(spec: layouts.SectionSpec) -> None:
    """Each wording GIP103 accepts (rules/structure.yaml) is read as the heading of its section
    (by its terminal or as a loose heading): a wording the rule accepts but the parser does not
    place would make the section "missing"."""
    from giplint.source import read_text

    for title in _accepted()[spec.number]:
        text = "".join(
            f"{other.number}、{title if other is spec else other.title}\n本部分的正文。\n"
            for other in layouts.SECTIONS
        )
        report = parse_document(read_text("headings.txt", text.encode("utf-8")))
        assert [s.number for s in report.sections] == list(layouts.SECTION_ORDER), title
        assert report.section(spec.number).heading.strip() == f"{spec.number}、{title}"  # type: ignore[union-attr]


def terminal_name(spec: layouts.SectionSpec) -> str:
    return f"{spec.key.upper()}_HEADING"


def test_the_grammar_has_no_heading_of_a_section_layouts_does_not_know() -> None:
    names = set(_heading_terminals()) - {"LOOSE_HEADING"}
    assert names == {terminal_name(spec) for spec in layouts.SECTIONS}


def test_the_html_reader_finds_every_mandated_heading() -> None:
    from giplint.readers.html import _HEADING

    for spec in layouts.SECTIONS:
        assert _HEADING.match(f"{spec.number}、{spec.title}"), spec.title


def test_the_model_tables_are_the_sections_tables() -> None:
    """Table kind and section: model.py's classes and layouts.SECTIONS say the same."""
    assert [(t.kind, t.section) for t in MANDATED_TABLES] == [
        (spec.table, spec.number) for spec in layouts.SECTIONS if spec.table
    ]
    assert tuple(t.kind for t in MANDATED_TABLES) == layouts.TABLES


def test_the_section_order_is_written_only_in_layouts() -> None:
    """ "一二三四五六" as a literal anywhere but layouts.py is a second home of the order."""
    order = layouts.SECTION_ORDER
    assert order == "一二三四五六"
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "layouts.py":
            assert f'"{order}"' not in path.read_text(encoding="utf-8"), path


# -- wording in YAML, not in Python -----------------------------------------------------------

# The check modules whose Chinese is still in Python, and why.
_WORDING_LEFT = {
    # "上年" before a last-year label in the hint's terms, and "上" for a year not known: left
    "identity.py": "上年 label prefix, 上 for an unknown year; axis names of config errors",
    "text_not_copied.py": "上 for an unknown year",
    "tables_not_copied.py": "上 for an unknown year (as text_not_copied.py)",
}


def _wording_in(path: Path) -> list[str]:
    """Chinese string literals of a check module that can reach a finding: not a docstring, not
    a configuration error (raise, `choose`, `regex`, `__post_init__`, `_validate…`), not a
    regular expression over the report's text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            allowed.add(id(body[0].value))  # a docstring
        exempt = (
            isinstance(node, ast.Raise)
            or (
                isinstance(node, ast.FunctionDef)
                and (node.name == "__post_init__" or node.name.startswith("_validate"))
            )
            or (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id in ("choose", "regex"))
                    or (
                        isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("compile", "search", "match")
                    )
                )
            )
        )
        if exempt:
            allowed.update(id(inner) for inner in ast.walk(node))
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in allowed
        and _HAN.search(node.value)
        and node.value not in layouts.SECTION_ORDER  # a section number is vocabulary, not wording
    ]


@pytest.mark.parametrize("path", sorted((PACKAGE / "checks").glob("*.py")), ids=lambda p: p.name)
def test_no_check_module_words_a_finding_in_chinese(path: Path) -> None:
    found = _wording_in(path)
    if path.name in _WORDING_LEFT:
        assert found, f"{path.name} has no Chinese wording left: take it off _WORDING_LEFT"
        return
    assert found == [], "wording belongs in the rule's YAML (its message or params): " + "; ".join(found)


@pytest.mark.parametrize("path", sorted((PACKAGE / "parse" / "tables").glob("*.py")), ids=lambda p: p.name)
def test_the_table_reader_words_nothing(path: Path) -> None:
    """The table reader hands typed issues to the rules (model.TableIssue): no Chinese literal in
    it but its patterns; labels are layouts.py's, wording rules/tables.yaml's."""
    assert _wording_in(path) == []


# -- words that point somewhere: every rule id and rules file a module names exists --------------

_ID = re.compile(r"\b([A-Z]{3})(\d{3})\b")
_RULES_FILE = re.compile(r"rules/([a-z_]+)\.yaml")
_EXAMPLE = re.compile(r"^Example: see (.+?)\.$", re.MULTILINE)


def _sources() -> list[Path]:
    return [*sorted(PACKAGE.rglob("*.py")), *sorted((ROOT / "grammar").glob("*.lark"))]


def test_every_rule_id_and_rules_file_named_in_the_code_exists() -> None:
    """A docstring or comment naming GIP205 for a rule that is now GIP406, or rules/structure.yaml
    for a rule in parse.yaml, sends the next reader the wrong way."""
    ids = {rule.id for rule in registry().rules}
    # the checkout's rules/: an installed (non-editable) giplint has them inside the package instead
    files = {path.stem for path in (ROOT / "rules").glob("*.yaml")}
    stale = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for match in _ID.finditer(text):
            if match[1] == "GIP" and match[0] not in ids:
                stale.append(f"{path.name}: {match[0]}")
        stale += [
            f"{path.name}: rules/{name}.yaml" for name in _RULES_FILE.findall(text) if name not in files
        ]
    assert stale == []


_MODULE_FILE = re.compile(r"\bgiplint/((?:[a-z_]+/)*[a-z_]+\.py)\b")


def test_every_module_file_named_in_the_code_exists() -> None:
    """A docstring still naming run.py at the package's top level after it moved to
    giplint/engine/ (issue 15.8) sends the next reader to a file that is not there; the package,
    its tests and the README name the module files where they are."""
    named = [*_sources(), *sorted((ROOT / "tests").glob("*.py")), ROOT / "README.md"]
    stale = [
        f"{path.name}: giplint/{name}"
        for path in named
        if path.is_file()
        for name in _MODULE_FILE.findall(path.read_text(encoding="utf-8"))
        if not (PACKAGE / name).is_file()
    ]
    assert stale == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "checks").glob("*.py")), ids=lambda p: p.name)
def test_a_check_modules_examples_are_rules_of_its_kind(path: Path) -> None:
    """``Example: see GIPnnn in rules/x.yaml`` in a check module's docstring names rules of that
    check kind, in that file."""
    if path.name == "__init__.py":
        return
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    (example,) = _EXAMPLE.findall(doc)
    rules = {rule.id: rule for rule in registry().rules}
    for part in re.split(r",\s*", example):
        named = [f"{m[1]}{m[2]}" for m in _ID.finditer(part)]
        (file,) = _RULES_FILE.findall(part)
        assert named, part
        low, high = int(named[0][3:]), int(named[-1][3:])
        for number in range(low, high + 1):
            rule = rules.get(f"GIP{number:03d}")
            if rule is None and f"GIP{number:03d}" not in named:
                continue  # a gap inside a range
            assert rule is not None, f"{path.name}: GIP{number:03d}"
            assert rule.check == path.stem, f"{path.name}: {rule.id} is a {rule.check} rule"
            assert Path(rule.source.split(":")[0]).stem == file, (
                f"{path.name}: {rule.id} is not in {file}.yaml"
            )
