"""The extractor on real phrases: each row says which figures a sentence holds."""
import math

import pytest

from pingan import COLUMNS, extract_text


def figures(text):
    df = extract_text(text)
    return sorted((r.indicator, round(r.value, 4)) for r in df.itertuples() if not math.isnan(r.value))


PHRASES = [
    # survey
    ("2022年上半年,我市群众安全感程度指数97.51%、对政法机关执法工作满意程度指数94.88%,分别位居全省第5、第3。",
     [("safety_sense", 97.51), ("satisfaction_law_enforcement", 94.88)]),
    ("2021年平安建设满意度达到98.66%,连续两年位居全省第一。", [("satisfaction_pingan", 98.66)]),
    ("群众对网格工作满意度超过98%。", [("satisfaction_other", 98)]),
    ("XX扫黑除恶斗争成效群众满意度为97.37%,位居全国第三。", [("satisfaction_anti_gang", 97.37)]),
    ("调查数据显示,2021年度人民群众对XX法治建设综合满意率达97.6%,对政法队伍执法满意率达95.92%,人民群众安全感满意度达95.86%。",
     [("safety_sense", 95.86), ("satisfaction_law_enforcement", 95.92), ("satisfaction_rule_of_law", 97.6)]),
    ("2021年度,全州人民群众对社会治安环境满意率达99.24%。", [("satisfaction_public_order", 99.24)]),
    ("全州人民群众对扫黑除恶斗争满意率达99.2%。", [("satisfaction_anti_gang", 99.2)]),
    ("通过开展问卷调查,群众对政法队伍教育整顿总体满意率达到95.47%。", [("satisfaction_other", 95.47)]),
    ("公众安全感连续12年保持在90%以上。", [("safety_sense", 90)]),
    ("2022年,全市群众安全感程度指数达到95.89%,群众满意度同比上升7个位次,平安创建活动参与率跃居全省第6位。",
     [("safety_sense", 95.89)]),
    ("全省群众安全感达百分之九十八。", [("safety_sense", 98)]),
    ("羣衆安全感滿意度達到97.2%。", [("safety_sense", 97.2)]),  # traditional
    # gang
    ("2018年以来,全市共摧毁黑社会性质组织14个、恶势力犯罪集团59个、恶势力犯罪团伙44个,抓获涉黑涉恶犯罪嫌疑人1225人,破获涉黑涉恶刑事案件1497起;公安机关共查封、冻结、扣押资产约10.35亿元。",
     [("gang_assets", 1035000000), ("gang_cases", 1497), ("gang_evil_gangs", 44), ("gang_evil_groups", 59),
      ("gang_mafia_orgs", 14), ("gang_suspects", 1225)]),
    ("扎实开展为期3年的扫黑除恶专项斗争,共打掉涉黑组织166个,涉恶犯罪集团296个、团伙508个,抓获犯罪嫌疑人1.37万人,缉拿目标逃犯207人,破获涉黑涉恶刑事案件1.39万起,破获多年未能侦破的积案5000余起。",
     [("gang_cases", 13900), ("gang_evil_gangs", 508), ("gang_evil_groups", 296), ("gang_mafia_orgs", 166),
      ("gang_suspects", 13700)]),
    ("常态化开展扫黑除恶斗争以来,全省打掉涉黑组织7个、涉恶犯罪集团和团伙67个,刑拘犯罪嫌疑人1276人。",
     [("gang_evil_total", 67), ("gang_mafia_orgs", 7), ("gang_suspects", 1276)]),
    ("深入推进扫黑除恶斗争,全市共侦办涉黑案件17起、恶势力犯罪集团案件56起,破获刑事案件3237起、刑拘2977人,查处“保护伞”问题186起、269人。",
     [("gang_cases", 3237), ("gang_evil_groups", 56), ("gang_mafia_orgs", 17), ("gang_suspects", 2977),
      ("gang_umbrella_cases", 186)]),
    ("紧盯扫黑除恶“十件实事”打出组合拳,侦办九类涉恶刑事案件52件183人,打掉涉恶犯罪集团3个,破获刑事案件11案17人,侦办“两非”刑事案件33件。",
     [("gang_cases", 11), ("gang_cases", 52), ("gang_evil_groups", 3), ("gang_suspects", 17), ("gang_suspects", 183)]),
    ("XX累计打掉涉黑涉恶团伙133个,破获刑事案件2575起,抓获犯罪嫌疑人2283人,查封、扣押、冻结涉案资产约51亿元,打掉的涉黑组织是前10年总和的1.62倍,纪检监察机关立案查处涉黑涉恶腐败和“保护伞”案件574件,处理1203人。",
     [("gang_all_total", 133), ("gang_assets", 5100000000), ("gang_cases", 2575), ("gang_suspects", 2283),
      ("gang_umbrella_cases", 574)]),
    ("常态化开展扫黑除恶斗争,2021年以来,全市共打掉恶势力犯罪集团2个、涉恶团伙4个,破获涉黑恶刑事案件108起,刑拘涉黑恶犯罪嫌疑人142人,查扣涉案资产9471.89万元。",
     [("gang_assets", 94718900), ("gang_cases", 108), ("gang_evil_gangs", 4), ("gang_evil_groups", 2),
      ("gang_suspects", 142)]),
    ("全州共打掉涉黑组织8个,涉恶犯罪集团、团伙67个,刑拘犯罪嫌疑人1535人,破获刑事案件1754起,查封、冻结、扣押涉案资产7.16亿元。",
     [("gang_assets", 716000000), ("gang_cases", 1754), ("gang_evil_total", 67), ("gang_mafia_orgs", 8),
      ("gang_suspects", 1535)]),
    # court and procuratorate workload is not in the taxonomy
    ("检察机关一审受理涉黑涉恶案件154件1042人,起诉140件926人;二审受理4件15人,均审结。", []),
    ("纪检监察机关共立案涉黑涉恶腐败及“保护伞”、“关系网”案件407件,给予党纪政务处分人数373人,移送司法机关人数60人。",
     [("gang_umbrella_cases", 407)]),
    # outside a 扫黑除恶 passage, bare cases and arrests are nobody's indicator
    ("扎实开展夏季治安打击整治“百日行动”,破获刑事案件771起,抓获犯罪嫌疑人1690名,同比分别增长176%、188%,刑事发案同比下降2.1%。",
     [("criminal_cases_change", -2.1)]),
    # fraud
    ("依法打击治理电信网络诈骗违法犯罪,全市共立电信诈骗案件1152起,同比下降29.6%,持续巩固“两降两升”态势。",
     [("fraud_cases", 1152), ("fraud_cases_yoy", -29.6)]),
    ("全市年均破获电诈及其关联案件1600余起。", [("fraud_solved", 1600)]),
    ("部署开展反诈人民战争,5年累计侦破电信网络诈骗犯罪案件10887起,破案率提升20%。", [("fraud_solved", 10887)]),
    ("为有效应对电信网络诈骗犯罪,市公安局今年以来共预警、劝阻191.2万余人次,电话或见面劝阻成功率达99.9%。",
     [("fraud_dissuaded", 1912000)]),
    ("深入开展打击整治养老诈骗专项行动,公安机关立案110起,破案110起,打掉犯罪团伙15个,抓获犯罪嫌疑人223人。",
     [("elder_fraud_cases", 110), ("elder_fraud_cases", 110), ("elder_fraud_gangs", 15), ("elder_fraud_suspects", 223)]),
    ("目前全市共打掉养老诈骗团伙10个,对114名犯罪嫌疑人采取刑事强制措施,侦破案件49件86起,立案数位居全省前列。",
     [("elder_fraud_cases", 49), ("elder_fraud_gangs", 10), ("elder_fraud_suspects", 114)]),
    # anecdotes are not indicators
    ("北流市公安局接到报案后,迅速对涉案资金进行紧急止付、冻结,成功为该公司追回被骗资金55.48万元。", []),
    ("今年4月,兴业县公安局破获一起涉养老诈骗案,为群众挽回损失30多万元,张阿婆是受害者之一。", []),
    # crime and disputes
    ("今年以来,全市共立刑事案件2707件,同比下降16.75%,暴力命案发案数低于全国平均水平。",
     [("criminal_cases", 2707), ("criminal_cases_change", -16.75)]),
    ("十年来,淄博市刑事犯罪案件立案数和可防性案件立案数分别下降36.01%、85.7%。", [("criminal_cases_change", -36.01)]),
    ("全省刑事案件立案数从2012年的30万余起降至2021年的24万余起,命案发案数年均降幅达13.7%。",
     [("criminal_cases", 240000), ("criminal_cases", 300000)]),
    ("2021年全区八类主要刑事案件较2017年下降41.41%,命案立案数较2017年下降35.57%。", []),
    ("近年来全市共排查调解各类矛盾纠纷12.4万余件,调处成功率达98%以上。",
     [("dispute_resolution_rate", 98), ("disputes_handled", 124000)]),
    ("今年1月至6月,全市受理各类矛盾纠纷7792起,调解成功7762起,调解成功率97.12%。",
     [("dispute_resolution_rate", 97.12), ("disputes_handled", 7792)]),
    ("常态化开展矛盾纠纷排查化解专项行动,5年累计排查化解矛盾纠纷26.39万件,化解成功率年均保持在97%以上。",
     [("dispute_resolution_rate", 97), ("disputes_handled", 263900)]),
    ("常态化开展矛盾纠纷大排查大化解,调处矛盾纠纷7759件,成功化解率98.7%。",
     [("dispute_resolution_rate", 98.7), ("disputes_handled", 7759)]),
    ("2021年全省法院通过诉前调解化解矛盾纠纷26.3万件。", [("disputes_handled", 263000)]),
    ("全市检察机关批准逮捕各类犯罪嫌疑人3419人,同比下降24.51%;起诉4641人,同比上升6.54%。", []),
    ("法定正常审限内结案率98.1%,中院院庭长带头办理案件占比85.8%。", []),
    # wording the seeds do not have
    ("全省群众安全感指数为97.8,位居全国前列。", [("safety_sense", 97.8)]),
    ("群众安全感和满意度分别为98.6%和96.5%。", [("safety_sense", 98.6), ("satisfaction_pingan", 96.5)]),  # the 两率
    ("人民群众对平安建设的满意度达96.8%,对社会治安状况的满意度达95.1%。",
     [("satisfaction_pingan", 96.8), ("satisfaction_public_order", 95.1)]),
    ("公众安全感测评得分93.5分,较上年提高0.5个百分点。", [("safety_sense", 93.5)]),
    ("全市刑事案件同比下降12.3%,八类严重暴力案件同比下降20%。", [("criminal_cases_change", -12.3)]),
    ("全年共发生刑事案件3456起。", [("criminal_cases", 3456)]),
    ("电诈案件发案数同比下降35.2%,破获电信网络诈骗案件612起。", [("fraud_cases_yoy", -35.2), ("fraud_solved", 612)]),
    ("打击治理电信网络诈骗,紧急止付涉案资金1.2亿元,追赃挽损3600万元。",
     [("fraud_recovered", 36000000), ("fraud_recovered", 120000000)]),
    ("扫黑除恶专项斗争开展以来,共打掉涉黑涉恶犯罪集团12个,破获涉黑涉恶各类刑事案件356起,依法查扣涉黑涉恶资产2.3亿元。",
     [("gang_all_total", 12), ("gang_assets", 230000000), ("gang_cases", 356)]),
    ("移送起诉涉黑涉恶案件45件312人,法院判处涉黑涉恶罪犯280人。", []),
    ("共受理矛盾纠纷2.1万件,调解成功2.06万件,化解率达98.1%。",
     [("dispute_resolution_rate", 98.1), ("disputes_handled", 21000)]),
    ("全市平安建设知晓率达92.3%,参与率达88.6%。", [("awareness_pingan", 92.3), ("participation_pingan", 88.6)]),
    # capacity
    ("全市共配备网格员7600余人,建立网格微信群9400余个。", [("grid_workers", 7600)]),
    ("市主城区划分为1181个网格,配备专职网格员1069人。", [("grid_cells", 1181), ("grid_workers", 1069)]),
]


