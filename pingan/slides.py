"""Rows -> a briefing deck (PowerPoint) with native, editable charts.

One slide per chart, each with a Chinese title, its unit and period, and a
source line naming the documents; a title slide with the selection and date; a
table of every figure shown with its document at the end. The charts read the
same data as the dashboard's (``charts.compare_data`` / ``grouped_data`` /
``period_data``), so a number on a slide is the number on screen.

Every text run, and every chart's text, names an East Asian typeface (``a:ea``)
besides the Latin one, so Chinese renders in PowerPoint, WPS and LibreOffice
instead of falling back to boxes or a Latin font.
"""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from . import charts

FONT_LATIN = "Arial"
FONT_EA = "Microsoft YaHei"          # 微软雅黑: on every Chinese Windows and WPS; LibreOffice substitutes a CJK sans
TABLE_ROWS_PER_SLIDE = 12
DEFAULT_INDICATORS = ["safety_sense", "satisfaction_pingan", "satisfaction_law_enforcement",
                      "satisfaction_public_order", "satisfaction_anti_gang", "gang_assets", "fraud_cases",
                      "fraud_recovered", "elder_fraud_cases", "criminal_cases", "disputes_handled",
                      "dispute_resolution_rate"]
_W, _H = 13.333, 7.5                  # 16:9, inches


def _pptx():
    import pptx  # loaded on first use: the extraction path never needs it

    return pptx


# ------------------------------------------------------------------ fonts
def _set_ea(rpr, typeface: str = FONT_EA) -> None:
    """Give a run's (or a chart's default) properties an East Asian and complex-script typeface."""
    from pptx.oxml.ns import qn

    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            # schema order: ln, fills, effects, highlight, uLnTx.., latin, ea, cs, sym, hlinkClick...
            latin = rpr.find(qn("a:latin"))
            if latin is not None:
                latin.addnext(el) if tag == "a:ea" else rpr.find(qn("a:ea")).addnext(el)
            else:
                rpr.append(el)
        el.set("typeface", typeface)


def _style(font, size: float, bold: bool = False, color: str = "222222") -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    font.name = FONT_LATIN
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(color)
    _set_ea(font._rPr)


def _text(slide, x, y, w, h, text: str, size: float, bold=False, color="222222", align=None):
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    tf = box.text_frame
    tf.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if align is not None:
            p.alignment = align
        run = p.add_run()
        run.text = line
        _style(run.font, size, bold, color)
    return box


def _chart_fonts(chart, size: float = 12) -> None:
    """Axis labels, legend and data labels: the chart's default text properties. The slide
    title says what the chart is, so the chart has no title of its own."""
    chart.has_title = False
    chart.font.size = _pptx().util.Pt(size)
    chart.font.name = FONT_LATIN
    _set_ea(chart.font._rPr)


# ------------------------------------------------------------------ slide furniture
def _frame(prs, title: str, subtitle: str, source: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, 0.5, 0.3, _W - 1, 0.7, title, 26, bold=True)
    _text(slide, 0.5, 0.95, _W - 1, 0.45, subtitle, 13, color="555555")
    _text(slide, 0.5, _H - 0.6, _W - 1, 0.45, source, 10, color="666666")
    return slide


def _source(docs, extra: str = "") -> str:
    return charts.source_text(docs) + (f" · {extra}" if extra else "")


def _color(chart_series, hex_color: str) -> None:
    from pptx.dml.color import RGBColor

    fill = chart_series.format.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(hex_color.lstrip("#"))


