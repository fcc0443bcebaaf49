"""The glued-digit solver, kept importable here for plugins: it moved into the table reader,
its only user (giplint/parse/tables/glued.py)."""

from __future__ import annotations

from giplint.parse.tables.glued import (
    MAX_COMBINATIONS,
    MAX_DIGITS,
    MAX_READINGS,
    Linear,
    SumGroup,
    column_equalities,
    linear,
    readings,
    row_constraints,
    solve_columns,
)

__all__ = [
    "MAX_COMBINATIONS",
    "MAX_DIGITS",
    "MAX_READINGS",
    "Linear",
    "SumGroup",
    "column_equalities",
    "linear",
    "readings",
    "row_constraints",
    "solve_columns",
]
