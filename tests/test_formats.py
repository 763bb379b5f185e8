"""Word, PDF and web pages read into the same text as the plain text they hold: table-driven over
fixtures written at test time (tests/docfixtures.py), and each bad input refused naming the file."""
import datetime as dt
import io
import zipfile

import pytest

from pingan import extract_files
from pingan.decode import BadInput
from pingan.formats import kind_of, read_document
from tests.docfixtures import encrypt_pdf, make_docx, make_pdf, make_zip, wrap

HEAD = "六安市2022年平安建设工作通报"
P1 = "2022年全市群众安全感程度指数为96.37%,比上年提高0.4个百分点,连续四年稳居全省前列。"
P2 = "全年共破获电信网络诈骗案件1234起,抓获犯罪嫌疑人567人,为群众挽回经济损失8600万元。"
P3 = "全市共打掉涉黑组织3个、涉恶团伙15个,刑事案件立案数同比下降12.5%。"
TABLE = [["地区", "安全感"], ["金安区", "96.1%"], ["裕安区", "95.2%"]]
TABLE_TEXT = "\n".join("\t".join(r) for r in TABLE)
PLAIN = "\n".join([HEAD, P1, P2, TABLE_TEXT, P3])

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEAD}_六安市人民政府</title>
<meta property="og:site_name" content="六安市人民政府"><meta name="PubDate" content="2023-01-12 09:30">
<style>.x{{color:red}} p::after{{content:"安全感99%"}}</style>
<script>var stat = "全市安全感达到99.9%";</script></head><body>
<header><a href="/">首页</a> | <a href="/xw">新闻中心</a> | 政务公开 | 办事服务</header>
<nav>首页 &gt; 新闻中心 &gt; 工作动态</nav>
<div class="share">分享到:微信 微博 QQ空间</div>
<div class="article"><h1>{HEAD}</h1>
<div class="info">发布时间:2023-01-12 来源:六安市委政法委</div>
<p>{P1}</p><p>{P2}</p>
<table><tr><td>地区</td><td>安全感</td></tr><tr><td>金安区</td><td>96.1%</td></tr><tr><td>裕安区</td><td>95.2%</td></tr></table>
<p>{P3}</p></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">宿州市群众安全感达98.7%</a></li>
<li><a href="/2">阜阳市破获电诈案件5000起</a></li><li><a href="/3">淮北市召开平安建设推进会</a></li></ul></div>
<footer>版权所有:六安市人民政府 地址:六安市某路1号 电话:0564-0000000 皖ICP备00000000号</footer>
</body></html>"""


def _pdf_pages():
    lines = [HEAD] + wrap(P1, 28) + wrap(P2, 28)
    return [lines[:5], lines[5:] + TABLE_TEXT.replace("\t", " ").split("\n") + wrap(P3, 28)]


FIXTURES = {
    "txt": lambda: PLAIN.encode("utf-8"),
    "docx": lambda: make_docx([HEAD, P1, P2, TABLE, P3], title=HEAD, modified=dt.datetime(2023, 1, 12, 9, 0)),
    "pdf": lambda: make_pdf(_pdf_pages(), header="六安市委政法委 内部资料", footer="第 {n} 页",
                            info={"Title": f"Microsoft Word - {HEAD}.docx", "CreationDate": "D:20230112090000+08'00'"}),
    "html": lambda: PAGE.encode("utf-8"),
}


def _rows(tmp_path, suffix, data):
    folder = tmp_path / suffix
    folder.mkdir()
    (folder / f"doc.{suffix}").write_bytes(data)
    df = extract_files([folder])
    assert set(df["doc"]) == {f"doc.{suffix}"}
    return df.drop(columns=["doc"]).reset_index(drop=True)


@pytest.mark.parametrize("suffix", ["docx", "pdf", "html"])
def test_rows_equal_the_same_text_as_txt(tmp_path, suffix):
    want = _rows(tmp_path, "txt", FIXTURES["txt"]())
    assert len(want) >= 6 and {"safety_sense", "fraud_solved", "gang_mafia_orgs"} <= set(want["indicator"])
    got = _rows(tmp_path, suffix, FIXTURES[suffix]())
    assert got.to_dict("records") == want.to_dict("records")


@pytest.mark.parametrize("suffix,text,meta", [
    ("docx", PLAIN, {"title": HEAD, "date": "2023-01-12"}),
    ("pdf", PLAIN.replace(TABLE_TEXT, TABLE_TEXT.replace("\t", " ")), {"title": HEAD, "date": "2023-01-12"}),
    ("html", PLAIN, {"title": HEAD, "date": "2023-01-12", "publisher": "六安市人民政府"}),
])
def test_reader_text_and_metadata(suffix, text, meta):
    got_text, got_meta = read_document(FIXTURES[suffix](), f"doc.{suffix}")
    assert got_text.split("\n") == text.split("\n")
    assert got_meta == meta


def test_html_boilerplate_scripts_and_styles_stay_out():
    text, _ = read_document(PAGE.encode("utf-8"), "page.html")
    for noise in ("99", "首页", "分享", "相关新闻", "宿州市", "版权所有", "color", "var stat"):
        assert noise not in text


def test_html_without_main_text_falls_back_to_visible_text():
    page = ("<html><head><script>var a='安全感99%';</script><style>b{x:1}</style></head>"
            "<body><span>破获案件12起</span></body></html>")
    text, meta = read_document(page.encode("utf-8"), "short.html")
    assert text == "破获案件12起" and meta == {}


def test_url_is_kept_as_metadata():
    _, meta = read_document(PAGE.encode("utf-8"), "p.html", url="https://www.example.gov.cn/a/1.html")
    assert meta["url"] == "https://www.example.gov.cn/a/1.html"


def test_docx_merged_cells_nested_content_and_layout_table():
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "2022年各区安全感"
    t.cell(0, 2).text = "备注"
    t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "金安区", "96.1%", "上升"
    layout = d.add_table(rows=1, cols=1)
    layout.cell(0, 0).text = "第一段。"
    layout.cell(0, 0).add_paragraph("第二段。")
    out = io.BytesIO()
    d.save(out)
    text, _ = read_document(out.getvalue(), "t.docx")
    assert text.split("\n") == ["2022年各区安全感\t备注", "金安区\t96.1%\t上升", "第一段。", "第二段。"]


def test_pdf_running_lines_and_page_numbers_dropped_paragraphs_joined():
    body = "社会治安综合治理工作扎实推进,全县刑事案件立案数同比下降7.4%,八类主要刑事案件下降21.5%。"
    pages = [wrap(body, 20), ["二、下一步工作"] + wrap(body.replace("7.4", "5.3"), 20)]
    for footer in ("- {n} -", "第 {n} 页 共 2 页", "{n}/2", "{n}"):
        text, _ = read_document(make_pdf(pages, header="平安建设简报 2023年第1期", footer=footer), "b.pdf")
        assert text.split("\n") == [body, "二、下一步工作", body.replace("7.4", "5.3")], footer


def test_pdf_paragraph_continues_across_a_page_break():
    body = "全年共化解矛盾纠纷12345件,化解率达到98.7%,群众满意度持续提升,平安建设成效明显。"
    lines = wrap(body, 16)
    text, _ = read_document(make_pdf([lines[:2], lines[2:]], header="内部资料"), "c.pdf")
    assert text == body


def test_kind_is_read_from_content_first():
    pdf = make_pdf([["正文"]])
    assert kind_of(pdf, "saved-as.txt") == "pdf"
    assert kind_of(make_docx(["正文"]), "x.bin") == "docx"
    assert kind_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc") == "doc"
    assert kind_of(make_zip({"a.txt": b"x"}), "a.zip") == "zip"


def _huge_xml_docx():
    base = make_docx(["正文"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 6_000_000)  # 36 MB of XML
            dst.writestr(info.filename, data)
    return out.getvalue()


def _pdf_with_pages(n):
    return make_pdf([["第页"]] * n, header="", footer="")


BAD = [
    ("renamed.docx", lambda: make_zip({"a.txt": "不是Word文件".encode()}), "not a Word document"),
    ("truncated.docx", lambda: make_docx(["正文"])[:300], "not a readable Word document"),
    ("plain.docx", lambda: "只是文本".encode(), "not a readable Word document"),
    ("huge-xml.docx", _huge_xml_docx, "word/document.xml is .* over the"),
    ("secret.pdf", lambda: encrypt_pdf(make_pdf([["机密"]])), "password-protected"),
    ("bomb.pdf", lambda: _pdf_with_pages(1500), "1,500 pages, over the 1,000-page limit"),
    ("scan.pdf", lambda: make_pdf([[], []], images_only=True), "no text layer — OCR it first"),
    ("broken.pdf", lambda: make_pdf([["正文"]])[:200], "damaged PDF"),
    ("fake.pdf", lambda: "这不是PDF".encode(), "not a PDF"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, r"old Word format \(\.doc\): .*save it as \.docx"),
    ("bundle.zip", lambda: make_zip({"a.txt": b"x"}), "zip archive, not a document"),
]


@pytest.mark.parametrize("name,make,problem", BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_refused_naming_the_file(name, make, problem):
    with pytest.raises(BadInput, match=problem) as exc:
        read_document(make(), name)
    assert str(exc.value).startswith(name + ": ")
    assert "Traceback" not in str(exc.value)


def test_pdf_text_length_is_capped(monkeypatch):
    import pingan.pdf

    monkeypatch.setattr(pingan.pdf, "MAX_CHARS", 100)
    with pytest.raises(BadInput, match="over 100 characters"):
        read_document(make_pdf([["全县群众安全感程度指数为96.37%" * 3]] * 3), "long.pdf")


def test_owner_password_only_pdf_opens():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([[P1]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    assert read_document(out.getvalue(), "restricted.pdf")[0] == P1


@pytest.mark.parametrize("suffix,meta", [
    ("docx", {"title": HEAD, "date": "2023-01-12"}),
    ("pdf", {"title": HEAD, "date": "2023-01-12"}),
    ("html", {"title": HEAD, "date": "2023-01-12", "publisher": "六安市人民政府"}),
])
def test_store_keeps_the_readers_metadata_and_caller_values_win(tmp_path, suffix, meta):
    from pingan.store import Store

    with Store(tmp_path / "s.db") as store:
        res = store.add_bytes(f"doc.{suffix}", FIXTURES[suffix](), metadata={"url": "https://example.org/d"})
        assert res.new and len(res.rows) >= 6
        doc = store.documents().set_index("doc").loc[f"doc.{suffix}"]
        for key, value in {**meta, "url": "https://example.org/d"}.items():
            assert doc[key] == value, key
        store.add_bytes("other.docx", make_docx([P1], title="原标题"), metadata={"title": "分析员的标题"})
        assert store.documents().set_index("doc").loc["other.docx", "title"] == "分析员的标题"


@pytest.mark.parametrize("name,make,problem", BAD[:8], ids=[b[0] for b in BAD[:8]])
def test_bad_documents_leave_the_store_unchanged(tmp_path, name, make, problem):
    from pingan.store import Store

    with Store(tmp_path / "s.db") as store:
        store.add_bytes("a.txt", PLAIN.encode())
        before = (store.stamp(), store.documents().to_dict("records"))
        with pytest.raises(BadInput, match=problem):
            store.add_bytes(name, make())
        assert (store.stamp(), store.documents().to_dict("records")) == before


def _to_doc(docx: bytes, tmp_path) -> bytes | None:
    """The .docx saved as an old binary .doc by LibreOffice Writer, or None where it is not installed."""
    import subprocess

    from pingan.word import soffice

    exe = soffice()
    if not exe:
        return None
    (tmp_path / "in.docx").write_bytes(docx)
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(tmp_path / "in.docx")],
                   capture_output=True, timeout=120, check=False)
    out = tmp_path / "in.doc"
    return out.read_bytes() if out.exists() else None


def test_old_doc_is_converted_with_libreoffice_when_it_can(tmp_path):
    doc = _to_doc(FIXTURES["docx"](), tmp_path)
    if doc is None:
        pytest.skip("LibreOffice Writer is not installed (.ci/run installs it)")
    assert kind_of(doc, "old.doc") == "doc"
    text, meta = read_document(doc, "old.doc")
    assert text.split("\n") == PLAIN.split("\n")
    assert meta["title"] == HEAD


def test_old_doc_without_libreoffice_says_how_to_convert(monkeypatch):
    import pingan.word

    monkeypatch.setattr(pingan.word, "soffice", lambda: None)
    with pytest.raises(BadInput, match=r"^old.doc: old Word format \(\.doc\): open it in Word or WPS and save it as "
                                       r"\.docx, or install LibreOffice with its Writer component"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc")


def test_pdf_marks_drawn_over_a_line_take_the_place_of_their_space():
    host = "市委政法委召开 平安潍坊这五年 专题新闻发布会,欢迎媒体参加。"
    # “ at the first space (7 em in), ” at the second (7 + 0.5 + 7 em); a dash run after the line
    pdf = make_pdf([[host]], overlays=[(0, 0, 7, "“"), (0, 0, 14.5, "”")])
    assert read_document(pdf, "q.pdf")[0] == "市委政法委召开“平安潍坊这五年”专题新闻发布会,欢迎媒体参加。"


def test_a_libreoffice_pdf_reads_as_its_text(tmp_path):
    """A real word processor's export (LibreOffice, where installed): Western quotes and dashes
    drawn apart, wrapped lines, page numbers in the footer."""
    import subprocess

    from pingan.word import soffice

    exe = soffice()
    body = ("2022年,全市开展“平安六安”建设——群众安全感程度指数为96.37%,比上年提高0.4个百分点,"
            "全年共破获电信网络诈骗案件1234起,抓获犯罪嫌疑人567人,为群众挽回经济损失8600万元。")
    (tmp_path / "a.docx").write_bytes(make_docx([HEAD, body, P3]))
    if exe:
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "a.docx")],
                       capture_output=True, timeout=120, check=False)
    if not (tmp_path / "a.pdf").exists():
        pytest.skip("LibreOffice Writer is not installed (.ci/run installs it)")
    text, _ = read_document((tmp_path / "a.pdf").read_bytes(), "a.pdf")
    assert text.split("\n") == [HEAD, body, P3]


def test_pdf_paragraphs_follow_the_layout_gaps():
    a = "全市刑事案件立案数同比下降百分之十八。" + "八类主要刑事案件下降明显,群众安全感进一步提升。"
    b = "平安建设工作扎实推进全市治安形势持续向好"  # a full line that ends no sentence
    c = "第三段从这里开始。"
    lines = wrap(a, 19) + [""] + [b] + [""] + [c]  # "": a blank line between paragraphs
    assert wrap(a, 19)[0].endswith("。") and len(wrap(a, 19)[0]) == 19
    text, _ = read_document(make_pdf([lines + ["", "补充说明一句。"] * 2]), "gaps.pdf")
    assert text.split("\n")[:3] == [a, b, c]


def test_the_seeds_exported_as_pdf_by_libreoffice_give_the_rows_of_their_text(tmp_path):
    """Each seed written to .docx (a paragraph a line), exported to PDF by LibreOffice (where
    installed), read back: the rows equal those of the seed's text (quote, offsets aside: the
    PDF's text is re-wrapped)."""
    import subprocess

    from pingan.bench import seed_texts
    from pingan.extract import extract_rows
    from pingan.normalise import normalize
    from pingan.word import soffice

    exe = soffice()
    if not exe:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    seeds = seed_texts()
    for name, text in seeds:
        (tmp_path / f"{name}.docx").write_bytes(make_docx(text.split("\n")))
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *[str(tmp_path / f"{n}.docx") for n, _ in seeds]],
                   capture_output=True, timeout=300, check=False)
    if not all((tmp_path / f"{n}.pdf").exists() for n, _ in seeds):
        pytest.skip("LibreOffice could not convert .docx here (Writer missing)")
    keys = ("indicator", "value", "region", "level", "period", "unit", "qualifier")

    def rows(text, name):  # a missing value (nan) as None, so that equal rows compare equal
        return [tuple(None if r[k] != r[k] else r[k] for k in keys) for r in extract_rows(normalize(text), name)]

    for name, text in seeds:
        got, _ = read_document((tmp_path / f"{name}.pdf").read_bytes(), f"{name}.pdf")
        assert rows(got, name) == rows(text, name), name
