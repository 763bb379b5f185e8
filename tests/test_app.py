"""The dashboard driven through streamlit.testing: sidebar -> charts hold exactly the library's rows."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")


def compare_spec(at, key=None):
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if key and el.proto.id and key not in el.proto.id:
            continue
        if spec["data"] and spec["data"][0].get("orientation") == "h" and "地区对比" in spec["layout"]["title"]["text"] \
                and "涉案资产" not in spec["layout"]["title"]["text"]:
            return spec
    raise AssertionError("no comparison chart")


def cards(at) -> dict:
    """{region: its card block's HTML} on the first screen (one element holds every block)."""
    import re

    blocks = [b for h in at.get("html") for b in h.proto.body.split("<div class='pa-region'>")[1:]]
    return {re.search(r"<h4>(.*?)</h4>", b).group(1): b for b in blocks}


def footer(spec):
    return next(a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "footer")


def add_panel(at):
    """Open the sidebar's 添加文档 panel (its widgets are drawn only when it is open) and rerun."""
    at.session_state["add_panel"] = True
    return at.run().sidebar.expander[0]


def open_tab(at, label):
    """Select a tab (only the open tab's view runs) and rerun. The open tab is bound to the URL's
    tab= parameter, which a browser updates on a click; here both are set."""
    at.session_state["tab"] = label
    at.query_params["tab"] = label
    return at.run()


@pytest.fixture
def at(monkeypatch, tmp_path):
    monkeypatch.setenv("PINGAN_DB", str(tmp_path / "pingan.db"))
    return AppTest.from_file(APP, default_timeout=120)


def test_first_screen_answers_the_question(at, seeds_df):
    """Default regions are the cities with data for the indicator; the first screen ranks them
    with periods and draws the comparison before the cards."""
    at.run()
    assert not at.exception
    selected = at.sidebar.multiselect[0].value
    have = seeds_df[(seeds_df.indicator == "safety_sense") & (seeds_df.level == "prefecture")]
    assert sorted(selected) == sorted(have.region.unique()) == ["六安市", "大理白族自治州", "宿州市"]
    lead = at.markdown[0].value.split("\n")             # the ranking, above the chart
    assert lead[0] == "**谁领先**"
    assert any(line.startswith("- **群众安全感**:六安市 97.51%(2022H1) > 大理白族自治州 96%(2021) > 宿州市 95.89%(2022)")
               for line in lead)
    spec = compare_spec(at)                                  # drawn on the first screen, no tab click
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"]))
    assert bars == {"六安市": 97.51, "大理白族自治州": 96.0, "宿州市": 95.89}
    assert list(cards(at)) == ["六安市", "大理白族自治州", "宿州市"]


def test_cards_show_each_value_with_its_full_period_and_marks(at):
    at.query_params["r"] = "淄博市,云南省"
    at.run()
    c = cards(at)
    # the ten-year change is labelled by its span, the period is printed in full under the value
    assert "刑事案件立案数 2012–2022 变化" in c["淄博市"] and "−36.01%" in c["淄博市"]
    assert "时期:2012-2022" in c["淄博市"] and "同比" not in c["淄博市"]
    assert "※" in c["云南省"]                                          # an inferred region
    assert "口径:人民群众安全感满意度" in c["云南省"]                      # on hover
    assert any("※=地区由上下文推断" in x.value for x in at.caption)


def test_default_regions_follow_the_indicator_until_chosen(at):
    at.run()
    at.sidebar.selectbox[0].set_value("gang").run()         # family: the first gang key with data
    gang = at.sidebar.multiselect[0].value
    assert "淄博市" in gang and "宿州市" not in gang
    at.sidebar.multiselect[0].set_value(["六安市"]).run()    # chosen: no longer follows
    at.sidebar.selectbox[1].set_value("gang_suspects").run()
    assert at.sidebar.multiselect[0].value == ["六安市"]


def test_regions_without_data_are_listed_in_one_line(at):
    at.query_params["r"] = "六安市,淄博市,安康市"
    at.run()
    spec = compare_spec(at)
    assert sorted(spec["data"][0]["y"]) == ["六安市"] and len(spec["data"]) == 1
    assert "无数据:淄博市、安康市" in footer(spec)
    assert any(c.value == "群众安全感无数据:淄博市、安康市" for c in at.caption)


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
    assert "无数据:宿州市" in footer(spec)


def test_url_restores_the_tab_and_the_document(at):
    """A shared link (or the add panel's 在原文中查看) opens the same view and document."""
    at.query_params["tab"] = "原文"
    at.query_params["doc"] = "002_405db3441bf8970d.txt"
    at.run()
    assert not at.exception
    assert at.session_state["tab"] == "原文"
    assert at.selectbox(key="src_doc").value == "002_405db3441bf8970d.txt"


def test_a_link_to_a_document_alone_opens_it_on_the_source_view(at):
    at.query_params["doc"] = "003_212d9168fa5da902.txt"
    at.run()
    assert at.session_state["tab"] == "原文"
    assert at.selectbox(key="src_doc").value == "003_212d9168fa5da902.txt"


def test_choosing_a_document_puts_it_in_the_url(at):
    open_tab(at, "原文").selectbox(key="src_doc").set_value("004_710a07fff5ab4901.txt").run()
    assert at.query_params["doc"] == ["004_710a07fff5ab4901.txt"] or at.query_params["doc"] == "004_710a07fff5ab4901.txt"


def test_every_tab_renders_on_the_seeds(at):
    at.run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["总览", "对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法"]
    # only the open tab runs: the first screen (总览) has its comparison chart and the cards
    assert sum(b.count("pa-card'") for b in cards(at).values()) >= 10 and len(at.get("plotly_chart")) == 1
    charts_per_tab = {}
    for label in ["对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法", "总览"]:
        open_tab(at, label)
        assert not at.exception, label
        charts_per_tab[label] = len(at.get("plotly_chart"))
    assert charts_per_tab["对比"] == 1 and charts_per_tab["扫黑除恶"] == 2 and charts_per_tab["电诈与犯罪趋势"] >= 1
    assert charts_per_tab["特色做法"] == 2 and charts_per_tab["总览"] == 1
    open_tab(at, "数据")
    assert len(at.dataframe) == 1


def test_trends_show_the_regions_with_changes_when_the_selected_have_none(at):
    """The default selection (regions with 群众安全感) reports no change: the view draws the regions
    that do, and says so, instead of an empty chart."""
    open_tab(at, "电诈与犯罪趋势")
    assert not at.exception
    note = " ".join(c.value for c in at.caption)
    assert "所选地区没有变化类数据" in note and "淄博市" in note
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "淄博市" in [t.get("name") for t in fig["data"]]


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
    assert "<mark" in html and "群众安全感" in html


def test_the_add_panel_is_drawn_only_when_opened(at):
    """The first screen carries no upload widgets; opening 添加文档 draws them."""
    at.run()
    assert at.sidebar.expander[0].label == "添加文档"
    assert not at.get("file_uploader") and not at.sidebar.button
    exp = add_panel(at)
    assert len(at.get("file_uploader")) == 2 and exp.button(key="add_button").label == "添加"


def test_pasted_text_is_stored_and_reported(at, tmp_path):
    from pingan.store import Store

    at.run()
    exp = add_panel(at)
    exp.text_input(key="paste_name").set_value("淮北.txt")
    exp.text_area(key="paste_text").set_value("淮北市召开发布会。2023年全市群众安全感程度指数为96.5%。")
    exp.button(key="add_button").click().run()
    assert not at.exception
    assert any("淮北.txt:已保存,1 个数字(群众安全感与满意度 1);地区:淮北市" in s.value for s in at.sidebar.success)
    assert any(c.value.startswith("6 篇文档") for c in at.sidebar.caption)   # the counts are fresh at once
    with Store(tmp_path / "pingan.db") as store:
        assert "淮北.txt" in store.texts()


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
    assert not any(el.proto.id and "chart_themes" in el.proto.id for el in at.get("plotly_chart"))  # lazy
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


def _row_id(tmp_path, region, key):
    from pingan.store import Store

    with Store(tmp_path / "pingan.db") as store:
        rows = store.rows()
    return int(rows[(rows.region == region) & (rows.indicator == key)].row_id.iloc[0])


def test_the_log_after_an_undo_keeps_the_active_rejection_undoable(at, tmp_path):
    """Reject one figure, edit and undo another: the rejection stays active in the log (no
    '已撤销(nan)'), with its undo button, in Chinese and local time."""
    import datetime as dt

    from pingan.store import Store

    at.run()
    with Store(tmp_path / "pingan.db") as store:
        reject = store.correct(_row_id(tmp_path, "宿州市", "safety_sense"), "reject", "张三", reason="重复")
        edit = store.correct(_row_id(tmp_path, "六安市", "safety_sense"), "edit", "张三", {"value": 97.0})
        store.undo(edit, "张三")
        at_utc = store.corrections().set_index("correction_id").at[reject, "at"]
    open_tab(at, "数据").text_input(key="reviewer").set_value("张三").run()
    assert not at.exception
    log = [c.value for c in at.caption if c.value.startswith("#")]
    first = next(t for t in log if t.startswith(f"#{reject} "))
    second = next(t for t in log if t.startswith(f"#{edit} "))
    assert "驳回" in first and "已撤销" not in first and "nan" not in " ".join(log)
    local = dt.datetime.fromisoformat(at_utc).astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")
    assert local in first and "理由:重复" in first
    assert "修改" in second and "→ 数值 97" in second and "已撤销(张三," in second
    keys = {b.key for b in at.button}
    assert f"undo_{reject}" in keys and f"undo_{edit}" not in keys


def test_saving_a_review_confirms_it_and_resets_the_form(at):
    open_tab(at, "数据").text_input(key="reviewer").set_value("李四").run()
    options = at.selectbox(key="rev_row").options
    target = int(options[2].split()[0].lstrip("#"))
    at.selectbox(key="rev_row").set_value(target).run()
    at.radio(key="rev_action").set_value("reject").run()
    at.text_input(key="rev_reason").set_value("不是本市数字").run()
    at.button(key="rev_save").click().run()
    assert not at.exception
    assert any(s.value.startswith("已保存 #1:驳回 第 ") for s in at.success)
    assert at.radio(key="rev_action").value == "confirm"           # a second click never rejects again
    assert at.text_input(key="rev_reason").value == ""
    assert at.selectbox(key="rev_row").value != target               # moved on; the rejected row is gone
    assert not any(o.startswith(f"#{target} ") for o in at.selectbox(key="rev_row").options)


def test_data_table_speaks_chinese_and_downloads_keep_keys(at, seeds_df):
    from pingan.app import chinese_table, table

    open_tab(at, "数据")
    shown = at.dataframe[0].value
    assert {"地区", "指标", "数值", "单位", "限定", "时期", "口径", "来源", "地区依据"} <= set(shown.columns)
    assert not {"row_id", "prefecture", "at_least"} & (set(shown.columns) | set(shown.astype(str).values.ravel()))
    assert "以上" in set(shown["限定"]) and "市/州" in set(shown["级别"])
    t = table(seeds_df)
    assert {"region", "indicator", "qualifier"} <= set(t.columns) and "at_least" in set(t["qualifier"])
    assert list(chinese_table(t).columns)[0] == "地区"


def test_colours_stay_the_same_across_reruns_and_after_adding_documents(at, tmp_path):
    at.query_params["r"] = "六安市,宿州市,大理白族自治州"
    at.run()

    def colours():
        spec = compare_spec(at)
        return dict(zip(spec["data"][0]["y"], spec["data"][0]["marker"]["color"]))

    before = colours()
    at.run()
    assert colours() == before
    exp = add_panel(at)
    exp.text_input(key="paste_name").set_value("阿坝.txt")
    exp.text_area(key="paste_text").set_value("阿坝藏族羌族自治州召开会议。2022年,全州群众安全感达到99.1%。")
    exp.button(key="add_button").click().run()
    assert not at.exception
    assert colours() == before
    from pingan.store import Store

    with Store(tmp_path / "pingan.db") as store:                     # the colours the store keeps
        assert before == {r: store.region_colors()[r] for r in before}
    assert len(set(before.values())) == len(before)


def test_other_satisfaction_is_a_table_by_subject_on_the_compare_view(at):
    at.query_params["r"] = "淄博市,庆阳市"
    at.query_params["i"] = "satisfaction_other"
    open_tab(at, "对比")
    assert not at.exception
    assert not [el for el in at.get("plotly_chart") if el.proto.id and "chart_compare" in el.proto.id]
    t = at.dataframe[0].value
    assert list(t["调查对象"]) == ["政法队伍教育整顿", "网格工作"]


def test_a_series_is_drawn_as_a_line_on_the_compare_view(at):
    at.query_params["r"] = "宁夏回族自治区,云南省"
    at.query_params["f"] = "crime"
    at.query_params["i"] = "criminal_cases"
    open_tab(at, "对比")
    lines = [json.loads(el.proto.spec) for el in at.get("plotly_chart") if "chart_series" in el.proto.id]
    assert lines and lines[0]["data"][0]["mode"].startswith("lines")
    assert lines[0]["data"][0]["x"] == ["2012", "2021"]


def test_views_are_one_list_and_groups_are_data():
    from pingan import app
    from pingan.groups import groups

    assert [v.label for v in app.VIEWS] == ["总览", "对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法"]
    assert "reviewer" in next(v for v in app.VIEWS if v.label == "数据").sticky
    assert app.family_labels()["gang"] == "扫黑除恶" and "safety_sense" in groups().lead
    assert not hasattr(app, "TABS") and not hasattr(app, "STICKY") and not hasattr(app, "FAMILY_LABEL")


def test_add_panel_takes_a_docx_a_zip_and_an_address_with_a_result_per_document(at, tmp_path, monkeypatch):
    import http.server
    import threading

    from pingan.store import Store
    from tests.docfixtures import make_docx, make_zip
    from tests.test_formats import FIXTURES, HEAD

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    monkeypatch.setenv("PINGAN_ALLOW_PRIVATE_URLS", "1")
    missing = f"http://127.0.0.1:{srv.server_address[1]}/gone.html"
    try:
        at.run()
        exp = add_panel(at)
        bundle = make_zip({"a/宿州.txt": "宿州市2022年全市群众安全感达到98.72%。".encode(),
                           "../evil.txt": b"x", "a/b.docx": make_docx(["阜阳市2022年破获电信网络诈骗案件321起。"])})
        exp.file_uploader(key="upload_files").set_value([
            ("通报.docx", FIXTURES["docx"](), "application/octet-stream"),
            ("bundle.zip", bundle, "application/zip")])
        exp.text_area(key="add_urls").set_value(missing)
        exp.button(key="add_button").click().run()
    finally:
        srv.shutdown()
        srv.server_close()
    assert not at.exception
    assert any("已存入 3 个、拒绝 2 个" in s.value for s in at.sidebar.success)
    table = at.sidebar.dataframe[0].value
    assert list(table["结果"]) == ["已存入", "已存入", "拒绝", "已存入", "拒绝"]
    assert list(table["文件"]) == ["通报.docx", "bundle.zip/a/宿州.txt", "bundle.zip/../evil.txt", "bundle.zip/a/b.docx",
                                   missing]
    assert "page not found (HTTP 404)" in table["说明"].iloc[4]
    with Store(tmp_path / "pingan.db") as store:
        docs = store.documents().set_index("doc")
    assert {"通报.docx", "宿州.txt", "b.docx"} <= set(docs.index)
    assert docs.loc["通报.docx", "title"] == HEAD


def test_document_metadata_is_cited_and_editable(at):
    """The title read at add time is the source line; the analyst corrects publisher and date on
    原文 and every chart and the 数据 table cite the new text."""
    at.query_params["r"] = "宿州市,六安市"
    at.run()
    spec = compare_spec(at)
    assert "《宿州市加快建设更高水平平安宿州》" in footer(spec)
    open_tab(at, "原文").selectbox(key="src_doc").set_value("004_710a07fff5ab4901.txt").run()
    doc = "004_710a07fff5ab4901.txt"
    at.text_input(key=f"meta_publisher_{doc}").set_value("宿州市委政法委")
    at.text_input(key=f"meta_date_{doc}").set_value("2023-01-10")
    at.button[[b.label for b in at.button].index("保存文档信息")].click().run()
    assert not at.exception
    assert any(s.value.startswith("已保存 004_") for s in at.success)
    cited = "《宿州市加快建设更高水平平安宿州》 · 宿州市委政法委 · 2023-01-10"
    spec = compare_spec(open_tab(at, "总览"))
    assert cited in footer(spec)
    assert cited in set(open_tab(at, "数据").dataframe[0].value["来源"])


def test_metadata_edited_elsewhere_is_cited_on_the_next_rerun(at, tmp_path):
    """A title edited by another process (the command line, a second dashboard) changes the
    store's stamp, so the cached data is read again and the chart's source line cites it."""
    from pingan.store import Store

    at.query_params["r"] = "宿州市,六安市"
    at.run()
    assert "《宿州市加快建设更高水平平安宿州》" in footer(compare_spec(at))
    with Store(tmp_path / "pingan.db") as store:
        docs = store.documents().set_index("doc")
        store.set_metadata(int(docs.loc["004_710a07fff5ab4901.txt", "doc_id"]), title="平安宿州年报",
                           publisher="宿州市委政法委")
    at.run()
    assert not at.exception
    assert "《平安宿州年报》 · 宿州市委政法委" in footer(compare_spec(at))


def test_a_bad_date_is_refused_with_a_message(at):
    doc = "004_710a07fff5ab4901.txt"
    at.query_params["doc"] = doc
    at.run()
    at.text_input(key=f"meta_date_{doc}").set_value("去年")
    at.button[[b.label for b in at.button].index("保存文档信息")].click().run()
    assert not at.exception and at.error and doc in at.error[0].value


def test_add_panel_shows_an_archive_member_name_as_plain_text(at):
    from tests.docfixtures import make_zip

    at.run()
    exp = add_panel(at)
    name = "x](javascript:alert(1)) [y.txt"  # a member name: no "/", or it would be a folder
    exp.file_uploader(key="upload_files").set_value(
        ("b.zip", make_zip({name: "宿州市2022年全市群众安全感达到98.72%。".encode()}), "application/zip"))
    exp.button(key="add_button").click().run()
    assert not at.exception
    links = [m.value for m in at.sidebar.markdown if m.value.startswith("[在原文中查看")]
    assert len(links) == 1 and "](javascript" not in links[0]
    assert links[0] == r"[在原文中查看 x\]\(javascript\:alert\(1\)\) \[y\.txt](?doc=" + _quote(name) + ")"


def _quote(s):
    from urllib.parse import quote

    return quote(s)


def test_names_and_analyst_text_are_plain_text_in_markdown():
    # issue #17: a name or a reviewer's reason holding markdown or a link is shown as written
    from pingan.app import plain_md
    shown = plain_md("[在原文中查看](https://evil.example) <a href='x'>y</a> *粗* 已保存 #1:驳回(2022)")
    assert shown == "\\[在原文中查看\\](https://evil.example) \\<a href='x'\\>y\\</a\\> \\*粗\\* 已保存 #1:驳回(2022)"


def test_a_visits_first_run_sends_a_chart_frame_that_the_chart_replaces(at, monkeypatch):
    """The frame goes out before the data is read (the browser loads its charting code meanwhile);
    the comparison chart takes its place; later runs draw over the chart shown, with no frame."""
    from pingan import charts

    frames = []
    waiting = charts.waiting_figure
    monkeypatch.setattr(charts, "waiting_figure", lambda *a: frames.append(1) or waiting(*a))
    at.run()
    charts_ = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert len(charts_) == 1 and "地区对比" in charts_[0]["layout"]["title"]["text"] and frames == [1]
    at.sidebar.multiselect[0].set_value(at.sidebar.multiselect[0].value[:2]).run()
    assert frames == [1] and len(at.get("plotly_chart")) == 1
    at.sidebar.multiselect[0].set_value([]).run()           # nothing selected: a message, no frame left
    assert not at.get("plotly_chart") and at.info[0].value == "在左侧选择地区。"
