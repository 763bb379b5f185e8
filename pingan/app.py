"""The Streamlit dashboard: compare regions side by side. ``dashboard.py`` only calls :func:`main`.

The page reads DataFrames through the library (``data_source``) and places the
figures of ``charts``; it writes nothing itself. The sidebar selection is
mirrored in the URL query parameters (r=regions, f=family, i=indicator,
p=period), so a view can be bookmarked and shared.
"""
from __future__ import annotations

import html
import io

import pandas as pd
import streamlit as st

from . import charts
from .decode import BadInput
from .indicators import lexicon
from .store import Store, StoreError

FAMILY_LABEL = {"survey": "群众安全感与满意度", "gang": "扫黑除恶", "fraud": "电信网络诈骗与养老诈骗",
                "crime": "刑事案件与矛盾纠纷", "capacity": "基层力量"}
LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2, "national": 3, "": 4}
ALL_PERIODS = "全部时期"
TABS = ["总览", "对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法"]
STICKY = ["reviewer", "gang_log", "data_unknown", "data_family", "src_doc", "theme_region", "theme_name", "add_doc"]


# ------------------------------------------------------------------ data
DEFAULT_REGION_COUNT = 12


class Data:
    """The rows (corrections applied) and what the sidebar needs from them, computed once per
    state of the store and shared by every rerun (treated as read-only)."""

    def __init__(self, rows: pd.DataFrame, names: list[str]):
        self.rows = rows
        self.names = names                                  # every stored document
        rl = rows[["region", "level"]]
        named = rl[rl["region"].fillna("") != ""]
        first = named.drop_duplicates("region")
        self.levels = dict(zip(first["region"], first["level"]))
        order = first.assign(_o=first["level"].map(LEVEL_ORDER).fillna(9)).sort_values(["_o", "region"])
        self.regions = order["region"].tolist()
        # by default the prefecture-level cities with the most figures (all of them when few)
        counts = named[named["level"] == "prefecture"].groupby("region").size()
        top = counts.sort_values(ascending=False, kind="stable").head(DEFAULT_REGION_COUNT)
        self.defaults = sorted(top.index.tolist())
        self.periods = sorted((p for p in rows["period"].dropna().unique() if p), reverse=True)
        self.present = set(rows.loc[rows["value"].notna(), "indicator"].unique())
        self.docs = rows["doc"].nunique()
        self.colors = charts.region_colors(self.regions + [""])


@st.cache_resource(show_spinner="读取数据…", max_entries=2)
def _load(path: str, stamp: tuple) -> Data:
    with Store(path) as store:
        return Data(store.rows(), store.names())


@st.cache_data(max_entries=64)
def _text(path: str, stamp: tuple, name: str) -> str:
    with Store(path) as store:
        return store.text(name)


class Documents:
    """The stored documents by name; a text is read from the store when asked for, not before."""

    def __init__(self, store, names):
        self._key = (str(store.path), store.stamp())
        self.names = list(names)
        self._set = set(names)

    def __iter__(self):
        return iter(self.names)

    def __len__(self):
        return len(self.names)

    def __contains__(self, name):
        return name in self._set

    def __getitem__(self, name: str) -> str:
        if name not in self._set:
            raise KeyError(name)
        return _text(*self._key, name)


@st.cache_resource(show_spinner="准备数据库…")
def _prepare(path: str) -> bool:
    """Once per database and process: re-extract stale documents, load the seeds into a new store."""
    with Store(path) as store:
        store.reindex()
        store.ensure_seeds()
    return True


def open_store():
    """The store at $PINGAN_DB (default data/pingan.db); seeds are loaded on first start."""
    from .store import default_path

    try:
        _prepare(str(default_path().resolve()))
        return Store()
    except StoreError as exc:
        st.error(str(exc))
        st.stop()


