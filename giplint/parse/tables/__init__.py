"""Tables: the three mandated tables read from a section's text, however the export lowered them.

Real reports reach giplint in many lowerings of the same table: `|`-cell exports (one cell a line,
or a Markdown row a line), tables un-merged into empty cells (`| 一、本年新收… |  |  | 3001 | …`),
text copied from a PDF (cells separated by spaces, long labels wrapped before or after the row's
numbers, a group label one character a line, page footers), crawled pages with every separator
lost (`…申请数量640020470二、上年结转…`). The reader does not depend on which:

1. find the labels (layouts.VOCABULARY, on the table view where wrapped labels are joined);
2. look at the text between labels: a word that is not a number may be a mistyped or wrapped row
   label (matched fuzzily to the mandated ones), a fragment of a label, or noise;
3. give each row its numbers: `|`-cells belong to the label before them and are aligned to the
   row's columns (padding from merged label cells dropped, a blank value cell kept); numbers
   separated by spaces go to the label on their own line, else to the oldest label still waiting
   for its numbers (a wrapped label, or two labels before two lines of numbers);
4. digits glued together are separated by the tables' own identities (glued.py, which
   takes them from the shipped rules through giplint/identities.py) only when the reading is
   unique.

What cannot be placed is recorded as a table issue, at most one per row, and a table too garbled
to read gets one summary issue instead of a flood.

The package follows those steps: labels.py (1, and the vocabulary words are compared with),
segments.py (2, and the cells between labels), rows.py (3), glued.py (4: the solver), issues.py
(the cells of each row and the typed table issues), build.py (the three tables and their layouts).
"""

from __future__ import annotations

from giplint.parse.tables.build import read_table
from giplint.parse.tables.segments import align

__all__ = ["align", "read_table"]
