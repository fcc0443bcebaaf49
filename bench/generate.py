"""Generate a corpus of synthetic annual reports for the benchmarks.

Why a generator: speed must be measured on thousands of reports, and the five real seeds (or the
hand-written fixtures) are far too few; linting the same file 2,000 times would also hide costs
that depend on the text (glued digits, long prose, many non-zero cells). So each generated report
is a template report whose year, numbers and prose are varied:

- the year (2021–2025 by default) is changed consistently in title, period and text (the year
  before and after move with it, so "2025年将……" in a 2024 report stays "next year");
- section 三's table gets new numbers per applicant column that keep the identities true
  (一 + 二 = (七)总计 + 四, (七)总计 = the sum of the result rows, 总计 = the sum of the six
  applicant columns); blank rows of a template are filled with numbers;
- section 二's numbers and section 四's numbers change (四's 总计 = the sum of its four results);
- prose sentences of sections 一 and 五 are shuffled, some replaced by sentences written here;
  section 六 is rewritten from a small vocabulary that always reports the 信息处理费;
- a configurable fraction of the reports (10%) gets exactly one defect: section 六 dropped, one
  total broken, one cell blanked, or 六 written as "无。".

Templates are read in the `|`-cell text layout the seeds use (every cell ends with ` |`, a value
may sit on its own line before its `|`). Table cells are found with a small tokenizer of our own
(text up to each `|`), never with giplint's parser: the generator must not depend on the code it
is used to measure. A template whose section 三 table cannot be found is skipped with a message.

Output is deterministic for a given --seed, templates and options. A manifest (manifest.jsonl)
records template, year, defect, encoding and line endings of every file. Generated corpora go to
bench/out/ (git-ignored) and must never be committed.

    .venv/bin/python bench/generate.py --count 1000 --seed 1   # → bench/out/corpus-1000/
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SEEDS = Path("/work/shared/seeds")
FIXTURES = REPO / "fixtures" / "reports"
DEFECTS = ("drop-six", "break-total", "blank-cell", "six-wu")
GENERATED = "gen_*.txt"

# -- vocabulary (written for this generator) ---------------------------------------------------

ORGANS = (
    "云溪县人民政府",
    "青川市住房和城乡建设局",
    "白沙区民政局",
    "临江县自然资源局",
    "东湖街道办事处",
    "南山镇人民政府",
    "北川市生态环境局",
    "西林县教育局",
    "长宁区卫生健康委员会",
    "石门县交通运输局",
)
OVERVIEW_SENTENCES = (
    "全年围绕中心工作，持续深化决策、执行、管理、服务、结果公开。",
    "我们坚持以公开为常态、不公开为例外，推动政务公开工作提质增效。",
    "全年召开政务公开专题会议{n}次，研究部署重点任务。",
    "通过门户网站、政务新媒体等渠道及时发布政策文件和工作动态。",
    "进一步完善信息发布审查机制，坚持先审后发，确保内容准确规范。",
    "对照年度工作要点逐项抓好落实，建立任务台账并按月跟踪。",
    "加强政策解读，采用图解、问答、短视频等形式解读重要政策{n}篇。",
    "优化政务公开专栏设置，便于群众查找和获取信息。",
    "组织业务培训{n}次，提升工作人员的公开意识和业务能力。",
    "严格落实保密审查要求，全年未发生失泄密事件。",
    "积极回应社会关切，对群众留言做到及时受理、及时答复。",
    "规范依申请公开办理流程，统一受理登记、审核会签和答复文书格式。",
    "推进基层政务公开标准化规范化建设，动态更新公开事项目录。",
    "加强网站日常监测，全年开展自查{n}次，及时整改发现的问题。",
)
PROBLEM_SENTENCES = (
    "主要问题是部分信息更新不够及时，公开内容的深度和广度有待拓展。",
    "政策解读的形式仍较单一，与群众的期待还有差距。",
    "工作人员业务水平参差不齐，培训的针对性有待加强。",
    "下一步将健全信息报送机制，按月通报信息更新情况。",
    "下一步将丰富解读形式，提高解读材料的可读性。",
    "将进一步加强对基层政务公开工作的指导和督促检查。",
    "上年度报告所列问题均已完成整改。",
)
FEE_SENTENCES = (
    "本年度未收取信息处理费。",
    "本年度未发出收费通知，未收取信息处理费。",
    "本年度发出收费通知{n}件，实际收取信息处理费{m}元。",
    "严格执行《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
)
OTHER_SENTENCES = (
    "认真落实上级年度政务公开工作要点，各项任务均已完成。",
    "人大代表建议和政协提案办理结果均已按规定公开。",
    "本年度无其他需要报告的创新做法。",
    "积极开展政务公开日宣传活动，方便群众了解政务公开工作。",
)
PERIOD_SENTENCE = "本报告中所列数据的统计期限为{y}年1月1日至{y}年12月31日。"

# -- reading templates --------------------------------------------------------------------------

_HEADING_WORDS = {
    "一": ("总体情况",),
    "二": ("主动公开",),
    "三": ("收到和处理", "申请情况"),
    "四": ("复议", "诉讼"),
    "五": ("问题", "改进"),
    "六": ("其他需要报告",),
}
_HEADING = re.compile(r"^[ \t\u3000]*([一二三四五六])、")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_NUMERIC = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_DIGITS = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GARBLED = re.compile(r"\?{3,}|\ufffd+")
_ENUMERATION = re.compile(
    r"[一二三四五六七八九十]是|(?:^|[。；;])\s*\d+[.、．]|[(（][一二三四五六七八九十][)）]"
)
_TITLE = re.compile(r"(?:19|20)\d{2}年度?.*(?:政府信息公开|政务公开).*年度?报告")


@dataclass
class Slot:
    """One cell a number goes in: [start, end) is the digits, or for a blank cell the text
    between the previous `|` and this cell's `|`."""

    start: int
    end: int
    blank: bool
    decimal: bool = False