def data_source(store) -> tuple[Data, Documents]:
    """(the rows with corrections applied and their catalogue, the documents), through the library."""
    data = _load(str(store.path), store.stamp())
    return data, Documents(store, data.names)


def region_options(rows: pd.DataFrame) -> list[str]:
    return Data(rows, []).regions


def default_regions(rows: pd.DataFrame) -> list[str]:
    return Data(rows, []).defaults


def indicator_options(present: set, family: str) -> list[str]:
    keys = [k for k in lexicon().value_keys() if lexicon().family(k) == family]
    return [k for k in keys if k in present]


def filter_rows(rows: pd.DataFrame, regions, period: str) -> pd.DataFrame:
    out = rows[rows["region"].isin(regions)]
    if period and period != ALL_PERIODS:
        out = out[out["period"] == period]
    return out


# ------------------------------------------------------------------ sidebar and URL
def _init_from_query(data: Data):
    qp = st.query_params
    if "sel_regions" not in st.session_state:
        wanted = [r for r in qp.get("r", "").split(",") if r] if "r" in qp else data.defaults
        known = set(data.regions)
        st.session_state.sel_regions = [r for r in wanted if r in known]
    if "sel_family" not in st.session_state:
        fam = qp.get("f", "survey")
        st.session_state.sel_family = fam if fam in FAMILY_LABEL else "survey"
    if "sel_period" not in st.session_state:
        st.session_state.sel_period = qp.get("p", ALL_PERIODS)
    if "sel_indicator" not in st.session_state and "i" in qp:
        st.session_state.sel_indicator = qp.get("i")


def sidebar(data: Data) -> dict:
    _init_from_query(data)
    rows, levels = data.rows, data.levels
    sb = st.sidebar
    sb.header("筛选")
    regions = sb.multiselect("地区", data.regions, key="sel_regions",
                             format_func=lambda r: f"{r} · {charts.LEVEL_LABEL.get(levels.get(r, ''), '')}",
                             help=f"有数据的地区;默认对比数字最多的 {DEFAULT_REGION_COUNT} 个地级市/州")
    family = sb.selectbox("指标类别", list(FAMILY_LABEL), key="sel_family", format_func=FAMILY_LABEL.get)
    options = indicator_options(data.present, family)
    if st.session_state.get("sel_indicator") not in options:
        st.session_state.sel_indicator = options[0] if options else None
    indicator = sb.selectbox("指标", options, key="sel_indicator", format_func=charts.label,
                             disabled=not options)
    periods = [ALL_PERIODS] + data.periods
    if st.session_state.get("sel_period") not in periods:
        st.session_state.sel_period = ALL_PERIODS
    period = sb.selectbox("时期", periods, key="sel_period",
                          help="全部时期:每个地区取最新的数字,时期不同的会标出")
    sb.caption(f"{data.docs} 篇文档 · {len(rows)} 行数据")
    sb.download_button("下载简报 (PPTX)", lambda: _deck(rows, regions, indicator, period),
                       f"平安建设简报_{period}.pptx",
                       "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       key="deck", help="可编辑的 PowerPoint:所选地区和指标的对比图、扫黑除恶、同比变化和附表",
                       on_click="ignore")
    st.query_params.from_dict({k: v for k, v in {
        "r": ",".join(regions), "f": family, "i": indicator or "", "p": period}.items()})
    return {"regions": regions, "family": family, "indicator": indicator, "period": period}


def _deck(rows: pd.DataFrame, regions, indicator, period) -> bytes:
    """The briefing deck for the sidebar's selection, the same as ``python -m pingan slides``."""
    from .slides import build_deck

    return build_deck(filter_rows(rows, regions, period), regions, [indicator] if indicator else None)


def _png_config(name: str, sel: dict) -> dict:
    regions = "-".join(sel["regions"][:4]) + ("等" if len(sel["regions"]) > 4 else "")
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "scale": 3, "filename": f"{name}_{regions}_{sel['period']}"}}


