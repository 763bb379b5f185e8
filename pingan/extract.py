"""Normalised text -> rows: the figures, their indicator, region and period.

For every sentence the pipeline finds the figures (numbers.py), gives each one
its *subject* (the clause text before it, back to the previous figure), lets the
lexicon (indicators.py) name the indicator, and asks the article it stands in
(articles.py) whose figure it is. Rows follow ../shared/INDICATORS.md.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd
import regex

from .articles import Article, Scan, scope_markers, split_articles
from .indicators import lexicon
from .located import Located
from .normalise import normalize
from .numbers import Figure, find_figures
from .periods import UNKNOWN, Period, find_periods, publication_year

EXTRACTOR_VERSION = "1"

COLUMNS = ["doc", "region", "level", "indicator", "value", "unit", "qualifier", "period_start", "period_end",
           "period", "quote", "start", "end", "family", "attribution", "value_start", "value_end"]
DTYPES = {"doc": "string", "region": "string", "level": "string", "indicator": "string", "value": "float64",
          "unit": "string", "qualifier": "string", "period_start": "Int64", "period_end": "Int64",
          "period": "string", "quote": "string", "start": "int64", "end": "int64", "family": "string",
          "attribution": "string", "value_start": "int64", "value_end": "int64"}

# The pieces between separators (a sentence, a clause, a paragraph), as runs of the other characters:
# one match per piece, in a plain `re` class, which scans faster than regex.
_SENTENCE = re.compile(r"[^。!?\n]+")
_CLAUSE = re.compile(r"[^,;:]+")
_PARAGRAPH = re.compile(r"[^\n]+")
_ENUM_START = regex.compile(r"(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|[(（]?[一二三四五六七八九十\d]+[)）、.])")
_CONJ = regex.compile(r"[和及与、]")
_HEAD_ONLY = regex.compile(r"^[、,和及与]*(?:犯罪)?(?P<head>团伙|集团|组织)$")
_HEADS = regex.compile(r"(?:犯罪)?(?:团伙|集团|组织|案件)$")
_TO_LEVEL = regex.compile(r"^(?:下降|降|减少|增|增加|上升|提高|提升|升)?(?:至|到)(?:(?:19|20)\d{2}年(?:底|末)?的?)?$")
_FILLER = regex.compile(r"[\s,、;:]|同比|环比|较上年|较去年|与上年相比|较(?:19|20)\d{2}年|与(?:19|20)\d{2}年相比|年均|分别|累计|共|全市|全省|全州|全区|全县|"
                        r"(?:19|20)\d{2}年度?|今年|去年")


@dataclass
class _Fig:
    fig: Figure
    key: str | None = None
    subject: str = ""
    value: float = 0.0
    clause: tuple = (0, 0)


def _spans(rx, text, start, end) -> list[tuple[int, int]]:
    """(s, e) of every piece of text[start:end] that rx matches: the text split at the separators,
    which are left out."""
    return [m.span() for m in rx.finditer(text, start, end)]


def extract_text(text: str, doc: str = "text") -> pd.DataFrame:
    """Rows for one press text (raw or normalised)."""
    norm = normalize(text) if text else ""
    return rows_to_frame(extract_rows(norm, doc))


def rows_to_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype(DTYPES)


@dataclass
class _Doc:
    """One normalised text and what was found in it by a single pass per pattern."""
    text: str
    name: str
    pub: int | None
    figures: Located      # Figure, by start
    periods: Located      # (position, Period)
    topics: dict          # topic -> Located of match starts
    scan: Scan            # scope words and named divisions
    topic_hits: Located   # (start, topic) of every topic word, all topics together

    @classmethod
    def of(cls, norm: str, name: str) -> "_Doc":
        lex = lexicon()
        pub = publication_year(norm)
        positions = lex.topic_positions(norm)
        topics = {t: Located(starts, starts) for t, starts in positions.items()}
        return cls(norm, name, pub,
                   Located.of(find_figures(norm), start=lambda f: f.start),
                   Located.of(find_periods(norm, 0, len(norm), pub)),
                   topics,
                   Scan(norm),
                   Located.of((s, t) for t, starts in positions.items() for s in starts))

    def topics_in(self, start: int, end: int) -> set:
        return {t for _, t in self.topic_hits.between(start, end)}


def extract_rows(norm: str, doc: str) -> list[dict]:
    """Rows for an already normalised text (offsets refer to it)."""
    if not norm.strip():
        return []
    d = _Doc.of(norm, doc)
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    trend_words = d.topics[lexicon().trend_topic]
    for art in split_articles(norm, d.scan):
        for ps, pe in _spans(_PARAGRAPH, norm, art.start, art.end):
            # a paragraph with no figure and no word of the trend's topic yields no row
            if d.figures.any_between(ps, pe) or trend_words.any_between(ps, pe):
                _paragraph(d, ps, pe, art, rows, seen)
    return rows


def _paragraph(d: _Doc, ps, pe, art, rows, seen):
    norm, lex = d.text, lexicon()
    para_period = None
    prev_topics: set = set()
    prev_had_figures = True
    for ss, se in _spans(_SENTENCE, norm, ps, pe):
        topics = d.topics_in(ss, se)
        if not prev_had_figures and not _ENUM_START.match(norm, ss, se):
            topics = topics | prev_topics  # a heading such as 一是深入开展扫黑除恶专项斗争。 sets the topic
        periods = d.periods.between(ss, se)
        if periods and para_period is None:
            para_period = periods[0][1]
        figs = d.figures.between(ss, se)
        prev_topics, prev_had_figures = topics, bool(figs)
        if lex.trend_topic in topics:
            _trend(norm, ss, se, art, periods, para_period, d.name, rows)
        if not figs or lex.anecdote.search(norm, ss, se):
            continue
        keyed = _classify(norm, ss, se, figs, topics, lex)
        for i, f in enumerate(keyed):
            if f.key is None:
                continue
            region, attribution = _region_of(d, ss, f, art)
            period = _period_before(periods, f.fig.start, para_period)
            ident = (region.name if region else "", f.key, round(f.value, 6), period.label)
            if ident in seen and seen[ident] != ss:
                continue  # the same figure stated again in another sentence
            seen.setdefault(ident, ss)
            cs, ce = f.clause
            rows.append({
                "doc": d.name, "region": region.name if region else "", "level": region.level if region else "",
                "indicator": f.key, "value": f.value, "unit": f.fig.unit, "qualifier": f.fig.qualifier,
                "period_start": period.start, "period_end": period.end, "period": period.label,
                "quote": norm[cs:ce], "start": cs, "end": ce, "family": lex.family(f.key),
                "attribution": attribution, "value_start": f.fig.num_start, "value_end": f.fig.end,
            })


def _classify(norm, ss, se, figs, topics, lex) -> list[_Fig]:
    out: list[_Fig] = []
    clauses = _spans(_CLAUSE, norm, ss, se)

    def clause_of(pos):
        for cs, ce in clauses:
            if cs <= pos < ce:
                return cs, ce
        return ss, se

    for i, fig in enumerate(figs):
        cs, ce = clause_of(fig.num_start)
        prev = out[-1] if out else None
        seg_start = cs
        if prev is not None and prev.fig.end > cs:
            seg_start = prev.fig.end
        subject = norm[seg_start:fig.start]
        after = norm[fig.end:ce]
        f = _Fig(fig, None, subject, fig.value, (cs, ce))
        out.append(f)
        # 49件86起, 52件183人: a figure glued to the previous one
        if prev is not None and prev.fig.end == fig.start:
            if prev.key:
                comp = lex.indicators.get(prev.key)
                if comp and fig.unit in comp.companions:
                    f.key = comp.companions[fig.unit]
            continue
        # 分别下降36.01%、85.7%: distribute the subjects over the listed figures
        dist = _distributive(norm, cs, fig, figs, i, out)
        if dist is not None:
            subject = dist
            f.subject = subject
        change = lex.change_sign(subject) if fig.unit == "%" else None
        if change is not None:
            sign, at = change
            base = subject[:at]
            m = lex.classify(base, "起", topics) or lex.classify(base, "件", topics)
            key = None
            if m is not None:
                key = lex.indicators[m.key].change_key
            elif prev is not None and prev.key and not _FILLER.sub("", base):
                ind = lex.indicators.get(prev.key)
                key = ind.change_key if ind else None
            if key:
                f.key, f.value = key, sign * fig.value
            continue
        m = lex.classify(subject, fig.unit, topics, after)
        if m is None and prev is not None and prev.key:
            stripped = subject.strip("、,和及与 ")
            if _HEAD_ONLY.match(subject) and prev.subject:
                # 涉恶犯罪集团296个、团伙508个: the elided modifier comes from the previous item
                stem = _HEADS.sub("", prev.subject)
                m = lex.classify(stem + stripped, fig.unit, topics, after)
            elif _TO_LEVEL.match(stripped) and fig.unit == prev.fig.unit:
                f.key = prev.key  # 从2012年的30万余起降至2021年的24万余起
                continue
        if m is not None:
            f.key = m.key
    return out


def _distributive(norm, cs, fig, figs, i, out) -> str | None:
    """For 'A和B分别下降x%、y%', the subject of the i-th listed figure: its own conjunct + verb."""
    # find the first figure of the 、-list this figure belongs to
    j = i
    while j > 0 and norm[figs[j - 1].end:figs[j].start] in ("、", "和", "及"):
        j -= 1
    head = figs[j]
    before = norm[cs:head.start]
    if "分别" not in before:
        return None
    k = i
    while k + 1 < len(figs) and norm[figs[k].end:figs[k + 1].start] in ("、", "和", "及"):
        k += 1
    n = k - j + 1
    subj, verb = before.rsplit("分别", 1)
    parts = [p for p in _CONJ.split(subj) if p]
    if len(parts) != n or n < 2:
        return None
    return parts[i - j] + verb


def _region_of(d: _Doc, ss, f: _Fig, art: Article):
    """Whose figure: the nearest scope word or named division before it (clause first, then sentence)."""
    cs, _ = f.clause
    markers = scope_markers(d.text, cs, f.fig.start, art, d.scan)
    if not markers:
        markers = [mk for mk in scope_markers(d.text, ss, cs, art, d.scan) if mk.level != "national"]
    for mk in reversed(markers):
        if mk.level == "named":
            return mk.region, ("explicit" if not art.masked else "inferred") if mk.region else "unknown"
        region = art.home_at(mk.level)
        if mk.level == "national":
            return region, "explicit"
        if region is not None:
            return region, art.attribution
    return art.home, art.attribution if art.home else "unknown"


def _period_before(periods, pos, para_period) -> Period:
    best = None
    for p_pos, p in periods:
        if p_pos <= pos:
            best = p
    if best is not None:
        return best
    return para_period or UNKNOWN


def _trend(norm, ss, se, art, periods, para_period, doc, rows):
    lex = lexicon()
    for m in lex.trend.finditer(norm, ss, se):
        cs, ce = ss, se  # a trend is told across clauses: quote the sentence
        period = _period_before(periods, m.start(), para_period)
        region = art.home
        rows.append({
            "doc": doc, "region": region.name if region else "", "level": region.level if region else "",
            "indicator": lex.trend_key, "value": math.nan, "unit": "", "qualifier": "exact",
            "period_start": period.start, "period_end": period.end, "period": period.label,
            "quote": norm[cs:ce], "start": cs, "end": ce, "family": lex.trend_family,
            "attribution": art.attribution if region else "unknown", "value_start": m.start(), "value_end": m.end(),
        })
        break
