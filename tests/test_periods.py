"""Time expressions: scanning only around anchors finds what a whole-text scan finds."""
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pingan import periods
from pingan.periods import find_periods, publication_year

PIECES = st.sampled_from(["2021年", "2018", "年", "至", "-", "以来", "来", "度", "上半年", "前三季度", "1-6月", "3月",
                          "12月5日", "党的十八大以来", "十八大", "近", "过去", "五", "十", "3", "年来", "累计", "间",
                          "今年", "目前", "截至当前", "截至目前", "最近", "这", "十二", "去年", "近年来", "多年来", "自", "从", "起", ",", "。", "\n",
                          "全市破获案件", "一二三四五六七八", "二十三", "2021年度前三季度", "2021年1月至6月", "a" * 60,
                          "专项斗争期间", "三年扫黑除恶专项斗争期间", "期间", "1—9月", "1至3月", "1月至9月", "9月",
                          "扫黑除恶专项斗争取得决定性胜利", "专项斗争圆满收官", "取得了阶段性成效"])


def _whole(text, start, end, pub):
    """find_periods with one segment, the whole range: what the anchor segments must reproduce."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(periods, "_segments", lambda text, start, end: [(start, end)])
        return find_periods(text, start, end, pub)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.integers(0, 6), st.sampled_from([None, 2019, 2023]))
@example("过去二十三年来破获案件", 0, 2023)           # the most text before an anchor (年)
@example("a" * 60 + "2021年度前三季度破获案件", 0, 2023)  # and after one
@example("a" * 60 + "最近十二年间", 0, 2023)
def test_anchor_segments_equal_whole_scan(text, cut, pub):
    start = min(cut, len(text))
    assert find_periods(text, start, len(text), pub) == _whole(text, start, len(text), pub)


# A pattern may start by looking ahead for the characters its matches start with (a speed-up): it must
# find exactly what the same pattern finds without that look.
_LOOK = "(?=["
_CAMPAIGN_PIECES = ["专项斗争", "专项行动", "常态化", "开展", "扫黑除恶", "斗争", "以来", "为期", "年的", "和常态化扫黑除恶",
                    "为期三年的扫黑除恶专项斗争", "2020年3月专项行动开展以来", "第一季度", "下半年", "这五年", "最近十年来",
                    "3年专项斗争期间", "扫黑除恶专项斗争期间"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES | st.sampled_from(_CAMPAIGN_PIECES), max_size=30).map("".join))
@example("为期3年的专项斗争和常态化扫黑除恶")
@example("今年第一季度,1至6月,下半年")
@example("近3年来,过去十年,这两年,最近5年累计")
@example("三年扫黑除恶专项斗争期间,专项斗争期间")
def test_a_pattern_with_a_look_ahead_finds_what_it_finds_without(text):
    import re

    looked = [(kind, rx) for kind, rx in periods.PATTERNS if rx.pattern.startswith(_LOOK)]
    assert {k for k, _ in looked} >= {"campaign", "nyears", "this_half"}
    for kind, rx in looked:
        plain = re.compile(rx.pattern[rx.pattern.index("])") + 2:])
        assert [(m.span(), m.groupdict()) for m in rx.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)], kind


@pytest.mark.parametrize("text,year", [
    ("2017年至2019年,全县共打掉涉恶团伙12个。", 2019),      # the end of a range of years is no target
    ("2016年到2018年,全市刑事案件逐年下降。", 2018),
    ("2019年,全县群众安全感达96.1%,力争到2025年达到98%。", 2019),  # 到2025年 is one
])
def test_an_undated_text_is_published_in_its_latest_past_year(text, year):
    assert publication_year(text) == year


@pytest.mark.parametrize("text,labels", [
    ("2024年上半年,兴义市(2019年撤县设市)电诈发案同比下降30.1%", ["2024H1"]),
    ("2023年,全县(含2021年新设的开发区)共化解纠纷1200件", ["2023", "2021"]),  # not right after a place's name
    ("三年来(2019年至2021年),全州", ["2019-2021"]),
    ("全区(2018年至2020年)共打掉涉恶团伙12个", ["2018-2020"]),  # a span in brackets is never a note
    ("2023年,全区(2022年数据)共化解纠纷", ["2023", "2022"]),  # after a scope word, not a place's name
])
def test_a_year_in_brackets_after_a_place_is_a_note(text, labels):
    assert [p.label for _, p in find_periods(text, 0, len(text), 2024)] == labels


@pytest.mark.parametrize("text,labels", [
    ("綦江区召开2025年政法工作会议", []),                  # a meeting's name
    ("2023年度全市平安建设工作会议召开", []),
    ("2023年全市共召开工作会议12次", ["2023"]),            # a year, then what was done in it
    ("2022年,全市召开表彰大会", ["2022"]),
    ("当前位置:首页>新闻动态", []),                        # a breadcrumb
    ("当前,全市治安形势平稳", ["2025"]),
])
def test_meeting_names_and_breadcrumbs_are_no_time(text, labels):
    assert [p.label for _, p in find_periods(text, 0, len(text), 2025)] == labels


def test_closing_date_line_among_many_lines():
    body = "\n".join(f"第{i}段,2023年以来破获案件{i}起。" for i in range(20))
    assert publication_year(body + "\n2021年3月5日\n责任编辑:张三") == 2021
    assert publication_year(body + "\n2021年3月5日" + "\n附" * 7) == 2021
    assert publication_year(body + "\n2021年3月5日" + "\n附" * 8) == 2023  # further back than 8 lines: not read
    assert publication_year("2020年6月1日") == 2020


@pytest.mark.parametrize("text,year", [
    ("某市平安建设新闻发布会\n2019-03-12 10:30:15\n2018年,全市群众安全感达95.1%。", 2019),
    ("某市平安建设新闻发布会\n2019/3/12 来源:某某日报\n2018年,全市群众安全感达95.1%。", 2019),
    ("某市平安建设新闻发布会\n作者:张三 2019-03-12\n2018年,全市群众安全感达95.1%。", 2019),
    ("某市平安建设新闻发布会\n【字体:大 中 小】 2019年03月12日 14:22\n2018年,全市群众安全感达95.1%。", 2019),
    ("某市平安建设新闻发布会\n2018年,全市群众安全感达95.1%。\n(2019-03-12)", 2019),
    ("某市平安建设新闻发布会\n2018年,全市群众安全感达95.1%。\n2019年3月12日", 2019),
    # a site's dateline above the headline
    ("某县新闻网 2017-04-06 来源:某县融媒体中心\n我县平安建设再上新台阶\n2016年,全县群众安全感达95.1%。", 2017),
    ("某市人民政府新闻办公室2015-09-30\n某市平安建设新闻发布会\n上半年,全市刑事案件同比下降6%。", 2015),
    # a full date in a sentence of the body is an event's, not the text's
    ("某市平安建设新闻发布会\n2019年3月12日,我市召开大会,通报2018年全市群众安全感达95.1%。", None),
    # a dated bracket under the headline, its author's long name and a year and month in it
    ("某县“十三五”时期平安建设工作回顾\n(中共某某县委平安某某建设领导小组办公室 2021年1月)\n五年来,全县共立刑事案件1374起。", 2021),
])
def test_a_text_dates_itself(text, year):
    from pingan.normalise import normalize
    from pingan.periods import dated_year

    assert dated_year(normalize(text)) == year


# A five-year plan's years, and 去年以来; the text is of 2023 (pub).
PLAN_AND_SINCE = [
    ("“十二五”期间,全市", "2011-2015"),
    ("十三五时期,全县", "2016-2020"),
    ("“十一五”以来", "2006-2023"),
    ("十三五末,全市", "2020"),
    ("“十四五”期间", "2021-2023"),   # a plan still running at the text's date: up to it
    ("十四五以来", "2021-2023"),
    ("去年以来,全市", "2022-2023"),
    ("去年全市", "2022"),
    ("十五年来", "2008-2023"),        # not a plan: fifteen years
    ("过去五年,全市", "2018-2022"),   # the five whole years before the text's (a report's review)
    ("过去五年来,全市", "2018-2023"),
]

# years in brackets right after a count of years say which years it is
BRACKETED = [
    ("三年来(2019年至2021年),全州", ["2019-2021"]),
    ("近五年来(2017-2021年)", ["2017-2021"]),
    ("三年来,全州", ["2020-2023"]),
    ("2022年(2021年至2022年)", ["2022", "2021-2022"]),  # a single year is no count of years: both stay
]


@pytest.mark.parametrize("text,labels", BRACKETED)
def test_bracketed_years_after_a_count_of_years(text, labels):
    assert [p.label for _, p in find_periods(text, 0, len(text), 2023)] == labels


@pytest.mark.parametrize("text,label", PLAN_AND_SINCE)
def test_plans_and_since_last_year(text, label):
    got = find_periods(text, 0, len(text), 2023)
    assert [p.label for _, p in got] == [label]


def test_a_figure_under_a_plan_takes_its_years():
    from pingan.extract import extract_rows

    rows = extract_rows("2016年1月8日\n“十二五”期间,全县共立刑事案件2.3万起;去年以来,全县共打掉涉黑组织2个。", "t.txt")
    got = {(r["indicator"], r["value"], r["period"]) for r in rows}
    assert got == {("criminal_cases", 23000, "2011-2015"), ("gang_mafia_orgs", 2, "2015-2016")}


def test_every_campaign_outcome_name_holds_an_anchor():
    """The anchor scan finds every time expression only if every campaign name that data/events.toml
    gives the outcome pattern holds an anchor."""
    for name in periods._done_names():
        assert periods._ANCHOR.search(name), name