def show(fig, name: str, sel: dict, key: str):
    st.plotly_chart(fig, width="stretch", config=_png_config(name, sel), key=key)


# ------------------------------------------------------------------ views
def view_overview(rows, sel):
    if not sel["regions"]:
        st.info("在左侧选择地区。")
        return
    table = charts.headline_table(rows, sel["regions"])
    badges: dict[str, list] = {}
    for b in charts.trend_badges(rows, sel["regions"]).itertuples():
        badges.setdefault(b.region, []).append(b)
    for region in sel["regions"]:
        cards = table.get(region, [])
        with st.container(border=True):
            st.subheader(region)
            if not cards:
                st.caption(charts.NO_DATA)
                continue
            cols = st.columns(min(4, len(cards)))
            for i, c in enumerate(cards):
                with cols[i % len(cols)]:  # the period shows; the sentence and document on hover
                    st.metric(f"{c['label']} · {c['period']}", c["value"],
                              help=f"原句:{c['quote']}\n\n来源:{c['doc']}")
            for b in badges.get(region, []):
                st.caption(f"电诈态势:{b.quote} ({b.period or '时期未注明'} · {b.doc})")


def view_compare(rows, sel, colors):
    if not sel["indicator"]:
        st.info("这一类别还没有数据。")
        return
    fig = charts.compare_bar(rows, sel["indicator"], sel["regions"], colors)
    show(fig, charts.label(sel["indicator"]), sel, "chart_compare")
    have = set(rows.loc[(rows["indicator"] == sel["indicator"]) & rows["value"].notna(), "region"])
    missing = [r for r in sel["regions"] if r not in have]
    if missing:
        st.caption("无数据:" + "、".join(missing))


def view_gang(rows, sel, colors):
    log = st.toggle("对数坐标", key="gang_log", help="数量相差很大时更易比较")
    show(charts.gang_counts(rows, sel["regions"], colors, log=log), "扫黑除恶战果", sel, "chart_gang")
    show(charts.compare_bar(rows, "gang_assets", sel["regions"], colors), "涉案资产", sel, "chart_gang_assets")


def view_trends(rows, sel, colors):
    show(charts.change_bars(rows, sel["regions"], colors), "同比变化", sel, "chart_change")
    key = sel["indicator"] if sel["indicator"] else "fraud_cases"
    multi = rows[(rows["indicator"] == key) & rows["value"].notna()].groupby("region")["period"].nunique()
    if (multi > 1).any():
        show(charts.counts_by_period(rows, key, sel["regions"], colors), "分时期", sel, "chart_periods")
    badges = charts.trend_badges(rows, sel["regions"])
    if not badges.empty:
        st.markdown("**电诈态势**")
        for b in badges.itertuples():
            st.badge(f"{b.region or '地区未定'}:{b.quote}", color="orange")
            st.caption(f"{b.period or '时期未注明'} · {b.doc}")


DATA_COLUMNS = ["row_id", "region", "level", "indicator", "label", "value", "unit", "qualifier", "period", "quote",
                "doc", "attribution", "correction", "start", "end"]


def table(rows: pd.DataFrame) -> pd.DataFrame:
    out = rows.assign(label=rows["indicator"].map(charts.label))
    return out[[c for c in DATA_COLUMNS if c in out.columns]].reset_index(drop=True)


def excel_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_excel(buf, index=False, sheet_name="指标")
    return buf.getvalue()


def view_data(rows, all_rows, sel):
    include_unknown = st.checkbox("包括地区未定的行", key="data_unknown")
    shown = rows
    if include_unknown:
        shown = pd.concat([rows, all_rows[all_rows["region"].fillna("") == ""]])
    if sel["family"] and st.checkbox("只看所选类别", key="data_family", value=False):
        shown = shown[shown["family"] == sel["family"]]
    t = table(shown)
    st.dataframe(t, width="stretch", hide_index=True)
    c1, c2 = st.columns(2)
    # built when clicked, not on every rerun
    c1.download_button("下载 CSV", lambda: t.to_csv(index=False).encode("utf-8-sig"), "pingan_rows.csv", "text/csv",
                       on_click="ignore")
    c2.download_button("下载 Excel", lambda: excel_bytes(t), "pingan_rows.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")


