"""Normalised text -> rows: the figures, their indicator, region and period.

For every sentence the pipeline finds the figures (numbers.py), gives each one
its *subject* (the clause text before it, back to the previous figure), lets the
lexicon (indicators.py) name the indicator, and asks the article it stands in
(articles.py) whose figure it is. Rows follow ../shared/INDICATORS.md.
"""
from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
import math
import re
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import NamedTuple

import pandas as pd
import regex

from .articles import HEADLINE_MAX, Article, Scan, headline_of, pick, scope_markers, split_articles
from .clauses import Item, named_change, read_sentence, term_keys
from .indicators import lexicon
from .located import Located, after_last
from .normalise import link_lines, normalize
from .numbers import find_figures
from .periods import (UNKNOWN, Period, campaign_span, dated_year, find_periods, is_outcome, is_running,
                      publication_year, run_length)
from .regions import NATIONAL, Region, gazetteer
from .rows import COLUMNS, make_row
from .tables import flat_cells
from .version import extractor_version

EXTRACTOR_VERSION = extractor_version()  # changes with the lexicon, data files and extraction code

DTYPES = {"doc": "string", "region": "string", "level": "string", "indicator": "string", "value": "float64",
          "unit": "string", "qualifier": "string", "period_start": "Int64", "period_end": "Int64",
          "period": "string", "quote": "string", "start": "int64", "end": "int64", "family": "string",
          "attribution": "string", "value_start": "int64", "value_end": "int64"}

# The pieces between separators (a sentence, a clause, a paragraph), as runs of the other characters:
# one match per piece, in a plain `re` class, which scans faster than regex.
_SENTENCE = re.compile(r"[^。!?\n]+")
_CLAUSE = re.compile(r"[^,;:]+(?:(?<=\d),(?=\d{3})[^,;:]*)*")  # 1,234起 is one number, not two clauses
_PARAGRAPH = re.compile(r"[^\n]+")


class Frame(NamedTuple):
    """What governs a paragraph's figures from outside it: a period and topics (an article's, or its
    headline's year), and, under a heading, the heading's key, columns and whether its lines are named
    items; under a label (a 数读 block's line below its figure), also the figure's unit and sign."""
    period: Period | None
    topics: set
    key: str | None = None
    columns: list | None = None
    items: bool = False
    unit: str = "%"            # a label's figure's unit (8.3万件 / 全年排查化解矛盾纠纷)
    sign: int | None = None    # a label's change word or arrow (↓26.3% / 电诈立案数同比降幅)


_SECTION_HEAD = regex.compile(r"[一二三四五六七八九十]+、[^,;:。\d]{1,16}。")  # 三、刑事发案情况。
_ENUM_START = regex.compile(r"(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|[(（]?[一二三四五六七八九十\d]+[)）、.])")


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
    dated: int | None     # the year the text dates itself by (byline or closing date line)
    figures: Located      # Figure, by start
    periods: Located      # (position, Period)
    period_ends: dict     # position of a time expression -> its end
    topics: dict          # topic -> Located of match starts
    scan: Scan            # scope words and named divisions
    topic_hits: Located   # (start, topic) of every topic word, all topics together

    @classmethod
    def of(cls, norm: str, name: str) -> "_Doc":
        lex = lexicon()
        dated = dated_year(norm)
        pub = publication_year(norm, dated)
        positions = lex.topic_positions(norm)
        topics = {t: Located(starts, starts) for t, starts in positions.items()}
        figures = list(find_figures(norm))  # both come sorted by start
        period_ends: dict = {}
        periods = find_periods(norm, 0, len(norm), pub, period_ends)
        hits = [(s, t) for t, starts in positions.items() for s in starts]
        hits.sort(key=itemgetter(0))
        return cls(norm, name, pub, dated,
                   Located(figures, [f.start for f in figures]),
                   Located(periods, [p for p, _ in periods]), period_ends,
                   topics,
                   Scan(norm),
                   Located(hits, [s for s, _ in hits]))

    def topics_in(self, start: int, end: int) -> set:
        return {t for _, t in self.topic_hits.between(start, end)}

    def _terms_of_clauses(self, start: int, end: int, lex) -> list:
        """The keys that the words before each share figure of text[start:end] name, in order (each
        clause's own words: A为98.46%,B为96.91%,C为90.37%), or [] when one names none."""
        keys, seg = [], start
        topics = self.topics_in(start, end)
        for f in self.figures.between(start, end):
            if f.unit != "%":
                return []
            m = lex.classify(self.text[max(seg, _clause_start(self.text, f.start)):f.start], "%", topics)
            if m is None:
                return []
            keys.append(m.key)
            seg = f.end
        return keys

    # what the clause grammar asks of the document
    art: Article | None = None
    para_at: int = -1  # where the time expression that governs the paragraph at hand stands (-1: none)
    speaker: object = None  # the place whose speaker the paragraph at hand quotes (a Region), or None

    _sentence: tuple | None = None   # (start, end, article, markers, their starts) of the sentence at hand
    _bare: dict = field(default_factory=dict)   # (start, end) -> bare(): spans only, so the same for every article
    _leads: dict = field(default_factory=dict)  # (sentence start, article) -> _lead_place's (place, its reach)

    def enter_sentence(self, ss: int, se: int) -> None:
        """The sentence at hand: its scope words and places are found once, when first asked for,
        and markers() inside it then bisects."""
        self._sentence = (ss, se, self.art, None, None)

    def _cached(self, start: int, end: int):
        c = self._sentence
        if c is None or start < c[0] or end > c[1] or c[2] is not self.art:
            return None
        if c[3] is None:
            mks = scope_markers(self.text, c[0], c[1], self.art, self.scan)
            c = self._sentence = (c[0], c[1], c[2], mks, [mk.start for mk in mks])
        return c[3], bisect_left(c[4], start), bisect_left(c[4], end)

    def markers(self, start: int, end: int) -> list:
        got = self._cached(start, end)
        if got is None:
            return scope_markers(self.text, start, end, self.art, self.scan)
        mks, lo, hi = got
        return [m for m in (mk.within(end) for mk in mks[lo:hi]) if m is not None]

    def markers_back(self, start: int, end: int):
        """markers(start, end), nearest first, found by bisection (no copy of the stretch)."""
        got = self._cached(start, end)
        if got is None:
            yield from reversed(self.markers(start, end))
            return
        mks, lo, hi = got
        for j in range(hi - 1, lo - 1, -1):
            mk = mks[j].within(end)
            if mk is not None:
                yield mk

    @functools.cached_property
    def stop_words(self) -> tuple:
        """(target words, as (start, end), by start; leading target words' starts): found once, looked
        up per clause (none of them spans a clause's punctuation)."""
        g = lexicon().grammar
        t = [m.span() for m in g.target.finditer(self.text)]
        lead = [m.start() for m in g.target_lead.finditer(self.text)]
        return Located(t, [a for a, _ in t]), Located(lead, lead)

    @functools.cached_property
    def dated_period(self) -> Period | None:
        """That year as a period, or None (a text with no year at all has none)."""
        dated = self.dated if self.pub is not None else None
        return Period.of(dated, dated) if dated is not None else None

    @functools.cached_property
    def target_years(self) -> Located:
        """(position, year) of every 到2025年 / 2025年目标 in the text."""
        text, out, g = self.text, [], lexicon().grammar
        for pos, p in self.periods.items:  # a year the period scan found, with a target's words around it
            if p.start is None or p.start != p.end or not text[pos:pos + 4].isdigit():
                continue
            m = g.target_year.match(text, max(0, pos - 2))
            if m is None and pos >= 1:
                m = g.target_year.match(text, pos - 1)
            if m is None:
                m = g.target_year.match(text, pos)
            if m is not None:
                out.append((m.start(), p.start))
        return Located(out, [a for a, _ in out])

    @functools.cached_property
    def cumulative(self) -> Located:
        """Where the text says 累计 (a running total)."""
        starts = [m.start() for m in lexicon().grammar.cumulative.finditer(self.text)]
        return Located(starts, starts)

    @functools.cached_property
    def focus(self) -> Located:
        """(start, end) of every 以…为重点 phrase: the places in it are where a measure bore, not whose
        figure (该市以A区、B市等行业领域为重点,…共打掉涉黑组织2个: the city's)."""
        spans = [m.span() for m in lexicon().grammar.focus.finditer(self.text)]
        return Located(spans, [s for s, _ in spans])

    def in_focus(self, mk) -> bool:
        return any(s <= mk.start and mk.end <= e for s, e in self.focus.between(max(0, mk.start - _FOCUS), mk.start + 1))

    def in_rank(self, mk) -> bool:
        """位列全省17个市州第一, 位列景德镇市第一: the scope word or place names the field of a ranking,
        not whose figure (我县位列第3名 and 甲区、乙区分列第二、三位 are whose figures they are)."""
        return lexicon().grammar.ranks_field(self.text, mk.start, mk.end)

    def bare(self, start: int, end: int) -> bool:
        """Whether text[start:end] names nothing but places, scope words and filler words (asked
        of the same stretch by several rules: answered once)."""
        if start >= end:
            return True
        got = self._bare.get((start, end))
        if got is None:
            got = self._bare[start, end] = self._is_bare(start, end)
        return got

    def _is_bare(self, start: int, end: int) -> bool:
        cuts = [(mk.start, mk.end) for mk in self.markers(start, end)]
        if self._names_nothing(start, end, cuts):
            return True
        times = self.periods.between(start, end)
        # 2022年前三季度为98.1%: a time expression names no indicator either (tried second: the filler
        # words that look ahead for a year, 较2017年, read it where it stands)
        return bool(times) and self._names_nothing(
            start, end, sorted(cuts + [(at, min(end, self.period_ends[at])) for at, _ in times]))

    def _names_nothing(self, start: int, end: int, cuts) -> bool:
        """Whether text[start:end] less the cut stretches is only filler words, or a town."""
        text, pieces, pos = self.text, [], start
        for s, e in cuts:
            pieces.append(text[pos:s])
            pos = max(pos, e)
        pieces.append(text[pos:end])
        rest = lexicon().grammar.filler.sub("", "".join(pieces)).strip()
        # a town (秋口镇为99.12%) is a place too, below the gazetteer's levels
        g = gazetteer()
        return not rest or (g.town_end.search(rest) is not None and not g.town.sub("", rest).strip())

    @functools.cached_property
    def abbreviations(self) -> dict:
        """“三率” -> the keys of the terms it was defined for (安全感、满意度和知晓率(以下简称“三率”))."""
        lex, out = lexicon(), {}
        for m in lex.grammar.abbreviation.finditer(self.text):
            s = _clause_start(self.text, m.start())
            parts = [p for p in lex.grammar.term_split.split(self.text[s:m.start()]) if p.strip()]
            keys = [k for k in term_keys(parts, [["%"]] * len(parts), self.topics_in(s, m.end()), lex) or () if k]
            if len(keys) < 2:
                # 全省群众安全感为98.46%,平安建设满意度为96.91%,平安建设知晓率为90.37%(以下合称“三率”): the
                # terms of the figures of the sentence's clauses before it
                keys = self._terms_of_clauses(after_last(self.text, "。!?\n", 0, m.start()), m.start(), lex)
            if len(keys) >= 2 and len(set(keys)) == len(keys):
                out.setdefault(m.group("abbr"), tuple(keys))
        for abbr, known in lex.grammar.known_abbreviations.items():
            out.setdefault(abbr, known)  # 两率, 一感一度: what they stand for when the text does not say
        return out


