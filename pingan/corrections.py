"""Rows + the analysts' corrections + the documents' texts -> the corrected rows.

Pure functions over the values they are given (rows, corrections, texts); the store
reads those from the database and calls them, the dashboard calls them for what it
shows. A correction is matched to a row by document, figure span and indicator; when a
re-normalisation has shifted the text, the span is found again from the figure's
snippet (:func:`locate`).
"""
from __future__ import annotations

import json

import pandas as pd

from .extract import COLUMNS, rows_to_frame
from .located import after_last
from .rows import make_row

ROW_FIELDS = [c for c in COLUMNS if c != "doc"]
EDITABLE = ("value", "region", "level", "indicator", "period", "period_start", "period_end", "unit", "qualifier")
REVIEW_ACTIONS = ("confirm", "edit", "reject")   # on an extracted row; "add" makes a row of the analyst's own
_CLAUSE_ENDS = "。!?,;\n"


def locate(norm: str, start: int, end: int, snippet: str):
    """Where a corrected figure is now: its old span if the text there is unchanged, else the
    nearest place the same snippet occurs (a re-normalisation may have shifted offsets)."""
    if norm[start:end] == snippet:
        return start, end
    if not snippet:
        return None
    hits = find_all(norm, snippet, limit=None)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(snippet)


def find_all(text: str, snippet: str, limit: int | None = 50) -> list[int]:
    """The start of every occurrence of ``snippet`` in ``text`` (overlapping ones too), at most ``limit``."""
    out: list[int] = []
    if not snippet:
        return out
    i = text.find(snippet)
    while i >= 0 and (limit is None or len(out) < limit):
        out.append(i)
        i = text.find(snippet, i + 1)
    return out


def resolve_region(text: str) -> tuple[str, str]:
    """(the division's full name, its level) for what an analyst typed; (the text, '') if it names none."""
    from .regions import resolve

    text = (text or "").strip()
    r = resolve(text) if text else None
    return (r.name, r.level) if r else (text, "")


def region_level(text: str) -> str:
    """The level of the division an analyst typed ('' if it names none)."""
    return resolve_region(text)[1]


def clause_around(norm: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding the span [start, end): back to the previous and on to the next , ; 。 ! ? or line end."""
    s = after_last(norm, _CLAUSE_ENDS, 0, start)
    e = min([i for i in (norm.find(ch, end) for ch in _CLAUSE_ENDS) if i >= 0] or [len(norm)])
    return s, e


def added_row(norm: str, start: int, end: int, indicator: str, value: float, region: str = "", level: str = "",
              unit: str = "", qualifier: str = "exact", period: str = "", period_start=None,
              period_end=None) -> dict:
    """The row of a figure an analyst adds at [start, end) of a document's normalised text (without ``doc``)."""
    if not (0 <= start < end <= len(norm)):
        raise ValueError(f"span {start}-{end} is outside the text")
    s, e = clause_around(norm, start, end)
    row = make_row(region=region, level=level, indicator=indicator, value=float(value), unit=unit,
                   qualifier=qualifier, period=period, period_start=period_start, period_end=period_end,
                   quote=norm[s:e], start=s, end=e, value_start=start, value_end=end, attribution="analyst")
    del row["doc"], row["family"]
    return row


def apply(df: pd.DataFrame, corr: pd.DataFrame, texts: dict[str, str], family=None) -> pd.DataFrame:
    """The rows with the active corrections applied: edits change fields and mark the row,
    rejects drop it, confirmations mark it, added figures come last. ``texts``: {doc: normalised
    text}, for finding shifted spans; ``family``: indicator -> family, for edited indicators."""
    if corr.empty:
        return df
    df = df.copy()
    drop, added = [], []
    for c in corr.itertuples():
        fields = json.loads(c.fields)
        if c.action == "add":
            rec = {k: fields.get(k) for k in ROW_FIELDS}
            rec.update(doc=c.doc, corrected=True, correction=f"add #{c.correction_id}", row_id=pd.NA)
            added.append(rec)
            continue
        span = locate(texts.get(c.doc, ""), c.value_start, c.value_end, c.snippet)
        hit = df.index[(df["doc"] == c.doc) & (df["value_start"] == span[0]) & (df["value_end"] == span[1])
                       & (df["indicator"] == c.indicator)] if span else []
        for i in hit:
            if c.action == "reject":
                drop.append(i)
            elif c.action == "edit":
                for k, v in fields.items():
                    if k in EDITABLE:
                        df.at[i, k] = v
                df.at[i, "corrected"] = True
                df.at[i, "correction"] = f"edit #{c.correction_id}"
            elif c.action == "confirm":
                df.at[i, "correction"] = df.at[i, "correction"] or f"confirm #{c.correction_id}"
    df = df.drop(index=drop)
    if added:
        extra = rows_to_frame([{k: a.get(k) for k in COLUMNS} for a in added])
        extra["row_id"] = pd.array([pd.NA] * len(added), dtype="Int64")
        extra["corrected"] = True
        extra["correction"] = [a["correction"] for a in added]
        df = pd.concat([df, extra], ignore_index=True)
    if "family" in df:
        if family is None:
            from .indicators import lexicon

            family = lexicon().family
        df["family"] = df["indicator"].map(family)
    return df.reset_index(drop=True)


def editable(fields: dict | None) -> dict:
    """The fields an edit may change, as JSON values."""
    return {k: jsonable(v) for k, v in (fields or {}).items() if k in EDITABLE}


def jsonable(v):
    """A cell value as JSON has it: None for missing, Python numbers for numpy ones."""
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v
