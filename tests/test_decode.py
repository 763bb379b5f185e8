import pytest

from pingan import extract_files
from pingan.decode import BadInput, bytes_to_text, decode_bytes

TEXT = "六安市群众安全感程度指数97.51%,扫黑除恶专项斗争取得显著成效,全市共打掉涉黑组织14个。"
TRAD = "六安市群眾安全感程度指數97.51%,掃黑除惡專項鬥爭取得顯著成效,全市共打掉涉黑組織14個。"


@pytest.mark.parametrize("data,expected", [
    (TEXT.encode("utf-8"), TEXT),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
    (TEXT.encode("gb18030"), TEXT),
    (TEXT.encode("gbk"), TEXT),
    (TRAD.encode("big5"), TRAD),
    (TEXT.encode("utf-16"), TEXT),
])
def test_decodes(data, expected):
    assert decode_bytes(data, "x.txt") == expected


@pytest.mark.parametrize("data,problem", [
    (b"", "empty"),
    (b"   \n ", "empty"),
    (b"\x00\x01\x02\x03binary\x00", "binary"),
    (bytes(range(128, 256)) * 50, "not readable"),
])
def test_bad_input_names_the_file(data, problem):
    with pytest.raises(BadInput) as exc:
        decode_bytes(data, "report.txt")
    assert "report.txt" in str(exc.value)


def test_size_limit():
    with pytest.raises(BadInput, match="big.txt.*limit"):
        decode_bytes(b"a" * 101, "big.txt", max_bytes=100)


def test_html_scripts_styles_and_navigation_are_dropped():
    page = ("<html><head><style>p{color:red}</style><script>var x='全市安全感99%';</script></head><body>"
            "<nav>首页 > 新闻</nav><p>2022年,全市群众安全感程度指数达到95.89%。</p></body></html>")
    text = bytes_to_text(page.encode("utf-8"), "a.html")
    assert "95.89%" in text and "99%" not in text and "首页" not in text and "color" not in text


def test_extract_files_reads_gb18030(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "b.txt").write_bytes(TRAD.encode("big5"))
    df = extract_files([tmp_path])
    assert set(df.doc) == {"a.txt", "b.txt"}
    assert set(df.indicator) == {"safety_sense", "gang_mafia_orgs"}
    assert set(df.region) == {"六安市"}
