"""The commands: one module per subcommand, and the argument parser apart.

Layer 5 of 5 (the report, lint.py, engine/, output/, **the commands**; see giplint/engine/):
each command reads its arguments, calls the engine or a reader, hands the results to output/
and chooses the exit code. giplint/cli.py is the door: it parses the arguments
(arguments.py), runs one command and keeps the exit-code contract whatever happens inside.

- arguments.py: the argparse parser, in Chinese; a usage error is one line, exit 2;
- check.py: ``giplint [check] PATH...`` (the default command);
- parse.py, rules.py (``rules`` and ``explain``), merge.py: the smaller commands;
- ``compare`` and ``template`` live beside what they compare and write (years/compare.py,
  template.py).
"""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM, what a shell reports for a process stopped by `kill`
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away
