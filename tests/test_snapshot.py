"""The rows snapshot: used only when it is of the store's state, extended by appending a part
(nothing already written is rewritten), equal to a full rebuild, merged back lazily."""
import pandas as pd

from pingan import snapshot
from pingan.bench import corpus
from pingan.store import Store


def current(s):
    return s._snapshot().read(s.rows_stamp())


def test_rows_snapshot_is_used_only_when_current(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.add_text("a.txt", "六安市全市群众安全感达98%。")
        first = s.rows()
        assert s.snapshot_path.exists()
        pd.testing.assert_frame_equal(first, s.rows())
        s.add_text("b.txt", "宿州市全市群众安全感达97%。")   # the stamp changes: extended by a part
        assert set(s.rows()["doc"]) == {"a.txt", "b.txt"}
        rid = int(s.rows().row_id.iloc[0])
        s.correct(rid, "edit", "张三", {"value": 99.0})
        assert current(s) is None                             # a correction makes it stale
        assert 99.0 in set(s.rows()["value"])
        s.snapshot_path.write_bytes(b"not parquet")          # a torn file is only a cache miss
        assert current(s) is None
        assert 99.0 in set(s.rows()["value"])


def test_a_metadata_edit_changes_the_stamp_but_keeps_the_snapshot(tmp_path):
    """Caches of what is shown are keyed by the stamp (a source line cites the title), while the rows
    snapshot, of the rows only, stays current: a title edit costs no rebuild."""
    with Store(tmp_path / "t.db") as s:
        s.add_text("a.txt", "六安市全市群众安全感达98%。")
        s.rows()
        stamp, base = s.stamp(), s.snapshot_path.read_bytes()
        s.set_metadata(int(s.documents().doc_id.iloc[0]), title="六安通报")
        assert s.stamp() != stamp and s.rows_stamp() == stamp[:4]
        assert current(s) is not None
        s.set_metadata(int(s.documents().doc_id.iloc[0]), publisher="六安市委政法委")
        assert s.stamp()[-1] == 2                                 # every edit counts
        assert s.rows()["doc"].tolist() == ["a.txt"] and s.snapshot_path.read_bytes() == base


def test_adding_documents_extends_the_snapshot_to_what_a_rebuild_gives(tmp_path):
    db = tmp_path / "x.db"
    with Store(db) as s:
        s.add_texts(corpus(1), jobs=1)
        assert current(s) is not None                            # a bulk load into an empty store leaves it current
        rid = int(s.rows().query("indicator == 'safety_sense'").row_id.iloc[0])
        s.correct(rid, "edit", "张三", {"value": 99.5})
        doc = s.names()[0]
        s.add_missing(doc, 0, 2, "safety_sense", 97.0, "李四")
        s.rows()                                                 # snapshot at this state
        base = s.snapshot_path.read_bytes()
        s.add_text("zz.txt", "宿州市全市群众安全感达97.6%。")       # sorts after every seed copy
        s.add_text("a0.txt", "六安市全市群众安全感达98.1%。")       # sorts before them
        s.add_texts([(n + ".b", t) for n, t in corpus(2)[5:7]], jobs=1)
        assert s.snapshot_path.read_bytes() == base              # the base was not rewritten
        assert len(s._snapshot().parts()) == 3                   # one part per batch
        extended = current(s)
        assert extended is not None and {"zz.txt", "a0.txt"} <= set(extended["doc"])
        s.snapshot_path.unlink()
        rebuilt = s.rows()
        pd.testing.assert_frame_equal(extended, rebuilt.drop(columns="color"))   # colours are added on read
        assert 99.5 in set(rebuilt["value"]) and rebuilt["row_id"].isna().iloc[-1]
        assert s._snapshot().parts() == []                       # a rebuild removes the parts it replaces


def test_many_parts_are_merged_back_on_read(tmp_path):
    with Store(tmp_path / "m.db") as s:
        s.add_text("a.txt", "六安市全市群众安全感达98%。")
        s.rows()
        for i in range(snapshot.COMPACT_AT):
            s.add_text(f"p{i}.txt", f"宿州市全市群众安全感达9{i}%。")
        assert len(s._snapshot().parts()) == snapshot.COMPACT_AT
        merged = s.rows()                                        # read: merged into one base
        assert s._snapshot().parts() == [] and current(s) is not None
        assert len(merged) == snapshot.COMPACT_AT + 1 and list(merged["doc"]) == sorted(merged["doc"])


def test_an_adder_merges_parts_when_nobody_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot, "MAX_PARTS", 3)
    with Store(tmp_path / "n.db") as s:
        s.add_text("a.txt", "六安市全市群众安全感达98%。")
        s.rows()
        for i in range(5):
            s.add_text(f"p{i}.txt", f"宿州市全市群众安全感达9{i}%。")
        assert len(s._snapshot().parts()) < 3
        got = current(s)
        s.snapshot_path.unlink()
        pd.testing.assert_frame_equal(got, s.rows().drop(columns="color"))


def test_a_part_of_another_state_is_never_used(tmp_path):
    with Store(tmp_path / "o.db") as s:
        s.add_text("a.txt", "六安市全市群众安全感达98%。")
        s.rows()
        s.add_text("b.txt", "宿州市全市群众安全感达97%。")
        part = s._snapshot().parts()[0]
        part.unlink()                                            # the link from the base to now is gone
        assert current(s) is None
        assert set(s.rows()["doc"]) == {"a.txt", "b.txt"}
