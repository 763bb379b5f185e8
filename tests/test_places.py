"""Whose figure, for places all over the country: one table of (how a headline names a place,
the official full name, the scope word its texts use), each read through the same short texts.

The rows are the extractor's contract for regions (../shared/INDICATORS.md): an official full
name, whatever short form the headline used (大理州, 宁夏, 内蒙古), and a county-level city's
全市 is itself, not its prefecture. Grouped by the kind of division.
"""
import pytest

from pingan import extract_text

PLACES = {
    "autonomous prefectures": [
        ("延边州", "延边朝鲜族自治州", "州"), ("恩施州", "恩施土家族苗族自治州", "州"), ("凉山州", "凉山彝族自治州", "州"),
        ("阿坝州", "阿坝藏族羌族自治州", "州"), ("黔东南州", "黔东南苗族侗族自治州", "州"), ("大理州", "大理白族自治州", "州"),
        ("西双版纳州", "西双版纳傣族自治州", "州"), ("红河州", "红河哈尼族彝族自治州", "州"), ("甘孜州", "甘孜藏族自治州", "州"),
        ("临夏州", "临夏回族自治州", "州"), ("湘西州", "湘西土家族苗族自治州", "州"), ("巴音郭楞州", "巴音郭楞蒙古自治州", "州"),
        ("海南州", "海南藏族自治州", "州"), ("玉树州", "玉树藏族自治州", "州"), ("伊犁州", "伊犁哈萨克自治州", "州"),
        ("楚雄州", "楚雄彝族自治州", "州"), ("文山州", "文山壮族苗族自治州", "州"), ("黔南州", "黔南布依族苗族自治州", "州"),
    ],
    "leagues and banners": [("锡林郭勒盟", "锡林郭勒盟", "盟"), ("鄂温克族自治旗", "鄂温克族自治旗", "旗")],
    "county-level cities": [("义乌市", "义乌市", "市"), ("昆山市", "昆山市", "市"), ("延吉市", "延吉市", "市"),
                            ("仙桃市", "仙桃市", "市"), ("济源市", "济源市", "市")],
    "prefecture-level cities": [
        ("吉林市", "吉林市", "市"), ("朝阳市", "朝阳市", "市"), ("六安市", "六安市", "市"), ("呼和浩特市", "呼和浩特市", "市"),
        ("石家庄市", "石家庄市", "市"), ("三沙市", "三沙市", "市"), ("儋州市", "儋州市", "市"), ("东莞市", "东莞市", "市"),
        ("中山市", "中山市", "市"), ("嘉峪关市", "嘉峪关市", "市"), ("普洱市", "普洱市", "市"),
    ],
    "districts": [("北京市朝阳区", "朝阳区", "区"), ("上海市浦东新区", "浦东新区", "区"), ("天津市滨海新区", "滨海新区", "区"),
                  ("重庆市万州区", "万州区", "区"), ("福州市鼓楼区", "鼓楼区", "区"), ("兰州市城关区", "城关区", "区"),
                  ("神农架林区", "神农架林区", "区")],
    "counties": [("霍邱县", "霍邱县", "县"), ("金寨县", "金寨县", "县"), ("长白朝鲜族自治县", "长白朝鲜族自治县", "县"),
                 ("峨边彝族自治县", "峨边彝族自治县", "县")],
    "provinces and autonomous regions": [
        ("宁夏", "宁夏回族自治区", "区"), ("广西", "广西壮族自治区", "区"), ("内蒙古", "内蒙古自治区", "区"),
        ("新疆", "新疆维吾尔自治区", "区"), ("西藏", "西藏自治区", "区"), ("云南省", "云南省", "省"),
    ],
}

TEXTS = {
    "quan": "{s}平安建设工作会议召开\n发布时间：2023-01-10\n2022年，全{k}群众安全感达98.1%，平安建设满意度为96.7%。",
    "wo": "{s}召开平安建设推进会\n发布时间：2023-01-10\n2022年，我{k}群众安全感为98.1%，刑事案件立案数同比下降9.5%。",
}


def _cases():
    for group, places in PLACES.items():
        for short, full, kind in places:
            for name, text in TEXTS.items():
                yield pytest.param(text.format(s=short, k=kind), full, id=f"{group}-{short}-{name}")


@pytest.mark.parametrize("text, region", list(_cases()))
def test_region_of_a_place_speaking_of_itself(text, region):
    df = extract_text(text, doc="x")
    assert len(df) == 2
    assert set(df.region) == {region}
    assert set(df.period) == {"2022"}
