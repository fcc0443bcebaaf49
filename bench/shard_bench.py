"""How `--shard K/N` splits a national year: time to plan 150,000 paths, and shard balance.

A simulated archive: 31 provinces, their cities, counties and departments, each organ with its
reports of several years named as archives name them (`某某县民政局2024年政府信息公开工作年度报告.pdf`,
`2024年报.docx` in an organ's own folder, a crawler's numeric ids). Planning is `shard_of` over
every path (what `giplint --shard K/N` does before reading anything). Balance is the largest and
smallest shard against the mean; "series split" counts organs whose years landed in two shards
(must be 0 for the named layouts).

    .venv/bin/python bench/shard_bench.py --paths 150000
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict

from giplint.engine.shard import series_key, shard_of

DEPARTMENTS = ["民政局", "教育局", "财政局", "自然资源局", "卫生健康委员会", "人民政府办公室", "交通运输局", "生态环境局"]


def national_year(count: int, seed: int) -> tuple[list[str], dict[str, str]]:
    """`count` paths and, for each, the organ it belongs to."""
    rng = random.Random(seed)
    paths: list[str] = []
    organ_of: dict[str, str] = {}
    organ = 0
    while len(paths) < count:
        organ += 1
        province, county = f"省{organ % 31:02d}", f"县{organ // 8:05d}"
        name = f"{county}{DEPARTMENTS[organ % len(DEPARTMENTS)]}"
        years = range(2019, 2019 + rng.randint(1, 7))
        style = rng.random()
        for year in years:
            suffix = rng.choice([".pdf", ".docx", ".html", ".txt"])
            if style < 0.6:
                path = f"{province}/{county}/{name}{year}年政府信息公开工作年度报告{suffix}"
            elif style < 0.9:
                path = f"{province}/{county}/{name}/{year}年报{suffix}"
            else:
                path = f"{province}/crawl/{rng.randint(10**6, 10**7)}{suffix}"  # ids: each its own
            paths.append(path)
            organ_of[path] = name if style < 0.9 else path
    return paths[:count], organ_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paths", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths, organ_of = national_year(args.paths, args.seed)
    print(f"{len(paths)} paths, {len(set(organ_of.values()))} organs (series)")
    for count in (2, 4, 16, 64):
        started = time.perf_counter()
        shards = [shard_of(path, count) for path in paths]
        seconds = time.perf_counter() - started
        sizes = Counter(shards)
        mean = len(paths) / count
        where: dict[str, set[int]] = defaultdict(set)
        for path, shard in zip(paths, shards, strict=True):
            where[organ_of[path]].add(shard)
        split = sum(1 for shards_of in where.values() if len(shards_of) > 1)
        keys = len({series_key(path) for path in paths})
        print(
            f"N={count:3d}: planned in {seconds:.2f} s; shard sizes {min(sizes.values())}–{max(sizes.values())} "
            f"(mean {mean:.0f}, max/mean {max(sizes.values()) / mean:.3f}); {keys} series keys; series split: {split}"
        )


if __name__ == "__main__":
    main()
