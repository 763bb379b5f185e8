"""Rows -> what each value may be compared with: its period, whether a change is year on year
or over a span, its counting word's class, the wording (口径) it came from, and its marks.

Charts, cards and the deck all label values through :func:`annotate`, so a value says the same
thing wherever it is shown: ``2018-2022`` on a campaign total, ``刑事案件立案数 2012–2022 变化``
on a ten-year change (never drawn among 同比 bars), ``⚠`` when the key's figures are counted in
different words (17起 vs 14个), ``※`` when the region was inferred, ``✎`` when corrected.
"""
from __future__ import annotations

import pandas as pd
import regex

from .groups import groups
from .indicators import lexicon

NO_PERIOD = "时期未注明"
ANNOTATIONS = ["period_label", "span", "shown_label", "wording", "inferred", "unit_odd", "marks",
               "marks_note"]
MARK_CORRECTED, MARK_INFERRED, MARK_UNIT = "✎", "※", "⚠"
NOTE_CORRECTED = "✎=人工校正"
NOTE_INFERRED = "※=地区由上下文推断(原文未点名)"
YOY_SUFFIX = "同比变化"

_CUT = regex.compile(r"^.*[,,;;::、。!?()()]")
_LEAD = regex.compile(r"^(?:(?:19|20)\d{2}年度?(?:上半年|下半年|底|末)?(?:以来)?|今年(?:上半年)?|去年|XX|[某]?"
                      r"(?:我|全|本)(?:市|州|省|区|县|盟|旗)|[,、\s])+")
_TAIL = regex.compile(r"(?:连续\d+年|持续|稳定|分别|均|已|进一步|同比)*(?:保持在|稳定在|提升至|提高到|提升到|提高至|"
                      r"上升至|达到了|达到|超过|高于|为|达|是|在)?(?:了)?$")
_SUBJECT = regex.compile(r"(?:对|对于)(?P<s>\p{Han}{2,}?)(?:的)?(?:总体|综合|整体)?(?:满意度|满意率|满意程度|满意)")


def period_label(period, start=None, end=None) -> str:
    if isinstance(period, str) and period:
        return period
    return NO_PERIOD


def is_span(start, end) -> bool:
    """A period of several years (2012-2022), not one year or a part of one."""
    return pd.notna(start) and pd.notna(end) and int(end) > int(start)


def base_label(key: str) -> str:
    return lexicon().label(key).removesuffix(YOY_SUFFIX)


def change_label(key: str, start=None, end=None) -> str:
    """A change key's label by what it is over: 同比变化 for one year, '2012–2022 变化' for a span."""
    if is_span(start, end):
        return f"{base_label(key)} {int(start)}–{int(end)} 变化"
    return lexicon().label(key)


def shown_label(key: str, start=None, end=None) -> str:
    return change_label(key, start, end) if key in groups().changes else lexicon().label(key)


def category(rows: pd.DataFrame) -> pd.Series:
    """What a value is, as one string per row (cheap, before :func:`annotate`): the key, and for a
    change over several years also its span, so the latest of each is picked apart."""
    ps = rows["period_start"].astype("Float64")
    pe = rows["period_end"].astype("Float64")
    span = (pe > ps).fillna(False).astype(bool) & rows["indicator"].isin(list(groups().changes))
    key = rows["indicator"].astype(str)
    return key.where(~span, key + ":" + ps.astype(str) + "-" + pe.astype(str))


def wording(quote, start, value_start) -> str:
    """The words naming the figure in its clause (群众安全感程度指数, 人民群众安全感满意度)."""
    if not isinstance(quote, str) or pd.isna(start) or pd.isna(value_start):
        return ""
    before = quote[:max(0, int(value_start) - int(start))]
    before = _CUT.sub("", before)
    before = _LEAD.sub("", before)
    before = _TAIL.sub("", before)
    before = regex.sub(r"(?:(?:19|20)\d{2}年度?的?|\d+(?:\.\d+)?%?|XX)", "", before)
    return _TAIL.sub("", before).strip()


