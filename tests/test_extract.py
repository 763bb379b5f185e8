"""The extractor on real phrases: each row says which figures a sentence holds."""
import math

import pytest

from pingan import COLUMNS, extract_text


def figures(text):
    df = extract_text(text)
    return sorted((r.indicator, round(r.value, 4)) for r in df.itertuples() if not math.isnan(r.value))


PHRASES = [
    # survey
    ("2023年上半年,全市群众安全感程度指数为96.84%,群众对政法机关执法工作的满意程度指数为93.27%,在全省排名分别为第4、第2。",
     [("safety_sense", 96.84), ("satisfaction_law_enforcement", 93.27)]),
    ("2020年度我市平安建设满意度为97.43%,已连续三年在全省排名第一。", [("satisfaction_pingan", 97.43)]),
    ("辖区居民对网格化服务管理工作满意度超过97%。", [("satisfaction_other", 97)]),
    ("群众对XX扫黑除恶斗争成效的满意度达96.18%,居全国第五位。", [("satisfaction_anti_gang", 96.18)]),
    ("第三方测评结果表明,2022年度XX群众对法治建设综合满意率为96.9%,对政法队伍执法满意率为94.73%,群众安全感满意度为97.15%。",
     [("safety_sense", 97.15), ("satisfaction_law_enforcement", 94.73), ("satisfaction_rule_of_law", 96.9)]),
    ("2022年度,全州群众对社会治安环境的满意率达到98.57%。", [("satisfaction_public_order", 98.57)]),
    ("全县群众对扫黑除恶斗争满意率达到98.6%。", [("satisfaction_anti_gang", 98.6)]),
    ("经入户走访问卷测评,干部群众对政法队伍教育整顿的总体满意率为96.31%。", [("satisfaction_other", 96.31)]),
    ("公众安全感已连续9年稳定在95%以上。", [("safety_sense", 95)]),
    ("2021年,全市群众安全感程度指数升至96.42%,群众满意度排名较上年前移5个位次,平安创建参与率跃升至全省第4位。",
     [("safety_sense", 96.42)]),
    ("全省群众安全感达百分之九十八。", [("safety_sense", 98)]),
    ("羣衆安全感滿意度達到97.2%。", [("safety_sense", 97.2)]),  # traditional
    # gang
    ("2019年以来,全区累计摧毁黑社会性质组织19个、恶势力犯罪集团37个、恶势力犯罪团伙62个,抓获涉黑涉恶犯罪嫌疑人986人,破获涉黑涉恶刑事案件1312起;公安机关共依法查封、扣押、冻结资产约6.48亿元。",
     [("gang_assets", 648000000), ("gang_cases", 1312), ("gang_evil_gangs", 62), ("gang_evil_groups", 37),
      ("gang_mafia_orgs", 19), ("gang_suspects", 986)]),
    ("为期3年的扫黑除恶专项斗争期间,全省打掉涉黑组织123个,涉恶犯罪集团215个、团伙437个,抓获犯罪嫌疑人1.08万人,抓捕目标逃犯154名,破获涉黑涉恶刑事案件1.12万起,侦破陈年积案3000余起。",
     [("gang_cases", 11200), ("gang_evil_gangs", 437), ("gang_evil_groups", 215), ("gang_mafia_orgs", 123),
      ("gang_suspects", 10800)]),
    ("扫黑除恶常态化开展以来,全省共打掉涉黑组织9个、涉恶犯罪集团和团伙83个,刑拘犯罪嫌疑人1542人。",
     [("gang_evil_total", 83), ("gang_mafia_orgs", 9), ("gang_suspects", 1542)]),
    ("纵深推进扫黑除恶斗争,全市共侦办涉黑案件12起、恶势力犯罪集团案件43起,破获刑事案件2816起、刑拘2350人,查处“保护伞”问题147起、208人。",
     [("gang_cases", 2816), ("gang_evil_groups", 43), ("gang_mafia_orgs", 12), ("gang_suspects", 2350),
      ("gang_umbrella_cases", 147)]),
    ("围绕扫黑除恶“六项重点”持续发力,侦办九类涉恶刑事案件38件146人,打掉涉恶犯罪集团5个,破获刑事案件14案23人,侦办“两非”刑事案件27件。",
     [("gang_cases", 14), ("gang_cases", 38), ("gang_evil_groups", 5), ("gang_suspects", 23), ("gang_suspects", 146)]),
    ("XX累计打掉涉黑涉恶团伙118个,破获刑事案件2190起,抓获犯罪嫌疑人1964人,依法查封、扣押、冻结涉案资产约37亿元,打掉的涉黑组织数量相当于此前8年总和的1.45倍,纪检监察机关共查处涉黑涉恶腐败和“保护伞”问题案件362件,处理785人。",
     [("gang_all_total", 118), ("gang_assets", 3700000000), ("gang_cases", 2190), ("gang_suspects", 1964),
      ("gang_umbrella_cases", 362)]),
    ("扫黑除恶斗争常态化推进,2022年以来,全市已打掉恶势力犯罪集团3个、涉恶团伙6个,破获涉黑恶刑事案件87起,刑拘涉黑恶犯罪嫌疑人119人,查扣涉案资产6352.47万元。",
     [("gang_assets", 63524700), ("gang_cases", 87), ("gang_evil_gangs", 6), ("gang_evil_groups", 3),
      ("gang_suspects", 119)]),
    ("全市共打掉涉黑组织6个,涉恶犯罪集团、团伙54个,刑拘犯罪嫌疑人1208人,破获刑事案件1467起,依法查封、冻结、扣押涉案资产5.83亿元。",
     [("gang_assets", 583000000), ("gang_cases", 1467), ("gang_evil_total", 54), ("gang_mafia_orgs", 6),
      ("gang_suspects", 1208)]),
    # court and procuratorate workload is not in the taxonomy
    ("全市检察机关一审共受理涉黑涉恶案件127件865人,提起公诉118件790人;二审受理3件11人,已全部审结。", []),
    ("纪检监察机关立案审查涉黑涉恶腐败及“保护伞”“关系网”案件315件,给予党纪政务处分298人,移送司法机关48人。",
     [("gang_umbrella_cases", 315)]),
    # outside a 扫黑除恶 passage, bare cases and arrests are nobody's indicator
    ("深入开展冬季治安打击整治专项行动,破获刑事案件645起,抓获犯罪嫌疑人1283名,同比分别上升142%、157%,刑事发案同比下降3.4%。",
     [("criminal_cases_change", -3.4)]),
    # fraud
    ("聚焦电信网络诈骗犯罪开展集中打击,当年全市共立电信诈骗案件968起,同比下降24.3%,“两降两升”态势持续巩固。",
     [("fraud_cases", 968), ("fraud_cases_yoy", -24.3)]),
    ("全县年均侦破电诈及其关联案件850余起。", [("fraud_solved", 850)]),
    ("全面打响反诈人民战争,4年来共侦破电信网络诈骗犯罪案件8653起,破案率提高15%。", [("fraud_solved", 8653)]),
    ("为遏制电信网络诈骗高发势头,市公安局今年以来共预警、劝阻87.6万余人次,电话或上门劝阻成功率达99.7%。",
     [("fraud_dissuaded", 876000)]),
    ("养老诈骗专项打击整治行动中,公安机关立案86起,破案79起,打掉犯罪团伙12个,抓获犯罪嫌疑人164人。",
     [("elder_fraud_cases", 79), ("elder_fraud_cases", 86), ("elder_fraud_gangs", 12), ("elder_fraud_suspects", 164)]),
    ("截至目前,全市共打掉养老诈骗团伙8个,对97名犯罪嫌疑人依法采取刑事强制措施,侦破案件36件71起,破案数居全省前列。",
     [("elder_fraud_cases", 36), ("elder_fraud_gangs", 8), ("elder_fraud_suspects", 97)]),
    # anecdotes are not indicators
    ("岑溪市公安局接到报案后,第一时间对涉案资金实施紧急止付、冻结,成功为该企业追回被骗资金38.72万元。", []),
    ("今年7月,陆川县公安局侦破一起涉养老诈骗案件,为群众挽回损失20多万元,李大爷就是其中一名受害人。", []),
    # crime and disputes
    ("今年以来,全市共立刑事案件3158件,同比下降12.46%,严重暴力犯罪发案数低于全国平均水平。",
     [("criminal_cases", 3158), ("criminal_cases_change", -12.46)]),
    ("五年来,潍坊市刑事案件立案数、可防性案件立案数分别下降28.47%、63.2%。", [("criminal_cases_change", -28.47)]),
    ("全省刑事案件立案数由2013年的26万余起下降到2022年的19万余起,命案年均降幅为8.6%。",
     [("criminal_cases", 190000), ("criminal_cases", 260000)]),
    ("2022年全市八类主要刑事案件较2018年下降37.26%,命案立案数较2018年下降29.8%。", []),
    ("近年来全县共排查调处各类矛盾纠纷3.6万余件,调处成功率达97%以上。",
     [("dispute_resolution_rate", 97), ("disputes_handled", 36000)]),
    ("今年1至9月,全区共受理各类矛盾纠纷5418起,调解成功5361起,调解成功率98.95%。",
     [("dispute_resolution_rate", 98.95), ("disputes_handled", 5418)]),
    ("持续开展矛盾纠纷排查化解行动,4年累计排查化解矛盾纠纷18.72万件,化解成功率始终保持在96%以上。",
     [("dispute_resolution_rate", 96), ("disputes_handled", 187200)]),
    ("深入开展矛盾纠纷集中排查化解,调处矛盾纠纷6134件,成功化解率97.9%。",
     [("dispute_resolution_rate", 97.9), ("disputes_handled", 6134)]),
    ("2022年全省法院依托诉前调解化解矛盾纠纷18.9万件。", [("disputes_handled", 189000)]),
    ("全市检察机关共批准逮捕各类犯罪嫌疑人2786人,同比下降18.37%;提起公诉3952人,同比上升4.21%。", []),
    ("法定审限内结案率达97.6%,市中级法院院庭长带头办理案件占比81.4%。", []),
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
    ("全县共配齐网格员3200余人,组建网格微信群4100余个。", [("grid_workers", 3200)]),
    ("中心城区共划分为846个网格,配备专职网格员792人。", [("grid_cells", 846), ("grid_workers", 792)]),
]


