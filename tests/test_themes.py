"""Themes: named initiatives (table of phrases of our own in the seeds' constructions, traditional
and glossed ones too), distinctive keywords, no theme from navigation or copyright text, jieba loaded lazily."""
import subprocess
import sys

import pytest

from pingan import normalize
from pingan.themes import body_spans, find_initiatives, themes
from tests.conftest import ROOT

# (phrase of our own writing in the seeds' constructions, the initiatives named in it)
INITIATIVE_CASES = [
    ("以深化“135”基层治理模式为抓手", ["“135”基层治理模式"]),
    ("宿州市今年启动“双提升”专项行动,同步推进“平安巡”和入户走访", ["双提升", "平安巡"]),
    ("把“枫桥经验”落到村组院落", ["枫桥经验"]),
    ("各乡镇坚持新时代“枫桥经验”,就地化解邻里纠纷", ["枫桥经验"]),
    ("持续升级“雪亮工程”和公共视频点位", ["雪亮工程"]),
    ("全面推行“警格+网格”双网融合模式", ["警格+网格"]),
    ("各县区统筹“一站三中心”资源,打造“一站式”调处平台。", ["一站三中心", "一站式"]),
    ("全力推进雪亮工程建设", ["雪亮工程"]),
    ("坚持和发展新时代枫桥经验", ["枫桥经验"]),
    # traditional characters with pinyin glosses, as in seed 004, after normalisation
    ("宿州各鄉鎮啟動“平安巡”活動,,夜間巡邏覆蓋(gài)城鄉(xiāng)", ["平安巡"]),
    ("踐行新時代“楓橋經(jīng)驗”,,推動糾紛就地化解(jiě)", ["枫桥经验"]),
    ("各地落實(shí)“雙提升”專項行動,,逐村推進(jìn)", ["双提升"]),
    # not initiatives: a crime's name, a speech, a metaphor, a verb + 经验, a lone character
    ("对“村霸”“乡痞”露头就打,坚决铲除宗族恶势力", []),
    ("“治国有常,利民为本。”2021年以来", []),
    ("科技赋能,让平安建设插上“翅膀”。", []),
    ("各地交流经验,相互借鉴", []),
    ("紧扣一个“实”字,把各项举措落到基层", []),
]


@pytest.mark.parametrize("phrase,names", INITIATIVE_CASES)
def test_initiatives_in_real_phrases(phrase, names):
    text = normalize(phrase)
    assert [i["name"] for i in find_initiatives(text)] == names


def test_initiative_kind_and_span():
    text = normalize("深入推进“平安巡”、夜间巡逻常态化")
    (ini,) = find_initiatives(text)
    assert ini["kind"] == "提法" and text[ini["start"]:ini["end"]] == "“平安巡”"
    (ini,) = find_initiatives("以深化“135”基层治理模式为抓手")
    assert ini["kind"] == "模式"


@pytest.fixture(scope="module")
def seed_themes():
    return themes([ROOT / "seeds"])


def test_seed_initiatives_are_counted_with_their_sentences(seed_themes):
    th = seed_themes
    row = th.initiatives[(th.initiatives.region == "宿州市") & (th.initiatives.name == "平安巡")].iloc[0]
    assert row["count"] == 3
    sentences = th.sentences("宿州市", "平安巡")
    assert len(sentences) == 3 and all("平安巡" in s for s in sentences["sentence"])
    assert set(sentences["doc"]) == {"004_710a07fff5ab4901.txt"}
    # 雪亮工程 is named across the compilation's regions: the matrix counts it per region
    m = th.matrix()
    assert "雪亮工程" in m.columns and (m["雪亮工程"] > 0).sum() >= 4
    assert th.initiatives.loc[(th.initiatives.region == "安康市"), "name"].eq("“321”基层治理模式").any()


def test_mention_offsets_point_at_the_name(seed_themes):
    from pingan.files import read_text_file

    texts = {p.name: normalize(read_text_file(p)) for p in (ROOT / "seeds").glob("*.txt")}
    for m in seed_themes.mentions.itertuples():
        span = texts[m.doc][m.start:m.end]
        core = m.name.split("”")[-1] if m.name.startswith("“") else m.name
        assert core[:2] in span, (m.name, span)
        assert m.sentence in texts[m.doc]