@dataclass
class Row:
    label: str
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Template:
    """A template report: its normalised text and where its variable parts are."""

    name: str
    text: str
    year: int
    layout: str  # "2021" or "2019"
    headings: dict[str, tuple[int, int]]  # number -> (line start offset, line end offset)
    applications: dict[str, Row]  # new | carried_in | total | carried_out
    results: list[Row]
    active: list[Slot]
    review: list[Slot]
    # the last value of the 行政许可 / 行政处罚 rows of table 二 (their 处理决定数量), as indexes in `active`
    decisions: dict[str, int] = field(default_factory=dict)
    all_done: bool = False  # section 一 says every application was answered: nothing carried forward


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _normalise(text: str) -> str:
    """LF line ends, no BOM, no garbled `????` runs (a generated report is garbled only on purpose)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _GARBLED.sub("", text)


def _headings(text: str) -> dict[str, tuple[int, int]]:
    """Section heading lines: `一、总体情况` … at a line start, with no `|` (table labels have one)."""
    found: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match and "|" not in line and len(line) < 60:
            number = match[1]
            if number not in found and any(w in line for w in _HEADING_WORDS[number]):
                found[number] = (offset, offset + len(line))
        offset += len(line) + 1
    return found


def _section_bounds(text: str, headings: dict[str, tuple[int, int]], number: str) -> tuple[int, int] | None:
    if number not in headings:
        return None
    start = headings[number][1]
    later = sorted(s for s, _ in headings.values() if s > start)
    return start, later[0] if later else len(text)


def _cells(text: str, start: int, end: int) -> list[tuple[str, Slot]]:
    """Every `|`-terminated cell in text[start:end]: (stripped content, slot)."""
    cells: list[tuple[str, Slot]] = []
    position = start
    while True:
        bar = text.find("|", position, end)
        if bar < 0:
            return cells
        content = text[position:bar]
        stripped = content.strip()
        if _NUMERIC.match(stripped):
            found = _DIGITS.search(content)
            assert found is not None
            slot = Slot(position + found.start(), position + found.end(), False, "." in stripped)
        else:
            slot = Slot(position, bar, not stripped)
        cells.append((stripped, slot))
        position = bar + 1


def _rows(cells: list[tuple[str, Slot]]) -> list[Row]:
    """Group cells under the label before them: a label, then its value (or blank) cells."""
    rows: list[Row] = []
    for content, slot in cells:
        if content and not _NUMERIC.match(content):
            rows.append(Row(content))
        elif rows:
            rows[-1].slots.append(slot)
    return rows


def _value_slots(row: Row, count: int) -> list[Slot] | None:
    """The row's first `count` cells (blank ones are filled too); None for a group label."""
    return row.slots[:count] if len(row.slots) >= count else None