def extract_rows(norm: str, doc: str) -> list[dict]:
    """Rows for an already normalised text (offsets refer to it)."""
    if not norm.strip():
        return []
    d = _Doc.of(norm, doc)
    rows: list[dict | None] = []  # (None: a row a later figure took back)
    seen = _Seen()
    trend_words = d.topics[lexicon().trend_topic]
    links = link_lines(norm)  # (相关新闻: / · 某市破获…案 抓获13人: other pages' headlines)
    for art in split_articles(norm, d.scan):
        paras = [p for p in _spans(_PARAGRAPH, norm, art.start, art.end) if p[0] not in links]
        h = headline_of(norm, paras, 0, len(paras) - 1) if paras else None  # (the page's navigation aside)
        head = _headline(paras, h)
        art_period, since, art.period_at = _article_period(d, paras, h, head)
        art.head_key, art.town = _headline_survey(d, head) or _lead_survey(d, paras, head), _headline_town(d, head)
        # (paragraphs before the one the article's time expression stands in: the year the headline
        # names, else the year the text dates itself, else none; a time expression governs what follows it)
        before = Frame(_headline_year(d, head) or d.dated_period, art_period.topics)
        heading, pending = None, None  # pending: a paragraph with no figure, read as a heading only if needed
        pending_topics: set = set()  # the topics before the pending paragraph
        label = -1  # the paragraph that is the label of the lone figure above it: it heads nothing
        place_line = None  # the place the last paragraph named, when it was its name alone
        last_topics: set = set()  # the topics of the last paragraph that named one
        for k, (ps, pe) in enumerate(paras):
            if ps < since:
                art_now = before
            else:
                art_now = art_period
            figures = d.figures.any_between(ps, pe)
            # (伊州区 / 群众安全感 98.81%: a line that is a place's name alone names the place of the short
            # line of figures under it)
            if figures:
                named, place_line = place_line, None
            else:
                named, place_line = None, _place_line(d, ps, pe, art)
            below = _label_below(d, ps, pe, paras[k + 1], pending, art_now) \
                if figures and k + 1 < len(paras) and pe - ps <= _LONE else None
            if not figures:
                heading, pending = None, ((ps, pe) if k and k != label else None)
                pending_topics = last_topics  # (▶ 扫黑除恶 / … / 查扣涉案资产 / 4.8亿元: a label of no topic is in the block's)
            elif pe - ps > _LINE:
                heading = pending = None
            elif below is not None:
                heading, pending, label = below, None, k + 1
            elif pending is not None:
                lone = _lone_figure(d, ps, pe)  # (打掉涉黑组织 / 3个: a label above a count names it as a count)
                hd = _heading(d, *pending, lone.unit if lone is not None else "%", pending_topics)
                heading = None if hd is None else hd._replace(period=hd.period or art_now.period, topics=hd.topics or art_now.topics)
                pending = None
            # a paragraph with no figure and no word of the trend's topic yields no row
            short = pe - ps <= _LINE
            if figures or trend_words.any_between(ps, pe):
                # (三、刑事发案情况。全县共立刑事案件1126起: a section's own heading turns to its subject)
                goes_on = short and not norm.startswith(lexicon().grammar.new_subject_leads, ps) \
                    and not _SECTION_HEAD.match(norm, ps, pe)
                last, last_period = _paragraph(d, ps, pe, art, rows, seen, art_now if heading is None else heading,
                                               last_topics if goes_on else frozenset(), head is not None and ps == head[0],
                                               named if short else None)
                if figures and lexicon().grammar.heading_end.search(norm, ps, pe):
                    heading = _colon_heading(d, ps, pe, last, last_period or art_now.period)
            # (a short line with figures and no topic of its own went on in the topics before it;
            # any other paragraph, a heading such as 二、刑事案件 too, sets them anew)
            own = d.topics_in(ps, pe) if d.topic_hits.any_between(ps, pe) else None
            last_topics = own or (last_topics if figures and short else set())
        _table_rows(d, paras, art, art_period, rows, seen)
    return [r for r in rows if r is not None]


