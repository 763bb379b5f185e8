"""Time expressions -> (period_start, period_end, label).

``2021年度`` -> 2021; ``2022年上半年`` -> 2022H1; ``三年(2018至2020)`` -> 2018-2020;
``2018年以来`` / ``十年来`` / ``5年累计`` -> through the publication year;
``今年以来`` / ``目前`` -> the publication year; ``近年来`` -> unknown.
"""
from __future__ import annotations

import functools
import pathlib
import re
import tomllib
from dataclasses import dataclass

import regex

from .located import after_last
from .normalise import BRIEF_HEADING
from .numbers import parse_number
from .regions import gazetteer

_Y = r"(?:19|20)\d{2}"
_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
# January to the end of a month (1-6月, 1至9月, 1月—3月, 1至10月): the part of the year it is
_MONTHS = r"(?<!\d)1月?[-—~至到](?:1[0-2]|[2-9])月(?!\d)"  # (not in 11至12月)
# (the contract labels a half (2022H1) and no other part of a year: 1至9月, 前三季度 and 一季度 are
# labelled with their year, as 1至8月 is)
_MONTHS_LABEL = {"6": "H1"}


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    label: str

    @staticmethod
    def of(start, end, suffix=""):
        if start is None:
            return Period(None, None, "")
        label = str(start) if start == end else f"{start}-{end}"
        return Period(start, end, label + suffix)


UNKNOWN = Period(None, None, "")


@functools.lru_cache(maxsize=1)
def _event_data() -> dict:
    """data/events.toml, read once: dated events, campaigns, their kinds, lengths and bare words."""
    path = pathlib.Path(__file__).with_name("data") / "events.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.setdefault("campaigns", {})
    return data


def _done_names() -> list[str]:
    """The names a campaign of known length goes by (扫黑除恶专项斗争, and the bare 专项斗争 that means
    it: data/events.toml [campaign_years], [campaign_words]), longest first."""
    data = _event_data()
    known = data.get("campaign_years", {})
    names = [*known, *(w for w, c in data.get("campaign_words", {}).items() if c in known)]
    return sorted(names, key=len, reverse=True)


def _campaign_prefixes() -> str:
    """扫黑除恶|打黑除恶: what stands before 专项斗争 in a campaign's name (data/events.toml [campaigns]),
    read after a year and month (2018年1月扫黑除恶专项斗争开展以来: the month it began)."""
    names = [n[:-len("专项斗争")] for n in _event_data()["campaigns"] if n.endswith("专项斗争")]
    return "|".join(map(re.escape, names)) or "(?!)"


def _campaign_done_rx():
    """A campaign of known length named with its outcome (data/events.toml [campaign_done])."""
    d = _event_data()["campaign_done"]
    alt = lambda ws: "|".join(map(re.escape, ws))  # noqa: E731
    return re.compile(rf"(?P<name>{alt(_done_names())})(?:(?:{alt(d['verbs'])})了?(?:{alt(d['degrees'])})?"
                      rf"(?:{alt(d['outcomes'])})|{alt(d['closed'])})")