# ------------------------------------------------------------------ slides
def _compare_slide(prs, df, indicator, regions, colors, shown):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Inches

    pick, unit, factor = charts.compare_data(df, indicator, regions)
    if pick.empty:
        return None
    names = [charts.region_label(r) for r in pick["region"]]
    values = [float(v) / factor for v in pick["value"]]
    data = CategoryChartData(number_format="#,##0.##")
    mixed = pick["period"].fillna("").nunique() > 1  # then each bar says its period
    data.categories = [f"{n} ({p or '时期未注明'})" if mixed else n for n, p in zip(names, pick["period"].fillna(""))]
    data.add_series(charts.label(indicator), values)
    missing = [r for r in (regions or []) if r not in set(pick["region"])]
    sub = f"单位:{unit or '—'} · 时期:{charts.period_text(pick['period'])}"
    if (pick["qualifier"] != "exact").any():
        sub += " · 原文为“以上/余/约”的数字按所述数值绘制"
    slide = _frame(prs, f"{charts.label(indicator)}:地区对比", sub,
                   _source(pick["doc"], ("无数据:" + "、".join(missing)) if missing else ""))
    height = min(_H - 2.3, 0.9 + 0.45 * len(names))
    gf = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.6), Inches(1.5), Inches(_W - 1.2),
                                Inches(max(2.5, height)), data)
    chart = gf.chart
    chart.has_legend = False
    _chart_fonts(chart)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = True
    plot.has_data_labels = True
    plot.data_labels.number_format = "#,##0.##"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    for i, point in enumerate(plot.series[0].points):
        _color(point, colors.get(names[i], charts.PALETTE[0]))
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.minimum_scale = 0
    if unit == "%" and max(values) <= 100:
        chart.value_axis.maximum_scale = 100
    shown.append(pick)
    return slide


def _grouped_slide(prs, df, keys, regions, colors, shown, *, title, unit_text, longest, chart_type, percent=False):
    from pptx.chart.data import CategoryChartData

    present, groups = charts.grouped_data(df, keys, regions, longest=longest)
    if not groups:
        return None
    data = CategoryChartData(number_format='+0.0"%";-0.0"%"' if percent else "#,##0")
    data.categories = [charts.label(k) for k in present]
    used = []
    for name, picks in groups:
        by_key = {k: r for k, r in picks}
        data.add_series(name, [float(by_key[k]["value"]) if k in by_key else None for k in present])
        used.extend(r for _, r in picks)
    used = pd.DataFrame(used)
    slide = _frame(prs, title, f"单位:{unit_text} · 时期:{charts.period_text(used['period'])}",
                   _source(used["doc"]))
    plot = _series_chart(slide, chart_type, data)
    plot.data_labels.number_format_is_linked = True
    for (name, _), series in zip(groups, plot.series):
        _color(series, colors.get(name, charts.PALETTE[0]))
    shown.append(used)
    return slide


def _series_chart(slide, chart_type, data):
    """A full-width chart with one series per region, legend on top, data labels: its plot."""
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Inches

    chart = slide.shapes.add_chart(chart_type, Inches(0.6), Inches(1.5), Inches(_W - 1.2), Inches(_H - 2.3),
                                   data).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    _chart_fonts(chart)
    plot = chart.plots[0]
    plot.has_data_labels = True
    return plot


def _period_slide(prs, df, indicator, regions, colors, shown):
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE

    rows, series, unit, factor = charts.period_data(df, indicator, regions)
    if rows.empty or not any(len(sub) > 1 for _, sub in series):
        return None
    ends = rows.drop_duplicates("period").sort_values(["period_end", "period_start"])
    periods = list(ends["period"])
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = periods
    used = []
    for name, sub in series:
        by_period = dict(zip(sub["period"], sub["value"]))
        data.add_series(name, [float(by_period[p]) / factor if p in by_period else None for p in periods])
        used.append(sub)
    used = pd.concat(used)
    slide = _frame(prs, f"{charts.label(indicator)}:分时期", f"单位:{unit or '—'} · 时期:{charts.period_text(periods)}",
                   _source(used["doc"]))
    plot = _series_chart(slide, XL_CHART_TYPE.LINE_MARKERS, data)
    for (name, _), s in zip(series, plot.series):
        s.format.line.color.rgb = RGBColor.from_string(colors.get(name, charts.PALETTE[0]).lstrip("#"))
        s.smooth = False
    shown.append(used)
    return slide