def load_template(path: Path) -> Template | str:
    """A template, or the reason it cannot be one."""
    text = _normalise(_decode(path.read_bytes()))
    headings = _headings(text)
    bounds = _section_bounds(text, headings, "三")
    if bounds is None:
        return "没有找到“三、收到和处理政府信息公开申请情况”"
    rows = _rows(_cells(text, *bounds))
    applications: dict[str, Row] = {}
    results: list[Row] = []
    for row in rows:
        slots = _value_slots(row, 7)
        label = re.sub(r"\s+", "", row.label)
        key = (
            "new"
            if "本年新收" in label
            else "carried_in"
            if "上年结转" in label
            else "total"
            if re.search(r"[(（]七[)）]总计", label)
            else "carried_out"
            if "结转下年度" in label
            else "result"
        )
        if slots is None:
            if key != "result":
                return f"第三部分“{row.label}”一行不是7个数"
            continue
        row.slots = slots
        if key == "result":
            if "new" in applications and "total" not in applications:
                results.append(row)
        else:
            applications[key] = row
    if len(applications) != 4 or not results:
        return "第三部分表格不完整（需要 本年新收、上年结转、（七）总计、结转下年度 和办理结果各行）"
    active: list[Slot] = []
    decisions: dict[str, int] = {}
    bounds_two = _section_bounds(text, headings, "二")
    layout = "2021"
    if bounds_two is not None:
        section_two = text[bounds_two[0] : bounds_two[1]]
        layout = "2019" if "本年新制作数量" in section_two or "上一年项目数量" in section_two else "2021"
        for row in _rows(_cells(text, *bounds_two)):
            fee = layout == "2021" and "收费" in row.label
            for slot in row.slots:
                if not slot.blank:
                    slot.decimal = slot.decimal or fee
                    active.append(slot)
            kind = {"行政许可": "licensing", "行政处罚": "penalties"}.get(re.sub(r"\s+", "", row.label))
            if kind and any(not slot.blank for slot in row.slots):
                decisions[kind] = len(active) - 1
    review: list[Slot] = []
    bounds_four = _section_bounds(text, headings, "四")
    if bounds_four is not None:
        numbers = [s for _, s in _cells(text, *bounds_four) if not s.blank]
        review = numbers[-15:] if len(numbers) >= 15 else []
    year = _template_year(text)
    if year is None:
        return "没有找到报告年份"
    bounds_one = _section_bounds(text, headings, "一")
    all_done = bounds_one is not None and bool(_ALL_DONE.search(text, *bounds_one))
    return Template(
        path.name, text, year, layout, headings, applications, results, active, review, decisions, all_done
    )


def _template_year(text: str) -> int | None:
    first = text.lstrip().split("\n", 1)[0]
    match = _TITLE.search(first) if "|" not in first else None
    if match:
        return int(match[0][:4])
    years = _YEAR.findall(text[:2000])
    return int(years[0]) if years else None


