"""The store keeps everything users add or correct: restarts, concurrency, bad files, bad databases."""
import hashlib
import json
import multiprocessing as mp
import os
import sqlite3
import subprocess
import sys
import textwrap
import tomllib

import pytest

from pingan import colors
from pingan.decode import MAX_BYTES, BadInput
from pingan.store import Store, StoreError
from tests.conftest import ROOT

TEXT = "德州市召开发布会。2022年全市群众安全感程度指数为96.8%,全市共立刑事案件1870件,同比下降8.3%。"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(path):
    with Store(path) as s:
        return len(s.documents()), len(s.rows()), len(s.corrections())


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "pingan.db"
    with Store(path) as s:
        s.ensure_seeds()
    return path


def test_seeds_on_first_start_only(db):
    with Store(db) as s:
        docs = s.documents()
        assert len(docs) == 5 and set(docs.extractor_version) == {s.documents().extractor_version[0]}
        assert s.ensure_seeds() == []          # second start: nothing reloaded
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_content_twice_is_one_document(db):
    with Store(db) as s:
        a = s.add_text("a.txt", TEXT)
        b = s.add_bytes("b.txt", TEXT.encode("utf-8"))
        assert a.new and not b.new and b.doc_id == a.doc_id and b.name == "a.txt"
        assert "already stored" in b.summary()
        assert sorted(a.rows.indicator) == ["criminal_cases", "criminal_cases_change", "safety_sense"]
        assert "regions: 德州市" in a.summary()


def test_same_name_other_content_keeps_both(db):
    with Store(db) as s:
        s.add_text("x.txt", TEXT)
        r = s.add_text("x.txt", TEXT + "补充。")
        assert r.name == "x-2.txt" and {"x.txt", "x-2.txt"} <= set(s.texts())


def test_corrections_survive_reextraction(db, monkeypatch):
    with Store(db) as s:
        rows = s.rows()
        rid = int(rows[(rows.region == "六安市") & (rows.indicator == "safety_sense")].row_id.iloc[0])
        rej = int(rows[(rows.region == "宿州市") & (rows.indicator == "safety_sense")].row_id.iloc[0])
        s.correct(rid, "edit", "张三", {"value": 97.6, "region": "六安市"}, "核对原件")
        s.correct(rej, "reject", "张三")
        doc = "000_1d0947e968c245ed.txt"
        start = s.texts()[doc].index("12.4万余件")
        s.add_missing(doc, start, start + len("12.4万余件"), "mediation_orgs", 1, "张三", region="六安市")
        old_ids = set(s.raw_rows().row_id)
        version_a = set(s.documents().extractor_version)
    import pingan.pipeline
    import pingan.store

    extracted = []
    real_extract = pingan.pipeline.extract_rows
    monkeypatch.setattr(pingan.pipeline, "extract_rows",
                        lambda norm, name: extracted.append(name) or real_extract(norm, name))
    monkeypatch.setattr(pingan.store, "EXTRACTOR_VERSION", "next")
    assert version_a != {"next"}
    with Store(db) as s:
        assert s.reindex() == 5
        assert sorted(extracted) == sorted(s.names())                   # every document extracted again
        assert set(s.documents().extractor_version) == {"next"}
        assert old_ids.isdisjoint(s.raw_rows().row_id)                  # and its rows replaced
        assert s.reindex() == 0                                         # up to date now
        assert len(s.corrections(active_only=True)) == 3
        rows = s.rows()
        edited = rows[(rows.region == "六安市") & (rows.indicator == "safety_sense")]
        assert list(edited.value) == [97.6] and bool(edited.corrected.iloc[0])
        assert rows[(rows.region == "宿州市") & (rows.indicator == "safety_sense")].empty
        added = rows[rows.indicator == "mediation_orgs"]
        assert "12.4万余件" in added[added.corrected.astype(bool)].quote.iloc[0]
        assert len(s.rows(corrected=False)[lambda d: d.region == "宿州市"]) > 0   # raw layer untouched
        out = db.with_name("rows.csv")
        s.export(out)
    import pandas as pd

    exported = pd.read_csv(out)                                         # the export carries the corrections too
    assert exported[(exported.region == "六安市") & (exported.indicator == "safety_sense")].value.tolist() == [97.6]
    assert exported[(exported.region == "宿州市") & (exported.indicator == "safety_sense")].empty
    assert (exported.indicator == "mediation_orgs").any()


