import pathlib

import pytest

from pingan import normalize
from pingan.normalise import to_simplified

CASES = [
    # pinyin glosses pasted after characters
    ("建設(shè)", "建设"),
    ("新聞發(fā)布會", "新闻发布会"),
    ("習(xí)近平新時代", "习近平新时代"),
    ("領(lǐng)導(dǎo)責(zé)任制", "领导责任制"),
    # real parentheses stay
    ("两年(2021至2022)专项整治", "两年(2021至2022)专项整治"),
    ("地级市(州、盟、地区)以及", "地级市(州、盟、地区)以及"),
    ("市、县(区)、乡镇", "市、县(区)、乡镇"),
    ("“1+5+5”架构", "“1+5+5”架构"),
    ("平安志愿者(A队)", "平安志愿者(A队)"),
    # traditional -> simplified
    ("掃黑除惡專項鬥爭", "扫黑除恶专项斗争"),
    ("群眾安全感滿意度", "群众安全感满意度"),
    # doubled and odd punctuation
    ("2022年以来，，我市", "2022年以来,我市"),
    ("新提升，。2022年", "新提升。2022年"),
    ("隊伍，、志愿服務", "队伍、志愿服务"),
    ("治安防控，、矛盾调解", "治安防控、矛盾调解"),
    # a date in Chinese digits: its year, and the month and day after it
    ("二〇二一年,全县群众安全感", "2021年,全县群众安全感"),
    ("——二〇二四年二月二十六日在县人代会上", "——2024年2月26日在县人代会上"),
    ("一九九九年十二月", "1999年12月"),
    ("二零一七年度", "2017年度"),
    ("二○一六年", "2016年"),
    ("第十二〇二二年", "第十二〇二二年"),  # (no year: digits run on from a number before)
    ("三二〇一年", "三二〇一年"),
    # full-width digits and signs
    ("９７．５１％", "97.51%"),
    ("满意度达到９８．６６％。", "满意度达到98.66%。"),
    ("（首场）", "(首场)"),
    # white space between Chinese characters
    ("宿州市 平安 建设", "宿州市平安建设"),
    ("记者 张铭", "记者张铭"),
    # control and zero-width characters
    ("平安\u200b建设\ufeff", "平安建设"),
    ("a\ud800b", "ab"),
    ("第一段\n平安\x07建设\u2028\n第三段\u00ad", "第一段\n平安建设\n第三段"),  # only the lines that hold one
    ("安全\t感\n满意度\x1b", "安全感\n满意度"),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_wrapped_line_is_rejoined():
    raw = "三年专项斗争期间,XX市累计打掉涉黑涉恶团伙96个,侦破刑事案件1834起,查扣涉案资产约12亿元,抓获犯罪嫌疑\n人1672人。"
    assert "抓获犯罪嫌疑人1672人" in normalize(raw)


def test_a_header_line_is_not_joined_to_the_body():
    raw = "发布时间:2023-01-09 09:30:12  来源:某县委政法委  浏览次数:1286\n\n2022年,全县群众安全感达到99.03%。"
    assert normalize(raw).split("\n") == ["发布时间:2023-01-09 09:30:12来源:某县委政法委浏览次数:1286",
                                           "2022年,全县群众安全感达到99.03%。"]


def test_a_wrapped_line_ending_in_a_digit_is_not_joined_to_one_starting_with_a_digit():
    raw = "全县扎实推进平安建设各项工作,各项指标稳中有进,全县刑事案件立案数为1286\n2022年全县群众安全感达到99.03%。"
    assert normalize(raw).split("\n")[1] == "2022年全县群众安全感达到99.03%。"


@pytest.mark.parametrize("item", ["一、群众安全感。", "(二)检察机关94.6%;", "3、调解成功率99.1%。", "2.社区矫正"])
def test_a_line_opening_a_numbered_item_is_not_joined_to_the_line_before(item):
    raw = "市委平安办对上半年各区县群众安全感和满意度测评情况进行了分析,现将有关情况通报如下:\n" + item
    assert normalize(raw).split("\n")[1] == item


def test_a_line_ending_in_a_colon_is_not_joined_to_the_line_after():
    raw = "根据第三方测评,部分县(市、区)得分如下(依次为群众安全感、平安建设满意度、扫黑除恶满意度):\n武强县 97.21 95.86 96.33"
    assert normalize(raw).split("\n")[1] == "武强县97.21 95.86 96.33"


def test_a_wrapped_line_starting_with_a_decimal_is_joined():
    raw = "全市扎实推进平安建设,各项工作稳中有进,今年以来全市刑事案件和治安案件立案数同比下降\n1.5%。"
    assert normalize(raw).endswith("同比下降1.5%。")


# a PDF's narrow column (some 30 characters a line), pasted: its lines stop mid-word
_NARROW_PAGE = ("某县2021年平安建设工作总结\n"
                "2021年,全县上下认真落实平安建设各项部署,社会大局\n"
                "持续稳定。全年共立刑事案件1023起,同比下降9.1%,其\n"
                "中盗窃案件412起;调处矛盾纠纷2864件,调处成功率达\n"
                "98.2%。全县群众安全感达到97.6%,较上年提高0.8个百\n"
                "分点,位居全市第二。")


def test_a_narrow_page_is_rejoined_at_its_own_width():
    lines = normalize(_NARROW_PAGE).split("\n")
    assert lines[0] == "某县2021年平安建设工作总结"
    assert lines[1].startswith("2021年,全县上下") and lines[1].endswith("较上年提高0.8个百分点,位居全市第二。")
    assert len(lines) == 2


def test_short_lines_of_a_page_of_long_paragraphs_are_not_joined():
    raw = ("2021年,全县上下认真落实平安建设各项部署,社会大局持续稳定,全年共立刑事案件1023起,同比下降9.1%,"
           "调处矛盾纠纷2864件,调处成功率达98.2%,全县群众安全感达到97.6%,较上年提高0.8个百分点,位居全市第二。\n"
           "二、排名前三位的乡镇(群众安全感、满意度)如下\n城关镇群众安全感为99.1%,满意度为98.2%\n"
           "三、排名后三位的乡镇(群众安全感、满意度)如下\n河口镇群众安全感为96.1%,满意度为95.2%\n"
           "附件:2021年度各乡镇、各部门测评结果排名表\n某县2021年度平安建设群众满意度测评结果发布")
    lines = normalize(raw).split("\n")
    assert len(lines) == 7 and lines[2].startswith("城关镇") and lines[4].startswith("河口镇")


def test_short_statements_without_commas_are_no_narrow_page():
    raw = ("某县2021年平安建设工作成效显著群众获得感不断增强\n全县群众安全感达到98.12%位居全市第一名次明显前移\n"
           "全年刑事案件立案数同比下降12.3%创近十年来新低\n电信网络诈骗案件立案数同比下降25.6%降幅明显\n"
           "调处矛盾纠纷2864件调处成功率达到98.2%以上")
    assert len(normalize(raw).split("\n")) == 5


def test_lines_of_items_ending_in_semicolons_are_not_a_narrow_page():
    raw = ("近三年测评结果如下:\n2019年:群众安全感96.62%,平安建设满意度94.10%;\n"
           "2020年:群众安全感97.62%,平安建设满意度95.10%;\n2021年:群众安全感98.05%,平安建设满意度96.02%;\n"
           "2022年:群众安全感98.47%,平安建设满意度96.88%。")
    assert len(normalize(raw).split("\n")) == 5


def test_headline_lines_are_kept_apart():
    raw = "平安建设各项工作稳步推进\n各地扎实开展矛盾纠纷排查,切实守护一方安宁。"
    assert normalize(raw).split("\n") == ["平安建设各项工作稳步推进", "各地扎实开展矛盾纠纷排查,切实守护一方安宁。"]


def test_idempotent_on_seed(seeds_df):
    from tests.conftest import ROOT

    raw = (ROOT / "seeds" / "000_1d0947e968c245ed.txt").read_text(encoding="utf-8")
    once = normalize(raw)
    assert normalize(once) == once
    assert "(shè)" not in once and "建设" in once


def _opencc_reference():
    from opencc import OpenCC

    return OpenCC("t2s")


@pytest.mark.parametrize("path", sorted((pathlib.Path(__file__).parent.parent / "seeds").glob("*.txt")),
                         ids=lambda p: p.name)
def test_t2s_equals_opencc_on_seeds(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert to_simplified(text) == _opencc_reference().convert(text)


def test_t2s_equals_opencc_on_dictionary_phrases():
    """Random runs of OpenCC's own dictionary keys, glued so that phrases overlap: the automaton
    must pick the same leftmost-longest segmentation as OpenCC."""
    import random

    from pingan.normalise import _opencc_dictionary

    keys = [k for k, _ in _opencc_dictionary("TSPhrases.txt")] + [k for k, _ in _opencc_dictionary("TSCharacters.txt")]
    rng = random.Random(7)
    cc = _opencc_reference()
    for _ in range(200):
        text = "".join(rng.choice(keys) for _ in range(80))
        assert to_simplified(text) == cc.convert(text)


@pytest.mark.parametrize("trad,simp", [
    ("平安建設", "平安建设"), ("電信網絡詐騙", "电信网络诈骗"), ("掃黑除惡", "扫黑除恶"),
    ("乾隆年間", "乾隆年间"), ("頭髮", "头发"), ("發展", "发展"), ("羣衆", "群众"),
])
def test_t2s_phrases(trad, simp):
    assert to_simplified(trad) == simp


def test_control_class_matches_unicode_categories():
    """The `re` class used to drop control/format/surrogate/private-use characters equals
    \\p{Cc}\\p{Cf}\\p{Cs}\\p{Co} minus newline and tab, over every code point."""
    import unicodedata

    from pingan.normalise import _control

    rx = _control()
    for cp in range(0x110000):
        ch = chr(cp)
        expected = cp not in (9, 10) and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")
        assert bool(rx.match(ch)) == expected, hex(cp)


def test_table_bars_part_cells_as_spaces():
    assert normalize("县（市）｜群众安全感｜满意度\n兴义市｜98.05｜97.12｜4") == "县(市)群众安全感满意度\n兴义市98.05 97.12 4"


def test_a_text_copied_from_a_pdf_is_joined_back():
    # page numbers and the running header repeated after them go; lines cut at the page's width,
    # and across a page break, join back into their paragraphs (a clause is no longer cut in two)
    text = ("抚顺市社会治安综合治理委员会\n"
            "关于全市综治工作情况的报告\n"
            "一、社会治安总体平稳。全年全市共立刑事案件9,862起，同比\n"
            "下降6.3%；其中八类主要刑事案件同比下降14.2%，两抢案\n"
            "件同比下降31.6%。全年共打掉黑社会性质组织2个、恶势力\n"
            "团伙17个，抓获犯罪嫌疑人214名，破获各类刑事案件\n\n"
            "— 1 —\n\n"
            "抚顺市社会治安综合治理委员会文件\n"
            "163起，查封、扣押涉案资产4,200余万元，打击成效明显提升。\n"
            "二、电信诈骗犯罪高发态势得到遏制。全年全市电信诈骗案\n"
            "件立案1,146起，同比上升27.4%，涨幅比上半年回落明显。\n\n"
            "— 2 —\n\n"
            "抚顺市社会治安综合治理委员会文件\n"
            "三、群众安全感稳步提升，全市群众安全感达到94.37%。\n")
    out = normalize(text)
    assert "— 1 —" not in out and "—1" not in out and "文件" not in out
    assert "同比下降6.3%" in out and "恶势力团伙17个" in out and "破获各类刑事案件163起" in out
    assert "电信诈骗案件立案1,146起" in out
    assert normalize(out) == out


def test_a_bare_number_on_a_line_is_no_page_number():
    text = "全市群众安全感\n98.72%\n平安建设满意度\n97.90%\n12\n全市共排查矛盾纠纷\n8.3万件"
    assert normalize(text) == text


def test_one_page_mark_under_a_web_page_joins_nothing():
    # one 第1页 (a web page's pager) is no sign of a PDF: the table's rows stay rows
    text = "2022年各市群众安全感和满意度\n地区 群众安全感 平安建设满意度\n合肥市 98.12 97.35\n芜湖市 97.80 96.90\n蚌埠市 97.10 96.20\n第1页"
    assert normalize(text).split("\n")[2:5] == ["合肥市98.12 97.35", "芜湖市97.80 96.90", "蚌埠市97.10 96.20"]


def test_a_brief_heading_glued_into_a_compilation_gets_its_own_line():
    raw = ("资讯汇编(第3期)\n甲市:反诈成效明显(2021-03-02)甲市公安局通报,全年立案下降。"
           "乙县:平安建设再上台阶(2022-05-06)乙县委政法委介绍,全县群众安全感达98%。")
    assert normalize(raw).split("\n") == [
        "资讯汇编(第3期)", "甲市:反诈成效明显(2021-03-02)", "甲市公安局通报,全年立案下降。",
        "乙县:平安建设再上台阶(2022-05-06)", "乙县委政法委介绍,全县群众安全感达98%。"]


def test_a_dated_bracket_inside_a_sentence_is_left_alone():
    raw = "记者从市公安局获悉,据通报:全年立案下降(2021-03-02)后,全市又开展专项行动。"
    assert normalize(raw) == raw
