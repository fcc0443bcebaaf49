"""The engine: a run over many files, between the command line and the output.

The layers, bottom to top (tests/test_imports.py keeps the graph acyclic and these directions):

1. the report: readers/ (bytes -> `Document`), parse/ (`Document` -> `Report`), checks/ (rules
   over a report), years/organ.py and years/reuse.py (whose report, which year, its prose);
2. lint.py: one report under one set of rules;
3. **engine/** (this package): which files (`discover.collect`), under which configuration
   (`resolve.Resolver`), linted (`run`: `lint_all`, the cross-year pass), paired with last year's
   report (`pairing`), in worker processes each file's checks on a time budget (`parallel`) or
   taken from the result cache (`cache`), split over CI machines (`shard`);
4. output/: the results rendered (text, json, sarif, github, html);
5. the commands: cli.py and commands/, years/compare.py (`giplint compare`).

Nothing here prints, renders or chooses an exit code (nothing in engine/ imports output/ or a
command). The old flat import paths (``giplint.run`` and so on) still name these modules
(giplint/_aliases.py).
"""
