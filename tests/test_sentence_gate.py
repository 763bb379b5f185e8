"""A sentence in which no wording could name a figure is not read (Lexicon.might_name): it gives
the same rows as reading it. The gate reads the lexicon's patterns loosely (loosen) and checks the
words they require (required_words)."""
import contextlib

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan import extract_text
from pingan.indicators import lexicon, loosen, required_words


@pytest.mark.parametrize("pattern, loose", [
    ("^(?:其中)?(?:立案|发案)$", "(?:其中)?(?:立案|发案)"),
    ("网格(?!员)", "网格"),
    (r"(?<=\p{Han})某(?:某)?", "某(?:某)?"),
    ("(?<!潜在|可能)受害(?:人|者)", "受害(?:人|者)"),
    ("[^,;被]{1,14}被", "[^,;被]{1,14}被"),
    ("a(?:b(?=c)|d)+", "a(?:b|d)+"),
    ("[$^]x[^$]", "[$^]x[^$]"),  # in a class, ^ and $ are characters
    (r"\$\^", r"\$\^"),
])
def test_loosen_drops_anchors_and_lookarounds_only(pattern, loose):
    assert loosen(pattern) == loose


@pytest.mark.parametrize("pattern", [r"\b案件", r"(a)\1", r"\A立案"])
def test_loosen_refuses_what_it_cannot_drop(pattern):
    assert loosen(pattern) is None


@pytest.mark.parametrize("pattern, words", [
    ("(?P<what>[^,;]{1,14})被(?:依法|成功)*(?P<verb>[^,;]{1,10})", [("被",)]),
    ("的(?:受访)?对(?P<subj>[^,;]{1,16}?)(?:表示)*满意", [("的",), ("对",), ("满意",)]),
    ("(?:电信|网络)?(?:诈骗|电诈)(?:犯罪)?案件", [("诈骗", "电诈"), ("案件",)]),
    ("(?:破获|侦破).{0,6}案件", [("破获", "侦破"), ("案件",)]),
    ("刑事|治安", []),  # alternatives at the top: nothing every match holds
    ("(?:a|b)?c", [("c",)]),
])
def test_required_words(pattern, words):
    assert required_words(pattern) == words


def _lexicon_patterns():
    lex = lexicon()
    g = lex.grammar
    pats = [rx.pattern for ind in (*lex.indicators.values(), *lex._topical) for rx in (*ind.triggers, *ind.after)]
    pats += [g.passive.pattern, g.share_satisfied.pattern, g.rank_intro.pattern]
    return pats


_WORDS = sorted({w for p in _lexicon_patterns() for f in required_words(loosen(p)) for w in f})
_PIECES = st.sampled_from(_WORDS + ["全市", "全县", "我市", "XX市", "98.5%", "96.1分", "1,234起", "12件", "3个", "87人",
                                    "2.3亿元", "同比下降", "上升", "分别为", "依次为", "、", "和", ",", ";", ":", "。",
                                    "其中", "2021年", "2019年至2021年", "以来", "被", "对", "表示满意", "排名前三的是",
                                    "以", "的", "位列", "第一", "达", "为"])
_TEXTS = st.lists(_PIECES, min_size=1, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.data())
def test_a_loose_pattern_matches_wherever_the_pattern_matches_in_a_part(text, data):
    """What the gate relies on: a part of a text (a subject, the words after a figure, two parts
    joined) never matches a pattern where the loose pattern and its required words do not."""
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    part = text[a:b]
    for p in _lexicon_patterns():
        if regex.search(p, part):
            assert regex.search(loosen(p), text), p
            assert all(any(w in text for w in f) for f in required_words(loosen(p))), p


@contextlib.contextmanager
def _gate_off():
    lex = lexicon()
    saved = lex._gate_rules
    lex._gate_rules = None  # might_name answers True: every sentence with a figure is read
    try:
        yield
    finally:
        lex._gate_rules = saved


def test_the_gate_is_on_for_the_shipped_lexicon():
    assert lexicon()._gate_rules is not None
    assert not lexicon().might_name("开展政法队伍教育整顿,举办读书班12期。", 0, 20, {"期"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=4).map("\n".join))
def test_gated_rows_equal_reading_every_sentence(text):
    fast = extract_text(text, doc="x")
    with _gate_off():
        slow = extract_text(text, doc="x")
    assert fast.equals(slow)


@pytest.mark.parametrize("text", [
    "全县共立电信网络诈骗案件864起,913起案件被成功侦破,其中电诈案件同比下降9.7%。",
    "98.52%的群众对社会治安状况表示满意;安全感和满意度分别为97.1%、96.2%。",
    "排名前三的是甲县、乙县、丙县,分别为98.1%、97.9%、97.5%。",
    "电信网络诈骗工作:立案1326起;破案892起。",
    "举办读书班12期,组织集中学习704次。全市群众安全感达98.5%。",
])
def test_gated_rows_equal_reading_every_sentence_on_written_cases(text):
    fast = extract_text(text, doc="x")
    with _gate_off():
        slow = extract_text(text, doc="x")
    assert fast.equals(slow)
