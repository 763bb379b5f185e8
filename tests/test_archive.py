"""A .zip of documents is read in memory, member by member, with its hostile cases refused by name."""
import io
import zipfile

import pytest

from pingan.archive import members
from pingan.decode import BadInput
from tests.docfixtures import make_docx, make_zip


def _one(zip_bytes, name="bundle.zip", **kw):
    return [(m.label, m.name, m.data, str(m.error) if m.error else None) for m in members(zip_bytes, name, **kw)]


def test_documents_in_order_others_skipped():
    docx = make_docx(["正文"])
    data = make_zip({"a.txt": "甲".encode(), "sub/b.docx": docx, "sub/photo.jpg": b"\xff\xd8",
                     "__MACOSX/._a.txt": b"x", ".hidden.txt": b"x", "c.PDF": b"%PDF-1.4"})
    got = _one(data)
    assert [(label, name) for label, name, _, _ in got] == [
        ("bundle.zip/a.txt", "a.txt"), ("bundle.zip/sub/b.docx", "b.docx"), ("bundle.zip/c.PDF", "c.PDF")]
    assert got[1][2] == docx and all(err is None for *_, err in got)


def test_gbk_member_names_are_read():
    # as a Chinese Windows zips it: the name's GBK bytes, no UTF-8 flag
    data = make_zip({"XXXX.txt": "正文".encode()}).replace(b"XXXX.txt", "通报.txt".encode("gbk"))
    assert _one(data)[0][1:3] == ("通报.txt", "正文".encode())


@pytest.mark.parametrize("path", ["../../x.txt", "/etc/x.txt", "a/../../x.txt", "..\\..\\x.txt", "C:/x.txt"])
def test_path_traversal_is_refused_and_nothing_written(tmp_path, monkeypatch, path):
    monkeypatch.chdir(tmp_path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo(path), "越界".encode())
        zf.writestr("ok.txt", "正文".encode())
    got = _one(out.getvalue())
    assert got[0][3] and "unsafe path in the archive" in got[0][3] and got[0][2] is None
    assert got[1][:3] == ("bundle.zip/ok.txt", "ok.txt", "正文".encode())
    assert list(tmp_path.iterdir()) == [] and not (tmp_path.parent / "x.txt").exists()


def test_zip_bomb_is_refused_before_reading():
    data = make_zip({f"{i}.txt": b"\0" * 2_000_000 for i in range(10)})  # 20 MB in ~20 KB
    assert len(data) < 100_000
    with pytest.raises(BadInput, match="bomb.zip: the archive expands to 20,000,000 bytes, over the 10,000,000"):
        _one(data, "bomb.zip", max_total=10_000_000)


def test_member_over_the_upload_limit_and_nested_archive_are_refused():
    data = make_zip({"big.txt": b"a" * 2000, "inner.zip": make_zip({"x.txt": b"x"}), "ok.txt": b"ok"})
    got = _one(data, max_bytes=1000)
    assert "over the 1,000-byte limit" in got[0][3]
    assert "archive inside the archive" in got[1][3]
    assert got[2][2] == b"ok"


def test_a_member_whose_declared_size_lies_is_cut_at_the_limit():
    data = bytearray(make_zip({"a.txt": b"a" * 5000}, compression=zipfile.ZIP_STORED))
    # declared uncompressed size 10 in both headers: the reader must not trust it for the limit
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = data.find(sig)
        data[i + off:i + off + 4] = (10).to_bytes(4, "little")
    got = _one(bytes(data), max_bytes=1000)
    assert got[0][2] is None or len(got[0][2]) <= 1000


def test_not_a_zip():
    with pytest.raises(BadInput, match="x.zip: not a readable zip archive"):
        _one(b"PK\x03\x04garbage", "x.zip")