@pytest.mark.parametrize("text,expected", PHRASES, ids=[p[0][:24] for p in PHRASES])
def test_phrase(text, expected):
    got = [g for g in figures(text) if not g[0].startswith(("grid_", "mediation_", "volunteers"))] \
        if not any(e[0].startswith("grid_") for e in expected) else figures(text)
    assert got == sorted((k, round(v, 4)) for k, v in expected)


def test_row_format_and_offsets():
    text = "2022年,全市群众安全感程度指数达到95.89%。"
    df = extract_text("宿州市召开新闻发布会。\n" + text, doc="a.txt")
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    row = df.iloc[0]
    assert (row.doc, row.region, row.level, row.indicator, row.unit, row.qualifier) == \
        ("a.txt", "宿州市", "prefecture", "safety_sense", "%", "exact")
    assert (row.period_start, row.period_end, row.period) == (2022, 2022, "2022")
    from pingan import normalize

    norm = normalize("宿州市召开新闻发布会。\n" + text)
    assert norm[row.start:row.end] == row.quote
    assert "95.89%" in row.quote


def test_empty_frame_has_all_columns():
    df = extract_text("今天天气很好。")
    assert df.empty and list(df.columns[: len(COLUMNS)]) == COLUMNS
    assert str(df["value"].dtype) == "float64" and str(df["period_start"].dtype) == "Int64"