def test_undo_keeps_history(db):
    with Store(db) as s:
        rid = int(s.rows().row_id.iloc[0])
        value = s.rows().value.iloc[0]
        cid = s.correct(rid, "edit", "王五", {"value": 1.0})
        s.undo(cid, "王五")
        assert s.rows().value.iloc[0] == value
        corr = s.corrections()
        assert len(corr) == 1 and corr.undone_by.iloc[0] == "王五"
        with pytest.raises(ValueError):
            s.undo(cid, "王五")


def test_correction_found_again_after_offsets_shift(db):
    from pingan.corrections import locate as _locate

    assert _locate("前言。全市安全感97.5%", 5, 10, "97.5%") == (8, 13)
    assert _locate("全市安全感97.5%", 5, 10, "97.5%") == (5, 10)
    assert _locate("全市", 0, 2, "97.5%") is None


def _worker(args):
    path, i = args
    with Store(path, timeout=60) as s:
        s.add_text(f"w{i}.txt", TEXT + f"第{i}篇。")
        s.add_text("same.txt", TEXT)                      # every worker adds the same content
        rid = int(s.rows().row_id.iloc[i])
        s.correct(rid, "confirm", f"analyst{i}")
    return i


def test_eight_concurrent_writers_lose_nothing(db):
    before_docs, before_rows, _ = counts(db)
    ctx = mp.get_context("spawn")
    with ctx.Pool(8) as pool:
        assert sorted(pool.map(_worker, [(str(db), i) for i in range(8)])) == list(range(8))
    with Store(db) as s:
        docs = s.documents()
        assert len(docs) == before_docs + 9                # 8 own + 1 shared, no duplicate
        assert docs.doc.is_unique
        assert len(s.corrections()) == 8
        assert sorted(s.corrections().who) == sorted(f"analyst{i}" for i in range(8))


def test_exception_during_extraction_changes_nothing(db, monkeypatch):
    before = counts(db)
    import pingan.pipeline

    def boom(*a, **k):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(pingan.pipeline, "extract_rows", boom)
    with Store(db) as s, pytest.raises(RuntimeError):
        s.add_text("new.txt", TEXT)
    assert counts(db) == before


def test_exception_inside_the_transaction_rolls_back(db, monkeypatch):
    before = counts(db)
    with Store(db) as s:
        def boom(*a, **k):
            raise RuntimeError("disk full")

        monkeypatch.setattr(Store, "_insert_rows", staticmethod(boom))
        with pytest.raises(RuntimeError):
            s.add_text("new.txt", TEXT)
    assert counts(db) == before


def test_killed_process_mid_add_changes_nothing(db):
    before = counts(db)
    script = textwrap.dedent(f"""
        import os
        from pingan.store import Store
        def die(*a, **k):
            os._exit(9)          # killed after the document row is written, before commit
        Store._insert_rows = staticmethod(die)
        Store({str(db)!r}).add_text("killed.txt", {TEXT!r})
    """)
    res = subprocess.run([sys.executable, "-c", script], cwd=ROOT)
    assert res.returncode == 9
    assert counts(db) == before
    with Store(db) as s:
        assert s.add_text("after.txt", TEXT).new   # and the store still works


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01PK\x03\x04" * 100, "binary"),
    ("garbage.txt", bytes(range(128, 256)) * 40, "encoding"),
])
def test_bad_files_are_named_and_change_nothing(db, name, data, problem):
    before, h = counts(db), digest(db)
    with Store(db) as s, pytest.raises(BadInput) as exc:
        s.add_bytes(name, data)
    assert name in str(exc.value) and problem in str(exc.value)
    assert counts(db) == before and digest(db) == h  # not a byte of the database changed


