"""Rows -> plotly figures, fit for a briefing slide.

Every chart has a Chinese title with the unit and period, every value its own
period and marks (see ``comparable``), a note with the wording (口径) and what
the marks mean, a source line citing the documents (title · publisher · date
when known), and one colour per region: the rows' ``color`` column (the colour
the store keeps for the region, :mod:`pingan.colors`), the same in every chart,
PNG and deck. These are pure functions: the dashboard only places what they return.
"""
from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from . import colors
from . import comparable as cmp
from .groups import groups
from .indicators import lexicon

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"
QUALIFIER_MARK = {"at_least": "≥", "approx": "≈", "exact": ""}
LEVEL_LABEL = {"national": "全国", "province": "省/自治区", "prefecture": "市/州", "county": "县/区", "": "未定"}
NO_DATA = "无数据"
MARKS_NOTE = "≥ 为“以上/余”, ≈ 为“约/近”"
SPLIT_PATTERN = "/"
_GRID = "#EBF0F8"
_AXIS = {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID, "zerolinewidth": 2, "ticks": "",
         "automargin": True, "title": {"standoff": 15}}
# What plotly's "plotly_white" gives these charts (white ground, light grid, hatch and bar outline,
# colour bar), without the defaults of the thirty trace kinds never drawn here: a tenth of the JSON
# each chart sends to the browser, and no template file read on the first chart.
TEMPLATE = go.layout.Template(
    layout={"paper_bgcolor": "white", "plot_bgcolor": "white", "xaxis": _AXIS, "yaxis": _AXIS,
            "hoverlabel": {"align": "left"}, "hovermode": "closest"},
    data={"bar": [{"marker": {"line": {"color": "white", "width": 0.5},
                              "pattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2}}}],
          "heatmap": [{"colorbar": {"outlinewidth": 0, "ticks": ""}}]})


# ------------------------------------------------------------------ helpers
def two_lines(label: str, width: int = 5) -> str:
    """A category name of more than ``width`` characters on two lines (涉黑涉恶<br>犯罪嫌疑人)."""
    if len(label) <= width:
        return label
    cut = (len(label) + 1) // 2
    return plain(label[:cut]) + "<br>" + plain(label[cut:])


def text_width(text: str, size: int = 15) -> int:
    """About how many pixels a label takes at this font size (a Han character a full em, others about half)."""
    return int(sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in text))


def region_label(region: str) -> str:
    return region if region else "(地区未定)"


def colored(df: pd.DataFrame) -> pd.DataFrame:
    """The rows with a ``color`` column: their own (a store's rows carry it), or colours given by
    the store's rule in the order the regions first appear (:mod:`pingan.colors`)."""
    return df if "color" in df.columns else colors.attach(df)


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


def value_text(value, unit: str = "", qualifier: str = "", signed: bool = False) -> str:
    """A value as every chart, card and slide prints it: ≥/≈, at most two decimals, its unit."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = fmt(abs(value)) if signed else fmt(value)
    sign = ("+" if value > 0 else "−" if value < 0 else "") if signed else ""
    return f"{QUALIFIER_MARK.get(qualifier, '')}{sign}{v}{unit}"


def period_text(periods) -> str:
    ps = sorted({p for p in periods if isinstance(p, str) and p})
    if not ps:
        return cmp.NO_PERIOD
    if len(ps) == 1:
        return ps[0]
    return "、".join(ps[:4]) + ("…" if len(ps) > 4 else "") + "(不同时期)"


def citations(documents: pd.DataFrame) -> dict:
    """{document name: '《title》 · publisher · date · address'} from a store's ``documents()``,
    for the documents whose title, publisher, date or address is known."""
    out = {}
    if documents is None or documents.empty or "title" not in documents:
        return out
    for rec in documents.to_dict("records"):
        bits = [str(rec.get(c) or "").strip() for c in ("title", "publisher", "date", "url")]
        if bits[0]:
            bits[0] = f"《{bits[0]}》"
        if any(bits):
            out[rec["doc"]] = " · ".join(b for b in bits if b)
    return out


def citation(doc: str, sources: dict | None = None) -> str:
    """How a brief cites a document: its title, publisher and date when known, else its name."""
    return (sources or {}).get(doc) or doc


def source_text(docs, sources: dict | None = None, limit: int = 4) -> str:
    ds = sorted({d for d in docs if isinstance(d, str) and d})
    if not ds:
        return "来源:无"
    cites = list(dict.fromkeys(citation(d, sources) for d in ds))
    return "来源:" + ";".join(cites[:limit]) + (f" 等{len(cites)}篇" if len(cites) > limit else "")


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


NOTE_SEP = "\n"


def join_notes(parts) -> str:
    """The note's parts, one per line (a chart footer wraps them to its width)."""
    return NOTE_SEP.join(p for p in parts if p)


def wrap(text: str, width: float = 62) -> list[str]:
    """Lines of at most ``width`` Chinese characters (a Latin letter or digit counts 0.55), broken
    after punctuation where possible: a plotly annotation never wraps by itself."""
    lines = []
    for para in text.split("\n"):
        line, used, cut = "", 0.0, -1
        for ch in para:
            line += ch
            used += 1 if ord(ch) > 0x2E7F else 0.55
            if ch in ",;、·) ":
                cut = len(line)
            if used > width:
                k = cut if cut > len(line) // 2 else len(line) - 1
                lines.append(line[:k].rstrip())
                line = line[k:].lstrip()
                used = sum(1 if ord(c) > 0x2E7F else 0.55 for c in line)
                cut = -1
        if line:
            lines.append(line)
    return lines


def _layout(fig: go.Figure, title: str, subtitle: str, source: str, height: int = 480, note: str = "") -> go.Figure:
    """Title and subtitle on top; below the plot the note (口径, marks, 无数据) and the source line,
    with room kept for them so the axis title never prints over them."""
    lines_ = [plain(ln) for part in (note, source) if part for ln in wrap(part)]
    foot = "<br>".join(lines_)
    lines = len(lines_)
    bottom = 70 + 18 * lines
    fig.update_layout(
        title={"text": f"<b>{plain(title)}</b><br><span style='font-size:14px;color:#555'>{plain(subtitle)}</span>",
               "x": 0.01, "xanchor": "left"},
        font={"family": FONT, "size": 15, "color": "#222"},
        template=TEMPLATE, height=height + 18 * lines,
        margin={"l": 20, "r": max(60, fig.layout.margin.r or 0), "t": 90, "b": bottom},  # (a chart may need more room on the right)
        annotations=list(fig.layout.annotations) + [
            {"text": foot, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -58, "showarrow": False,
             "xanchor": "left", "yanchor": "top", "align": "left", "font": {"size": 12, "color": "#666"},
             "name": "footer"}],
    )
    return fig


def footer(fig: go.Figure) -> str:
    """The note and source line printed under a chart."""
    return next((a.text for a in fig.layout.annotations if a.name == "footer"), "")


def empty_figure(title: str, message: str = NO_DATA, note: str = "") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 20, "color": "#888"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, "", source_text([]), height=320, note=note)


def waiting_figure(height: int = 420) -> go.Figure:
    """An empty chart frame, shown while the chart that takes its place is computed."""
    fig = go.Figure(layout={"template": TEMPLATE})
    fig.add_annotation(text="正在读取数据…", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 16, "color": "#999", "family": FONT})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig.update_layout(height=height, margin={"l": 20, "r": 20, "t": 20, "b": 20})