# In priority order. Plain `re` where it runs faster on the anchor segments (most), `regex` where
# it does not (since). A pattern that starts with optional words (campaign, nyears, this_half) first
# looks ahead for a character a match can start with: `re` then gives up at most positions at once.
PATTERNS = [
    # (2018年1月专项斗争开展至2020年底: the campaign's own words may stand between its start and end)
    ("range", re.compile(rf"(?P<a>{_Y})年?(?:\d{{1,2}}月)?(?:(?:扫黑除恶)?专项(?:斗争|行动)(?:开展|启动)?)?(?:至|到|-|—|~|－)(?P<b>{_Y})年?")),
    ("campaign", re.compile(rf"(?=[12专常为扫\d一二两三四五六七八九十])"
                            rf"(?:(?:(?P<y>{_Y})年(?:\d{{1,2}}月(?:{_campaign_prefixes()})?)?)?(?:专项斗争|专项行动|常态化(?:开展)?扫黑除恶(?:斗争)?|扫黑除恶(?:斗争)?常态化)(?:开展)?以来"
                            rf"|为期(?P<n>{_N})年的(?:扫黑除恶)?专项斗争(?P<more>和常态化扫黑除恶)?"
                            rf"|(?:(?P<n2>{_N})年)?(?:扫黑除恶)?专项斗争期间"
                            rf"|(?<=[,;:。\n])常态化以来)")),  # (…,常态化以来破获…: the word alone, after a clause's start)
    # (2021年转入常态化以来, 2023年3月整治行动开展以来: a few words of what began may stand before 以来)
    ("since", regex.compile(rf"(?:自|从)?(?P<a>{_Y})年(?:\d{{1,2}}月)?(?:以来|至今|开始|起|来|[^,;:。!?\d年\n]{{1,16}}?以来)")),
    ("campaign_done", _campaign_done_rx()),  # data/events.toml [campaign_done]
    ("half", re.compile(rf"(?P<a>{_Y})年(?:度)?(?P<h>上半年|下半年|前三季度|一季度|第一季度|{_MONTHS})")),
    ("year", re.compile(rf"(?P<a>{_Y})年(?:度)?(?!\d{{1,2}}月\d)")),
    ("since_party", re.compile(r"党的十八大以来|十八大以来")),
    # a five-year plan's years: “十三五”期间 2016-2020, 十四五以来 2021 to the text's year, 十二五末 2015
    ("plan", re.compile(r"(?P<n>十[一二三四五])五[”\"]?(?P<w>期间|时期|以来|末)")),
    ("running", re.compile(rf"连续(?:第)?(?:{_N}|多)年")),  # (连续多年: a run of no told length)
    ("annual", re.compile(r"年均")),
    ("nyears", re.compile(rf"(?=[近过这最\d一二两三四五六七八九十])"
                          rf"(?:(?:近|过去|这|最近)?(?P<n>{_N})年多?(?:来|以来|累计|间)|(?:过去|近|这)(?P<n2>{_N})年)")),
    ("this_half", re.compile(rf"(?=[今上下前第一1])(?:今年)?(?P<h>上半年|下半年|前三季度|第一季度|一季度|{_MONTHS})")),
    ("this_year", re.compile(r"今年以来|今年|目前|截至目前|截至当前|截[至止]今年|当前(?!位置)|本年度")),  # (当前位置: a page's breadcrumb)
    ("last_year", re.compile(r"去年(?P<since>以来)?|上年度")),
    ("recent", re.compile(r"近年来|近几年|多年来|长期以来|一直以来")),
]
_RUNNING = dict(PATTERNS)["running"]
_DONE = dict(PATTERNS)["campaign_done"]
# Words one of which every match of a pattern holds: a pattern whose words a text lacks is not run.
_NEEDS = {"campaign": ("以来", "为期", "期间"), "campaign_done": tuple(_done_names()), "since_party": ("十八大",), "plan": ("十一五", "十二五", "十三五", "十四五", "十五五"), "running": ("连续",), "annual": ("年均",),
          "this_half": ("半年", "季度", "1月", "1至", "1到", "1-", "1—", "1~"), "this_year": ("今年", "目前", "当前", "本年度"),
          "last_year": ("去年", "上年度"), "recent": ("年来", "近几年", "以来")}
# Every pattern above holds one of these: 年, 目前, 当前, 十八大, 十N五, 以来, 斗争 (every campaign
# name of campaign_done: tests/test_periods.py checks) or a year. Written
# first-character first, which re scans for several times faster than the plain alternation.
_ANCHOR = re.compile(r"[年目当十以12季月期斗](?:(?<=年)|(?<=目)前|(?<=当)前|(?<=十)八大|(?<=十)[一二三四五]五|(?<=以)来|(?<=1)9\d\d|(?<=2)0\d\d|(?<=季)度|(?<=月)|(?<=期)间|(?<=斗)争)")
_HALF = {"上半年": "H1", "下半年": "H2"}
_FUTURE = regex.compile(rf"(?<!\d年|\d)(?:到|至|在)(?P<a>{_Y})年(?!度)|(?P<b>{_Y})年(?:远景|目标|前|规划)")  # (在2022年度…调查中 is past)


def _events() -> dict:
    return _event_data()["events"]


def _campaign_spans():
    """(name, its years) of every campaign whose start and length data/events.toml give."""
    data = _event_data()
    for name, n in data.get("campaign_years", {}).items():
        start = data["campaigns"].get(name)
        if start is not None:
            yield name, Period.of(start, start + n - 1)


