"""Chart functions: the traces carry exactly the library's rows."""
import math

import pandas as pd
import pytest

from pingan import charts, colors
from pingan.extract import rows_to_frame


def row(region, indicator, value, unit="%", period="2022", ps=2022, pe=2022, qualifier="exact", doc="a.txt",
        level="prefecture"):
    return {"doc": doc, "region": region, "level": level, "indicator": indicator, "value": value, "unit": unit,
            "qualifier": qualifier, "period_start": ps, "period_end": pe, "period": period, "quote": f"{region}{value}",
            "start": 0, "end": 1, "family": "survey", "attribution": "explicit", "value_start": 0, "value_end": 1}


@pytest.fixture
def df():
    return rows_to_frame([
        row("六安市", "safety_sense", 97.51, period="2022H1"),
        row("宿州市", "safety_sense", 95.89, doc="b.txt"),
        row("宿州市", "safety_sense", 94.0, period="2021", ps=2021, pe=2021, doc="b.txt"),
        row("大理白族自治州", "safety_sense", 96, period="2021", ps=2021, pe=2021, qualifier="at_least"),
        row("大理白族自治州", "gang_mafia_orgs", 8, unit="个", period="2018-2020", ps=2018, pe=2020),
        row("大理白族自治州", "gang_mafia_orgs", 1, unit="个", period="2021", ps=2021, pe=2021),
        row("六安市", "gang_mafia_orgs", 14, unit="个", period="2018-2022", ps=2018, pe=2022),
        row("六安市", "gang_assets", 1035000000, unit="元", period="2018-2022", ps=2018, pe=2022, qualifier="approx"),
        row("安康市", "fraud_cases_yoy", -29.6),
        row("安康市", "criminal_cases_change", -16.75),
        row("安康市", "fraud_trend", math.nan, unit=""),
    ])


def test_compare_bar_sorted_latest_with_marks(df):
    fig = charts.compare_bar(df, "safety_sense", ["六安市", "宿州市", "大理白族自治州", "淄博市"])
    bars = fig.data[0]
    assert list(bars.y) == ["宿州市", "大理白族自治州", "六安市"]        # ascending: largest on top
    assert list(bars.x) == [95.89, 96.0, 97.51]                           # 宿州's latest (2022), not 2021
    assert bars.text[1].startswith("≥96%")                                # at_least mark
    assert all("(" in t for t in bars.text)                               # periods differ: each labelled
    assert len(fig.data) == 1 and "淄博市" not in bars.y                   # no empty bar for a region without data
    assert "无数据:淄博市" in charts.footer(fig)                           # listed in one line instead
    assert "单位:%" in fig.layout.title.text and "群众安全感" in fig.layout.title.text
    assert "来源:a.txt;b.txt" in charts.footer(fig)


def test_bar_labels_past_the_longest_bar_have_room(df):
    """The label of the longest bar (≈10.35亿元 (2018-2022)) prints outside it: the right margin holds it."""
    fig = charts.compare_bar(df, "gang_assets", ["六安市", "大理白族自治州"])
    widest = max(charts.text_width(t) for t in fig.data[0].text)
    assert fig.layout.margin.r >= widest and widest > 150


def test_compare_bar_money_in_yi_yuan(df):
    fig = charts.compare_bar(df, "gang_assets", ["六安市"])
    assert list(fig.data[0].x) == [pytest.approx(10.35)] and fig.data[0].text[0] == "≈10.35亿元 (2018-2022)"
    assert "亿元" in fig.layout.title.text


def test_colours_are_the_same_in_every_chart(df):
    colours = colors.of(df)
    f1 = charts.compare_bar(df, "safety_sense", ["六安市", "宿州市"])
    f2 = charts.gang_counts(df, ["六安市", "大理白族自治州"])
    c1 = dict(zip(f1.data[0].y, f1.data[0].marker.color))
    c2 = {t.name: t.marker.color for t in f2.data}
    assert c1["六安市"] == c2["六安市"] == colours["六安市"]
    assert len(set(colours.values())) == len(colours)                   # a few regions: all different