def select(df: pd.DataFrame, keys, regions=None) -> pd.DataFrame:
    """Rows with a value for these indicator keys, limited to the regions when given."""
    rows = df[df["indicator"].isin(list(keys)) & df["value"].notna()]
    if regions is not None:
        rows = rows[rows["region"].isin(list(regions))]
    return rows



def missing_regions(df: pd.DataFrame, keys, regions) -> list[str]:
    """The selected regions with no figure for these keys (listed in one line, never drawn)."""
    have = set(select(df, keys, regions)["region"])
    return [r for r in (regions or []) if r not in have]


def missing_note(missing) -> str:
    return ("无数据:" + "、".join(region_label(r) for r in missing)) if missing else ""


def plain(text) -> str:
    """Text from documents or analysts, made plain inside plotly's markup (a name such as
    <a href="…">…</a> must not become a link in a chart, its PNG or its hover)."""
    return html.escape(str(text), quote=False)


def _hover(rows: pd.DataFrame, sources=None) -> list:
    return [[plain(r["period_label"]), plain(r["wording"] or "—"), plain(citation(r["doc"], sources)),
             plain(r["quote"]), r["marks_note"]]
            for r in rows.to_dict("records")]


HOVER = ("%{customdata[0]}<br>口径:%{customdata[1]}<br>来源:%{customdata[2]}<br>原句:%{customdata[3]}"
         "%{customdata[4]}<extra></extra>")


