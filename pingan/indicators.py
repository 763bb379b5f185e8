"""The indicator lexicon (``data/lexicon.toml``) and the rules that apply it to a subject."""
from __future__ import annotations

import functools
import re
import pathlib
import tomllib
from dataclasses import dataclass, field

import regex

LEXICON_PATH = pathlib.Path(__file__).with_name("data") / "lexicon.toml"


@dataclass
class Indicator:
    key: str
    label: str
    family: str
    units: tuple
    priority: int
    triggers: list
    any_trigger: object = None   # all triggers as one pattern: a subject none of them matches is skipped
    after: list = field(default_factory=list)
    topic: str | None = None
    exclude_topic: str | None = None   # never in a sentence about this topic (养老诈骗 money is not fraud_recovered)
    exclude: list = field(default_factory=list)
    change_key: str | None = None
    companions: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    key: str
    start: int   # of the trigger in the subject
    end: int


class Lexicon:
    def __init__(self, data: dict):
        self.indicators: dict[str, Indicator] = {}
        for spec in data["indicator"]:
            ind = Indicator(
                key=spec["key"], label=spec["label"], family=spec["family"], units=tuple(spec["units"]),
                priority=spec.get("priority", 50),
                triggers=[regex.compile(p) for p in spec["triggers"]],
                any_trigger=regex.compile("|".join(f"(?:{p})" for p in spec["triggers"])),
                after=[regex.compile(p) for p in spec.get("after", [])],
                topic=spec.get("topic"),
                exclude_topic=spec.get("exclude_topic"),
                exclude=[regex.compile(p) for p in
                         [*spec.get("exclude", []), *data.get("family_exclude", {}).get(spec["family"], [])]],
                change_key=spec.get("change_key"),
                companions=dict(spec.get("companions", {})),
            )
            self.indicators[ind.key] = ind
        # bare wording a topic makes specific (发案 in a passage about fraud): the same key, read only
        # in sentences about that topic, a little below the key's own wording
        self._topical = []
        for spec in data["indicator"]:
            for topic, pats in spec.get("topic_triggers", {}).items():
                base = self.indicators[spec["key"]]
                self._topical.append(Indicator(
                    key=base.key, label=base.label, family=base.family, units=base.units, priority=base.priority - 1,
                    triggers=[regex.compile(p) for p in pats], any_trigger=regex.compile("|".join(f"(?:{p})" for p in pats)),
                    topic=topic, exclude=base.exclude, change_key=base.change_key, companions=base.companions))
        # where a topic's bare wording may stand in a longer stretch (its patterns unanchored): a stretch
        # without it holds none past its places and times either
        self.topical_anywhere = regex.compile("|".join(
            f"(?:{p.removeprefix('^').removesuffix('$')})" for spec in data["indicator"]
            for pats in spec.get("topic_triggers", {}).values() for p in pats) or "(?!)")
        # wording that names a key only as the subject of a change (电诈案件同比下降42.16%: no verb, so
        # the cases that happened; as a count, 其中电诈案件300起 may be part of those solved)
        self._change_subjects = [(self.indicators[spec["key"]], [regex.compile(p) for p in spec["change_triggers"]])
                                 for spec in data["indicator"] if spec.get("change_triggers")]
        # change keys are indicators too (signed percent), labelled after their base
        self.change_labels, self._change_base = {}, {}
        for ind in list(self.indicators.values()):
            if ind.change_key:
                self.change_labels[ind.change_key] = ind.label + "同比变化"
                self._change_base[ind.change_key] = ind
        self.topics = {name: regex.compile("|".join(map(regex.escape, words)))
                       for name, words in data["topics"].items()}
        self._topic_words = data["topics"]
        self.density = regex.compile("|".join(data["veto"]["density"]))
        self.veto = regex.compile("|".join(data["veto"]["patterns"] + data["veto"]["density"]))
        ch = data["change"]
        gap = ch["gap"]
        neg = "|".join(sorted(ch["negative"], key=len, reverse=True))
        pos = "|".join(sorted(ch["positive"], key=len, reverse=True))
        manner_ = "|".join(sorted(ch["manner"], key=len, reverse=True))
        self.change = regex.compile(rf"(?:{manner_})?(?:(?P<neg>{neg})|(?P<pos>{pos})){gap}$")
        # a change word a clause before its figure (降幅最大,达37.8%)
        self.change_far = regex.compile(rf"(?:(?P<neg>{neg})|(?P<pos>{pos})){data['grammar']['change_bridge']}")
        self.to_level = tuple(ch["to_level"])
        # 下降至/降到 (2021年的): a level after a change word, the figure's key is the one before it
        verbs = "|".join(sorted([*ch["negative"], *ch["positive"], *ch["to_level_verbs"]], key=len, reverse=True))
        manner = "|".join(ch["to_level_manner"])
        self.to_level_rx = regex.compile(rf"^{ch['to_level_from']}?(?:{manner})?(?:{verbs})?(?:{'|'.join(self.to_level)})"
                                         rf"{ch['to_level_to']}?$")
        self.change_word = regex.compile(rf"(?P<neg>{neg})|(?P<pos>{pos})")
        gr = data["grammar"]
        nouns, lead = "|".join(gr["item_head_nouns"]), gr["item_head_lead"]
        joins = regex.escape("".join(j for j in gr["list_joins"] if len(j) == 1) + ",")
        self.head_only = regex.compile(rf"^[{joins}]*(?:{lead})?(?P<head>{nouns})$")
        self.heads = regex.compile(rf"(?:{lead})?(?:{'|'.join(gr['item_heads_replaced'])})$")
        self.anecdote = regex.compile("|".join(data["anecdote"]["patterns"]))
        # (its first few characters may be a bullet or an emoji)
        self.anecdote_paragraph = regex.compile(r"[^\p{L}\p{N}]{0,6}(?:%s)" % "|".join(data["anecdote"]["paragraph"]))
        self.trend = regex.compile("|".join(data["trend"]["patterns"]))
        self.trend_topic, self.trend_key = data["trend"]["topic"], data["trend"]["key"]
        self.trend_family = data["trend"]["family"]
        self.grammar = Grammar(data["grammar"])
        self._by_priority = sorted([*self.indicators.values(), *self._topical], key=lambda i: -i.priority)
        self._by_unit: dict[str, list[Indicator]] = {}
        for ind in self._by_priority:
            for unit in ind.units:
                self._by_unit.setdefault(unit, []).append(ind)
        # what could name a figure anywhere in a sentence, for might_name (None: no such shortcut)
        self._gate_words, self._gate_rules = _gate(self, data)
        self._gate_union: dict = {}  # frozenset of units -> one pattern of their words
        # per unit: every candidate's triggers as one pattern, and whether any candidate reads the words after
        self._unit_any = {u: regex.compile("|".join(i.any_trigger.pattern for i in inds))
                          for u, inds in self._by_unit.items()}
        # the candidates that read the words after the figure: all that can match when no trigger does
        self._unit_after = {u: [i for i in inds if i.after] for u, inds in self._by_unit.items()}

    # -- lookups -------------------------------------------------------------------
    def family(self, key: str) -> str:
        if key in self.indicators:
            return self.indicators[key].family
        for ind in self.indicators.values():
            if ind.change_key == key:
                return ind.family
        return self.trend_family if key == self.trend_key else "other"

    def label(self, key: str) -> str:
        if key in self.indicators:
            return self.indicators[key].label
        return self.change_labels.get(key, key)

    def keys(self) -> list[str]:
        out = []
        for ind in self.indicators.values():
            out.append(ind.key)
            if ind.change_key:
                out.append(ind.change_key)
        return out + [self.trend_key]

    def value_keys(self) -> list[str]:
        """The keys whose rows carry a value: every key but the qualitative trend."""
        return [k for k in self.keys() if k != self.trend_key]

    @functools.cached_property
    def _topic_automaton(self):
        import ahocorasick_rs

        words = sorted({w for ws in self._topic_words.values() for w in ws})
        owner = [[t for t, ws in self._topic_words.items() if w in ws] for w in words]
        dfa = ahocorasick_rs.Implementation.DFA  # builds slower, scans ~1.5x faster
        return ahocorasick_rs.AhoCorasick(words, implementation=dfa), owner

    def topic_positions(self, text: str) -> dict[str, list[int]]:
        """{topic: start offsets of its words in text}, every topic word found by one scan."""
        auto, owner = self._topic_automaton
        out: dict[str, list[int]] = {t: [] for t in self._topic_words}
        for idx, s, _ in auto.find_matches_as_indexes(text, overlapping=True):
            for t in owner[idx]:
                out[t].append(s)
        for starts in out.values():
            starts.sort()
        return out

    # -- classification ------------------------------------------------------------
    def classify(self, subject: str, unit: str, topics: set, after: str = "") -> Match | None:
        """The indicator a figure with this subject and unit is, or None."""
        candidates = self._by_unit.get(unit)
        if not candidates:
            return None
        hit = self._unit_any[unit].search(subject) is not None
        if not hit:
            candidates = self._unit_after[unit]  # (no trigger: only words after the figure can name it)
            if not candidates:
                return None
        if self.veto.search(subject):
            return None
        best = None
        for ind in candidates:
            if best is not None and best[0][0] > ind.priority:
                break  # highest priority first: nothing below can win
            if (ind.topic and ind.topic not in topics) or (ind.exclude_topic and ind.exclude_topic in topics):
                continue
            triggered = hit and ind.any_trigger.search(subject) is not None
            if not triggered and not ind.after:
                continue  # nothing could match: the exclusions need not be searched
            if ind.exclude and any(rx.search(subject) for rx in ind.exclude):
                continue
            for rx in ind.triggers if triggered else ():
                for m in rx.finditer(subject, overlapped=False):
                    score = (ind.priority, m.end() - m.start(), m.end())
                    if best is None or score > best[0]:
                        best = (score, Match(ind.key, m.start(), m.end()))
            for rx in ind.after:
                m = rx.search(after)
                if m:
                    score = (ind.priority, m.end() - m.start(), len(subject))
                    if best is None or score > best[0]:
                        best = (score, Match(ind.key, len(subject), len(subject)))
        return best[1] if best else None

    def might_name(self, text: str, start: int, end: int, units) -> bool:
        """Whether any wording that can name a figure with one of these units may stand in
        text[start:end]. False only when no trigger, after-word or change subject can match there, nor
        any word of the grammar's rules that join two stretches of words before classifying them (the
        patterns read loosely: a part of the stretch never matches where the stretch does not)."""
        if self._gate_rules is None or self._gate_rules.search(text, start, end):
            return True
        key = frozenset(units)
        rx = self._gate_union.get(key)
        if rx is None:
            rx = self._gate_union[key] = words_pattern({w for u in key for w in self._gate_words.get(u, ())})
        return rx.search(text, start, end) is not None

    def change_subject(self, subject: str, unit: str) -> Match | None:
        """The indicator a change's subject names by wording read only there (change_triggers)."""
        for ind, pats in self._change_subjects:
            if unit in ind.units and not any(rx.search(subject) for rx in ind.exclude):
                for rx in pats:
                    m = rx.search(subject)
                    if m:
                        return Match(ind.key, m.start(), m.end())
        return None

    def terms_in(self, text: str, unit: str, topics: set) -> list[str]:
        """The keys of the indicator terms written one after another in text, in order (a table's
        header: 地区 群众安全感 平安建设满意度); where two overlap, the earlier and longer wins."""
        if self.veto.search(text):
            text = self.veto.sub("", text)
        found = []
        for ind in self._by_unit.get(unit, ()):
            if (ind.topic and ind.topic not in topics) or (ind.exclude_topic and ind.exclude_topic in topics):
                continue
            for rx in ind.triggers:
                for m in rx.finditer(text):
                    if m.end() > m.start():
                        found.append((m.start(), m.start() - m.end(), -ind.priority, m.end(), ind.key))
        found.sort()
        out, pos = [], -1
        for start, _, _, end, key in found:
            if start >= pos:
                out.append(key)
                pos = end
        return out

    def is_change(self, key: str | None) -> bool:
        return key in self.change_labels

    def count_units(self, key: str) -> tuple:
        """The units a key's counts are written in (its base's, for a change key)."""
        ind = self.indicators.get(key) or self._change_base.get(key)
        return ind.units if ind is not None else ()

    def base_of(self, key: str | None) -> str | None:
        """The count a change key is the change of (criminal_cases for criminal_cases_change), or None."""
        ind = self._change_base.get(key)
        return ind.key if ind is not None else None

    def change_key_of(self, key: str | None) -> str | None:
        """The signed-change key of a key (itself when it is one already)."""
        if key in self.change_labels:
            return key
        ind = self.indicators.get(key)
        return ind.change_key if ind else None

    def sign_in(self, text: str) -> int | None:
        """-1 or +1 for the first change word in text, None when there is none."""
        m = self.change_word.search(text)
        return None if m is None else (-1 if m.group("neg") else 1)

    def shared_head(self, term: str) -> str | None:
        """The head noun a list's last term ends in (治安案件 -> 案件), lent to the elided items."""
        for h in self.grammar.shared_heads:
            if h in term:
                return term[term.index(h):]
        return None

    def change_sign(self, subject: str, far: bool = False) -> tuple[int, int] | None:
        """(sign, start of the change phrase) when the subject ends in 下降/上升..., else None.
        far: the change word may stand a clause before (降幅最大,达37.8%)."""
        cut = max(0, len(subject) - 48)  # the pattern ends the subject: only its tail can hold it
        m = (self.change_far if far else self.change).search(subject, cut)
        if not m:
            return None
        return (-1 if m.group("neg") else 1), m.start()