def _campaign_before(text: str, at: int, n: int) -> Period | None:
    """The years of an n-year campaign named just before ``at`` in its paragraph (its sentence, or a
    heading sentence before it: 二是扫黑除恶专项斗争取得决定性胜利。三年来,…), or None."""
    lead = text[max(0, at - _CAMPAIGN_BEFORE):at]
    lead = lead[lead.rfind("\n") + 1:]
    # (or the text's headline: 山西省“…扫黑除恶专项斗争”新闻发布会实录 / … / 三年来,太原市公安机关共打掉…)
    nl = text.find("\n", 0, _HEADLINE)
    head = text[:nl] if nl >= 0 else ""  # (a first line longer than that is no headline)
    return next((p for name, p in _campaign_spans() if p.end - p.start + 1 == n and (name in lead or name in head)), None)


def _years_before(text: str, at: int, n: int) -> Period | None:
    """The span of the years its sentence names before ``at``, when it is n years long from the first
    to the last (2018年、2019年、2020年 or 2018年至2020年 before 三年累计), else None."""
    years = {int(y) for y in _YEAR.findall(text, after_last(text, "。!?\n", 0, at), at)}
    return Period.of(min(years), max(years)) if len(years) >= 2 and max(years) - min(years) + 1 == n else None


_CAMPAIGN_BEFORE = 30
_HEADLINE = 80  # a text's first line, when no longer than this, is its headline


def _plan_before(text: str, at: int, n: int, pub: int) -> Period | None:
    """The years of the five-year plan (十三五) the text names last before ``at``, when n is its
    length and the text is told in its last year or the year after, else None."""
    if n != 5 or text.find("五", 0, at) < 0:
        return None
    last = None
    for last in _PLAN_NAME.finditer(text, 0, at):
        pass
    if last is None:
        return None
    first = 2006 + 5 * "一二三四五".index(last.group(1))  # the 11th plan began in 2006
    return Period.of(first, first + 4) if first + 4 <= pub <= first + 5 else None


_PLAN_NAME = re.compile(r"十([一二三四五])五")


def campaign_span(text: str) -> Period | None:
    """The years of the campaign text names whose length is known (扫黑除恶专项斗争工作总结 ->
    2018-2020), or None."""
    return next((p for name, p in _campaign_spans() if name in text), None)


_BYLINE = re.compile(rf"(?:发布|更新|发表|时间|日期|来源)[^\n]{{0,12}}?(?P<y>{_Y})[-年/.]\d{{1,2}}")  # re: 1.5x faster
_DATE_LINE = regex.compile(rf"\s*(?:[(\[]\p{{Han}}{{2,30}}\s*(?=(?:19|20)\d\d(?:年|[-/.]\d{{1,2}}[-/.]\d{{1,2}})[^)\]]*[)\]]\s*$))?"
                           rf"[(\[]?(?P<y>{_Y})(?:年\d{{1,2}}月(?:\d{{1,2}}日)?|[-/.]\d{{1,2}}[-/.]\d{{1,2}})[)\]]?\s*")
# (a closing line may name its author in the brackets: (某市公安局 2023年11月8日))
# A full date (年月日 or 2019-03-12, 2019/3/12, 2019.03.12), and a short header line holding one
# (a dateline, 作者:张三 2019-03-12, 2019/3/12 来源:XX日报): the text's own date.
_FULL_DATE = re.compile(rf"(?<!\d)(?P<y>{_Y})(?:[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d)|年\d{{1,2}}月\d{{1,2}}日)")
_HEADER_LINES, _HEADER_LINE_MAX = 4, 48
# A brief's heading line in a compilation: a place-led title and its dated bracket (滁州:群众安全感再创新高(2024-10-28)).
_DATED_HEADING = re.compile(rf"(?m)^{BRIEF_HEADING}$")
_YEAR = regex.compile(rf"(?<!\d)({_Y})年")