def _with_marks_note(rows: pd.DataFrame) -> pd.DataFrame:
    texts = []
    for r in rows.to_dict("records"):
        t = []
        if r["unit_odd"]:
            t.append(f"⚠ 单位为“{plain(r['unit'])}”,与其他地区的计数对象不同")
        if r["inferred"]:
            t.append("※ 地区由上下文推断")
        if r["corrected"]:
            t.append("✎ 人工校正")
        texts.append("".join("<br>" + x for x in t))
    return rows.assign(marks_note=texts)


def reference_period(rows: pd.DataFrame) -> str:
    """The chart's main period: the most common among its values, ties to the latest end year."""
    periods = rows["period"].fillna("")
    counts = periods.value_counts()
    if counts.empty:
        return ""
    top = counts[counts == counts.max()].index

    def latest_end(p):
        end = rows.loc[periods == p, "period_end"].max(skipna=True)
        return 0 if pd.isna(end) else int(end)

    return max(top, key=lambda p: (latest_end(p), p))


def axis_start(values, unit: str) -> tuple[float, str]:
    """Where a value axis starts and the sentence that says so: at 0, except for shares that are
    all high and close (95.89 vs 97.51), where the axis starts at a round value below them."""
    vals = [v for v in values if v is not None and not math.isnan(v)]
    if unit != "%" or len(vals) < 2 or min(vals) <= 0:
        return 0.0, ""
    lo, hi = min(vals), max(vals)
    if hi - lo >= 0.25 * lo:
        return 0.0, ""
    start = math.floor((lo - max(hi - lo, 1.0) * 2) / 5) * 5
    if start <= 0:
        return 0.0, ""
    return float(start), f"横轴从 {start:g}% 起,以便看清差距"


# ------------------------------------------------------------------ 对比
def compare_data(df: pd.DataFrame, indicator: str, regions=None) -> tuple[pd.DataFrame, str, float]:
    """(one row per region, ascending by value, annotated (see ``comparable.annotate``); display
    unit; divisor) behind a comparison chart."""
    rows = select(colored(df), [indicator], regions)
    if rows.empty:
        return cmp.annotate(rows), "", 1.0
    unit, factor = display_unit(rows)
    pick = latest_per_region(rows).sort_values("value", ascending=True, kind="stable")
    return cmp.annotate(pick), unit, factor


def bar_text(r: dict, unit: str, factor: float, period: bool = True) -> str:
    """A bar's label: value (with ≥/≈ and unit), its period, its marks."""
    shown = unit if unit in ("%", "亿元") else ""
    v = r["value"] / factor
    return (value_text(v, shown, r["qualifier"]) + (f" ({r['period_label']})" if period else "")
            + (" " + r["marks"] if r["marks"] else ""))


