"""Whose report it is, and for which year: the organ (机关) and year that pair reports across years.

The organ is read, in this order, from the report's title (giplint/parse/meta.py puts it on `Title.organ`),
from an organ line of its own in the preamble (``重庆市开州区民政局`` above
``2024年政府信息公开工作年度报告``), or from the signature line at the end (``沭阳县发展和改革局``
over the date). A configuration's ``reports:`` entry overrides both organ and year for files where
they cannot be read (see config.py).

Two spellings of one organ must give one key, so the key is normalised:

- NFKC, every white space removed (``沭阳县 人民政府`` is ``沭阳县人民政府``), quotes and brackets
  around it dropped, a page's breadcrumb (``当前位置：首页 > … >``) dropped;
- the generic suffix of a local government is dropped, so that ``沭阳县人民政府``, ``沭阳县政府``
  and the title ``沭阳县2023年政府信息公开工作年度报告`` all give ``沭阳县``, and
  ``平潭综合实验区管理委员会`` / ``平潭综合实验区管委会`` give ``平潭综合实验区``;
- a trailing ``办公室`` is **kept**: ``沭阳县人民政府办公室`` is an organ of its own that publishes its
  own report, and pairing it with the county government's report would compare two organs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named: the cache decodes identities without importing the model
    from giplint.model import Report

# The generic suffixes of a government (人民政府 and its abbreviations, a zone's 管理委员会): the
# place name before them is the organ's key. Longest first.
_GOVERNMENT_SUFFIXES = ("人民政府", "管理委员会", "管委会", "政府")
_QUOTES = "《》〈〉“”\"'‘’「」『』【】[]()（）"
# A line that is an organ's name and nothing else: Chinese characters ending in an organ word.
_ORGAN_LINE = re.compile(
    r"^[\u4e00-\u9fff]{2,30}(?:人民政府|政府|委员会|管委会|办公室|办事处|局|厅|委|办|院|署|中心|镇|乡|街道|监狱|队|所|馆|站)$"
)
_BREADCRUMB = re.compile(r"当前位置|首页|[>›»]")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")


@dataclass(frozen=True, slots=True)
class ReportIdentity:
    """Who wrote a report and for which year, as recognised (or configured)."""

    organ: str | None  # as written (the title's organ, the organ line, the configured name)
    key: str | None  # normalised for pairing: two spellings of one organ give one key
    year: int | None
    organ_source: str  # title | organ-line | signature | config | ""
    year_source: str  # title | period | text | config | ""


def organ_key(organ: str) -> str:
    """The normalised organ name two reports of one organ share (see the module docstring)."""
    text = unicodedata.normalize("NFKC", organ).strip()
    if _BREADCRUMB.search(text):  # 当前位置：首页 > 政务公开 > … 平潭综合实验区: the last part
        text = re.split(r"[\s>›»/：:]+", text.strip())[-1]
    text = re.sub(r"\s+", "", text).strip(_QUOTES)
    text = text.removeprefix("标题:").removesuffix("的")
    for suffix in _GOVERNMENT_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _organ_line(lines: list[str]) -> str | None:
    """The first line of `lines` that is an organ's name alone."""
    for line in lines:
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", line))
        if _ORGAN_LINE.match(text):
            return text
    return None


def recognise(report: Report) -> ReportIdentity:
    """The organ and year of a report as written in it (no configuration)."""
    organ, source = None, ""
    if report.organ:
        organ, source = report.organ, "title"
    else:
        organ = _organ_line(report.preamble.splitlines()[:8])
        source = "organ-line" if organ else ""
    if organ is None and report.sections:
        tail = [line for line in report.sections[-1].body.splitlines() if line.strip()][-4:]
        signed = [line for line in tail if not _DATE_LINE.match(line)]
        if len(signed) < len(tail):  # a date line closes the report: the line above it signs it
            organ = _organ_line(signed[-2:])
            source = "signature" if organ else ""
    key = organ_key(organ) if organ else None
    return ReportIdentity(organ, key or None, report.year, source, report.year_source)


def overridden(identity: ReportIdentity, organ: str | None, year: int | None) -> ReportIdentity:
    """The identity with a configuration's organ and/or year in place of the recognised ones."""
    if organ is not None:
        identity = ReportIdentity(organ, organ_key(organ), identity.year, "config", identity.year_source)
    if year is not None:
        identity = ReportIdentity(identity.organ, identity.key, year, identity.organ_source, "config")
    return identity