def test_file_over_the_size_limit(db):
    before = counts(db)
    with Store(db) as s, pytest.raises(BadInput, match="big.txt.*limit"):
        s.add_bytes("big.txt", b"a" * 2000, max_bytes=1000)
    assert counts(db) == before


def test_size_limit_matches_streamlit_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES


def test_html_scripts_are_dropped_and_text_without_figures_is_reported(db):
    page = "<html><script>alert('全市安全感99%')</script><body><p>安康市平安建设。今天召开会议。</p></body></html>"
    with Store(db) as s:
        res = s.add_bytes("page.html", page.encode("utf-8"))
        assert "no figures were found" in res.summary() and "page.html" in res.summary()
        assert "alert" not in s.texts()["page.html"]


def test_names_are_labels_not_paths_and_sql_is_parameterised(db, tmp_path):
    evil = "../../x'); DROP TABLE rows;--.txt"
    with Store(db) as s:
        res = s.add_text(evil, TEXT)
        assert res.name == "x'); DROP TABLE rows;--.txt"
        assert len(s.rows()) > 0
    assert not (tmp_path.parent / "x'); DROP TABLE rows;--.txt").exists()


def test_locked_database_gives_a_clear_error(db):
    before = counts(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            Store(db, timeout=0.2).add_text("late.txt", TEXT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert counts(db) == before


def test_read_only_database_gives_a_clear_error(db):
    h = digest(db)
    os.chmod(db, 0o444)         # respected even by root, whom the access check lets through: the mode bits count
    try:
        with Store(db) as s:
            assert len(s.rows()) > 0          # still readable
            with pytest.raises(StoreError, match="read-only"):
                s.add_text("new.txt", TEXT)
    finally:
        os.chmod(db, 0o644)
    assert digest(db) == h


def test_opened_read_only_on_request(db):
    with Store(db, read_only=True) as s, pytest.raises(StoreError, match="read-only"):
        s.correct(int(s.rows().row_id.iloc[0]), "confirm", "x")


@pytest.mark.parametrize("content", [b"this is not a database at all" * 40, None])
def test_corrupt_or_foreign_database_is_never_overwritten(tmp_path, content):
    path = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(path) as c:
            c.execute("CREATE TABLE invoices (id INTEGER)")
    else:
        path.write_bytes(content)
    h = digest(path)
    with pytest.raises(StoreError) as exc:
        Store(path).add_text("a.txt", TEXT)
    assert str(path) in str(exc.value) and "untouched" in str(exc.value)
    assert digest(path) == h


def test_cli_add_and_export(tmp_path):
    db = tmp_path / "c.db"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="gb18030")
    run = lambda *a: subprocess.run([sys.executable, "-m", "pingan", *a], capture_output=True, text=True, cwd=ROOT)
    res = run("add", str(good), str(bad), "--db", str(db))
    assert res.returncode == 2 and "good.txt: stored, 3 figures" in res.stdout and "bad.txt" in res.stderr
    with Store(db) as s:
        rid = int(s.rows().query("indicator == 'safety_sense'").row_id.iloc[0])
        s.correct(rid, "edit", "赵六", {"value": 97.3})
    out = tmp_path / "rows.csv"
    assert run("export", "--db", str(db), "-o", str(out)).returncode == 0
    import pandas as pd

    df = pd.read_csv(out)
    assert df.loc[df.indicator == "safety_sense", "value"].tolist() == [97.3]
    assert run("reindex", "--db", str(db)).returncode == 0
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"x" * 100)
    res = run("add", str(good), "--db", str(corrupt))
    assert res.returncode == 2 and "corrupt.db" in res.stderr and "Traceback" not in res.stderr


# ------------------------------------------------------------------ document metadata and the schema version
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, raw BLOB NOT NULL,
    text TEXT NOT NULL, norm TEXT NOT NULL, added_at TEXT NOT NULL, extractor_version TEXT NOT NULL);
