"""Rows -> plotly figures, fit for a briefing slide.

Every chart has a Chinese title with the unit and period, a source footnote
naming the documents, and one colour per region that is the same across all
charts (``region_colors``). These are pure functions: the dashboard only
places what they return.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .indicators import lexicon

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#8c6d31", "#843c39", "#7b4173",
           "#3182bd", "#e6550d", "#31a354", "#756bb1"]
QUALIFIER_MARK = {"at_least": "≥", "approx": "≈", "exact": ""}
LEVEL_LABEL = {"national": "全国", "province": "省/自治区", "prefecture": "市/州", "county": "县/区", "": "未定"}
NO_DATA = "无数据"
GANG_COUNT_KEYS = ["gang_mafia_orgs", "gang_evil_groups", "gang_evil_gangs", "gang_evil_total", "gang_all_total",
                   "gang_suspects", "gang_cases", "gang_umbrella_cases"]
CHANGE_KEYS = ["fraud_cases_yoy", "criminal_cases_change"]
HEADLINE_KEYS = ["safety_sense", "satisfaction_pingan", "satisfaction_law_enforcement", "satisfaction_public_order",
                 "satisfaction_anti_gang", "gang_mafia_orgs", "gang_evil_groups", "gang_evil_gangs",
                 "gang_evil_total", "gang_all_total", "gang_suspects", "gang_cases", "gang_assets",
                 "fraud_cases", "fraud_cases_yoy", "criminal_cases", "criminal_cases_change"]


# ------------------------------------------------------------------ helpers
def region_label(region: str) -> str:
    return region if region else "(地区未定)"


def region_colors(regions) -> dict:
    """A colour for every region, by its sorted position among all regions in the data set."""
    names = sorted({region_label(r) for r in regions})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def label(key: str) -> str:
    return lexicon().label(key)


def display_unit(rows: pd.DataFrame) -> tuple[str, float]:
    """The unit a chart shows and the factor to divide values by (money in 亿元)."""
    units = [u for u in rows["unit"].dropna().unique() if u]
    if "元" in units:
        return "亿元", 1e8
    if "%" in units:
        return "%", 1.0
    if not units:
        return "", 1.0
    return "/".join(sorted(units)), 1.0


def fmt(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if abs(value - round(value)) < 1e-9 and abs(value) >= 1:
        return f"{int(round(value)):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def period_text(periods) -> str:
    ps = sorted({p for p in periods if isinstance(p, str) and p})
    if not ps:
        return "时期未注明"
    if len(ps) == 1:
        return ps[0]
    return "、".join(ps[:4]) + ("…" if len(ps) > 4 else "") + "(不同时期)"


def source_text(docs) -> str:
    ds = sorted({d for d in docs if isinstance(d, str) and d})
    if not ds:
        return "来源:无"
    return "来源:" + "、".join(ds[:6]) + (f" 等{len(ds)}篇" if len(ds) > 6 else "")


def latest_per_region(rows: pd.DataFrame, longest: bool = False) -> pd.DataFrame:
    """One row per region: the latest period (by end, then start year), then the first stated.

    With ``longest``, the figure covering the longest span wins first: campaign totals
    (2018-2020) over one later year.
    """
    return latest_by(rows, ["region"], longest)


def latest_by(rows: pd.DataFrame, by: list, longest=False) -> pd.DataFrame:
    """One row per ``by`` group, chosen as in :func:`latest_per_region`; ``longest`` may be a
    boolean Series saying for which rows the longest span wins (the 扫黑除恶 totals)."""
    if rows.empty:
        return rows
    e = rows["period_end"].astype("Float64").fillna(-1)
    s = rows["period_start"].astype("Float64").fillna(-1)
    span = (e - s).where(s >= 0, -1)
    if isinstance(longest, bool):
        span = span if longest else span * 0
    else:
        span = span.where(longest.astype(bool), 0)
    r = rows.assign(_e=e, _s=s, _span=span)
    r = r.sort_values([*by, "_span", "_e", "_s", "start"], ascending=[True] * len(by) + [False, False, False, True],
                      kind="stable")
    return r.drop_duplicates(by).drop(columns=["_e", "_s", "_span"])


def _layout(fig: go.Figure, title: str, subtitle: str, source: str, height: int = 480) -> go.Figure:
    fig.update_layout(
        title={"text": f"<b>{title}</b><br><span style='font-size:14px;color:#555'>{subtitle}</span>",
               "x": 0.01, "xanchor": "left"},
        font={"family": FONT, "size": 15, "color": "#222"},
        template="plotly_white", height=height,
        margin={"l": 20, "r": 40, "t": 90, "b": 80},
        annotations=list(fig.layout.annotations) + [
            {"text": source, "xref": "paper", "yref": "paper", "x": 0, "y": -0.16, "showarrow": False,
             "xanchor": "left", "yanchor": "top", "font": {"size": 12, "color": "#666"}}],
    )
    return fig


def empty_figure(title: str, message: str = NO_DATA) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 20, "color": "#888"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, "", source_text([]), height=320)


def _select(df: pd.DataFrame, keys, regions=None) -> pd.DataFrame:
    """Rows with a value for these indicator keys, limited to the regions when given."""
    rows = df[df["indicator"].isin(list(keys)) & df["value"].notna()]
    if regions is not None:
        rows = rows[rows["region"].isin(list(regions))]
    return rows


# ------------------------------------------------------------------ 对比
def compare_data(df: pd.DataFrame, indicator: str, regions=None) -> tuple[pd.DataFrame, str, float]:
    """(one row per region, ascending by value; display unit; divisor) behind a comparison chart."""
    rows = _select(df, [indicator], regions)
    if rows.empty:
        return rows, "", 1.0
    unit, factor = display_unit(rows)
    return latest_per_region(rows).sort_values("value", ascending=True, kind="stable"), unit, factor


def compare_bar(df: pd.DataFrame, indicator: str, regions=None, colors=None) -> go.Figure:
    """The indicator across regions: a sorted horizontal bar with value labels.

    Each region shows its latest figure; ≥/≈ mark qualifiers; a bar from a period other
    than the most common one is hatched and labelled with its period; selected regions
    without a figure are listed as 无数据.
    """
    title = f"{label(indicator)}:地区对比"
    pick, unit, factor = compare_data(df, indicator, regions)
    if pick.empty and not regions:
        return empty_figure(title)
    colors = colors or region_colors(df["region"])
    periods = pick["period"].fillna("")
    mixed = periods.nunique() > 1
    # the reference period: the most common, ties to the latest; other periods are hatched
    counts = periods.value_counts()
    top = counts[counts == counts.max()].index if not counts.empty else []
    def latest_end(p):  # NA when no figure of that period says its end year
        end = pick.loc[periods == p, "period_end"].max(skipna=True)
        return 0 if pd.isna(end) else int(end)

    common = max(top, key=lambda p: (latest_end(p), p)) if len(top) else ""
    names = [region_label(r) for r in pick["region"]]
    values = [v / factor for v in pick["value"]]
    texts, patterns = [], []
    for r, v in zip(pick.itertuples(), values):
        texts.append(f"{QUALIFIER_MARK.get(r.qualifier, '')}{fmt(v)}{unit if unit in ('%', '亿元') else ''}"
                     + (f" ({r.period or '时期未注明'})" if mixed else "")
                     + (" ✎" if bool(getattr(r, "corrected", False)) else ""))
        patterns.append("/" if mixed and (r.period or "") != common else "")
    missing = [region_label(r) for r in (regions or []) if r not in set(pick["region"])]
    fig = go.Figure(go.Bar(
        x=values, y=names, orientation="h", text=texts, textposition="outside", cliponaxis=False,
        marker={"color": [colors.get(n, PALETTE[0]) for n in names], "pattern": {"shape": patterns}},
        customdata=list(zip(pick["doc"], pick["quote"], pick["period"])),
        hovertemplate="%{y}: %{x}<br>%{customdata[2]}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        name=label(indicator),
    ))
    if missing:
        fig.add_trace(go.Bar(x=[0] * len(missing), y=missing, orientation="h", text=[NO_DATA] * len(missing),
                             textposition="outside", marker={"color": "rgba(0,0,0,0)"}, name=NO_DATA,
                             hoverinfo="skip", showlegend=False))
    fig.update_yaxes(categoryorder="array", categoryarray=missing + names, tickfont={"size": 15, "color": "#222"})
    top_value = max(values, default=0) or 1
    fig.update_xaxes(title=unit, range=[0, top_value * (1.32 if mixed else 1.18)])
    fig.update_layout(showlegend=False, barmode="overlay")
    sub = f"单位:{unit or '—'} · 时期:{period_text(pick['period'])} · ≥ 为“以上/余”, ≈ 为“约/近”"
    if any(patterns):
        sub += f" · 斜线=非 {common or '同一'} 时期"
    if "corrected" in pick and pick["corrected"].fillna(False).astype(bool).any():
        sub += " · ✎=人工校正"
    return _layout(fig, title, sub, source_text(pick["doc"]), height=max(360, 80 + 44 * (len(names) + len(missing))))


def _groups(rows: pd.DataFrame, keys, longest: bool = False):
    """Per region (sorted), the chosen row of each key present: [(region label, [(key, row)...])],
    a row being a dict of the row's columns. One sort for all regions and keys."""
    rows = rows[rows["indicator"].isin(list(keys))]
    pick = latest_by(rows, ["region", "indicator"], longest)
    order = {k: i for i, k in enumerate(keys)}
    out: dict[str, list] = {}
    for rec in sorted(pick.to_dict("records"), key=lambda r: (r["region"], order[r["indicator"]])):
        out.setdefault(rec["region"], []).append((rec["indicator"], rec))
    return [(region_label(region), picks) for region, picks in out.items()]


