"""The briefing deck: native charts whose numbers are the selected rows, a source line on every
slide, East Asian fonts on every run, and (when LibreOffice is installed) pages that render."""
import datetime as dt
import io
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from pingan import charts, colors
from pingan.groups import groups
from pingan.slides import build_deck
from tests.conftest import ROOT

REGIONS = ["六安市", "宿州市", "玉林市", "大理白族自治州"]


@pytest.fixture(scope="module")
def deck(seeds_df):
    data = build_deck(seeds_df, REGIONS, None, today=dt.date(2026, 11, 22))
    return data, Presentation(io.BytesIO(data))


def texts(slide) -> list[str]:
    return [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]


def title(slide) -> str:
    return texts(slide)[0]


def chart_slides(prs):
    return [(s, sh.chart) for s in prs.slides for sh in s.shapes if sh.has_chart]


def latest(df, key, regions):
    rows = df[(df["indicator"] == key) & df["value"].notna() & df["region"].isin(regions)]
    return charts.latest_per_region(rows, longest=key.startswith("gang_"))


def test_title_slide_names_selection_and_date(deck):
    _, prs = deck
    body = "\n".join(texts(prs.slides[0]))
    assert "地区:六安市、宿州市、玉林市、大理白族自治州" in body
    assert "2026年11月22日" in body
    assert "群众安全感" in body


def test_comparison_charts_hold_exactly_the_selected_rows(deck, seeds_df):
    _, prs = deck
    by_label = {charts.label(k): k for k in seeds_df["indicator"].unique()}
    checked = 0
    for slide, chart in chart_slides(prs):
        head = title(slide)
        if not head.endswith(":地区对比") or head.startswith("扫黑除恶战果"):
            continue
        key = by_label[head.removesuffix(":地区对比")]
        rows = latest(seeds_df, key, REGIONS)
        factor = 1e8 if key == "gang_assets" else 1.0
        expected = {r.region: r.value / factor for r in rows.itertuples()}
        plot = chart.plots[0]
        got = dict(zip(plot.categories, plot.series[0].values))
        assert got == pytest.approx(expected), head
        # every bar says its period, as on the dashboard
        labels = dict(zip(plot.categories, (p.data_label.text_frame.text for p in plot.series[0].points)))
        for r in rows.itertuples():
            assert f"({r.period or '时期未注明'})" in labels[r.region], (head, labels)
        checked += 1
    assert checked >= 5  # 群众安全感, 执法满意度, 涉案资产, ... on the seeds


def test_safety_sense_slide_values(deck):
    """A known figure: 六安市 群众安全感 97.51% (2022H1) in seed 000."""
    _, prs = deck
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "群众安全感:地区对比")
    got = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values))
    assert got["六安市"] == pytest.approx(97.51)
    labels = dict(zip(chart.plots[0].categories, (p.data_label.text_frame.text for p in chart.plots[0].series[0].points)))
    assert labels["六安市"] == "97.51% (2022H1)"                       # the dashboard's label, with % and period
    assert "单位:%" in texts(slide)[1]
    assert chart.value_axis.maximum_scale == 100


def test_gang_totals_side_by_side(deck, seeds_df):
    _, prs = deck
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "扫黑除恶战果:地区对比")
    plot = chart.plots[0]
    cats = list(plot.categories)
    keys = [k for k in groups().gang_counts if charts.label(k) in cats]
    assert cats == [charts.label(k) for k in keys]
    for series in plot.series:
        for key, value in zip(keys, series.values):
            rows = latest(seeds_df, key, [series.name])
            if rows.empty:
                assert value is None
            else:
                assert value == pytest.approx(rows.iloc[0]["value"]), (series.name, key)
    assert {s.name for s in plot.series} <= set(REGIONS)
    assert "六安市" in {s.name for s in plot.series}


def test_trend_chart_when_a_region_has_several_periods(seeds_df):
    """Two periods of fraud cases for one region give a line chart with both points."""
    extra = seeds_df.iloc[:2].copy()
    extra[["region", "indicator", "value", "unit", "period", "period_start", "period_end", "doc"]] = [
        ["六安市", "fraud_cases", 1200.0, "起", "2021", 2021, 2021, "a.txt"],
        ["六安市", "fraud_cases", 900.0, "起", "2022", 2022, 2022, "b.txt"]]
    df = pd.concat([seeds_df, extra], ignore_index=True)
    prs = Presentation(io.BytesIO(build_deck(df, ["六安市"], ["fraud_cases"])))
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == charts.label("fraud_cases") + ":分时期")
    assert list(chart.plots[0].categories) == ["2021", "2022"]
    assert list(chart.plots[0].series[0].values) == [1200.0, 900.0]
    assert any("a.txt" in t and "b.txt" in t for t in texts(slide))


