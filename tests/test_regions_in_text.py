"""Whose figure is it: scope words, named divisions and masked compilations."""
from pingan import extract_text


def regions(text):
    df = extract_text(text)
    return sorted({(r.indicator, r.region, r.level) for r in df.itertuples() if r.indicator != "fraud_trend"})


def test_city_named_in_title_owns_quanshi_figures():
    text = "淮北市全力建设更高水平平安淮北\n2023年,全市群众安全感程度指数升至96.21%。"
    assert regions(text) == [("safety_sense", "淮北市", "prefecture")]


def test_short_form_resolves_to_full_name():
    text = "平安亳州这五年\n亳州市委政法委负责人介绍,今年前三季度我市群众安全感程度指数为96.55%。"
    assert regions(text) == [("safety_sense", "亳州市", "prefecture")]


def test_autonomous_prefecture():
    text = "平安德宏建设扎实推进,德宏州获评全省平安建设先进州。\n2022年,全州群众安全感满意度为97%。"
    assert regions(text) == [("safety_sense", "德宏傣族景颇族自治州", "prefecture")]


def test_quansheng_in_a_city_text_is_the_province():
    text = "淄博市召开新闻发布会,淄博市政法委介绍。\n全省群众安全感达98.2%,全市群众安全感达98.6%。"
    assert regions(text) == [("safety_sense", "山东省", "province"), ("safety_sense", "淄博市", "prefecture")]


def test_masked_region_is_inferred_from_its_counties():
    text = ("今年5月,阳朔县公安局侦破一起案件。\nXX市出台新举措,灵川县司法局组织培训。\n荔浦市公安局开展专项行动。\n"
            "今年1至8月,全市共受理各类矛盾纠纷6425起,调解成功率98.36%。")
    got = regions(text)
    assert ("disputes_handled", "桂林市", "prefecture") in got


def test_masked_region_without_evidence_stays_empty():
    text = "XX市扎实推进平安建设,夯实基层基础。\n各级人民调解组织共调解纠纷9.3万余件,调解成功率达98.2%。"
    assert regions(text) == [("dispute_resolution_rate", "", ""), ("disputes_handled", "", "")]


def test_masked_autonomous_region_quanqu():
    text = ("包头市昆都仑区设立社会治理中心。赤峰市、通辽市、鄂尔多斯市做法被推广。\n"
            "全区各地各部门把矛盾纠纷化解作为基础性工作,全区矛盾纠纷总量逐年下降。\n"
            "全区各地各部门4年累计排查化解矛盾纠纷31.46万件。")
    assert regions(text) == [("disputes_handled", "内蒙古自治区", "province")]


def test_compilation_is_split_into_articles():
    text = ("安危相易,福祸相生。\n全区各地扎实推进。包头市、赤峰市、通辽市经验在全区推广。鄂尔多斯市成效明显,全区建成调处中心。\n"
            "全区4年累计排查化解矛盾纠纷31.46万件。\n"
            "平安是幸福生活的基石。\n"
            "2022年度,全州群众对社会治安环境满意率为98.36%,全州群众安全感稳步提升。德宏州获评平安建设示范州。")
    got = regions(text)
    assert ("disputes_handled", "内蒙古自治区", "province") in got
    assert ("satisfaction_public_order", "德宏傣族景颇族自治州", "prefecture") in got


def test_municipality_quanshi():
    text = "上海市召开平安上海建设新闻发布会。浦东新区、徐汇区介绍做法。\n2021年,全市群众安全感为97.9%。"
    assert regions(text) == [("safety_sense", "上海市", "province")]


def test_county_text():
    text = "霍邱县平安建设新闻发布会。霍邱县委政法委介绍,全县群众安全感满意度达98.1%,全县共排查矛盾纠纷3200件。"
    assert regions(text) == [("disputes_handled", "霍邱县", "county"), ("safety_sense", "霍邱县", "county")]


def test_a_street_named_after_a_place_is_no_place():
    text = ("XX区平安建设工作动态\n"
            "2023年,XX区在中山路、北京东路、南京大街沿线设立巡防点,辖区电信网络诈骗发案数同比下降18.2%。")
    assert regions(text) == [("fraud_cases_yoy", "", "")]
