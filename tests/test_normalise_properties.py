"""normalize is idempotent: normalize(normalize(x)) == normalize(x), for any text."""
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pingan import normalize

# what press texts and their copy-paste damage are made of: glosses, traditional characters,
# full-width forms, doubled punctuation, odd spaces, wrapped lines, control characters
PIECES = st.sampled_from(["建設", "(shè)", "(jiàn)", " ", "\u3000", "\u00a0", "\t", "\n", "\r\n", ",", ",", "、", "。",
                          ";", ":", "!", "(", ")", "(", ")", "“", "”", "９８．５％", "98.5%", "責", "(é)", "é", "e",
                          "\u0301", "\u200b", "\ufeff", "\x07", "平安", "全市群众安全感达到", "A", "1", "ᄀ", "ᅡ",
                          "…", "\"", "社会治安综合治理工作扎实推进全市刑事案件立案数同比下降",
                          # a text copied from a PDF: page numbers and a running header between pages
                          "\n— 1 —\n", "\n第2页\n", "\n3/12\n", "\n某市综治委文件\n"])
TEXTS = st.one_of(st.text(), st.lists(PIECES, max_size=40).map("".join),
                  st.lists(st.one_of(PIECES, st.characters()), max_size=40).map("".join))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("責 (é)")
@example("建(jiàn)(shè)")
@example(", ,平安")
@example("乾圖")  # OpenCC's t2s keeps 乾 inside the phrase, converts it alone
@example("薴")    # 薴 -> 苧 -> 苎
@example("社会治安综合治理工作扎实推进全市刑事案件立案数同比下降社会治安综合治理工作\n(shè)建设")
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def _whole_rounds(text):
    """The fixed point by whole rounds, as normalize once found it."""
    from pingan.normalise import MAX_ROUNDS, _normalize_once

    if not text:
        return ""
    out = _normalize_once(text)
    for _ in range(MAX_ROUNDS):
        again = _normalize_once(out)
        if again == out:
            break
        out = again
    return out


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("責 (é)")
@example("建(jiàn)(shè)(shè)")
@example("、 、平安")
@example("乾圖")
@example("社会治安综合治理工作扎实推进全市刑事案件立案数同比下降社会治安综合治理工作\n(shè)建设")
def test_the_short_last_round_equals_whole_rounds(text):
    """normalize stops when the character steps leave a round's output as it is (the layout steps
    leave their own output as it is): the same text as repeating whole rounds."""
    assert normalize(text) == _whole_rounds(text)


def test_known_cases_reach_their_fixed_point():
    assert normalize("責 (é)") == "责"
    assert normalize("建(jiàn)(shè)设") == "建设"
    assert normalize("乾圖") == normalize("乾图") == "干图"
    assert normalize("薴") == "苎"
