"""A document's title, publisher and date are read from its first lines, as a press page states them."""
import datetime as dt

import pytest

from pingan.metadata import check_date, find_date, guess, merge

PAGE = """首页 > 新闻中心 > 政法动态
东湖市发布2022年平安建设群众满意度测评结果
发布时间:2023-01-05 09:30　　来源：东湖市委政法委　　【字号：大 中 小】
1月4日,市委政法委召开新闻发布会。2022年全市群众安全感为98.1%。
"""


def test_a_press_page_gives_its_headline_publisher_and_date():
    assert guess(PAGE) == {"title": "东湖市发布2022年平安建设群众满意度测评结果", "publisher": "东湖市委政法委",
                           "date": "2023-01-05", "url": ""}


def test_traditional_headers_come_out_simplified():
    text = "西嶺縣召開平安建設新聞發佈會\n\n發佈日期：2021年3月9日　來源：西嶺縣委政法委\n\n正文。"
    assert guess(text) == {"title": "西岭县召开平安建设新闻发布会", "publisher": "西岭县委政法委",
                           "date": "2021-03-09", "url": ""}


@pytest.mark.parametrize("line, publisher", [
    ("发布单位:南河区平安办　发布时间:2022-07-14", "南河区平安办"),
    ("【来源:北山市公安局】【作者:宣传科】", "北山市公安局"),
    ("北山日报 2021-02-05 作者:李青 来源:北山市委政法委", "北山市委政法委"),   # 来源 is preferred to 作者
    ("作者:李青", "李青"),
    ("发布者:东湖市司法局 浏览次数:12", "东湖市司法局"),
    ("2021-06-23 15:12 东湖新闻网", ""),                                         # no label: no publisher
])
def test_the_publisher_is_the_value_after_its_label(line, publisher):
    assert guess(f"东湖市通报社会治安形势\n{line}\n正文。")["publisher"] == publisher


@pytest.mark.parametrize("text, date", [
    ("标题\n2023年1月5日", "2023-01-05"),
    ("标题\n2023-1-5 10:00", "2023-01-05"),
    ("标题\n2023/01/05", "2023-01-05"),
    ("标题\n2023.01.05", "2023-01-05"),
    ("标题\n2023年2月30日 2023年3月1日", "2023-03-01"),       # an impossible date is skipped
    ("标题\n2021年全市安全感98%。", ""),                       # a year alone is not a date
])
def test_the_first_full_date_near_the_top(text, date):
    assert guess(text)["date"] == date


def test_a_date_deep_in_the_body_is_not_the_documents_date():
    text = "标题\n" + "".join(f"第{i}段正文。\n" for i in range(20)) + "2019年5月1日起施行。"
    assert guess(text)["date"] == ""


@pytest.mark.parametrize("text", [
    "各位新闻媒体朋友:\n大家好!非常感谢各位出席今天的新闻发布会。下面我介绍全市平安建设情况。",   # salutation, then a paragraph
    "当前位置:首页>平安建设\n" + "全市群众安全感持续提升,刑事案件同比下降" * 6,                       # only a long paragraph
    "",
])
def test_no_headline_gives_an_empty_title(text):
    assert guess(text)["title"] == ""


def test_given_values_win_and_dates_are_checked():
    guessed = guess(PAGE)
    got = merge({"title": "自定标题", "date": dt.date(2024, 2, 3), "url": "https://example.org/a", "publisher": ""},
                guessed)
    assert got == {"title": "自定标题", "publisher": "东湖市委政法委", "date": "2024-02-03",
                   "url": "https://example.org/a"}
    assert check_date("2023-01-05") == "2023-01-05" and check_date("") == ""
    assert find_date("2023年12月31日") == "2023-12-31"
    with pytest.raises(ValueError, match="not a date"):
        check_date("next tuesday")
    with pytest.raises(ValueError, match="unknown metadata"):
        merge({"author": "x"}, guessed)


@pytest.mark.parametrize("text,title", [
    ("各位新闻媒体朋友:\n大家好!非常感谢各位出席“某市这十年·平安某市篇”新闻发布会。下面我介绍情况。",
     "“某市这十年·平安某市篇”新闻发布会"),
    ("各位记者朋友:\n欢迎出席“平安某县”主题新闻发布会。", "“平安某县”新闻发布会"),
])
def test_a_speech_with_no_headline_is_cited_by_its_occasion(text, title):
    assert guess(text)["title"] == title