def grouped_data(df: pd.DataFrame, keys, regions=None, longest: bool = False):
    """(the keys with data, in order; per region its chosen row of each) behind a grouped chart."""
    rows = _select(df, keys, regions)
    if rows.empty:
        return [], []
    present = [k for k in keys if k in set(rows["indicator"])]
    return present, _groups(rows, present, longest=longest)


# ------------------------------------------------------------------ 扫黑除恶
def gang_counts(df: pd.DataFrame, regions=None, colors=None, log: bool = False) -> go.Figure:
    """扫黑除恶 counts per region side by side: one bar group per indicator, one colour per region."""
    title = "扫黑除恶战果:地区对比"
    keys, groups = grouped_data(df, GANG_COUNT_KEYS, regions, longest=True)
    if not groups:
        return empty_figure(title)
    colors = colors or region_colors(df["region"])
    fig = go.Figure()
    for name, picks in groups:
        fig.add_trace(go.Bar(x=[label(k) for k, _ in picks], y=[float(r["value"]) for _, r in picks], name=name,
                             text=[QUALIFIER_MARK.get(r["qualifier"], "") + fmt(r["value"]) for _, r in picks],
                             textposition="outside", cliponaxis=False, textfont={"size": 13},
                             marker_color=colors.get(name, PALETTE[0])))
    periods = [r["period"] for _, picks in groups for _, r in picks]
    docs = [r["doc"] for _, picks in groups for _, r in picks]
    fig.update_layout(barmode="group", uniformtext={"minsize": 11, "mode": "show"},
                      legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"})
    fig.update_yaxes(type="log" if log else "linear", title="个 / 人 / 起(件)")
    fig.update_xaxes(categoryorder="array", categoryarray=[label(k) for k in keys])
    sub = f"单位:个、人、起(件) · 时期:{period_text(periods)}" + (" · 对数坐标" if log else "")
    return _layout(fig, title, sub, source_text(docs), height=520)


# ------------------------------------------------------------------ 电诈与犯罪趋势
def change_bars(df: pd.DataFrame, regions=None, colors=None, keys=CHANGE_KEYS) -> go.Figure:
    """Year-on-year changes as signed bars: one group per indicator, one colour per region."""
    title = "同比变化:电诈立案与刑事案件"
    _, groups = grouped_data(df, keys, regions)
    if not groups:
        return empty_figure(title)
    colors = colors or region_colors(df["region"])
    fig = go.Figure()
    for name, picks in groups:
        ys = [float(r["value"]) for _, r in picks]
        fig.add_trace(go.Bar(x=[label(k) for k, _ in picks], y=ys, name=name, marker_color=colors.get(name, PALETTE[0]),
                             text=[f"{y:+.2f}%".replace(".00%", "%") for y in ys], textposition="outside",
                             cliponaxis=False))
    periods = [r["period"] for _, picks in groups for _, r in picks]
    docs = [r["doc"] for _, picks in groups for _, r in picks]
    fig.add_hline(y=0, line_color="#444", line_width=1)
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="%", ticksuffix="%")
    return _layout(fig, title, f"单位:% (负值为下降) · 时期:{period_text(periods)}", source_text(docs))


