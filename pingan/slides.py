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
from . import comparable as cmp
from .groups import groups

FONT_LATIN = "Arial"
FONT_EA = "Microsoft YaHei"          # 微软雅黑: on every Chinese Windows and WPS; LibreOffice substitutes a CJK sans
TABLE_ROWS_PER_SLIDE = 12
_W, _H = 13.333, 7.5                  # 16:9, inches
_CHART_TOP, _CHART_BOTTOM = 1.75, 0.75  # the chart fills the slide between the subtitle and the source lines


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
def _frame(prs, title: str, subtitle: str, source: str, note: str = ""):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, 0.5, 0.3, _W - 1, 0.7, title, 26, bold=True)
    _text(slide, 0.5, 0.95, _W - 1, 0.7, subtitle + (f"\n{note}" if note else ""), 12, color="555555")
    _text(slide, 0.5, _H - 0.6, _W - 1, 0.45, source, 10, color="666666")
    return slide


def _notes(parts) -> str:
    """A slide's note line: the parts the chart footer prints one per line, here side by side."""
    return " · ".join(p for p in parts if p)


def _source(docs, sources=None, extra: str = "") -> str:
    return charts.source_text(docs, sources) + (f" · {extra}" if extra else "")


def _label_points(points, texts, size: float = 11, upright: bool = False) -> None:
    """Each data label is the dashboard's own text (value, unit, period, marks), so a slide reads
    exactly like the chart on screen. ``upright`` turns the labels of narrow columns a quarter
    turn, as on the dashboard, so neighbours do not print over each other."""
    from pptx.oxml.ns import qn

    for point, text in zip(points, texts):
        if not text:
            continue
        tf = point.data_label.text_frame
        tf.text = ""
        run = tf.paragraphs[0].add_run()
        run.text = text
        _style(run.font, size, color="222222")
        if upright:
            tf._txBody.find(qn("a:bodyPr")).set("rot", "-5400000")


def _color(chart_series, hex_color: str) -> None:
    from pptx.dml.color import RGBColor

    fill = chart_series.format.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(hex_color.lstrip("#"))


# ------------------------------------------------------------------ slides
def _compare_slide(prs, df, indicator, regions, shown, sources=None):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Inches

    if indicator in groups().by_wording:
        return _wording_slide(prs, df, indicator, regions, shown, sources)
    pick, unit, factor = charts.compare_data(df, indicator, regions)
    if pick.empty:
        return None
    names = [charts.region_label(r) for r in pick["region"]]
    values = [float(v) / factor for v in pick["value"]]
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = names
    data.add_series(charts.label(indicator), values)
    missing = charts.missing_regions(df, [indicator], regions) if regions else []
    start, start_note = charts.axis_start(values, unit)
    sub = f"单位:{unit or '—'} · 时期:{charts.period_text(pick['period'])} · {charts.MARKS_NOTE}"
    note = _notes([cmp.wording_note(pick), *cmp.notes(pick), start_note])
    slide = _frame(prs, f"{charts.label(indicator)}:地区对比", sub,
                   _source(pick["doc"], sources, charts.missing_note(missing)), note)
    gf = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.6), Inches(_CHART_TOP), Inches(_W - 1.2),
                                Inches(_H - _CHART_TOP - _CHART_BOTTOM), data)
    chart = gf.chart
    chart.has_legend = False
    _chart_fonts(chart)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = True
    plot.has_data_labels = True
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    points = plot.series[0].points
    _label_points(points, [charts.bar_text(r, unit, factor) for r in pick.to_dict("records")])
    for i, point in enumerate(points):
        _color(point, pick["color"].iloc[i])
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.minimum_scale = start
    if unit == "%" and max(values) <= 100:
        chart.value_axis.maximum_scale = 100
    else:  # room for the labels past the longest bar
        chart.value_axis.maximum_scale = max(values) * 1.3
    shown.append(pick)
    return slide


def _wording_slide(prs, df, indicator, regions, shown, sources=None):
    """Surveys of different subjects (satisfaction_other): a table by subject, never one chart."""
    from pptx.util import Inches

    table = charts.wording_table(df, indicator, regions, sources)
    if table.empty:
        return None
    rows = cmp.annotate(charts.select(df, [indicator], regions))
    slide = _frame(prs, f"{charts.label(indicator)}:按调查对象", "各地调查的对象不同(如网格工作、教育整顿),不作地区对比",
                   _source(rows["doc"], sources), _notes(cmp.notes(rows)))
    _table(slide, [list(table.columns)] + table.astype(str).values.tolist(), [2.6, 1.8, 1.1, 1.1, 2.9, 2.8])
    shown.append(rows)
    return slide


