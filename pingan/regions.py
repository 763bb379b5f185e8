"""China's administrative divisions: finding them in text and reasoning over the hierarchy.

The gazetteer is cpca's table of national division codes (``adcodes.csv``, of about
2016, so it keeps the names older pages use: 宁乡县, 襄樊市) joined with JioNLP's current
table (``china_location.zip``: 宁乡市, 马龙区, 横州市), read once on first use. A division
renamed under the same code is known by both names. A division's level follows from its code: ``PP0000``
province, ``PPCC00`` prefecture, anything else county. Short forms are derived
by rule (池州市 -> 池州, 文山壮族苗族自治州 -> 文山州/文山, 宁夏回族自治区 -> 宁夏,
沧源佤族自治县 -> 沧源县); a few that are ordinary words are listed in
``data/region_words.toml``.
"""
from __future__ import annotations

import csv
import functools
import re
import importlib.util
import pathlib
import tomllib
from collections import defaultdict
from dataclasses import dataclass

import regex

DATA = pathlib.Path(__file__).with_name("data")
LEVELS = ("national", "province", "prefecture", "county")
NATIONAL_NAME = "全国"
_SCOPE_LIKE = re.compile(r"[全我本该][省市州盟区县旗]")  # 全州 is a scope word before it is 全州县
_SHORT_OK_BEFORE = set("、和与及在的省市州县区至对由是从到")


@dataclass(frozen=True)
class Region:
    code: str        # six digits
    name: str        # official full name
    level: str       # province | prefecture | county | national

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str | None:
        if self.level in ("province", "national"):
            return None
        return self.code[:4] + "00"

    def is_within(self, other: "Region") -> bool:
        if other.level == "national":
            return True
        if other.level == "province":
            return self.code[:2] == other.code[:2]
        if other.level == "prefecture":
            return self.code[:4] == other.code[:4]
        return self.code == other.code

    @property
    def autonomous(self) -> bool:
        return self.name.endswith("自治区")

    @property
    def municipality(self) -> bool:
        """北京市, 上海市, 天津市, 重庆市: a province that is also a city (全市 speaks for it)."""
        return self.level == "province" and self.name.endswith("市")


NATIONAL = Region("000000", NATIONAL_NAME, "national")


def _cpca_table() -> pathlib.Path:
    spec = importlib.util.find_spec("cpca")  # locate without importing (cpca's import builds a matcher)
    if spec is None or spec.origin is None:
        raise RuntimeError("the cpca package (national division codes) is not installed")
    return pathlib.Path(spec.origin).parent / "resources"


def _current_table() -> pathlib.Path:
    spec = importlib.util.find_spec("jionlp")  # locate without importing (jionlp's import loads its models)
    if spec is None or spec.origin is None:
        raise RuntimeError("the jionlp package (current national division table) is not installed")
    return pathlib.Path(spec.origin).parent / "dictionary" / "china_location.zip"


# a line of the current table down to counties: indent (0 province, 1 prefecture, 2 county), name, code
_TABLE_LINE = re.compile(r"^\t{0,2}([^\t\n]+)\t(\d{6})\b", re.M)


def _current_divisions():
    """(code, name) of every province, prefecture and county of the current table: not the
    functional zones that have codes of their own (经济技术开发区, 高新区: xx71–xx79), nor
    the districts of Hong Kong and Macao, nor a placeholder (市直辖行政区划)."""
    import zipfile

    with zipfile.ZipFile(_current_table()) as z:
        text = z.read("china_location.txt").decode("utf-8")
    for m in _TABLE_LINE.finditer(text):
        name, code = m.group(1).strip(), m.group(2)
        if code[:2] in ("71", "81", "82"):
            continue  # (cpca's names for these stand)
        if code[4] == "7" or "直辖" in name or "行政区划" in name:
            continue
        yield code, name


