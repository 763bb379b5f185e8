"""Rows -> files and downloads: CSV, Excel, JSON lines and Parquet, safe to open in a spreadsheet.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) as a formula, and a quote or a document name can start that way.
As OWASP advises against CSV injection, every *text* cell of a CSV or Excel export
that starts with one of those characters is prefixed with an apostrophe; numeric
columns are left as numbers. JSON lines and Parquet are data formats, not
spreadsheets, and keep the text as it is. (A tab, carriage return or line break first is
treated like the four signs.)

Files are written to a temporary name beside the target and renamed when complete:
a failed write (missing folder, a folder in the way, a full disk) leaves no partial
file and raises :class:`OutputError` with one line naming the file.
"""
from __future__ import annotations

import contextlib
import errno
import io
import os
import pathlib

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMATS = ("csv", "jsonl", "parquet", "xlsx")


class OutputError(Exception):
    """An output file that could not be written; the message names it and says why."""


def neutralise_cell(v):
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that a spreadsheet would read as a formula made plain text."""
    out = df.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].map(neutralise_cell, na_action="ignore")
    return out


def csv_text(df: pd.DataFrame) -> str:
    """CSV with formula-looking text neutralised. A carriage return inside a cell becomes a line
    break: the CSV writer quotes a cell holding a line break, not one holding a lone CR, which a
    spreadsheet would take for the start of a new row."""
    safe = df.copy()
    for col in safe.columns:
        if _is_text(safe[col]):
            safe[col] = safe[col].map(lambda v: v.replace("\r\n", "\n").replace("\r", "\n") if isinstance(v, str)
                                      else v, na_action="ignore")
    return neutralise(safe).to_csv(index=False)


def _is_text(col: pd.Series) -> bool:
    return col.dtype == object or pd.api.types.is_string_dtype(col.dtype)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for a download: UTF-8 with a BOM, so Excel reads the Chinese text right."""
    return csv_text(df).encode("utf-8-sig")


def excel_bytes(df: pd.DataFrame, sheet: str = "指标") -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    safe = neutralise(df)
    for col in safe.columns:  # characters an .xlsx cannot hold would make openpyxl refuse the whole file
        if _is_text(safe[col]):
            safe[col] = safe[col].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v,
                                      na_action="ignore")
    buf = io.BytesIO()
    safe.to_excel(buf, index=False, sheet_name=sheet)
    return buf.getvalue()


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    if fmt == "csv":
        return csv_text(df).encode("utf-8")
    if fmt == "jsonl":
        return df.to_json(orient="records", lines=True, force_ascii=False).encode("utf-8")
    if fmt == "xlsx":
        return excel_bytes(df)
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def format_of(path, fmt: str | None = None) -> str:
    """The format asked for, else the one the file name says (.jsonl, .parquet, .xlsx), else CSV."""
    if fmt:
        return fmt
    suffix = pathlib.PurePath(str(path)).suffix.lower()
    return {".jsonl": "jsonl", ".parquet": "parquet", ".xlsx": "xlsx"}.get(suffix, "csv")


def write_rows(df: pd.DataFrame, path, fmt: str | None = None) -> None:
    write_bytes(path, table_bytes(df, format_of(path, fmt)))


def write_bytes(path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temporary file, then rename)."""
    path = pathlib.Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: cannot write: its folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        why = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else (exc.strerror or str(exc))
        raise OutputError(f"{path}: cannot write: {why}; nothing was written") from None