def _grouped_slide(prs, df, keys, regions, shown, *, title, unit_text, longest, chart_type, percent=False,
                   sources=None, spans=None):
    """One bar group per category, one series per region. ``spans`` True/False keeps only the
    changes over several years / within one year, so the two never share a slide."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    cats, grouped = charts.grouped_data(df, keys, regions, longest=longest)
    if spans is not None:
        grouped = [(name, [(c, r) for c, r in picks if bool(r["span"]) == spans]) for name, picks in grouped]
        grouped = [(name, picks) for name, picks in grouped if picks]
        kept = {c for _, picks in grouped for c, _ in picks}
        cats = [c for c in cats if c in kept]
    if not grouped:
        return None
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = cats
    used = charts.group_rows(grouped)
    common = charts.reference_period(used)
    labels = []
    for name, picks in grouped:
        by_cat = dict(picks)
        data.add_series(name, [float(by_cat[c]["value"]) if c in by_cat else None for c in cats])
        texts = []
        for c in cats:
            r = by_cat.get(c)
            if r is None:
                texts.append("")
                continue
            text = charts.value_text(r["value"], "%" if percent else "", r["qualifier"], signed=percent)
            if percent or (r["period"] or "") != common:
                text += f" ({r['period_label']})"
            texts.append(text + (" " + r["marks"] if r["marks"] else ""))
        labels.append(texts)
    missing = charts.missing_regions(df, keys, regions) if regions else []
    period = charts.period_text(used["period"]) if percent else f"{common or cmp.NO_PERIOD}(其他时期的数字标出时期)"
    has_span = used["span"].any() and percent
    note = _notes(["多年变化按所述年份标出,不与同比数字并列比较" if has_span else "",
                         "累计数与单年数不可直接比较" if not percent and (used["period"].fillna("") != common).any()
                         else "", *cmp.notes(used)])
    slide = _frame(prs, title, f"单位:{unit_text} · 时期:{period}", _source(used["doc"], sources,
                                                                         charts.missing_note(missing)), note)
    plot = _series_chart(slide, chart_type, data)
    for series, texts in zip(plot.series, labels):
        _label_points(series.points, texts, size=10, upright=not percent)
    if not percent:  # headroom for the upright labels
        top = max((float(r["value"]) for _, picks in grouped for _, r in picks), default=1) or 1
        axis = slide.shapes[-1].chart.value_axis
        axis.minimum_scale, axis.maximum_scale = 0, top * 1.6
    for (name, picks), series in zip(grouped, plot.series):
        _color(series, picks[0][1]["color"])
    # category names below the plot, never over bars that go below zero
    slide.shapes[-1].chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    plot.gap_width = 80
    plot.overlap = -10
    shown.append(used)
    return slide


def _series_chart(slide, chart_type, data):
    """A full-width chart with one series per region, legend on top, data labels: its plot."""
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Inches

    chart = slide.shapes.add_chart(chart_type, Inches(0.6), Inches(_CHART_TOP), Inches(_W - 1.2),
                                   Inches(_H - _CHART_TOP - _CHART_BOTTOM), data).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    _chart_fonts(chart)
    plot = chart.plots[0]
    plot.has_data_labels = True
    return plot


def _period_slide(prs, df, indicator, regions, shown, sources=None):
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
    used, labels = [], []
    for name, sub in series:
        sub = cmp.annotate(sub)
        by_period = {r["period"]: r for r in sub.to_dict("records")}
        data.add_series(name, [float(by_period[p]["value"]) / factor if p in by_period else None for p in periods])
        labels.append([charts.bar_text(by_period[p], unit, factor, period=False) if p in by_period else ""
                       for p in periods])
        used.append(sub)
    used = pd.concat(used)
    slide = _frame(prs, f"{charts.label(indicator)}:分时期", f"单位:{unit or '—'} · 时期:{charts.period_text(periods)}",
                   _source(used["doc"], sources), _notes([cmp.wording_note(used), *cmp.notes(used)]))
    plot = _series_chart(slide, XL_CHART_TYPE.LINE_MARKERS, data)
    for (name, sub), s, texts in zip(series, plot.series, labels):
        s.format.line.color.rgb = RGBColor.from_string(sub["color"].iloc[0].lstrip("#"))
        s.smooth = False
        _label_points(s.points, texts, size=10)
    shown.append(used)
    return slide


def _table(slide, cells, widths, top: float = 1.75):
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_table(len(cells), len(widths), Inches(0.5), Inches(top), Inches(sum(widths)),
                                   Inches(0.38 * len(cells)))
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = ""
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = str(value)
            _style(run.font, 10.5, bold=(i == 0), color="FFFFFF" if i == 0 else "222222")
            cell.margin_top = cell.margin_bottom = Pt(2)
    return table


TABLE_COLUMNS = ["地区", "指标", "数值", "单位", "时期", "口径", "来源"]


def _table_slides(prs, shown: pd.DataFrame, sources=None):
    widths = [1.7, 2.5, 1.3, 0.7, 1.1, 2.3, 2.73]
    recs = cmp.annotate(shown.drop(columns=[c for c in cmp.ANNOTATIONS if c in shown.columns]))
    recs = recs.sort_values(["region", "indicator", "period"], kind="stable")
    pages = [recs.iloc[i:i + TABLE_ROWS_PER_SLIDE] for i in range(0, len(recs), TABLE_ROWS_PER_SLIDE)] or [recs]
    for n, page in enumerate(pages, 1):
        title = "附表:简报中的全部数字" + (f"({n}/{len(pages)})" if len(pages) > 1 else "")
        slide = _frame(prs, title, "每个数字均可在所注来源中找到原句 · " + charts.MARKS_NOTE, _source(page["doc"], sources),
                       _notes(cmp.notes(page)))
        cells = [TABLE_COLUMNS] + [
            [charts.region_label(r["region"]) + (cmp.MARK_INFERRED if r["inferred"] else ""), r["shown_label"],
             charts.value_text(r["value"], "", r["qualifier"], signed=r["indicator"] in groups().changes)
             + (cmp.MARK_CORRECTED if r["corrected"] else ""), r["unit"] or "", r["period_label"],
             r["wording"], charts.citation(r["doc"], sources)] for r in page.to_dict("records")]
        _table(slide, cells, widths)


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
def build_deck(df: pd.DataFrame, regions=None, indicators=None, today: dt.date | None = None,
               sources: dict | None = None) -> bytes:
    """The .pptx bytes of a briefing for these regions (None: all with data) and indicators
    (None: the deck group of data/groups.toml that has data). Always adds the 扫黑除恶 totals,
    the changes (year on year, and over a span apart) and, where a region has several periods,
    the figures over time. ``sources`` maps a document to its citation (title · publisher · date)."""
    pptx = _pptx()
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    g = groups()
    today = today or dt.date.today()
    df = charts.colored(df)  # each region in its colour, as on the dashboard (a store's rows carry it)
    regions = list(regions) if regions else None
    have = set(charts.select(df, list(df["indicator"].dropna().unique()), regions)["indicator"])
    if indicators:
        indicators = list(indicators)
    else:
        indicators = [k for k in g.deck if k in have]
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Inches(_W), Inches(_H)
    docs_used = charts.select(df, list(have), regions)["doc"].nunique()
    _title_slide(prs, regions, indicators, today, docs_used)
    shown: list[pd.DataFrame] = []
    for key in indicators:
        if key in g.gang_counts or key in g.changes:
            continue  # drawn on the grouped slides below
        _compare_slide(prs, df, key, regions, shown, sources)
    asked_gang = [k for k in g.gang_counts if k in indicators]
    gang_keys = asked_gang or list(g.gang_counts)  # the totals side by side, or just the ones asked for
    _grouped_slide(prs, df, gang_keys, regions, shown, title="扫黑除恶战果:地区对比",
                   unit_text="个、人、起(件)", longest=True, chart_type=XL_CHART_TYPE.COLUMN_CLUSTERED, sources=sources)
    for spans, title in ((False, "同比变化:电诈立案与刑事案件"), (True, "多年变化:电诈立案与刑事案件")):
        _grouped_slide(prs, df, list(g.changes), regions, shown, title=title, unit_text="% (负值为下降)",
                       longest=False, chart_type=XL_CHART_TYPE.COLUMN_CLUSTERED, percent=True, sources=sources,
                       spans=spans)
    for key in dict.fromkeys(["fraud_cases"] + [k for k in indicators if k not in g.changes]):
        _period_slide(prs, df, key, regions, shown, sources)  # only where a region has several periods
    if shown:
        _table_slides(prs, pd.concat(shown).drop_duplicates(["doc", "start", "value_start", "indicator"]), sources)
    else:
        _frame(prs, "无数据", "所选地区和指标没有抽取到数字", charts.source_text([]))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
