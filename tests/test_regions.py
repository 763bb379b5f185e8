import pytest

from pingan.regions import gazetteer, resolve

RESOLVE = [
    ("六安", "六安市", "prefecture"),
    ("六安市", "六安市", "prefecture"),
    ("大理州", "大理白族自治州", "prefecture"),
    ("大理", "大理白族自治州", "prefecture"),
    ("宁夏", "宁夏回族自治区", "province"),
    ("云南", "云南省", "province"),
    ("海西州", "海西蒙古族藏族自治州", "prefecture"),
    ("沧源县", "沧源佤族自治县", "county"),
    ("湘西自治州", "湘西土家族苗族自治州", "prefecture"),  # the nations left out, 自治州 kept
    ("长阳自治县", "长阳土家族自治县", "county"),
    ("淄博", "淄博市", "prefecture"),
    ("北京", "北京市", "province"),
    ("全国", "全国", "national"),
]


@pytest.mark.parametrize("name,full,level", RESOLVE)
def test_resolve(name, full, level):
    r = resolve(name)
    assert (r.name, r.level) == (full, level)


FIND = [
    ("平安六安建设", ["六安市"]),
    ("合水县、环县、华池县", ["合水县", "环县", "华池县"]),
    ("西宁市城北区", ["西宁市", "城北区"]),
    ("平安中国建设示范县", []),          # 示范县 is not 范县
    ("事关国家长治久安", []),             # not 长治市
    ("市主城区划分为网格", []),           # 城区 is a word here
    ("荣获“长安杯”", []),
    ("大兴安岭地区", ["大兴安岭地区"]),
    ("高于全疆平均水平", ["新疆维吾尔自治区"]),  # 全 and a province's one-character name
    ("安全晋中建设", ["晋中市"]),             # 安全 is a word: no 全晋
    ("健全桂林市网格机制", ["桂林市"]),        # 桂 starts a place's name: no 全桂
]


@pytest.mark.parametrize("text,names", FIND)
def test_find(text, names):
    from pingan.articles import pick

    got = [pick(c).name for _, _, _, c in gazetteer().find(text)]
    assert got == names


def test_hierarchy():
    g = gazetteer()
    county = g.resolve("兴业县")
    assert g.parent(county, "prefecture").name == "玉林市"
    assert g.parent(county, "province").name == "广西壮族自治区"
    assert g.parent(county, "province").autonomous


# The gazetteer joins the division table of about 2016 with the current one: a page of 2012 and a
# page of 2023 about the same county both find it, each under the name it uses.
CURRENT_AND_OLD = [
    ("宁乡县", "宁乡县", "长沙市"),      # a county until 2017, so older pages say so
    ("宁乡市", "宁乡市", "长沙市"),      # a county-level city since, under a new code
    ("横县", "横县", "南宁市"),          # renamed under the same code: both names are known
    ("横州市", "横州市", "南宁市"),
    ("马龙区", "马龙区", "曲靖市"),      # a county that became a district
    ("钱塘区", "钱塘区", "杭州市"),      # a district made in 2021
    ("莱芜市", "莱芜市", "山东省"),      # a prefecture merged away in 2019 stays findable
]


@pytest.mark.parametrize("name,full,parent", CURRENT_AND_OLD)
def test_current_and_older_names(name, full, parent):
    g = gazetteer()
    r = g.resolve(name)
    assert r.name == full
    up = g.parent(r, "prefecture") if r.level == "county" else g.parent(r, "province")
    assert up.name == parent


def test_functional_zones_and_special_regions_are_not_added():
    g = gazetteer()
    assert "天府新区" in g.names        # a new area with a division code of its own
    assert "长春经济技术开发区" not in g.names  # a zone's code (xx71–xx79) is no division
    assert "湾仔区" not in g.names      # Hong Kong's districts are not in the national table
    assert g.resolve("香港").name == "香港特别行政区"


def test_a_list_naming_a_district_made_since_2017():
    from pingan.extract import extract_rows

    rows = extract_rows("2023年,曲靖市麒麟区、沾益区、马龙区群众安全感分别为97.9%、97.6%、97.2%。", "t.txt")
    assert [(r["region"], r["value"]) for r in rows] == [("麒麟区", 97.9), ("沾益区", 97.6), ("马龙区", 97.2)]


