"""Figures in normalised text: value, unit, qualifier, with their span.

``find_figures(text)`` yields every number that carries a unit (``12.4万余件``,
``约10.35亿元``, ``百分之九十八``, ``98%以上``, ``95%(含)以上``, ``95.6分``). Chinese
numerals, financial (大写) ones included (``壹万贰仟叁佰元``), are converted by cn2an;
万/亿/千 multipliers, 余/多/以上/约/近 qualifiers are read here. Years, dates, ranks
(第5) and bare numbers without a unit are not figures, with two exceptions:

* ``N个亿`` (``两个亿``, ``三个多亿``) is money: unit 元 when no unit follows, unless
  another currency or a measure follows (``两个亿美元``, see ``NOT_YUAN_AFTER``);
* a bare magnitude is a number right after a qualifier word of ``MAGNITUDE_BEFORE``
  (``近亿元``, ``超万人``, ``上万人``); alone (``万人助万企``) or vague (``数千起``) it is not.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

import regex

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Financial (大写) numerals: cn2an reads them as written (壹万贰仟叁佰, 肆佰叁拾萬), also mixed with
# 一二三 (一万贰仟), so they need no mapping; normalise has already turned 萬/億 into 万/亿.
FINANCIAL_DIGITS = "壹贰叁肆伍陆柒捌玖拾佰仟萬億"
# Financial digits that end a common word when the character before them is one of these: they do
# not start a number there (队伍万人, a drill of the police force, is not 5万人; 入伍人员 not 5人;
# 收拾起来 not 10起), and a number right after them is read on its own (队伍三千余人).
FINANCIAL_WORD_ENDS = {"伍": "队入退落行", "陆": "大登着内水海", "拾": "收"}
MULTIPLIERS = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "亿": 1e8, "千": 1e3}
# A magnitude standing alone as the number (近亿元, 超万人, 上百万人), its value. A number that starts
# with one of their characters is a figure only after a MAGNITUDE_BEFORE word; one that starts with
# their financial forms never is.
BARE_MAGNITUDES = {"百": 1e2, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "百亿": 1e10,
                   "千亿": 1e11, "万亿": 1e12}
MAGNITUDE_FIRST = "百千万亿"
FINANCIAL_MAGNITUDE_FIRST = "佰仟萬億"
# Numerals that alone are too ambiguous to be a number: 一个, 两个维护, 拾起 (but 一个亿 is one) —
# unless right after the noun they count (打掉涉黑组织两个, 恶势力集团一个).
LONE_NOT_A_NUMBER = frozenset("一两零〇拾")
LONE_AFTER = ("黑组织", "性质组织", "犯罪组织", "集团", "团伙")  # (not 组织一个调研组: a verb)
# Counting words, longest first so 人次 wins over 人.
UNITS = ["人次", "户次", "元", "%", "‰", "个", "人", "名", "起", "件", "案", "宗", "次", "支",
         "家", "所", "处", "户", "条", "项", "座", "分", "批", "场", "期"]
APPROX_BEFORE = ("约", "近", "大约", "将近", "接近")
AT_LEAST_BEFORE = ("超过", "逾", "多达", "不低于", "不少于", "至少", "超")
# 上 qualifies only a bare magnitude (上万人, 上亿元); before anything else it is a word (线上, 上年),
# and so it is after 以 (县级以上万人大会) and before 百分之 (线上百分之九十).
MAGNITUDE_ONLY_BEFORE = ("上",)
# The qualifier words after which a bare magnitude is a number (近千起); 大约/将近/接近 as 约/近.
MAGNITUDE_BEFORE = ("约", "大约", "近", "将近", "接近", "超", "超过", "逾") + MAGNITUDE_ONLY_BEFORE
APPROX_AFTER = ("左右",)
INCLUSIVE = "(含)"  # 95%(含)以上; normalise has made （含） ASCII
AT_LEAST_AFTER = (INCLUSIVE + "以上", "以上", "多")
# N个亿 with no unit is money (元), unless one of these follows it.
NOT_YUAN_AFTER = ("美元", "美金", "港元", "港币", "欧元", "日元", "英镑", "韩元", "吨", "斤", "公斤", "千克",
                  "米", "平方", "立方", "公里", "千瓦", "度")
YI_MONEY_UNIT = "元"


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_unit_alt = _alt(UNITS)
_mult_alt = _alt(MULTIPLIERS)
_NUMERAL_CLASS = rf"\d{CN_DIGITS}{FINANCIAL_DIGITS}"
_FINANCIAL_WORD_END = "|".join(f"(?<=[{before}]){digit}" for digit, before in FINANCIAL_WORD_ENDS.items())
FIGURE = regex.compile(
    rf"""
    (?P<pre>{_alt(APPROX_BEFORE + AT_LEAST_BEFORE)}|(?<!以)(?:{_alt(MAGNITUDE_ONLY_BEFORE)})(?=[{MAGNITUDE_FIRST}])(?!百分之))?
    (?:
        百分之(?P<cnpct>[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?)
      |
        (?<![\d.A-Za-z])(?<!第)(?<!前)
        (?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|(?:[{CN_DIGITS}]|(?!{_FINANCIAL_WORD_END})[{FINANCIAL_DIGITS}])[{CN_DIGITS}{FINANCIAL_DIGITS}]*(?:点[{CN_DIGITS}]+)?)
        (?P<ge>个(?=[余多]?亿))?        # 两个亿, 三个多亿
        (?P<more1>余|多)?
        (?P<mult>{_mult_alt})?
        (?P<more2>余|多)?
        (?:(?P<unit>{_unit_alt})|(?(ge)(?!{_alt(NOT_YUAN_AFTER)}|[{_NUMERAL_CLASS}])|(?!)))
    )
    (?P<post>{_alt(APPROX_AFTER + AT_LEAST_AFTER)})?
    """,
    regex.X,
)
# A survey index is often given with no unit (群众安全感指数为97.8): a decimal right after the index's
# name is read as a score on the 0-100 scale, unit 分.
# So are the two ends of a from–to after it (指数由2011年的86.3提高到2015年的91.74).
BARE_INDEX = regex.compile(r"(?:(?<=(?:指数|满意度|满意率|安全感|得分|测评)(?:为|达|达到|是|了)?)"
                           r"|(?<=(?:指数|满意度|满意率|安全感)(?:由|从)(?:(?:19|20)\d{2}年(?:底|末)?的)?)"
                           r"|(?<=(?:指数|满意度|满意率|安全感)(?:由|从)[^,;。%]{1,16}?(?:到|至)(?:(?:19|20)\d{2}年(?:底|末)?的)?))"
                           r"(?P<num>\d{2,3}\.\d{1,3})(?![\d.%‰])(?!\s*(?:分|个|人|件|起|元|万|亿))")
# A line of a table of scores: a name (a place, an organ), then one or more scores with no unit
# (桃城区 97.21 95.86 96.33; 凯里市|98.12|97.05|16). Each score is a figure in 分; the table's header
# says what it is. Cells are parted by spaces, tabs or bars; whole numbers after the scores (a rank,
# a sample's size) are no scores.
TABLE_ROW = regex.compile(r"(?m)^[ \t|]*(?:\d{1,3}[ \t|]*)?\p{Han}[\p{Han}()]{1,13}[ \t|]*(?P<cells>\d{2,3}\.\d{1,3}(?:[ \t|]+\d{2,3}\.\d{1,3})*)"
                          r"(?:[ \t|]+\d{1,5})*[ \t|]*$")
_CELL = regex.compile(r"\d{2,3}\.\d{1,3}")
# Where a table's row can end: a score, then only whole numbers, spaces or bars to the line's end.
# TABLE_ROW is tried only on the lines that end so (a scan for its ^ runs ~10x slower over prose).
_ROW_END = re.compile(r"\d\.\d{1,3}[ \t|\d]*$", re.M)


def table_rows(text: str, start: int, end: int):
    """TABLE_ROW's matches in text[start:end], the same as its finditer."""
    for m in _ROW_END.finditer(text, start, end):
        row = TABLE_ROW.match(text, text.rfind("\n", start, m.start()) + 1 or start, end)
        if row is not None:
            yield row
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
_NUMERAL = "0-9.,点" + CN_DIGITS + FINANCIAL_DIGITS
_UNIT_FIRST = re.escape("".join(sorted({u[0] for u in UNITS})))
_UNIT_REST = re.escape("".join(sorted({u[1:] for u in UNITS if len(u) > 1})))
assert all(len(u) <= 2 for u in UNITS), "_CANDIDATE takes a unit's second character as its rest"
# a leading class (not an alternation) lets `re` skip ahead by it (a number starts with a digit, never
# with its separators . , 点, which are common characters); 个亿 is tried before 个 the unit.
# A candidate runs on over a unit, (含) (95%(含)以上) and 余/多 after 个亿, so the margin after it stays short.
# After 百分之 the numeral runs on over a further 分之 (万百分之百分之十一: the second 百 starts a figure)
# and over a 个亿 (百分之两个亿0: FIGURE's look past 个亿 must see the 0 in the window as in the text).
_INCLUSIVE = rf"(?:{re.escape(INCLUSIVE)})?"
_UNIT = rf"[{_UNIT_FIRST}][{_UNIT_REST}]?"
_YI_TAIL = rf"个[余多]?亿[余多]{{0,2}}(?:{_UNIT})?"
_CANDIDATE = re.compile(rf"[0-9{CN_DIGITS}{FINANCIAL_DIGITS}](?:[{_NUMERAL}余多]*[{_NUMERAL}])?"
                        rf"(?:(?<=百)分之(?:[{CN_DIGITS}点]|(?<=百)分之)+(?:{_YI_TAIL})?{_INCLUSIVE}"
                        rf"|{_YI_TAIL}{_INCLUSIVE}"
                        rf"|[余多]{{0,2}}{_UNIT}{_INCLUSIVE})")
_PRE_MAX = max(map(len, APPROX_BEFORE + AT_LEAST_BEFORE + MAGNITUDE_ONLY_BEFORE))  # 不低于
# After a candidate (which ends past the unit and any (含)): a `post` word less its (含) (以上), or,
# after a bare 个亿 and its 余/多, what the lookahead for NOT_YUAN_AFTER must see.
_POST_MAX = max(max(len(w.removeprefix(INCLUSIVE)) for w in APPROX_AFTER + AT_LEAST_AFTER),
                max(map(len, NOT_YUAN_AFTER)))  # 2: 以上


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
    figs += [b for f in figs if f.num_start > start and text[f.num_start - 1] in _LIST_JOIN
             for b in _sharing_unit(text, f, start)]
    for m in BARE_INDEX.finditer(text, start, end):
        value = float(m.group("num"))
        if value <= 100:
            figs.append(Figure(m.start(), m.end(), m.start(), value, "分", "exact", m.group(0)))
    if "\n" in text:
        taken = {f.start for f in figs}
        for row in table_rows(text, start, end):  # 桃城区 97.21 95.86 96.33: a table's scores
            for c in _CELL.finditer(text, row.start("cells"), row.end("cells")):
                value = float(c.group(0))
                if value <= 100 and c.start() not in taken:  # (安全感为97.84: a bare index already)
                    figs.append(Figure(c.start(), c.end(), c.start(), value, "分", "exact", c.group(0)))
    figs.sort(key=lambda f: f.start)
    yield from figs


# A list of numbers whose unit is written once, after the last (分别立案512、398、203起, 分别劝阻41.2万、
# 38.7万、33.5万人次): each before the last is a figure in that unit, when it has the last's magnitude
# word (万, 亿) or, as the last, none. Not a run after 第 (第1、2名: ranks).
_LIST_JOIN = "、和及与"
_BARE_BEFORE = re.compile(r"(?<![\d.第])(\d+(?:\.\d+)?)(万|亿)?$")


def _sharing_unit(text: str, f: Figure, start: int) -> list[Figure]:
    mult = next((w for w in ("亿", "万") if w in text[f.num_start:f.end]), None)
    out, pos = [], f.num_start
    while pos - 1 > start and text[pos - 1] in _LIST_JOIN:
        m = _BARE_BEFORE.search(text, max(start, pos - 1 - 16), pos - 1)
        if m is None or m.group(2) != mult:
            break
        value = float(m.group(1)) * (MULTIPLIERS[mult] if mult else 1)
        out.append(Figure(m.start(), m.end(), m.start(), round(value, 6), f.unit, "exact", m.group(0)))
        pos = m.start()
    return out


def _figure(text: str, m: regex.Match) -> Figure | None:
    # groups() and numbered starts: the regex module looks each group name up at ~1 µs a time
    pre, cnpct, raw, ge, more1, mult, more2, unit, post = m.groups()
    pre, post = pre or "", post or ""
    end = m.end()
    if cnpct is not None:
        value = parse_number(cnpct)
        unit = "%"
        num_start = m.start(_CNPCT) - 3
        more = ""
    else:
        num_start = m.start(_NUM)
        if unit is None:
            unit = YI_MONEY_UNIT  # 两个亿: only N个亿 matches with no unit
        elif unit in _NOT_A_UNIT_AFTER and text.startswith(_NOT_A_UNIT_AFTER[unit], end):
            return None
        if post == "多" and unit in ("人", "个"):
            post = ""  # 100多人 is handled by more1; 人多 is a word
        first = raw[0]
        if first in MAGNITUDE_FIRST:
            # 万人/千名 are words, not figures, and 数千起 is vague; 近千起, 超万人 are figures
            if pre not in MAGNITUDE_BEFORE or raw not in BARE_MAGNITUDES:
                return None
            value = BARE_MAGNITUDES[raw]
        elif first in FINANCIAL_MAGNITUDE_FIRST or (raw in LONE_NOT_A_NUMBER and not ge and (
                raw not in "一两" or not text.endswith(LONE_AFTER, 0, m.start(_NUM)))):
            return None
        else:
            value = parse_number(raw)
        if value is None:
            return None
        if mult:
            value *= MULTIPLIERS[mult]
        more = (more1 or "") + (more2 or "")
    if value is None or not (0 <= value <= MAX_VALUE):
        return None  # inf/nan from 400 digits, or more than any count or sum a press text reports
    if num_start and text[num_start - 1] in _OPERATORS:
        return None  # 样本数÷有效样本数×100%: a formula's operand, not a figure
    if num_start and text[num_start - 1] == "数" and cnpct is None and raw and not raw.strip("十百千万"):
        return None  # 数十万人次, 数百起: a vague many, not a number (发案数1200起, 发案数十二起 are one)
    if pre in APPROX_BEFORE or post in APPROX_AFTER:
        qualifier = "approx"
    elif pre in AT_LEAST_BEFORE or pre in MAGNITUDE_ONLY_BEFORE or more or post in AT_LEAST_AFTER:
        qualifier = "at_least"
    else:
        qualifier = "exact"
    value = round(value, 6)
    return Figure(m.start(), end, num_start, value, unit, qualifier, m.group(0))


_OPERATORS = "×÷"
# Nothing a press text reports exceeds this (a country's yearly losses are ~1e11 yuan); larger
# values are digit runs or errors and would break the charts (inf) or dwarf everything else.
MAX_VALUE = 1e13

_GROUPS = ("pre", "cnpct", "num", "ge", "more1", "mult", "more2", "unit", "post")
assert tuple(sorted(FIGURE.groupindex, key=FIGURE.groupindex.get)) == _GROUPS, "_figure unpacks FIGURE's groups in order"
_CNPCT, _NUM = FIGURE.groupindex["cnpct"], FIGURE.groupindex["num"]