def _element_end(pattern: str, i: int) -> int:
    """The end of the pattern's element at i (an escape, a class, a group or one character),
    before any quantifier."""
    c, n = pattern[i], len(pattern)
    if c == "\\":
        if pattern[i + 1:i + 2] in ("p", "P", "N") and pattern[i + 2:i + 3] == "{":
            return pattern.index("}", i) + 1  # \p{Han}
        return i + 2
    if c == "[":
        j = i + 1
        j += pattern[j:j + 1] == "^"
        j += pattern[j:j + 1] == "]"
        while j < n and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    if c == "(":
        depth, j = 0, i
        while j < n:
            if pattern[j] in "\\[":
                j = _element_end(pattern, j)
                continue
            depth += {"(": 1, ")": -1}.get(pattern[j], 0)
            j += 1
            if depth == 0:
                break
        return j
    return i + 1


_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*,?\d*\})[?+]?")
_GROUP_OPEN = re.compile(r"\((?:\?(?:P<\w+>|:|>|[imsxaLuV]+:))?")  # ( (?: (?P<name> (?> (?i:


def _elements(pattern: str):
    """(element, quantifier) for each element of the pattern's top level, in order."""
    i, n = 0, len(pattern)
    while i < n:
        j = _element_end(pattern, i)
        q = _QUANTIFIER.match(pattern, j)
        k = q.end() if q else j
        yield pattern[i:j], pattern[j:k]
        i = k