def compare_bar(df: pd.DataFrame, indicator: str, regions=None, sources=None) -> go.Figure:
    """The indicator across regions: a sorted horizontal bar with value labels.

    Each region shows its latest figure and every bar says its period; a bar from a period
    other than the chart's main one is hatched; ≥/≈ mark qualifiers, ⚠ a different counting
    word, ※ an inferred region, ✎ a correction; the note gives the wording (口径) and lists the
    selected regions without a figure in one line.
    """
    title = f"{label(indicator)}:地区对比"
    pick, unit, factor = compare_data(df, indicator, regions)
    missing = missing_regions(df, [indicator], regions) if regions is not None else []
    if pick.empty:
        return empty_figure(title, note=missing_note(missing))
    pick = _with_marks_note(pick)
    common = reference_period(pick)
    names = [region_label(r) for r in pick["region"]]
    values = [v / factor for v in pick["value"]]
    recs = pick.to_dict("records")
    texts = [bar_text(r, unit, factor) for r in recs]
    patterns = [SPLIT_PATTERN if (r["period"] or "") != common else "" for r in recs]
    fig = go.Figure(go.Bar(
        x=values, y=names, orientation="h", text=texts, textposition="outside", cliponaxis=False,
        marker={"color": pick["color"].tolist(), "pattern": {"shape": patterns}},
        customdata=_hover(pick, sources), hovertemplate="%{y}: %{x}<br>" + HOVER, name=label(indicator),
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=names, tickfont={"size": 15, "color": "#222"})
    start, start_note = axis_start(values, unit)
    top = max(values, default=0) or 1
    end = 100 if unit == "%" and top <= 100 else top * 1.05
    fig.update_xaxes(title=unit, range=[start, end])
    fig.update_layout(showlegend=False, barmode="overlay")
    sub = f"单位:{unit or '—'} · 时期:{period_text(pick['period'])} · {MARKS_NOTE}"
    if any(patterns):
        sub += f" · 斜线=非 {common or cmp.NO_PERIOD} 时期"
    note = join_notes([cmp.wording_note(pick), *cmp.notes(pick), start_note, missing_note(missing)])
    # room on the right for the labels past the longest bar
    fig.update_layout(margin={"r": 20 + max(text_width(t) for t in texts)})
    return _layout(fig, title, sub, source_text(pick["doc"], sources), height=max(300, 80 + 44 * len(names)),
                   note=note)


def wording_table(df: pd.DataFrame, indicator: str, regions=None, sources=None) -> pd.DataFrame:
    """Figures of one key that are surveys of different subjects (satisfaction_other), as a
    table grouped by the surveyed subject: never drawn as one comparison."""
    rows = cmp.annotate(select(df, [indicator], regions))
    cols = ["调查对象", "地区", "数值", "时期", "口径", "来源"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame({
        "调查对象": [cmp.subject(w) for w in rows["wording"]],
        "地区": [region_label(r) + m for r, m in zip(rows["region"], rows["marks"])],
        "数值": [value_text(v, u or "", q) for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"])],
        "时期": rows["period_label"].tolist(),
        "口径": rows["wording"].tolist(),
        "来源": [citation(d, sources) for d in rows["doc"]],
    })
    return out.sort_values(["调查对象", "地区"], kind="stable").reset_index(drop=True)


def _groups(rows: pd.DataFrame, keys, longest: bool = False):
    """Per region (sorted), the chosen row of each category present: [(region label, [(category,
    row)...])], a row being a dict of the annotated row's columns. A category is a key's shown
    label, so a change over a span is its own category, apart from the year-on-year one."""
    rows = rows[rows["indicator"].isin(list(keys))]
    pick = latest_by(rows.assign(_cat=cmp.category(rows)), ["region", "_cat"], longest).drop(columns="_cat")
    pick = _with_marks_note(cmp.annotate(pick))  # only the values shown are annotated
    order = {k: i for i, k in enumerate(keys)}
    out: dict[str, list] = {}
    for rec in sorted(pick.to_dict("records"),
                      key=lambda r: (r["region"], r["span"], order[r["indicator"]], r["shown_label"])):
        out.setdefault(rec["region"], []).append((rec["shown_label"], rec))
    return [(region_label(region), picks) for region, picks in out.items()]


def grouped_data(df: pd.DataFrame, keys, regions=None, longest: bool = False):
    """(the categories with data, in order; per region its chosen row of each) behind a grouped
    chart. Categories are the keys' labels; a change over several years is a category of its own
    ('刑事案件立案数 2012–2022 变化'), after the year-on-year ones."""
    rows = select(colored(df), keys, regions)
    if rows.empty:
        return [], []
    groups_ = _groups(rows, keys, longest=longest)
    order = {k: i for i, k in enumerate(keys)}
    cats = {r["shown_label"]: (r["span"], order[r["indicator"]], r["shown_label"])
            for _, picks in groups_ for _, r in picks}
    return sorted(cats, key=cats.get), groups_


def group_rows(groups_) -> pd.DataFrame:
    return pd.DataFrame([r for _, picks in groups_ for _, r in picks])


# ------------------------------------------------------------------ 扫黑除恶
def gang_counts(df: pd.DataFrame, regions=None, log: bool = False, sources=None) -> go.Figure:
    """扫黑除恶 counts per region side by side: one bar group per indicator, one colour per region.

    Each bar's label carries its period when it is not the chart's main period; a single-year
    count beside multi-year totals (or a total of another span) is hatched and the note says so.
    """
    title = "扫黑除恶战果:地区对比"
    keys = list(groups().gang_counts)
    cats, grouped = grouped_data(df, keys, regions, longest=True)
    missing = missing_regions(df, keys, regions) if regions is not None else []
    if not grouped:
        return empty_figure(title, note=missing_note(missing))
    used = group_rows(grouped)
    common = reference_period(used)
    fig = go.Figure()
    split = False
    for name, picks in grouped:
        recs = [r for _, r in picks]
        off = [(r["period"] or "") != common for r in recs]
        split |= any(off)
        fig.add_trace(go.Bar(
            x=[c for c, _ in picks], y=[float(r["value"]) for r in recs], name=name,
            text=[value_text(r["value"], "", r["qualifier"]) + (f" ({r['period_label']})" if o else "")
                  + (" " + r["marks"] if r["marks"] else "") for r, o in zip(recs, off)],
            textposition="outside", cliponaxis=False, textfont={"size": 12}, textangle=-90,
            marker={"color": recs[0]["color"],
                    "pattern": {"shape": [SPLIT_PATTERN if o else "" for o in off]}},
            customdata=_hover(pd.DataFrame(recs), sources), hovertemplate="%{x} · " + name + ": %{y}<br>" + HOVER))
    fig.update_layout(barmode="group", uniformtext={"minsize": 10, "mode": "show"},
                      legend={"orientation": "h", "y": 1.0, "x": 0, "xanchor": "left", "yanchor": "bottom"})
    top = max((float(r["value"]) for _, picks in grouped for _, r in picks), default=1) or 1
    fig.update_yaxes(type="log" if log else "linear", title="个 / 人 / 起(件)",
                     range=None if log else [0, top * 1.6])   # room for the upright labels
    # category names upright on up to two lines: rotated by a narrow screen, they printed over the note
    fig.update_xaxes(categoryorder="array", categoryarray=cats, tickangle=0,
                     tickvals=cats, ticktext=[two_lines(c) for c in cats])
    sub = f"单位:个、人、起(件) · 时期:{common or cmp.NO_PERIOD}(其他时期的数字标出时期)" + (" · 对数坐标" if log else "")
    split_note = ""
    if split:
        kinds = "多年累计" if cmp.is_span(*_period_bounds(used, common)) else "单年"
        split_note = f"斜线=非 {common} 时期的数字(主时期为{kinds}),累计数与单年数不可直接比较"
    note = join_notes([split_note, *cmp.notes(used), missing_note(missing)])
    fig = _layout(fig, title, sub, source_text(used["doc"], sources), height=560, note=note)
    fig.update_layout(margin={"t": 120})  # the legend sits between the subtitle and the plot
    return fig


def _period_bounds(rows: pd.DataFrame, period: str):
    sub = rows[rows["period"].fillna("") == period]
    if sub.empty:
        return None, None
    return sub["period_start"].iloc[0], sub["period_end"].iloc[0]


# ------------------------------------------------------------------ 电诈与犯罪趋势
def change_bars(df: pd.DataFrame, regions=None, keys=None, sources=None) -> go.Figure:
    """Changes as signed bars: one group per category, one colour per region. Year-on-year
    changes come first; a change over several years is its own category labelled by its span
    ('刑事案件立案数 2012–2022 变化'), right of a dividing line."""
    title = "变化:电诈立案与刑事案件"
    keys = list(keys or groups().changes)
    cats, grouped = grouped_data(df, keys, regions)
    missing = missing_regions(df, keys, regions) if regions is not None else []
    if not grouped:
        return empty_figure(title, note=missing_note(missing))
    used = group_rows(grouped)
    fig = go.Figure()
    for name, picks in grouped:
        recs = [r for _, r in picks]
        ys = [float(r["value"]) for r in recs]
        fig.add_trace(go.Bar(
            x=[c for c, _ in picks], y=ys, name=name, marker_color=recs[0]["color"],
            text=[value_text(y, "%", r["qualifier"], signed=True) + f" ({r['period_label']})"
                  + (" " + r["marks"] if r["marks"] else "") for y, r in zip(ys, recs)],
            textposition="outside", cliponaxis=False,
            customdata=_hover(pd.DataFrame(recs), sources), hovertemplate="%{x} · " + name + ": %{y}%<br>" + HOVER))
    yoy = [c for c in cats if not used.loc[used["shown_label"] == c, "span"].any()]
    spans = [c for c in cats if c not in yoy]
    if yoy and spans:  # a visible split: year-on-year on the left, changes over a span on the right
        fig.add_vline(x=len(yoy) - 0.5, line_dash="dot", line_color="#888")
        fig.add_annotation(x=len(yoy) - 0.5, y=1.0, yref="paper", text="右侧为多年变化,非同比", showarrow=False,
                           xanchor="left", yanchor="bottom", font={"size": 12, "color": "#666"})
    fig.add_hline(y=0, line_color="#444", line_width=1)
    fig.update_layout(barmode="group")
    fig.update_xaxes(categoryorder="array", categoryarray=yoy + spans)
    fig.update_yaxes(title="%", ticksuffix="%")
    sub = f"单位:% (负值为下降) · 时期:{period_text(used['period'])}"
    span_note = "多年变化按所述年份标出(如 2012–2022 变化),不与同比数字并列比较" if spans else ""
    note = join_notes([span_note, *cmp.notes(used), missing_note(missing)])
    return _layout(fig, title, sub, source_text(used["doc"], sources), note=note)


def period_data(df: pd.DataFrame, indicator: str, regions=None):
    """(rows with a period; [(region label, its rows one per period, in time order)]; unit; divisor)."""
    rows = select(colored(df), [indicator], regions)
    rows = rows[rows["period_end"].notna()]
    if rows.empty:
        return rows, [], "", 1.0
    unit, factor = display_unit(rows)
    series = []
    for region in sorted(rows["region"].unique()):
        sub = rows[rows["region"] == region].sort_values(["period_end", "period_start"])
        series.append((region_label(region), sub.drop_duplicates("period", keep="first")))
    return rows, series, unit, factor


def has_series(df: pd.DataFrame, indicator: str, regions=None) -> bool:
    """Whether some region has this indicator for several periods (a line over time is worth drawing)."""
    _, series, _, _ = period_data(df, indicator, regions)
    return any(len(sub) > 1 for _, sub in series)


def counts_by_period(df: pd.DataFrame, indicator: str, regions=None, sources=None) -> go.Figure:
    """An indicator over time: one line per region, a point per period."""
    title = f"{label(indicator)}:分时期"
    rows, series, unit, factor = period_data(df, indicator, regions)
    if rows.empty:
        return empty_figure(title)
    fig = go.Figure()
    used = []
    for name, sub in series:
        sub = _with_marks_note(cmp.annotate(sub))
        used.append(sub)
        fig.add_trace(go.Scatter(x=sub["period"].tolist(), y=(sub["value"] / factor).tolist(), name=name,
                                 mode="lines+markers+text",
                                 text=[value_text(v / factor, "", q) + (" " + m if m else "")
                                       for v, q, m in zip(sub["value"], sub["qualifier"], sub["marks"])],
                                 textposition="top center", marker={"size": 10},
                                 line={"color": sub["color"].iloc[0]},
                                 customdata=_hover(sub, sources), hovertemplate=name + ": %{y}<br>" + HOVER))
    used = pd.concat(used)
    order = rows.drop_duplicates("period").sort_values(["period_end", "period_start"])["period"].tolist()
    fig.update_xaxes(type="category", title="时期", categoryorder="array", categoryarray=order)
    fig.update_yaxes(title=unit, rangemode="tozero")
    if unit == "%":
        fig.update_yaxes(range=[0, 100])
    note = join_notes([cmp.wording_note(used), *cmp.notes(used)])
    return _layout(fig, title, f"单位:{unit} · 时期:{period_text(rows['period'])}", source_text(rows["doc"], sources),
                   note=note)


def trend_badges(df: pd.DataFrame, regions=None) -> pd.DataFrame:
    """Qualitative fraud trends (两降两升…) per region, with their wording and source."""
    rows = df[df["indicator"] == lexicon().trend_key]
    if regions is not None:
        rows = rows[rows["region"].isin(list(regions))]
    return rows[["region", "quote", "period", "doc"]].reset_index(drop=True)


# ------------------------------------------------------------------ 总览
def headline_figures(df: pd.DataFrame, region: str, sources=None) -> list[dict]:
    """The headline figures of one region, each with its period, qualifier and source."""
    return headline_table(df, [region], sources).get(region, [])


def headline_table(df: pd.DataFrame, regions, sources=None) -> dict[str, list[dict]]:
    """{region: its headline figures} for many regions at once (one sort, not one per region).
    A change over several years is its own card, labelled by its span."""
    keys = list(groups().headline)
    rows = select(df, keys, regions)
    rows = rows.assign(_cat=cmp.category(rows))
    pick = latest_by(rows, ["region", "_cat"], rows["indicator"].str.startswith("gang_")).drop(columns="_cat")
    pick = cmp.annotate(pick)  # only the values shown are annotated
    order = {k: i for i, k in enumerate(keys)}
    out: dict[str, list[dict]] = {}
    for r in sorted(pick.to_dict("records"), key=lambda r: (r["region"], order[r["indicator"]], r["span"])):
        unit = r["unit"] or ""
        shown_unit, factor = ("亿元", 1e8) if unit == "元" else (unit, 1.0)
        signed = r["indicator"] in groups().changes
        out.setdefault(r["region"], []).append({
            "key": r["indicator"], "label": r["shown_label"],
            "value": value_text(r["value"] / factor, shown_unit, r["qualifier"], signed=signed)
            + (" " + r["marks"] if r["marks"] else ""),
            "period": r["period_label"], "doc": r["doc"], "source": citation(r["doc"], sources),
            "quote": r["quote"], "wording": r["wording"], "marks": r["marks"]})
    return out


def leaders(df: pd.DataFrame, regions, keys=None) -> list[dict]:
    """The first screen's answer: for each lead key with figures, the regions ranked (highest
    first) with value, period and marks: [{key, label, ranking: [(region, text, period)], mixed}].
    The same figures as :func:`compare_data` picks, for all keys in one pass."""
    keys = list(keys or groups().lead)
    rows = select(df, keys, regions)
    if rows.empty:
        return []
    pick = cmp.annotate(latest_by(rows, ["indicator", "region"]))
    out = []
    for key in keys:
        sub = pick[pick["indicator"] == key]
        if sub.empty:
            continue
        unit, factor = display_unit(sub)
        sub = sub.sort_values("value", ascending=False, kind="stable")
        out.append({"key": key, "label": label(key),
                    "ranking": [(region_label(r["region"]), bar_text(r, unit, factor, period=False), r["period_label"])
                                for r in sub.to_dict("records")],
                    "mixed": sub["period"].fillna("").nunique() > 1})
    return out


# ------------------------------------------------------------------ 特色做法
def theme_heatmap(matrix: pd.DataFrame, docs=(), title: str = "特色做法:各地提到的举措", sources=None) -> go.Figure:
    """Region × named initiative: how often each region's texts name it (0 = not named)."""
    if matrix is None or matrix.empty:
        return empty_figure(title)
    regions = [region_label(r) for r in matrix.index]
    fig = go.Figure(go.Heatmap(
        z=matrix.values.tolist(), x=list(matrix.columns), y=regions, colorscale="Blues", zmin=0,
        text=[[str(v) if v else "" for v in row] for row in matrix.values.tolist()], texttemplate="%{text}",
        hovertemplate="%{y} · %{x}: %{z} 次<extra></extra>", xgap=2, ygap=2,
        colorbar={"title": "次数", "tickformat": "d", "dtick": max(1, math.ceil(float(matrix.values.max()) / 5))},
    ))
    fig.update_xaxes(tickangle=-40, side="bottom")
    fig.update_yaxes(autorange="reversed")
    sub = f"单位:提及次数 · {len(matrix.columns)} 项被提及最多的举措 × {len(regions)} 个地区 · 点击格子查看原句"
    height = max(460, 330 + 40 * len(regions))
    fig = _layout(fig, title, sub, source_text(docs, sources), height=height)
    # the slanted initiative names need room: the source line goes below them
    fig.update_layout(margin={"b": 230})
    fig.layout.annotations[-1].update(y=0, yshift=-200, yanchor="top")
    return fig


def keyword_bars(keywords: pd.DataFrame, regions=None, top: int = 8,
                 title: str = "特色关键词:各地相对其他地区突出的词", region_colors: dict | None = None) -> go.Figure:
    """Per region, its most distinctive words (TF-IDF against the other regions), side by side, in
    the regions' colours (``region_colors``: {region: colour}, a store's; others by its rule)."""
    from plotly.subplots import make_subplots

    kw = keywords if regions is None else keywords[keywords["region"].isin(list(regions))]
    kw = kw[kw["rank"] <= top]
    if kw.empty:
        return empty_figure(title)
    names = sorted(kw["region"].unique())
    palette = colors.table(pd.DataFrame({"region": names, "level": "", "doc": names}), region_colors)
    cols = min(3, len(names))
    nrows = math.ceil(len(names) / cols)
    height = max(400, 80 + 300 * nrows)
    fig = make_subplots(rows=nrows, cols=cols, subplot_titles=[region_label(n) for n in names],
                        horizontal_spacing=0.16, vertical_spacing=min(0.3, 110 / height) if nrows > 1 else 0.1)
    for ann in fig.layout.annotations:  # the region's name sits above its panel, clear of the ticks
        ann.update(yshift=8, font={"size": 15, "color": "#222"})
    for i, name in enumerate(names):
        sub = kw[kw["region"] == name].sort_values("score")
        fig.add_trace(go.Bar(x=sub["score"].tolist(), y=sub["keyword"].tolist(), orientation="h",
                             marker_color=palette[name], name=region_label(name),
                             customdata=sub["count"].tolist(),
                             hovertemplate="%{y}: TF-IDF %{x:.1f}, 出现 %{customdata} 次<extra></extra>"),
                      row=i // cols + 1, col=i % cols + 1)
    fig.update_layout(showlegend=False)
    sub = "单位:TF-IDF 得分(词在本地区文本中的频率 × 在其他地区的稀有程度) · jieba 分词"
    fig = _layout(fig, title, sub, "来源:各地区的新闻稿正文(导航、版权等文字已剔除)", height=height)
    fig.update_layout(margin={"t": 130})  # the first row's region names below the subtitle, not over it
    return fig
