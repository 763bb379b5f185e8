"""The document store: SQLite (WAL, foreign keys on): its schema, reads, writes and transactions.

Tables: ``documents`` (content hash, original bytes, decoded and normalised
text, source name, title, publisher, date, url, added-at, the extractor version
that produced its rows), ``rows`` (extracted figures), ``corrections``
(analyst edits: a separate layer applied on top of the rows by
:mod:`pingan.corrections`, matched by document and figure span, so it survives
re-extraction) and ``region_colors`` (each region's colour, given when it is
first seen and never changed: :mod:`pingan.colors`). Nothing is ever deleted or overwritten: a correction is undone
by marking it undone, a document added twice is recognised by hash. Documents
are extracted through :func:`pingan.pipeline.extract_many` and stored a batch
at a time (one transaction); the rows snapshot is :mod:`pingan.snapshot`.

Errors that a user can cause or meet (a bad file, a locked, read-only, damaged
or newer database) raise :class:`StoreError` or :class:`~pingan.decode.BadInput`
with a message naming the file, and leave the store as it was.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import pathlib
import sqlite3
import stat
from dataclasses import dataclass, field

import pandas as pd

from . import colors, metadata
from .corrections import REVIEW_ACTIONS, ROW_FIELDS, added_row, apply, editable, jsonable
from .decode import MAX_BYTES, BadInput
from .extract import EXTRACTOR_VERSION, rows_to_frame
from .pipeline import extract_many
from .snapshot import Snapshot

DEFAULT_PATH = pathlib.Path("data") / "pingan.db"
ENV_VAR = "PINGAN_DB"
SCHEMA_VERSION = 3          # stored in meta('schema'); 1: before the documents' title/publisher/date/url,
                            # 2: before region_colors

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    raw BLOB NOT NULL,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    added_at TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS rows (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    value_start INTEGER NOT NULL,
    value_end INTEGER NOT NULL,
    indicator TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rows_doc ON rows(doc_id);
CREATE INDEX IF NOT EXISTS documents_name ON documents(name);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    value_start INTEGER NOT NULL,
    value_end INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    snippet TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'edit', 'reject', 'add')),
    fields TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX IF NOT EXISTS corrections_doc ON corrections(doc_id);
CREATE TABLE IF NOT EXISTS region_colors (
    region TEXT PRIMARY KEY,
    level TEXT NOT NULL DEFAULT '',
    color INTEGER NOT NULL
);
"""
# Indexes that answer the start-up's extractor-version check and the citations from the index alone:
# a document's later columns sit behind its texts, which SQLite would read through to reach them.
INDEXES = {"documents_version": "CREATE INDEX IF NOT EXISTS documents_version ON documents(extractor_version)",
           "documents_cited": "CREATE INDEX IF NOT EXISTS documents_cited ON documents(name, title, publisher, date, url)"}
_ROWS_STAMP = ("SELECT (SELECT count(*) FROM documents), (SELECT coalesce(max(id),0) FROM rows), "
               "(SELECT count(*) FROM corrections), (SELECT count(*) FROM corrections WHERE undone_at IS NOT NULL) ")
_CHECKED: set[str] = set()   # databases this process has integrity-checked before its first write


class StoreError(RuntimeError):
    """A database that cannot be used as asked; the message names the file and says why."""


@dataclass
class AddResult:
    """What became of one document given to :meth:`Store.add`: stored (``new``), already stored
    (same content), or refused (``error``, a BadInput naming it)."""
    name: str
    doc_id: int | None
    new: bool
    records: list = field(default_factory=list, repr=False)   # a new document's rows, as dicts
    error: BadInput | None = None
    _rows: object = field(default=None, repr=False)          # a frame, or a function reading it
    notes: list = field(default_factory=list)                # read anyway, but: e.g. invalid bytes replaced

    @property
    def rows(self) -> pd.DataFrame:
        """The document's rows (for a document stored before, read from the store, which must be open)."""
        if callable(self._rows):
            self._rows = self._rows()
        return self._rows

    def summary(self) -> str:
        if self.error is not None:
            return str(self.error)
        if not self.new:
            return f"{self.name}: already stored (same content), nothing added"
        if not self.records:
            return f"{self.name}: stored, but no figures were found in it"
        fams: dict[str, int] = {}
        for r in self.records:
            fams[r["family"]] = fams.get(r["family"], 0) + 1
        regions = sorted({r["region"] for r in self.records} - {""})
        return (f"{self.name}: stored, {len(self.records)} figures ("
                + ", ".join(f"{k} {v}" for k, v in sorted(fams.items())) + ")"
                + (f"; regions: {'、'.join(regions)}" if regions else "; region not found"))