class Gazetteer:
    def __init__(self):
        res = _cpca_table()
        nations = [ln.strip() for ln in (res / "56_nations.csv").read_text(encoding="utf-8").splitlines()
                   if ln.strip()]
        nations.sort(key=len, reverse=True)
        words = tomllib.loads((DATA / "region_words.toml").read_text(encoding="utf-8"))
        self.generic = set(words["generic_names"])
        self.article_bullets = words.get("article_bullets", "")
        self.town = regex.compile(words["town"])
        self.town_end = re.compile("|".join(map(re.escape, words["town_ends"])))  # a stretch without one names no town
        self.street_after = regex.compile(words["street_after"])
        self.article_heading = regex.compile(words["article_heading"])
        self.navigation = regex.compile(words["navigation"])
        self.survey_makers = tuple(words.get("survey_makers", ()))
        self.word_before = tuple(words.get("word_before_place", ()))
        self.speaker = regex.compile(r"[^,;:。!?\s]{0,12}?(?:%s)[:]" % "|".join(
            sorted(words["speaker_titles"], key=len, reverse=True)))
        self.masked = sorted(words["masked_phrases"], key=len, reverse=True)
        self._masked_set = set(self.masked)
        blocked_short = set(words["not_short_forms"])
        self.by_code: dict[str, Region] = {}
        with open(res / "adcodes.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name, code = row["name"].strip(), row["adcode"][:6]
                if not name or "直辖" in name or "行政区划" in name or name in ("市辖区", "县") or not code.isdigit():
                    continue
                level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
                self.by_code[code] = Region(code, name, level)
        renamed = []  # a division's current name where the code is cpca's under another name
        for code, name in _current_divisions():
            level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
            old = self.by_code.get(code)
            if old is None:
                self.by_code[code] = Region(code, name, level)
            elif old.name != name and old.level == level:
                renamed.append(Region(code, name, level))
        # Counties of province-administered cities (429004 仙桃市) have no prefecture entry.
        self.names: dict[str, list[tuple[Region, bool]]] = defaultdict(list)  # form -> (region, is_full_name)
        self._added: set = set()  # (form, code, full): a set, not a scan of the list per name
        for r in [*self.by_code.values(), *renamed]:
            self._add(r.name, r, True)
            for form in self._short_forms(r, nations):
                if form not in blocked_short:
                    self._add(form, r, False)
        scopes = {form: code for form, code in words.get("province_scopes", {}).items() if code in self.by_code}
        for form, code in scopes.items():  # 全疆, 全川: the province
            self._add(form, self.by_code[code], False)
        self.scope_forms = frozenset(scopes)
        self.scope_not_after = words.get("province_scope_not_after", "")
        del self._added  # only needed while the names are built
        self.stem_before = tuple(words.get("county_stem_before", ()))
        self.stem_after = tuple(words.get("county_stem_after", ()))
        self.stems = self._county_stems(blocked_short)
        # the words of the phrases a stem is read in are found by the names' automaton (the stems are
        # not in it: most of them are ordinary words, and their matches would cost a Python loop)
        self._n_before = len(self.stem_before)
        self.max_len = max(len(k) for k in self.names)
        self._han = regex.compile(r"\p{Han}")

    def _county_stems(self, blocked) -> dict:
        """{安吉: 安吉县}: each county's name less 县/市/区/旗, when one county alone has it and it is no
        name or short form already (read only inside the phrases of region_words.toml)."""
        count: dict[str, set] = defaultdict(set)
        for form, cands in self.names.items():  # (长阳县, the short form of 长阳土家族自治县, gives 长阳)
            for r, _ in cands:
                if r.level == "county" and form[-1:] in "县市区旗" and len(form) >= 3:
                    count[form[:-1]].add(r.code)
        out = {stem: self.by_code[next(iter(codes))] for stem, codes in count.items()
               if len(codes) == 1 and stem not in self.names and stem not in blocked and stem not in self.generic
               and not _SCOPE_LIKE.fullmatch(stem)}
        # a prefecture's short form that is an ordinary word (大庆, 来宾, 泰安 …: not_short_forms) is read
        # inside those phrases too (平安大庆, 来宾公安)
        for r in self.by_code.values():
            if r.level == "prefecture":
                for form in self._short_forms(r, ()):
                    if form in blocked and form not in self.names:
                        out.setdefault(form, r)
        return out

    def _stems_in(self, text: str, start: int, end: int, words: list, at: dict) -> None:
        """Add to at (start -> lengths) every county stem that stands next to one of its phrase words
        (words: (index among the before- then after-words, start, end) as the automaton found them)."""
        stems, n_before = self.stems, self._n_before
        for idx, ms, me in words:
            if idx < n_before:  # 平安安吉: the stem after the word
                for n in (2, 3, 4):
                    if me + n <= end and text[me:me + n] in stems:
                        at.setdefault(me, []).append(n)
            else:  # 安吉新闻网: the stem before it
                for n in (2, 3, 4):
                    if ms - n >= start and text[ms - n:ms] in stems:
                        at.setdefault(ms - n, []).append(n)

    def _add(self, form, region, full):
        if len(form) >= 2 and (form, region.code, full) not in self._added:
            self._added.add((form, region.code, full))
            self.names[form].append((region, full))

    @staticmethod
    def _strip_ethnic(name: str, suffix: str, nations) -> str:
        stem = name[: -len(suffix)]
        changed = True
        while changed:
            changed = False
            for n in nations:
                for form in (n, n[:-1] if n.endswith("族") else n):
                    # (the place's own name keeps two characters: 彭水苗族土家族 -> 彭水, not 彭 (水 as 水族))
                    if form and stem.endswith(form) and len(stem) - len(form) >= 2:
                        stem = stem[: -len(form)]
                        changed = True
                        break
                if changed:
                    break
        return stem

    def _short_forms(self, r: Region, nations) -> list[str]:
        name, out = r.name, []
        if r.level == "province":
            for suf in ("特别行政区", "自治区", "省", "市"):
                if name.endswith(suf):
                    stem = self._strip_ethnic(name, suf, nations) if suf == "自治区" else name[: -len(suf)]
                    if len(stem) < 2:
                        stem = name[: -len(suf)]  # 内蒙古自治区 -> 内蒙古, 西藏自治区 -> 西藏 (not 内, 西)
                    out.append(stem)
                    break
        elif r.level == "prefecture":
            if name.endswith("自治州"):
                stem = self._strip_ethnic(name, "自治州", nations)
                out += [stem + "州", stem, stem + "自治州"]  # (湘西自治州: the nations left out)
            else:
                for suf in ("地区", "市", "盟"):
                    if name.endswith(suf) and len(name) - len(suf) >= 2:
                        out.append(name[: -len(suf)])
                        break
        else:
            for suf, repl in (("自治县", "县"), ("自治旗", "旗")):
                if name.endswith(suf):
                    stem = self._strip_ethnic(name, suf, nations)
                    out += [stem + repl, stem + suf]
        return [f for f in out if len(f) >= 2]

    @functools.cached_property
    def _automaton(self):
        """Every name, short form and masked phrase in one Aho-Corasick automaton
        (ahocorasick-rs, Rust): the scan runs at C speed and Python only sees the matches."""
        import ahocorasick_rs

        self._patterns = list(self.names) + self.masked
        self._first_context = len(self._patterns)
        self._patterns += [*self.stem_before, *self.stem_after]
        # The default NFA: a DFA scans ~1.5x faster in a loop of scans, but it is several times larger,
        # and between other work (the scan runs once per text) its misses in the CPU's caches cost
        # more than that: the benchmark's ratio to jieba is ~3% lower with a DFA.
        return ahocorasick_rs.AhoCorasick(self._patterns)

    def find(self, text: str, start: int = 0, end: int | None = None):
        """Yield (start, end, form, [(Region, full_name), ...]) for every division named in text.

        Left-to-right, longest match first. Masked phrases (长治久安) are skipped, and
        generic names (城区) count only right after their own parent's name.
        """
        end = len(text) if end is None else end
        if end - start < 2:
            return
        at: dict[int, list[int]] = {}
        auto = self._automaton  # (built first: it sets _first_context)
        words, first_context = [], self._first_context
        for idx, s, e in auto.find_matches_as_indexes(text[start:end], overlapping=True):
            if idx >= first_context:  # a word a county's stem is read next to (平安, 新闻网)
                words.append((idx - first_context, s + start, e + start))
            else:
                at.setdefault(s + start, []).append(e - s)
        if words:
            self._stems_in(text, start, end, words, at)
        i, last, masked = start, None, self._masked_set
        for s in sorted(at):
            if s < i:
                continue
            i = s
            lengths = sorted(at[s], reverse=True)
            skip = next((n for n in lengths if text[s:s + n] in masked), 0)
            if skip:
                i = s + skip
                continue
            if s + 1 in at and s > start and text.endswith(self.word_before, start, s + 1):
                continue  # 平安新县 is 新县, not 安新县: a word's last character starts no name over the name after it
            for n in lengths:
                form = text[s:s + n]
                if self.street_after.match(text, s + n):
                    continue  # 南京路, 中山大道: a street named after a place
                if form in self.scope_forms and ((s > 0 and text[s - 1] in self.scope_not_after) or s + 1 in at):
                    continue  # 安全晋江 is no 全晋, 健全桂林市 no 全桂: a word's 全, or a place's first character
                cands = self.names.get(form)
                if not cands:
                    r = self.stems.get(form)  # (only a stem in its phrase is in at)
                    if r is None:
                        continue
                    cands = [(r, False)]
                if n == 2 and s > 0 and self._han.match(text, s - 1) and text[s - 1] not in _SHORT_OK_BEFORE \
                        and not (text[s - 1] == "年" and s > 1 and text[s - 2].isdigit()) \
                        and all(full and r.level == "county" for r, full in cands):
                    continue  # 示范县 is not 范县: a two-character county name must start a word (2018年威县 does)
                if form in self.generic:
                    if last is None or last[1] != s or not any(
                            c.is_within(p) for c, _ in cands for p, _ in last[2]):
                        cands = None
                if cands:
                    last = (s, s + n, cands)
                    yield s, s + n, form, cands
                    i = s + n
                    break

    def children(self, r: Region) -> frozenset:
        """The codes of the divisions one level below r (a prefecture's counties, a province's
        prefectures), counted once per gazetteer."""
        kids = self.__dict__.setdefault("_children", {})
        got = kids.get(r.code)
        if got is None:
            below = {"province": "prefecture", "prefecture": "county"}.get(r.level)
            got = kids[r.code] = frozenset(c for c, x in self.by_code.items()
                                           if below and x.level == below and x.code != r.code and x.is_within(r)
                                           and self.parent(x, r.level) == r)
        return got

    def region(self, code: str) -> Region | None:
        return self.by_code.get(code)

    def parent(self, r: Region, level: str) -> Region | None:
        """The division at ``level`` that contains ``r`` (r itself at its own level)."""
        if level == r.level:
            return r
        if level == "national":
            return NATIONAL
        if level == "province":
            return self.by_code.get(r.province_code)
        if level == "prefecture" and r.level == "county":
            pref = self.by_code.get(r.prefecture_code)
            if pref is None:
                prov = self.by_code.get(r.province_code)
                return prov if prov is not None and prov.municipality else None
            return pref
        if level == "prefecture" and r.municipality:
            return r
        return None

    def resolve(self, name: str) -> Region | None:
        """Best division for a name or short form: 池州 -> 池州市, 文山州 -> 文山壮族苗族自治州."""
        if name in (NATIONAL_NAME, "中国"):
            return NATIONAL
        cands = self.names.get(name)
        if not cands:
            return None
        order = {"province": 0, "prefecture": 1, "county": 2}
        return sorted(cands, key=lambda c: (not c[1], order[c[0].level]))[0][0]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def resolve(name: str) -> Region | None:
    return gazetteer().resolve(name)
