"""Extraction stays linear in a sentence's length, and its fast paths equal the slow ones.

A sentence of a million characters (one line, no full stop) once cost the square of its length:
each figure rescanned the sentence for places, held stretches and time expressions. Now a
sentence's scope words and places are found once and looked up by bisection (_Doc.markers), the
stretches earlier figures hold are a union of intervals (_Held), and time expressions are found
by bisection (_Periods). These properties hold each fast path to the plain computation it replaced.
The time figures (a 4 MB single line against 4 MB of ordinary sentences) are printed by
`python -m pingan bench`.
"""
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan.articles import Scan, scope_markers, split_articles
from pingan.extract import _Doc, _Held, _Periods, extract_rows
from pingan.normalise import normalize
from pingan.periods import Period

PIECES = st.sampled_from(["全市", "全省", "全国", "我县", "XX", "XX市", "本州", "六安市", "大理州", "霍邱县", "浦东新区",
                          "满意度", "安全感", "达", "98.5%", "位列全省第一", "第二", "、", ",", "2022年", "的", "和"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join), st.data())
def test_cached_markers_equal_a_fresh_scan(text, data):
    d = _Doc.of(text, "x")
    d.art = split_articles(text, d.scan)[0]
    d.enter_sentence(0, len(text))
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    fresh = scope_markers(text, a, b, d.art, Scan(text))
    assert d.markers(a, b) == fresh
    assert list(d.markers_back(a, b)) == fresh[::-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=25), st.lists(st.integers(-2, 95)))
def test_held_is_the_union_of_its_intervals(spans, points):
    held, plain = _Held(), []
    for a, n in spans:
        held.add(a, a + n)
        plain.append((a, a + n))
        assert all(x < y for x, y in zip(held.starts, held.starts[1:]))  # disjoint and ordered
    for p in points:
        assert held.covers(p) == any(a <= p < b for a, b in plain)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.booleans()), max_size=12), st.integers(-1, 60), st.booleans())
def test_periods_before_is_the_last_one_before(raw, at, rate):
    periods = sorted(((pos, Period(2000 + pos, 2000 + pos, "annual" if annual else str(2000 + pos)))
                      for pos, annual in raw), key=lambda x: x[0])
    best = None
    for pos, p in periods:
        if pos < at and not (p.label == "annual" and rate):
            best = p
    assert _Periods(periods).before(at, rate) == best


def test_one_long_line_gives_the_rows_of_its_clauses():
    # a figure in a sentence of 20,000 clauses is read as it is in a sentence of one
    clause = "XX县群众安全感为97.5%,刑事案件同比下降8.1%,"
    one = extract_rows(normalize("2022年,全市群众安全感为96.1%," + clause * 20000), "x")
    assert len(one) == 1 + 2 * 20000
    assert {(r["indicator"], r["value"], r["period"]) for r in one} == {
        ("safety_sense", 96.1, "2022"), ("safety_sense", 97.5, "2022"), ("criminal_cases_change", -8.1, "2022")}


@given(st.text(alphabet="甲,;。", max_size=12), st.data())
def test_after_last_is_just_past_the_last_stop(text, data):
    from pingan.located import after_last

    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    got = after_last(text, ",;", a, b)
    assert a <= got <= b
    assert not any(c in ",;" for c in text[got:b])
    assert got == a or text[got - 1] in ",;"