def highlighted_html(text: str, rows: pd.DataFrame) -> str:
    """The document with each extracted figure marked and labelled; every character of the
    document is HTML-escaped, so nothing in it is ever interpreted as markup."""
    spans = sorted({(int(r.value_start), int(r.value_end), r.indicator) for r in rows.itertuples()
                    if 0 <= r.value_start < r.value_end <= len(text)})
    out, pos = [], 0
    for s, e, key in spans:
        if s < pos:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark title='{html.escape(charts.label(key), quote=True)}'>{html.escape(text[s:e])}</mark>"
                   f"<sup style='color:#a33'>{html.escape(key)}</sup>")
        pos = e
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return f"<div style='line-height:1.9;font-size:16px'>{body}</div>"


def view_source(all_rows, documents):
    if not documents:
        st.info("还没有文档。")
        return
    names = sorted(documents)
    if "src_doc" not in st.session_state and st.query_params.get("doc") in documents:
        st.session_state.src_doc = st.query_params.get("doc")
    doc = st.selectbox("文档", names, key="src_doc")
    rows = all_rows[all_rows["doc"] == doc]
    st.caption(f"{len(rows)} 个数字 · 地区:{'、'.join(sorted(set(rows['region']) - {''})) or '未定'}")
    st.html(highlighted_html(documents[doc], rows))


# ------------------------------------------------------------------ page
def main():
    st.set_page_config(page_title="平安建设指标对比", page_icon=":material/shield:", layout="wide")
    store = open_store()
    data, documents = data_source(store)
    rows = data.rows
    st.title("平安建设指标:地区对比")
    sel = sidebar(data)
    add_documents(store)
    colors = data.colors
    shown = filter_rows(rows, sel["regions"], sel["period"])
    # Only the open tab is computed (on_change="rerun" makes .open known): a rerun costs one view.
    # Widgets of the other tabs are not drawn, so Streamlit would forget their values; re-assigning
    # them keeps the reviewer's name, the chosen document etc. across tab switches.
    for key in STICKY:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    tabs = st.tabs(TABS, key="tab", on_change="rerun")
    views = [
        lambda: view_overview(shown, sel),
        lambda: view_compare(shown, sel, colors),
        lambda: view_gang(shown, sel, colors),
        lambda: view_trends(shown, sel, colors),
        lambda: (view_data(shown, rows, sel), review(store, shown, documents)),
        lambda: view_source(rows, documents),
        lambda: view_themes(sel, colors, store, rows),
    ]
    for tab, view in zip(tabs, views):
        if tab.open:
            with tab:
                view()
    store.close()


# ------------------------------------------------------------------ 特色做法
@st.cache_resource(show_spinner="分词、统计特色做法…", max_entries=4)
def _themes(path: str, stamp: tuple, docs: tuple, regions: tuple):
    from .themes import themes

    with Store(path) as store:
        return themes(store.texts(list(docs)), regions=set(regions))


