"""Whose figure is it: scope words, named divisions and masked compilations."""
from pingan import extract_text


def regions(text):
    df = extract_text(text)
    return sorted({(r.indicator, r.region, r.level) for r in df.itertuples() if r.indicator != "fraud_trend"})


def test_city_named_in_title_owns_quanshi_figures():
    text = "宿州市加快建设更高水平平安宿州\n2022年,全市群众安全感程度指数达到95.89%。"
    assert regions(text) == [("safety_sense", "宿州市", "prefecture")]


def test_short_form_resolves_to_full_name():
    text = "平安六安这十年\n六安市委政法委介绍。2022年上半年,我市群众安全感程度指数97.51%。"
    assert regions(text) == [("safety_sense", "六安市", "prefecture")]


def test_autonomous_prefecture():
    text = "平安大理建设成效显著,大理州被授予示范州称号。\n2021年,全州人民群众安全感满意度达96%。"
    assert regions(text) == [("safety_sense", "大理白族自治州", "prefecture")]


def test_quansheng_in_a_city_text_is_the_province():
    text = "淄博市召开新闻发布会,淄博市政法委介绍。\n全省群众安全感达98.2%,全市群众安全感达98.6%。"
    assert regions(text) == [("safety_sense", "山东省", "province"), ("safety_sense", "淄博市", "prefecture")]


def test_masked_region_is_inferred_from_its_counties():
    text = ("今年4月,兴业县公安局破获案件。\nXX市推出新举措,博白县司法局开展培训。\n北流市公安局开展行动。\n"
            "今年1月至6月,全市受理各类矛盾纠纷7792起,调解成功率97.12%。")
    got = regions(text)
    assert ("disputes_handled", "玉林市", "prefecture") in got


def test_masked_region_without_evidence_stays_empty():
    text = "XX市在平安建设工作中筑牢平安根基。\n各级调解组织调解案件14.7万余件,成功率达97.7%。"
    assert regions(text) == [("dispute_resolution_rate", "", ""), ("disputes_handled", "", "")]


def test_masked_autonomous_region_quanqu():
    text = ("中卫市沙坡头区设立乡村治理中心。银川市、石嘴山市、吴忠市经验被推广。\n"
            "全区各地各有关部门把矛盾纠纷排查化解作为源头性工作,全区社会矛盾总量稳中有降。\n"
        "全区各地各有关部门5年累计排查化解矛盾纠纷26.39万件。")
    assert regions(text) == [("disputes_handled", "宁夏回族自治区", "province")]


def test_compilation_is_split_into_articles():
    text = ("民惟邦本,本固邦宁。\n全区各地认真贯彻。中卫市、吴忠市、固原市经验在全区推广。银川市成绩突出,全区建成调解中心。\n"
            "全区5年累计排查化解矛盾纠纷26.39万件。\n"
            "平安,是民生所盼,是发展之基。\n"
            "2021年度,全州人民群众对社会治安环境满意率达99.24%,全州安全感持续提升。大理州被授予示范州称号。")
    got = regions(text)
    assert ("disputes_handled", "宁夏回族自治区", "province") in got
    assert ("satisfaction_public_order", "大理白族自治州", "prefecture") in got


def test_municipality_quanshi():
    text = "北京市召开平安北京建设新闻发布会。朝阳区、海淀区介绍经验。\n2022年,全市群众安全感达98.8%。"
    assert regions(text) == [("safety_sense", "北京市", "province")]


def test_county_text():
    text = "霍邱县平安建设新闻发布会。霍邱县委政法委介绍,全县群众安全感满意度达98.1%,全县共排查矛盾纠纷3200件。"
    assert regions(text) == [("disputes_handled", "霍邱县", "county"), ("safety_sense", "霍邱县", "county")]