def default_path() -> pathlib.Path:
    return pathlib.Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def label(name, default: str = "document.txt") -> str:
    """A document's name: the last part of what was given (a label, never a path)."""
    return pathlib.PurePath(str(name).replace("\\", "/")).name or default


def _free_name(taken: set, name: str) -> str:
    """name, or name-2, name-3 ... (before the suffix), whichever is not taken."""
    if name not in taken:
        return name
    stem, dot, suf = name.rpartition(".")
    stem, suf = (stem, "." + suf) if dot else (name, "")
    i = 2
    while f"{stem}-{i}{suf}" in taken:
        i += 1
    return f"{stem}-{i}{suf}"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _writable(path: pathlib.Path) -> bool:
    """Whether a user may write ``path``: the access check, and for root (whom it always lets
    through) the mode bits too, so a ``chmod 444`` file or a ``chmod 555`` folder stays read-only."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _explain(path, exc: sqlite3.Error) -> StoreError:
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        why = "is locked by another program (try again when it is done)"
    elif "readonly" in msg or "read-only" in msg or "attempt to write" in msg:
        why = "is read-only: figures and corrections cannot be saved to it"
    elif "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        why = "is not a pingan database or is damaged; it was left untouched"
    elif "unable to open" in msg:
        why = "cannot be opened (check that its folder exists and is writable)"
    else:
        why = f"could not be used: {exc}"
    return StoreError(f"{path}: {why}")


class Store:
    """One SQLite file. Each instance holds one connection; use one per thread or process.

    ``read_only``: None (default) opens the file read-only when the file or its folder may not
    be written (access check and mode bits); such a store can be read, exported and turned into
    slides, and every write raises :class:`StoreError`.
    """

    def __init__(self, path=None, timeout: float = 30.0, read_only: bool | None = None):
        self.path = pathlib.Path(path) if path else default_path()
        self.timeout = timeout
        if not self.path.exists():
            if read_only:
                raise StoreError(f"{self.path}: does not exist (opened read-only)")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder: {exc.strerror}") from None
        elif self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        if read_only is None:
            read_only = self.path.exists() and not (_writable(self.path) and _writable(self.path.parent))
        self.read_only = bool(read_only)
        self.conn = None
        try:
            self.conn = self._connect()
            self._init_schema()
        except sqlite3.Error as exc:
            self._close_quietly()
            raise _explain(self.path, exc) from None
        except BaseException:
            self._close_quietly()
            raise

    def _connect(self) -> sqlite3.Connection:
        def connect(target, uri):
            conn = sqlite3.connect(target, timeout=self.timeout, isolation_level=None, check_same_thread=False,
                                   uri=uri)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            return conn

        if not self.read_only:
            return connect(str(self.path), False)
        uri = self.path.resolve().as_uri()
        try:
            conn = connect(uri + "?mode=ro", True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            # a WAL database in a folder nobody may write: SQLite cannot make its shared-memory file.
            # Nobody can change the file there, so it is read as immutable.
            return connect(uri + "?mode=ro&immutable=1", True)

    def _close_quietly(self):
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()

    def _init_schema(self):
        known = {"documents", "rows", "corrections", "meta"}
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and not known <= tables:
            raise StoreError(f"{self.path}: is a SQLite database of another program; it was left untouched")
        self._check_schema(tables)
        if self.read_only:
            if not tables:
                raise StoreError(f"{self.path}: is read-only and holds no pingan data")
            return
        with contextlib.suppress(sqlite3.OperationalError):
            self.conn.execute("PRAGMA journal_mode = WAL")
        if known <= tables:
            if self.schema < SCHEMA_VERSION:
                self._migrate()
            self._ensure_indexes()
            return
        with self._write() as c:
            for stmt in [*SCHEMA.strip().split(";"), *INDEXES.values()]:
                if stmt.strip():
                    c.execute(stmt)
            c.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self.schema = SCHEMA_VERSION

    def _ensure_indexes(self) -> None:
        """Add the :data:`INDEXES` a store lacks (one written before them); they only speed reads up,
        so a store that cannot be written now goes without them."""
        have = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        missing = [stmt for name, stmt in INDEXES.items() if name not in have]
        if missing:
            with contextlib.suppress(StoreError):
                with self._write() as c:
                    for stmt in missing:
                        c.execute(stmt)

    def _check_schema(self, tables) -> None:
        """The stored schema version (1 when unstated); a newer one than this code knows is refused."""
        got = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() if "meta" in tables else None
        try:
            self.schema = int(got[0]) if got else (SCHEMA_VERSION if not tables else 1)
        except ValueError:
            raise StoreError(f"{self.path}: has an unknown schema version {got[0]!r}; it was left untouched") from None
        if self.schema > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: was written by a newer version of pingan (database schema {self.schema}, "
                             f"this version knows up to {SCHEMA_VERSION}); upgrade pingan to use it. "
                             "It was left untouched")

    def _migrate(self) -> None:
        """Bring an older schema up to this one, in one transaction (all or nothing)."""
        with self._write() as c:
            again = c.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = int(again[0]) if again else 1
            if version < 2:  # documents gain title, publisher, date and url, read from each stored text
                have = {r[1] for r in c.execute("PRAGMA table_info(documents)")}
                for col in metadata.FIELDS:
                    if col not in have:
                        c.execute(f"ALTER TABLE documents ADD COLUMN {col} TEXT NOT NULL DEFAULT ''")
                for doc_id, text in c.execute("SELECT id, text FROM documents").fetchall():
                    g = metadata.guess(text)
                    c.execute("UPDATE documents SET title = ?, publisher = ?, date = ? WHERE id = ?",
                              (g["title"], g["publisher"], g["date"], doc_id))
            if version < 3:  # each region seen so far gets its colour, in the order it was first seen
                c.execute("CREATE TABLE IF NOT EXISTS region_colors (region TEXT PRIMARY KEY, "
                          "level TEXT NOT NULL DEFAULT '', color INTEGER NOT NULL)")
                self._give_colors(c, self._seen_regions(c))
            c.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self.schema = SCHEMA_VERSION

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _integrity_check(self) -> None:
        """Before this process first writes to the file: PRAGMA quick_check, so a damaged file is refused, not changed."""
        key = str(self.path.resolve())
        if key in _CHECKED:
            return
        try:
            got = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise _explain(self.path, exc) from None
        if got != ["ok"]:
            raise StoreError(f"{self.path}: is damaged (integrity check: {'; '.join(got)[:300]}); "
                             "nothing was written and it was left untouched")
        _CHECKED.add(key)

    @contextlib.contextmanager
    def _write(self):
        """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back on any error."""
        if getattr(self, "read_only", False):
            raise StoreError(f"{self.path}: is read-only: figures and corrections cannot be saved to it")
        self._integrity_check()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from None
        try:
            yield self.conn
        except BaseException as exc:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _explain(self.path, exc) from None
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise _explain(self.path, exc) from None

    def _read(self, sql, params=()):
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from None

    # ------------------------------------------------------------------ adding documents
    def add(self, items, jobs: int | None = 1, max_bytes: int = MAX_BYTES, progress=None) -> list[AddResult]:
        """Store a batch of documents: ``items`` are (name, data) or (name, data, metadata), where
        data is a file's bytes (decoded here) or a text (str) and metadata (title, publisher, date,
        url) overrides what is read from the text. Extraction runs in ``jobs`` worker processes
        (None: every core), then every new document is stored in one transaction and the rows
        snapshot is extended once. One :class:`AddResult` per item, in order: a document that
        cannot be read is refused (``error``) and the others are still stored; content already
        stored is recognised and not added again. ``progress(done, total, name)`` is called as
        the documents are extracted, before the transaction."""
        return self._add(items, jobs, max_bytes, progress=progress)

    def _add(self, items, jobs, max_bytes, also=None, progress=None) -> list[AddResult]:
        results: list[AddResult | None] = [None] * len(items)
        todo: dict[str, list] = {}                      # digest -> [index, name, data, given metadata]
        again: list[tuple[int, int]] = []               # (index, index of the same content earlier in the batch)
        for i, item in enumerate(items):
            name, data = label(item[0]), item[1]
            given = item[2] if len(item) > 2 else None
            metadata.merge(given, {})                   # unknown fields: ValueError before anything is done
            if isinstance(data, str):
                if not data.strip():
                    results[i] = AddResult(name, None, False, error=BadInput(name, "the text is empty"))
                    continue
                raw = data.encode("utf-8", "surrogatepass")
            else:
                raw = bytes(data)
            digest = hashlib.sha256(raw).hexdigest()
            if digest in todo:
                again.append((i, todo[digest][0]))
            else:
                todo[digest] = [i, name, data, given]
        known = self._known(list(todo))
        for digest, (doc_id, name) in known.items():
            results[todo.pop(digest)[0]] = self._existing(doc_id, name)
        settled = len(items) - len(todo)        # refused, repeated or known: nothing to extract
        step = (lambda k, n, name: progress(settled + k, len(items), name)) if progress else None
        done = extract_many([d for _, _, d, _ in todo.values()], [n for _, n, _, _ in todo.values()], jobs,
                            meta=True, max_bytes=max_bytes, progress=step)
        ready = []
        for (digest, (i, name, data, given)), ex in zip(todo.items(), done):
            if ex.error is not None:
                results[i] = AddResult(name, None, False, error=ex.error)
            else:
                raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
                ready.append((i, digest, raw, ex, metadata.merge(given, ex.meta)))
        if ready or also:
            self._store_batch(ready, results, also)
        for i, j in again:                              # the same content twice in one batch: as the first
            src = results[j]
            results[i] = src if src.error else self._existing(src.doc_id, src.name)
        return results

    def _store_batch(self, ready, results, also) -> None:
        """One transaction for the batch; then one snapshot extension."""
        new_records, new_ids = [], []
        with self._write() as c:
            before = self.rows_stamp()
            next_row = c.execute("SELECT coalesce(max(id), 0) + 1 FROM rows").fetchone()[0]
            for i, digest, raw, ex, meta in ready:
                again = c.execute("SELECT id, name FROM documents WHERE hash = ?", (digest,)).fetchone()
                if again:  # another writer stored the same content meanwhile
                    results[i] = self._existing(*again)
                    continue
                name = self._unique_name(c, ex.name)
                doc_id = c.execute(
                    "INSERT INTO documents (hash, name, raw, text, norm, added_at, extractor_version, title, "
                    "publisher, date, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (digest, name, raw, ex.text, ex.norm, _now(), EXTRACTOR_VERSION,
                     *(meta.get(k, "") for k in metadata.FIELDS))).lastrowid
                for r in ex.rows:
                    r["doc"] = name
                ids = list(range(next_row, next_row + len(ex.rows)))
                next_row += len(ex.rows)
                self._insert_rows(c, doc_id, ex.rows, ids)
                new_records += ex.rows
                new_ids += ids
                results[i] = AddResult(name, doc_id, True, ex.rows, _rows=lambda r=ex.rows, i=ids: _frame(r, i),
                                       notes=list(meta.get("notes", ())))
            self._give_colors(c, [(r["region"], r["level"], r["doc"], r["indicator"]) for r in new_records])
            if also:
                also(c)
            after = self.rows_stamp()
        if after != before and not self.read_only:
            snap = self._snapshot()
            new_rows = lambda: _frame(new_records, new_ids)  # noqa: E731  (built once, only if there is a snapshot)
            if not snap.extend(before, after, new_rows, current=self.rows_stamp) and before[0] == 0:
                # the store was empty: the batch is the whole table
                snap.write(new_rows().sort_values(["doc", "row_id"], kind="stable", ignore_index=True), after,
                           current=self.rows_stamp)

    def _known(self, digests: list[str]) -> dict[str, tuple[int, str]]:
        out = {}
        for k in range(0, len(digests), 500):
            part = digests[k:k + 500]
            out.update({h: (i, n) for h, i, n in self._read(
                f"SELECT hash, id, name FROM documents WHERE hash IN ({','.join('?' * len(part))})", part)})
        return out

    def _existing(self, doc_id: int, name: str) -> AddResult:
        return AddResult(name, doc_id, False, _rows=lambda: self.rows(doc_id=doc_id))

    def add_bytes(self, name: str, data: bytes, max_bytes: int | None = None,
                  metadata: dict | None = None) -> AddResult:
        """Decode, extract and store a file's bytes. The name is a label only, never a path.
        ``metadata`` (title, publisher, date, url) overrides what is read from the text.
        Raises BadInput naming the file when it cannot be read."""
        return self._one(label(name), bytes(data), metadata, max_bytes or MAX_BYTES)

    def add_text(self, name: str, text: str, metadata: dict | None = None) -> AddResult:
        """Store pasted text (``metadata`` as for :meth:`add_bytes`)."""
        return self._one(label(name, "pasted.txt"), text or "", metadata, MAX_BYTES)

    def _one(self, name, data, meta, max_bytes) -> AddResult:
        res = self._add([(name, data, meta)], 1, max_bytes)[0]
        if res.error is not None:
            raise res.error
        return res

    def add_texts(self, items, jobs: int | None = 1) -> int:
        """Store many (name, text) or (name, text, metadata) items at once (see :meth:`add`). An empty
        text raises BadInput and adds nothing. Returns the number of documents added."""
        items = list(items)
        for it in items:
            if not it[1] or not it[1].strip():
                raise BadInput(label(it[0]), "the text is empty")
        return sum(r.new for r in self._add(items, jobs, MAX_BYTES))

    def add_files(self, paths, jobs: int | None = 1) -> list[AddResult]:
        """Store the files (a directory means the text files inside it) as one batch; a file that
        cannot be read is refused (its result's ``error`` names it) and the others are stored."""
        from .files import iter_text_files
        from .reading import read_bytes

        return self._add_paths(list(iter_text_files(paths)), jobs, read_bytes)

    def _add_paths(self, paths, jobs, read_bytes, also=None) -> list[AddResult]:
        items, failed = [], {}
        for k, p in enumerate(paths):
            try:
                items.append((p.name, read_bytes(p)))
            except BadInput as exc:
                failed[k] = AddResult(p.name, None, False, error=exc)
        got = iter(self._add(items, jobs, MAX_BYTES, also))
        return [failed[k] if k in failed else next(got) for k in range(len(paths))]

    @staticmethod
    def _unique_name(c, name: str) -> str:
        if not c.execute("SELECT 1 FROM documents WHERE name = ?", (name,)).fetchone():
            return name  # the usual case: one indexed lookup, not every name in the store
        stem, dot, suf = name.rpartition(".")
        stem, suf = (stem, "." + suf) if dot else (name, "")
        like = stem.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
        taken = {r[0] for r in c.execute("SELECT name FROM documents WHERE name LIKE ? ESCAPE '\\'", (like + suf,))}
        return _free_name(taken | {name}, name)

    @staticmethod
    def _insert_rows(c, doc_id: int, rows: list[dict], ids: list[int]):
        c.executemany(
            "INSERT INTO rows (id, doc_id, data, value_start, value_end, indicator) VALUES (?, ?, ?, ?, ?, ?)",
            [(rid, doc_id, json.dumps({k: _plain(r.get(k)) for k in ROW_FIELDS}, ensure_ascii=False),
              r["value_start"], r["value_end"], r["indicator"]) for rid, r in zip(ids, rows)])

    def set_metadata(self, doc_id: int, title: str | None = None, publisher: str | None = None,
                     date=None, url: str | None = None) -> None:
        """Set a document's title, publisher, date (ISO ``YYYY-MM-DD``, a ``datetime.date`` or '' for
        none) or url; fields left as None keep their value. ValueError for a bad date or no such document."""
        given = {"title": title, "publisher": publisher, "date": date, "url": url}
        fields = {k: (metadata.check_date(v) if k == "date" else str(v).strip())
                  for k, v in given.items() if v is not None}
        with self._write() as c:
            if not c.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                raise ValueError(f"no document {doc_id}")
            if fields:
                c.execute(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                          (*fields.values(), doc_id))
                c.execute("INSERT INTO meta VALUES ('metadata_edits', '1') ON CONFLICT(key) DO UPDATE "
                          "SET value = CAST(value AS INTEGER) + 1")

    # ------------------------------------------------------------------ reading documents
    def documents(self, details: bool = True) -> pd.DataFrame:
        """One row per document: doc_id, doc (its name), added_at, extractor_version, bytes, figures,
        title, publisher, date (ISO or '') and url ('' where unknown). Without ``details``: doc_id, doc
        and the title, publisher, date and url only, read from an index (what a citation needs)."""
        meta = ", ".join(f"d.{k}" if self.schema >= 2 else "''" for k in metadata.FIELDS)  # a read-only older store
        if not details:
            return pd.DataFrame(self._read(f"SELECT d.id, d.name, {meta} FROM documents d ORDER BY d.name"),
                                columns=["doc_id", "doc", *metadata.FIELDS])
        rows = self._read("SELECT d.id, d.name, d.added_at, d.extractor_version, length(d.raw), "
                          "(SELECT count(*) FROM rows r WHERE r.doc_id = d.id), " + meta +
                          " FROM documents d ORDER BY d.name")
        return pd.DataFrame(rows, columns=["doc_id", "doc", "added_at", "extractor_version", "bytes", "figures",
                                           *metadata.FIELDS])

    def texts(self, names=None) -> dict[str, str]:
        """{document name: normalised text}, for every document or the names given."""
        if names is None:
            return {n: t for n, t in self._read("SELECT name, norm FROM documents")}
        out = {}
        for name in names:
            got = self._read("SELECT norm FROM documents WHERE name = ?", (name,))
            if got:
                out[name] = got[0][0]
        return out

    def text(self, name: str) -> str:
        """One document's normalised text ('' if there is no such document)."""
        got = self._read("SELECT norm FROM documents WHERE name = ?", (name,))
        return got[0][0] if got else ""

    def names(self) -> list[str]:
        """Every stored document's name, sorted."""
        return [n for (n,) in self._read("SELECT name FROM documents ORDER BY name")]

    def is_empty(self) -> bool:
        return not self._read("SELECT 1 FROM documents LIMIT 1")

    def stamp(self) -> tuple:
        """Changes whenever documents, rows, corrections or a document's title, publisher, date or
        address change (the key of caches of what is shown: a chart's source line cites them)."""
        return tuple(self._read(_ROWS_STAMP[:-1] + ", (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
                                "WHERE key = 'metadata_edits'), 0))")[0])

    def rows_stamp(self) -> tuple:
        """Changes whenever documents, rows or corrections change: the state the rows snapshot is of
        (a metadata edit leaves the rows, and their snapshot, as they are)."""
        return tuple(self._read(_ROWS_STAMP)[0])

    # ------------------------------------------------------------------ re-extraction and seeds
    def reindex(self, force: bool = False, jobs: int | None = 1) -> int:
        """Re-extract documents whose rows came from another extractor version, in one transaction.
        Corrections stay."""
        if not force and not self._read("SELECT 1 FROM documents WHERE extractor_version != ? LIMIT 1",
                                        (EXTRACTOR_VERSION,)):
            return 0  # the usual start: an index answers without reading any text
        todo = self._read("SELECT id, name, text FROM documents WHERE extractor_version != ? OR ?",
                          (EXTRACTOR_VERSION, 1 if force else 0))
        if not todo:
            return 0
        done = extract_many([t for _, _, t in todo], [n for _, n, _ in todo], jobs)
        with self._write() as c:
            next_row = c.execute("SELECT coalesce(max(id), 0) + 1 FROM rows").fetchone()[0]
            for (doc_id, name, _), ex in zip(todo, done):
                c.execute("DELETE FROM rows WHERE doc_id = ?", (doc_id,))
                c.execute("UPDATE documents SET norm = ?, extractor_version = ? WHERE id = ?",
                          (ex.norm, EXTRACTOR_VERSION, doc_id))
                self._insert_rows(c, doc_id, ex.rows, list(range(next_row, next_row + len(ex.rows))))
                next_row += len(ex.rows)
            self._give_colors(c, [(r["region"], r["level"], name, r["indicator"]) for (_, name, _), ex in zip(todo, done)
                                  for r in ex.rows])
        return len(todo)

    def ensure_seeds(self, folder=None) -> list[AddResult]:
        """On first start (no document yet, never seeded), load the seed texts: all of them and
        the mark that it was done in one transaction, so an interrupted start leaves nothing."""
        from .files import SEEDS_DIR, iter_text_files
        from .reading import read_bytes

        if self.read_only or self._read("SELECT 1 FROM meta WHERE key = 'seeded'") or not self.is_empty():
            return []
        return self._add_paths(list(iter_text_files([folder or SEEDS_DIR])), 1, read_bytes,
                               also=lambda c: c.execute("INSERT OR IGNORE INTO meta VALUES ('seeded', ?)", (_now(),)))

    # ------------------------------------------------------------------ rows and corrections
    def raw_rows(self, doc_id: int | None = None, min_doc_id: int | None = None) -> pd.DataFrame:
        """Rows as extracted: one document's, those of documents from ``min_doc_id`` on, or all."""
        where, params = "", ()
        if doc_id is not None:
            where, params = " WHERE r.doc_id = ?", (doc_id,)
        elif min_doc_id is not None:
            where, params = " WHERE r.doc_id >= ?", (min_doc_id,)
        sql = "SELECT r.id, d.name, r.data FROM rows r JOIN documents d ON d.id = r.doc_id" + where + \
              " ORDER BY d.name, r.id"
        out, ids = [], []
        for rid, name, data in self._read(sql, params):
            rec = json.loads(data)
            rec["doc"] = name
            out.append(rec)
            ids.append(rid)
        return _frame(out, ids, marks=False)

    def rows(self, doc_id: int | None = None, corrected: bool = True) -> pd.DataFrame:
        """The rows; with ``corrected`` (default), analyst corrections applied and marked.

        The whole corrected table is also kept as a snapshot beside the database
        (:mod:`pingan.snapshot`); a snapshot of another state of the store is never used.
        """
        whole = doc_id is None and corrected
        stamp = self.rows_stamp() if whole else None
        if whole:
            cached = self._snapshot().read(stamp)
            if cached is not None:
                return colors.attach(cached, self.region_colors())
        df = self.raw_rows(doc_id)
        df["corrected"] = False
        df["correction"] = ""
        if corrected:
            corr = self.corrections(doc_id=doc_id, active_only=True)
            df = apply(df, corr, self.texts(sorted(set(corr["doc"]))) if not corr.empty else {})
        if whole and not self.read_only:
            self._snapshot().write(df, stamp, current=self.rows_stamp)
        return colors.attach(df, self.region_colors())

    def region_colors(self) -> dict[str, str]:
        """{region: colour} as kept (see :mod:`pingan.colors`), in the order the regions were first seen.
        A read-only store written before colours were kept gets them by the same rule, unsaved."""
        if self.schema >= 3:
            return {r: colors.PALETTE[i % len(colors.PALETTE)]
                    for r, i in self._read("SELECT region, color FROM region_colors ORDER BY rowid")}
        return {r: colors.PALETTE[i] for r, i in colors.assign({}, self._seen_regions(self.conn)).items()}

    def _give_colors(self, c, seen) -> None:
        """Inside a write: a colour for each region of ``seen`` ((region, level, document[, indicator]))
        not coloured yet (:func:`pingan.colors.assign`)."""
        seen = [s for s in seen if s[0]]
        if not seen:
            return
        known = {r: (i, lvl) for r, lvl, i in c.execute("SELECT region, level, color FROM region_colors")}
        if all(s[0] in known for s in seen):
            return
        levels: dict[str, str] = {}
        for r, lvl, *_ in seen:
            levels.setdefault(r, lvl or "")
        c.executemany("INSERT OR IGNORE INTO region_colors (region, level, color) VALUES (?, ?, ?)",
                      [(r, levels[r], i) for r, i in colors.assign(known, seen).items()])

    @staticmethod
    def _seen_regions(c) -> list[tuple]:
        """(region, level, document) of every stored row and analyst-named region, in the order they were stored."""
        seen = [(d.get("region") or "", d.get("level") or "", doc, key) for doc, key, d in
                ((doc, key, json.loads(data)) for doc, key, data in
                 c.execute("SELECT doc_id, indicator, data FROM rows ORDER BY doc_id, id").fetchall())]
        for doc, fields in c.execute("SELECT doc_id, fields FROM corrections WHERE action IN ('edit', 'add') "
                                     "ORDER BY id").fetchall():
            f = json.loads(fields or "{}")
            seen.append((f.get("region") or "", f.get("level") or "", doc))
        return seen

    def _snapshot(self) -> Snapshot:
        return Snapshot(self.path, EXTRACTOR_VERSION, ROW_FIELDS, writable=not self.read_only)

    @property
    def snapshot_path(self) -> pathlib.Path:
        return self._snapshot().path

    def corrections(self, doc_id: int | None = None, active_only: bool = False) -> pd.DataFrame:
        sql = ("SELECT c.id, d.name, c.doc_id, c.value_start, c.value_end, c.indicator, c.snippet, c.action, "
               "c.fields, c.who, c.at, c.reason, c.undone_at, c.undone_by FROM corrections c "
               "JOIN documents d ON d.id = c.doc_id WHERE 1=1"
               + (" AND c.doc_id = ?" if doc_id is not None else "")
               + (" AND c.undone_at IS NULL" if active_only else "") + " ORDER BY c.id")
        rows = self._read(sql, (doc_id,) if doc_id is not None else ())
        return pd.DataFrame(rows, columns=["correction_id", "doc", "doc_id", "value_start", "value_end", "indicator",
                                           "snippet", "action", "fields", "who", "at", "reason", "undone_at",
                                           "undone_by"])

    def correct(self, row_id: int, action: str, who: str, fields: dict | None = None, reason: str = "") -> int:
        """Confirm, edit or reject an extracted row. Returns the correction's id."""
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if not who or not who.strip():
            raise ValueError("a correction needs the name of who made it")
        fields = editable(fields)
        with self._write() as c:
            row = c.execute("SELECT r.doc_id, r.value_start, r.value_end, r.indicator, d.norm FROM rows r "
                            "JOIN documents d ON d.id = r.doc_id WHERE r.id = ?", (row_id,)).fetchone()
            if row is None:
                raise ValueError(f"no row {row_id}")
            doc_id, s, e, ind, norm = row
            if action == "edit" and fields.get("region"):
                self._give_colors(c, [(fields["region"], fields.get("level") or "", doc_id)])
            return c.execute(
                "INSERT INTO corrections (doc_id, value_start, value_end, indicator, snippet, action, fields, who, "
                "at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, s, e, ind, norm[s:e], action, json.dumps(fields, ensure_ascii=False), who.strip(), _now(),
                 reason or "")).lastrowid

    def add_missing(self, doc: str, start: int, end: int, indicator: str, value: float, who: str,
                    region: str = "", level: str = "", unit: str = "", qualifier: str = "exact",
                    period: str = "", period_start=None, period_end=None, reason: str = "") -> int:
        """Add a figure the extractor missed, at the span [start, end) of the document's text."""
        if not who or not who.strip():
            raise ValueError("a correction needs the name of who made it")
        with self._write() as c:
            got = c.execute("SELECT id, norm FROM documents WHERE name = ?", (doc,)).fetchone()
            if got is None:
                raise ValueError(f"no document {doc!r}")
            doc_id, norm = got
            if not (0 <= start < end <= len(norm)):
                raise ValueError(f"span {start}-{end} is outside {doc!r}")
            fields = added_row(norm, start, end, indicator, value, region=region, level=level, unit=unit,
                               qualifier=qualifier, period=period, period_start=period_start, period_end=period_end)
            self._give_colors(c, [(region, level, doc_id)])
            return c.execute(
                "INSERT INTO corrections (doc_id, value_start, value_end, indicator, snippet, action, fields, who, "
                "at, reason) VALUES (?, ?, ?, ?, ?, 'add', ?, ?, ?, ?)",
                (doc_id, start, end, indicator, norm[start:end], json.dumps(fields, ensure_ascii=False),
                 who.strip(), _now(), reason or "")).lastrowid

    def undo(self, correction_id: int, who: str) -> None:
        """Undo a correction (it stays in the history, marked undone)."""
        with self._write() as c:
            n = c.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
                          (_now(), who or "", correction_id)).rowcount
            if n == 0:
                raise ValueError(f"no active correction {correction_id}")

    def export(self, path, fmt: str | None = None) -> int:
        """The corrected table to a file (CSV, JSON lines, Parquet or Excel; see :mod:`pingan.export`)."""
        from .export import write_rows

        df = self.rows().drop(columns="color")
        write_rows(df, path, fmt)
        return len(df)


def _plain(v):
    """A row value as JSON stores it (strings and integers, the usual case, as they are)."""
    return v if type(v) in (str, int) else jsonable(v)


def _frame(records: list[dict], ids: list[int], marks: bool = True) -> pd.DataFrame:
    """Rows as the store gives them: the row columns, row_id and (``marks``) the correction marks."""
    df = rows_to_frame(records)
    df["row_id"] = pd.array(ids, dtype="Int64")
    if marks:
        df["corrected"] = False
        df["correction"] = ""
    return df
