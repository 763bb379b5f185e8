import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan import numbers
from pingan.numbers import find_figures

CASES = [
    ("群众安全感程度指数97.51%", [(97.51, "%", "exact")]),
    ("排查调解各类矛盾纠纷12.4万余件", [(124000, "件", "at_least")]),
    ("调处成功率达98%以上", [(98, "%", "at_least")]),
    ("查封、冻结、扣押资产约10.35亿元", [(1035000000, "元", "approx")]),
    ("查扣涉案资产9471.89万元", [(94718900, "元", "exact")]),
    ("抓获犯罪嫌疑人1.37万人", [(13700, "人", "exact")]),
    ("年均破获电诈及其关联案件1600余起", [(1600, "起", "at_least")]),
    ("全市年均破获刑事案件近3万起", [(30000, "起", "approx")]),
    ("刑事案件立案数从2012年的30万余起降至2021年的24万余起", [(300000, "起", "at_least"), (240000, "起", "at_least")]),
    ("挽回经济损失300余亿元", [(30000000000, "元", "at_least")]),
    ("侦破案件49件86起", [(49, "件", "exact"), (86, "起", "exact")]),
    ("破获刑事案件11案17人", [(11, "案", "exact"), (17, "人", "exact")]),
    ("共预警、劝阻191.2万余人次", [(1912000, "人次", "at_least")]),
    ("对114名犯罪嫌疑人采取刑事强制措施", [(114, "名", "exact")]),
    ("群众对网格工作满意度超过98%", [(98, "%", "at_least")]),
    ("满意率百分之九十八", [(98, "%", "exact")]),
    ("打掉涉黑组织三个", [(3, "个", "exact")]),
    ("抓获犯罪嫌疑人三千余人", [(3000, "人", "at_least")]),
    ("行业性专业性调解组织140多个", [(140, "个", "at_least")]),
    ("办理案件1,234件", [(1234, "件", "exact")]),
    ("群众安全感指数95.6分", [(95.6, "分", "exact")]),
    ("成功率保持在90%左右", [(90, "%", "approx")]),
    # not figures
    ("2022年10月18日", []),
    ("分别位居全省第5、第3", []),
    ("每次不低于30分钟", []),
    ("群众满意度同比上升7个位次", []),
    ("党的十八大以来", []),
    ("一站式矛盾纠纷调解中心", []),
    ("万人助万企", []),
    ("电话(029—12340)", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_figures(text, expected):
    got = [(f.value, f.unit, f.qualifier) for f in find_figures(text)]
    assert len(got) == len(expected), got
    for (v, u, q), (ev, eu, eq) in zip(got, expected):
        assert v == pytest.approx(ev)
        assert (u, q) == (eu, eq)


def test_offsets_point_at_the_number():
    text = "全市共立刑事案件2707件,同比下降16.75%"
    figs = list(find_figures(text))
    assert text[figs[0].num_start:figs[0].end] == "2707件"
    assert text[figs[1].num_start:figs[1].end] == "16.75%"


# The candidate prefilter must never lose or change a figure: find_figures equals FIGURE over the
# whole text, on text built from the pieces figures are made of.
FIGURE_PIECES = st.sampled_from(list("0123456789.,点余多约近超逾第前a年万亿千百十一二两三九零〇人个名件起元%分次钟之")
                                + ["百分之", "人次", "以上", "左右", "不低于", "将近", "个百分点", "分钟", "1,234", "\n", "。"])


def _whole_scan(text, start, end):
    figs = [f for f in (numbers._figure(text, m) for m in numbers.FIGURE.finditer(text, start, end)) if f]
    for m in numbers.BARE_INDEX.finditer(text, start, end):
        if float(m.group("num")) <= 100:
            figs.append(numbers.Figure(m.start(), m.end(), m.start(), float(m.group("num")), "分", "exact", m.group(0)))
    return sorted(figs, key=lambda f: f.start)


@settings(max_examples=1500, deadline=None)
@given(st.lists(FIGURE_PIECES, max_size=40).map("".join), st.integers(0, 8), st.integers(0, 8))
def test_prefilter_equals_whole_scan(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert list(find_figures(text, start, end)) == _whole_scan(text, start, end)


@pytest.mark.parametrize("text", ["约百分之九十八点五以上", "12余万多件", "1,234,567.89万元以上", "不低于3千万人次左右",
                                  "第5名", "前3名", "30分钟", "九十八点五分"])
def test_prefilter_equals_whole_scan_on_phrases(text):
    assert list(find_figures(text)) == _whole_scan(text, 0, len(text))