def test_a_charts_colours_are_the_rows_colour_column(df):
    """A store's rows carry each region's kept colour: charts draw with it, whatever else is shown."""
    kept = df.assign(color=df["region"].map({"六安市": "#00690f", "宿州市": "#e10078"}).fillna("#1f77b4"))
    fig = charts.compare_bar(kept, "safety_sense", ["六安市", "宿州市"])
    assert dict(zip(fig.data[0].y, fig.data[0].marker.color)) == {"六安市": "#00690f", "宿州市": "#e10078"}
    more = pd.concat([kept, rows_to_frame([row("阿坝藏族羌族自治州", "safety_sense", 99.0)])], ignore_index=True)
    more["color"] = more["color"].fillna("#ffb400")
    fig = charts.compare_bar(more, "safety_sense", ["阿坝藏族羌族自治州", "六安市", "宿州市"])
    assert dict(zip(fig.data[0].y, fig.data[0].marker.color)) == {
        "六安市": "#00690f", "宿州市": "#e10078", "阿坝藏族羌族自治州": "#ffb400"}


def test_gang_counts_prefers_campaign_totals_and_log(df):
    fig = charts.gang_counts(df, ["六安市", "大理白族自治州"], log=True)
    by_region = {t.name: (list(t.x), list(t.y)) for t in fig.data}
    assert by_region["大理白族自治州"] == (["涉黑组织"], [8.0])          # 2018-2020 total over 2021
    assert by_region["六安市"] == (["涉黑组织"], [14.0])
    assert fig.layout.yaxis.type == "log"


def test_gang_category_names_stay_upright_on_two_lines(df):
    """Rotated by a narrow screen, the category names printed over the note under the chart."""
    fig = charts.gang_counts(df, ["六安市", "大理白族自治州"])
    assert fig.layout.xaxis.tickangle == 0
    assert all(t.count("<br>") <= 1 and max(len(p) for p in t.split("<br>")) <= 5 for t in fig.layout.xaxis.ticktext)
    assert list(fig.layout.xaxis.tickvals) == list(fig.layout.xaxis.categoryarray)


def test_gang_bars_of_another_period_say_so_where_they_stand(df):
    """A 2018-2020 total beside 2018-2022 totals carries its period in the label and hover, and
    is hatched; the note says totals and single years are not one comparison."""
    more = pd.concat([df, rows_to_frame([row("宿州市", "gang_mafia_orgs", 3, unit="个", period="2018-2022",
                                             ps=2018, pe=2022)])], ignore_index=True)
    fig = charts.gang_counts(more, ["六安市", "宿州市", "大理白族自治州"])
    t = {tr.name: tr for tr in fig.data}
    assert t["大理白族自治州"].text[0] == "8 (2018-2020)" and t["大理白族自治州"].marker.pattern.shape[0] == "/"
    assert "2018-2020" in t["大理白族自治州"].customdata[0][0]
    assert t["六安市"].text[0] == "14" and t["六安市"].marker.pattern.shape[0] == ""
    assert "时期:2018-2022" in fig.layout.title.text
    assert "斜线=非 2018-2022 时期" in charts.footer(fig)


def test_gang_single_year_among_totals_is_marked(df):
    """Only single-year counts for one region beside campaign totals: split by a mark and a note."""
    one_year = df[~((df.region == "大理白族自治州") & (df.period == "2018-2020"))]
    fig = charts.gang_counts(one_year, ["六安市", "大理白族自治州"])
    t = {tr.name: tr for tr in fig.data}
    assert t["大理白族自治州"].text[0] == "1 (2021)" and t["大理白族自治州"].marker.pattern.shape[0] == "/"
    assert "累计数与单年数不可直接比较" in charts.footer(fig)