def loosen(pattern: str) -> str | None:
    """The pattern with its anchors (^, $) and lookarounds ((?=…), (?!…), (?<=…), (?<!…)) dropped: it
    matches wherever the pattern matches in any part of a text, and more. None when the pattern holds
    another zero-width or context-bound construct (\\b, \\A, a backreference) that cannot be dropped so."""
    out = []
    for el, q in _elements(pattern):
        if el.startswith(("(?=", "(?!", "(?<=", "(?<!")) or el in ("^", "$"):
            continue
        if el[:1] == "\\" and (el[1:2] in "bBAZzGgk" or el[1:2].isdigit()):
            return None
        if el[:1] == "(":  # a group: its inside, loosened the same way
            head = _GROUP_OPEN.match(el).end()
            inner = loosen(el[head:-1])
            if inner is None:
                return None
            el = el[:head] + inner + ")"
        out.append(el + q)
    return "".join(out)


_PLAIN = regex.compile(r"[^.^$|()\[\]{}*+?\\]+")


def required_words(pattern: str) -> list[tuple[str, ...]]:
    """What every match of the (loosened) pattern holds, as a list of factors, each a tuple of
    words one of which it holds: a run of plain characters at the top level (被 of a passive), or a
    group of plain alternatives ((?:诈骗|电诈)). Empty when the top level itself has alternatives."""
    factors, run = [], ""
    for el, q in _elements(pattern):
        if el == "|":
            return []
        if not q and len(el) == 1 and _PLAIN.fullmatch(el):
            run += el
            continue
        if run:
            factors.append((run,))
            run = ""
        if not q and el[:1] == "(":
            head = _GROUP_OPEN.match(el).group(0)  # a plain group: (, (?: or (?P<name>, not (?>…) or (?i:…)
            words = el[len(head):-1].split("|") if head in ("(", "(?:") or head.startswith("(?P<") else []
            if words and all(_PLAIN.fullmatch(w) for w in words):
                factors.append(tuple(words))
    if run:
        factors.append((run,))
    return factors