def dated_year(text: str) -> int | None:
    """The year the text itself says it was published: a dated byline or a closing date line."""
    m = _BYLINE.search(text)
    if m:
        return int(m.group("y"))
    # a short line at the top (a site's dateline above the headline, 延边新闻网2012-12-26来源:…) or
    # under the headline that holds a full date and no sentence (no comma or full stop)
    for line in text.split("\n", _HEADER_LINES + 1)[:_HEADER_LINES + 1]:
        if len(line) <= _HEADER_LINE_MAX and not any(c in line for c in ",。;"):
            m = _FULL_DATE.search(line) or _DATE_LINE.fullmatch(line)  # (or a dated bracket: (某办公室 2021年1月))
            if m:
                # (a compilation's briefs, each under a dated heading line (滁州:…(2024-10-28)): it was
                # put together after the latest of them)
                heads = list(_DATED_HEADING.finditer(text))
                return max(int(h.group("y")) for h in heads) if any(h.start() >= m.end() for h in heads) \
                    else int(m.group("y"))
    last = text.rsplit("\n", 9)  # the last lines without splitting the whole text
    tail = "\n".join(last[1:]) if len(last) == 10 else text
    for line in reversed(tail.splitlines()[-8:]):
        m = _DATE_LINE.fullmatch(line)
        if m:
            return int(m.group("y"))
    return None


_NOT_GIVEN = object()


def publication_year(text: str, dated=_NOT_GIVEN) -> int | None:
    """The year a text was published: a dated byline, a closing date line, else its latest past year
    (no earlier than the dated events it mentions, data/events.toml). dated: dated_year(text) (an int
    or None), when the caller has it."""
    dated = dated_year(text) if dated is _NOT_GIVEN else dated
    if dated is not None:
        return dated
    future = {int(m.group("a") or m.group("b")) for m in _FUTURE.finditer(text)}
    years = [int(y) for y in _YEAR.findall(text)]
    past = [y for y in years if y not in future]
    latest = max(past) if past else (max(years) if years else None)
    events = _events()
    if latest is not None and latest >= max(events.values(), default=0):
        return latest  # no event can be later: their names need not be looked for
    floor = max((y for e, y in events.items() if e in text), default=None)
    if floor is not None and (latest is None or floor > latest):
        return floor
    return latest


def _named_campaign(words: str, data: dict) -> str | None:
    """The campaign (data/events.toml) words name: by its name, else by a word that means it
    (专项斗争 -> 扫黑除恶专项斗争), or None."""
    return next((name for name in data["campaigns"] if name in words), None) \
        or next((c for w, c in data.get("campaign_words", {}).items() if w in words), None)


def _campaign(text: str, m, pub) -> Period | None:
    """专项斗争开展以来: from the start of the campaign named last before it (data/events.toml);
    为期三年的扫黑除恶专项斗争, 三年专项斗争期间: that campaign's years (专项斗争期间: all of them);
    2021年常态化…以来: that year."""
    if m.group("y"):
        y = int(m.group("y"))
        data = _event_data()
        which = _named_campaign(m.group(0), data)
        n = data.get("campaign_years", {}).get(which)
        if n and data["campaigns"].get(which) == y and pub:
            if pub == y + n:
                return Period.of(y, y + n - 1)  # 2018年…专项斗争开展以来, told the year after it closed: its years
            if y < pub < y + n:
                return Period.of(y, pub)  # 2018年专项斗争开展以来, told while it ran (2019): up to the text's year
        if "月" in m.group(0)[:12] and pub and pub > y:
            return Period.of(y, pub)  # 2023年3月专项行动开展以来: since a month of that year, up to the text's
        return Period.of(y, y)
    during = "期间" in m.group(0)
    count = m.group("n") or m.group("n2")
    names = bool(m.group("n")) or during  # the match names its campaign (为期三年的…专项斗争, …专项斗争期间)
    data = _event_data()
    best, at, which = None, -1, None
    # a campaign of the kind the match names (专项斗争 is not a 专项行动)
    kinds = [w for w in data.get("campaign_kinds", {}).get("words", ()) if w in m.group(0)]
    for name, year in data["campaigns"].items():
        if kinds and not any(w in name for w in kinds):
            continue
        i = text.rfind(name, 0, m.start() if names else m.end())
        if names and name in m.group(0):
            i = m.end()  # 为期三年的扫黑除恶专项斗争: the campaign it names
        if i > at:
            best, at, which = year, i, name
    if best is None:  # 专项斗争开展以来 in a text that names no campaign before it: the one the word means
        which = _named_campaign(m.group(0), data)
        best = data["campaigns"].get(which)
    if best is None:
        return None
    if count and not m.group("more"):
        n = _n(count)
        return Period.of(best, best + n - 1) if n else None
    n = data.get("campaign_years", {}).get(which)
    if during:
        return Period.of(best, best + n - 1) if n else None
    # 专项斗争开展以来 told in the year after the campaign closed (a summary of January 2021) is the
    # campaign's years; later (a 2023 text) the words count its normalised sequel too, up to the
    # text's year, as 为期三年的专项斗争和常态化扫黑除恶 does; in a text that names no year, up to a
    # year nobody can tell
    if pub is None:
        return UNKNOWN
    end = max(best, pub)
    if n and not m.group("more") and end == best + n:
        end -= 1
    return Period.of(best, end)


