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