def test_same_figure_twice_is_one_row():
    text = ("大理州召开新闻发布会。\n2021年度,全州人民群众对社会治安环境满意率达99.24%。\n"
            "十年来,社会治安环境持续好转。2021年度,全州人民群众对社会治安环境满意率达99.24%。")
    df = extract_text(text)
    assert len(df[df.indicator == "satisfaction_public_order"]) == 1


def test_fraud_trend_row_has_no_value():
    df = extract_text("安康市:依法打击治理电信网络诈骗违法犯罪,持续巩固“两降两升”态势。")
    trend = df[df.indicator == "fraud_trend"]
    assert len(trend) == 1 and math.isnan(trend.iloc[0].value) and "两降两升" in trend.iloc[0].quote
    assert trend.iloc[0].family == "fraud"


def test_trend_topic_key_and_family_come_from_the_lexicon_data(monkeypatch):
    """The trend row's topic, key and family are read from [trend] in data/lexicon.toml, not code."""
    import tomllib

    from pingan import extract as extract_module
    from pingan.indicators import LEXICON_PATH, Lexicon

    data = tomllib.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["trend"].update(topic="gang", key="gang_trend", family="gang")
    lex = Lexicon(data)
    monkeypatch.setattr(extract_module, "lexicon", lambda: lex)
    text = "持续巩固“两降两升”态势。"
    assert extract_module.extract_text("打击电信网络诈骗," + text).empty  # no longer about the topic
    df = extract_module.extract_text("深入推进扫黑除恶," + text)
    assert list(df.indicator) == ["gang_trend"] and list(df.family) == ["gang"]
    assert lex.keys()[-1] == "gang_trend" and lex.family("gang_trend") == "gang"
    assert "gang_trend" not in lex.value_keys() and len(lex.value_keys()) == len(lex.keys()) - 1


