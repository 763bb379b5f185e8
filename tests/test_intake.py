"""Adding files, folders, zip archives and addresses: one result per document, the same from the
command line and the dashboard; a refused document leaves the store as it was."""
import http.server
import subprocess
import sys

import pytest

from pingan import intake
from pingan.store import Store
from tests.conftest import ROOT, serve
from tests.docfixtures import make_docx, make_pdf, make_zip, wrap
from tests.test_formats import FIXTURES, HEAD, P1, P2

TXT = "宿州市2022年全市群众安全感达到98.72%,较上年提高0.4个百分点。".encode()


def _bundle():
    return make_zip({"通报/六安.docx": FIXTURES["docx"](), "通报/宿州.txt": TXT, "通报/重复.txt": TXT,
                     "../../escape.txt": "越界".encode(), "图片.jpg": b"\xff\xd8\xff", "坏.pdf": b"%PDF-1.4 broken"})


def test_zip_upload_gives_one_result_per_document(tmp_path):
    with Store(tmp_path / "s.db") as store:
        out = intake.add(store, intake.from_upload("bundle.zip", _bundle()))
        got = [(o.label, o.status, o.doc) for o in out]
        assert got == [("bundle.zip/通报/六安.docx", "stored", "六安.docx"),
                       ("bundle.zip/通报/宿州.txt", "stored", "宿州.txt"),
                       ("bundle.zip/通报/重复.txt", "duplicate", "宿州.txt"),
                       ("bundle.zip/../../escape.txt", "refused", ""),
                       ("bundle.zip/坏.pdf", "refused", "")]
        assert "unsafe path" in out[3].detail and "damaged PDF" in out[4].detail
        assert sorted(store.names()) == ["六安.docx", "宿州.txt"]
        docs = store.documents().set_index("doc")
        assert docs.loc["六安.docx", "title"] == HEAD and docs.loc["六安.docx", "date"] == "2023-01-12"
    assert not (tmp_path.parent.parent / "escape.txt").exists()
    table = intake.table(out)
    assert list(table.columns) == ["文件", "结果", "说明", "文档"]
    assert list(table["结果"]) == ["已存入", "已存入", "重复", "拒绝", "拒绝"]


def test_a_zip_bomb_is_one_refused_line_and_stores_nothing(tmp_path, monkeypatch):
    import pingan.archive

    monkeypatch.setattr(pingan.archive, "MAX_TOTAL", 1_000_000)
    bomb = make_zip({f"{i}.txt": b"a" * 600_000 for i in range(3)})
    with Store(tmp_path / "s.db") as store:
        out = intake.add(store, intake.from_upload("bomb.zip", bomb))
        assert [(o.label, o.status) for o in out] == [("bomb.zip", "refused")]
        assert "expands to 1,800,000 bytes" in out[0].detail and store.is_empty()


def test_folder_and_archive_on_disk_match_the_upload(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(TXT)
    (folder / "sub" / "b.docx").write_bytes(make_docx([P1, P2]))
    (folder / "sub" / "c.zip").write_bytes(make_zip({"d.pdf": make_pdf([wrap(P2, 28)])}))
    (folder / "photo.png").write_bytes(b"\x89PNG")
    items = intake.gather([folder])
    assert [(i.label, i.name) for i in items] == [(str(folder / "a.txt"), "a.txt"),
                                                  (str(folder / "sub" / "b.docx"), "b.docx"),
                                                  (f"{folder / 'sub' / 'c.zip'}/d.pdf", "d.pdf")]
    with Store(tmp_path / "s.db") as store:
        out = intake.add(store, items)
        assert [o.status for o in out] == ["stored"] * 3


def test_replaced_bytes_are_said_in_the_result(tmp_path):
    data = TXT.replace("安全感".encode(), "安全感".encode() + b"\xed\xa0\x80")
    with Store(tmp_path / "s.db") as store:
        (out,) = intake.add(store, intake.from_upload("odd.txt", data))
    assert out.status == "stored" and out.notes == ["3 invalid UTF-8 byte(s) replaced with \ufffd"]
    assert out.line().endswith("; 3 invalid UTF-8 byte(s) replaced with \ufffd")


PAGE = (f"<html><head><title>{HEAD}</title><meta property='og:site_name' content='六安市人民政府'></head><body>"
        f"<article><h1>{HEAD}</h1><p>{P1}</p><p>{P2}</p></article></body></html>").encode()


@pytest.fixture(scope="module")
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            body, code = (PAGE, 200) if self.path == "/news/1.html" else (b"no", 404)
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    yield from serve(Handler)


def _cli(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "pingan", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_cli_adds_an_address_a_folder_and_a_zip(tmp_path, server):
    db = tmp_path / "c.db"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TXT.replace(b"98.72", b"97.5"))
    (tmp_path / "b.zip").write_bytes(_bundle())
    res = _cli("add", server + "/news/1.html", str(folder), str(tmp_path / "b.zip"), "--db", str(db),
               "--allow-private-addresses")
    assert res.returncode == 2, res.stderr  # two documents of the zip are refused
    assert "127.0.0.1_1.html: stored" in res.stdout and "a.txt: stored" in res.stdout
    assert "六安.docx: stored" in res.stdout and "宿州.txt: already stored" in res.stdout
    assert f"{tmp_path / 'b.zip'}/../../escape.txt: unsafe path" in res.stderr
    assert "坏.pdf: damaged PDF" in res.stderr and "Traceback" not in res.stderr
    with Store(db) as store:
        docs = store.documents().set_index("doc")
    assert docs.loc["127.0.0.1_1.html", "url"] == server + "/news/1.html"
    assert docs.loc["127.0.0.1_1.html", "publisher"] == "六安市人民政府"
    assert docs.loc["127.0.0.1_1.html", "title"] == HEAD


def test_cli_refuses_loopback_without_the_flag_and_names_a_404(tmp_path, server):
    db = tmp_path / "c.db"
    res = _cli("add", server + "/news/1.html", "--db", str(db), env={"PINGAN_ALLOW_PRIVATE_URLS": ""})
    assert res.returncode == 2 and "non-public address" in res.stderr and "Traceback" not in res.stderr
    res = _cli("add", server + "/gone.html", "--db", str(db), "--allow-private-addresses")
    assert res.returncode == 2 and f"{server}/gone.html: page not found (HTTP 404)" in res.stderr
    with Store(db) as store:
        assert store.is_empty()


def test_replaced_bytes_are_said_from_worker_processes_too(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_bytes(TXT.replace(b"98.72", f"9{i}.5".encode()) + b"\xff")
    with Store(tmp_path / "s.db") as store:
        out = intake.add(store, intake.gather([folder]), jobs=2)
    assert [o.status for o in out] == ["stored"] * 4
    assert all(o.notes == ["1 invalid UTF-8 byte(s) replaced with \ufffd"] for o in out)


def test_a_fifo_in_a_folder_is_refused_without_waiting(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "real.txt").write_bytes(TXT)
    with Store(tmp_path / "s.db") as store:
        out = intake.add(store, intake.gather([folder, tmp_path / "missing.docx"]))
    assert [(o.label, o.status) for o in out] == [(str(folder / "pipe.txt"), "refused"), (str(folder / "real.txt"), "stored"),
                                                   (str(tmp_path / "missing.docx"), "refused")]
    assert "FIFO" in out[0].detail and "cannot read" in out[2].detail