def period_data(df: pd.DataFrame, indicator: str, regions=None):
    """(rows with a period; [(region label, its rows one per period, in time order)]; unit; divisor)."""
    rows = _select(df, [indicator], regions)
    rows = rows[rows["period_end"].notna()]
    if rows.empty:
        return rows, [], "", 1.0
    unit, factor = display_unit(rows)
    series = []
    for region in sorted(rows["region"].unique()):
        sub = rows[rows["region"] == region].sort_values(["period_end", "period_start"])
        series.append((region_label(region), sub.drop_duplicates("period", keep="first")))
    return rows, series, unit, factor


def counts_by_period(df: pd.DataFrame, indicator: str, regions=None, colors=None) -> go.Figure:
    """An indicator over time for regions with figures from several periods."""
    title = f"{label(indicator)}:分时期"
    rows, series, unit, factor = period_data(df, indicator, regions)
    if rows.empty:
        return empty_figure(title)
    colors = colors or region_colors(df["region"])
    fig = go.Figure()
    for name, sub in series:
        fig.add_trace(go.Scatter(x=sub["period"].tolist(), y=(sub["value"] / factor).tolist(), name=name,
                                 mode="lines+markers+text", text=[fmt(v / factor) for v in sub["value"]],
                                 textposition="top center", marker={"size": 10},
                                 line={"color": colors.get(name, PALETTE[0])}))
    fig.update_xaxes(type="category", title="时期")
    fig.update_yaxes(title=unit, rangemode="tozero")
    return _layout(fig, title, f"单位:{unit} · 时期:{period_text(rows['period'])}", source_text(rows["doc"]))