CREATE TABLE rows (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    data TEXT NOT NULL, value_start INTEGER NOT NULL, value_end INTEGER NOT NULL, indicator TEXT NOT NULL);
CREATE INDEX rows_doc ON rows(doc_id);
CREATE INDEX documents_name ON documents(name);
CREATE TABLE corrections (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    value_start INTEGER NOT NULL, value_end INTEGER NOT NULL, indicator TEXT NOT NULL, snippet TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'edit', 'reject', 'add')), fields TEXT NOT NULL,
    who TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', undone_at TEXT, undone_by TEXT);
CREATE INDEX corrections_doc ON corrections(doc_id);
INSERT INTO meta VALUES ('schema', '1');
"""
PAGE = "东湖市召开平安建设新闻发布会\n发布时间:2023-01-05　来源:东湖市委政法委\n" + TEXT


def old_store(path):
    """A database as the first schema wrote it: one document, its rows and an analyst's edit."""
    from pingan.extract import EXTRACTOR_VERSION, extract_rows
    from pingan.normalise import normalize
    from pingan.corrections import ROW_FIELDS

    norm = normalize(PAGE)
    rows = extract_rows(norm, "old.txt")
    with sqlite3.connect(path) as c:
        c.executescript(SCHEMA_1)
        c.execute("INSERT INTO documents VALUES (1, ?, 'old.txt', ?, ?, ?, '2024-01-01T00:00:00+00:00', ?)",
                  (hashlib.sha256(PAGE.encode()).hexdigest(), PAGE.encode(), PAGE, norm, EXTRACTOR_VERSION))
        for r in rows:
            c.execute("INSERT INTO rows (doc_id, data, value_start, value_end, indicator) VALUES (1, ?, ?, ?, ?)",
                      (json.dumps({k: r.get(k) for k in ROW_FIELDS}, ensure_ascii=False), r["value_start"],
                       r["value_end"], r["indicator"]))
        safety = next(r for r in rows if r["indicator"] == "safety_sense")
        c.execute("INSERT INTO corrections (doc_id, value_start, value_end, indicator, snippet, action, fields, who, "
                  "at) VALUES (1, ?, ?, 'safety_sense', ?, 'edit', '{\"value\": 97.0}', '甲', '2024-01-01')",
                  (safety["value_start"], safety["value_end"], norm[safety["value_start"]:safety["value_end"]]))
    return len(rows)


def test_a_store_of_the_first_schema_is_migrated_and_keeps_everything(tmp_path):
    path = tmp_path / "old.db"
    n = old_store(path)
    with Store(path, read_only=True) as s:       # read-only: readable as it is, metadata empty
        assert s.documents()[["title", "date"]].values.tolist() == [["", ""]]
        assert len(s.rows()) == n
        unsaved = s.region_colors()                # colours by the store's rule, not saved
        assert unsaved and set(s.rows()["color"]) <= set(unsaved.values()) | {colors.UNKNOWN}
    with Store(path) as s:
        docs = s.documents()
        assert docs[["doc", "title", "publisher", "date", "url"]].values.tolist() == [
            ["old.txt", "东湖市召开平安建设新闻发布会", "东湖市委政法委", "2023-01-05", ""]]
        rows = s.rows()
        assert len(rows) == n and rows.loc[rows.indicator == "safety_sense", "value"].tolist() == [97.0]
        assert s.region_colors() == unsaved        # the migration keeps the colours it was read with
        assert s.add_text("new.txt", TEXT).new
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "3"
        assert c.execute("SELECT count(*) FROM region_colors").fetchone()[0] == len(unsaved)


def test_a_newer_schema_is_refused_and_left_untouched(db):
    with sqlite3.connect(db) as c:
        c.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    h = digest(db)
    for ro in (None, True):
        with pytest.raises(StoreError, match="newer version of pingan.*schema 4") as exc:
            Store(db, read_only=ro)
        assert str(db) in str(exc.value)
    assert digest(db) == h


