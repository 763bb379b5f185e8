"""The rows snapshot: the store's corrected table kept as Parquet beside the database.

Reading it back is some 20x faster than decoding every row, which is what a
dashboard's first load waits for. The snapshot is a *base* file
(``<db>.rows.parquet``) tagged with the store's state (its stamp), plus *parts*
(``<db>.rows.part-….parquet``): when documents are added, their rows are written as
one new part tagged with the states before and after, and nothing already written
is read or rewritten, so adding does not slow down as the store grows. A reader
follows the chain base -> part -> part up to the store's current state (anything
else is stale and never used), puts the rows in the order a full rebuild gives, and,
once there are :data:`COMPACT_AT` parts, writes them back as one base (a lazy
rebuild, on read; an adder that finds :data:`MAX_PARTS` parts, because nobody read
meanwhile, merges them itself). Files are written to a temporary name and renamed, so a reader
sees a whole file or none; a torn or foreign file is only a cache miss.
"""
from __future__ import annotations

import contextlib
import json
import os
import pathlib

import pandas as pd

COMPACT_AT = 8     # a reader merges this many parts back into the base
MAX_PARTS = 32     # an extension that would make more merges them instead (amortised: 1/32 of a rewrite per add)


class Snapshot:
    def __init__(self, db_path: pathlib.Path, version: str, columns: list[str], writable: bool = True):
        self.writable = writable
        self.path = db_path.with_name(db_path.name + ".rows.parquet")
        self._prefix = db_path.name + ".rows.part-"
        self._version, self._columns = version, list(columns)

    # ------------------------------------------------------------------ tags
    def _tag(self, **stamps) -> bytes:
        return json.dumps({**{k: list(v) for k, v in stamps.items()}, "extractor": self._version,
                           "columns": self._columns}).encode()

    @staticmethod
    def _meta(path) -> dict | None:
        import pyarrow.parquet as pq

        try:
            raw = (pq.read_schema(path).metadata or {}).get(b"pingan")
            return json.loads(raw) if raw else None
        except Exception:  # a torn or foreign file is only a cache miss
            return None

    def _ours(self, meta) -> bool:
        return bool(meta) and meta.get("extractor") == self._version and meta.get("columns") == self._columns

    def parts(self) -> list[pathlib.Path]:
        return sorted(p for p in self.path.parent.glob(self._prefix + "*.parquet"))

    def _chain(self, stamp) -> list[pathlib.Path] | None:
        """[base, part, ...] leading from the base's state to ``stamp``, or None."""
        base = self._meta(self.path) if self.path.exists() else None
        if not self._ours(base):
            return None
        at, chain = base.get("stamp"), [self.path]
        links = {}
        for p in self.parts():
            m = self._meta(p)
            if self._ours(m) and "before" in m and "after" in m:
                links[tuple(m["before"])] = (p, m["after"])
        while at != list(stamp):
            nxt = links.pop(tuple(at), None)
            if nxt is None:
                return None
            chain.append(nxt[0])
            at = nxt[1]
        return chain

    # ------------------------------------------------------------------ reading
    def read(self, stamp) -> pd.DataFrame | None:
        """The snapshot at ``stamp`` (the store's state), or None if there is none for that state."""
        chain = self._chain(stamp)
        if chain is None:
            return None
        df = _assemble(chain)
        if df is not None and len(chain) - 1 >= COMPACT_AT and self.writable:
            self.write(df, stamp, current=stamp)
        return df

    def covers(self, stamp) -> bool:
        """Whether there is a snapshot at ``stamp`` (reads the tags only)."""
        return self._chain(stamp) is not None

    # ------------------------------------------------------------------ writing
    def write(self, df: pd.DataFrame, stamp, current) -> None:
        """A new base at ``stamp``; parts it makes useless are removed. Nothing is written unless
        ``stamp`` is still the store's state (``current``: the stamp now, or a function giving it)."""
        if not self.writable or _now(current) != stamp:  # another writer got in meanwhile
            return
        old = self.parts()
        if _write(df, self.path, self._tag(stamp=stamp)):
            for p in old:
                m = self._meta(p)
                if not (m and m.get("before") == list(stamp)):   # a part another writer is adding on top stays
                    with contextlib.suppress(OSError):
                        p.unlink()

    def extend(self, before, after, new_rows, current) -> bool:
        """Documents were added (the store went from ``before`` to ``after``): if there is a snapshot
        at ``before``, their rows (``new_rows()``, asked for only then) become a part leading to
        ``after``. Nothing already written is read or rewritten. False when there was nothing to extend."""
        if not self.writable or _now(current) != after:
            return False
        chain = self._chain(before)
        if chain is None:
            return False
        if len(chain) - 1 >= MAX_PARTS:
            old = _assemble(chain)
            if old is None:
                return False
            self.write(in_rebuild_order(old, [new_rows()]), after, current)
            return True
        name = self._prefix + "-".join(str(x) for x in after) + ".parquet"
        return _write(new_rows(), self.path.with_name(name), self._tag(before=before, after=after))


def in_rebuild_order(base: pd.DataFrame, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Base plus parts in the order a full rebuild gives: extracted rows by document name and row id,
    the analysts' own rows (no row id) last, as they were."""
    extracted, added = base[base["row_id"].notna()], base[base["row_id"].isna()]
    merged = pd.concat([extracted, *parts], ignore_index=True).sort_values(["doc", "row_id"], kind="stable")
    return pd.concat([merged, added], ignore_index=True)


def _assemble(chain) -> pd.DataFrame | None:
    try:
        frames = [_load(p) for p in chain]
    except Exception:  # removed or torn between listing and reading: a cache miss
        return None
    return frames[0] if len(frames) == 1 else in_rebuild_order(frames[0], frames[1:])


def _now(current):
    return current() if callable(current) else current


def _load(path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pandas()


def _write(df: pd.DataFrame, path: pathlib.Path, tag: bytes) -> bool:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"pingan": tag})
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)  # readers see the old file or the new one, never half
        return True
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