def test_change_chart_is_signed_and_keeps_spans_apart(seeds_df):
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    rows = seeds_df[seeds_df["indicator"].isin(groups().changes) & (seeds_df["region"] != "")]
    assert not rows.empty
    regions = sorted(rows["region"].unique())
    prs = Presentation(io.BytesIO(build_deck(seeds_df, regions)))
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s).startswith("同比变化"))
    cats = list(chart.plots[0].categories)
    # 淄博's ten-year change is not 同比: it is on its own slide, labelled by its span
    assert "刑事案件立案数同比变化" in cats and not any("2012–2022" in c for c in cats)
    by_series = {s.name: dict(zip(cats, s.values)) for s in chart.plots[0].series}
    assert "淄博市" not in by_series
    assert by_series["安康市"]["刑事案件立案数同比变化"] == pytest.approx(-16.75)
    labels = {s.name: [p.data_label.text_frame.text for p in s.points] for s in chart.plots[0].series}
    assert "−16.75% (2022)" in labels["安康市"]                        # not −16.8, and with its %
    span_slide, span_chart = next((s, c) for s, c in chart_slides(prs) if title(s).startswith("多年变化"))
    assert list(span_chart.plots[0].categories) == ["刑事案件立案数 2012–2022 变化"]
    assert [(s.name, list(s.values)) for s in span_chart.plots[0].series] == [("淄博市", [pytest.approx(-36.01)])]
    assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
    assert any(v < 0 for s in chart.plots[0].series for v in s.values if v is not None)


def test_every_slide_has_its_source_line(deck):
    _, prs = deck
    for i, slide in enumerate(prs.slides):
        assert any(t.startswith("来源") for t in texts(slide)), f"slide {i + 1}: {texts(slide)}"


def test_table_lists_every_figure_shown_with_its_document(deck, seeds_df):
    _, prs = deck
    table_rows = []
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_table:
                table_rows += [[c.text for c in r.cells] for r in list(sh.table.rows)[1:]]
    assert table_rows
    docs = set(seeds_df["doc"])
    assert all(r[6] in docs for r in table_rows)                      # no title known: the document's name
    assert all(r[0].rstrip("※") in REGIONS for r in table_rows)
    # every value on a comparison chart is in the table
    for slide, chart in chart_slides(prs):
        if title(slide) == "群众安全感:地区对比":
            for cat, value in zip(chart.plots[0].categories, chart.plots[0].series[0].values):
                region = cat
                assert [region, "群众安全感", charts.fmt(value)] in [r[:3] for r in table_rows] or \
                       any(r[0] == region and r[1] == "群众安全感" and r[2].endswith(charts.fmt(value))
                           for r in table_rows)


def test_every_text_run_names_an_east_asian_font(deck):
    data, prs = deck
    runs = 0
    for slide in prs.slides:
        for sh in slide.shapes:
            frames = [sh.text_frame] if sh.has_text_frame else []
            if sh.has_table:
                frames += [c.text_frame for r in sh.table.rows for c in r.cells]
            for tf in frames:
                for p in tf.paragraphs:
                    for r in p.runs:
                        ea = r.font._rPr.find(qn("a:ea"))
                        assert ea is not None and ea.get("typeface"), r.text
                        runs += 1
            if sh.has_chart:
                defrpr = sh.chart.font._rPr
                assert defrpr.find(qn("a:ea")) is not None
    assert runs > 50


def test_unselected_region_never_appears(seeds_df):
    prs = Presentation(io.BytesIO(build_deck(seeds_df, ["六安市"])))
    n = 0
    for slide, chart in chart_slides(prs):
        plot = chart.plots[0]
        if title(slide).endswith(":地区对比") and len(plot.series) == 1 and not title(slide).startswith("扫黑"):
            assert list(plot.categories) == ["六安市"], title(slide)
        else:
            assert [s.name for s in plot.series] == ["六安市"], title(slide)
        n += 1
    assert n >= 3


def test_empty_selection_still_gives_a_deck(seeds_df):
    prs = Presentation(io.BytesIO(build_deck(seeds_df.iloc[0:0], ["六安市"])))
    assert len(prs.slides) == 2
    assert "无数据" in title(prs.slides[1])


def test_deck_colours_are_the_dashboards(deck, seeds_df):
    """One region, one colour: the deck's bars are filled with the colour the charts draw it in."""
    _, prs = deck
    shown = colors.of(seeds_df)
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "群众安全感:地区对比")
    bars = dict(zip(charts.compare_bar(seeds_df, "safety_sense", REGIONS).data[0].y,
                    charts.compare_bar(seeds_df, "safety_sense", REGIONS).data[0].marker.color))
    for cat, point in zip(chart.plots[0].categories, chart.plots[0].series[0].points):
        assert "#" + str(point.format.fill.fore_color.rgb).lower() == bars[cat].lower() == shown[cat].lower()
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "扫黑除恶战果:地区对比")
    for series in chart.plots[0].series:
        assert "#" + str(series.format.fill.fore_color.rgb).lower() == shown[series.name].lower()