def test_metadata_is_read_from_the_text_given_or_set(db):
    with Store(db) as s:
        a = s.add_text("page.txt", PAGE)
        b = s.add_bytes("b.txt", ("西湖区通报\n" + TEXT + "补充。").encode(),
                        metadata={"publisher": "西湖区公安分局", "url": "https://example.org/b", "date": "2022-3-4"})
        s.add_texts([("c.txt", TEXT + "三。", {"title": "第三篇"}), ("d.txt", TEXT + "四。")])
        docs = s.documents().set_index("doc")
        assert docs.loc["page.txt", ["title", "publisher", "date", "url"]].tolist() == [
            "东湖市召开平安建设新闻发布会", "东湖市委政法委", "2023-01-05", ""]
        assert docs.loc["b.txt", ["title", "publisher", "date", "url"]].tolist() == [
            "西湖区通报", "西湖区公安分局", "2022-03-04", "https://example.org/b"]
        assert docs.loc["c.txt", "title"] == "第三篇" and docs.loc["d.txt", "title"] == ""
        s.set_metadata(a.doc_id, title="改过的标题", date="")
        s.set_metadata(b.doc_id, url="https://example.org/b2")
        docs = s.documents().set_index("doc")
        assert docs.loc["page.txt", ["title", "publisher", "date"]].tolist() == ["改过的标题", "东湖市委政法委", ""]
        assert docs.loc["b.txt", "url"] == "https://example.org/b2" and docs.loc["b.txt", "title"] == "西湖区通报"
        with pytest.raises(ValueError, match="not a date"):
            s.set_metadata(a.doc_id, date="someday")
        with pytest.raises(ValueError, match="no document"):
            s.set_metadata(99999, title="x")
        with pytest.raises(ValueError, match="unknown metadata"):
            s.add_text("e.txt", TEXT + "五。", metadata={"author": "x"})