def _table_slides(prs, shown: pd.DataFrame):
    from pptx.util import Inches, Pt

    cols = ["地区", "指标", "数值", "单位", "时期", "文档"]
    widths = [1.8, 3.0, 1.7, 0.9, 1.2, 3.73]
    recs = shown.sort_values(["region", "indicator", "period"], kind="stable")
    pages = [recs.iloc[i:i + TABLE_ROWS_PER_SLIDE] for i in range(0, len(recs), TABLE_ROWS_PER_SLIDE)] or [recs]
    for n, page in enumerate(pages, 1):
        title = "附表:简报中的全部数字" + (f"({n}/{len(pages)})" if len(pages) > 1 else "")
        slide = _frame(prs, title, "每个数字均可在所注文档中找到原句 · ≥ 为“以上/余”, ≈ 为“约/近”",
                       _source(page["doc"]))
        shape = slide.shapes.add_table(len(page) + 1, len(cols), Inches(0.5), Inches(1.5), Inches(sum(widths)),
                                       Inches(0.38 * (len(page) + 1)))
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Inches(w)
        cells = [cols] + [[charts.region_label(r.region), charts.label(r.indicator),
                           charts.QUALIFIER_MARK.get(r.qualifier, "") + charts.fmt(r.value), r.unit or "",
                           r.period or "未注明", r.doc] for r in page.itertuples()]
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text = ""
                run = cell.text_frame.paragraphs[0].add_run()
                run.text = str(value)
                _style(run.font, 11, bold=(i == 0), color="FFFFFF" if i == 0 else "222222")
                cell.margin_top = cell.margin_bottom = Pt(2)


def _title_slide(prs, regions, indicators, today, n_docs):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, 0.8, 2.0, _W - 1.6, 1.0, "平安建设指标:地区对比简报", 36, bold=True)
    who = "、".join(regions) if regions else "全部地区"
    what = "、".join(charts.label(k) for k in indicators) if indicators else "主要指标"
    _text(slide, 0.8, 3.2, _W - 1.6, 1.6, f"地区:{who}\n指标:{what}\n日期:{today:%Y年%m月%d日}", 16,
          color="333333")
    _text(slide, 0.8, _H - 0.9, _W - 1.6, 0.5,
          f"来源:{n_docs} 篇新闻稿,由 pingan 抽取;每个数字附原文出处(见附表)", 11, color="666666")
    return slide


# ------------------------------------------------------------------ public
def build_deck(df: pd.DataFrame, regions=None, indicators=None, today: dt.date | None = None) -> bytes:
    """The .pptx bytes of a briefing for these regions (None: all with data) and indicators
    (None: the headline comparisons that have data). Always adds the 扫黑除恶 totals, the
    year-on-year changes and, where a region has several periods, the fraud cases over time."""
    pptx = _pptx()
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    today = today or dt.date.today()
    regions = list(regions) if regions else None
    have = set(charts._select(df, list(df["indicator"].dropna().unique()), regions)["indicator"])
    if indicators:
        indicators = list(indicators)
    else:
        indicators = [k for k in DEFAULT_INDICATORS if k in have]
    colors = charts.region_colors(df["region"])
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Inches(_W), Inches(_H)
    docs_used = charts._select(df, list(have), regions)["doc"].nunique()
    _title_slide(prs, regions, indicators, today, docs_used)
    shown: list[pd.DataFrame] = []
    for key in indicators:
        if key in charts.GANG_COUNT_KEYS or key in charts.CHANGE_KEYS:
            continue  # drawn on the grouped slides below
        _compare_slide(prs, df, key, regions, colors, shown)
    asked_gang = [k for k in charts.GANG_COUNT_KEYS if k in indicators]
    gang_keys = asked_gang or charts.GANG_COUNT_KEYS  # the totals side by side, or just the ones asked for
    _grouped_slide(prs, df, gang_keys, regions, colors, shown, title="扫黑除恶战果:地区对比",
                   unit_text="个、人、起(件)", longest=True, chart_type=XL_CHART_TYPE.COLUMN_CLUSTERED)
    _grouped_slide(prs, df, charts.CHANGE_KEYS, regions, colors, shown, title="同比变化:电诈立案与刑事案件",
                   unit_text="% (负值为下降)", longest=False, chart_type=XL_CHART_TYPE.COLUMN_CLUSTERED,
                   percent=True)
    for key in dict.fromkeys(["fraud_cases"] + [k for k in indicators if k not in charts.CHANGE_KEYS]):
        _period_slide(prs, df, key, regions, colors, shown)  # only where a region has several periods
    if shown:
        _table_slides(prs, pd.concat(shown).drop_duplicates(["doc", "start", "value_start", "indicator"]))
    else:
        _frame(prs, "无数据", "所选地区和指标没有抽取到数字", charts.source_text([]))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
