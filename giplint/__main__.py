"""`python -m giplint` is the `giplint` command."""

import sys

from giplint.cli import main

sys.exit(main())
