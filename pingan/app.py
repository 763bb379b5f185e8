"""The Streamlit dashboard: compare regions side by side. ``dashboard.py`` only calls :func:`main`.

The page reads DataFrames through the library (``data_source``) and places the
figures of ``charts``; it writes nothing itself. What is shown is mirrored in
the URL (r=regions, f=family, i=indicator, p=period, tab=the open view,
doc=the document on 原文), so a view can be bookmarked and shared.

The file reads top-down: the page (``main``, the sidebar), the views and their
list ``VIEWS``, then the helpers they use.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from dataclasses import dataclass
from urllib.parse import quote as _url_quote

import pandas as pd
import streamlit as st

from . import charts, colors, corrections, export
from . import comparable as cmp
from .groups import groups
from .indicators import lexicon
from .store import Store, StoreError, default_path

LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2, "national": 3, "": 4}
ALL_PERIODS = "全部时期"
DEFAULT_REGION_COUNT = 12
LOCAL_TZ = dt.timezone(dt.timedelta(hours=8), "北京时间")   # China keeps UTC+8 all year


# ------------------------------------------------------------------ page
def main():
    st.set_page_config(page_title="平安建设指标对比", page_icon=":material/shield:", layout="wide")
    st.title("平安建设指标:地区对比")
    filters = st.sidebar.container()   # first in the sidebar; filled after the open view is drawn
    labels = [v.label for v in VIEWS]
    if "tab" not in st.session_state and "tab" not in st.query_params and st.query_params.get("doc"):
        st.session_state.tab = SOURCE_TAB  # a link to a document opens it on 原文
    # Only the open view is computed: a rerun costs one view. Widgets of the other views are not
    # drawn, so Streamlit would forget their values; re-assigning them keeps the reviewer's name,
    # the chosen document etc. across view switches.
    tabs = st.tabs(labels, key="tab", bind="query-params")
    opened = next((i for i, tab in enumerate(tabs) if tab.open), 0)
    store = open_store()
    slots = _chart_frame(tabs[opened]) if VIEWS[opened].chart_first else None
    data, documents = data_source(store)
    add_documents(store)
    if st.session_state.get("add_button") and store.stamp() != data.stamp:
        st.rerun()  # the sidebar's counts and every view show the added documents at once
    sel = selection(data)
    page = Page(store, data, documents, sel, slots)
    for i, (tab, view) in enumerate(zip(tabs, VIEWS)):
        if i == opened:
            with tab:
                view.draw(page)
        else:
            for key in view.sticky:
                if key in st.session_state:
                    st.session_state[key] = st.session_state[key]
    # The filters' values are the session's (set above), so their widgets can come after the view:
    # the browser gets the first chart before the sidebar's long region list.
    with filters:
        sidebar(data, sel)
    store.close()


def _chart_frame(tab):
    """On a visit's first run, an empty chart frame where the view's first chart will be, sent
    before the data is read: the browser loads and starts its charting code while the server
    computes (a visit's later runs have it loaded and draw over the chart shown). (the slot above
    the chart, the chart's slot), or None."""
    if st.session_state.get("_charted"):
        return None
    with tab:
        above, chart = st.container(), st.empty()
    chart.plotly_chart(charts.waiting_figure(), width="stretch", key="chart_wait", config={"displaylogo": False})
    return above, chart


@dataclass
class Page:
    """What every view reads: the store, the catalogue, the documents, the sidebar's selection and
    the rows of the selected regions and period (taken when a view first asks for them)."""
    store: Store
    data: "Data"
    documents: "Documents"
    sel: dict
    slots: tuple | None = None     # (above the first chart, the first chart), when sent ahead

    @functools.cached_property
    def shown(self) -> pd.DataFrame:
        return filter_rows(self.data.rows, self.sel["regions"], self.sel["period"])


@dataclass(frozen=True)
class View:
    label: str
    draw: object              # Page -> None
    sticky: tuple = ()        # widget keys whose values outlive a switch to another view
    chart_first: bool = False  # its first element is a chart (drawn in Page.slots when given)


def family_labels() -> dict:
    return groups().families


def selection(data: "Data") -> dict:
    """The sidebar's selection, from the session (the URL on first load): the widgets drawn later
    by :func:`sidebar` show these same values."""
    _init_from_query(data)
    ss = st.session_state
    options = indicator_options(data.present, ss.sel_family)
    if ss.get("sel_indicator") not in options:
        ss.sel_indicator = options[0] if options else None
    if ss.get("sel_period") not in [ALL_PERIODS] + data.periods:
        ss.sel_period = ALL_PERIODS
    if any(r not in data.region_set for r in ss.sel_regions):   # a region gone after a correction
        ss.sel_regions = [r for r in ss.sel_regions if r in data.region_set]
    return {"regions": list(ss.sel_regions), "family": ss.sel_family, "indicator": ss.sel_indicator,
            "period": ss.sel_period}


def sidebar(data: "Data", sel: dict):
    """The filters (showing ``sel``), the counts and the deck's download; the URL follows the selection."""
    levels = data.levels
    st.header("筛选")
    st.multiselect("地区", data.regions, key="sel_regions", on_change=_regions_chosen,
                   format_func=lambda r: f"{r} · {charts.LEVEL_LABEL.get(levels.get(r, ''), '')}",
                   help="默认:有所选指标数据的地区(地级市/州优先,最多 "
                        f"{DEFAULT_REGION_COUNT} 个);选择后不再随指标变化")
    st.selectbox("指标类别", list(family_labels()), key="sel_family", format_func=family_labels().get,
                 on_change=_follow_indicator, args=(data, True))
    options = indicator_options(data.present, sel["family"])
    st.selectbox("指标", options, key="sel_indicator", format_func=charts.label,
                 disabled=not options, on_change=_follow_indicator, args=(data, False))
    st.selectbox("时期", [ALL_PERIODS] + data.periods, key="sel_period",
                 help="全部时期:每个地区取最新的数字,每个数字都标出时期")
    st.caption(f"{data.docs} 篇文档 · {len(data.rows)} 行数据")
    regions, indicator, period = sel["regions"], sel["indicator"], sel["period"]
    st.download_button("下载简报 (PPTX)", lambda: _deck(data.rows, regions, indicator, period, data.sources),
                       f"平安建设简报_{period}.pptx",
                       "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       key="deck", help="可编辑的 PowerPoint:所选地区和指标的对比图、扫黑除恶、变化和附表",
                       on_click="ignore")
    qp = st.query_params
    for k, v in {"r": ",".join(regions), "f": sel["family"], "i": indicator or "", "p": period}.items():
        if qp.get(k) != v:
            qp[k] = v


def _init_from_query(data: "Data"):
    qp = st.query_params
    if "sel_family" not in st.session_state:
        fam = qp.get("f", "survey")
        st.session_state.sel_family = fam if fam in family_labels() else next(iter(family_labels()))
    if "sel_indicator" not in st.session_state:
        options = indicator_options(data.present, st.session_state.sel_family)
        wanted = qp.get("i")
        st.session_state.sel_indicator = wanted if wanted in options else (options[0] if options else None)
    if "sel_regions" not in st.session_state:
        if "r" in qp:
            known = set(data.regions)
            st.session_state.sel_regions = [r for r in qp.get("r", "").split(",") if r in known]
            st.session_state.regions_chosen = True
        else:
            st.session_state.sel_regions = data.defaults_for(st.session_state.sel_indicator)
    if "sel_period" not in st.session_state:
        st.session_state.sel_period = qp.get("p", ALL_PERIODS)


def _regions_chosen():
    st.session_state.regions_chosen = True


def _follow_indicator(data: "Data", family_changed: bool):
    """Until the analyst picks regions, the selection is the regions with data for the indicator."""
    if family_changed:
        options = indicator_options(data.present, st.session_state.sel_family)
        st.session_state.sel_indicator = options[0] if options else None
    if not st.session_state.get("regions_chosen"):
        st.session_state.sel_regions = data.defaults_for(st.session_state.sel_indicator)


# ------------------------------------------------------------------ views
def view_overview(page: Page):
    """The first screen answers the question: who leads on 群众安全感 and the main 满意度 (with
    periods), the comparison chart of the chosen indicator, then each region's cards. The chart is
    sent first (the ranking is filled in above it), so the browser starts drawing it at once. Both
    are kept per state of the store and selection: a new visit or a rerun that changes nothing
    shown computes nothing."""
    sel = page.sel
    lead_slot, chart_slot = page.slots or (st.container(), st.empty())
    if not sel["regions"]:
        chart_slot.info("在左侧选择地区。")
        return
    key = (str(page.store.path), page.data.stamp, tuple(sel["regions"]), sel["indicator"], sel["period"])
    if sel["indicator"] and sel["indicator"] not in groups().by_wording:
        show(_overview_chart(page.data, *key), charts.label(sel["indicator"]), sel, "chart_overview", chart_slot)
        st.session_state._charted = True
    else:
        chart_slot.empty()
    lead, missing, cards, notes = _overview_text(page.data, *key)
    if lead:
        lead_slot.markdown(lead)
    if missing:
        st.caption(missing)
    if cards:
        st.html(cards)  # one element for every card: a light first screen
    if notes:
        st.caption(notes)


@st.cache_resource(show_spinner=False, max_entries=64)
def _overview_chart(_data: "Data", path: str, stamp: tuple, regions: tuple, indicator: str, period: str):
    rows = filter_rows(_data.rows, regions, period)
    return charts.compare_bar(rows, indicator, list(regions), sources=_data.sources)


@st.cache_resource(show_spinner=False, max_entries=64)
def _overview_text(_data: "Data", path: str, stamp: tuple, regions: tuple, indicator: str, period: str):
    """(the 谁领先 ranking as markdown, the 无数据 line, every region's cards as one HTML block, the
    marks' note) of the first screen."""
    rows, regions = filter_rows(_data.rows, regions, period), list(regions)
    lines = []
    for item in charts.leaders(rows, regions):
        ranking = " > ".join(f"{plain_md(region)} {text}({p})" for region, text, p in item["ranking"][:6])
        more = f" 等{len(item['ranking'])}个" if len(item["ranking"]) > 6 else ""
        lines.append(f"- **{item['label']}**:{ranking}{more}" + (" · *时期不同,比较时请注意*" if item["mixed"] else ""))
    lead = ("**谁领先**\n\n" + "\n".join(lines)) if lines else ""
    missing = _missing_text(rows, indicator, regions)
    table = charts.headline_table(rows, regions, _data.sources)
    badges: dict[str, list] = {}
    for b in charts.trend_badges(rows, regions).itertuples():
        badges.setdefault(b.region, []).append(b)
    blocks = []
    for region in regions:
        cards = table.get(region, [])
        if not cards:
            continue  # listed in the 无数据 line
        trends = [f"电诈态势:{b.quote} ({b.period or cmp.NO_PERIOD} · {charts.citation(b.doc, _data.sources)})"
                  for b in badges.get(region, [])]
        blocks.append(cards_html(region, cards, trends))
    notes = {n for cards in table.values() for c in cards for n in _card_notes(c)}
    return lead, missing, (CARD_STYLE + "".join(blocks)) if blocks else "", " · ".join(sorted(notes))


def view_compare(page: Page):
    sel, rows = page.sel, page.shown
    if not sel["indicator"]:
        st.info("这一类别还没有数据。")
        return
    key = sel["indicator"]
    if key in groups().by_wording:
        st.markdown(f"**{charts.label(key)}:按调查对象**")
        st.caption("各地调查的对象不同(如网格工作、教育整顿),不作地区对比。")
        st.dataframe(charts.wording_table(rows, key, sel["regions"], page.data.sources), hide_index=True,
                     width="stretch", key="table_wording")
    else:
        show(charts.compare_bar(rows, key, sel["regions"], sources=page.data.sources), charts.label(key), sel,
             "chart_compare")
    if charts.has_series(rows, key, sel["regions"]):
        show(charts.counts_by_period(rows, key, sel["regions"], sources=page.data.sources), "分时期", sel,
             "chart_series")
    _missing_line(rows, sel)


def view_gang(page: Page):
    sel, rows = page.sel, page.shown
    log = st.toggle("对数坐标", key="gang_log", help="数量相差很大时更易比较")
    show(charts.gang_counts(rows, sel["regions"], log=log, sources=page.data.sources), "扫黑除恶战果", sel,
         "chart_gang")
    show(charts.compare_bar(rows, "gang_assets", sel["regions"], sources=page.data.sources), "涉案资产", sel,
         "chart_gang_assets")


def view_trends(page: Page):
    sel, rows = page.sel, page.shown
    keys = groups().changes
    regions = sel["regions"]
    if not rows["indicator"].isin(keys).any():
        # the selected regions report no change: show the ones that do (in the chosen period), and say so
        pool = page.data.rows
        if sel["period"] and sel["period"] != ALL_PERIODS:
            pool = pool[pool["period"] == sel["period"]]
        having = [r for r in dict.fromkeys(pool.loc[pool["indicator"].isin(keys), "region"].fillna("")) if r]
        if having:
            st.caption(plain_md(f"所选地区没有变化类数据;下图为有此类数据的地区:{'、'.join(having[:DEFAULT_REGION_COUNT])}"))
            rows, regions = filter_rows(page.data.rows, having[:DEFAULT_REGION_COUNT], sel["period"]), having[:DEFAULT_REGION_COUNT]
    show(charts.change_bars(rows, regions, sources=page.data.sources), "变化", sel, "chart_change")
    key = sel["indicator"] if sel["indicator"] else "fraud_cases"
    if charts.has_series(rows, key, sel["regions"]):
        show(charts.counts_by_period(rows, key, sel["regions"], sources=page.data.sources), "分时期", sel,
             "chart_periods")
    badges = charts.trend_badges(rows, sel["regions"])
    if not badges.empty:
        st.markdown("**电诈态势**")
        for b in badges.itertuples():
            st.badge(plain_md(f"{b.region or '地区未定'}:{b.quote}"), color="orange")
            st.caption(f"{b.period or cmp.NO_PERIOD} · {plain_md(charts.citation(b.doc, page.data.sources))}")


def view_data(page: Page):
    sel, rows, all_rows = page.sel, page.shown, page.data.rows
    include_unknown = st.checkbox("包括地区未定的行", key="data_unknown")
    shown = rows
    if include_unknown:
        shown = pd.concat([rows, all_rows[all_rows["region"].fillna("") == ""]])
    if sel["family"] and st.checkbox("只看所选类别", key="data_family", value=False):
        shown = shown[shown["family"] == sel["family"]]
    t = table(shown, page.data.sources)
    st.dataframe(chinese_table(t), width="stretch", hide_index=True)
    c1, c2 = st.columns(2)
    # built when clicked, not on every rerun; downloads keep the column keys
    # (text cells a spreadsheet would run as formulas are made plain text)
    c1.download_button("下载 CSV", lambda: export.csv_bytes(t), "pingan_rows.csv", "text/csv", on_click="ignore")
    c2.download_button("下载 Excel", lambda: export.excel_bytes(t), "pingan_rows.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
    review(page.store, rows, page.documents)


def view_source(page: Page):
    all_rows, documents = page.data.rows, page.documents
    if not documents:
        st.info("还没有文档。")
        return
    names = sorted(documents)
    wanted = st.query_params.get("doc")
    if wanted in documents and st.session_state.get("_doc_from_url") != wanted:
        st.session_state.src_doc = wanted          # a shared link names the document
        st.session_state._doc_from_url = wanted
    doc = st.selectbox("文档", names, key="src_doc", format_func=lambda d: charts.citation(d, page.data.sources))
    if st.query_params.get("doc") != doc:
        st.query_params["doc"] = doc
        st.session_state._doc_from_url = doc
    rows = all_rows[all_rows["doc"] == doc]
    st.caption(plain_md(f"{doc} · {len(rows)} 个数字 · 地区:{'、'.join(sorted(set(rows['region']) - {''})) or '未定'}"))
    metadata_form(page.store, doc)
    st.html(highlighted_html(documents[doc], rows))


META_LABELS = {"title": "标题", "publisher": "发布单位", "date": "日期(YYYY-MM-DD)", "url": "网址"}


def metadata_form(store, doc: str):
    """The document's title, publisher, date and address, as read at add time; the analyst can
    correct them here, and charts, PNGs, the deck and the 数据 table cite them."""
    docs = store.documents(details=False)
    rec = docs[docs["doc"] == doc]
    if rec.empty or "title" not in rec:
        return
    rec = rec.iloc[0]
    for level, msg in st.session_state.pop("meta_messages", []):
        getattr(st, level)(msg)
    with st.expander(f"文档信息:{charts.citation(doc, charts.citations(rec.to_frame().T))}", expanded=False):
        with st.form(key=f"meta_{doc}", border=False):
            for k, label in META_LABELS.items():  # read from the session by the callback
                st.text_input(label, value=str(rec.get(k) or ""), key=f"meta_{k}_{doc}")
            st.form_submit_button("保存文档信息", on_click=_save_metadata,
                                  args=(str(store.path), int(rec["doc_id"]), doc))


def _save_metadata(path: str, doc_id: int, doc: str):
    ss = st.session_state
    fields = {k: (ss.get(f"meta_{k}_{doc}") or "").strip() for k in META_LABELS}
    try:
        with Store(path) as store:
            store.set_metadata(doc_id, **fields)
    except (StoreError, ValueError) as exc:
        ss.meta_messages = [("error", f"{doc}:{exc}")]
        return
    ss.meta_messages = [("success", f"已保存 {doc} 的文档信息。")]


SOURCE_TAB = "原文"
VIEWS = [
    View("总览", view_overview, chart_first=True),
    View("对比", view_compare),
    View("扫黑除恶", view_gang, ("gang_log",)),
    View("电诈与犯罪趋势", view_trends),
    View("数据", view_data, ("data_unknown", "data_family", "reviewer", "add_doc")),
    View(SOURCE_TAB, view_source, ("src_doc",)),
    View("特色做法", lambda page: view_themes(page.sel, page.store, page.data.rows, page.data.sources), ("theme_region", "theme_name")),
]


# ------------------------------------------------------------------ data
class Data:
    """The rows (corrections applied) and what the sidebar needs from them, computed once per
    state of the store and shared by every rerun (treated as read-only)."""

    def __init__(self, rows: pd.DataFrame, names: list[str], sources: dict | None = None, stamp: tuple = ()):
        self.rows = rows
        self.names = names                                  # every stored document
        self.sources = sources or {}                        # document -> citation (title · publisher · date)
        self.stamp = stamp
        rl = rows[["region", "level"]]
        named = rl[rl["region"].fillna("") != ""]
        first = named.drop_duplicates("region")
        self.levels = dict(zip(first["region"], first["level"]))
        order = first.assign(_o=first["level"].map(LEVEL_ORDER).fillna(9)).sort_values(["_o", "region"])
        self.regions = order["region"].tolist()
        self.region_set = set(self.regions)
        self._figures = named.groupby("region").size()
        self.periods = sorted((p for p in rows["period"].dropna().unique() if p), reverse=True)
        valued = rows[rows["value"].notna() & (rows["region"].fillna("") != "")]
        self.present = set(valued["indicator"].unique())
        self._with = valued.groupby("indicator")["region"].unique().to_dict()
        self.docs = rows["doc"].nunique()

    def defaults_for(self, indicator) -> list[str]:
        """The regions with a figure for the indicator: the prefecture-level ones when there are
        two or more, else all; at most DEFAULT_REGION_COUNT, those with the most figures."""
        have = list(self._with.get(indicator, []))
        cities = [r for r in have if self.levels.get(r) == "prefecture"]
        pool = cities if len(cities) >= 2 else have
        counts = self._figures.reindex(pool).fillna(0)
        top = counts.sort_values(ascending=False, kind="stable").head(DEFAULT_REGION_COUNT)
        return sorted(top.index.tolist(), key=lambda r: self.regions.index(r) if r in self.regions else 0)


@st.cache_resource(show_spinner="读取数据…", max_entries=2)
def _load(path: str, stamp: tuple) -> Data:
    with Store(path) as store:
        return Data(store.rows(), store.names(), charts.citations(store.documents(details=False)), stamp)


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
    try:
        _prepare(str(default_path().resolve()))
        return Store()
    except StoreError as exc:
        st.error(plain_md(str(exc)))
        st.stop()


def data_source(store) -> tuple[Data, Documents]:
    """(the rows with corrections applied and their catalogue, the documents), through the library."""
    path = str(store.path)
    data = _load(path, store.stamp())   # the stamp counts metadata edits too: sources are cited as edited
    return data, Documents(store, data.names)


def indicator_options(present: set, family: str) -> list[str]:
    keys = [k for k in lexicon().value_keys() if lexicon().family(k) == family]
    return [k for k in keys if k in present]


def filter_rows(rows: pd.DataFrame, regions, period: str) -> pd.DataFrame:
    out = rows[rows["region"].isin(regions)]
    if period and period != ALL_PERIODS:
        out = out[out["period"] == period]
    return out


# ------------------------------------------------------------------ helpers of the views
def _deck(rows: pd.DataFrame, regions, indicator, period, sources=None) -> bytes:
    """The briefing deck for the sidebar's selection, the same as ``python -m pingan slides``."""
    from .slides import build_deck

    return build_deck(filter_rows(rows, regions, period), regions, [indicator] if indicator else None,
                      sources=sources)


def _png_config(name: str, sel: dict) -> dict:
    regions = "-".join(sel["regions"][:4]) + ("等" if len(sel["regions"]) > 4 else "")
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "scale": 3, "filename": f"{name}_{regions}_{sel['period']}"}}