def _branches(pattern: str) -> list[str]:
    """The alternatives of the pattern's top level (the pattern itself when it has none)."""
    out, cur = [], []
    for el, q in _elements(pattern):
        if el == "|":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(el + q)
    out.append("".join(cur))
    return out


class _Presence:
    """Whether one of a set of patterns may match somewhere in a stretch of text (loosened: a part of
    the stretch never matches where the stretch does not): each of its alternatives needs its required
    words (required_words). exact: all of them, checked; else one factor of each, the surest (longest
    words, fewest alternatives), as one set of words. None when an alternative requires no word."""

    def __init__(self, patterns: list[str], exact: bool):
        """patterns: loosened (loosen)."""
        branches = [b for p in patterns for b in _branches(p)]
        self.factors = [required_words(b) for b in branches]
        self.exact = exact
        self.words = tuple(dict.fromkeys(w for f in self.factors if f
                                         for w in max(f, key=lambda t: (min(map(len, t)), -len(t)))))

    @property
    def usable(self) -> bool:
        return all(self.factors)

    def search(self, text: str, start: int, end: int) -> bool:
        if self.rx.search(text, start, end) is None:  # (one of the words of each alternative's surest factor)
            return False
        if not self.exact:
            return True
        part = text[start:end]
        return any(all(any(w in part for w in words) for words in f) for f in self.factors)

    @functools.cached_property
    def rx(self):
        return words_pattern(self.words)


