"""The document store: SQLite (WAL, foreign keys on), one module for every read and write.

Tables: ``documents`` (content hash, original bytes, decoded and normalised
text, source name, added-at, the extractor version that produced its rows),
``rows`` (extracted figures) and ``corrections`` (analyst edits: a separate
layer applied on top of the rows, matched by document and figure span, so it
survives re-extraction). Nothing is ever deleted or overwritten: a correction
is undone by marking it undone, a document added twice is recognised by hash.

Errors that a user can cause or meet (a bad file, a locked, read-only or
corrupt database) raise :class:`StoreError` or :class:`~pingan.decode.BadInput`
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
from dataclasses import dataclass

import pandas as pd

from . import metadata
from .decode import BadInput
from .formats import read_document
from .extract import COLUMNS, EXTRACTOR_VERSION, extract_rows, rows_to_frame
from .normalise import normalize

DEFAULT_PATH = pathlib.Path("data") / "pingan.db"
ENV_VAR = "PINGAN_DB"
SCHEMA_VERSION = 2          # stored in meta('schema'); 1: before the documents' title/publisher/date/url
ACTIONS = ("confirm", "edit", "reject", "add")
EDITABLE = ("value", "region", "level", "indicator", "period", "period_start", "period_end", "unit", "qualifier")
ROW_FIELDS = [c for c in COLUMNS if c != "doc"]

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
"""


class StoreError(RuntimeError):
    """A database that cannot be used as asked; the message names the file and says why."""


@dataclass
class AddResult:
    name: str
    doc_id: int
    new: bool            # False: the same content was already stored
    rows: pd.DataFrame   # the document's rows

    def summary(self) -> str:
        if not self.new:
            return f"{self.name}: already stored (same content), nothing added"
        if self.rows.empty:
            return f"{self.name}: stored, but no figures were found in it"
        fams = self.rows.groupby("family").size().to_dict()
        regions = sorted(set(self.rows["region"]) - {""})
        return (f"{self.name}: stored, {len(self.rows)} figures ("
                + ", ".join(f"{k} {v}" for k, v in sorted(fams.items())) + ")"
                + (f"; regions: {'、'.join(regions)}" if regions else "; region not found"))


def default_path() -> pathlib.Path:
    return pathlib.Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


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