def _campaign_done(text: str, m, pub) -> Period | None:
    """扫黑除恶专项斗争取得决定性胜利,打掉…: the campaign's years, when the text is told in its last year
    or later and the sentence names no year of its own before it; else None."""
    data = _event_data()
    which = m.group("name") if m.group("name") in data["campaigns"] else data["campaign_words"][m.group("name")]
    first, n = data["campaigns"].get(which), data.get("campaign_years", {}).get(which)
    if first is None or not n or pub is None or pub < first + n - 1:
        return None
    s = after_last(text, "。!?\n", 0, m.start())
    if _YEAR.search(text, s, m.start()):
        return None  # 2020年,扫黑除恶专项斗争取得决定性胜利,打掉…: that year's
    return Period.of(first, first + n - 1)


def _n(s: str) -> int | None:
    v = parse_number(s)
    return int(v) if v else None


def find_periods(text: str, start: int, end: int, pub: int | None, ends: dict | None = None):
    """(position, Period) for every time expression in text[start:end], in order; ends, when given,
    gets each one's end by its position."""
    found = []
    taken: set[int] = set()  # offsets already inside an earlier (higher-priority) expression
    segments = _segments(text, start, end)
    for kind, rx in PATTERNS:
        needs = _NEEDS.get(kind)
        if needs is not None and all(text.find(w, start, end) < 0 for w in needs):
            continue
        for m in (m for s, e in segments for m in rx.finditer(text, s, e)):
            if not taken.isdisjoint(range(m.start(), m.end())):
                continue
            p = _campaign(text, m, pub) if kind == "campaign" else _campaign_done(text, m, pub) \
                if kind == "campaign_done" else _period(kind, m, pub)
            if p is None:
                continue
            taken.update(range(m.start(), m.end()))
            found.append((m.start(), p, m.end()))
    found.sort(key=lambda x: x[0])
    # 三年来(2018年至2020年): the years in brackets right after a count of years say which they are
    found = [f for f, g in zip(found, found[1:] + [None])
             if not (g is not None and g[0] == f[2] + 1 and text[f[2]:f[2] + 1] == "(" and g[1].start is not None
                     and f[1].start is not None and f[1].start != f[1].end)]
    # 库车市(2019年撤县设市)电诈发案…: a year in brackets right after a place's name is a note on the
    # place, no figure's time
    found = [f for f in found if not _place_note(text, f[0], f[1])]
    # 2025年政法工作会议 (held early in 2025, on 2024): a meeting's name, no figure's time
    found = [f for f in found if f[1].start is None or f[1].start != f[1].end or f[1].label[4:]
             or _meeting().match(text, f[2]) is None]
    if ends is not None:
        for pos, _, e in found:
            ends[pos] = e
    return [(pos, p) for pos, p, _ in found]


def _place_note(text: str, pos: int, p: Period) -> bool:
    if pos < 2 or text[pos - 1] != "(" or text[pos - 2] not in _event_data()["meeting"]["place_ends"] \
            or p.start is None or p.start != p.end:
        return False  # (a span in brackets says which years: 全区(2018年至2020年))
    close = text.find(")", pos, pos + _NOTE)
    if close < 0 or "%" in text[pos:close]:
        return False
    # (a place's own name before the bracket, not a scope word: 全区(…))
    return any(e == pos - 1 for _, e, _, _ in gazetteer().find(text, max(0, pos - 1 - _NAME), pos - 1))


@functools.lru_cache(maxsize=1)
def _meeting():
    """A meeting's name right after a year (data/events.toml [meeting])."""
    m = _event_data()["meeting"]
    return regex.compile(rf"(?:度)?(?:(?!{'|'.join(m['not_in_name'])})[^,;:。!?\n\d]){{0,16}}?(?:{'|'.join(m['names'])})")


_NOTE, _NAME = 16, 12


def is_outcome(text: str, pos: int) -> bool:
    """Whether the time expression at pos is a campaign named with its outcome (专项斗争取得决定性胜利),
    which governs its own sentence only."""
    return _DONE.match(text, pos) is not None


