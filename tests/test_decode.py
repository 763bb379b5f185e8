import pytest

from pingan import extract_files
from pingan.decode import BadInput, bytes_to_text, decode_bytes

TEXT = "安庆市群众安全感程度指数96.92%,扫黑除恶常态化工作持续深入,全市共打掉涉黑组织7个。"
TRAD = "安慶市群眾安全感程度指數96.92%,掃黑除惡常態化工作持續深入,全市共打掉涉黑組織7個。"


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
            "<nav>首页 > 新闻</nav><p>2021年,全市群众安全感程度指数为97.06%。</p></body></html>")
    text = bytes_to_text(page.encode("utf-8"), "a.html")
    assert "97.06%" in text and "99%" not in text and "首页" not in text and "color" not in text


def test_extract_files_reads_gb18030(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "b.txt").write_bytes(TRAD.encode("big5"))
    df = extract_files([tmp_path])
    assert set(df.doc) == {"a.txt", "b.txt"}
    assert set(df.indicator) == {"safety_sense", "gang_mafia_orgs"}
    assert set(df.region) == {"安庆市"}


PURE = "扫黑除恶专项斗争取得显著成效。全市群众安全感明显提升。"  # Chinese only: UTF-16 without any NUL byte


@pytest.mark.parametrize("data,expected", [
    (TEXT.encode("utf-16-le"), TEXT),
    (TEXT.encode("utf-16-be"), TEXT),
    (PURE.encode("utf-16-le"), PURE),
    (PURE.encode("utf-16-be"), PURE),
    (TRAD.encode("utf-16-le"), TRAD),
    (TEXT.encode("utf-32"), TEXT),  # with its BOM, which begins like UTF-16's
])
def test_utf16_without_bom_is_detected(data, expected):
    assert decode_bytes(data, "x.txt") == expected


@pytest.mark.parametrize("text", [TEXT, PURE, TRAD, TEXT * 3 + PURE])
@pytest.mark.parametrize("enc", ["gb18030", "big5"])
def test_gb_and_big5_of_even_length_are_not_taken_for_utf16(text, enc):
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        pytest.skip("not representable")
    if len(data) % 2:
        data += b" "
    assert decode_bytes(data, "x.txt").strip() == text


@pytest.mark.parametrize("offset", [0, 10, 4095, 4096, 5000, 100_000])
def test_one_nul_rule_wherever_the_nul_is(offset):
    data = bytearray(("平安建设" * 20000).encode("utf-8"))
    data[offset] = 0
    with pytest.raises(BadInput, match=f"x.txt: file looks binary \\(a NUL byte at offset {offset:,}\\)"):
        decode_bytes(bytes(data), "x.txt")


def test_a_lone_surrogate_in_utf8_is_replaced_and_noted():
    from pingan.decode import notes

    data = TEXT.encode("utf-8").replace("指数".encode(), "指数".encode() + b"\xed\xa0\x80")
    with notes() as got:
        text = decode_bytes(data, "x.txt")
    assert text == TEXT.replace("指数", "指数\ufffd\ufffd\ufffd")
    assert got == ["x.txt: 3 invalid UTF-8 byte(s) replaced with \ufffd"]
    from pingan import extract_text  # and the figure is still found

    assert 96.92 in set(extract_text(text)["value"])


def test_many_invalid_bytes_are_not_utf8_with_replacements():
    data = TEXT.encode("utf-8") + bytes(range(0x80, 0xC0)) * 4
    with pytest.raises(BadInput):
        decode_bytes(data, "x.txt")


def test_notes_outside_a_collector_are_dropped_and_nested_collectors_pass_them_up():
    from pingan.decode import notes

    bad = TEXT.encode("utf-8") + b"\xff"
    decode_bytes(bad, "a.txt")  # no collector: nothing to record, no error
    with notes() as outer:
        with notes() as inner:
            decode_bytes(bad, "b.txt")
        assert inner == ["b.txt: 1 invalid UTF-8 byte(s) replaced with \ufffd"]
    assert outer == inner
