"""Figures in normalised text: value, unit, qualifier, with their span.

``find_figures(text)`` yields every number that carries a unit (``12.4万余件``,
``约10.35亿元``, ``百分之九十八``, ``98%以上``, ``95.6分``). Chinese numerals are
converted by cn2an; 万/亿/千 multipliers, 余/多/以上/约/近 qualifiers are read
here. Years, dates, ranks (第5) and bare numbers without a unit are not figures.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

import regex

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
MULTIPLIERS = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "亿": 1e8, "千": 1e3}
# Counting words, longest first so 人次 wins over 人.
UNITS = ["人次", "户次", "元", "%", "‰", "个", "人", "名", "起", "件", "案", "宗", "次", "支",
         "家", "所", "处", "户", "条", "项", "座", "分", "批", "场", "期"]
APPROX_BEFORE = ("约", "近", "大约", "将近", "接近")
AT_LEAST_BEFORE = ("超过", "逾", "多达", "不低于", "不少于", "至少", "超")
APPROX_AFTER = ("左右",)
AT_LEAST_AFTER = ("以上", "多")

_unit_alt = "|".join(regex.escape(u) for u in UNITS)
_mult_alt = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
FIGURE = regex.compile(
    rf"""
    (?P<pre>大约|将近|接近|不低于|不少于|至少|超过|多达|约|近|逾|超)?
    (?:
        百分之(?P<cnpct>[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?)
      |
        (?<![\d.A-Za-z])(?<!第)(?<!前)
        (?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?)
        (?P<more1>余|多)?
        (?P<mult>{_mult_alt})?
        (?P<more2>余|多)?
        (?P<unit>{_unit_alt})
    )
    (?P<post>以上|左右|多)?
    """,
    regex.X,
)
# A survey index is often given with no unit (群众安全感指数为97.8): a decimal right after the index's
# name is read as a score on the 0-100 scale, unit 分.
BARE_INDEX = regex.compile(r"(?<=(?:指数|满意度|满意率|安全感|得分|测评)(?:为|达|达到|是|了)?)"
                           r"(?P<num>\d{2,3}\.\d{1,3})(?![\d.%‰])(?!\s*(?:分|个|人|件|起|元|万|亿))")
# Words after a unit that make it something else: 30分钟, 5个百分点, 7个位次, 10分之一.
_NOT_A_UNIT_AFTER = {"分": ("钟", "之", "局", "院", "队", "析", "别", "类", "管", "级", "层", "批"),
                     "个": ("百分点", "位次", "名次", "月", "小时"),
                     "名": ("次",), "次": ("数",), "期": ("间",), "场": ("所",), "所": ("在", "有", "属")}


class Figure(NamedTuple):
    start: int          # span of the whole figure, qualifier words included
    end: int
    num_start: int      # span of the number itself
    value: float        # in the base unit: percent 0-100, money in yuan, counts
    unit: str           # "%", "元", "分" or the counting word as written
    qualifier: str      # exact | approx | at_least
    text: str


@functools.lru_cache(maxsize=4096)
def parse_number(s: str) -> float | None:
    """'12.4' -> 12.4, '1,234' -> 1234, '三千' -> 3000, '九十八点五' -> 98.5."""
    s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        pass
    try:
        import cn2an

        return float(cn2an.cn2an(s, "smart"))
    except Exception:
        return None


# Where a FIGURE can be. Every match holds a number run (digits, Chinese numerals, 余/多) that ends in
# a unit's first character, or 百分之 and a numeral: this plain `re` finds those runs about five
# times faster than FIGURE scans the whole text, and FIGURE then runs only around them
# (tests/test_numbers.py checks the result equals a scan of the whole text).
_NUMERAL = "0-9.,点" + CN_DIGITS
_UNIT_FIRST = re.escape("".join(sorted({u[0] for u in UNITS})))
# a leading class (not an alternation) lets `re` skip ahead by it
_CANDIDATE = re.compile(rf"[{_NUMERAL}](?:[{_NUMERAL}余多]*[{_NUMERAL}])?"
                        rf"(?:(?<=百)分之[{CN_DIGITS}点]+|[余多]{{0,2}}[{_UNIT_FIRST}])")
_PRE_MAX = 3       # longest `pre` word (不低于)
_POST_MAX = 3      # a unit's second character plus the longest `post` word (以上)


def _candidate_spans(text: str, start: int, end: int) -> list[list[int]]:
    """Stretches of text[start:end] that hold every FIGURE match: from the longest qualifier word
    before a candidate's number run to just past its unit and qualifier."""
    out: list[list[int]] = []
    for k in _CANDIDATE.finditer(text, start, end):
        s, e = k.start() - _PRE_MAX, k.end() + _POST_MAX
        if out and s <= out[-1][1] + 16:  # near ones: one scan costs less than two calls
            out[-1][1] = e  # ends only grow: candidates come in order and do not overlap
        else:
            out.append([max(s, start), e])
    if out and out[-1][1] > end:
        out[-1][1] = end
    return out


def find_figures(text: str, start: int = 0, end: int | None = None):
    """Yield the :class:`Figure` s in ``text[start:end]`` (offsets refer to ``text``)."""
    end = len(text) if end is None else end
    figs = [f for f in (_figure(text, m) for s, e in _candidate_spans(text, start, end)
                        for m in FIGURE.finditer(text, s, e)) if f is not None]
    for m in BARE_INDEX.finditer(text, start, end):
        value = float(m.group("num"))
        if value <= 100:
            figs.append(Figure(m.start(), m.end(), m.start(), value, "分", "exact", m.group(0)))
    figs.sort(key=lambda f: f.start)
    yield from figs


def _figure(text: str, m: regex.Match) -> Figure | None:
    # groups() and numbered starts: the regex module looks each group name up at ~1 µs a time
    pre, cnpct, raw, more1, mult, more2, unit, post = m.groups()
    pre, post = pre or "", post or ""
    end = m.end()
    if cnpct is not None:
        value = parse_number(cnpct)
        unit = "%"
        num_start = m.start(_CNPCT) - 3
        more = ""
    else:
        num_start = m.start(_NUM)
        if unit in _NOT_A_UNIT_AFTER and text.startswith(_NOT_A_UNIT_AFTER[unit], end):
            return None
        if post == "多" and unit in ("人", "个"):
            post = ""  # 100多人 is handled by more1; 人多 is a word
        if raw[0] in CN_DIGITS:
            # 万人/千名 are words, not figures; lone 一/两 (一个, 两个维护) are too ambiguous.
            if raw[0] in "百千万亿" or (len(raw) == 1 and raw in "一两零〇"):
                return None
        value = parse_number(raw)
        if value is None:
            return None
        if mult:
            value *= MULTIPLIERS[mult]
        more = (more1 or "") + (more2 or "")
    if value is None:
        return None
    if pre in APPROX_BEFORE or post in APPROX_AFTER:
        qualifier = "approx"
    elif pre in AT_LEAST_BEFORE or more or post in AT_LEAST_AFTER:
        qualifier = "at_least"
    else:
        qualifier = "exact"
    value = round(value, 6)
    return Figure(m.start(), end, num_start, value, unit, qualifier, m.group(0))


_GROUPS = ("pre", "cnpct", "num", "more1", "mult", "more2", "unit", "post")
assert tuple(sorted(FIGURE.groupindex, key=FIGURE.groupindex.get)) == _GROUPS, "_figure unpacks FIGURE's groups in order"
_CNPCT, _NUM = FIGURE.groupindex["cnpct"], FIGURE.groupindex["num"]