def is_running(text: str, pos: int) -> bool:
    """Whether the time expression at pos is a run of years (连续五年), with no year of its own."""
    return _RUNNING.match(text, pos) is not None


def run_length(text: str, pos: int) -> int | None:
    """How many years the run at pos (连续四年) says, or None."""
    m = _RUN_N.match(text, pos)
    return _n(m.group(1)) if m else None


_RUN_N = re.compile(rf"连续({_N})年")  # (连续第五年 names one year of a run, not its length)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of text[start:end] where a time expression can be: every one holds an
    anchor (年, 以来, 目前, 当前, 十八大, 季度, 月至, 斗争 or a year) and spans at most 16 characters before
    and 24 after it, lookaheads included. Scanning only these is the same as scanning all, faster.
    Stretches less than 48 characters apart are joined: one scan costs less than two calls."""
    out: list[list[int]] = []
    for s, e in [m.span() for m in _ANCHOR.finditer(text, start, end)]:
        s, e = s - 16, e + 24
        if out and s <= out[-1][1] + 48:
            out[-1][1] = e  # ends only grow: anchors come in order and do not overlap
        else:
            out.append([max(s, start), e])
    if out and out[-1][1] > end:
        out[-1][1] = end
    return [(s, e) for s, e in out]


def _part(h: str) -> str:
    """The label of a part of a year: 上半年 -> H1, 1至6月 -> H1, 1至9月 -> "" (the year alone)."""
    return _HALF.get(h) or _MONTHS_LABEL.get(h.rstrip("月")[-1:], "")


def _period(kind, m, pub):
    if kind == "range":
        a, b = int(m.group("a")), int(m.group("b"))
        return Period.of(a, b) if a <= b else None
    if kind == "since":
        a = int(m.group("a"))
        return Period.of(a, max(a, pub or a))
    if kind == "half":
        a = int(m.group("a"))
        return Period.of(a, a, _part(m.group("h")))
    if kind == "year":
        a = int(m.group("a"))
        return Period.of(a, a)
    if kind == "since_party":
        return Period.of(2012, pub) if pub and pub >= 2012 else Period(2012, None, "2012-")
    if kind == "nyears":
        n = _n(m.group("n") or m.group("n2"))
        if not n or not pub or n > 40:
            return None
        if n == 1:  # 一年来, 过去一年: the year being reported on
            return Period.of(pub - 1, pub - 1)
        named = _years_before(m.string, m.start(), n)
        if named is not None:
            return named  # 2018年、2019年、2020年,…分别…;三年累计…: the n years its sentence has named
        campaign = _campaign_before(m.string, m.start(), n) if m.group(0)[-1] in "来间" else None
        if campaign is not None and pub <= campaign.end + 1:
            return campaign  # 扫黑除恶专项斗争圆满收官,三年来共打掉…: the campaign's three years (in a text of them)
        plan = _plan_before(m.string, m.start(), n, pub)
        if plan is not None:
            return plan  # “十三五”以来,…五年间 (told in 2020 or 2021): the plan's five years
        if m.group("n2") and m.group(0).startswith("过去"):
            return Period.of(pub - n, pub - 1)  # 过去五年 (a report of 2023): the five whole years before it
        return Period.of(pub - n, pub)
    if kind == "running":
        return UNKNOWN  # 连续12年保持在90%以上: a run of years, not one of them
    if kind == "annual":
        return Period(None, None, "annual")
    if kind == "this_half":
        return Period.of(pub, pub, _part(m.group("h"))) if pub else UNKNOWN
    if kind == "this_year":
        return Period.of(pub, pub) if pub else UNKNOWN
    if kind == "last_year":  # (去年以来: since last year, to the text's)
        return Period.of(pub - 1, pub if m.group("since") else pub - 1) if pub else UNKNOWN
    if kind == "plan":
        first = 2006 + 5 * ("一二三四五".index(m.group("n")[1]))  # the 11th plan began in 2006
        last, w = first + 4, m.group("w")
        if w == "末":
            return Period.of(last, last)
        if w == "以来" or (pub and first <= pub < last):  # a plan still running: up to the text's year
            return Period.of(first, max(first, pub)) if pub else UNKNOWN
        return Period.of(first, last)
    if kind == "recent":
        return UNKNOWN
    return None