def trend_badges(df: pd.DataFrame, regions=None) -> pd.DataFrame:
    """Qualitative fraud trends (两降两升…) per region, with their wording and source."""
    rows = df[df["indicator"] == lexicon().trend_key]
    if regions is not None:
        rows = rows[rows["region"].isin(list(regions))]
    return rows[["region", "quote", "period", "doc"]].reset_index(drop=True)


# ------------------------------------------------------------------ 总览
def headline_figures(df: pd.DataFrame, region: str) -> list[dict]:
    """The headline figures of one region, each with its period, qualifier and source."""
    return headline_table(df, [region]).get(region, [])


def headline_table(df: pd.DataFrame, regions) -> dict[str, list[dict]]:
    """{region: its headline figures} for many regions at once (one sort, not one per region)."""
    rows = _select(df, HEADLINE_KEYS, regions)
    pick = latest_by(rows, ["region", "indicator"], rows["indicator"].str.startswith("gang_"))
    order = {k: i for i, k in enumerate(HEADLINE_KEYS)}
    out: dict[str, list[dict]] = {}
    for r in sorted(pick.to_dict("records"), key=lambda r: (r["region"], order[r["indicator"]])):
        unit = r["unit"] or ""
        shown_unit, factor = ("亿元", 1e8) if unit == "元" else (unit, 1.0)
        out.setdefault(r["region"], []).append({
            "key": r["indicator"], "label": label(r["indicator"]),
            "value": f"{QUALIFIER_MARK.get(r['qualifier'], '')}{fmt(r['value'] / factor)}{shown_unit}",
            "period": r["period"] or "时期未注明", "doc": r["doc"], "quote": r["quote"]})
    return out