def test_regions_with_different_emphases_get_different_keywords():
    a = ("全市深入开展反诈宣传进社区、进校园、进企业活动,反诈宣传覆盖群众120万人次。"
         "电信网络诈骗立案数同比下降,反诈宣传队伍走村入户,电信网络诈骗损失明显减少。") * 3
    b = ("全市健全矛盾纠纷多元化解机制,人民调解组织调处矛盾纠纷1.2万件。"
         "矛盾纠纷排查化解做到小事不出村,人民调解员上门调解矛盾纠纷。") * 3
    th = themes({"a.txt": "六安市" + a, "b.txt": "宿州市" + b})
    top = {r: list(g.sort_values("rank")["keyword"][:3]) for r, g in th.keywords.groupby("region")}
    assert top["六安市"][0] in ("反诈宣传", "电信网络诈骗")
    assert top["宿州市"][0] in ("矛盾纠纷", "人民调解")
    assert not set(top["六安市"]) & set(top["宿州市"])


def test_seed_regions_top_keywords_differ(seed_themes):
    kw = seed_themes.keywords
    top = {r: set(g.sort_values("rank")["keyword"][:8]) for r, g in kw.groupby("region")}
    assert len(top["宿州市"] & top["六安市"]) <= 2
    # the domain dictionary keeps terms whole
    assert "涉黑涉恶" in top["六安市"] or "涉黑涉恶" in set(kw.loc[kw.region == "六安市", "keyword"])


def test_no_theme_from_navigation_or_copyright_text(seed_themes):
    kw = seed_themes.keywords
    spam = {"本网", "转载", "授权", "稿件", "收割机", "订阅号", "客服", "链接", "扫一扫", "版权"}
    assert not spam & set(kw["keyword"])
    for s in seed_themes.mentions["sentence"]:
        assert not any(w in s for w in ("推荐阅读", "版权", "转载", "扫一扫", "责任编辑"))


def test_body_spans_drop_link_lists_and_footers():
    text = normalize("全市深入推进“雪亮工程”建设,覆盖率达到百分之百,群众安全感持续提升。\n"
                     "·版权声明·\n1本网转载的稿件仅供读者参考,文责由原作者自负。\n"
                     "推荐阅读\n-\n1全市推进“天网工程”建设05-30\n-\n扫一扫,用手机打开本页")
    bodies = [text[s:e] for s, e in body_spans(text)]
    assert bodies == ["全市深入推进“雪亮工程”建设,覆盖率达到百分之百,群众安全感持续提升。"]
    th = themes({"x.txt": "六安市" + text})
    assert list(th.initiatives["name"]) == ["雪亮工程"]


def test_themes_accepts_a_frame_and_rejects_a_wrong_one():
    import pandas as pd

    th = themes(pd.DataFrame({"doc": ["a"], "text": ["六安市全力推进“雪亮工程”建设。"]}))
    assert list(th.initiatives["name"]) == ["雪亮工程"]
    with pytest.raises(ValueError, match="'doc' and 'text'"):
        themes(pd.DataFrame({"x": [1]}))


def test_extraction_does_not_load_jieba():
    code = ("import sys, pingan; pingan.extract_text(open('seeds/004_710a07fff5ab4901.txt', encoding='utf-8').read());"
            "print('jieba' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.stdout.strip() == "False", res.stderr


def test_person_names_and_generic_words_are_not_keywords(seed_themes):
    kw = set(seed_themes.keywords["keyword"])
    assert not {"宋敬超", "苏某", "鲍波", "韦智"} & kw          # people named in the texts
    assert not {"风险", "学习", "健全", "突出", "服务"} & kw    # words every region uses
    assert {"护学岗", "平安巡", "边境"} <= kw                   # what regions do stays


def test_content_word_by_part_of_speech():
    from pingan.themes import content_word

    assert content_word("矛盾纠纷") and content_word("护学岗") and content_word("扫黑除恶")
    assert not content_word("王建国") and not content_word("学习") and not content_word("健全")
