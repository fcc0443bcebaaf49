"""Output: the results of a run rendered for people and for machines.

Layer 4 of 5 (the report, lint.py, engine/, **output/**, the commands; see giplint/engine/):
these modules take finished results and rules and compute nothing the checks did not. Nothing
below (the report, lint.py, engine/) imports them.

- render.py: the terminal formats (full, concise), json, the statistics and summary;
  cells.py (report text escaped and fitted to the terminal), parsed.py (``giplint parse``),
  rules_text.py (``giplint rules`` and ``explain``);
- sarif.py, github.py: SARIF 2.1.0 and GitHub workflow commands for CI;
- html_view.py (what a page shows, kept small per report), html_tables.py (the mandated tables
  in their form's shape), html_places.py (the element each finding is marked at),
  html_checklist.py (the ten-second checklist), html_page.py (style sheet and page shell),
  html_report.py (one page per report and the index), html_run.py (writing the folder of
  pages); compare_html.py: `giplint compare` as a page or CSV.

The old flat import paths (``giplint.render`` and so on) still name these modules
(giplint/_aliases.py).
"""