def test_deck_draws_a_stores_kept_colours(tmp_path):
    """The deck of a store's rows uses the colours the store keeps, as the dashboard does."""
    from pingan.store import Store

    with Store(tmp_path / "p.db") as store:
        store.ensure_seeds()
        rows, kept = store.rows(), store.region_colors()
    prs = Presentation(io.BytesIO(build_deck(rows, REGIONS, ["safety_sense"])))
    _, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "群众安全感:地区对比")
    for cat, point in zip(chart.plots[0].categories, chart.plots[0].series[0].points):
        assert "#" + str(point.format.fill.fore_color.rgb).lower() == kept[cat].lower()


def test_deck_marks_corrected_and_inferred_values_and_cites_sources(seeds_df):
    df = seeds_df.assign(corrected=False)
    df.loc[(df.region == "六安市") & (df.indicator == "safety_sense"), "corrected"] = True
    sources = {"000_1d0947e968c245ed.txt": "六安平安建设十年 · 六安市委政法委 · 2022-08-01"}
    prs = Presentation(io.BytesIO(build_deck(df, ["六安市", "云南省"], ["safety_sense"], sources=sources)))
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "群众安全感:地区对比")
    labels = dict(zip(chart.plots[0].categories, (p.data_label.text_frame.text for p in chart.plots[0].series[0].points)))
    assert labels["六安市"].endswith("✎") and labels["云南省"].endswith("※")
    body = "\n".join(texts(slide))
    assert "✎=人工校正" in body and "※=地区由上下文推断" in body and "口径:" in body
    assert "来源:六安平安建设十年 · 六安市委政法委 · 2022-08-01" in body


def test_other_satisfaction_is_a_table_not_a_chart(seeds_df):
    prs = Presentation(io.BytesIO(build_deck(seeds_df, ["淄博市", "庆阳市"], ["satisfaction_other"])))
    slide = next(s for s in prs.slides if title(s).startswith("其他满意度"))
    assert not any(sh.has_chart for sh in slide.shapes)
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    assert [c.text for c in table.rows[1].cells][:3] == ["政法队伍教育整顿", "庆阳市※", "95.47%"]


def test_comparison_chart_fills_the_slide(deck):
    _, prs = deck
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_chart:
                assert sh.height / prs.slide_height > 0.6, title(slide)


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pingan", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_cli_writes_the_same_deck(tmp_path):
    out = tmp_path / "briefing.pptx"
    db = tmp_path / "p.db"
    res = run_cli("slides", "--db", str(db), "--regions", "六安市,宿州市", "--indicators", "safety_sense",
                  "-o", str(out))
    assert res.returncode == 0, res.stderr
    prs = Presentation(str(out))
    titles = [title(s) for s in prs.slides]
    assert "群众安全感:地区对比" in titles
    assert "执法满意度:地区对比" not in titles


def test_cli_rejects_unknown_region_and_indicator(tmp_path):
    db = str(tmp_path / "p.db")
    res = run_cli("slides", "--db", db, "--regions", "火星市", "-o", str(tmp_path / "x.pptx"))
    assert res.returncode == 2 and "火星市" in res.stderr
    res = run_cli("slides", "--db", db, "--indicators", "happiness", "-o", str(tmp_path / "x.pptx"))
    assert res.returncode == 2 and "happiness" in res.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_dashboard_deck_is_the_selection(seeds_df):
    from pingan.app import _deck

    prs = Presentation(io.BytesIO(_deck(seeds_df, ["六安市", "宿州市"], "safety_sense", "全部时期")))
    titles = [title(s) for s in prs.slides]
    assert titles[1] == "群众安全感:地区对比"
    chart = next(c for s, c in chart_slides(prs) if title(s) == "群众安全感:地区对比")
    assert set(chart.plots[0].categories) == {"六安市", "宿州市"}


def test_libreoffice_renders_every_slide(deck, tmp_path):
    """Convert with LibreOffice headless and pdftoppm; the PNGs are kept in tmp for a look."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        if os.environ.get("CI"):
            pytest.fail("CI must install libreoffice-impress and poppler-utils (.ci/run)")
        pytest.skip("LibreOffice or pdftoppm not installed")
    data, prs = deck
    src = tmp_path / "briefing.pptx"
    src.write_bytes(data)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "briefing.pdf"
    assert pdf.exists()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(prs.slides)
    from PIL import Image

    for page in pages:
        img = Image.open(page).convert("L")
        lo, hi = img.getextrema()
        assert hi - lo > 100, f"{page.name} is blank"
    out = os.environ.get("PINGAN_ARTIFACTS")
    if out:
        shutil.copytree(tmp_path, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("lo"))


def test_gang_labels_stand_upright_above_a_zero_based_axis(deck):
    from pptx.oxml.ns import qn

    _, prs = deck
    slide, chart = next((s, c) for s, c in chart_slides(prs) if title(s) == "扫黑除恶战果:地区对比")
    assert chart.value_axis.minimum_scale == 0
    label = next(p.data_label for s in chart.plots[0].series for p in s.points if p.data_label.has_text_frame)
    assert label.text_frame._txBody.find(qn("a:bodyPr")).get("rot") == "-5400000"