def template_paths(sources: Sequence[Path], exclude: Sequence[str] = ()) -> list[Path]:
    """Template files: each file given, and each directory's *.txt (not README/EXPECTED)."""
    paths: list[Path] = []
    for source in sources:
        if source.is_dir():
            paths.extend(
                sorted(
                    p
                    for p in source.glob("*.txt")
                    if p.is_file() and not p.name.upper().startswith(("README", "EXPECTED"))
                )
            )
        elif source.is_file():
            paths.append(source)
    return [p for p in paths if not any(fnmatch.fnmatch(p.name, pattern) for pattern in exclude)]


def default_sources() -> list[Path]:
    """The hand-written fixtures (when present) and the real seeds: fixtures bring the layout
    variants (full-width labels, values before their `|`, 2019 tables, GBK/UTF-16/CRLF files),
    seeds bring real prose and real export quirks."""
    return [source for source in (FIXTURES, SEEDS) if source.is_dir() and any(source.glob("*.txt"))]


# -- generating ---------------------------------------------------------------------------------


@dataclass
class Edits:
    """Replacements on the template text, keyed by range: a later edit of the same range wins
    (a blanked cell over its new number), an edit containing others wins over them (a dropped
    section over the years inside it), and an insertion goes before a replacement at its offset."""

    items: dict[tuple[int, int], str] = field(default_factory=dict)

    def replace(self, start: int, end: int, value: str) -> None:
        self.items[(start, end)] = value

    def apply(self, text: str) -> str:
        parts: list[str] = []
        cursor = 0
        order = sorted(self.items, key=lambda r: (r[0], r[1] > r[0], -(r[1] - r[0])))
        for start, end in order:
            if start < cursor:  # inside an edit already made
                continue
            parts.append(text[cursor:start])
            parts.append(self.items[(start, end)])
            cursor = end
        parts.append(text[cursor:])
        return "".join(parts)


def _count(rng: random.Random, high: int, zero: float) -> int:
    """A count: zero with probability `zero`, else roughly log-uniform up to `high`."""
    if rng.random() < zero:
        return 0
    value: float = high ** rng.random()
    return max(1, round(value))


def _split(rng: random.Random, total: int, parts: int, weights: Sequence[float]) -> list[int]:
    values = [0] * parts
    for _ in range(total):
        values[rng.choices(range(parts), weights=weights)[0]] += 1
    return values


