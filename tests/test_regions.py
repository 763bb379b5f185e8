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