def show(fig, name: str, sel: dict, key: str, where=st):
    where.plotly_chart(fig, width="stretch", config=_png_config(name, sel), key=key)


def _missing_line(rows, sel):
    """The selected regions without a figure for the indicator, in one line."""
    line = _missing_text(rows, sel["indicator"], sel["regions"])
    if line:
        st.caption(line)


def _missing_text(rows, indicator, regions) -> str:
    missing = charts.missing_regions(rows, [indicator], regions) if indicator else []
    return f"{charts.label(indicator)}无数据:" + "、".join(missing) if missing else ""


CARD_STYLE = """<style>
.pa-region{border:1px solid #ddd;border-radius:8px;padding:10px 14px;margin:0 0 12px 0}
.pa-region h4{margin:0 0 8px 0;font-size:1.15rem}
.pa-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:8px 16px}
.pa-card{padding:4px 0;cursor:help}
.pa-l{font-size:.85rem;color:#555;line-height:1.3}
.pa-v{font-size:1.45rem;font-weight:600;line-height:1.35;white-space:nowrap}
.pa-p{font-size:.8rem;color:#666}
.pa-t{font-size:.8rem;color:#8a5a00;margin-top:6px}
</style>"""


def cards_html(region: str, cards: list[dict], trends=()) -> str:
    """One region's headline cards as one block: label, value, and the period in full under it
    (wrapping at any width, never cut); the wording, sentence and source on hover. Every text is
    escaped."""
    def card(c):
        tip = f"口径:{c['wording'] or '—'}\n原句:{c['quote']}\n来源:{c['source']}"
        return (f"<div class='pa-card' title='{html.escape(tip, quote=True)}'>"
                f"<div class='pa-l'>{html.escape(c['label'])}</div><div class='pa-v'>{html.escape(c['value'])}</div>"
                f"<div class='pa-p'>时期:{html.escape(c['period'])}</div></div>")

    extra = "".join(f"<div class='pa-t'>{html.escape(t)}</div>" for t in trends)
    return (f"<div class='pa-region'><h4>{html.escape(region)}</h4><div class='pa-cards'>"
            + "".join(card(c) for c in cards) + f"</div>{extra}</div>")


