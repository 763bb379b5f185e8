"""What a user adds -> documents in the store, one result per document.

The command line's ``add`` and the dashboard's 添加文档 panel take the same things and
report the same way: files, folders (the documents inside, zip archives included), zip
archives (their documents, see :mod:`pingan.archive`) and web addresses (fetched, see
:mod:`pingan.fetch`, the address kept as the document's ``url``). Each document ends as
one :class:`Outcome`: stored, duplicate (the same content is already stored) or refused,
with the reason. A refused document changes nothing in the store.
"""
from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass, field

from .decode import BadInput
from .formats import DOCUMENT_SUFFIXES, kind_of
from .reading import read_bytes

STATUS = {"stored": "已存入", "duplicate": "重复", "refused": "拒绝"}


@dataclass
class Item:
    """One document to add: its bytes, or the reason it cannot be read."""
    label: str                     # what the user gave: a path, "archive.zip/member", an address
    name: str                      # the document's name in the store (a file name)
    data: bytes | None = None
    url: str = ""
    error: BadInput | None = None


@dataclass
class Outcome:
    label: str
    status: str                    # "stored", "duplicate" or "refused"
    detail: str                    # what was stored (figures, regions), or why it was refused
    doc: str = ""                  # the stored document's name ('' when refused)
    notes: list = field(default_factory=list)  # e.g. "3 invalid UTF-8 byte(s) replaced with �"
    result: object = field(default=None, repr=False)  # the store's AddResult, when not refused

    def line(self) -> str:
        """One line, as the command line prints it: the document's name (the label's, if refused)."""
        return f"{self.doc or self.label}: {self.explanation()}"

    def explanation(self) -> str:
        return self.detail + "".join(f"; {n}" for n in self.notes)


def _is_zip(name: str, data: bytes) -> bool:
    return kind_of(data, name) == "zip"


def from_upload(name: str, data: bytes, label: str | None = None) -> list[Item]:
    """The documents of one uploaded file: itself, or the members of a zip archive."""
    label = label or name
    base = pathlib.PurePath(name.replace("\\", "/")).name or "document.txt"
    if not (name.lower().endswith(".zip") or _is_zip(name, data)):
        return [Item(label, base, data)]
    from .archive import members

    try:
        return [Item(m.label, m.name, m.data, error=m.error) for m in members(data, label)]
    except BadInput as exc:
        return [Item(label, base, error=exc)]


def _walk(folder: pathlib.Path):
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(DOCUMENT_SUFFIXES + (".zip",)):
                yield pathlib.Path(root) / name


def from_path(path) -> list[Item]:
    """The documents of a file, a folder or a zip archive on disk."""
    path = pathlib.Path(path)
    paths = list(_walk(path)) if path.is_dir() else [path]
    out: list[Item] = []
    for p in paths:
        try:
            data = read_bytes(p)  # bounded; FIFOs and devices refused
        except BadInput as exc:
            out.append(Item(str(p), p.name, error=exc))
            continue
        out.extend(from_upload(p.name, data, str(p)))
    return out


def from_address(url: str, allow_private: bool | None = None) -> Item:
    """A web page or document fetched by address (see :func:`pingan.fetch.fetch`)."""
    from .fetch import fetch

    try:
        got = fetch(url, allow_private=allow_private)
    except BadInput as exc:
        return Item(url.strip(), "", url=url.strip(), error=exc)
    return Item(got.url, got.name, got.data, url=got.url)


def gather(sources, allow_private: bool | None = None) -> list[Item]:
    """Items for command-line arguments: paths (files, folders, archives) and web addresses."""
    from .fetch import is_address

    out: list[Item] = []
    for src in sources:
        src = str(src)
        out.extend([from_address(src, allow_private)] if is_address(src) else from_path(src))
    return out


def _outcome(item: Item, res) -> Outcome:
    if res.error is not None:
        return Outcome(item.label, "refused", res.error.problem)
    summary = res.summary()
    detail = summary[len(res.name) + 2:] if summary.startswith(res.name + ": ") else summary
    return Outcome(item.label, "stored" if res.new else "duplicate", detail, res.name, list(res.notes), res)


def add(store, items: list[Item], progress=None, jobs: int | None = 1) -> list[Outcome]:
    """Store the items as one batch (one transaction, extraction on ``jobs`` worker processes);
    one :class:`Outcome` each, in order. ``progress(done, total, label)`` is called as the
    documents are extracted. A :class:`~pingan.store.StoreError` (the store itself cannot be
    used) is raised, not reported per document."""
    def meta(item):
        return {"url": item.url} if item.url else None

    ok = [it for it in items if it.error is None]
    first = len(items) - len(ok)            # the refused ones count as done at once

    def step(k, n, name):
        progress(first + k, len(items), name)

    results = iter(store.add([(it.name, it.data, meta(it)) for it in ok], jobs=jobs,
                             progress=step if progress is not None else None))
    out = [Outcome(it.label, "refused", it.error.problem) if it.error is not None else _outcome(it, next(results))
           for it in items]
    if progress is not None:
        progress(len(items), len(items), "")
    return out


def table(outcomes: list[Outcome], describe=None):
    """The per-document result list as a DataFrame: 文件, 结果, 说明, 文档. ``describe(outcome)``
    words the 说明 of a stored or duplicate document (default: :meth:`Outcome.explanation`)."""
    import pandas as pd

    def says(o):
        return describe(o) if describe is not None and o.status != "refused" else o.explanation()

    return pd.DataFrame([{"文件": o.label, "结果": STATUS[o.status], "说明": says(o), "文档": o.doc}
                         for o in outcomes], columns=["文件", "结果", "说明", "文档"])