def _table_rows(d: _Doc, paras, art: Article, frame: Frame, rows: list, seen: _Seen) -> None:
    """The rows of the article's tables written one cell per line (:func:`pingan.tables.flat_cells`):
    each number of the indicator its row's label names, of its column's year, of the place the label
    names, else the article's home; none for a target's label. A figure the text has given in a
    sentence too is given once."""
    cells = flat_cells(d.text, paras)
    if not cells:
        return
    d.art = art
    lex, text = lexicon(), d.text
    home = _home(art)
    for c in cells:
        region, attribution = home
        m = lex.classify(text[c.label[0]:c.label[1]], c.figure.unit, d.topics_in(*c.label) or frame.topics)
        if m is None or (d.pub is not None and c.year > d.pub) or lex.grammar.target.search(text, *c.label):
            continue  # (群众安全感目标值(%): a target's row)
        named = d.markers(*c.label)
        if named:  # (全市群众安全感(%) on a district's page: the city's row)
            got = _resolve(named[-1], art)
            if got is None:
                continue
            region, attribution = got
        period = Period.of(c.year, c.year)
        ident = (region.name if region else "", m.key, round(c.figure.value, 6), period.label)
        if ident in seen.at or not seen.admit(ident, c.label[0], rows):
            continue
        rows.append(_row(d, m.key, c.figure.value, c.figure, region, attribution, period, c.label[0], c.figure.end))


def _row(d: _Doc, key: str, value: float, fig, region, attribution: str, period: Period, qs: int, qe: int) -> dict:
    """A figure's row: its indicator and value (signed for a change), of a region (or none), a
    period, quoting text[qs:qe]."""
    return make_row(
        doc=d.name, region=region.name if region else "", level=region.level if region else "",
        indicator=key, value=value, unit=fig.unit, qualifier=fig.qualifier,
        period_start=period.start, period_end=period.end, period=period.label,
        quote=d.text[qs:qe], start=qs, end=qe, family=lexicon().family(key),
        attribution=attribution, value_start=fig.num_start, value_end=fig.end)


class _Seen:
    """The figures a text has given rows for, so that each is given once."""

    def __init__(self):
        self.at: dict[tuple, int] = {}  # (region, key, value, period label) -> the sentence it was given in
        self.row: dict[tuple, tuple[int, bool]] = {}  # (region, key, value) -> (its first row, whether its time is its own)

    def admit(self, ident: tuple, ss: int, rows: list, dated: bool = False) -> bool:
        """Record a row about to be appended to rows; False when it is a figure already given with its
        time. (捣毁黑社会性质组织7个 in a headline, 2010年以来…共打掉黑社会性质组织7个 in the body: the same
        figure, once with no time and once with its time, is one row, the dated one: the undated row
        given before is taken out, as None.) dated: a headline's figure with no time of its own, whose
        period is only the year the page is dated (宁德市以98.47%的群众安全感位列全省第一 over a 2018 byline;
        the body says 2017年度): as good as undated."""
        label, first = ident[3], self.row.get(ident[:3])
        own = bool(label) and not dated
        if first is not None and first[1] and not own:
            return False
        if first is not None and own and not first[1]:
            rows[first[0]] = None
            first = None
        if first is None:
            self.row[ident[:3]] = (len(rows), own)
        self.at.setdefault(ident, ss)
        return True


# A heading line (…主要成果如下:, 2021年全省群众安全感测评结果) lends its period, topics and
# indicator to the short lines under it (——打掉涉黑组织3个;, 全省98.06%,其中:…), up to a longer paragraph.
_LINE = 80
_FOCUS = 32  # the longest 以…为重点 phrase


def _heading(d: _Doc, ps: int, pe: int, unit: str = "%", before: set = frozenset()):
    """The Frame of a paragraph that heads the lines below it (its period, topics, key, columns), or None.
    unit: of the figure the line below is alone (% for a line of several, a table's or a list's);
    before: the topics of the lines before it, to name its key by when it names none."""
    text, lex = d.text[ps:pe].strip(), lexicon()
    g = lex.grammar
    if not (g.heading_end.search(text) or (len(text) <= 40 and not text.endswith(("。", "!", "?")))):
        return None
    if _BYLINE.search(text):
        return None
    found = d.periods.between(ps, pe)
    topics = d.topics_in(ps, pe)
    words = g.heading_noise.sub("", text)  # 各市群众安全感排名: the ranking's indicator
    m = lex.classify(words, unit, topics or before)
    # (排名 县(市、区) 群众安全感(%) 平安建设满意度(分): a rank's column vetoes the line as a subject,
    # not its terms as a table's columns)
    # (…排名前六位如下(按安全感排序): a note in brackets names no column)
    if m is not None or lex.veto.search(words):
        columns = lex.terms_in(words if g.ordering_note.search(text) is None else g.heading_noise.sub("", g.ordering_note.sub("", text)),
                               "%", topics)
    else:
        columns = []
    items = text.endswith(":")  # 执法满意度测评结果如下: the lines under it are named items (公安机关95.1%)
    return Frame(found[0][1] if found else None, topics, m.key if m else None,
                 columns if len(columns) >= 2 and len(set(columns)) == len(columns) else None, items, unit)


_LONE = 24  # a line that is a figure alone (💰 1.86亿元), its marks and spaces aside
_NOT_MARK = regex.compile(r"[\p{Han}\p{L}\p{N}]")


def _label_below(d: _Doc, ps: int, pe: int, nxt, above, art_now):
    """A line that is one figure alone, over a short line that names it (a 数读 block: 98.72% /
    2023年全市群众安全感): that line's Frame (its period, topics, key, and the figure's unit and sign), else
    None. Not when the line above, a heading that names no figure, names another indicator (群众安全感 /
    98.72% / 平安建设满意度: the labels stand above their figures)."""
    f, text = _lone_figure(d, ps, pe), d.text
    if f is None:
        return None
    ns, ne = nxt
    words = text[ns:ne].strip()
    if not words or len(words) > 40 or words.endswith(("。", "!", "?", ":")) or d.figures.any_between(ns, ne) \
            or _BYLINE.search(words):
        return None
    lex = lexicon()
    topics = d.topics_in(ns, ne) or art_now.topics
    words = lex.grammar.heading_noise.sub("", words)
    m, sign = lex.classify(words, f.unit, topics), None
    key = m.key if m is not None else None
    if key is None and f.unit == "%":
        # ↓26.3% / 电信网络诈骗立案数同比降幅: a change, its sign from the label's change word or the arrow
        key, sign = named_change(lex, words, topics)
        if sign is None:
            return None
        arrow = next((a for a in text[ps:f.start] if a in _ARROWS), None)
        sign = _ARROWS[arrow] if arrow else sign
    if key is None:
        return None
    if above is not None:
        a = lex.classify(lex.grammar.heading_noise.sub("", text[above[0]:above[1]]), f.unit, d.topics_in(*above) or art_now.topics)
        if a is not None and a.key != key:
            return None
    found = d.periods.between(ns, ne)
    return Frame(found[0][1] if found else art_now.period, topics, key, None, False, f.unit, sign)


_ARROWS = {"↓": -1, "↑": 1}


def _lone_figure(d: _Doc, ps: int, pe: int):
    """The figure of a line that is one figure alone, its marks and spaces aside (98.72%, 💰 1.86亿元),
    else None."""
    figs = d.figures.between(ps, pe) if pe - ps <= _LONE else []
    if len(figs) != 1 or _NOT_MARK.search(d.text, ps, figs[0].start) or _NOT_MARK.search(d.text, figs[0].end, pe):
        return None
    return figs[0]