# A county page may name itself only by its name less 县/市/区: read so inside its own phrases.
STEMS = [
    ("“平安丰宁”建设深入推进", ["丰宁满族自治县"]),   # the stem of a short form (丰宁县)
    ("来源:德清新闻网", ["德清县"]),
    ("法治德清建设", ["德清县"]),
    ("德清人民", []),                              # no county phrase around it
    ("全州政法系统", []),                            # a scope word, not the stem of 全州县
    ("在某县第九届人民代表大会上", []),
]


@pytest.mark.parametrize("text,names", STEMS)
def test_a_county_named_by_its_stem_in_its_own_phrases(text, names):
    from pingan.articles import pick

    assert [pick(c).name for _, _, _, c in gazetteer().find(text)] == names


def test_a_session_is_no_ranking_so_its_place_is_evidence():
    from pingan.extract import extract_rows

    text = ("政府工作报告\n——2019年1月10日在丰宁满族自治县第十六届人民代表大会第三次会议上\n"
            "过去一年,全县刑事案件立案488起,同比下降7.5%;群众安全感达96.2%,位居承德市各县区第二。")
    got = {(r["indicator"], r["value"], r["region"], r["period"]) for r in extract_rows(text, "t.txt")}
    assert got == {("criminal_cases", 488, "丰宁满族自治县", "2018"), ("criminal_cases_change", -7.5, "丰宁满族自治县", "2018"),
                   ("safety_sense", 96.2, "丰宁满族自治县", "2018")}


def test_a_county_page_that_names_itself_only_by_its_stem():
    from pingan.extract import extract_rows

    text = ("德清新闻网 2021-03-02 来源:县委政法委\n我县平安建设获群众点赞\n"
            "2020年,全县群众安全感达98.7%,平安建设满意度为97.1%。“平安德清”建设连续15年获评优秀。")
    got = {(r["indicator"], r["value"], r["region"], r["period"]) for r in extract_rows(text, "t.txt")}
    assert got == {("safety_sense", 98.7, "德清县", "2020"), ("satisfaction_pingan", 97.1, "德清县", "2020")}


def test_a_named_parents_average_is_its_own_and_not_the_pages_home():
    """高于某市全市平均水平(x%): the bracketed figure is the prefecture's, and the figures after it
    stay the county-level city's own (the name and its 全市 are one place, and an average)."""
    from pingan.extract import extract_rows

    text = "瓦房店市致全市人民的一封信\n2019年,全市群众安全感达到97.4%,高于大连全市平均水平(96.8%),平安建设满意率达到95.5%。"
    got = {(r["indicator"], r["value"], r["region"]) for r in extract_rows(text, "t.txt")}
    assert got == {("safety_sense", 97.4, "瓦房店市"), ("safety_sense", 96.8, "大连市"),
                   ("satisfaction_pingan", 95.5, "瓦房店市")}


ZONE_WORD = [  # whose 全区: a 地区's, a district's, an autonomous region's
    ("阿勒泰地区召开平安建设推进会\n2022年,全区群众安全感达98.3%,其中布尔津县达98.9%。",
     {(98.3, "阿勒泰地区"), (98.9, "布尔津县")}),
    ("海淀区平安建设工作综述\n2022年,全区群众安全感达98.3%,高于北京全市0.2个百分点。", {(98.3, "海淀区")}),
    ("广西壮族自治区平安建设新闻发布会\n2022年,全区群众安全感达98.3%,柳州市、桂林市分别为98.5%、98.1%。",
     {(98.3, "广西壮族自治区"), (98.5, "柳州市"), (98.1, "桂林市")}),
]


@pytest.mark.parametrize("text,want", ZONE_WORD)
def test_whose_quanqu(text, want):
    from pingan.extract import extract_rows

    assert {(r["value"], r["region"]) for r in extract_rows(text, "t.txt")} == want


def test_a_compilation_heading_with_a_year_still_opens_an_article():
    from pingan.articles import split_articles
    from pingan.normalise import normalize

    text = normalize("各地动态\n【平安XX】XX县:矛盾纠纷就地化解\n今年以来,XX县累计受理矛盾纠纷812件,化解成功率达97.9%。\n"
                     "【平安XX】XX市:2022年度平安建设成绩单出炉\n2022年,XX市钦南区、钦北区等地群众安全感全部超过98%。"
                     "全市群众安全感为98.21%。")
    arts = split_articles(text)
    assert len(arts) == 3
    assert arts[1].home is None                     # the masked county names no place of its own
    assert arts[2].home is not None and arts[2].home.name == "钦州市"