def subject(text: str) -> str:
    """The surveyed subject of a satisfaction wording (群众对网格工作满意度 -> 网格工作)."""
    m = _SUBJECT.search(text or "")
    if m:
        return m.group("s")
    return regex.sub(r"(?:人民)?群众|(?:总体|综合|整体)?(?:满意度|满意率|满意程度)$", "", text or "") or text or ""


def unit_class(unit) -> str:
    u = unit if isinstance(unit, str) else ""
    return groups().unit_class.get(u, u)


def annotate(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with display columns: period_label, span (bool), shown_label, wording,
    inferred, corrected, unit_odd (its counting word is not the key's usual class among these
    rows) and marks (the ✎ ※ ⚠ that apply)."""
    if rows.empty:
        return rows.assign(period_label=pd.Series(dtype=str), span=pd.Series(dtype=bool),
                           shown_label=pd.Series(dtype=str), wording=pd.Series(dtype=str),
                           inferred=pd.Series(dtype=bool), corrected=pd.Series(dtype=bool),
                           unit_odd=pd.Series(dtype=bool), marks=pd.Series(dtype=str))
    recs = rows.to_dict("records")
    ps, pe = rows["period_start"], rows["period_end"]
    out = rows.assign(
        period_label=[period_label(r["period"]) for r in recs],
        span=[is_span(r["period_start"], r["period_end"]) for r in recs],
        shown_label=[shown_label(r["indicator"], s, e) for r, s, e in zip(recs, ps, pe)],
        wording=[wording(r.get("quote"), r.get("start"), r.get("value_start")) for r in recs],
        inferred=rows["attribution"].fillna("").eq("inferred") if "attribution" in rows else False,
        corrected=(rows["corrected"].fillna(False).astype(bool) if "corrected" in rows else False),
    )
    cls = out["unit"].map(unit_class)
    usual = cls.groupby(out["indicator"]).agg(lambda s: s.value_counts().index[0] if len(s) else "")
    out["unit_odd"] = cls.ne(out["indicator"].map(usual)) & out["unit"].fillna("").ne("%")
    out["marks"] = [(MARK_UNIT if u else "") + (MARK_INFERRED if i else "") + (MARK_CORRECTED if c else "")
                    for u, i, c in zip(out["unit_odd"], out["inferred"], out["corrected"])]
    return out


def unit_note(rows: pd.DataFrame) -> str:
    """'⚠ 涉黑组织单位不一:个、起' for each key whose figures use counting words of different classes."""
    notes = []
    for key, sub in rows.groupby("indicator", sort=False):
        classes = sub["unit"].map(unit_class)
        if classes.nunique() > 1:
            words = sorted(set(sub["unit"].fillna("")) - {""})
            notes.append(f"{lexicon().label(key)}单位不一:{'、'.join(words)}")
    return (MARK_UNIT + "=" + ";".join(notes) + "(计数对象不同,不宜直接比较)") if notes else ""


def notes(rows: pd.DataFrame) -> list[str]:
    """The chart note's parts for the marks used among these (annotated) rows."""
    out = []
    if len(rows) and rows["unit_odd"].any():
        out.append(unit_note(rows))
    if len(rows) and rows["inferred"].any():
        out.append(NOTE_INFERRED)
    if len(rows) and rows["corrected"].any():
        out.append(NOTE_CORRECTED)
    return out


def wording_note(rows: pd.DataFrame, limit: int = 6) -> str:
    """口径: the distinct wordings behind these rows, as a note ('' when there is one or none)."""
    words = [w for w in dict.fromkeys(rows["wording"]) if w] if len(rows) else []
    if len(words) <= 1:
        return f"口径:{words[0]}" if words else ""
    return "口径:" + "、".join(words[:limit]) + ("…" if len(words) > limit else "") + "(各地表述不同)"
