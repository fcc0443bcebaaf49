"""Pairing: each report of a run with last year's report of the same organ, when the run has it.

Cross-year rules (rules/years.yaml) need last year's report. A run lints every report as usual
(cross-year rules are skipped without last year's report), and each result carries the report's
organ and year (giplint/years/organ.py; a configuration's ``reports:`` entries replace what cannot be
read). Then:

1. a report of organ O and year Y is paired with the report of organ O and year Y-1, if the run
   holds exactly one such report (two candidates, such as the same report as .txt and .html, are
   ambiguous: no pairing rather than a guess);
2. only the paired reports are read again, with last year's beside them, and only the cross-year
   rules run over them; their findings join the report's others.

So a run with nothing to pair costs nothing more than before, and since pairing works on the
results in input order, `--jobs N` gives the same pairs and the same output as `--jobs 1`.
An unpaired report is simply not cross-checked (no finding).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from giplint.years.organ import ReportIdentity


def pair(identities: Sequence[ReportIdentity | None]) -> list[int | None]:
    """For each report, the index of last year's report of the same organ, or None."""
    found: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, identity in enumerate(identities):
        if identity is not None and identity.key and identity.year:
            found[(identity.key, identity.year)].append(index)
    pairs: list[int | None] = []
    for identity in identities:
        candidates = (
            found.get((identity.key, identity.year - 1), [])
            if identity is not None and identity.key and identity.year
            else []
        )
        pairs.append(candidates[0] if len(candidates) == 1 else None)
    return pairs
