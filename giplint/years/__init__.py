"""Years: a report as one of an organ's series, and two years side by side.

Two layers meet here (see giplint/engine/ for the whole list):

- organ.py and reuse.py are facts about one parsed report, in layer 1 beside parse/ and checks/:
  the organ (机关) and year read from the report and normalised into a pairing key (used by
  lint.py, the engine's pairing and the cache); a section's prose as the reuse measure
  normalises it, and how much of it was copied from last year (used by the cross-year checks);
- compare.py is the `giplint compare` command, a top layer beside cli.py: two years of one organ
  compared figure by figure, through the engine and rendered by output/.

The old flat import paths (``giplint.organ`` and so on) still name these modules
(giplint/_aliases.py).
"""