def _card_notes(card: dict) -> list[str]:
    m = card["marks"]
    return [n for mark, n in ((cmp.MARK_INFERRED, cmp.NOTE_INFERRED), (cmp.MARK_CORRECTED, cmp.NOTE_CORRECTED),
                              (cmp.MARK_UNIT, "⚠=计数单位与其他地区不同")) if mark in m]


DATA_COLUMNS = ["row_id", "region", "level", "indicator", "label", "value", "unit", "qualifier", "period", "wording",
                "quote", "doc", "source", "attribution", "correction", "start", "end"]
COLUMN_LABELS = {"row_id": "行号", "region": "地区", "level": "级别", "indicator": "指标键", "label": "指标",
                 "value": "数值", "unit": "单位", "qualifier": "限定", "period": "时期", "wording": "口径",
                 "quote": "原句", "doc": "文档", "source": "来源", "attribution": "地区依据", "correction": "校正",
                 "start": "起", "end": "止"}
QUALIFIER_LABEL = {"exact": "精确", "approx": "约", "at_least": "以上"}
ATTRIBUTION_LABEL = {"explicit": "原文点名", "inferred": "推断", "unknown": "未定", "analyst": "人工补录"}
ACTION_LABEL = {"confirm": "确认", "edit": "修改", "reject": "驳回", "add": "补录"}
FIELD_LABEL = {"value": "数值", "region": "地区", "indicator": "指标", "period": "时期", "unit": "单位", "level": "级别"}


