"""Chart functions: the traces carry exactly the library's rows."""
import math

import pandas as pd
import pytest

from pingan import charts
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
    assert list(fig.data[1].y) == ["淄博市"] and list(fig.data[1].text) == ["无数据"]
    assert "单位:%" in fig.layout.title.text and "群众安全感" in fig.layout.title.text
    assert any("来源:a.txt、b.txt" in a.text for a in fig.layout.annotations)


def test_compare_bar_money_in_yi_yuan(df):
    fig = charts.compare_bar(df, "gang_assets", ["六安市"])
    assert list(fig.data[0].x) == [pytest.approx(10.35)] and fig.data[0].text[0] == "≈10.35亿元"
    assert "亿元" in fig.layout.title.text


def test_colours_are_stable_per_region(df):
    colors = charts.region_colors(df["region"])
    f1 = charts.compare_bar(df, "safety_sense", ["六安市", "宿州市"], colors)
    f2 = charts.gang_counts(df, ["六安市", "大理白族自治州"], colors)
    c1 = dict(zip(f1.data[0].y, f1.data[0].marker.color))
    c2 = {t.name: t.marker.color for t in f2.data}
    assert c1["六安市"] == c2["六安市"] == colors["六安市"]


def test_gang_counts_prefers_campaign_totals_and_log(df):
    fig = charts.gang_counts(df, ["六安市", "大理白族自治州"], log=True)
    by_region = {t.name: (list(t.x), list(t.y)) for t in fig.data}
    assert by_region["大理白族自治州"] == (["涉黑组织"], [8.0])          # 2018-2020 total over 2021
    assert by_region["六安市"] == (["涉黑组织"], [14.0])
    assert fig.layout.yaxis.type == "log"


def test_change_bars_signed(df):
    fig = charts.change_bars(df, ["安康市"])
    assert list(fig.data[0].x) == ["电诈立案数同比变化", "刑事案件立案数同比变化"]
    assert list(fig.data[0].y) == [-29.6, -16.75]


def test_headline_figures(df):
    cards = {c["key"]: c for c in charts.headline_figures(df, "大理白族自治州")}
    assert cards["safety_sense"]["value"] == "≥96%" and cards["safety_sense"]["period"] == "2021"
    assert cards["gang_mafia_orgs"]["value"] == "8个"


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
