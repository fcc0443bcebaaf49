"""What every --format html page must satisfy, checked on a parsed DOM (html5lib's, or the DOM a
browser dumped): valid HTML, every finding of the JSON output marked at an element of the page,
the checklist agreeing with the findings, and nothing fetched from anywhere.

Shared by tests/test_html.py (the page as written) and tests/test_html_browser.py (the page as
Chromium built it).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from xml.etree.ElementTree import Element

import html5lib


def parse_strict(page: str) -> Element:
    """The page's DOM; any HTML parse error (misnested or unclosed tag, bad character) raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page)


def parse(page: str) -> Element:
    return html5lib.parse(page, namespaceHTMLElements=False)


def classes(element: Element) -> set[str]:
    return set((element.get("class") or "").split())


def by_id(tree: Element) -> dict[str, Element]:
    return {e.get("id"): e for e in tree.iter() if e.get("id")}  # type: ignore[misc]


def notes(tree: Element) -> list[Element]:
    return [e for e in tree.iter("li") if "note" in classes(e)]


def mark_problems(tree: Element, diagnostics: list[dict[str, Any]]) -> list[str]:
    """Each finding of the JSON output must have its note (rule, line, column), and the element
    the note names (data-at) must exist and be marked (class `hit`) with a link to the note."""
    problems = []
    ids = by_id(tree)
    found = Counter((n.get("data-rule"), n.get("data-line"), n.get("data-column")) for n in notes(tree))
    wanted = Counter((d["rule"], str(d["line"]), str(d["column"])) for d in diagnostics)
    if found != wanted:
        problems.append(f"notes {sorted(found.elements())} != findings {sorted(wanted.elements())}")
    for note in notes(tree):
        at = note.get("data-at")
        target = ids.get(at or "")
        if target is None:
            problems.append(f"{note.get('data-rule')}: element {at!r} is not on the page")
            continue
        if "hit" not in classes(target):
            problems.append(f"{note.get('data-rule')}: element {at!r} is not marked")
        links = {a.get("href") for a in target.iter("a")}
        if f"#{note.get('id')}" not in links:
            problems.append(f"{note.get('data-rule')}: element {at!r} has no link to its note")
    return problems


def _family(rule: str) -> str:
    digits = re.sub(r"\D", "", rule)
    return digits[0] if len(digits) == 3 else ""


_TABLE_SECTIONS = {"active_disclosure": "二", "applications": "三", "review_litigation": "四"}


def checklist_problems(tree: Element, diagnostics: list[dict[str, Any]], cross_checked: bool) -> list[str]:
    """The checklist at the top says what the findings say (the families of rules/*.yaml)."""
    items = {e.get("data-check"): e for e in tree.iter("li") if e.get("data-check")}
    # a check fails on a warning or an error of its family; a 提示 (info) does not fail it
    serious = [d for d in diagnostics if d["severity"] in ("error", "warning")]
    expected: dict[str, bool] = {
        "sections": not any(_family(d["rule"]) == "1" for d in serious),
        "format": not any(_family(d["rule"]) == "2" for d in serious),
        "other-matters": not any(d["section"] == "六" for d in serious),
    }
    for kind, number in _TABLE_SECTIONS.items():
        expected[f"identity-{kind}"] = not any(
            _family(d["rule"]) == "3" and d["section"] == number for d in serious
        )
    if cross_checked:
        expected["previous"] = not any(_family(d["rule"]) == "5" for d in serious)
    problems = []
    if set(items) != set(expected):
        problems.append(f"checklist items {sorted(items)} != {sorted(expected)}")
    for key, ok in expected.items():
        item = items.get(key)
        if item is None:
            continue
        state = item.get("data-ok")
        if (ok and state not in ("pass", "na")) or (not ok and state != "fail"):
            problems.append(f"checklist {key}: {state}, findings say {'pass' if ok else 'fail'}")
    counts = Counter(d["severity"] for d in diagnostics)
    for severity in ("error", "warning", "info"):
        shown = [e.get(f"data-count-{severity}") for e in tree.iter("div") if e.get(f"data-count-{severity}")]
        if shown != [str(counts.get(severity, 0))]:
            problems.append(f"count of {severity}: {shown}, findings {counts.get(severity, 0)}")
    return problems


_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def external_references(tree: Element) -> list[str]:
    """Anything a browser would fetch: script, link, img, iframe, object, embed, a src/href to
    another place (only #fragments and relative page links in an index are allowed), CSS url()
    or @import."""
    found = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"):
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name in ("src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "background"):
                found.append(f"{name}={value}")
            if name == "href" and _EXTERNAL.match(value):
                found.append(f"href={value}")
            if name == "style" and re.search(r"url\s*\(|@import", value, re.IGNORECASE):
                found.append(f"style={value}")
        if tag == "style" and re.search(r"url\s*\(|@import", element.text or "", re.IGNORECASE):
            found.append("<style> with url() or @import")
    return found