PERIODS = [
    ("2022年上半年,六安市群众安全感程度指数97.51%。", "2022H1", 2022, 2022),
    ("三年(2018至2020)扫黑除恶专项斗争,大理州共打掉涉黑组织8个。", "2018-2020", 2018, 2020),
    ("2021年度,全州人民群众对社会治安环境满意率达99.24%。\n2022年10月", "2021", 2021, 2021),
    ("2018年以来,六安市共摧毁黑社会性质组织14个。\n2022年10月", "2018-2022", 2018, 2022),
    ("5年累计排查化解矛盾纠纷26.39万件。\n2022年10月", "2017-2022", 2017, 2022),
    ("今年以来,安康市共立刑事案件2707件。\n更新时间:2022-10-18", "2022", 2022, 2022),
]


@pytest.mark.parametrize("text,label,start,end", PERIODS)
def test_periods(text, label, start, end):
    row = extract_text(text).iloc[0]
    assert (row.period, row.period_start, row.period_end) == (label, start, end)


def test_publication_year_from_dated_events():
    from pingan.periods import publication_year

    assert publication_year("从2018年开始深入推进扫黑除恶。圆满完成北京冬奥会维稳安保任务。") == 2022
    assert publication_year("更新时间:2021-10-18 11:35\n2018年以来") == 2021
    assert publication_year("2019年12月,试点工作展开,纳入2035年远景目标。") == 2019