def table(rows: pd.DataFrame, sources: dict | None = None) -> pd.DataFrame:
    """The rows as the 数据 view lists them and the downloads write them (column keys kept)."""
    out = rows.assign(label=[cmp.shown_label(k, s, e) for k, s, e in
                             zip(rows["indicator"], rows["period_start"], rows["period_end"])],
                      wording=[cmp.wording(q, s, v) for q, s, v in zip(rows["quote"], rows["start"],
                                                                      rows["value_start"])],
                      source=[charts.citation(d, sources) for d in rows["doc"]])
    return out[[c for c in DATA_COLUMNS if c in out.columns]].reset_index(drop=True)


def chinese_table(t: pd.DataFrame) -> pd.DataFrame:
    """The same table with Chinese headers and values, for the screen."""
    out = t.copy()
    if "level" in out:
        out["level"] = out["level"].fillna("").map(lambda v: charts.LEVEL_LABEL.get(v, v))
    if "qualifier" in out:
        out["qualifier"] = out["qualifier"].map(lambda v: QUALIFIER_LABEL.get(v, v))
    if "attribution" in out:
        out["attribution"] = out["attribution"].map(lambda v: ATTRIBUTION_LABEL.get(v, v))
    if "correction" in out:
        out["correction"] = out["correction"].fillna("").map(_correction_label)
    if "region" in out:
        out["region"] = out["region"].fillna("").map(charts.region_label)
    if "period" in out:
        out["period"] = out["period"].fillna("").replace("", cmp.NO_PERIOD)
    return out.drop(columns=[c for c in ("indicator", "start", "end") if c in out]).rename(columns=COLUMN_LABELS)


