"""The dashboard driven through streamlit.testing: sidebar -> charts hold exactly the library's rows."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")


def compare_spec(at):
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if spec["data"] and spec["data"][0].get("orientation") == "h" and "地区对比" in spec["layout"]["title"]["text"] \
                and "涉案资产" not in spec["layout"]["title"]["text"]:
            return spec
    raise AssertionError("no comparison chart")


def open_tab(at, label):
    """Select a tab (only the open tab's view runs) and rerun."""
    at.session_state["tab"] = label
    return at.run()


@pytest.fixture
def at(monkeypatch, tmp_path):
    monkeypatch.setenv("PINGAN_DB", str(tmp_path / "pingan.db"))
    return AppTest.from_file(APP, default_timeout=120)


def test_first_screen_compares_prefecture_cities(at, seeds_df):
    at.run()
    assert not at.exception
    selected = at.sidebar.multiselect[0].value
    expected = sorted(seeds_df.loc[seeds_df.level == "prefecture", "region"].unique())
    assert sorted(selected) == expected and "六安市" in selected and "大理白族自治州" in selected
    spec = compare_spec(open_tab(at, "对比"))
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"]))
    lib = seeds_df[(seeds_df.indicator == "safety_sense") & seeds_df.region.isin(selected)]
    assert set(bars) == set(lib.region)
    assert bars["六安市"] == 97.51


def test_selecting_regions_and_indicator_changes_the_chart(at, seeds_df):
    open_tab(at, "对比")
    at.sidebar.multiselect[0].set_value(["六安市", "淄博市"]).run()
    at.sidebar.selectbox[0].set_value("gang").run()
    at.sidebar.selectbox[1].set_value("gang_suspects").run()
    assert not at.exception
    spec = compare_spec(at)
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"]))
    assert bars == {"六安市": 1225.0, "淄博市": 2977.0}
    assert at.query_params["r"] == "六安市,淄博市" and at.query_params["i"] == "gang_suspects"


def test_query_parameters_restore_a_view(at):
    at.query_params["r"] = "安康市,宿州市"
    at.query_params["f"] = "fraud"
    at.query_params["i"] = "fraud_cases"
    open_tab(at, "对比")
    assert not at.exception
    assert at.sidebar.multiselect[0].value == ["安康市", "宿州市"]
    assert at.sidebar.selectbox[0].value == "fraud" and at.sidebar.selectbox[1].value == "fraud_cases"
    spec = compare_spec(at)
    assert dict(zip(spec["data"][0]["y"], spec["data"][0]["x"])) == {"安康市": 1152.0}
    assert list(spec["data"][1]["y"]) == ["宿州市"]  # listed as 无数据


def test_every_tab_renders_on_the_seeds(at):
    at.run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["总览", "对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法"]
    # only the open tab runs: the first screen (总览) has cards and no chart
    assert len(at.metric) >= 10 and not at.get("plotly_chart")
    charts_per_tab = {}
    for label in ["对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法", "总览"]:
        open_tab(at, label)
        assert not at.exception, label
        charts_per_tab[label] = len(at.get("plotly_chart"))
    assert charts_per_tab["对比"] == 1 and charts_per_tab["扫黑除恶"] == 2 and charts_per_tab["电诈与犯罪趋势"] >= 1
    assert charts_per_tab["特色做法"] == 2 and charts_per_tab["总览"] == 0
    open_tab(at, "数据")
    assert len(at.dataframe) == 1


def test_every_tab_renders_on_an_empty_data_set(at, tmp_path):
    from pingan.store import Store

    (tmp_path / "empty").mkdir()
    with Store(tmp_path / "pingan.db") as store:
        store.ensure_seeds(folder=tmp_path / "empty")   # marks the store as seeded, with no document
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect[0].value == []
    for label in ["对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法"]:
        open_tab(at, label)
        assert not at.exception, label


def test_source_view_escapes_document_html():
    from pingan.app import highlighted_html
    from pingan.extract import extract_rows, rows_to_frame

    text = "<script>alert(1)</script>全市群众安全感达98%<b>x</b>"
    html = highlighted_html(text, rows_to_frame(extract_rows(text, "x")))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>x" not in html
    assert "<mark" in html and "safety_sense" in html


def test_pasted_text_is_stored_and_reported(at, tmp_path):
    from pingan.store import Store

    at.run()
    exp = at.sidebar.expander[0]
    exp.text_input(key="paste_name").set_value("宿州续.txt")
    exp.text_area(key="paste_text").set_value("宿州市召开发布会。2023年,全市群众安全感程度指数达到96.5%。")
    exp.button(key="add_button").click().run()
    assert not at.exception
    assert any("宿州续.txt: stored, 1 figures" in s.value for s in at.sidebar.success)
    with Store(tmp_path / "pingan.db") as store:
        assert "宿州续.txt" in store.texts()


def test_a_correction_changes_the_chart_and_can_be_undone(at, tmp_path):
    from pingan.store import Store

    open_tab(at, "数据")
    with Store(tmp_path / "pingan.db") as store:
        rows = store.rows()
    rid = int(rows[(rows.region == "六安市") & (rows.indicator == "safety_sense")].row_id.iloc[0])
    at.text_input(key="reviewer").set_value("李四").run()
    at.selectbox(key="rev_row").set_value(rid).run()
    at.radio(key="rev_action").set_value("edit").run()
    at.number_input(key="rev_value").set_value(97.61).run()
    at.text_input(key="rev_reason").set_value("原文有误")
    at.button(key="rev_save").click().run()
    assert not at.exception
    spec = compare_spec(open_tab(at, "对比"))
    i = spec["data"][0]["y"].index("六安市")
    assert spec["data"][0]["x"][i] == 97.61 and spec["data"][0]["text"][i].endswith("✎")
    with Store(tmp_path / "pingan.db") as store:
        corr = store.corrections()
        assert list(corr.who) == ["李四"] and list(corr.reason) == ["原文有误"]
    open_tab(at, "数据").button(key=f"undo_{int(corr.correction_id.iloc[0])}").click().run()
    spec = compare_spec(open_tab(at, "对比"))
    assert spec["data"][0]["x"][spec["data"][0]["y"].index("六安市")] == 97.51


def test_sidebar_offers_the_briefing_deck(at):
    at.run()
    buttons = [b for b in at.sidebar.get("download_button") if "简报" in b.proto.label]
    assert len(buttons) == 1
    assert buttons[0].proto.label == "下载简报 (PPTX)"


def themes_spec(at):
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if spec["data"] and spec["data"][0].get("type") == "heatmap":
            return spec
    raise AssertionError("no heatmap")


def test_themes_tab_follows_the_region_filter_and_shows_sentences(at):
    at.run()
    assert not at.get("plotly_chart")  # lazy: the tab is not open
    open_tab(at, "特色做法")
    assert not at.exception
    spec = themes_spec(at)
    assert "宿州市" in spec["data"][0]["y"] and "六安市" in spec["data"][0]["y"]
    # the sidebar's regions decide the rows of the matrix
    at.sidebar.multiselect[0].set_value(["宿州市", "玉林市"]).run()
    spec = themes_spec(at)
    assert sorted(spec["data"][0]["y"]) == ["宿州市", "玉林市"]
    # the keywords are contrasted among the selected regions only, and the page says so
    assert any("所选的 2 个地区之间" in c.value for c in at.caption)
    # choose a cell: its sentences are shown
    at.selectbox(key="theme_region").set_value("宿州市").run()
    at.selectbox(key="theme_name").set_value("平安巡").run()
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert len(quotes) == 3 and all("平安巡" in q for q in quotes)


def test_tab_switch_keeps_the_reviewer_and_the_chosen_document(at):
    open_tab(at, "数据").text_input(key="reviewer").set_value("王五").run()
    open_tab(at, "原文").selectbox(key="src_doc").set_value("002_405db3441bf8970d.txt").run()
    open_tab(at, "对比")
    open_tab(at, "数据")
    assert at.text_input(key="reviewer").value == "王五"
    assert open_tab(at, "原文").selectbox(key="src_doc").value == "002_405db3441bf8970d.txt"