# ------------------------------------------------------------------ damaged, read-only and interrupted stores
def damage_a_rows_page(path):
    """Garble a leaf page in the middle of the rows table: a page an add does not read, so only
    an integrity check finds it."""
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = c.execute("PRAGMA page_size").fetchone()[0]
        leaves = [n for (n,) in c.execute("SELECT pageno FROM dbstat WHERE name = 'rows' AND pagetype = 'leaf' "
                                          "ORDER BY pageno")]
    page = leaves[len(leaves) // 2]
    data = bytearray(path.read_bytes())
    off = (page - 1) * size
    data[off + 8: off + size] = b"\xa5" * (size - 8)
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_before_the_first_write(db):
    damage_a_rows_page(db)
    h = digest(db)
    import pingan.store

    pingan.store._CHECKED.clear()                # as in a new process
    with pytest.raises(StoreError) as exc:
        with Store(db) as s:
            s.add_text("new.txt", TEXT)
    assert str(db) in str(exc.value) and "is damaged (integrity check:" in str(exc.value)
    assert digest(db) == h
    new = db.with_name("new.txt")
    new.write_text(TEXT + "新的。", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pingan", "add", str(new), "--db", str(db)],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2 and "damaged" in res.stderr and "Traceback" not in res.stderr
    assert digest(db) == h


def test_a_store_in_a_read_only_folder_can_be_exported_and_turned_into_slides(db, tmp_path):
    h = digest(db)
    out = tmp_path.parent / f"{tmp_path.name}-out"
    out.mkdir()
    os.chmod(db.parent, 0o555)                   # a folder nobody may write (root included: mode bits)
    try:
        with Store(db) as s:
            assert s.read_only and len(s.rows()) > 50
            with pytest.raises(StoreError, match="read-only"):
                s.add_text("new.txt", TEXT)
        run = lambda *a: subprocess.run([sys.executable, "-m", "pingan", *a], capture_output=True, text=True,
                                        cwd=ROOT, timeout=300)
        res = run("export", "--db", str(db), "-o", str(out / "rows.csv"))
        assert res.returncode == 0, res.stderr
        res = run("slides", "--db", str(db), "-o", str(out / "deck.pptx"))
        assert res.returncode == 0, res.stderr
        assert (out / "rows.csv").stat().st_size > 1000 and (out / "deck.pptx").stat().st_size > 10000
    finally:
        os.chmod(db.parent, 0o755)
    assert digest(db) == h


def test_a_wal_store_nobody_can_write_is_opened_immutable(db, monkeypatch):
    """Where SQLite cannot make the shared-memory file a WAL database needs (a read-only mount),
    the store is opened with immutable=1 and read all the same."""
    real = sqlite3.connect
    opened = []

    def connect(target, *a, **k):
        opened.append(str(target))
        if k.get("uri") and "immutable=1" not in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *a, **k)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with Store(db, read_only=True) as s:
        assert len(s.rows()) > 50
    assert opened[-1].endswith("?mode=ro&immutable=1")


def test_seeding_is_one_transaction_so_an_interrupted_first_start_leaves_nothing(tmp_path):
    db = tmp_path / "seed.db"
    script = textwrap.dedent(f"""
        import os
        from pingan.store import Store
        calls = []
        real = Store._insert_rows
        def die(*a, **k):
            calls.append(1)
            if len(calls) == 3:
                os._exit(9)      # killed after two seed documents were written, before commit
            return real(*a, **k)
        Store._insert_rows = staticmethod(die)
        Store({str(db)!r}).ensure_seeds()
    """)
    assert subprocess.run([sys.executable, "-c", script], cwd=ROOT).returncode == 9
    with Store(db) as s:
        assert s.is_empty() and not s._read("SELECT 1 FROM meta WHERE key = 'seeded'")
        assert len(s.ensure_seeds()) == 5 and len(s.names()) == 5     # the next start seeds them all
        assert s.ensure_seeds() == []


def test_a_batch_with_progress_is_one_transaction_and_reports_each_document(tmp_path, monkeypatch):
    from pingan import intake

    batches, seen = [], []
    real = Store._store_batch
    monkeypatch.setattr(Store, "_store_batch", lambda self, ready, *a: batches.append(len(ready)) or
                        real(self, ready, *a))
    items = [intake.Item(f"f{i}.txt", f"f{i}.txt", (TEXT + f"第{i}篇。").encode()) for i in range(4)]
    items.insert(2, intake.Item("bad.txt", "bad.txt", error=BadInput("bad.txt", "file is empty")))
    items.append(intake.Item("again.txt", "again.txt", (TEXT + "第0篇。").encode()))   # the same as f0.txt
    with Store(tmp_path / "b.db") as s:
        out = intake.add(s, items, progress=lambda k, n, label: seen.append((k, n)))
        assert [o.status for o in out] == ["stored", "stored", "refused", "stored", "stored", "duplicate"]
        assert batches == [4] and len(s.names()) == 4                   # one transaction for the batch
    assert seen[-1] == (6, 6) and [k for k, _ in seen] == sorted(k for k, _ in seen) and len(seen) >= 5


def test_the_version_check_and_the_citations_read_an_index_not_the_texts(db):
    """At start-up the dashboard checks every document's extractor version and reads its citations:
    both from an index, since a document's later columns sit behind its texts. A store written before
    the indexes gets them when opened."""
    with Store(db) as s:
        a = s.add_text("a.txt", TEXT)
        s.set_metadata(a.doc_id, title="德州通报", date="2023-01-05")

        def plan(sql, *params):
            return " ".join(r[3] for r in s.conn.execute("EXPLAIN QUERY PLAN " + sql, params))

        assert "COVERING INDEX documents_version" in plan(
            "SELECT 1 FROM documents WHERE extractor_version != ? LIMIT 1", "x")
        assert "COVERING INDEX documents_cited" in plan(
            "SELECT d.id, d.name, d.title, d.publisher, d.date, d.url FROM documents d ORDER BY d.name")
        light = s.documents(details=False)
        assert light.to_dict("records") == s.documents()[list(light.columns)].to_dict("records")
        assert light.set_index("doc").loc["a.txt", "title"] == "德州通报" and s.reindex() == 0
    with sqlite3.connect(db) as c:
        c.execute("DROP INDEX documents_cited")
    with Store(db) as s:
        assert "documents_cited" in {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