def test_different_counting_words_are_flagged(df):
    """涉黑组织 17起 vs 14个: cases are not organisations; the odd bar gets ⚠ and the note says why."""
    more = pd.concat([df, rows_to_frame([row("淄博市", "gang_mafia_orgs", 17, unit="起", period="2018-2022",
                                             ps=2018, pe=2022),
                                         row("宿州市", "gang_mafia_orgs", 5, unit="个", period="2018-2022",
                                             ps=2018, pe=2022)])], ignore_index=True)
    fig = charts.compare_bar(more, "gang_mafia_orgs", ["六安市", "淄博市", "宿州市"])
    labels = dict(zip(fig.data[0].y, fig.data[0].text))
    assert "⚠" in labels["淄博市"] and "⚠" not in labels["六安市"]
    assert "涉黑组织单位不一:个、起" in charts.footer(fig)
    gang = charts.gang_counts(more, ["六安市", "淄博市", "宿州市"])
    assert "⚠" in {t.name: t for t in gang.data}["淄博市"].text[0]


def test_person_words_of_one_class_are_not_flagged(df):
    more = pd.concat([df, rows_to_frame([row("六安市", "gang_suspects", 100, unit="人"),
                                         row("宿州市", "gang_suspects", 90, unit="名")])], ignore_index=True)
    fig = charts.compare_bar(more, "gang_suspects", ["六安市", "宿州市"])
    assert not any("⚠" in t for t in fig.data[0].text) and "单位不一" not in charts.footer(fig)


def test_change_bars_signed(df):
    fig = charts.change_bars(df, ["安康市"])
    assert list(fig.data[0].x) == ["电诈立案数同比变化", "刑事案件立案数同比变化"]
    assert list(fig.data[0].y) == [-29.6, -16.75]
    assert list(fig.data[0].text) == ["−29.6% (2022)", "−16.75% (2022)"]      # the dashboard's rounding


def test_a_change_over_ten_years_is_labelled_by_its_span_and_kept_apart(df):
    """淄博's 十年来下降36.01% is not 同比: its own category, right of a dividing line."""
    more = pd.concat([df, rows_to_frame([row("淄博市", "criminal_cases_change", -36.01, period="2012-2022",
                                             ps=2012, pe=2022)])], ignore_index=True)
    fig = charts.change_bars(more, ["安康市", "淄博市"])
    t = {tr.name: tr for tr in fig.data}
    assert list(t["淄博市"].x) == ["刑事案件立案数 2012–2022 变化"]
    assert "刑事案件立案数同比变化" in list(t["安康市"].x)
    assert list(fig.layout.xaxis.categoryarray)[-1] == "刑事案件立案数 2012–2022 变化"
    assert any(s.type == "line" and s.line.dash == "dot" for s in fig.layout.shapes)
    assert "不与同比数字并列比较" in charts.footer(fig)
    cards = {c["label"]: c for c in charts.headline_figures(more, "淄博市")}
    assert "刑事案件立案数 2012–2022 变化" in cards and not any("同比" in k for k in cards)


def test_headline_figures(df):
    cards = {c["key"]: c for c in charts.headline_figures(df, "大理白族自治州")}
    assert cards["safety_sense"]["value"] == "≥96%" and cards["safety_sense"]["period"] == "2021"
    assert cards["gang_mafia_orgs"]["value"] == "8个" and cards["gang_mafia_orgs"]["period"] == "2018-2020"


def test_inferred_regions_are_marked(df):
    inferred = df.copy()
    inferred.loc[inferred.region == "宿州市", "attribution"] = "inferred"
    fig = charts.compare_bar(inferred, "safety_sense", ["六安市", "宿州市"])
    labels = dict(zip(fig.data[0].y, fig.data[0].text))
    assert labels["宿州市"].endswith("※") and "※" not in labels["六安市"]
    assert "※=地区由上下文推断" in charts.footer(fig)
    assert "※" in {c["key"]: c for c in charts.headline_figures(inferred, "宿州市")}["safety_sense"]["value"]


def test_wording_is_in_hover_and_note(seeds_df):
    regions = ["六安市", "宁夏回族自治区", "云南省"]
    fig = charts.compare_bar(seeds_df, "safety_sense", regions)
    hover = {y: c[1] for y, c in zip(fig.data[0].y, fig.data[0].customdata)}
    assert hover == {"六安市": "群众安全感程度指数", "宁夏回族自治区": "公众安全感", "云南省": "人民群众安全感满意度"}
    assert "口径:" in charts.footer(fig) and "公众安全感" in charts.footer(fig)
    assert "口径" in fig.data[0].hovertemplate


