"""Files on disk -> rows: finding the text files, reading and naming them.

Reading is :mod:`pingan.reading` (bounded, regular files only); extraction is
:func:`pingan.pipeline.extract_many`, on worker processes when asked.
"""
from __future__ import annotations

import os
import pathlib

import pandas as pd

from .decode import bytes_to_text
from .extract import rows_to_frame
from .formats import DOCUMENT_SUFFIXES
from .pipeline import extract_many
from .reading import read_bytes
from .workers import default_jobs  # noqa: F401  (part of this module's interface: the command line's default)

TEXT_SUFFIXES = DOCUMENT_SUFFIXES  # text, HTML, Word and PDF
SEEDS_DIR = pathlib.Path(__file__).resolve().parent.parent / "seeds"


def read_text_file(path) -> str:
    """The decoded (not yet normalised) text of a file. Raises BadInput naming the file."""
    path = pathlib.Path(path)
    return bytes_to_text(read_bytes(path), path.name)


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


def extract_files(paths, jobs: int = 1) -> pd.DataFrame:
    """Rows for every file (a directory means the text/html files inside it), in file order.

    With ``jobs`` > 1 the files are read and extracted by that many worker processes (the
    command line's ``--jobs``, default all cores); the rows are the same as with one. A file
    that cannot be read raises BadInput naming it (the first such file, once all are done).
    """
    files = list(iter_text_files(paths if isinstance(paths, (list, tuple)) else [paths]))
    done = extract_many(files, [p.name for p in files], jobs)
    for d in done:
        if d.error is not None:
            raise d.error
    return rows_to_frame([r for d in done for r in d.rows])


def load_seeds() -> pd.DataFrame:
    """Rows of the seed texts shipped in the project's seeds/ folder."""
    return extract_files([SEEDS_DIR])