def _applications(rng: random.Random, results: int, all_done: bool = False) -> dict[str, list[list[int]]]:
    """Numbers of table 三: per row, 7 columns (6 applicant types, then the row total)."""
    quiet = rng.random() < 0.2  # many small bodies receive no application at all
    new = [0 if quiet else _count(rng, 300, 0.1)] + [0 if quiet else _count(rng, 20, 0.6) for _ in range(5)]
    carried_in = [_count(rng, max(2, n // 8 + 1), 0.7) if n else 0 for n in new]
    carried_out = [
        0 if all_done else min(n + c, _count(rng, max(2, n // 6 + 1), 0.7))
        for n, c in zip(new, carried_in, strict=True)
    ]
    weights = [8.0, 1.5] + [rng.choice((0.0, 0.0, 0.2, 1.0)) for _ in range(results - 2)]
    columns = [
        _split(rng, n + c - o, results, weights) for n, c, o in zip(new, carried_in, carried_out, strict=True)
    ]
    result_rows = [[columns[col][row] for col in range(6)] for row in range(results)]
    total = [n + c - o for n, c, o in zip(new, carried_in, carried_out, strict=True)]

    def with_total(values: list[int]) -> list[int]:
        return [*values, sum(values)]

    return {
        "new": [with_total(new)],
        "carried_in": [with_total(carried_in)],
        "results": [with_total(r) for r in result_rows],
        "total": [with_total(total)],
        "carried_out": [with_total(carried_out)],
    }


def _fill(edits: Edits, text: str, slots: Sequence[Slot], values: Sequence[int | str]) -> None:
    """Write values into slots; a blank slot of the template becomes a `value |` line."""
    for index, (slot, value) in enumerate(zip(slots, values, strict=True)):
        if not slot.blank:
            edits.replace(slot.start, slot.end, str(value))
            continue
        edits.replace(slot.start, slot.end, f"\n{value} ")
        if index == len(slots) - 1 and slot.end + 1 < len(text) and text[slot.end + 1] == "|":
            edits.replace(slot.end + 1, slot.end + 1, "\n")  # merged padding `||` to its own line


def _active_value(rng: random.Random, slot: Slot) -> str:
    if slot.decimal:
        if rng.random() < 0.3:
            return "0"
        value = 3000 ** rng.random()
        places = rng.choice((0, 1, 2, 3, 4))
        return f"{value:.{places}f}"
    return str(_count(rng, 30000 if rng.random() < 0.3 else 60, 0.35))


def _review(rng: random.Random) -> list[int]:
    values: list[int] = []
    for _ in range(3):
        four = [_count(rng, 4, 0.8) for _ in range(4)]
        values += [*four, sum(four)]
    return values


def _year_map(template_year: int, year: int) -> dict[str, str]:
    delta = year - template_year
    return {str(y): str(y + delta) for y in range(template_year - 2, template_year + 2)}


def _fill_sentence(rng: random.Random, sentence: str) -> str:
    return sentence.format(n=rng.randint(2, 30), m=rng.randint(10, 900))


def _vary_prose(
    rng: random.Random, text: str, start: int, end: int, vocabulary: Sequence[str], edits: Edits
) -> None:
    """Shuffle, replace and add sentences in the prose lines of text[start:end]."""
    offset = start
    for line in text[start:end].split("\n"):
        line_start = offset
        offset += len(line) + 1
        if "|" in line or "。" not in line or len(line) < 30 or "统计" in line or _HEADING.match(line):
            continue
        sentences = [s for s in re.split(r"(?<=[。；！？])", line) if s]
        if len(sentences) < 2 and rng.random() < 0.5:
            continue
        head, rest = sentences[0], sentences[1:]
        enumerated = any(_ENUMERATION.search(s) for s in sentences)  # 一是…二是…: keep the order
        if not enumerated:
            rest = [_fill_sentence(rng, rng.choice(vocabulary)) if rng.random() < 0.25 else s for s in rest]
            if rng.random() < 0.4:
                rng.shuffle(rest)
        if rng.random() < 0.3:
            rest.append(_fill_sentence(rng, rng.choice(vocabulary)))
        edits.replace(line_start, line_start + len(line), head + "".join(rest))


def _other_matters(rng: random.Random) -> str:
    sentences = [_fill_sentence(rng, rng.choice(FEE_SENTENCES))]
    sentences += [rng.choice(OTHER_SENTENCES) for _ in range(rng.randint(0, 2))]
    return "".join(dict.fromkeys(sentences))


@dataclass
class Generated:
    text: str
    year: int
    defect: str | None
    defect_detail: str = ""


def generate_one(
    rng: random.Random, template: Template, years: Sequence[int], defect_rate: float
) -> Generated:
    # 2019-layout templates stay in 2019–2020: the trial layout is correct only there.
    year = rng.choice([2019, 2020] if template.layout == "2019" else list(years))
    mapping = _year_map(template.year, year)
    # Years have four digits before and after, so every offset found in the template still holds.
    text = _YEAR.sub(lambda m: mapping.get(m[1], m[1]), template.text)
    edits = Edits()
    defect = rng.choice(DEFECTS) if rng.random() < defect_rate else None
    detail = ""

    numbers = _applications(rng, len(template.results), template.all_done)
    rows = template.applications
    values: dict[str, list[int]] = {key: numbers[key][0] for key in rows}
    result_values = numbers["results"]
    review = _review(rng) if template.review else []
    active = [_active_value(rng, slot) for slot in template.active]

    if defect == "break-total":
        choice = rng.choice(
            ("results-total", "row-total", "review-total") if review else ("results-total", "row-total")
        )
        bump = rng.randint(1, 3)
        if choice == "results-total":
            column = rng.randrange(6)
            values["total"] = list(values["total"])
            values["total"][column] += bump
            values["total"][6] += bump  # the row total stays the sum: only 一+二 ≠ 七+四 and 七 ≠ Σ results
            detail = f"（七）总计 第{column + 1}列 +{bump}"
        elif choice == "row-total":
            values["new"] = list(values["new"])
            values["new"][6] += bump
            detail = f"一、本年新收 总计 +{bump}"
        else:
            group = rng.randrange(3)
            review[group * 5 + 4] += bump
            detail = f"第四部分 第{group + 1}组 总计 +{bump}"

    for key, row in rows.items():
        _fill(edits, text, row.slots, values[key])
    for row, row_values in zip(template.results, result_values, strict=True):
        _fill(edits, text, row.slots, row_values)
    if review:
        _fill(edits, text, template.review, review)
    if active:
        _fill(edits, text, template.active, active)

    for number, vocabulary in (("一", OVERVIEW_SENTENCES), ("五", PROBLEM_SENTENCES)):
        bounds = _section_bounds(text, template.headings, number)
        if bounds is not None:
            _vary_prose(rng, text, *bounds, vocabulary, edits)

    # Section 六: rewritten (or added) so that a report is clean unless a defect is injected.
    six = _section_bounds(text, template.headings, "六")
    if defect == "drop-six":
        if six is not None:
            edits.replace(template.headings["六"][0], six[1], "")
        detail = "删去第六部分"
    else:
        body = "无。" if defect == "six-wu" else _other_matters(rng)
        if six is not None:
            edits.replace(six[0], six[1], "\n" + body + "\n")
        else:
            edits.replace(
                len(text),
                len(text),
                ("" if text.endswith("\n") else "\n") + f"六、其他需要报告的事项\n{body}\n",
            )
        if defect == "six-wu":
            detail = "第六部分只写“无”"

    if defect == "blank-cell":
        candidates = [s for r in [*rows.values(), *template.results] for s in r.slots if not s.blank]
        candidates += [s for s in template.review if not s.blank]
        slot = rng.choice(candidates)
        edits.replace(slot.start, slot.end, "")
        detail = f"清空偏移 {slot.start} 处的单元格"

    # A title when the template has none, and sometimes the statistical period.
    lead = len(text) - len(text.lstrip())
    first = text[lead:].split("\n", 1)[0]
    has_title = bool(_TITLE.search(first)) and "|" not in first
    preamble_end = template.headings.get("一", (len(text), 0))[0]
    prefix = "" if has_title else f"{rng.choice(ORGANS)}{year}年政府信息公开工作年度报告\n"
    if "统计" not in text[:preamble_end] and rng.random() < 0.5:
        prefix += PERIOD_SENTENCE.format(y=year) + "\n"
    if prefix:
        at = lead + len(first) + 1 if has_title else lead
        edits.replace(at, at, prefix)

    figures = {
        "new": sum(numbers["new"][0][:6]),
        "carried_in": sum(numbers["carried_in"][0][:6]),
        "done": sum(numbers["total"][0][:6]),
        "carried_out": sum(numbers["carried_out"][0][:6]),
        **{kind: int(float(active[index])) for kind, index in template.decisions.items()},
    }
    return Generated(_narrative(edits.apply(text), figures), year, defect, detail)


# What section 一 says about the tables, in the usual wordings: rewritten to the new numbers so that
# a report's narrative agrees with its tables (a template's own mismatch is corrected too).
_APPLICATION_SOURCES = r"(?:依申请公开|信息公开申请|公开申请|政府信息公开)"
_NARRATIVE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "new",
        re.compile(
            r"((?:收到|新收|受理|接收|接到)[^。；;，,\d]{0,14}?"
            + _APPLICATION_SOURCES
            + r"[^。；;，,\d]{0,8}?)(\d+)(\s*件)"
        ),
    ),
    (
        "new",
        re.compile(r"((?:收到|新收|受理|接收|接到)(?:各类)?)(\d+)(\s*件(?:政府信息公开|依申请公开)?申请)"),
    ),
    ("carried_in", re.compile(r"(上年结转)(\d+)(\s*件)")),
    ("done", re.compile(r"((?<!未)办结)(\d+)(\s*件)")),
    ("carried_out", re.compile(r"(结转下年度(?:继续办理)?)(\d+)(\s*件)")),
    ("licensing", re.compile(r"(办理(?:行政许可|行政许可件|行政许可事项)\s*)(\d+)(\s*件)")),
    ("penalties", re.compile(r"(办理行政处罚(?:案件)?\s*)(\d+)(\s*件)")),
)
_ALL_DONE = re.compile(
    r"(?:申请|依申请公开)[^。；;\n]{0,30}?(?:已|均已|均)?全部(?:按期|按时|依法|按期限)?(?:答复|办结|处理)"
)


def _number_in(value: int) -> Callable[[re.Match[str]], str]:
    """A replacement keeping a claim's words (groups 1 and 3) around a new number."""
    return lambda match: f"{match[1]}{value}{match[3]}"


def _narrative(text: str, figures: dict[str, int]) -> str:
    """Section 一's statements of table figures, rewritten to `figures`."""
    bounds = _section_bounds(text, _headings(text), "一")
    if bounds is None:
        return text
    start, end = bounds
    section = text[start:end]
    for key, pattern in _NARRATIVE:
        if key in figures:
            section = pattern.sub(_number_in(figures[key]), section)
    return text[:start] + section + text[end:]


def generate(
    templates: Sequence[Template],
    out: Path,
    count: int,
    seed: int,
    years: Sequence[int],
    defect_rate: float,
    gbk_rate: float,
    crlf_rate: float,
) -> list[dict[str, object]]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(GENERATED):
        old.unlink()
    (out / "corpus.json").unlink(missing_ok=True)  # the benchmarks' stamp (_common.py) no longer holds
    rng = random.Random(seed)
    manifest: list[dict[str, object]] = []
    width = max(5, len(str(count - 1)))
    for index in range(count):
        template = templates[index % len(templates)] if index < len(templates) else rng.choice(templates)
        generated = generate_one(rng, template, years, defect_rate)
        text = generated.text
        newline = "crlf" if rng.random() < crlf_rate else "lf"
        if newline == "crlf":
            text = text.replace("\n", "\r\n")
        encoding = "gbk" if rng.random() < gbk_rate else "utf-8"
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            encoding = "gb18030"
            data = text.encode(encoding)
        name = f"gen_{index:0{width}d}.txt"
        (out / name).write_bytes(data)
        manifest.append(
            {
                "file": name,
                "template": template.name,
                "layout": template.layout,
                "year": generated.year,
                "defect": generated.defect,
                "detail": generated.defect_detail,
                "encoding": encoding,
                "newline": newline,
            }
        )
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for entry in manifest:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return manifest


def _years(value: str) -> list[int]:
    if "-" in value:
        low, high = value.split("-", 1)
        return list(range(int(low), int(high) + 1))
    return [int(y) for y in value.split(",")]


def load_templates(sources: Sequence[Path], exclude: Sequence[str] = ()) -> list[Template]:
    """Every usable template; unusable ones are named on stderr (one line) with the reason."""
    templates: list[Template] = []
    skipped: list[str] = []
    for path in template_paths(sources, exclude):
        loaded = load_template(path)
        if isinstance(loaded, str):
            skipped.append(f"{path.name}（{loaded}）")
        else:
            templates.append(loaded)
    if skipped:
        print(f"跳过 {len(skipped)} 个模板：{'；'.join(skipped)}", file=sys.stderr)
    return templates


EXPECTED_RULES = {
    "drop-six": {"GIP101"},
    "break-total": {"GIP301", "GIP302", "GIP303", "GIP304"},
    "blank-cell": {"GIP406"},
    "six-wu": {"GIP401"},
}
ARITHMETIC = {"GIP301", "GIP302", "GIP303", "GIP304"}


def verify(out: Path, manifest: Sequence[dict[str, object]]) -> int:
    """Lint the corpus with giplint (in process) and check the generator did what it says:
    every injected defect is found by its rule, and no report without one has an arithmetic
    error. Only for checking the generator: generating never uses giplint."""
    from collections import Counter

    from giplint.config import UserConfig, apply_config
    from giplint.lint import lint_bytes
    from giplint.plugins import load_registry

    registry = load_registry()
    rules = apply_config(registry.rules, UserConfig(), registry.kinds)
    by_defect: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    problems: list[str] = []
    for entry in manifest:
        name = str(entry["file"])
        result = lint_bytes(name, (out / name).read_bytes(), rules, registry.kinds, registry.readers)
        found = {d.rule_id for d in result.diagnostics if d.severity.name in ("ERROR", "WARNING")}
        defect = str(entry["defect"] or "none")
        totals[defect] += 1
        by_defect.setdefault(defect, Counter()).update(found)
        if result.failures:
            problems.append(f"{name}: {result.failures[0].message}")
        if entry["defect"] and not found & EXPECTED_RULES[defect]:
            problems.append(f"{name} ({entry['template']}): defect {defect} not found; found {sorted(found)}")
        if not entry["defect"] and found & ARITHMETIC:
            problems.append(
                f"{name} ({entry['template']}): arithmetic finding without a defect: {sorted(found & ARITHMETIC)}"
            )
    print("verify: reports per injected defect, and how many of them had each rule at warning or above")
    for defect, count in sorted(totals.items()):
        rules_found = ", ".join(f"{rule} {n}" for rule, n in sorted(by_defect[defect].items())) or "—"
        print(f"  {defect:<12} {count:>6}  {rules_found}")
    for line in problems[:20]:
        print("  PROBLEM " + line)
    print(f"verify: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", "-n", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output directory (default bench/out/corpus-COUNT; bench/out/ is git-ignored)",
    )
    parser.add_argument(
        "--templates",
        type=Path,
        nargs="+",
        default=None,
        help="template files or directories of *.txt (default: fixtures/reports and the seeds)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip templates whose file name matches (repeatable), e.g. 'section-*'",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", default="2021-2025", help="report years, e.g. 2021-2025 or 2022,2024")
    parser.add_argument("--defect-rate", type=float, default=0.10, help="fraction with one injected defect")
    parser.add_argument("--gbk-rate", type=float, default=0.0, help="fraction written GBK-encoded")
    parser.add_argument("--crlf-rate", type=float, default=0.0, help="fraction written with CRLF line ends")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="lint the corpus afterwards and check every injected defect is found",
    )
    parser.add_argument(
        "--verify-only",
        action="store_true",
        help="do not generate: verify the corpus already in --out (from its manifest)",
    )
    args = parser.parse_args(argv)
    if args.verify_only:
        out = args.out or OUT / f"corpus-{args.count}"
        lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        return verify(out, [json.loads(line) for line in lines if line.strip()])
    sources = args.templates or default_sources()
    templates = load_templates(sources, args.exclude)
    if not templates:
        print(f"没有可用的模板：{', '.join(map(str, sources))}", file=sys.stderr)
        return 2
    out = args.out or OUT / f"corpus-{args.count}"
    manifest = generate(
        templates,
        out,
        args.count,
        args.seed,
        _years(args.years),
        args.defect_rate,
        args.gbk_rate,
        args.crlf_rate,
    )
    defects = sum(1 for m in manifest if m["defect"])
    print(
        f"generated {len(manifest)} reports from {len(templates)} templates "
        f"({', '.join(t.name for t in templates)}) into {out}; {defects} with a defect"
    )
    return verify(out, manifest) if args.verify else 0


if __name__ == "__main__":
    sys.exit(main())
