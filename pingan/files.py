"""Files on disk -> rows: reading, decoding and naming documents."""
from __future__ import annotations

import os
import pathlib

import pandas as pd

from .decode import BadInput, bytes_to_text
from .extract import extract_rows, rows_to_frame
from .normalise import normalize

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".md", ".text")
SEEDS_DIR = pathlib.Path(__file__).resolve().parent.parent / "seeds"


def read_text_file(path) -> str:
    """The decoded (not yet normalised) text of a file. Raises BadInput naming the file."""
    path = pathlib.Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc.strerror or exc}") from None
    return bytes_to_text(data, path.name)


def iter_text_files(paths):
    """Expand directories into the text/html files inside them, sorted; files pass through."""
    for p in paths:
        p = pathlib.Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                        yield pathlib.Path(root) / name
        else:
            yield p


def extract_files(paths) -> pd.DataFrame:
    """Rows for every file (a directory means the text/html files inside it)."""
    rows: list[dict] = []
    for path in iter_text_files(paths if isinstance(paths, (list, tuple)) else [paths]):
        rows.extend(extract_rows(normalize(read_text_file(path)), path.name))
    return rows_to_frame(rows)


def load_seeds() -> pd.DataFrame:
    """Rows of the seed texts shipped in the project's seeds/ folder."""
    return extract_files([SEEDS_DIR])


def load_corpus(paths) -> tuple[pd.DataFrame, dict]:
    """(rows, {doc: normalised text}) for every file under paths."""
    rows: list[dict] = []
    docs: dict[str, str] = {}
    for path in iter_text_files(paths if isinstance(paths, (list, tuple)) else [paths]):
        norm = normalize(read_text_file(path))
        docs[path.name] = norm
        rows.extend(extract_rows(norm, path.name))
    return rows_to_frame(rows), docs