def _correction_label(v: str) -> str:
    action, _, num = (v or "").partition(" ")
    return f"{ACTION_LABEL.get(action, action)} {num}".strip() if v else ""


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
                   f"<sup style='color:#a33'>{html.escape(charts.label(key))}</sup>")
        pos = e
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return f"<div style='line-height:1.9;font-size:16px'>{body}</div>"


def add_message(res) -> str:
    """The add panel's report, in Chinese: stored or not, how many figures of which families."""
    if not res.new:
        return f"{res.name}:内容相同的文档已存在,未重复添加"
    if res.rows.empty:
        return f"{res.name}:已保存,但没有找到数字"
    fams = res.rows.groupby("family").size().to_dict()
    regions = sorted(set(res.rows["region"].fillna("")) - {""})
    return (f"{res.name}:已保存,{len(res.rows)} 个数字("
            + "、".join(f"{family_labels().get(k, '其他')} {v}" for k, v in fams.items()) + ")"
            + (f";地区:{'、'.join(regions)}" if regions else ";未找到地区"))


def _local_time(iso) -> str:
    if not isinstance(iso, str) or not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _is_set(v) -> bool:
    """A stored cell holds something (pandas gives NaN or None for an empty one)."""
    return isinstance(v, str) and v != "" or (v is not None and not isinstance(v, str) and not pd.isna(v))


