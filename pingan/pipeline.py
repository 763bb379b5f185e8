"""Sources -> (text, normalised text, rows): the one way documents go through the library.

A *source* is a decoded text (``str``), a file's contents (``bytes``: text, HTML, Word or
PDF, read by :func:`pingan.formats.read_document`) or a path (read through
:mod:`pingan.reading`, then as bytes). :func:`extract_many` takes many
sources and gives one :class:`Extracted` per source, in order, on ``jobs`` worker
processes. The command line, ``extract_files``, the store and the benchmark all call it.

A source that cannot be read as a press text does not stop the others: its result
carries the problem (:attr:`Extracted.error` gives the :class:`~pingan.decode.BadInput`)
and it is the caller who decides to raise it or report it. Errors therefore cross back
from the workers as plain results, never as exceptions a pool would have to pickle.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field

from .decode import MAX_BYTES, BadInput, notes, warn
from .extract import extract_rows
from .normalise import normalize

# Traditional characters, a gloss, a Chinese numeral, a named division and a figure:
# extracting it builds every table extraction uses.
_WARM_TEXT = "池州市2022年全市群眾安全感達百分之九十八點五,建設(shè)平安,破獲電詐案件一百二十起。"


@dataclass
class Extracted:
    """One source, extracted: its name, decoded text, normalised text, rows and (if asked) metadata,
    or the problem that kept it from being read."""
    name: str
    text: str = ""
    norm: str = ""
    rows: list = field(default_factory=list)
    meta: dict | None = None
    problem: str = ""            # why it could not be read ('' when it was)
    label: str = ""              # what the problem names: the path given, else the name
    crash: str = ""              # the traceback, if the extractor itself failed on it
    notes: list = field(default_factory=list)   # "name: note" lines of decoding (e.g. replaced bytes)

    @property
    def error(self) -> BadInput | None:
        return BadInput(self.label or self.name, self.problem) if self.problem else None


class ExtractionFailed(RuntimeError):
    """The extractor itself failed on a document (a defect, not bad input); names the document."""


def extract_one(source, name: str, meta: bool = False, max_bytes: int = MAX_BYTES) -> Extracted:
    """Read (a path), decode (bytes), normalise and extract one source."""
    label = str(source) if isinstance(source, os.PathLike) else name
    with notes() as got:
        try:
            if isinstance(source, os.PathLike):
                from .reading import read_bytes

                source = read_bytes(source, max_bytes)
            found: dict = {}
            if isinstance(source, (bytes, bytearray)):
                from .formats import read_document

                text, found = read_document(bytes(source), name, max_bytes)
            else:
                text = source
            if not text or not text.strip():
                raise BadInput(name, "the text is empty")
        except BadInput as exc:
            return Extracted(name, problem=exc.problem, label=label, notes=list(got))
    norm = normalize(text)
    out = Extracted(name, text, norm, extract_rows(norm, name), label=label, notes=list(got))
    if meta:  # what the document's format states (a PDF's or page's title) wins over what its first lines say
        from .metadata import guess

        out.meta = {**guess(text), **found}
    return out


def _run(chunk: list, meta: bool, max_bytes: int) -> list[Extracted]:
    """Extract a chunk in a worker. A failure of the extractor comes back as text (every exception can cross)."""
    out = []
    for source, name in chunk:
        try:
            out.append(extract_one(source, name, meta, max_bytes))
        except Exception:  # noqa: BLE001  (re-raised in the parent, naming the document)
            out.append(Extracted(name, crash=traceback.format_exc()))
    return out


def warm() -> None:
    """Build the lazily loaded tables extraction needs, in this process."""
    extract_rows(normalize(_WARM_TEXT), "warm")


def extract_many(sources, names=None, jobs: int | None = 1, meta: bool = False,
                 max_bytes: int = MAX_BYTES, progress=None) -> list[Extracted]:
    """One :class:`Extracted` per source, in order. ``names`` default to the paths' file names;
    ``jobs`` worker processes (None: every core) share the work in contiguous chunks; the
    results are the same as with one. ``meta``: also read title, publisher and date.
    ``progress(done, total, name)`` is called as documents are done (after each chunk on workers)."""
    sources = list(sources)
    if names is None:
        names = [os.fspath(s).replace("\\", "/").rsplit("/", 1)[-1] if isinstance(s, os.PathLike) else f"text-{i}"
                 for i, s in enumerate(sources)]
    items = list(zip(sources, names, strict=True))
    if jobs is None:
        from .workers import default_jobs

        jobs = default_jobs()
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:
        done = []
        for k, item in enumerate(items):
            done += _run([item], meta, max_bytes)
            if progress is not None:
                progress(k + 1, len(items), item[1])
    else:
        from .workers import pool

        # several chunks per worker, so a slow document does not hold one worker alone
        n = min(len(items), jobs * 8)
        chunks = [items[len(items) * i // n: len(items) * (i + 1) // n] for i in range(n)]
        done = []
        with pool(jobs, warm) as workers:
            for part in workers.map(_run, chunks, [meta] * n, [max_bytes] * n):
                done.extend(part)
                if progress is not None and part:
                    progress(len(done), len(items), part[-1].name)
        for d in done:  # the decoding notes made in the workers, for this process's collector
            for line in d.notes:
                warn(d.name, line[len(d.name) + 2:] if line.startswith(d.name + ": ") else line)
    crashed = next((d for d in done if d.crash), None)
    if crashed:
        raise ExtractionFailed(f"{crashed.name}: the extractor failed on this document:\n{crashed.crash}")
    return done