@pytest.mark.parametrize("text,expected", PHRASES, ids=[p[0][:24] for p in PHRASES])
def test_phrase(text, expected):
    got = [g for g in figures(text) if not g[0].startswith(("grid_", "mediation_", "volunteers"))] \
        if not any(e[0].startswith("grid_") for e in expected) else figures(text)
    assert got == sorted((k, round(v, 4)) for k, v in expected)


def test_row_format_and_offsets():
    text = "2021年全市群众安全感程度指数为96.73%。"
    df = extract_text("蚌埠市召开新闻发布会。\n" + text, doc="a.txt")
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    row = df.iloc[0]
    assert (row.doc, row.region, row.level, row.indicator, row.unit, row.qualifier) == \
        ("a.txt", "蚌埠市", "prefecture", "safety_sense", "%", "exact")
    assert (row.period_start, row.period_end, row.period) == (2021, 2021, "2021")
    from pingan import normalize

    norm = normalize("蚌埠市召开新闻发布会。\n" + text)
    assert norm[row.start:row.end] == row.quote
    assert "96.73%" in row.quote


def test_empty_frame_has_all_columns():
    df = extract_text("今天天气很好。")
    assert df.empty and list(df.columns[: len(COLUMNS)]) == COLUMNS
    assert str(df["value"].dtype) == "float64" and str(df["period_start"].dtype) == "Int64"