def _colon_heading(d: _Doc, ps: int, pe: int, last, period):
    """The heading a paragraph with figures that ends in a colon is to the lines below it, or None:
    各县(市)测评结果如下(群众安全感、平安建设满意度): / 凯里市 98.91% 98.12%: the columns its last
    sentence names; 执法满意度为94.86%。分系统看: / (一)公安机关95.12%;: its last figure's indicator,
    of which they are the parts."""
    lex = lexicon()
    s = after_last(d.text, "。!?", ps, pe)  # (its last sentence)
    words = lex.grammar.heading_noise.sub("", d.text[s:pe])
    topics = d.topics_in(ps, pe)
    columns = lex.terms_in(words, "%", topics)
    if len(columns) >= 2 and len(set(columns)) == len(columns):
        return Frame(period, topics, None, columns)
    if len(columns) == 1 and not d.figures.any_between(s, pe):
        return Frame(period, topics, columns[0], None, True)  # 部分县(区)群众安全感得分如下:
    if last is not None and last.key and not lex.is_change(last.key):
        return Frame(period, topics, last.key, None, True)
    return None


def _headline(paras, h) -> tuple[int, int] | None:
    """(start, end) of an article's headline, paragraph h (its first, the page's navigation aside), when
    it is short enough to be one, else None."""
    if h is None or paras[h][1] - paras[h][0] > HEADLINE_MAX:
        return None
    return paras[h]


def _headline_year(d: _Doc, head) -> Period | None:
    """The one year an article's headline names (2023年各地平安建设成绩单出炉), or None: the year of the
    paragraphs before the body's first time expression, rather than the year the page is dated."""
    if head is None or d.figures.any_between(*head):
        return None
    p = _one_year(d, *head)
    return p if p is not None and d.pub and p.start <= d.pub else None


def _one_year(d: _Doc, start: int, end: int) -> Period | None:
    """The period of the one time expression in text[start:end] when it is a single year (or a part of
    one), else None."""
    found = d.periods.between(start, end)
    p = found[0][1] if len(found) == 1 else None
    return p if p is not None and p.start is not None and p.start == p.end else None


def _headline_town(d: _Doc, head) -> bool:
    """Whether an article is a town's or a street's own page: its headline names one (枫桥镇:小事不出村…,
    平遥县古陶镇深化平安乡镇建设). Its figures with no place of their own are the town's, below the
    levels a region is told at: no region (not the county's)."""
    if head is None:
        return False
    # (a town's name opens the headline or follows a division's: 枫桥镇:…, 平遥县古陶镇…; not 池州市召开镇街…)
    s, e = head
    town = gazetteer().town
    return any(town.match(d.text, at, e) is not None for at in (s, *(pe for _, pe, _, _ in d.scan.places_in(s, e))))


def _headline_survey(d: _Doc, head) -> str | None:
    """The survey indicator an article's headline names (我省发布2013年度群众安全感调查结果: safety_sense),
    or None: the key of a ranked place's figure that names nothing."""
    if head is None:
        return None
    lex = lexicon()
    # (前三季度南充群众安全感达97.40% 高于全省均值: a headline that gives the figure names it too; the
    # words before its first figure)
    figs = d.figures.between(*head)
    m = lex.classify(lex.grammar.heading_noise.sub("", d.text[head[0]:figs[0].start if figs else head[1]]), "%", d.topics_in(*head))
    return m.key if m is not None and lex.family(m.key) == "survey" else None


def _lead_survey(d: _Doc, paras, head) -> str | None:
    """The survey indicator whose results one of the first two paragraphs after the headline (a byline
    aside) announces, holding no figure (2025年上半年全市群众安全感测评结果出炉啦…), or None: as
    _headline_survey."""
    body = (p for p in paras if (head is None or p[0] > head[0]) and not _BYLINE.search(d.text, *p))
    lead = next((p for p in islice(body, 2) if p[1] - p[0] <= _LEAD_MAX and lexicon().grammar.survey_results.search(d.text, *p)), None)
    return _headline_survey(d, lead) if lead is not None else None


_LEAD_MAX = 120


def _series_end(d: _Doc, pe: int, p: Period, at: int) -> tuple:
    """(period, position) of the last of the years up to pe that follow p at ``at``, each later than
    the one before (or the last year of a span before it), joined by a series join of the lexicon
    (2019年、2020年和2021年; “十三五”时期和2020年工作回顾: the year reported on), or (p, at) when none
    follows so (2021年与2020年相比: a comparison, no series)."""
    g = lexicon().grammar
    for pos, q in d.periods.between(at + 1, pe):
        if q.start is None or q.start != q.end or q.label[4:] or p.end is None or q.start < p.end or q == p \
                or d.text[d.period_ends[at]:pos] not in g.series_joins or g.is_base(d.text, pos):
            break
        p, at = q, pos
    return p, at


def _article_period(d: _Doc, paras, h, head) -> tuple:
    """((the period an article reports on, the topics of its headline), where it governs from, where
    the time expression stands or -1): its first time expression after the headline when that is one
    year or part of one (2021年,我县…; 今年上半年…), from the paragraph it stands in; else none."""
    if not paras:
        return Frame(None, set()), 0, -1
    paras = paras[h:] if h else paras  # (h: its headline's paragraph, or None)
    head_s, head_e = paras[0]
    headline = head is not None and not d.figures.any_between(head_s, head_e)  # (head: _headline's)
    topics = d.topics_in(head_s, head_e) if headline else set()
    rest = paras[1:] if len(paras) > 1 else paras
    body = lambda: (p for p in rest if not _BYLINE.search(d.text, *p))  # noqa: E731  (read lazily: most stop early)
    targets, g = d.stop_words[0], lexicon().grammar
    for ps, pe in body():
        # (连续四年 says no year; 到2035年, 力争2024年… are targets, not the year reported on)
        # (较2020年, 由2017年的: a comparison's base or a from–to's start is no year the article reports on)
        p, at = next(((p, pos) for pos, p in d.periods.between(ps, pe) if p.start is not None
                      and (d.pub is None or p.start <= d.pub) and not targets.any_between(_clause_start(d.text, pos), pos)
                      and not g.is_base(d.text, pos) and not is_outcome(d.text, pos)),
                     (None, -1))
        if p is not None:
            p, at = _series_end(d, pe, p, at)  # (2020年、2021年,全县…分别为…: the latest of a series)
            if p.start != p.end:
                # 扫黑除恶专项斗争工作总结 / 三年来,… / 2018年至2020年,全市共打掉…: a campaign's summary
                # that names the campaign's years is about those years from there on
                span = campaign_span(d.text[head_s:head_e]) if head is not None else None  # (its figures aside)
                for qs, qe in body() if span is not None else ():
                    if any(q == span for _, q in d.periods.between(qs, qe)):
                        return Frame(span, topics), qs, -1
                return Frame(None, topics), 0, -1
            if headline:  # 2023年上半年工作总结 / 今年以来,…: the title's part of the same year
                named = d.periods.between(head_s, head_e)
                if len(named) == 1 and named[0][1].start == p.start and named[0][1].label.startswith(p.label) \
                        and named[0][1].label != p.label:
                    return Frame(named[0][1], topics), 0, -1
            return Frame(p, topics), ps, at
    titled = _one_year(d, head_s, head_e) if headline else None  # 某市2022年平安建设工作总结: the year its title names
    if titled is not None:
        return Frame(titled, topics), 0, -1
    # no time expression at all: the year the text dates itself (发布时间:2023-03-10, a closing date line)
    return Frame(d.dated_period, topics), 0, -1