def _new_value(c) -> str:
    try:
        fields = json.loads(c.fields) if isinstance(c.fields, str) and c.fields else {}
    except ValueError:
        return ""
    shown = []
    for k, v in fields.items():
        if k not in FIELD_LABEL or v in (None, ""):
            continue
        if k == "indicator":
            v = charts.label(v)
        elif k == "value":
            v = charts.fmt(float(v))
        elif k == "level":
            continue
        shown.append(f"{FIELD_LABEL[k]} {v}")
    return ",".join(shown)


def correction_log(corr: pd.DataFrame) -> list[dict]:
    """The corrections, newest first, as the log shows them: Chinese, local time, new value,
    and whether each is still active (only an active one can be undone)."""
    out = []
    for c in corr.iloc[::-1].itertuples():
        undone = _is_set(c.undone_at)
        text = (f"#{c.correction_id} {ACTION_LABEL.get(c.action, c.action)} · {c.doc} · {c.snippet}"
                + (f" → {_new_value(c)}" if c.action in ("edit", "add") and _new_value(c) else "")
                + f" · {c.who} · {_local_time(c.at)}"
                + (f" · 理由:{c.reason}" if _is_set(c.reason) else "")
                + (f" · 已撤销({c.undone_by or '—'},{_local_time(c.undone_at)})" if undone else ""))
        out.append({"id": int(c.correction_id), "text": text, "active": not undone})
    return out


# ------------------------------------------------------------------ 特色做法
@st.cache_resource(show_spinner="分词、统计特色做法…", max_entries=4)
def _themes(path: str, stamp: tuple, docs: tuple, regions: tuple):
    from .themes import themes

    with Store(path) as store:
        return themes(store.texts(list(docs)), regions=set(regions))