def test_same_figure_twice_is_one_row():
    text = ("楚雄州召开新闻发布会。\n2022年度,全州群众对社会治安环境满意率为98.36%。\n"
            "五年来,全州治安形势持续向好。2022年度,全州群众对社会治安环境满意率为98.36%。")
    df = extract_text(text)
    assert len(df[df.indicator == "satisfaction_public_order"]) == 1


def test_fraud_trend_row_has_no_value():
    df = extract_text("商洛市:重拳整治电信网络诈骗犯罪,全年实现“两降两升”目标。")
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
    text = "全年实现“两降两升”目标。"
    assert extract_module.extract_text("打击电信网络诈骗," + text).empty  # no longer about the topic
    df = extract_module.extract_text("深入推进扫黑除恶," + text)
    assert list(df.indicator) == ["gang_trend"] and list(df.family) == ["gang"]
    assert lex.keys()[-1] == "gang_trend" and lex.family("gang_trend") == "gang"
    assert "gang_trend" not in lex.value_keys() and len(lex.value_keys()) == len(lex.keys()) - 1


PERIODS = [
    ("2023年上半年,滁州市群众安全感程度指数为96.47%。", "2023H1", 2023, 2023),
    ("扫黑除恶专项斗争三年(2018至2020)期间,红河州共打掉涉黑组织5个。", "2018-2020", 2018, 2020),
    ("2020年度,全州群众对社会治安环境满意率为98.15%。\n2021年9月", "2020", 2020, 2020),
    ("2019年以来,宣城市共摧毁黑社会性质组织6个。\n2023年3月", "2019-2023", 2019, 2023),
    ("4年累计排查化解矛盾纠纷15.8万件。\n2023年5月", "2019-2023", 2019, 2023),
    ("今年以来,汉中市共立刑事案件1934件。\n更新时间:2021-08-26", "2021", 2021, 2021),
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