def test_other_satisfaction_is_a_table_by_subject(seeds_df):
    t = charts.wording_table(seeds_df, "satisfaction_other", ["淄博市", "庆阳市"])
    assert list(t["调查对象"]) == ["政法队伍教育整顿", "网格工作"]
    assert list(t["地区"]) == ["庆阳市※", "淄博市"] and list(t["数值"]) == ["95.47%", "≥98%"]


def test_every_bar_shows_its_period(df):
    fig = charts.compare_bar(df, "safety_sense", ["六安市", "大理白族自治州"])
    assert list(fig.data[0].text) == ["≥96% (2021)", "97.51% (2022H1)"]
    same = df[df.region == "宿州市"]
    fig = charts.compare_bar(same, "safety_sense", ["宿州市"])
    assert fig.data[0].text[0] == "95.89% (2022)"


def test_share_axis_stops_at_100_and_starts_where_the_comparison_reads(df):
    fig = charts.compare_bar(df, "safety_sense", ["六安市", "宿州市", "大理白族自治州"])
    assert fig.layout.xaxis.range[1] == 100
    assert fig.layout.xaxis.range[0] == 90 and "横轴从 90% 起" in charts.footer(fig)
    far = rows_to_frame([row("六安市", "satisfaction_other", 40.0), row("宿州市", "satisfaction_other", 95.0)])
    assert charts.compare_bar(far, "satisfaction_other", ["六安市", "宿州市"]).layout.xaxis.range[0] == 0


def test_series_is_drawn_as_lines(df):
    assert charts.has_series(df, "safety_sense", ["宿州市"]) and not charts.has_series(df, "safety_sense", ["六安市"])
    fig = charts.counts_by_period(df, "safety_sense", ["宿州市", "六安市"])
    lines = {t.name: list(t.x) for t in fig.data}
    assert lines["宿州市"] == ["2021", "2022"] and lines["六安市"] == ["2022H1"]
    assert all(t.mode.startswith("lines") for t in fig.data)


def test_leaders_rank_with_periods(df):
    lead = charts.leaders(df, ["六安市", "宿州市", "大理白族自治州"])
    assert lead[0]["label"] == "群众安全感"
    assert lead[0]["ranking"][0] == ("六安市", "97.51%", "2022H1") and lead[0]["mixed"]


def test_sources_cite_title_publisher_and_date(df):
    sources = {"a.txt": "六安市平安建设新闻发布会 · 六安市委政法委 · 2022-07-01"}
    fig = charts.compare_bar(df, "safety_sense", ["六安市"], sources=sources)
    assert "来源:六安市平安建设新闻发布会 · 六安市委政法委 · 2022-07-01" in charts.footer(fig)
    assert fig.data[0].customdata[0][2].startswith("六安市平安建设新闻发布会")


def test_empty_data_gives_a_labelled_empty_chart():
    empty = rows_to_frame([])
    for fig in (charts.compare_bar(empty, "safety_sense", []), charts.gang_counts(empty, []),
                charts.change_bars(empty, []), charts.counts_by_period(empty, "fraud_cases", [])):
        assert any(a.text == "无数据" for a in fig.layout.annotations)


def test_trend_badges(df):
    t = charts.trend_badges(df, ["安康市"])
    assert list(t.region) == ["安康市"]


def test_compare_bar_when_no_period_says_its_end(seeds_df):
    """Mixed periods where one period has no end year (时期未注明 and a dated one) must not fail."""
    rows = seeds_df[seeds_df.indicator == "safety_sense"].head(2).copy()
    rows["period_end"] = pd.array([pd.NA, pd.NA], dtype="Int64")
    rows["period"] = ["", "2022"]
    rows["region"] = ["六安市", "宿州市"]
    fig = charts.compare_bar(rows, "safety_sense", ["六安市", "宿州市"])
    assert sorted(fig.data[0].y) == ["六安市", "宿州市"]