def view_themes(sel, colors, store, rows):
    # the documents that speak for the selected regions; keywords are distinctive among them
    docs = tuple(sorted(set(rows.loc[rows["region"].isin(sel["regions"]), "doc"])))
    th = _themes(str(store.path), store.stamp(), docs, tuple(sorted(sel["regions"])))
    regions = [r for r in sel["regions"] if r in set(th.regions())]
    if not regions:
        st.info("所选地区的文本中没有找到特色做法。")
        return
    matrix = th.matrix(regions, top=20)
    docs = th.mentions.loc[th.mentions["region"].isin(regions), "doc"]
    event = st.plotly_chart(charts.theme_heatmap(matrix, docs), width="stretch", key="chart_themes",
                            config=_png_config("特色做法", sel), on_select="rerun", selection_mode="points")
    points = (event.selection.points if event and event.selection else []) or []
    if points and points[0].get("y") in regions and points[0].get("x") in list(matrix.columns):
        st.session_state.theme_region, st.session_state.theme_name = points[0]["y"], points[0]["x"]
    c1, c2 = st.columns(2)
    region = c1.selectbox("地区", regions, key="theme_region")
    names = list(th.initiatives.loc[th.initiatives["region"] == region, "name"])
    if st.session_state.get("theme_name") not in names:
        st.session_state.theme_name = names[0] if names else None
    name = c2.selectbox("举措", names, key="theme_name", disabled=not names)
    if name:
        for m in th.sentences(region, name).itertuples():
            st.markdown(f"> {html.escape(m.sentence)}")
            st.caption(f"{m.doc} · {m.kind}")
    show(charts.keyword_bars(th.keywords, regions, colors), "特色关键词", sel, "chart_keywords")
    st.caption(f"特色关键词按 TF-IDF 在所选的 {len(regions)} 个地区之间比较得出:改变所选地区,关键词也会随之变化。")
    st.download_button("下载特色做法 CSV", th.initiatives[th.initiatives["region"].isin(regions)]
                       .assign(docs=lambda d: d["docs"].map("、".join)).to_csv(index=False).encode("utf-8-sig"),
                       "pingan_themes.csv", "text/csv", key="themes_csv")


# ------------------------------------------------------------------ adding documents
def add_documents(store):
    with st.sidebar.expander("添加文档", expanded=False):
        files = st.file_uploader("上传文本", type=["txt", "html", "htm", "md"], accept_multiple_files=True,
                                 key="upload_files")
        name = st.text_input("粘贴文本的名称", value="粘贴.txt", key="paste_name")
        pasted = st.text_area("或粘贴文本", key="paste_text", height=120)
        if st.button("添加", key="add_button", type="primary"):
            items = [(f.name, f.getvalue()) for f in files or []]
            reports = []
            for fname, data in items:
                reports.append(_add_one(lambda: store.add_bytes(fname, data)))
            if pasted.strip():
                reports.append(_add_one(lambda: store.add_text(name, pasted)))
            if not reports:
                reports.append(("warning", "没有选择文件,也没有粘贴文本。", None))
            st.session_state.add_reports = reports
        for level, msg, doc in st.session_state.get("add_reports", []):
            getattr(st, level)(msg)
            if doc:
                st.markdown(f"[在原文中查看 {doc}](?doc={_url_quote(doc)})")


def _add_one(add):
    try:
        res = add()
    except (BadInput, StoreError) as exc:
        return ("error", str(exc), None)
    return ("success" if res.new and not res.rows.empty else "info", res.summary(), res.name)


def _url_quote(s: str) -> str:
    from urllib.parse import quote

    return quote(s)


