"""The benchmark harness runs and reports (timings themselves are printed, never asserted),
parallel extraction gives the same rows as serial, and the bulk store load behaves."""
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from pingan.bench import corpus, rotate, seed_texts
from pingan.files import extract_files
from pingan.regions import gazetteer
from pingan.store import Store
from tests.conftest import ROOT


def test_rotation_renames_divisions_consistently():
    name, text = next((n, t) for n, t in seed_texts() if n.startswith("002"))
    rotated = rotate(text, 3)
    assert "安康市" not in rotated and "安康市" in text
    found = {f for _, _, f, _ in gazetteer().find(rotated)}
    assert found and "安康市" not in found
    assert rotate(text, 3) == rotated and rotate(text, 4) != rotated and rotate(text, 0) == text


def test_corpus_size_and_names():
    docs = corpus(2)
    assert len(docs) == 2 * len(seed_texts())
    assert len({n for n, _ in docs}) == len(docs) and len({t for _, t in docs}) == len(docs)


def test_parallel_extraction_gives_the_same_rows(tmp_path):
    for name, text in corpus(3):
        (tmp_path / name).write_text(text, encoding="utf-8")
    one = extract_files([tmp_path], jobs=1)
    two = extract_files([tmp_path], jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert len(one) > 300


def test_bulk_add_equals_one_by_one(tmp_path):
    docs = corpus(2)
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        assert a.add_texts(docs, jobs=2) == len(docs)
        assert a.add_texts(docs, jobs=2) == 0            # same content again: nothing added
        for name, text in docs:
            b.add_text(name, text)
        cols = ["doc", "region", "indicator", "value", "period", "start", "value_start"]
        ra = a.rows()[cols].sort_values(cols, ignore_index=True)
        rb = b.rows()[cols].sort_values(cols, ignore_index=True)
        pd.testing.assert_frame_equal(ra, rb)


def test_bulk_add_with_an_empty_text_adds_nothing(tmp_path):
    from pingan.decode import BadInput

    with Store(tmp_path / "a.db") as a:
        with pytest.raises(BadInput, match="empty.txt"):
            a.add_texts([("ok.txt", "全市群众安全感达98%。"), ("empty.txt", "  ")])
        assert a.is_empty()


def test_duplicate_names_get_a_suffix(tmp_path):
    with Store(tmp_path / "a.db") as a:
        a.add_text("x.txt", "全市群众安全感达98%。")
        a.add_text("x.txt", "全市群众安全感达97%。")
        a.add_texts([("x.txt", "全市群众安全感达96%。")])
        assert a.names() == ["x-2.txt", "x-3.txt", "x.txt"]


def test_bench_command_prints_targets_and_writes_json(tmp_path):
    out = tmp_path / "bench.json"
    res = subprocess.run([sys.executable, "-m", "pingan", "bench", "--sizes", "1,2", "--reps", "1", "--jobs", "1",
                          "--app-size", "0", "--growth", "20", "--long-line", "0.1", "-o", str(out)],
                         capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"}, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "jieba.lcut" in res.stdout and "target >= 4x" in res.stdout and "< 1.5 s" in res.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["size"] for r in data["scaling"]] == [1, 2]
    assert data["scaling"][1]["docs"] == 2 * data["scaling"][0]["docs"]
    assert data["startup"]["jieba_loaded"] is False
    assert {"chars_per_s", "rows_per_s", "jieba_ratio", "peak_rss_mib"} <= set(data["scaling"][0])
    assert "store add / extract" in res.stdout and "5,000-doc store / empty" in res.stdout
    assert data["add"]["docs"] == 100 and data["add"]["ratio"] > 0
    assert data["growth"]["store"]["docs"] == 20 * 5 and data["growth"]["new_docs"] == 20
    assert data["growth"]["big_snapshot_current"] is True
    assert "one long line / ordinary sentences" in res.stdout and data["long_line"]["chars"] > 30_000
    assert data["long_line"]["one_line_rows"] > 0 and data["long_line"]["ratio"] > 0
