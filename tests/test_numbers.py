import pytest

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
