"""One way through the library: extract_many gives, for every caller (extract_files, --jobs,
the store), exactly the rows of normalise + extract_rows on each file; bad input comes back
as a result naming the file, from worker processes too."""
import pandas as pd
import pytest

import pingan.workers

from pingan.decode import BadInput
from pingan.extract import COLUMNS, extract_rows, rows_to_frame
from pingan.files import extract_files, iter_text_files, read_text_file
from pingan.normalise import normalize
from pingan.pipeline import ExtractionFailed, extract_many
from pingan.store import Store
from tests.conftest import ROOT, SHARED

FOLDERS = [ROOT / "seeds"] + ([SHARED / "dev" / "docs"] if (SHARED / "dev" / "docs").is_dir() else [])


@pytest.fixture(scope="module")
def reference():
    """The rows as every caller computed them before there was one pipeline."""
    rows = []
    for path in iter_text_files(FOLDERS):
        rows.extend(extract_rows(normalize(read_text_file(path)), path.name))
    return rows_to_frame(rows)


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_files_gives_the_rows_of_normalise_and_extract(reference, jobs):
    pd.testing.assert_frame_equal(extract_files(FOLDERS, jobs=jobs), reference)
    assert len(reference) > 300


def test_the_store_holds_the_same_rows(reference, tmp_path):
    with Store(tmp_path / "p.db") as s:
        results = s.add_files(FOLDERS, jobs=2)
        assert all(r.new for r in results)
        stored = s.rows()[COLUMNS]
    # the store orders by document name; within a document, the extraction's order
    expected = reference.sort_values("doc", kind="stable", ignore_index=True)
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), expected)


def folder_with_bad_files(tmp_path):
    for i in range(6):
        (tmp_path / f"ok{i}.txt").write_text(f"淄博市2022年全市群众安全感达到9{i}.5%。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK" * 50)
    return tmp_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_files_come_back_as_results_naming_them(tmp_path, jobs):
    folder = folder_with_bad_files(tmp_path)
    paths = list(iter_text_files([folder]))
    done = extract_many(paths, [p.name for p in paths], jobs=jobs)
    assert [d.name for d in done] == [p.name for p in paths]
    bad = {d.name: d.error for d in done if d.error is not None}
    assert set(bad) == {"empty.txt", "binary.txt"}
    assert all(isinstance(e, BadInput) and str(folder) in str(e) for e in bad.values())
    assert sum(len(d.rows) for d in done) == 6


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_files_raises_the_first_bad_file_by_name(tmp_path, jobs):
    folder = folder_with_bad_files(tmp_path)
    with pytest.raises(BadInput, match="binary.txt"):   # binary.txt sorts before empty.txt
        extract_files([folder], jobs=jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_extractor_failure_names_the_document(monkeypatch, jobs):
    import pingan.pipeline

    def boom(norm, name):
        if name == "c.txt":
            raise IndexError("a defect")
        return []

    monkeypatch.setattr(pingan.pipeline, "extract_rows", boom)   # forked workers inherit it; spawned ones do not
    if jobs > 1 and pingan.workers.start_method() != "fork":
        pytest.skip("workers are spawned here")
    with pytest.raises(ExtractionFailed, match=r"(?s)c\.txt: the extractor failed.*IndexError: a defect"):
        extract_many(["甲。", "乙。", "丙。", "丁。"], ["a.txt", "b.txt", "c.txt", "d.txt"], jobs=jobs)


def test_sources_may_be_texts_bytes_or_paths(tmp_path):
    p = tmp_path / "a.txt"
    text = "滨州市平安建设发布会\n来源:滨州市委政法委\n2022年全市群众安全感为97.3%,较上年提高。"
    p.write_bytes(text.encode("gb18030"))
    a, b, c = extract_many([text, text.encode("utf-8"), p], ["a.txt", "a.txt", "a.txt"], meta=True)
    assert a.rows == b.rows == c.rows and len(a.rows) == 1 and a.norm == c.norm
    assert a.meta == c.meta == {"title": "滨州市平安建设发布会", "publisher": "滨州市委政法委", "date": "", "url": ""}


@pytest.mark.parametrize("jobs", [1, 2])
def test_decoding_notes_come_back_from_the_workers(jobs):
    from pingan.decode import notes

    good = "淄博市2022年全市群众安全感达到97.5%,较上年提高0.3个百分点。".encode("utf-8")
    bad = [good[:10] + b"\xff" + good[10:] for _ in range(4)]
    with notes() as got:
        done = extract_many(bad, [f"n{i}.txt" for i in range(4)], jobs=jobs)
    assert all(d.notes for d in done)
    assert sorted(line.split(":")[0] for line in got) == [f"n{i}.txt" for i in range(4)]