def view_themes(sel, store, rows, sources=None):
    # the documents that speak for the selected regions; keywords are distinctive among them
    docs = tuple(sorted(set(rows.loc[rows["region"].isin(sel["regions"]), "doc"])))
    th = _themes(str(store.path), store.stamp(), docs, tuple(sorted(sel["regions"])))
    regions = [r for r in sel["regions"] if r in set(th.regions())]
    if not regions:
        st.info("所选地区的文本中没有找到特色做法。")
        return
    matrix = th.matrix(regions, top=20)
    docs = th.mentions.loc[th.mentions["region"].isin(regions), "doc"]
    event = st.plotly_chart(charts.theme_heatmap(matrix, docs, sources=sources), width="stretch", key="chart_themes",
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
            st.markdown(f"> {plain_md(m.sentence)}")
            st.caption(plain_md(f"{charts.citation(m.doc, sources)} · {m.kind}"))
    show(charts.keyword_bars(th.keywords, regions, region_colors=colors.of(rows)), "特色关键词", sel, "chart_keywords")
    st.caption(f"特色关键词按 TF-IDF 在所选的 {len(regions)} 个地区之间比较得出:改变所选地区,关键词也会随之变化。")
    st.download_button("下载特色做法 CSV", export.csv_bytes(th.initiatives[th.initiatives["region"].isin(regions)]
                                                       .assign(docs=lambda d: d["docs"].map("、".join))),
                       "pingan_themes.csv", "text/csv", key="themes_csv")


# ------------------------------------------------------------------ adding documents
UPLOAD_TYPES = ["txt", "html", "htm", "md", "docx", "pdf", "doc", "zip"]


def add_documents(store):
    from . import intake

    panel = st.sidebar.expander("添加文档", key="add_panel", on_change="rerun")
    if not panel.open:
        return  # drawn only when opened: the first screen carries no upload widgets
    with panel:
        files = st.file_uploader("上传文档(文本、网页、Word、PDF,或 .zip 压缩包)", type=UPLOAD_TYPES,
                                 accept_multiple_files=True, key="upload_files")
        folder = st.file_uploader("或上传整个文件夹", type=UPLOAD_TYPES, accept_multiple_files="directory",
                                  key="upload_folder")
        addresses = st.text_area("或输入网页地址(每行一个,http:// 或 https://)", key="add_urls", height=68)
        name = st.text_input("粘贴文本的名称", value="粘贴.txt", key="paste_name")
        pasted = st.text_area("或粘贴文本", key="paste_text", height=120)
        if st.button("添加", key="add_button", type="primary"):
            urls = [u for u in addresses.split() if u.strip()]
            items = [it for f in [*(files or []), *(folder or [])] for it in intake.from_upload(f.name, f.getvalue())]
            if urls:
                with st.spinner(f"正在获取 {len(urls)} 个网页……"):
                    items += [intake.from_address(u) for u in urls]
            reports, outcomes = [], []
            if items:
                bar = st.progress(0.0, text=f"0/{len(items)}")
                try:
                    outcomes = intake.add(store, items, progress=lambda k, n, label: bar.progress(
                        k / n, text=f"{k}/{n} {label}"))
                except StoreError as exc:
                    reports.append(("error", str(exc), None))
                bar.empty()
            if pasted.strip():
                reports += _add_all(store, [(name or "粘贴.txt", pasted)])
            if not reports and not outcomes:
                reports.append(("warning", "没有选择文件或网页地址,也没有粘贴文本。", None))
            if outcomes:
                count = {k: sum(o.status == k for o in outcomes) for k in intake.STATUS}
                reports.insert(0, ("error" if count["refused"] and not count["stored"] else "success" if
                                   count["stored"] else "info",
                                   "、".join(f"{intake.STATUS[k]} {v} 个" for k, v in count.items() if v), None))
                if len(outcomes) <= 3:  # a few: one message each; many: the table below
                    reports += [("error", o.line(), None) if o.status == "refused" else
                                ("success" if o.status == "stored" else "info", _outcome_message(o), o.doc)
                                for o in outcomes]
            st.session_state.add_reports = reports
            st.session_state.add_outcomes = intake.table(
                outcomes, lambda o: _outcome_message(o).removeprefix(f"{o.doc}:")) if outcomes else None
        for level, msg, doc in st.session_state.get("add_reports", []):
            getattr(st, level)(msg)
            if doc:
                st.markdown(f"[在原文中查看 {_md_text(doc)}](?doc={_url_quote(doc)})")
        table = st.session_state.get("add_outcomes")
        if table is not None and len(table):
            st.dataframe(table, hide_index=True, key="add_outcome_table",
                         column_config={"文档": st.column_config.TextColumn("存为")})


def plain_md(s: str) -> str:
    """Text from documents or analysts shown through markdown as written: no link, image, HTML or
    emphasis can come out of it (a name such as [在原文中查看](https://…), a reviewer's reason),
    while ordinary text keeps its characters."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", str(s))


def _md_text(s: str) -> str:
    """A document's name as plain text inside markdown (a name from an archive can hold [..](..))."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", s)


def _outcome_message(o) -> str:
    return add_message(o.result) + "".join(f";{n}" for n in o.notes)


def _add_all(store, items) -> list[tuple]:
    """One batch through the store (one transaction); a report per item."""
    try:
        results = store.add(items)
    except StoreError as exc:
        return [("error", str(exc), None)]
    return [("error", str(r.error), None) if r.error is not None else
            ("success" if r.new and r.records else "info", add_message(r), r.name) for r in results]


# ------------------------------------------------------------------ review
REVIEW_FORM = ("rev_value", "rev_region", "rev_key", "rev_period", "rev_reason")


def review(store, rows, documents):
    st.divider()
    st.subheader("人工审核")
    who = st.text_input("审核人(每次会话填写一次)", key="reviewer")
    if not who.strip():
        st.caption("填写审核人后可以确认、修改、驳回数字或补录遗漏的数字。")
        return
    for level, msg in st.session_state.pop("rev_messages", []):
        getattr(st, level)(plain_md(msg))
    reviewable = rows[rows["row_id"].notna()] if "row_id" in rows else rows.iloc[0:0]
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**确认 / 修改 / 驳回**")
        if reviewable.empty:
            st.caption("没有可审核的行。")
        else:
            labels = {int(r.row_id): f"#{int(r.row_id)} {r.region or '地区未定'} · {charts.label(r.indicator)} · "
                                     f"{charts.fmt(r.value)}{r.unit} · {r.period or cmp.NO_PERIOD} · {r.doc}"
                      for r in reviewable.itertuples()}
            if st.session_state.get("rev_row") not in labels:
                st.session_state.pop("rev_row", None)
            rid = st.selectbox("行", list(labels), format_func=labels.get, key="rev_row")
            current = reviewable[reviewable["row_id"] == rid].iloc[0]
            st.caption(f"原句:{plain_md(current['quote'])}")
            action = st.radio("操作", ["confirm", "edit", "reject"], horizontal=True, key="rev_action",
                              format_func=ACTION_LABEL.get)
            if action == "edit":
                st.number_input("数值", value=float(current["value"]) if pd.notna(current["value"]) else 0.0,
                                key="rev_value", format="%.4f")
                st.text_input("地区", value=current["region"] or "", key="rev_region")
                keys = lexicon().value_keys()
                st.selectbox("指标", keys, index=keys.index(current["indicator"]) if current["indicator"] in keys
                             else 0, format_func=charts.label, key="rev_key")
                st.text_input("时期", value=current["period"] or "", key="rev_period")
            st.text_input("理由(可选)", key="rev_reason")
            st.button(f"保存:{ACTION_LABEL[action]} #{rid}", key="rev_save", on_click=_save_review,
                      args=(str(store.path), int(rid), who, current.to_dict(), list(labels)))
    with c2:
        st.markdown("**补录遗漏的数字**")
        if documents:
            doc = st.selectbox("文档", sorted(documents), key="add_doc",
                               format_func=lambda d: charts.citation(d, None))
            snippet = st.text_input("原文中的数字(照原文复制,如 97.51%)", key="add_snippet")
            text = documents[doc]
            hits = corrections.find_all(text, snippet) if snippet else []
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
                    region_name, level = corrections.resolve_region(region)
                    try:
                        cid = store.add_missing(doc, hits[k], hits[k] + len(snippet), key, value, who,
                                                region=region_name, level=level, unit=unit, period=period,
                                                reason=reason)
                        st.session_state.rev_messages = [("success", f"已补录 #{cid}:{charts.label(key)} "
                                                                     f"{charts.fmt(value)}{unit}")]
                        st.rerun()
                    except (StoreError, ValueError) as exc:
                        st.error(str(exc))
    corr = store.corrections()
    if not corr.empty:
        st.markdown("**校正记录**")
        for item in correction_log(corr):
            cols = st.columns([6, 1])
            cols[0].caption(plain_md(item["text"]))  # the reviewer's reason is plain text
            if item["active"]:
                cols[1].button("撤销", key=f"undo_{item['id']}", on_click=_undo,
                               args=(str(store.path), item["id"], who))


def _save_review(path: str, rid: int, who: str, current: dict, order: list):
    """The save button's callback (runs before the rerun): store the correction, say what was
    saved, and reset the form to 确认 on the next row so a second click never repeats an action."""
    ss = st.session_state
    action = ss.get("rev_action", "confirm")
    fields = {}
    if action == "edit":
        region = (ss.get("rev_region") or "").strip()
        fields = {"value": ss.get("rev_value"), "region": region, "indicator": ss.get("rev_key"),
                  "period": (ss.get("rev_period") or "").strip()}
        if region != (current.get("region") or ""):
            fields["level"] = corrections.region_level(region)
    try:
        with Store(path) as store:  # a callback runs before the page, whose store is not open yet
            cid = store.correct(rid, action, who, fields, ss.get("rev_reason", ""))
    except (StoreError, ValueError) as exc:
        ss.rev_messages = [("error", str(exc))]
        return
    done = f"已保存 #{cid}:{ACTION_LABEL[action]} 第 {rid} 行"
    if action == "edit":
        done += f"({charts.label(fields['indicator'])} {charts.fmt(float(fields['value']))})"
    ss.rev_messages = [("success", done + "。图表使用校正后的数据。")]
    after = order[order.index(rid) + 1:] if rid in order else []
    if action == "reject" or after:  # a rejected row leaves the list: move on to the next one
        ss.rev_row = after[0] if after else (order[0] if order and order[0] != rid else None)
        if ss.rev_row is None:
            ss.pop("rev_row")
    ss.rev_action = "confirm"
    for key in REVIEW_FORM:
        ss.pop(key, None)


def _undo(path: str, correction_id: int, who: str):
    try:
        with Store(path) as store:
            store.undo(correction_id, who)
        st.session_state.rev_messages = [("success", f"已撤销 #{correction_id}。")]
    except (StoreError, ValueError) as exc:
        st.session_state.rev_messages = [("error", str(exc))]

