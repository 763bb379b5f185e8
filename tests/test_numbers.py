import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan import normalize, numbers
from pingan.numbers import find_figures

CASES = [
    ("全县安全感程度指数96.38%", [(96.38, "%", "exact")]),
    ("摸排化解各类纠纷8.7万余件", [(87000, "件", "at_least")]),
    ("调处成功率达98%以上", [(98, "%", "at_least")]),
    ("依法扣押涉案财物约3.62亿元", [(362000000, "元", "approx")]),
    ("追缴违法所得5836.27万元", [(58362700, "元", "exact")]),
    ("抓获犯罪嫌疑人1.37万人", [(13700, "人", "exact")]),
    ("每年侦破网络诈骗案件2300余起", [(2300, "起", "at_least")]),
    ("全省每年破获各类案件近5万起", [(50000, "起", "approx")]),
    ("治安案件受理数从2015年的18万余起降至2022年的11万余起", [(180000, "起", "at_least"), (110000, "起", "at_least")]),
    ("挽回经济损失300余亿元", [(30000000000, "元", "at_least")]),
    ("侦破案件49件86起", [(49, "件", "exact"), (86, "起", "exact")]),
    ("破获刑事案件11案17人", [(11, "案", "exact"), (17, "人", "exact")]),
    ("累计开展反诈宣传46.8万余人次", [(468000, "人次", "at_least")]),
    ("对86名涉案人员依法采取强制措施", [(86, "名", "exact")]),
    ("居民对社区服务满意度超过96%", [(96, "%", "at_least")]),
    ("满意率百分之九十八", [(98, "%", "exact")]),
    ("打掉涉黑组织三个", [(3, "个", "exact")]),
    ("打掉涉黑组织两个", [(2, "个", "exact")]),           # a lone 两 right after the noun it counts
    ("捣毁恶势力犯罪集团一个", [(1, "个", "exact")]),
    ("抓获犯罪嫌疑人三千余人", [(3000, "人", "at_least")]),
    ("建成各类人民调解组织260多个", [(260, "个", "at_least")]),
    ("办理案件1,234件", [(1234, "件", "exact")]),
    ("群众安全感指数95.6分", [(95.6, "分", "exact")]),
    ("公众安全感指数为92.47", [(92.47, "分", "exact")]),  # a survey index with no unit
    # a from–to of a unitless index: both ends
    ("全市群众安全感指数由2013年的84.2提升到2017年的90.06", [(84.2, "分", "exact"), (90.06, "分", "exact")]),
    ("群众安全感指数从83.9上升至89.75", [(83.9, "分", "exact"), (89.75, "分", "exact")]),
    ("成功率保持在90%左右", [(90, "%", "approx")]),
    # not figures
    ("2022年10月18日", []),
    ("分别位居全省第5、第3", []),
    ("每次不低于30分钟", []),
    ("群众满意度同比上升7个位次", []),
    ("党的十八大以来", []),
    ("一站式矛盾纠纷调解中心", []),
    ("案件数由2013年的12.5下降", []),                      # no index word before it
    ("万人助万企", []),
    ("电话(029—12340)", []),
    ("劝阻潜在受害群众数十万人次", []),                   # 数十万: a vague many
    ("发案数1200起", [(1200, "起", "exact")]),
    ("电诈案件发案数十二起", [(12, "起", "exact")]),       # 数 ends the count noun: 十二 is a number
    ("做到两个维护", []),                                  # a lone 两 anywhere else is a word
    ("打掉一个团伙", []),
    ("组织一个调研组", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_figures(text, expected):
    got = [(f.value, f.unit, f.qualifier) for f in find_figures(text)]
    assert len(got) == len(expected), got
    for (v, u, q), (ev, eu, eq) in zip(got, expected):
        assert v == pytest.approx(ev)
        assert (u, q) == (eu, eq)


def test_offsets_point_at_the_number():
    text = "全县共立刑事案件1843件,同比下降9.62%"
    figs = list(find_figures(text))
    assert text[figs[0].num_start:figs[0].end] == "1843件"
    assert text[figs[1].num_start:figs[1].end] == "9.62%"


# New forms, one table per construction: (text, [(value, unit, qualifier), ...]).
FINANCIAL_CASES = [  # 大写 numerals, read by cn2an as written
    ("追缴违法所得壹万贰仟叁佰元", [(12300, "元", "exact")]),
    ("并处罚金肆佰叁拾萬元", [(4300000, "元", "exact")]),
    ("当年共发生此类案件叁拾伍起", [(35, "起", "exact")]),
    ("收缴罚款人民币伍万元整", [(50000, "元", "exact")]),
    ("退赔被害人壹佰零伍万元", [(1050000, "元", "exact")]),
    ("冻结账户资金壹亿贰仟万元", [(120000000, "元", "exact")]),
    ("赔偿金额贰拾万元以上", [(200000, "元", "at_least")]),
    ("受理申请壹仟零贰拾件", [(1020, "件", "exact")]),
    ("约叁佰人参加", [(300, "人", "approx")]),
    ("收到捐款一万贰仟元", [(12000, "元", "exact")]),  # mixed with 一二三: one number
    ("涉案贰仟一百元", [(2100, "元", "exact")]),
    # a financial digit that ends a word, or 拾/佰/仟 alone, is not a number
    ("开展政法队伍万人大练兵", []),
    ("做好应征入伍人员家庭走访", []),
    ("民警把现场收拾起来", []),
    ("他拾起地上的钱包", []),
    ("来自大陆人员", []),
    ("全市政法队伍三千余人参加", [(3000, "人", "at_least")]),  # the word's end is left out
]
YI_CASES = [  # N个亿: money; 元 when no unit follows
    ("为群众挽回经济损失两个亿", [(200000000, "元", "exact")]),
    ("涉案金额达两个亿元", [(200000000, "元", "exact")]),
    ("追缴赃款三个多亿元", [(300000000, "元", "at_least")]),  # was 3 个
    ("查扣涉案资产近两个亿,", [(200000000, "元", "approx")]),
    ("专项资金一个亿已经到位", [(100000000, "元", "exact")]),
    ("涉案流水3个亿以上", [(300000000, "元", "at_least")]),
    ("涉案两个多亿", [(200000000, "元", "at_least")]),
    ("累计服务两个亿人次", [(200000000, "人次", "exact")]),
    ("投入资金两亿元", [(200000000, "元", "exact")]),
    # another currency or a measure after it, a vague count, or 亿万 are not 元
    ("涉及两个亿美元的交易", []),
    ("年吞吐量两个亿吨", []),
    ("涉案几个亿", []),
    ("流水十几个亿", []),
    ("梦想成为一个亿万富翁", []),
]
MAGNITUDE_CASES = [  # a bare 百/千/万/亿 after an explicit qualifier word
    ("挽回经济损失近亿元", [(100000000, "元", "approx")]),
    ("全年破获诈骗案件近千起", [(1000, "起", "approx")]),
    ("参与巡逻的群众超万人", [(10000, "人", "at_least")]),
    ("服务群众逾万人次", [(10000, "人次", "at_least")]),
    ("发动平安志愿者上万人", [(10000, "人", "at_least")]),
    ("涉案金额上亿元", [(100000000, "元", "at_least")]),
    ("受益群众超过万人", [(10000, "人", "at_least")]),
    ("组织约万名群众参与", [(10000, "名", "approx")]),
    ("现场聚集将近百人", [(100, "人", "approx")]),
    ("涉案资金超千万元", [(10000000, "元", "at_least")]),
    ("追回上百万元", [(1000000, "元", "at_least")]),
    ("近十万人参与", [(100000, "人", "approx")]),  # 十万 was a number already
    # no qualifier, a vague one, or 上 closing 以上: not a figure
    ("全年发案数千起", []),
    ("吸引数万人参加", []),
    ("千名民警进万家", []),
    ("县级以上万人大会", []),
    ("线上百分之九十的业务", [(90, "%", "exact")]),  # 上 qualifies only a bare magnitude
    ("线上1000人", [(1000, "人", "exact")]),
    ("多达万人", []),
]
INCLUSIVE_CASES = [  # (含)以上 closes the figure: at_least
    ("群众满意率保持在95%(含)以上", [(95, "%", "at_least")]),
    (normalize("群众满意率保持在95%（含）以上"), [(95, "%", "at_least")]),
    ("单笔3000元(含)以上的转账", [(3000, "元", "at_least")]),
    ("年接待120人次(含)以上", [(120, "人次", "at_least")]),
    ("涉案两个亿(含)以上", [(200000000, "元", "at_least")]),
    ("达到95%(含)的", [(95, "%", "exact")]),  # (含) without 以上 is not read
    ("满意率百分之九十(含)以上", [(90, "%", "at_least")]),
]
CN_COUNT_CASES = [  # Chinese-numeral counts
    ("排查整改隐患五百九十七个", [(597, "个", "exact")]),
    ("受理信访案件一千二百三十件", [(1230, "件", "exact")]),
    ("发动群众三万四千人", [(34000, "人", "exact")]),
    ("化解纠纷二百零五起", [(205, "起", "exact")]),
    ("培训网格员两千名", [(2000, "名", "exact")]),
    ("建立一个平台", []),
    ("坚决做到两个维护", []),
]
ZONG_CASES = [  # 宗 counts cases
    ("全年调处纠纷1200宗", [(1200, "宗", "exact")]),
    ("受理案件三百余宗", [(300, "宗", "at_least")]),
    ("办结积案12宗,结案率100%", [(12, "宗", "exact"), (100, "%", "exact")]),
]

TABLE_CASES = [  # a line of a table of scores: each score with no unit a figure in 分
    ("得分如下:\n武强县97.21 95.86 96.33\n", [(97.21, "分", "exact"), (95.86, "分", "exact"), (96.33, "分", "exact")]),
    ("得分如下:\n饶阳县 98.4\n", [(98.4, "分", "exact")]),
    ("第3季度 12.5 13.6\n", []),            # a name with a digit: no table row
    ("全县共有12.5万人 13.6\n", [(125000, "人", "exact")]),  # a sentence, not a name and scores
    ("得分如下:\n阜城县97.21 105.30\n", [(97.21, "分", "exact")]),  # a score is at most 100
    ("通报\n全市群众安全感为97.84\n", [(97.84, "分", "exact")]),  # a bare index already: once
]

SHARED_UNIT_CASES = [  # a list of numbers whose unit is written once, after the last
    ("分别立案215、187起", [(215, "起", "exact"), (187, "起", "exact")]),
    ("分别劝阻3.2万、2.6万和1.9万人次", [(32000, "人次", "exact"), (26000, "人次", "exact"), (19000, "人次", "exact")]),
    ("分别为3.2、2.6万人次", [(26000, "人次", "exact")]),   # not the last's magnitude: not read
    ("位列第1、2名", [(2, "名", "exact")]),                 # ranks after 第: the run is not read
    ("2022、2023年分别立案1200起", [(1200, "起", "exact")]),  # years take no unit
]


@pytest.mark.parametrize("text,expected", FINANCIAL_CASES + YI_CASES + MAGNITUDE_CASES + INCLUSIVE_CASES
                         + CN_COUNT_CASES + ZONG_CASES + TABLE_CASES + SHARED_UNIT_CASES)
def test_find_figures_new_forms(text, expected):
    test_find_figures(text, expected)


# (text, the whole figure text[start:end], its number text[num_start:end])
SPAN_CASES = [
    ("追缴壹万贰仟叁佰元,", "壹万贰仟叁佰元", "壹万贰仟叁佰元"),
    ("挽回损失近两个亿,", "近两个亿", "两个亿"),
    ("追缴赃款三个多亿元以上", "三个多亿元以上", "三个多亿元以上"),
    ("参与群众超过万人次", "超过万人次", "万人次"),
    ("发动志愿者上万人", "上万人", "万人"),
    ("满意率达95%(含)以上。", "95%(含)以上", "95%(含)以上"),
    ("满意率约98%(含)以上", "约98%(含)以上", "98%(含)以上"),
    ("线上1000人", "1000人", "1000人"),
    ("全年调处纠纷1200宗", "1200宗", "1200宗"),
]


@pytest.mark.parametrize("text,whole,number", SPAN_CASES)
def test_new_forms_spans(text, whole, number):
    (f,) = find_figures(text)
    assert (text[f.start:f.end], text[f.num_start:f.end], f.text) == (whole, number, whole)


# The candidate prefilter must never lose or change a figure: find_figures equals FIGURE over the
# whole text, on text built from the pieces figures are made of.
FIGURE_PIECES = st.sampled_from(list("0123456789.,点余多约近超逾第前a年万亿千百十一二两三九零〇人个名件起元%分次钟之")
                                + ["百分之", "人次", "以上", "左右", "不低于", "将近", "个百分点", "分钟", "1,234", "\n", "。"]
                                # financial numerals, N个亿, bare magnitudes after 上/超过, (含)以上, 宗
                                + list("壹贰叁伍陆拾佰仟萬上数以队收宗含()")
                                + ["个亿", "个多亿", "两个亿", "超过", "(含)", "(含)以上", "人次(含)以上", "美元", "公斤"])


def _whole_scan(text, start, end):
    figs = [f for f in (numbers._figure(text, m) for m in numbers.FIGURE.finditer(text, start, end)) if f]
    for m in numbers.BARE_INDEX.finditer(text, start, end):
        if float(m.group("num")) <= 100:
            figs.append(numbers.Figure(m.start(), m.end(), m.start(), float(m.group("num")), "分", "exact", m.group(0)))
    return sorted(figs, key=lambda f: f.start)


@settings(max_examples=3000, deadline=None)
@given(st.lists(FIGURE_PIECES, max_size=40).map("".join), st.integers(0, 8), st.integers(0, 8))
def test_prefilter_equals_whole_scan(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert list(find_figures(text, start, end)) == _whole_scan(text, start, end)


@pytest.mark.parametrize("text", ["约百分之九十八点五以上", "12余万多件", "1,234,567.89万元以上", "不低于3千万人次左右",
                                  "第5名", "前3名", "30分钟", "九十八点五分", "近两个多亿(含)以上", "三个多亿元",
                                  "两个亿美元", "一个亿万", "两个亿余多公斤", "壹万贰仟叁佰元(含)以上", "超过上万人次(含)以上",
                                  "以上万人", "队伍万人", "队伍三千余人", "一万贰仟元", "95%(含)以上", "12人次(含)以上", "叁拾伍宗多",
                                  "百分之十(含)以上", "线上百分之九十", "万百分之两个亿0",
                                  "万百分之百分之十一"])
def test_prefilter_equals_whole_scan_on_phrases(text):
    assert list(find_figures(text)) == _whole_scan(text, 0, len(text))


# ---------------------------------------------------------------- hostile numbers (issue #17)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=500), st.sampled_from(["起", "人", "%", "亿元", "万元", "个"]))
def test_values_are_finite_and_bounded(digits, unit):
    from pingan import extract_text
    from pingan.numbers import MAX_VALUE
    df = extract_text(f"全市共立刑事案件{digits}{unit},打掉涉黑组织{digits}{unit}。", doc="x")
    for v in df["value"].dropna():
        assert math.isfinite(v) and 0 <= v <= MAX_VALUE
    assert not [f for f in find_figures("9" * 400 + "起") if not math.isfinite(f.value)]


@pytest.mark.parametrize("text, value", [
    ("全市共立刑事案件1,234起。", 1234),
    ("全市共立刑事案件１，２３４起。", 1234),
    ("全市共立刑事案件12,345,678起,同比下降5%。", 12345678),
])
def test_thousands_separators_stay_inside_the_quote(text, value):
    from pingan import extract_text
    from pingan.normalise import normalize
    df = extract_text(text, doc="x")
    row = df[df.indicator == "criminal_cases"].iloc[0]
    assert row.value == value
    norm = normalize(text)
    assert row.start <= row.value_start < row.value_end <= row.end
    assert norm[row.start:row.end] == row.quote and norm[row.value_start:row.value_end].startswith(norm[row.value_start])
    assert "," in row.quote


# A table's rows are looked for only on lines that end in a score: the same rows as TABLE_ROW's
# scan of every line, on text built from rows (a name, scores, whole numbers) and prose pieces.
_SEP = st.sampled_from([" ", "\t", "|", " | ", "  "])
TABLE_LINE = st.tuples(st.sampled_from(["桃城区", "甲县(市)", "区", ""]), st.lists(st.sampled_from(["97.21", "95.8", "100.0", "5.123"]), max_size=3),
                       st.lists(st.sampled_from(["16", "1200", "3"]), max_size=2), st.lists(_SEP, min_size=4, max_size=4),
                       st.sampled_from(["", " ", "|"])).map(
    lambda t: t[3][0] + t[0] + t[3][1] + t[3][2].join(t[1]) + "".join(t[3][3] + n for n in t[2]) + t[4])
TABLE_PIECES = st.one_of(TABLE_LINE, st.sampled_from(["\n", " ", "(", ".", "。", "%", "分", "a", "97.21", "16"]))


@settings(max_examples=2000, deadline=None)
@given(st.lists(TABLE_PIECES, max_size=12).map("".join), st.integers(0, 8), st.integers(0, 8))
def test_table_rows_equal_whole_scan(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert [m.span() for m in numbers.table_rows(text, start, end)] == \
        [m.span() for m in numbers.TABLE_ROW.finditer(text, start, end)]