# A page's byline (来源:…, 发布时间:…, 原创 某号 2024-01-12 08:00): no year the article reports on. (Multiline:
# it is searched from a paragraph's start, where ^ matches after the line break.)
# (a byline: 来源:…, a line that holds a full date, or an office's line that ends in a year and month:
# 中共某县委政法委 2020年12月; not 数据统计截至2022年6月)
_BYLINE = re.compile(r"^\s*(?:来源|发布|时间|作者|日期|【来源|原创)|^[^,。;\n]{0,30}(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[^,。;\n]{0,30}$"
                     r"|^(?![^\n]*(?:截至|截止|统计))[^,。;:\d\n]{2,30}?(?:办公室|委员会|委|局|院|厅|办|部|中心|组|所|社)\s*"
                     r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?\s*$", re.M)
_HEADING_SENTENCE = 24  # a heading sentence inside a paragraph (一、群众安全感。) is short
_SHARES = ("%", "分")  # a level in these is at most 100 (a change may be more: 增长150%)


def _clause_start(text: str, pos: int) -> int:
    return after_last(text, ",;:。\n", 0, pos)


def _paragraph(d: _Doc, ps, pe, art, rows, seen, frame: Frame, before=frozenset(), headline=False, named=None):
    """frame: the article's period and its headline's topics, or a heading's or a label's Frame.
    headline: the paragraph is its article's headline. The
    paragraph's last keyed item (or None) and the period of its last row (or None)."""
    norm, lex = d.text, lexicon()
    d.art, d.para_at = art, -1
    d.speaker = _speaker(d, ps, pe) or named  # (named: the place of the line above, its name alone)
    para_period, para_at = None, -1  # the paragraph's period, and where its time expression stands
    last_period = None  # the period of the paragraph's last row
    prev_topics: set = set()
    prev_had_figures = True
    ctx: dict = {"heading": frame.key, "columns": frame.columns, "items": frame.items,
                 "heading_unit": frame.unit, "heading_sign": frame.sign}
    # the headline's, if none here, and those of the paragraph before a short one (a bullet:
    # 📊分地区看,A市发案数同比下降… after a fraud paragraph)
    carried = set() if d.topic_hits.any_between(ps, pe) else frame.topics | before
    ctx["head_topics"] = frame.topics  # (for a figure whose clause and sentence so far name none)
    story = lex.anecdote_paragraph.match(norm, ps, pe) is not None  # 典型案例:…: no figure of it is an indicator
    last_ident = None  # (region, key, period label) of the paragraph's last row
    stock, sub_lead, elsewhere = lex.grammar.stock, lex.grammar.sub_item_lead, lex.grammar.same_time_elsewhere
    prev_s = this_s = None  # the sentence before the one at hand, in this paragraph
    figs_before = False  # whether a sentence before the one at hand holds a figure
    for ss, se in _spans(_SENTENCE, norm, ps, pe):
        topics = d.topics_in(ss, se)
        outer = set()  # the topics the sentence inherits
        if not prev_had_figures and not _ENUM_START.match(norm, ss, se):
            outer = prev_topics  # a heading such as 一是深入开展扫黑除恶专项斗争。 sets the topic
        if not outer and prev_topics and _bare_count_first(d, ss, se, lex):
            # …电诈发案同比降幅…。相城区发案同比上升4.6%: a sentence that opens with a bare count word
            # (发案, 立案), places aside, goes on in the topic of the sentence before it (whatever topic
            # words stand after it: …,已被市反诈中心列为重点)
            outer = prev_topics
        elif not topics and not outer:
            outer = carried
        topics = topics | outer
        periods = d.periods.between(ss, se)
        if periods and para_period is None:
            para_period, para_at = next(((p, pos) for pos, p in periods
                                         if p.start is not None and not lex.grammar.is_base(norm, pos)
                                         and not is_outcome(norm, pos)
                                         and (ss == ps or p.start == p.end or norm.find(",", ss, pos) < 0)),
                                        (None, -1))
            d.para_at = para_at
            # (…专项斗争圆满收官,三年来共打掉…: a span in a later clause of a later sentence is that
            # sentence's, not the paragraph's)
        elif periods and para_period is not None and periods[0][0] == ss and periods[0][1].start is not None \
                and para_period.start == para_period.end and periods[0][1].start < periods[0][1].end \
                and not figs_before and not lex.grammar.is_base(norm, ss) and not is_outcome(norm, ss):
            # (2018年1月,…部署开展专项斗争。三年来,…全市共打掉…: a later sentence that opens with a span,
            # before any figure, sets the paragraph's time anew)
            para_period, para_at = periods[0][1], ss
            d.para_at = para_at
        figs = d.figures.between(ss, se)
        figs_before = figs_before or bool(figs)
        prev_topics, prev_had_figures = topics, bool(figs)
        prev_s, this_s = this_s, (ss, se)
        if not figs and se - ss <= _HEADING_SENTENCE and (ss == ps or _ENUM_START.match(norm, ss, se)):
            # 一、群众安全感。雷山县、丹寨县分别为…: a heading sentence names the indicator of the lists under it
            m = lex.classify(lex.grammar.heading_noise.sub("", norm[ss:se]), "%", topics)
            if m is not None:
                ctx["heading"] = m.key
        if lex.trend_topic in topics and lex.trend_topic in d.topics_in(ss, se):
            _trend(norm, ss, se, art, periods, para_period or frame.period, d.name, rows)
        if not figs or story:
            continue
        tale = lex.anecdote.search(norm, ss, se)
        if tale is None and prev_s is not None and not periods and not d.scan.places.any_between(ss, se) \
                and not d.scan.scopes_in(ss, se) and lex.anecdote.search(norm, *prev_s):
            continue  # (市民张女士接到…电话。…民警上门劝阻,并协调银行止付被骗资金12万元: the case goes on, no place's)
        if tale is not None:
            # (立案2046起,同比上升9.4%,其中一起投资理财诈骗案涉案金额达1.2亿元: the case is told from its
            # clause on; the figures of the clauses before it are the place's)
            told = _clause_start(norm, tale.start())
            figs = [f for f in figs if f.end <= told]
            if not figs:
                continue
        d.enter_sentence(ss, se)
        items = read_sentence(d, ss, se, figs, topics, _spans(_CLAUSE, norm, ss, se), lex, ctx, outer)
        if not any(it.key for it in items):
            continue
        # (截至目前 after the paragraph's span: a running total (累计 before it) is over the span, a
        # stock (共有网格960个) is of the text's year)
        held, when = _Held(), _Periods(periods, norm)
        # (2021年以来,…。截至目前,全州共打掉涉黑组织2个: what was done up to now, counted, is over the span)
        up_now = bool(periods) and norm.startswith(lex.grammar.up_to_now, periods[0][0])
        running = _Periods(periods, norm, para_period) if up_now or d.cumulative.any_between(ss, se) else when
        future = _future(d, ss, se)
        for i, it in enumerate(items):
            if i:
                b = items[i - 1]
                if not b.first_in_clause or norm[b.fig.start - 1] == "(" or (b.clause != it.clause and (
                        norm.startswith(sub_lead, b.clause[0]) or elsewhere.search(norm, b.seg, b.fig.start))):
                    # (高出全区(98.21%)、全市(98.53%): a bracketed figure's place is its own alone; so is,
                    # to the clauses after it, the place of a part (其中A区“两率”分别为…, both A's) or of
                    # 同期全省下降21.3%, quoted to compare)
                    held.add(b.seg, b.fig.start)  # (其中漠河市达98.6%: a part's place governs no clause after it)
                held.add(b.fig.end, b.clause[1])
            if it.key is None or it.drop:
                continue
            whose = [_region_of(d, ss, it, held, art)]
            if it.places:  # A县、B县群众安全感均超过99%: the one floor is each place's
                whose = []
                for mk in it.places:
                    it.marker = mk
                    whose.append(_region_of(d, ss, it, held, art))
            if future is not None and future < it.fig.start:
                continue  # 到2025年,…稳定在98%以上: a target for a year still to come, not a result
            # (a figure in a clause before the paragraph's first time expression is not under it:
            # 全市人民调解组织达到5128个,去年共调解纠纷3.1万件)
            under = para_period if para_at < it.clause[0] or para_at < ss else None
            if under is None and para_at > it.fig.start:
                # (nor under the article's, when that is the same expression: then, as when the article
                # has none, the year the text dates itself by, else none)
                under = (frame.period if frame.period is not para_period else None) or d.dated_period or UNKNOWN
            # (累计打掉…,1327起案件被侦破: the clauses after 累计 go on with its total; 共有网格960个 is a stock)
            total = running is not when and (d.cumulative.any_between(ss, it.fig.start) or up_now and _done(lex, it)) \
                and not stock.search(norm, it.clause[0], it.fig.start)
            period = _period_of(d, items, i, running if total else when, under or frame.period, frame.period)
            if period.start is not None and period.end is not None and period.start < period.end \
                    and lex.family(it.key) == _STOCKS and not d.periods.any_between(it.clause[0], it.fig.start):
                # (2021年以来,全盟累计排查化解…。全盟划分网格3120个: a stock is counted at a moment, the
                # span's last year, unless its own clause names the span)
                period = Period.of(period.end, period.end)
            # (配备网格员2100余名,其中专职网格员520名: after 其中, the same indicator of the same place and
            # time is a part of the figure before it, not the place's figure)
            part = norm.find(sub_lead, items[i - 1].fig.end if i else ss, it.fig.start) >= 0
            for key, (region, attribution) in ((k, w) for k in (it.key, *it.also) for w in whose):
                # (安全感和满意度均达到97%以上: one floor, two indicators)
                if it.value > 100 and it.fig.unit in _SHARES and not lex.is_change(key):
                    continue  # a share or score above 100 is two numbers run together, not a level
                ident = (region.name if region else "", key, round(it.value, 6), period.label)
                if part and last_ident == (ident[0], key, period.label) and (it.fig.unit not in _SHARES or (getattr(
                        lex.classify(norm[it.seg:it.fig.start], it.fig.unit, d.topics_in(ss, se)), "key", None) == key
                        and not lex.grammar.part_by_whose.search(norm, it.seg, it.fig.start))):
                    # (其中公安机关95.87分, 其中公安工作满意度93.86分: a score's part named by whose is a row;
                    # a count's or a sum's is a part of it: 查封涉案资产5.6亿元,其中现金及存款1.3亿元)
                    continue
                cs, ce = it.clause
                if ident in seen.at and (seen.at[ident] != ss or lex.grammar.rank_clause.search(norm, cs, ce)
                                         or it.period in ("from", "to")):
                    # the same figure stated again in another sentence, or again to rank it or as an end of a
                    # from–to (共立刑事案件482起,…由2016年的716起下降到2019年的482起)
                    continue
                if not seen.admit(ident, ss, rows, headline and not periods):
                    continue
                rows.append(_row(d, key, it.value, it.fig, region, attribution, period, cs, ce))
                last_period, last_ident = period, (ident[0], key, period.label)
    return ctx.get("last"), last_period


def _done(lex, it) -> bool:
    """Whether an item counts what was done (打掉…个, 破获…起), not a level, a change or a stock."""
    return it.fig.unit not in _SHARES and not lex.is_change(it.key) and lex.family(it.key) != _STOCKS


_STOCKS = "capacity"  # the family whose figures are stocks at a moment (网格, 网格员, 调解组织, 志愿者)


def _place_line(d: _Doc, ps: int, pe: int, art):
    """The division a short line that is its name alone names (伊州区, 📍巴里坤哈萨克自治县), or None."""
    if pe - ps > _PLACE_LINE:
        return None
    places = d.scan.places_in(ps, pe)
    if len(places) != 1 or not d.bare(ps, pe):
        return None
    return pick(places[0][3], art)


_PLACE_LINE = 16


def _speaker(d: _Doc, ps: int, pe: int):
    """龙港市委政法委书记:…: the division a paragraph led by its speaker's title speaks for, or None."""
    places = d.scan.places_in(ps, min(pe, ps + 12))
    if not places or places[0][0] != ps:
        return None
    s, e, _, cands = places[0]
    if gazetteer().speaker.match(d.text, e, min(pe, e + 16)) is None:
        return None
    return pick(cands, d.art)


def _bare_count_first(d: _Doc, ss: int, se: int, lex) -> bool:
    """Whether text[ss:se], past the places, scope words and filler it opens with (分县市看,库车市、拜城县),
    opens with a bare count word."""
    m = lex.grammar.bare_count.search(d.text, ss, min(se, ss + _COUNT_FIRST))
    return m is not None and d.bare(ss, m.start())


_COUNT_FIRST = 40  # how far into a sentence its bare count word may stand


def _resolve(mk, art: Article):
    if mk.level == "named":
        return mk.region, ("explicit" if not art.masked else "inferred") if mk.region else "unknown"
    if mk.level == "national":
        return NATIONAL, "explicit"  # 全国/我国 is the country's whatever the article's home
    region = art.home_at(mk.level, mk.kind)
    if region is not None:
        return region, art.attribution
    return None


class _Held:
    """The stretches of a sentence that its earlier figures' own words hold, as a union of
    disjoint half-open intervals (so a lookup is a bisection, not a walk over every figure)."""

    __slots__ = ("starts", "ends")

    def __init__(self):
        self.starts, self.ends = [], []

    def add(self, a: int, b: int) -> None:
        if a >= b:
            return
        i, j = bisect_left(self.ends, a), bisect_right(self.starts, b)
        if i < j:
            a, b = min(a, self.starts[i]), max(b, self.ends[j - 1])
        self.starts[i:j], self.ends[i:j] = [a], [b]

    def covers(self, p: int) -> bool:
        i = bisect_right(self.starts, p) - 1
        return i >= 0 and p < self.ends[i]


# How many scope words or places before a figure its region is looked for among (all stretches
# together): the nearest few decide in any real sentence (the dev texts and seeds give the same
# rows with 4); the bound keeps a sentence of a million characters linear.
_LOOKBACK = 16
_TOWN_WINDOW = 24


def _region_of(d: _Doc, ss, it: Item, held: _Held, art: Article):
    """Whose figure: the place a list gave it, else the nearest place or scope word before it in its
    own segment, then in its clause, then in its sentence (not one that an earlier figure's own
    words or its ranking hold), else the article's home."""
    if it.marker is not None:
        got = _resolve(it.marker, art)
        if got is not None:
            return got
    cleft = _cleft_place(d, it)
    if cleft is not None:
        return cleft
    cs, _ = it.clause
    budget = _LOOKBACK
    town_rx, town_end = gazetteer().town, gazetteer().town_end
    for s, e, check in ((it.seg, it.fig.start, False), (cs, it.seg, True), (ss, cs, True)):
        if s >= e:
            continue
        # a town nearer the figure than any place (古陶镇群众安全感达到99.3%; in a clause before it too:
        # 八大关街道群众安全感为99.6%,平安建设满意度为98.9%): below the table's levels
        town, w = None, max(s, e - _TOWN_WINDOW)
        if town_end.search(d.text, w, e):  # (the pattern opens with any Han character: looked for only where a town may end)
            for t in town_rx.finditer(d.text, w, e):
                if not d.scan.places.any_between(t.start(), t.end()):  # (景德镇市 is a city's name, no town)
                    town = t
        for mk in d.markers_back(s, e):
            budget -= 1
            if budget < 0:
                return _home(art)
            if d.in_rank(mk) or mk.maker or d.in_focus(mk) or (e == cs and mk.level == "national") \
                    or (check and (mk.average or held.covers(mk.start) or _compared(d, mk))):
                continue
            if town is not None and town.end() > mk.end:
                return None, "unknown"
            if d.speaker is not None and mk.level not in ("named", "national") and mk.kind \
                    and d.speaker.name.endswith(mk.kind):
                return d.speaker, "explicit"  # (龙港市委政法委书记:…全市划分网格412个: 龙港市's 全市)
            if mk.level not in ("named", "national") and mk.kind:
                lead = _lead_place(d, ss, mk.start)
                if lead is not None and lead.name.endswith(mk.kind):
                    return lead, "explicit"  # (桑珠孜区将全区划分为386个网格: the district's 全区)
            got = _resolve(mk, art)
            if got is None and mk.masked and art.home is not None and art.home.level in ("prefecture", "province") \
                    and (mk.level == "county" or (mk.level == "region" and art.home.level == "prefecture")):
                return None, "unknown"  # (…个别县仍存在短板,XX县群众安全感为94.3%: a masked county of a city's page)
            if got is not None and mk.level == "named" and it.fig.unit not in _SHARES \
                    and not lexicon().is_change(it.key):
                joint = _joint_total(d, mk, it.fig.start)
                if isinstance(joint, Region):
                    return joint, "inferred"
                if joint is not None:
                    # XX州以个旧市、开远市…为重点,打掉…: a list of some of the parts is not whose count;
                    # a place or scope word before it in the sentence is, else no one
                    for back in d.markers_back(ss, joint):
                        if not (d.in_rank(back) or back.maker or back.average):
                            got = _resolve(back, art)
                            if got is not None:
                                return got
                    return None, "unknown"
            if got is not None:
                return got
        if town is not None:
            return None, "unknown"
    if d.speaker is not None:
        return d.speaker, "explicit"  # what a place's speaker tells with no place or scope word is its own
    return _home(art)


def _cleft_place(d: _Doc, it: Item):
    """以99.46%位居全市各县首位的是A县: the place named after the ranking words that follow a figure led
    by 以 is whose it is ((region, attribution)), or None."""
    text, g = d.text, lexicon().grammar
    if not text.endswith(g.by_figure, 0, it.fig.start) or text[it.fig.end:it.fig.end + 1] in ",;:。":
        return None
    m = g.cleft_rank.match(text, it.fig.end, it.clause[1])
    if m is None:
        return None
    mk = next((mk for mk in d.markers(m.end(), it.clause[1]) if mk.start == m.end()), None)
    return _resolve(mk, d.art) if mk is not None and mk.level == "named" else None


def _home(art: Article):
    """Whose a figure is that names no place of its own: the article's home; none on a town's own page
    (枫桥镇:…/ 全年全镇共排查…: the town's figures, below the levels a region is told at)."""
    if art.town:
        return None, "unknown"
    return art.home, art.attribution if art.home else "unknown"


def _compared(d: _Doc, mk) -> bool:
    """Whether a scope word is the level a figure is compared with (降幅高于全省4.2个百分点;…), not whose."""
    m = lexicon().grammar.same_time_elsewhere.search(d.text, max(0, mk.start - 3), mk.end)
    return m is not None and m.end() == mk.end


def _lead_place(d: _Doc, ss: int, before: int):
    """The county or prefecture a sentence opens with, when it names no other place before ``before``
    (富锦市探索…模式,全市共配备网格员812名: the county-level city the sentence is about), else None.
    Found once per sentence (with where the next named place stands), so a long line costs no more."""
    key = (ss, id(d.art))
    got = d._leads.get(key)
    if got is None:
        got = d._leads[key] = _find_lead(d, ss)
    region, reach = got
    return region if region is not None and before <= reach else None


def _find_lead(d: _Doc, ss: int):
    cached = d._cached(ss, ss)
    if cached is None:
        return None, -1
    mks, lo, _ = cached
    first = mks[lo] if lo < len(mks) else None
    if first is None or first.level != "named" or first.region is None or first.region.level not in ("county", "prefecture") \
            or d.text[ss:first.start].strip(_LEAD_MARKS):
        return None, -1
    reach = next((mk.start for mk in mks[lo + 1:] if mk.level == "named"), len(d.text))
    return first.region, reach


_LEAD_MARKS = " ◆●■▲★☆-—·•"


def _joint_total(d: _Doc, mk, at: int):
    """在沙坡头区、中宁县、海原县共划分网格1637个: a count after a list of places (not one for each
    of them: 均, 分别) that names every division of the one above them is that division's total; None
    when they share none; where the list starts when they are some of one's parts (two districts'
    count is neither district's nor the city's)."""
    g, lex = gazetteer(), lexicon()
    if lex.grammar.each.search(d.text, mk.end, at):
        return None
    group, cur = [mk], mk
    for prev in reversed(d.markers(max(0, mk.start - 60), mk.start)):
        if prev.level != "named" or prev.end > cur.start or d.text[prev.end:cur.start] not in lex.grammar.list_joins:
            break
        group.append(prev)
        cur = prev
    if len(group) < 2 or any(m.region is None for m in group):
        return None
    up = {"county": "prefecture", "prefecture": "province"}
    parents = {g.parent(m.region, up.get(m.region.level, "")) if m.region.level in up else None for m in group}
    if len(parents) != 1 or None in parents:
        return None
    parent = parents.pop()
    kids = g.children(parent)
    if not kids:
        return None
    return parent if {m.region.code for m in group} >= kids else cur.start


_PART = 10  # how far from the paragraph's time expression its part of a year is read (今年1至10月)


def _part_of_year(d: _Doc, at: int) -> bool:
    """Whether the time expression at ``at`` (-1: none) is a part of a year (今年以来, 1至9月)."""
    return at >= 0 and lexicon().grammar.part_of_year.search(d.text, at, max(d.period_ends.get(at, at), at + _PART)) is not None


_ANAPHORA_NEAR = 16  # how far after a time expression's start the figure named again (这一数字) may stand


_FROM_OWN = regex.compile(r"[^,;:。\d]{1,12}?的(?=\d)")  # (由|从)2019年的/去年同期的 before the from's figure


class _Periods:
    """A sentence's time expressions, looked up by position: the last before a point, skipping
    comparison bases (较2021年, 比2017年) and, for rates, 年均 (annual) ones, each by bisection."""

    __slots__ = ("items", "pos", "last_own", "last_dated", "last_year", "base", "running", "local", "text")

    def __init__(self, periods, text: str = "", outer: Period | None = None):
        if periods and outer is not None and outer.start is not None and outer.end is not None \
                and outer.start < outer.end and text.startswith(lexicon().grammar.up_to_now, periods[0][0]) \
                and periods[0][1].end == outer.end:
            # 2021年以来,全区深入开展…。…截至目前,全区累计打掉…: up to now, of the span its paragraph runs over
            # (outer: given only for a sentence with a running total)
            periods = [(periods[0][0], outer), *periods[1:]]
        self.items, self.pos, self.text = periods, [p for p, _ in periods], text
        self.last_own, self.last_dated, self.last_year, self.base = [], [], [], []
        self.running = [p.start is None and is_running(text, pos) for pos, p in periods]
        g = lexicon().grammar
        # (2012年这一数字为92.85%: a time right before the figure named again is its clause's alone)
        # (由去年同期的5126起下降至3721起,同比下降27.4%: the from's own time is its alone too)
        # (2013年至2017年,全市年均调处矛盾纠纷4.8万件,累计打掉…216个: 年均 is its own clause's alone)
        self.local = [((m := g.anaphora.search(text, pos, pos + _ANAPHORA_NEAR)) is not None and not any(
            c in text[pos:m.start()] for c in ",;:。")) or (text[pos - 1:pos] in g.from_lead and _FROM_OWN.match(text, pos))
            or p.label == "annual" for pos, p in periods]
        own = dated = year = -1
        for k, (pos, p) in enumerate(periods):
            base = g.is_base(text, pos)
            self.base.append(base)
            # 2021年以来,…截至目前,全区累计打掉…: "up to now" ends the span before it, it starts no period
            ends_span = own >= 0 and text.startswith(g.up_to_now, pos) and periods[own][1].start is not None \
                and periods[own][1].start != periods[own][1].end
            if not base and not ends_span:
                own = k
                if p.label != "annual":
                    dated = k
                if p.start is not None:
                    year = k
            self.last_own.append(own)
            self.last_dated.append(dated)
            self.last_year.append(year)

    def before(self, at: int, rate: bool, clause: int = -1) -> Period | None:
        k = bisect_left(self.pos, at) - 1
        if k >= 0:
            # (a rate 年均保持在97%以上 is a level over the years around it, not per year)
            k = self.last_dated[k] if rate else self.last_own[k]
        while k >= 0 and self.local[k] and self.pos[k] < clause:
            k = self.last_own[k - 1] if k >= 1 else -1  # (…,2012年这一数字为92.85%;满意度为89.74%: not 2012's)
        if k >= 0 and self.running[k] and self.pos[k] < clause:
            # 2023年…,连续五年位居全省前列;满意度达96.58%: a run of years (连续五年) says how long
            # its own clause held, not when the clauses after it were measured (近年来 does)
            k = self.last_year[k]
        elif k >= 1 and self.running[k] and self.items[k - 1][1].start is not None \
                and self.items[k - 1][1].start != self.items[k - 1][1].end:
            # 2013年至今,全盟群众安全感连续七年保持在95%以上: the run is over the span before it, its
            # first years as many as the run says (2019年以来…连续六年, told in 2025: 2019-2024)
            span, n = self.items[k - 1][1], run_length(self.text, self.pos[k])
            if n and span.end is not None and span.start + n - 1 < span.end:
                return Period.of(span.start, span.start + n - 1)
            k -= 1
        return self.items[k][1] if k >= 0 else None

    def last(self, at: int) -> Period | None:
        k = bisect_left(self.pos, at) - 1
        return self.items[k][1] if k >= 0 else None

    def base_before(self, at: int) -> Period | None:
        """The comparison base (比2017年) nearest before a point, when it is the last time expression."""
        k = bisect_left(self.pos, at) - 1
        return self.items[k][1] if k >= 0 and self.base[k] else None


def _period_of(d: _Doc, items: list, i: int, when: _Periods, default, report=None) -> Period:
    """The time expression that governs a figure: the one a list gave it, else the last before it in
    its sentence, else the paragraph's, else the article's."""
    it, lex = items[i], lexicon()
    g = lex.grammar
    if isinstance(it.period, Period):
        return it.period
    if it.period == "span" and i >= 2:
        a = _period_of(d, items, i - 2, when, default, report)
        b = _period_of(d, items, i - 1, when, default, report)
        if a.start is not None and b.end is not None and a.start < b.end:
            return Period.of(a.start, b.end)
    best = when.before(it.fig.start, it.fig.unit == "%", it.clause[0])
    if it.period == "to" and i and items[i - 1].period == "from":
        fr = items[i - 1]
        lead = max(d.text.rfind(w, fr.seg, fr.fig.start) for w in g.from_lead)
        if lead >= 0 and d.periods.any_between(lead, fr.fig.start) and not d.periods.any_between(fr.fig.end, it.fig.start):
            # (1至8月,立案数由去年同期的5126起下降至3721起: the time of the from's own words is the from's;
            # the to is under the time before them)
            best = when.before(lead, it.fig.unit == "%", it.clause[0])
    if it.period in ("from", "to"):
        if g.year_own.search(d.text, max(it.seg, it.fig.start - 12), it.fig.start) and when.last(it.fig.start):
            return when.last(it.fig.start)  # 由2016年的94.31%: the end's own year, written
        p = best or default
        if p is not None and p.start is not None and p.end is not None and p.start < p.end:
            y = p.start if it.period == "from" else p.end  # a from–to inside one span: its two ends
            if it.period == "to" and _reported_within(report, p):
                y = report.start  # 2020年以来…由a%提升至b% in January 2025, on 2024: b is 2024's
            return Period.of(y, y)
    change = lex.is_change(it.key)
    if not change and g.year_own.search(d.text, max(it.seg, it.fig.start - 12), it.fig.start):
        best = when.last(it.fig.start) or best  # 比2016年的93.2%: the base year's own figure
    base = when.base_before(it.fig.start) if change else None
    if base is not None and base.start is not None:
        own = best if best is not None else default
        if own is not None and own.end is not None and base.start < own.end - 1:
            return Period.of(base.start, own.end)  # 2022年比2017年下降46.2%: a change over 2017–2022
    if best is not None and best.start is not None and best.start == best.end and not best.label[4:]:
        m = g.last_year.search(d.text, it.seg, it.fig.start)
        if m and not d.periods.any_between(m.start(), m.end()):
            return Period.of(best.start - 1, best.start - 1)  # 2022年,…由上年的95.1%上升至96.3%
    if best is not None:
        return best
    if not when.items and d.cumulative.any_between(it.clause[0], it.fig.start - 1) \
            and (default is None or default.start is None or default.start == default.end) \
            and not _part_of_year(d, d.para_at if d.para_at >= 0 else d.art.period_at) \
            and not (d.para_at >= 0 and not d.text[d.text.rfind("\n", 0, d.para_at) + 1:d.para_at].strip()):
        # a running total with no time of its own is not the paragraph's year (a span's, it is; and so
        # is the year that opens the paragraph: 2022年,全市…。反诈中心累计预警劝阻…; and a part of a
        # year the paragraph runs over, or, when it names no time, the article: 今年以来…。…全市累计劝阻…)
        return UNKNOWN
    if report is not None and best is None and g.whole_year.search(d.text, max(it.clause[0], it.fig.start - 40), it.fig.start):
        return report  # 全年见面劝阻…: the year the article reports on, not the paragraph's first year
    return default or UNKNOWN


def _reported_within(report, span: Period) -> bool:
    """Whether the year an article reports on (one year) falls inside a span and before its end:
    a span counted up to the text's own year (2020年以来) in a text told after the year it reports on."""
    return report is not None and report.start is not None and report.start == report.end \
        and not report.label[4:] and span.start < report.start < span.end


def _future(d: _Doc, ss: int, se: int) -> int | None:
    """Where a sentence starts speaking of a year after the text's own (到2025年, 2025年目标), or None."""
    if d.pub is None:
        return None
    for at, year in d.target_years.between(ss, se):
        if year > d.pub:
            return at
    return None




def _trend(norm, ss, se, art, periods, para_period, doc, rows):
    lex = lexicon()
    for m in lex.trend.finditer(norm, ss, se):
        cs, ce = ss, se  # a trend is told across clauses: quote the sentence
        period = next((p for pos, p in reversed(periods) if pos <= m.start()), para_period or UNKNOWN)
        region = art.home
        rows.append(make_row(
            doc=doc, region=region.name if region else "", level=region.level if region else "",
            indicator=lex.trend_key, value=math.nan, unit="", qualifier="exact",
            period_start=period.start, period_end=period.end, period=period.label,
            quote=norm[cs:ce], start=cs, end=ce, family=lex.trend_family,
            attribution=art.attribution if region else "unknown", value_start=m.start(), value_end=m.end()))
        break