# ------------------------------------------------------------------ review
def review(store, rows, documents):
    st.divider()
    st.subheader("人工审核")
    who = st.text_input("审核人(每次会话填写一次)", key="reviewer")
    if not who.strip():
        st.caption("填写审核人后可以确认、修改、驳回数字或补录遗漏的数字。")
        return
    reviewable = rows[rows["row_id"].notna()] if "row_id" in rows else rows.iloc[0:0]
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**确认 / 修改 / 驳回**")
        if reviewable.empty:
            st.caption("没有可审核的行。")
        else:
            labels = {int(r.row_id): f"#{int(r.row_id)} {r.region or '地区未定'} · {charts.label(r.indicator)} · "
                                     f"{charts.fmt(r.value)}{r.unit} · {r.doc}" for r in reviewable.itertuples()}
            rid = st.selectbox("行", list(labels), format_func=labels.get, key="rev_row")
            current = reviewable[reviewable["row_id"] == rid].iloc[0]
            st.caption(f"原句:{current['quote']}")
            action = st.radio("操作", ["confirm", "edit", "reject"], horizontal=True, key="rev_action",
                              format_func={"confirm": "确认", "edit": "修改", "reject": "驳回"}.get)
            fields = {}
            if action == "edit":
                value = st.number_input("数值", value=float(current["value"]) if pd.notna(current["value"]) else 0.0,
                                        key="rev_value", format="%.4f")
                region = st.text_input("地区", value=current["region"] or "", key="rev_region")
                keys = lexicon().value_keys()
                key = st.selectbox("指标", keys, index=keys.index(current["indicator"]) if current["indicator"] in keys
                                   else 0, format_func=charts.label, key="rev_key")
                period = st.text_input("时期", value=current["period"] or "", key="rev_period")
                fields = {"value": value, "region": region.strip(), "indicator": key, "period": period.strip()}
                if region.strip() != (current["region"] or ""):
                    from .regions import resolve

                    r = resolve(region.strip())
                    fields["level"] = r.level if r else ""
            reason = st.text_input("理由(可选)", key="rev_reason")
            if st.button("保存", key="rev_save"):
                try:
                    store.correct(int(rid), action, who, fields, reason)
                    st.success("已保存。图表使用校正后的数据。")
                    st.rerun()
                except (StoreError, ValueError) as exc:
                    st.error(str(exc))
    with c2:
        st.markdown("**补录遗漏的数字**")
        if documents:
            doc = st.selectbox("文档", sorted(documents), key="add_doc")
            snippet = st.text_input("原文中的数字(照原文复制,如 97.51%)", key="add_snippet")
            text = documents[doc]
            hits = _find_all(text, snippet) if snippet else []
            if snippet and not hits:
                st.warning("原文中找不到这段文字。")
            elif hits:
                k = st.selectbox("出现位置", range(len(hits)), key="add_hit",
                                 format_func=lambda i: text[max(0, hits[i] - 15):hits[i] + len(snippet) + 5])
                keys = lexicon().value_keys()
                key = st.selectbox("指标", keys, format_func=charts.label, key="add_key")
                value = st.number_input("数值(基本单位:%、元、个)", key="add_value", format="%.4f")
                unit = st.text_input("单位", key="add_unit")
                region = st.text_input("地区", key="add_region")
                period = st.text_input("时期", key="add_period")
                reason = st.text_input("理由(可选)", key="add_reason")
                if st.button("补录", key="add_save"):
                    from .regions import resolve

                    r = resolve(region.strip()) if region.strip() else None
                    try:
                        store.add_missing(doc, hits[k], hits[k] + len(snippet), key, value, who,
                                          region=r.name if r else region.strip(), level=r.level if r else "",
                                          unit=unit, period=period, reason=reason)
                        st.success("已补录。")
                        st.rerun()
                    except (StoreError, ValueError) as exc:
                        st.error(str(exc))
    corr = store.corrections()
    if not corr.empty:
        st.markdown("**校正记录**")
        for c in corr.iloc[::-1].itertuples():
            cols = st.columns([5, 1])
            state = f" · 已撤销({c.undone_by})" if c.undone_at else ""
            cols[0].caption(f"#{c.correction_id} {c.action} · {c.doc} · {c.snippet} · {c.who} · {c.at}"
                            f"{' · ' + c.reason if c.reason else ''}{state}")
            if not c.undone_at and cols[1].button("撤销", key=f"undo_{c.correction_id}"):
                store.undo(int(c.correction_id), who)
                st.rerun()


def _find_all(text: str, snippet: str) -> list[int]:
    out, i = [], text.find(snippet)
    while i >= 0 and len(out) < 50:
        out.append(i)
        i = text.find(snippet, i + 1)
    return out
