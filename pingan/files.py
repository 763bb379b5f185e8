"""Files on disk -> rows: reading, decoding and naming documents."""
from __future__ import annotations

import os
import pathlib

import pandas as pd

from .decode import BadInput, bytes_to_text
from .extract import extract_rows, rows_to_frame
from .formats import DOCUMENT_SUFFIXES
from .normalise import normalize

TEXT_SUFFIXES = DOCUMENT_SUFFIXES  # text, HTML, Word and PDF
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


def _extract_paths(paths) -> list[dict]:
    rows: list[dict] = []
    for path in paths:
        rows.extend(extract_rows(normalize(read_text_file(path)), path.name))
    return rows


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_files(paths, jobs: int = 1) -> pd.DataFrame:
    """Rows for every file (a directory means the text/html files inside it), in file order.

    With ``jobs`` > 1 the files are extracted by that many worker processes (the command
    line's ``--jobs``, default all cores); the rows are the same as with one.
    """
    files = list(iter_text_files(paths if isinstance(paths, (list, tuple)) else [paths]))
    jobs = max(1, min(jobs or 1, len(files)))
    if jobs == 1:
        return rows_to_frame(_extract_paths(files))
    from .workers import pool

    # contiguous chunks, several per worker so a slow file does not hold one worker alone
    n = min(len(files), jobs * 8)
    chunks = [files[len(files) * i // n: len(files) * (i + 1) // n] for i in range(n)]
    rows: list[dict] = []
    with pool(jobs) as workers:
        for part in workers.map(_extract_paths, chunks):
            rows.extend(part)
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