def words_pattern(words) -> re.Pattern:
    """One plain `re` pattern for a set of words (it checks a word's first character first)."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")


def _gate(lex: "Lexicon", data: dict):
    """(unit -> the words one of which a stretch holds when a trigger or after-word of an indicator
    read with that unit may match in it, the change subjects' and joining rules' presence), or
    (None, None) when a pattern cannot be loosened or requires no word."""
    g = data["grammar"]
    # the clause grammar's rules that classify words joined from two places (passive's verb and what,
    # 对…表示满意 and 满意, a ranking's introduction cut out, a list's terms) and the change subjects
    rules = [g["passive"], g["share_satisfied"], g["rank_intro"], *g["distributive"],
             *(rx.pattern for _, pats in lex._change_subjects for rx in pats)]
    per_unit = {unit: [loosen(rx.pattern) for ind in inds for rx in (*ind.triggers, *ind.after)]
                for unit, inds in lex._by_unit.items()}
    rules = [loosen(p) for p in rules]
    if any(p is None for p in [*rules, *(p for ps in per_unit.values() for p in ps)]):
        return None, None
    units = {u: _Presence(ps, exact=False) for u, ps in per_unit.items()}
    joined = _Presence(rules, exact=True)
    if not joined.usable or not all(p.usable for p in units.values()):
        return None, None
    return {u: p.words for u, p in units.items()}, joined



class Grammar:
    """The words the clause grammar reads around figures ([grammar] in data/lexicon.toml)."""

    def __init__(self, g: dict):
        alt = lambda words: "|".join(sorted(words, key=len, reverse=True))  # noqa: E731
        self.list_joins = frozenset(g["list_joins"])
        self.list_chars = "".join(j for j in g["list_joins"] if len(j) == 1)  # 、和及与
        self.density_lead = g["density_lead"]
        self.distributive = regex.compile(alt(g["distributive"]))
        self.term_split = regex.compile(g["term_split"])
        self.shared_heads = sorted(g["shared_heads"], key=len, reverse=True)
        self.abbreviation = regex.compile(g["abbreviation"])
        self.filler = regex.compile("|".join(f"(?:{p})" for p in sorted([*g["filler"], g["anaphora"]], key=len, reverse=True)))
        self.anaphora = regex.compile(g["anaphora"])
        self.after_subject = regex.compile(g["after_subject"])
        self.target = regex.compile(alt(g["target"]))
        self.target_lead = regex.compile(alt(g["target_lead"]))
        self.heading_noise = regex.compile(alt(g["heading_noise"]))
        self.item_number = regex.compile(g["item_number"])
        self.item_not_name = regex.compile(g["item_not_name"])
        self.shared_value = regex.compile(g["shared_value"])
        self.cumulative = re.compile(g["cumulative"])
        self.part_of_year = regex.compile(g["part_of_year"])
        self.bare_count = regex.compile(g["bare_count"])
        self.points_change = regex.compile(g["points_change"])
        self.stock = regex.compile(g["stock"])
        self.up_to_now = tuple(g["up_to_now"])
        self.same_time_elsewhere = regex.compile(g["same_time_elsewhere"])
        self.each = regex.compile(g["each"])
        self.sub_item_lead = g["sub_item_lead"]
        self.part_by_whose = re.compile(g["part_by_whose"])
        self.cleft_rank = regex.compile(g["cleft_rank"])
        self.by_figure = g["by_figure"]
        self.places_counted = regex.compile(g["places_counted"])
        self.new_subject_leads = tuple(g["new_subject_leads"])
        self.comparing = regex.compile(g["comparing"])
        self.compare_level = regex.compile(g["compare_level"].replace("{comparing}", g["comparing"]))
        self.focus = regex.compile(g["focus"])
        self.rank_places = regex.compile(g["rank_places"])
        self.year_on_year = g["year_on_year"]
        self.satisfied_head = g["satisfied_head"]
        self.written_year = re.compile(g["written_year"])
        self.whole_year = re.compile(g["whole_year"])
        self.last_year = re.compile(g["last_year"])
        self.year_own = re.compile(g["year_own"])
        self.base_before = frozenset(g["base_before"])
        self.from_base = re.compile(g["from_base"])
        self.compared_base = re.compile(g["compared_base"])
        self.target_year = re.compile(g["target_year"])
        self.threshold = regex.compile("|".join(g["threshold"]))
        self.upper_bound_before = regex.compile(g["upper_bound_before"])
        self.upper_bound_after = g["upper_bound_after"]
        self.from_lead = tuple(g["from_lead"])
        self.count_verb = regex.compile("|".join(sorted(g["count_verbs"], key=len, reverse=True)))
        self.own_verbs = tuple(g["count_verbs"]) + tuple(g["own_verbs"])
        self.rank_before = regex.compile(g["rank_before"])
        self.rank_after = regex.compile(g["rank_after"])
        self.rank_clause = regex.compile(g["rank_clause"])
        self.rank_intro = regex.compile(g["rank_intro"])
        self.ranking = regex.compile(g["ranking"])
        self.generic_keys = frozenset(g["generic_keys"])
        self.generic_pairs = dict(g["generic_pairs"])
        self.bare_generic = frozenset(g["bare_generic"])
        self.survey_object = regex.compile(g["survey_object"])
        self.trend_clause = regex.compile(g["trend_clause"])
        self.bare_survey_term = regex.compile(rf"^(?:{'|'.join(g['survey_people'])})?(?:{'|'.join(g['bare_survey_terms'])})")
        self.known_abbreviations = {k: tuple(v) for k, v in g["abbreviations"].items()}
        self.share_satisfied = regex.compile(g["share_satisfied"])
        self.passive = regex.compile(g["passive"])
        self.series_joins = frozenset(g["series_joins"])
        self.list_words_end = re.compile(g["list_words_end"])
        self.each_end = re.compile(g["each_end"])
        self.change_noun = re.compile(g["change_noun"])
        self.heading_end = re.compile(g["heading_end"])
        self.ordering_note = re.compile(g["ordering_note"])
        self.survey_results = re.compile(g["survey_results"])

    def is_base(self, text: str, pos: int) -> bool:
        """Whether the time expression at pos is a comparison's base (较2021年, 比2017年) or the year
        a from–to starts from (由2017年的…): no period of anything after it."""
        return pos > 0 and (text[pos - 1:pos] in self.base_before or self.from_base.match(text, pos) is not None
                            or self.compared_base.match(text, pos) is not None)

    def ranks_field(self, text: str, start: int, end: int) -> bool:
        """Whether the scope word text[start:end] names the field of a ranking (位列全省17个市州第一,
        在全市排名第三), not whose figure or whose article it is (我县位列第3名)."""
        return self.rank_before.search(text, max(0, start - 2), start) is not None \
            and self.rank_after.match(text, end) is not None


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(tomllib.loads(LEXICON_PATH.read_text(encoding="utf-8")))