def test_heatmap_colour_bar_counts_in_whole_numbers():
    m = pd.DataFrame({"雪亮工程": [1, 2], "平安巡": [0, 3]}, index=["六安市", "宿州市"])
    bar = charts.theme_heatmap(m).data[0].colorbar
    assert bar.tickformat == "d" and bar.dtick >= 1


def test_citations_from_document_metadata():
    docs = pd.DataFrame({"doc": ["a.txt", "b.txt", "c.txt"], "title": ["平安六安十年", "", ""],
                         "publisher": ["六安市委政法委", "", ""], "date": ["2022-08-01", "2022-01-02", ""],
                         "url": ["", "", ""]})
    assert charts.citations(docs) == {"a.txt": "《平安六安十年》 · 六安市委政法委 · 2022-08-01", "b.txt": "2022-01-02"}
    assert charts.source_text(["c.txt", "a.txt"], charts.citations(docs)) == \
        "来源:《平安六安十年》 · 六安市委政法委 · 2022-08-01;c.txt"


def test_footer_lines_are_wrapped_to_the_chart(df):
    """A plotly annotation never wraps: long notes and source lists are broken into lines."""
    sources = {d: f"《{d[0]}" + "很长的标题" * 8 + "》 · 某某市委政法委 · 2022-01-01" for d in ("a.txt", "b.txt")}
    fig = charts.compare_bar(df, "safety_sense", ["六安市", "宿州市", "淄博市"], sources=sources)
    lines = charts.footer(fig).split("<br>")
    assert len(lines) >= 3 and all(len(line) <= 70 for line in lines)
    assert "".join(lines).replace(" ", "").count("很长的标题") == 16


def test_keyword_panel_titles_leave_room_for_the_chart_title():
    kw = pd.DataFrame({"region": ["六安市"] * 2 + ["宿州市"] * 2, "keyword": ["反诈", "宣传", "调解", "纠纷"],
                       "score": [3.0, 2.0, 3.0, 1.0], "count": [3, 2, 3, 1], "rank": [1, 2, 1, 2]})
    fig = charts.keyword_bars(kw)
    assert fig.layout.margin.t >= 130
    assert all(a.yshift == 8 for a in fig.layout.annotations if a.text in ("六安市", "宿州市"))


def test_leaders_pick_the_figures_of_the_comparison_chart(seeds_df):
    regions = ["六安市", "宿州市", "大理白族自治州", "云南省", "宁夏回族自治区"]
    for item in charts.leaders(seeds_df, regions):
        pick, unit, factor = charts.compare_data(seeds_df, item["key"], regions)
        expected = [(r["region"], charts.bar_text(r, unit, factor, period=False), r["period_label"])
                    for r in pick.iloc[::-1].to_dict("records")]
        assert sorted(item["ranking"]) == sorted(expected), item["key"]
        assert [float(t[1].lstrip("≥≈").split("%")[0]) for t in item["ranking"]] == sorted(
            [float(t[1].lstrip("≥≈").split("%")[0]) for t in item["ranking"]], reverse=True)


def test_document_names_and_quotes_are_plain_text_in_charts():
    # issue #17: a document named like a link must not become one in a chart, its PNG or its hover
    evil = '<a href="https:evil.example">点此</a>'
    rows = rows_to_frame([row("六安市", "safety_sense", 97.5, doc=evil), row("宿州市", "safety_sense", 96.1)])
    rows.loc[0, "quote"] = '[在原文中查看](https://evil.example) <a href="https:evil.example">x</a>'
    fig = charts.compare_bar(rows, "safety_sense", ["六安市", "宿州市"], sources={evil: f"《{evil}》"})
    assert "<a" not in charts.footer(fig) and "&lt;a href" in charts.footer(fig)
    hover = [str(c) for t in fig.data for cd in t.customdata for c in cd]
    assert not any("<a" in h for h in hover) and any("&lt;a href" in h for h in hover)