def _normalise_and_extract(text: str, name: str):
    norm = normalize(text)
    return norm, extract_rows(norm, name)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


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
    """One SQLite file. Each instance holds one connection; use one per thread or process."""

    def __init__(self, path=None, timeout: float = 30.0, read_only: bool | None = None):
        self.path = pathlib.Path(path) if path else default_path()
        self.timeout = timeout
        if not self.path.exists():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder: {exc.strerror}") from None
        elif self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        try:
            if read_only is None and self.path.exists():
                read_only = not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK)
            self._force_ro = bool(read_only)
            target = f"file:{self.path.resolve()}?mode=ro" if self._force_ro else str(self.path)
            if self._force_ro and not self.path.exists():
                raise StoreError(f"{self.path}: does not exist (opened read-only)")
            self.conn = sqlite3.connect(target, timeout=timeout, isolation_level=None, check_same_thread=False,
                                        uri=self._force_ro)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._init_schema()
        except sqlite3.Error as exc:
            with contextlib.suppress(Exception):
                self.conn.close()
            raise _explain(self.path, exc) from None

    def _init_schema(self):
        known = {"documents", "rows", "corrections", "meta"}
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and not known <= tables:
            raise StoreError(f"{self.path}: is a SQLite database of another program; it was left untouched")
        self.read_only = self._force_ro
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
            return
        with self._write() as c:
            for stmt in SCHEMA.strip().split(";"):
                if stmt.strip():
                    c.execute(stmt)
            c.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self.schema = SCHEMA_VERSION

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
            c.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self.schema = SCHEMA_VERSION

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def _write(self):
        """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back on any error."""
        if getattr(self, "read_only", False):
            raise StoreError(f"{self.path}: is read-only: figures and corrections cannot be saved to it")
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

    # ------------------------------------------------------------------ documents
    def add_bytes(self, name: str, data: bytes, max_bytes: int | None = None,
                  metadata: dict | None = None) -> AddResult:
        """Decode, extract and store a file's bytes. The name is a label only, never a path.
        ``metadata`` (title, publisher, date, url) overrides what is read from the text."""
        name = pathlib.PurePath(str(name).replace("\\", "/")).name or "document.txt"
        kwargs = {"max_bytes": max_bytes} if max_bytes else {}
        text, found = read_document(data, name, **kwargs)  # raises BadInput naming the file
        return self._add(name, data, text, {**found, **{k: v for k, v in (metadata or {}).items() if v}})

    def add_text(self, name: str, text: str, metadata: dict | None = None) -> AddResult:
        """Store pasted text (``metadata`` as for :meth:`add_bytes`)."""
        name = pathlib.PurePath(str(name).replace("\\", "/")).name or "pasted.txt"
        if not text or not text.strip():
            raise BadInput(name, "the text is empty")
        return self._add(name, text.encode("utf-8", "surrogatepass"), text, metadata)

    def add_texts(self, items, jobs: int | None = 1) -> int:
        """Store many (name, text) or (name, text, metadata) items at once: normalisation and
        extraction in ``jobs`` worker processes (None: all cores), then one transaction. Content
        already stored is skipped. Returns the number of documents added. An error adds nothing."""
        items = [(pathlib.PurePath(str(it[0]).replace("\\", "/")).name or "document.txt", it[1],
                  it[2] if len(it) > 2 else None) for it in items]
        known = {h for (h,) in self._read("SELECT hash FROM documents")}
        todo, seen = [], set()
        for name, text, meta in items:
            if not text or not text.strip():
                raise BadInput(name, "the text is empty")
            raw = text.encode("utf-8", "surrogatepass")
            digest = hashlib.sha256(raw).hexdigest()
            if digest not in known and digest not in seen:
                seen.add(digest)
                todo.append((name, raw, text, digest, metadata.merge(meta, metadata.guess(text))))
        if not todo:
            return 0
        from .files import default_jobs

        jobs = default_jobs() if jobs is None else max(1, jobs)
        texts = [t for _, _, t, _, _ in todo]
        names = [n for n, _, _, _, _ in todo]
        if jobs > 1 and len(todo) >= 4 * jobs:
            from .workers import pool

            with pool(jobs) as workers:
                done = list(workers.map(_normalise_and_extract, texts, names, chunksize=max(1, len(todo) // (jobs * 8))))
        else:
            done = [_normalise_and_extract(t, n) for t, n in zip(texts, names)]
        with self._write() as c:
            before = self.stamp()
            first_id = c.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0] + 1
            taken = {r[0] for r in c.execute("SELECT name FROM documents")}
            for (name, raw, text, digest, meta), (norm, rows) in zip(todo, done):
                name = _free_name(taken, name)
                taken.add(name)
                doc_id = self._insert_document(c, digest, name, raw, text, norm, meta)
                for r in rows:
                    r["doc"] = name
                self._insert_rows(c, doc_id, name, rows)
            after = self.stamp()
        # a bulk load leaves the rows snapshot current, so the dashboard's first load need not decode every row
        if not self._extend_snapshot(before, after, lambda: self.raw_rows(min_doc_id=first_id)):
            self.rows()
        return len(todo)

    def _add(self, name: str, raw: bytes, text: str, meta: dict | None = None) -> AddResult:
        digest = hashlib.sha256(raw).hexdigest()
        existing = self._read("SELECT id, name FROM documents WHERE hash = ?", (digest,))
        if existing:
            return AddResult(existing[0][1], existing[0][0], False, self.rows(doc_id=existing[0][0]))
        # all the work before the transaction: an error here leaves the store as it was
        meta = metadata.merge(meta, metadata.guess(text))
        norm = normalize(text)
        rows = extract_rows(norm, name)
        with self._write() as c:
            again = c.execute("SELECT id, name FROM documents WHERE hash = ?", (digest,)).fetchone()
            if again:  # another writer stored the same content meanwhile
                doc_id, name, new = again[0], again[1], False
            else:
                before = self.stamp()
                name = self._unique_name(c, name)
                doc_id = self._insert_document(c, digest, name, raw, text, norm, meta)
                self._insert_rows(c, doc_id, name, rows)
                after, new = self.stamp(), True
        doc_rows = self.rows(doc_id=doc_id)
        if new:
            self._extend_snapshot(before, after, lambda: doc_rows)
        return AddResult(name, doc_id, new, doc_rows)

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
    def _insert_document(c, digest: str, name: str, raw: bytes, text: str, norm: str, meta: dict) -> int:
        return c.execute(
            "INSERT INTO documents (hash, name, raw, text, norm, added_at, extractor_version, title, publisher, "
            "date, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (digest, name, raw, text, norm, _now(), EXTRACTOR_VERSION,
             *(meta.get(k, "") for k in metadata.FIELDS))).lastrowid

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

    @staticmethod
    def _insert_rows(c, doc_id: int, name: str, rows: list[dict]):
        c.executemany(
            "INSERT INTO rows (doc_id, data, value_start, value_end, indicator) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, json.dumps({k: _jsonable(r.get(k)) for k in ROW_FIELDS}, ensure_ascii=False),
              r["value_start"], r["value_end"], r["indicator"]) for r in rows])

    def add_files(self, paths) -> list[AddResult]:
        from .files import iter_text_files

        out = []
        for p in iter_text_files(paths):
            try:
                data = pathlib.Path(p).read_bytes()
            except OSError as exc:
                raise BadInput(str(p), f"cannot read: {exc.strerror or exc}") from None
            out.append(self.add_bytes(pathlib.Path(p).name, data))
        return out

    def documents(self) -> pd.DataFrame:
        """One row per document: doc_id, doc (its name), added_at, extractor_version, bytes, figures,
        title, publisher, date (ISO or '') and url ('' where unknown)."""
        meta = ", ".join(f"d.{k}" if self.schema >= 2 else "''" for k in metadata.FIELDS)  # a read-only older store
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
        """Changes whenever documents, rows or corrections change (for caches)."""
        return tuple(self._read(
            "SELECT (SELECT count(*) FROM documents), (SELECT coalesce(max(id),0) FROM rows), "
            "(SELECT count(*) FROM corrections), (SELECT count(*) FROM corrections WHERE undone_at IS NOT NULL)")[0])

    # ------------------------------------------------------------------ re-extraction
    def reindex(self, force: bool = False) -> int:
        """Re-extract documents whose rows came from another extractor version. Corrections stay."""
        todo = self._read("SELECT id, name, text FROM documents WHERE extractor_version != ? OR ?",
                          (EXTRACTOR_VERSION, 1 if force else 0))
        for doc_id, name, text in todo:
            norm = normalize(text)
            rows = extract_rows(norm, name)
            with self._write() as c:
                c.execute("DELETE FROM rows WHERE doc_id = ?", (doc_id,))
                c.execute("UPDATE documents SET norm = ?, extractor_version = ? WHERE id = ?",
                          (norm, EXTRACTOR_VERSION, doc_id))
                self._insert_rows(c, doc_id, name, rows)
        return len(todo)

    def ensure_seeds(self, folder=None) -> list[AddResult]:
        """On first start (no document yet, never seeded), load the seed texts."""
        from .files import SEEDS_DIR

        if self.read_only or self._read("SELECT 1 FROM meta WHERE key = 'seeded'") or not self.is_empty():
            return []
        results = self.add_files([folder or SEEDS_DIR])
        with self._write() as c:
            c.execute("INSERT OR IGNORE INTO meta VALUES ('seeded', ?)", (_now(),))
        return results

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
        out = []
        for rid, name, data in self._read(sql, params):
            rec = json.loads(data)
            rec.update(doc=name, row_id=rid)
            out.append(rec)
        df = rows_to_frame(out)
        df["row_id"] = pd.array([r["row_id"] for r in out], dtype="Int64")
        return df

    def rows(self, doc_id: int | None = None, corrected: bool = True) -> pd.DataFrame:
        """The rows; with ``corrected`` (default), analyst corrections applied and marked.

        The whole corrected table is also kept as a snapshot beside the database
        (``<db>.rows.parquet``, tagged with :meth:`stamp`): reading it back is some 20x
        faster than decoding every row, which is what a dashboard's first load waits for.
        A snapshot whose stamp differs from the store's is never used.
        """
        whole = doc_id is None and corrected
        if whole:
            cached = self._read_snapshot()
            if cached is not None:
                return cached
        stamp = self.stamp() if whole else None
        df = self.raw_rows(doc_id)
        df["corrected"] = False
        df["correction"] = ""
        if corrected:
            df = self._apply(df, self.corrections(doc_id=doc_id, active_only=True))
        if whole:
            self._write_snapshot(df, stamp)
        return df

    @property
    def snapshot_path(self) -> pathlib.Path:
        return self.path.with_name(self.path.name + ".rows.parquet")

    def _snapshot_tag(self, stamp) -> bytes:
        return json.dumps({"stamp": list(stamp), "extractor": EXTRACTOR_VERSION,
                           "columns": ROW_FIELDS}).encode()

    def _read_snapshot(self, stamp=None) -> pd.DataFrame | None:
        """The snapshot if it was taken at ``stamp`` (default: the store's state now), else None."""
        import pyarrow.parquet as pq

        path = self.snapshot_path
        if not path.exists():
            return None
        try:
            table = pq.read_table(path)
        except Exception:  # a torn or foreign file is only a cache miss
            return None
        if (table.schema.metadata or {}).get(b"pingan") != self._snapshot_tag(stamp or self.stamp()):
            return None
        return table.to_pandas()

    def _extend_snapshot(self, before, after, new_rows) -> bool:
        """After documents were added (state ``before`` -> ``after``): the snapshot taken at
        ``before`` plus their rows (``new_rows()``, asked for only if there is a snapshot), in the
        order a full rebuild gives, becomes the snapshot at ``after``. Reading and writing it is far
        cheaper than decoding every row again. False when there was no snapshot to extend."""
        if self.read_only:
            return False
        old = self._read_snapshot(before)
        if old is None:
            return False
        new_rows = new_rows().assign(corrected=False, correction="")
        extracted, added = old[old["row_id"].notna()], old[old["row_id"].isna()]  # added: analysts' own rows, last
        merged = pd.concat([extracted, new_rows], ignore_index=True).sort_values(["doc", "row_id"], kind="stable")
        df = pd.concat([merged, added], ignore_index=True)
        self._write_snapshot(df, after)
        return True

    def _write_snapshot(self, df: pd.DataFrame, stamp) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.read_only or stamp != self.stamp():  # another writer got in meanwhile
            return
        table = pa.Table.from_pandas(df, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"pingan": self._snapshot_tag(stamp)})
        tmp = self.snapshot_path.with_name(f".{self.snapshot_path.name}.{os.getpid()}.tmp")
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, self.snapshot_path)  # readers see the old file or the new one, never half
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

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

    def _apply(self, df: pd.DataFrame, corr: pd.DataFrame) -> pd.DataFrame:
        if corr.empty:
            return df
        texts = {n: t for n, t in self._read("SELECT name, norm FROM documents")}
        df = df.copy()
        drop, added = [], []
        for c in corr.itertuples():
            fields = json.loads(c.fields)
            if c.action == "add":
                rec = {k: fields.get(k) for k in ROW_FIELDS}
                rec.update(doc=c.doc, corrected=True, correction=f"add #{c.correction_id}", row_id=pd.NA)
                added.append(rec)
                continue
            span = _locate(texts.get(c.doc, ""), c.value_start, c.value_end, c.snippet)
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
            from .indicators import lexicon

            df["family"] = df["indicator"].map(lexicon().family)
        return df.reset_index(drop=True)

    def correct(self, row_id: int, action: str, who: str, fields: dict | None = None, reason: str = "") -> int:
        """Confirm, edit or reject an extracted row. Returns the correction's id."""
        if action not in ("confirm", "edit", "reject"):
            raise ValueError(f"unknown action {action!r}")
        if not who or not who.strip():
            raise ValueError("a correction needs the name of who made it")
        fields = {k: _jsonable(v) for k, v in (fields or {}).items() if k in EDITABLE}
        with self._write() as c:
            row = c.execute("SELECT r.doc_id, r.value_start, r.value_end, r.indicator, d.norm FROM rows r "
                            "JOIN documents d ON d.id = r.doc_id WHERE r.id = ?", (row_id,)).fetchone()
            if row is None:
                raise ValueError(f"no row {row_id}")
            doc_id, s, e, ind, norm = row
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
            ls = max(norm.rfind(ch, 0, start) for ch in "。!?,;\n") + 1
            le = min([i for i in (norm.find(ch, end) for ch in "。!?,;\n") if i >= 0] or [len(norm)])
            fields = {"region": region, "level": level, "indicator": indicator, "value": float(value), "unit": unit,
                      "qualifier": qualifier, "period": period, "period_start": period_start,
                      "period_end": period_end, "quote": norm[ls:le], "start": ls, "end": le,
                      "value_start": start, "value_end": end, "attribution": "analyst"}
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
        df = self.rows()
        fmt = fmt or ("jsonl" if str(path).endswith(".jsonl") else "csv")
        if fmt == "jsonl":
            df.to_json(path, orient="records", lines=True, force_ascii=False)
        else:
            df.to_csv(path, index=False)
        return len(df)


def _jsonable(v):
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


def _locate(norm: str, start: int, end: int, snippet: str):
    """Where a corrected figure is now: its old span if the text there is unchanged, else the
    nearest place the same snippet occurs (a re-normalisation may have shifted offsets)."""
    if norm[start:end] == snippet:
        return start, end
    if not snippet:
        return None
    hits, i = [], norm.find(snippet)
    while i >= 0:
        hits.append(i)
        i = norm.find(snippet, i + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(snippet)