# ------------------------------------------------------------------ 特色做法
def theme_heatmap(matrix: pd.DataFrame, docs=(), title: str = "特色做法:各地提到的举措") -> go.Figure:
    """Region × named initiative: how often each region's texts name it (0 = not named)."""
    if matrix is None or matrix.empty:
        return empty_figure(title)
    regions = [region_label(r) for r in matrix.index]
    fig = go.Figure(go.Heatmap(
        z=matrix.values.tolist(), x=list(matrix.columns), y=regions, colorscale="Blues", zmin=0,
        text=[[str(v) if v else "" for v in row] for row in matrix.values.tolist()], texttemplate="%{text}",
        hovertemplate="%{y} · %{x}: %{z} 次<extra></extra>", colorbar={"title": "次数"}, xgap=2, ygap=2,
    ))
    fig.update_xaxes(tickangle=-40, side="bottom")
    fig.update_yaxes(autorange="reversed")
    sub = f"单位:提及次数 · {len(matrix.columns)} 项被提及最多的举措 × {len(regions)} 个地区 · 点击格子查看原句"
    height = max(460, 330 + 40 * len(regions))
    fig = _layout(fig, title, sub, source_text(docs), height=height)
    # the slanted initiative names need room: the source line goes below them
    fig.update_layout(margin={"b": 210})
    fig.layout.annotations[-1].update(y=-190 / (height - 300), yanchor="top")
    return fig


def keyword_bars(keywords: pd.DataFrame, regions=None, colors=None, top: int = 8,
                 title: str = "特色关键词:各地相对其他地区突出的词") -> go.Figure:
    """Per region, its most distinctive words (TF-IDF against the other regions), side by side."""
    from plotly.subplots import make_subplots

    kw = keywords if regions is None else keywords[keywords["region"].isin(list(regions))]
    kw = kw[kw["rank"] <= top]
    if kw.empty:
        return empty_figure(title)
    names = sorted(kw["region"].unique())
    colors = colors or region_colors(names)
    cols = min(3, len(names))
    nrows = math.ceil(len(names) / cols)
    fig = make_subplots(rows=nrows, cols=cols, subplot_titles=[region_label(n) for n in names],
                        horizontal_spacing=0.12, vertical_spacing=0.12 / max(1, nrows - 1) if nrows > 1 else 0.1)
    for i, name in enumerate(names):
        sub = kw[kw["region"] == name].sort_values("score")
        fig.add_trace(go.Bar(x=sub["score"].tolist(), y=sub["keyword"].tolist(), orientation="h",
                             marker_color=colors.get(region_label(name), PALETTE[0]), name=region_label(name),
                             customdata=sub["count"].tolist(),
                             hovertemplate="%{y}: TF-IDF %{x:.1f}, 出现 %{customdata} 次<extra></extra>"),
                      row=i // cols + 1, col=i % cols + 1)
    fig.update_layout(showlegend=False)
    sub = "单位:TF-IDF 得分(词在本地区文本中的频率 × 在其他地区的稀有程度) · jieba 分词"
    return _layout(fig, title, sub, "来源:各地区的新闻稿正文(导航、版权等文字已剔除)",
                   height=max(380, 60 + 260 * nrows))
