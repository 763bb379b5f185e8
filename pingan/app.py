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
from .indicators import lexicon

FAMILY_LABEL = {"survey": "群众安全感与满意度", "gang": "扫黑除恶", "fraud": "电信网络诈骗与养老诈骗",
                "crime": "刑事案件与矛盾纠纷", "capacity": "基层力量"}
LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2, "national": 3, "": 4}
ALL_PERIODS = "全部时期"
TABS = ["总览", "对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文"]


# ------------------------------------------------------------------ data
@st.cache_data(show_spinner="读取文档…")
def _load(folder: str, stamp: tuple):
    from .files import load_corpus

    return load_corpus([folder])


def data_source():
    """(rows, documents): the indicator rows and {doc: normalised text} of $PINGAN_TEXTS (default seeds/)."""
    import os
    import pathlib

    from .files import SEEDS_DIR, iter_text_files

    folder = pathlib.Path(os.environ.get("PINGAN_TEXTS", SEEDS_DIR))
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in iter_text_files([folder])) if folder.exists() else ()
    if not folder.exists():
        from .extract import rows_to_frame

        return rows_to_frame([]), {}
    return _load(str(folder), stamp)


def region_options(rows: pd.DataFrame) -> list[str]:
    named = rows[rows["region"].fillna("") != ""][["region", "level"]].drop_duplicates("region")
    named = named.assign(_o=named["level"].map(LEVEL_ORDER).fillna(9)).sort_values(["_o", "region"])
    return named["region"].tolist()


def default_regions(rows: pd.DataFrame) -> list[str]:
    named = rows[(rows["region"].fillna("") != "") & (rows["level"] == "prefecture")]
    return sorted(named["region"].unique().tolist())


def indicator_options(rows: pd.DataFrame, family: str) -> list[str]:
    keys = [k for k in lexicon().keys() if lexicon().family(k) == family and k != "fraud_trend"]
    present = set(rows.loc[rows["value"].notna(), "indicator"])
    return [k for k in keys if k in present]


def filter_rows(rows: pd.DataFrame, regions, period: str) -> pd.DataFrame:
    out = rows[rows["region"].isin(regions)]
    if period and period != ALL_PERIODS:
        out = out[out["period"] == period]
    return out


# ------------------------------------------------------------------ sidebar and URL
def _init_from_query(rows: pd.DataFrame):
    qp = st.query_params
    regions = region_options(rows)
    if "sel_regions" not in st.session_state:
        wanted = [r for r in qp.get("r", "").split(",") if r] if "r" in qp else default_regions(rows)
        st.session_state.sel_regions = [r for r in wanted if r in regions]
    if "sel_family" not in st.session_state:
        fam = qp.get("f", "survey")
        st.session_state.sel_family = fam if fam in FAMILY_LABEL else "survey"
    if "sel_period" not in st.session_state:
        st.session_state.sel_period = qp.get("p", ALL_PERIODS)
    if "sel_indicator" not in st.session_state and "i" in qp:
        st.session_state.sel_indicator = qp.get("i")


def sidebar(rows: pd.DataFrame) -> dict:
    _init_from_query(rows)
    sb = st.sidebar
    sb.header("筛选")
    levels = rows.drop_duplicates("region").set_index("region")["level"].to_dict()
    regions = sb.multiselect("地区", region_options(rows), key="sel_regions",
                             format_func=lambda r: f"{r} · {charts.LEVEL_LABEL.get(levels.get(r, ''), '')}",
                             help="有数据的地区;默认对比所有地级市/州")
    family = sb.selectbox("指标类别", list(FAMILY_LABEL), key="sel_family", format_func=FAMILY_LABEL.get)
    options = indicator_options(rows, family)
    if st.session_state.get("sel_indicator") not in options:
        st.session_state.sel_indicator = options[0] if options else None
    indicator = sb.selectbox("指标", options, key="sel_indicator", format_func=charts.label,
                             disabled=not options)
    periods = [ALL_PERIODS] + sorted({p for p in rows["period"].dropna() if p}, reverse=True)
    if st.session_state.get("sel_period") not in periods:
        st.session_state.sel_period = ALL_PERIODS
    period = sb.selectbox("时期", periods, key="sel_period",
                          help="全部时期:每个地区取最新的数字,时期不同的会标出")
    sb.caption(f"{rows['doc'].nunique()} 篇文档 · {len(rows)} 行数据")
    st.query_params.from_dict({k: v for k, v in {
        "r": ",".join(regions), "f": family, "i": indicator or "", "p": period}.items()})
    return {"regions": regions, "family": family, "indicator": indicator, "period": period}


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
    for region in sel["regions"]:
        cards = charts.headline_figures(rows, region)
        with st.container(border=True):
            st.subheader(region)
            if not cards:
                st.caption(charts.NO_DATA)
                continue
            cols = st.columns(min(4, len(cards)))
            for i, c in enumerate(cards):
                with cols[i % len(cols)]:
                    st.metric(c["label"], c["value"], help=f"{c['quote']}")
                    st.caption(f"{c['period']} · {c['doc']}")
        badges = charts.trend_badges(rows, [region])
        for b in badges.itertuples():
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


DATA_COLUMNS = ["region", "level", "indicator", "label", "value", "unit", "qualifier", "period", "quote", "doc",
                "attribution", "start", "end"]


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
    c1.download_button("下载 CSV", t.to_csv(index=False).encode("utf-8-sig"), "pingan_rows.csv", "text/csv")
    c2.download_button("下载 Excel", excel_bytes(t), "pingan_rows.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


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
    doc = st.selectbox("文档", sorted(documents), key="src_doc")
    rows = all_rows[all_rows["doc"] == doc]
    st.caption(f"{len(rows)} 个数字 · 地区:{'、'.join(sorted(set(rows['region']) - {''})) or '未定'}")
    st.html(highlighted_html(documents[doc], rows))


# ------------------------------------------------------------------ page
def main():
    st.set_page_config(page_title="平安建设指标对比", page_icon="🛡️", layout="wide")
    rows, documents = data_source()
    st.title("平安建设指标:地区对比")
    sel = sidebar(rows)
    colors = charts.region_colors(rows["region"])
    shown = filter_rows(rows, sel["regions"], sel["period"])
    tabs = st.tabs(TABS)
    with tabs[0]:
        view_overview(shown, sel)
    with tabs[1]:
        view_compare(shown, sel, colors)
    with tabs[2]:
        view_gang(shown, sel, colors)
    with tabs[3]:
        view_trends(shown, sel, colors)
    with tabs[4]:
        view_data(shown, rows, sel)
    with tabs[5]:
        view_source(rows, documents)
