"""extract_text never raises and always returns the full column set."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan import COLUMNS, extract_text, normalize

# Text drawn from the characters press texts are made of, plus anything at all.
PIECES = st.sampled_from(["全市", "全省", "XX", "扫黑除恶", "满意度", "安全感", "达", "98.5%", "1.2万", "余件", "起",
                          "同比下降", "分别", "、", ",", "。", "\n", "(shè)", "建設", "六安", "大理州", "2022年",
                          "以来", "百分之", "九十", "打掉涉黑组织", "团伙", "人", "元", "亿", "养老诈骗", "矛盾纠纷"])
TEXTS = st.one_of(st.text(), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_never_raises(text):
    df = extract_text(text, doc="x")
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    norm = normalize(text)
    for r in df.itertuples():
        assert norm[r.start:r.end] == r.quote


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=20), st.text(max_size=50))
def test_lone_surrogates(surrogates, text):
    df = extract_text(text + surrogates + "全市群众安全感达98%", doc="x")
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS


def test_very_long_text():
    text = ("全县群众安全感程度指数为96.14%。打掉涉黑组织3个,破获刑事案件12起。" * 3000)
    df = extract_text(text)
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS and len(df) >= 1
