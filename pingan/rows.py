"""The row format (../shared/INDICATORS.md): one builder for the dict of a row's 17 columns."""
from __future__ import annotations

COLUMNS = ["doc", "region", "level", "indicator", "value", "unit", "qualifier", "period_start", "period_end",
           "period", "quote", "start", "end", "family", "attribution", "value_start", "value_end"]
_DEFAULTS = {"doc": "", "region": "", "level": "", "indicator": "", "value": None, "unit": "", "qualifier": "exact",
             "period_start": None, "period_end": None, "period": "", "quote": "", "start": 0, "end": 0,
             "family": "", "attribution": "", "value_start": 0, "value_end": 0}


def make_row(**fields) -> dict:
    """A row: every column of COLUMNS, in order, with the values given and the defaults for the rest.
    A name that is not a column is an error (a typo would otherwise be a silently empty column)."""
    unknown = set(fields) - set(_DEFAULTS)
    if unknown:
        raise TypeError(f"not row columns: {', '.join(sorted(unknown))}")
    return {**_DEFAULTS, **fields}
