"""Split a text into articles and decide whose figures each one reports.

A compilation glues many articles together and may mask place names as "XX".
Paragraphs carry *evidence*: the divisions they name and the scope words they
use (全省, 全市, 全州, 全区, 我市, XX市). A new article starts where a paragraph's
evidence contradicts the article so far (places in another province, another
kind of scope, another voice); the cut goes at the most opening-like paragraph
since the last evidence. Each article's home region is then inferred from the
division hierarchy: its own name when it says it, else the one division that
contains most of the places it names.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

import regex

from .indicators import lexicon
from .located import Located
from .regions import NATIONAL, Region, gazetteer

# 全省/我市/本州/XX市/该县 ...; not when it ranks (全省第一, 在全省率先, 全市乃至).
# 全省平均(水平) is a marker (its figure in brackets is the province's) but no evidence of the article's
# own level, and only a figure in its own words takes it (Marker.average).
SCOPE = regex.compile(r"(?P<who>全|我|本|该|XX)(?P<kind>省|市|州|盟|区|县|旗)(?!第|前列|前|率先|唯一|首|乃至|排名|领先|最|范围|一流|级|委|直|属)"
                      r"|(?P<aut>自治区)(?!党委|政府|公安厅)?|(?P<nat>全国|我国)(?!第|前列|率先|首|推广|先进|各|范围|示范|优秀|表彰|重点|性)"
                      r"|(?P<mask>XX)(?![省市州区县盟旗])")
# scope_markers and _evidence unpack m.groups() (by name, the regex module is ~1 µs a group)
assert tuple(sorted(SCOPE.groupindex, key=SCOPE.groupindex.get)) == ("who", "kind", "aut", "nat", "mask")
KIND_LEVEL = {"省": "province", "市": "prefecture", "州": "prefecture", "盟": "prefecture", "区": "region",
              "县": "county", "旗": "county"}


@dataclass
class Marker:
    start: int
    end: int
    level: str | None        # province | prefecture | region | county | national | home
    region: Region | None = None
    masked: bool = False
    average: bool = False    # 全省平均: the level's average, named only for a figure of its own
    kind: str = ""           # the scope word's kind (市, 州, 省 …)
    maker: bool = False      # a place in a survey's maker's name (湖北省统计局): whose figure it is not
    name_end: int = -1       # a name's own end when its marker spans its scope word after it (营口全市)

    def within(self, end: int):
        """This marker as a scan ending at ``end`` finds it: a name whose scope word runs past the
        end is the name alone, or None when even that does not end by it."""
        if self.end <= end:
            return self
        if 0 <= self.name_end <= end:
            return dataclasses.replace(self, end=self.name_end, average=False, name_end=-1)
        return None


class Scan:
    """Scope words and named divisions found by one pass over a whole text, looked up by range.
    Without it every paragraph and clause is scanned again on its own (same result, slower)."""

    def __init__(self, text: str):
        self.text = text
        scopes, places = list(SCOPE.finditer(text)), list(gazetteer().find(text))  # both come in order
        self.scopes = Located(scopes, [m.start() for m in scopes])
        self.places = Located(places, [p[0] for p in places])

    def scopes_in(self, start: int, end: int):
        return [m for m in self.scopes.between(start, end) if m.end() <= end]

    def places_in(self, start: int, end: int):
        return [p for p in self.places.between(start, end) if p[1] <= end]


def _scopes(text, start, end, scan: Scan | None):
    return SCOPE.finditer(text, start, end) if scan is None else scan.scopes_in(start, end)


def _places(text, start, end, scan: Scan | None):
    return gazetteer().find(text, start, end) if scan is None else scan.places_in(start, end)


def scope_markers(text: str, start: int, end: int, article: "Article | None" = None,
                  scan: Scan | None = None) -> list[Marker]:
    """Scope words and named divisions in text[start:end], in order."""
    out = []
    for m in _scopes(text, start, end, scan):
        who, kind, aut, nat, mask = m.groups()
        avg = text.startswith("平均", m.end())
        if nat:
            out.append(Marker(m.start(), m.end(), "national", NATIONAL, average=avg))
        elif aut:
            out.append(Marker(m.start(), m.end(), "region", average=avg))
        elif mask:
            out.append(Marker(m.start(), m.end(), "home", masked=True))
        else:
            out.append(Marker(m.start(), m.end(), KIND_LEVEL[kind], masked=who == "XX", average=avg, kind=kind))
    makers = gazetteer().survey_makers
    for s, e, form, cands in _places(text, start, end, scan):
        # (湖北省统计局测评达98.1%: the survey's maker, a place's words but not whose figure)
        out.append(Marker(s, e, "named", pick(cands, article), maker=text.startswith(makers, e),
                          average=text.startswith("平均", e)))  # (高于全疆平均水平(98.85%))
    if out:  # 某市全市…: the scope word is the named division's own, the name says whose; the name's
        # marker takes in the scope word (营口全市平均水平 is one place, and an average)
        named_ends = {p[1] for p in _places(text, max(0, start - 20), end, scan)}
        by_end = {mk.end: mk for mk in out if mk.level == "named"}
        kept = []
        for mk in out:
            if mk.level != "named" and mk.start in named_ends:
                name = by_end.get(mk.start)
                if name is not None:
                    name.name_end = name.end if name.name_end < 0 else name.name_end
                    name.end, name.average = mk.end, name.average or mk.average
                continue
            kept.append(mk)
        out = kept
    out.sort(key=lambda mk: mk.start)
    return out


def _top(counter: dict) -> tuple:
    """counter.most_common(1)[0] (first counted wins a tie), without building a heap."""
    return max(counter.items(), key=_count)


_count = itemgetter(1)


def pick(cands, article: "Article | None" = None) -> Region:
    """Choose among divisions sharing a name: the one inside the article's province, else the
    full name over a short form, else the higher level."""
    if len(cands) == 1:
        return cands[0][0]
    if article is not None and article.provinces:
        top = _top(article.provinces)[0]
        inside = [c for c in cands if c[0].code[:2] == top]
        if inside:
            cands = inside
    return min(cands, key=lambda c: (not c[1], _LEVEL_ORDER[c[0].level]))[0]


_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


@dataclass
class Article:
    start: int
    end: int
    provinces: Counter = field(default_factory=Counter)   # province code prefix -> mentions
    kinds: Counter = field(default_factory=Counter)       # scope kind -> count
    voice: Counter = field(default_factory=Counter)       # first (我市) / third (XX市) -> count
    mentions: list = field(default_factory=list)          # Region
    masked: int = 0
    national: int = 0                                      # 全国/我国 scope words
    headline: set = field(default_factory=set)            # codes of the divisions its first paragraph names
    home: Region | None = None
    level: str | None = None
    attribution: str = "unknown"
    head_key: str | None = None                            # the one survey indicator its headline names
    town: bool = False                                     # a town's or a street's own page (its headline names one)
    period_at: int = -1                                    # where the time expression it reports on stands, or -1

    def home_at(self, level: str, kind: str = "") -> Region | None:
        if self.home is None:
            return None
        if level == "home":
            return self.home
        if level == "national":
            return NATIONAL
        if self.home.level == "national":
            return None  # 全省 on a national page: which province is not said
        if level == "region":
            if self.home.level == "prefecture" and self.home.name.endswith("地区"):
                return self.home  # a 地区's 全区
            prov = gazetteer().parent(self.home, "province")
            if prov is not None and prov.autonomous:
                return prov
            return self.home if self.home.level == "county" else None
        if level == self.home.level or (level == "prefecture" and self.home.municipality):
            return self.home
        if kind == "市" and self.home.level == "county" and self.home.name.endswith("市"):
            return self.home  # a county-level city's 全市/我市 is itself
        order = ["province", "prefecture", "county"]
        if order.index(level) < order.index(self.home.level):
            return gazetteer().parent(self.home, level)
        return None  # 全县 in a city article: which county is not said


@dataclass
class _Evidence:
    provinces: dict   # province code prefix -> None, in order of first mention (a set's order is the hash seed's)
    kinds: dict       # scope kind -> count
    voice: dict       # first / third -> count
    regions: list
    masked: int
    national: int = 0
    early: bool = False  # whether a place that counts to provinces stands in the paragraph's first sentence


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _evidence(text: str, s: int, e: int, scan: Scan | None = None) -> _Evidence:
    kinds, voice, provinces, regions, masked, national = {}, {}, {}, [], 0, 0  # dicts: a Counter costs more
    rank = lexicon().grammar.ranks_field
    for m in _scopes(text, s, e, scan):
        who, kind, aut, nat, mask = m.groups()
        if kind and (rank(text, m.start(), m.end()) or text.startswith("平均", m.end())):
            continue  # 位列全省17个市州第一, 全省平均: the field of a ranking or an average, not the article's own level
        if kind:
            # 我州/本市 is the article's own voice: it says its level more surely than 全省
            kinds[kind] = kinds.get(kind, 0) + (3 if who in ("我", "本") else 1)
            if kind == "市" and who in ("我", "本"):
                voice["first"] = voice.get("first", 0) + 1
            elif kind == "市" and who in ("XX", "该"):
                voice["third"] = voice.get("third", 0) + 1
            if who == "XX":
                masked += 1
        elif aut:
            kinds["区"] = kinds.get("区", 0) + 1
        elif mask:
            masked += 1
        elif nat:
            national += 1
    for ps, pe, form, cands in _places(text, s, e, scan):
        if rank(text, ps, pe):
            continue  # 列无锡各县级市第一: the field of a ranking, not a place the article speaks of
        r = pick(cands)
        regions.append((r, cands))
        if r.level != "province" and (len(cands) == 1 or len({c.code[:2] for c, _ in cands}) == 1):
            if not provinces:
                early = ps - s <= _EARLY or _SENTENCE_END.search(text, s, ps) is None
            provinces[r.code[:2]] = None
    return _Evidence(provinces, kinds, voice, regions, masked, national, early if provinces else False)


# A paragraph that starts another province's article names it early: in its first sentence, or
# within this many characters (锡盟—山东、锡盟—泰州特高压外送通道, late in a work report's paragraph,
# names places in passing).
_EARLY = 40
_SENTENCE_END = re.compile(r"[。!?]")


def _conflict(art: Article, ev: _Evidence, head: _Evidence) -> str | None:
    """Which kind of evidence, if any, says this paragraph belongs to another article (head: the
    evidence of the article's first paragraph)."""
    if art.provinces and ev.provinces:
        top, n = _top(art.provinces)
        if n >= 2 and ev.early and ev.provinces.keys().isdisjoint(art.provinces):
            return "provinces"
    if art.kinds and ev.kinds:
        top, n = _top(art.kinds)
        new, m = _top(ev.kinds)
        # (not for a paragraph that speaks only of levels above the article's: a city page quoting
        # 全省 figures is one article, and its 全省 is its own province anyway)
        # (区 is a district or an autonomous region: no level of its own)
        above = all(_LEVEL_ORDER.get(KIND_LEVEL[k], 9) < _LEVEL_ORDER.get(KIND_LEVEL[top], -1) for k in ev.kinds)
        if n >= 3 and top not in ev.kinds and m >= 2 and not above and not _own_voice(art, head, ev):
            return "kinds"
    if art.voice and ev.voice:
        top, n = _top(art.voice)
        if n >= 3 and top not in ev.voice:
            return "voice"
    return None


def _own_voice(art: Article, head: _Evidence, ev: _Evidence) -> bool:
    """Whether a paragraph's scope words are the voice of the one division the article's first paragraph
    names (某县级市召开…发布会 / …全区群众安全感为98.9% / 全市共立刑事案件…: a county-level city's 全市):
    not when the article, or the paragraph, has named a division that is neither it, above it nor in it
    (凭祥市… / 玉林市2023年…: another city's article has begun)."""
    own = {pick(cands).code for _, cands in head.regions}
    if len(own) != 1:
        return False
    home = gazetteer().region(own.pop())
    for _, cands in (*art.mentions, *ev.regions):
        r = pick(cands)
        if r.code != home.code and not home.is_within(r) and not r.is_within(home):
            return False
    name = home.name
    return any(name.endswith(k) for k in ev.kinds)


def _supports(art: Article, ev: _Evidence) -> set:
    """The kinds of evidence in this paragraph that agree with the article so far."""
    out = set()
    if ev.provinces and not ev.provinces.keys().isdisjoint(art.provinces):
        out.add("provinces")
    if ev.kinds and art.kinds and _top(art.kinds)[0] in ev.kinds:
        out.add("kinds")
    if ev.voice and art.voice and _top(art.voice)[0] in ev.voice:
        out.add("voice")
    return out


def _opener_score(text: str, s: int, e: int) -> int:
    line = text[s:e]
    if len(line) <= 40 and line.endswith(("。", "!")):
        return 2
    if line.startswith("“"):
        return 1
    return 0


def _add(art: Article, ev: _Evidence):
    if ev.provinces:
        art.provinces.update(list(ev.provinces))
    if ev.kinds:
        art.kinds.update(ev.kinds)
    if ev.voice:
        art.voice.update(ev.voice)
    art.mentions.extend(ev.regions)
    art.masked += ev.masked
    art.national += ev.national


def split_articles(text: str, scan: Scan | None = None) -> list[Article]:
    paras = paragraphs(text)
    if not paras:
        return [Article(0, len(text))]
    scan = scan if scan is not None else Scan(text)
    evs = [_evidence(text, s, e, scan) for s, e in paras]
    arts: list[tuple[int, int]] = []   # (first para, last para)
    first, cur = 0, Article(0, 0)
    last_support: dict[str, int] = {}
    g = gazetteer()
    bullets = g.article_bullets
    # a compilation's own article marks: ◆ XX市:…, or a short numbered heading line that names a
    # place (二、XX市:扫黑除恶常态化, 三、湘潭市岳塘区:…; not 一、扎实推进扫黑除恶, a section of one article)
    # (a bulleted line is an item's heading when a colon ends its label or it names a place: not
    # ▶ 群众安全感, a section of one page's 数读 block)
    led = [i for i, (s, e) in enumerate(paras)
           if (text[s:s + 2].lstrip()[:1] in bullets
               and (text.find(":", s, min(e, s + _BULLET_LABEL)) >= 0 or evs[i].regions or evs[i].masked))
           or (e - s <= 40 and _is_article_heading(text, s, e, g) and (evs[i].regions or evs[i].masked))
           or (_led_by_place(text, s, e, scan) and not (e - s <= _LIST_LINE and _DIGIT.search(text, s, e)))
           or _led_by_tag(text, s, e, scan)]
    marked = set(led) if len(led) >= 2 else set()
    for i, ev in enumerate(evs):
        if i in marked and i > first:
            arts.append((first, i - 1))  # a compilation's own article mark (◆ XX市:…)
            first, cur, last_support = i, Article(0, 0), {}
        dim = _conflict(cur, ev, evs[first]) if i > first and i not in marked else None
        if dim:
            lo = min(last_support.get(dim, first) + 1, i)
            best = max(range(lo, i + 1), key=lambda k: (_opener_score(text, *paras[k]), k))
            arts.append((first, best - 1))
            first, cur, last_support = best, Article(0, 0), {}
            for k in range(best, i):
                _add(cur, evs[k])
        for d in _supports(cur, ev) | ({"provinces"} if ev.provinces and not cur.provinces else set()):
            last_support[d] = i
        _add(cur, ev)
        for d in ("kinds", "voice"):
            if d not in last_support and getattr(cur, d):
                last_support[d] = i
    arts.append((first, len(paras) - 1))
    out = []
    for j, (a, b) in enumerate(arts):
        if j == len(arts) - 1:  # the last article's evidence is what the walk gathered since its cut
            art, art.start, art.end = cur, paras[a][0], paras[b][1]
        else:
            art = Article(paras[a][0], paras[b][1] if b >= a else paras[a][1])
            for k in range(a, b + 1):
                _add(art, evs[k])
        h = headline_of(text, paras, a, b)
        art.headline = _headline_places(text, paras[h], evs[h]) if h is not None else set()
        _infer_home(art)
        said = h is not None and evs[h].national and not (evs[h].regions or evs[h].kinds or evs[h].voice or art.masked)  # 全国… heads it
        if (not art.kinds or said) and art.national >= 2 and (art.home is None or said or art.national > 3 * sum(
                1 for r, _ in art.mentions if r.code == art.home.code)):
            # 公安部:全国公安机关共破获…: a national page speaks of 全国, and names no division or one
            # by the way (上海、江苏等省份…均超过99%,其中上海市为99.18%); under a headline that says
            # 全国 and names no division, provinces' own 全省 aside (浙江省…全省电信网络诈骗立案数…)
            art.home, art.level, art.attribution = NATIONAL, "national", "explicit"
        out.append(art)
    _page_province(out)
    # articles cover the whole text, separators included
    for prev, nxt in zip(out, out[1:]):
        prev.end = nxt.start
    out[0].start, out[-1].end = 0, len(text)
    return out


def _page_province(arts: list) -> None:
    """◆省公安厅:今年上半年,全省共立…, among articles each of a city of one province: an article of a
    compilation that names no place and speaks of 全省 is that province's (inferred)."""
    if len(arts) < 3:
        return
    provs = {gazetteer().parent(a.home, "province") for a in arts if a.home is not None and a.home.level != "national"}
    if len(provs) != 1 or None in provs or sum(1 for a in arts if a.home is not None) < 2:
        return
    (prov,) = provs
    for a in arts:
        if a.home is None and not a.masked and not a.mentions and "省" in a.kinds:
            a.home, a.level, a.attribution = prov, "province", "inferred"


HEADLINE_MAX = 60  # the longest paragraph read as a headline (or as a page's navigation line)


def headline_of(text: str, paras, first: int, last: int) -> int | None:
    """The index of an article's headline paragraph: its first, unless that is the page's navigation
    (首页 > 政务公开 > 部门动态), then the next."""
    nav = gazetteer().navigation
    for k in range(first, min(last, first + 2) + 1):
        s, e = paras[k]
        if not (e - s <= HEADLINE_MAX and nav.search(text, s, e)):
            return k
    return None


# A bulleted line's label (◆ 省公安厅:…) ends in a colon within this many characters.
_BULLET_LABEL = 16
# A line led by a place and a colon no longer than this, with a figure in it, is an item of a list
# under a heading (分地区看 / 乐都区:发案同比下降31.2%), not an article of a compilation (池州市:打造
# 平安池州升级版 heads one).
_LIST_LINE = 40


def _led_by_place(text: str, s: int, e: int, scan: Scan) -> bool:
    """湖州市:2022年全市…, 安徽省蚌埠市:…: a paragraph led by a place's name and a colon (a
    compilation's article, when two or more paragraphs are)."""
    pos = s  # (a normalised text's lines are stripped)
    if text.find(":", s, min(e, s + 21)) < 0:
        return False  # no colon near its start: not led by a place's name and a colon
    for ps, pe, _, _ in scan.places_in(pos, min(e, pos + 20)):
        if ps != pos:
            return False
        pos = pe
        if text.startswith(":", pos):
            return True
    return False


def _led_by_tag(text: str, s: int, e: int, scan: Scan) -> bool:
    """【XX市】前三季度,…, 【宜宾市】…: a paragraph led by a bracketed tag that is a place's name, or
    a masked one (a compilation's article, when two or more paragraphs are)."""
    if not text.startswith("【", s):
        return False
    close = text.find("】", s + 1, min(e, s + 14))
    # (the tag is the name alone: 【平安杭州】 is a section's, not a place's article)
    return close > 0 and any((mk.level == "named" or mk.masked) and mk.start == s + 1 and mk.end == close
                             for mk in scope_markers(text, s + 1, close, scan=scan))


def _is_article_heading(text: str, s: int, e: int, g) -> bool:
    """二、XX市:扫黑除恶常态化: a numbered line with no figure (a year may stand in it) and no full stop
    (1.鹤壁市98.77% is a list item)."""
    m = g.article_heading.match(text, s, e)
    return m is not None and not _DIGIT.search(text, m.end(), e) and not text[s:e].rstrip().endswith("。")


_DIGIT = regex.compile(r"(?<!\d)(?!(?:19|20)\d{2}年)\d")  # a figure's digit: not a year's (2020年度…出炉)


@functools.lru_cache(maxsize=4096)
def _ancestors(code: str) -> tuple:
    """A division's province and prefecture (itself at its own level), each once."""
    g = gazetteer()
    r = g.region(code)
    return tuple(a for a in dict.fromkeys(g.parent(r, lv) for lv in ("province", "prefecture")) if a is not None)


def _headline_places(text: str, para: tuple[int, int], ev: _Evidence) -> set:
    """The codes of the divisions a headline names; of a division named with its parent before it
    (温州市瓯海区…工作总结), the division's alone: the page is its own, the parent says where it is."""
    codes = {pick(cands).code for _, cands in ev.regions}
    if len(codes) >= 2:
        g, prev = gazetteer(), None
        for s, e, _, cands in g.find(text[para[0]:para[1]]):
            r = pick(cands)
            if prev is not None and prev[0] == s and r.code != prev[1].code and r.is_within(prev[1]):
                codes.discard(prev[1].code)
            prev = (e, r)
    return codes


_HEADLINE_WEIGHT = 3  # a mention of a division the headline names counts this many times


def _infer_home(art: Article) -> None:
    g = gazetteer()
    # re-pick ambiguous names with the article's own province in view
    regions = [pick(cands, art) for _, cands in art.mentions]
    # The article's level: its scope words (全市, XX省...) plus the mentions of its most named division.
    # (the one division its headline names counts _HEADLINE_WEIGHT times, as below: 某县级市召开…新闻发布会 / 全区群众安全感
    # 为…, 全市…: a county-level city's page that quotes its region's figure; not each of the places a
    # compilation's item opens with)
    own = Counter()
    for r in regions:
        own[r.code] += _HEADLINE_WEIGHT if len(art.headline) == 1 and r.code in art.headline else 1
    level_score = Counter()
    for kind, n in art.kinds.items():
        level_score[KIND_LEVEL[kind]] += n
    top_named = {}
    for code, n in own.most_common():
        lv = g.region(code).level
        top_named.setdefault(lv, n)

    def score(lv):  # ties go to the scope words
        return level_score[lv] + (0 if lv == "region" else top_named.get(lv, 0)), level_score[lv]

    levels = list(dict.fromkeys([*level_score, *top_named]))  # ordered: ties go to the first, never to the hash seed
    level = max(levels, key=score) if levels else None
    explicit, support = Counter(), Counter()
    for r in regions:
        # the division the headline names speaks for the article more than one quoted in it
        # (清远市…工作情况 / 据某日报报道,佛山市…): its mentions count _HEADLINE_WEIGHT times
        w = _HEADLINE_WEIGHT if r.code in art.headline else 1
        explicit[r.code] += w
        for anc in _ancestors(r.code):
            support[anc.code] += w
    if level == "region":
        # 全区 is a 地区's own word (大兴安岭地区, 喀什地区) when the article names one more than any other
        # division; else an autonomous region's, else a district's
        areas = [c for c in explicit if g.region(c).level == "prefecture" and g.region(c).name.endswith("地区")]
        area = max(areas, key=lambda c: explicit[c], default=None)
        provs = [c for c in support if g.region(c) and g.region(c).level == "province"]
        top = max(provs, key=lambda c: support[c], default=None)
        if area is not None and all(explicit[area] > n for c, n in explicit.items() if c != area):
            level = "prefecture"
        else:
            level = "province" if top and g.region(top).autonomous else "county"
    if level is None:
        return
    cands = [(support[c], explicit[c], c) for c in support
             if g.region(c).level == level or (level == "prefecture" and g.region(c).municipality)]
    if level == "county":
        cands = [(explicit[c], explicit[c], c) for c in explicit if g.region(c).level == "county"]
    if level == "prefecture":
        # a county-level city (珲春市) speaks of itself as 全市: it is home when its headline names it
        # and the article names no prefecture more often (位居绍兴市前列 names the field, once)
        cities = [(explicit[c], c) for c in explicit if g.region(c).level == "county" and g.region(c).name.endswith("市")]
        top_pref = max((explicit[c] for _, _, c in cands), default=0)
        if cities:
            n, code = max(cities)
            # (or when the article never names a prefecture and is not masked: 太仓市坚持… under a
            # headline that names it only as 太仓, no prefecture's own page)
            # (or when it is named three times as often as any prefecture: its own page that quotes
            # the prefecture's figure once)
            if ((n >= top_pref and code in art.headline) or (top_pref == 0 and not art.masked)
                    or (n >= 3 * top_pref and not art.masked)) \
                    and sum(1 for m, _ in cities if m == n) == 1:
                art.home, art.level, art.attribution = g.region(code), "county", "explicit"
                return
    if not cands:
        return
    cands.sort(reverse=True)
    top_support, top_explicit, code = cands[0]
    second = cands[1][0] if len(cands) > 1 else 0
    second_explicit = max((x[1] for x in cands[1:]), default=0)
    if top_explicit >= 1 and top_explicit >= second_explicit and top_support > second:
        art.home, art.level, art.attribution = g.region(code), level, "explicit"
    elif top_support >= 2 and top_support >= 2 * second:
        art.home, art.level, art.attribution = g.region(code), level, "inferred"
    if art.home is not None and art.masked and art.attribution == "explicit":
        # a masked article that names a division still only says it through its parts
        own_name = sum(1 for r in regions if r.code == art.home.code)
        if own_name < 2:
            art.attribution = "inferred"
