"""One sentence's figures -> the indicator of each, and the region or period a list gives it.

A small clause grammar over what the document scan found (figures, indicator terms, place names
and scope words, time expressions): each figure's *segment* is the text of its clause back to the
previous figure. Then, in order:

- lists: n figures joined by 、/和/及 after 分别/依次 align with n indicator terms (or an
  abbreviation defined earlier: “三率”), n years (a series) or n places, one each;
- chains: a figure whose segment names a place or scope word (全国(97.2%)、全省(97.86%)) and no
  indicator takes the key of the figure before it and the region of its own segment;
- headings: a first figure whose segment names nothing takes the sentence's head
  (群众安全感由高到低依次为:A市98.1%,B市97.9%);
- subject after: 以97.64%的群众安全感位列… reads the words after the figure;
- changes: 同比下降8.3%, 降幅最大,达37.8% (a clause away), 降幅36.9% after a from–to, whose
  period spans the from–to's.

Wording lives in data/lexicon.toml ([grammar] and the indicators); this module holds the rules.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from .indicators import Match
from .located import after_last
from .numbers import Figure
from .periods import Period
from .regions import gazetteer


# Bounds on how far a figure's reading looks, so a sentence of a million characters costs what a
# million characters of ordinary sentences do: the words after a figure that can name it
# (以97.64%的群众安全感位列…, 12人嫌疑人), the stretch a far change word may stand in, a heading.
_AFTER = 32
_BARE_FIRST = 40  # how far into a sentence its bare count or change word may stand
_FAR = 160
_HEADING = 400




@dataclass
class Item:
    """A figure in its sentence, and what the grammar decided about it."""
    fig: Figure
    clause: tuple           # (start, end) of its clause
    seg: int                # start of its segment: its clause start or the previous figure's end
    key: str | None = None
    value: float = 0.0
    marker: object = None   # a Marker a list or chain gave it (its region), else None
    period: Period | str | None = None  # a Period a list gave it, or its part in a from–to or span: "from", "to", "span"
    first_in_clause: bool = False
    drop: bool = False      # read (a change after it refers to it) but no row: 同比减少1320起
    also: tuple = ()        # more keys the same figure is for: A和B均达到97%以上
    places: tuple = ()      # the places (Markers) one figure is for, each: A县、B县均超过99%
    changes: int = -1       # the first item of the list of changes it is in (分别下降12.1%和8.4%), else -1
    inherited: bool = False  # a change that names nothing, keyed after the figure before it


def _clauses_of(clause_spans, figs, ss, se):
    """The clause of each figure, by one walk over both ordered lists (linear in the sentence)."""
    out, ci = [], 0
    for f in figs:
        while ci < len(clause_spans) and clause_spans[ci][1] <= f.num_start:
            ci += 1
        if ci < len(clause_spans) and clause_spans[ci][0] <= f.num_start:
            out.append(clause_spans[ci])
        else:
            out.append((ss, se))
    return out


def read_sentence(doc, ss, se, figs, topics, clause_spans, lex, ctx, outer=frozenset()) -> list[Item]:
    """Items for the figures of text[ss:se]; ctx carries the paragraph's last keyed item.
    topics: the sentence's, outer among them the ones it inherits (a heading sentence's, the headline's)."""
    text, g = doc.text, lex.grammar
    if not (ctx.get("last") or ctx.get("list") or ctx.get("heading") or ctx.get("columns")
            or (doc.art is not None and doc.art.head_key and (ctx.get("items") or g.rank_clause.search(text, ss, se)))) \
            and text.find(":", ss, se) < 0 and not lex.might_name(text, ss, se, _units(figs)) \
            and not (outer and g.bare_count.search(text, ss, min(se, ss + _BARE_FIRST))):
        # no word in the sentence could name a figure, nor anything before it: no rule keys one (but
        # a sentence that opens with a bare count or change word goes on with the one before it)
        return []
    items: list[Item] = []
    prev_end, prev_clause = ss, None
    for fig, cl in zip(figs, _clauses_of(clause_spans, figs, ss, se)):
        seg = max(cl[0], prev_end)
        items.append(Item(fig, cl, seg, value=fig.value, first_in_clause=cl != prev_clause))
        prev_end, prev_clause = fig.end, cl
    # lists: runs of figures joined only by a list word
    groups, j = [], 0
    for i in range(1, len(items) + 1):
        if i == len(items) or not _joined(text[items[i - 1].fig.end:items[i].fig.start], lex):
            groups.append((j, i - 1))
            j = i
    planned: dict[int, dict] = {}
    cols = ctx.get("columns")
    if cols and len(items) == len(cols) and doc.bare(_past_rank(text, items[0].seg), items[0].fig.start) \
            and all(doc.bare(b.seg, b.fig.start) for b in items[1:]):
        # a table's row under its header (合肥市 98.12% 97.35% under 地区 群众安全感 平安建设满意度; a
        # ranked table's row opens with its rank: 1 西充县 98.76 96.42 under 排名 县 群众安全感 满意度)
        for t, key in enumerate(cols):
            planned[t] = {"key": key}
    for j, k in groups:
        if k > j:
            _align(doc, items, j, k, ss, topics, lex, planned, ctx)
    last = None  # the last keyed item of this sentence
    first_colon = text.find(":", ss, se)  # a heading's end (政法机关满意度:公安96.1%、…)
    targets, leads = doc.stop_words
    tm = leads.between(ss, se)
    target_at = tm[0] if tm else None
    keyed_end = ss  # the end of the last figure of this sentence that has a key
    lead = None  # (the verb of the sentence's last count, its unit)
    sub_items = text.startswith(g.sub_item_lead, ss)  # 其中,…: the sentence lists the parts of the figure before it
    stops: dict = {}  # clause start -> (a target word in it, the end of its first group threshold)
    for i, it in enumerate(items):
        fig = it.fig
        prev = items[i - 1] if i else None
        if prev is not None and prev.key:
            keyed_end = prev.fig.end
        plan = planned.get(i, {})
        if "marker" in plan:
            it.marker = plan["marker"]
        if "period" in plan:
            it.period = plan["period"]
        cs, ce = it.clause
        if fig.unit == "个" and g.places_counted.match(text, fig.end):
            continue  # 全市有21个乡镇(街道)安全感在93%以上: a number of places, no indicator
        if cs not in stops:  # once per clause: a clause of a thousand figures is not searched a thousand times
            th = g.threshold.search(text, cs, ce)
            stops[cs] = (targets.any_between(cs, ce), th.end() if th else None)
        if "change" in plan:
            it.key, it.value = plan["change"]
            last = it
            continue
        target, threshold_end = stops[cs]
        if target or (target_at is not None and target_at < cs) \
                or (fig.qualifier == "at_least" and _after_target(text, targets, ss, cs)):
            continue  # a target (目标是…,刑事案件下降5%: the clauses after it too; 确保…,扫黑除恶满意度不低于96%: a floor after one)
        if threshold_end is not None and threshold_end <= fig.start:
            it.drop = True  # a group threshold: no row, but it names the indicator of the list after it
        subject = text[it.seg:fig.start]
        after = text[fig.end:min(ce, fig.end + _AFTER)]
        if g.upper_bound_before.search(subject) or after.startswith(g.upper_bound_after):
            it.drop = True  # 均低于97.5%, 不足95分: a bound, not a value (no row; it names the indicator)
        ftopics = _topics_of(doc, ss, it.clause, fig.start, topics, outer, ctx.get("head_topics", frozenset()))
        prev_fig_end = prev.fig.end if prev is not None else ss
        got = _of_level_compared(doc, items, i, ss, lex) \
            if text.rfind("(", ss, fig.start) > text.rfind(")", ss, fig.start) else None  # (in a bracket)
        if got is not None:
            it.key, it.marker, it.value = got
            continue
        if "key" in plan:
            it.key, it.value = plan["key"], plan.get("value", it.value)
            last = it
            continue
        if "parts" in plan:
            ref = last if last is not None else ctx.get("last")
            if ref is not None and ref.key and not lex.is_change(ref.key) and _same_kind(ref.fig.unit, fig.unit):
                it.key = ref.key  # 综合得分95.62分,公安、检察、法院得分依次为…: the parts of the figure before
                last = it
                continue
        if prev is not None and prev.clause == it.clause and text[prev.fig.num_start - 1:prev.fig.num_start] == g.density_lead:
            continue  # 每10万人电诈发案数降至52.1起: a count per so many people is a density, no count
        if prev is not None and prev.clause == it.clause and subject[:1] in g.list_chars \
                and lex.density.search(text, cs, prev.fig.start):
            continue  # 每万人拥有平安志愿者230人、专职网格员8.5名: the list's items are densities too
        # 49件86起, 52件183人: a figure glued to the previous one
        if prev is not None and prev.fig.end == fig.start:
            if prev.key:
                comp = lex.indicators.get(prev.key)
                if comp and fig.unit in comp.companions:
                    it.key = comp.companions[fig.unit]
            continue
        if fig.unit == "%" and _change(doc, it, i, items, subject, ftopics, lex, last, ctx, keyed_end, ss):
            if fig.qualifier == "at_least" and _group(doc, it, subject, g):
                it.drop = True  # 东胜区、康巴什区下降均超过10%: a floor for a group of places, no row
            last = it
            continue
        if fig.unit == "分" and g.points_change.search(subject):
            continue  # 得分提高0.38分, 高出全省1.2分: a difference in points, not a score
        if fig.unit != "%" and fig.unit != "分":
            diff = lex.change_sign(subject)
            if diff is not None:  # 刑事立案同比减少1320起: a difference between two years, not a count
                m = lex.classify(subject[:diff[1]], fig.unit, ftopics)
                if m is not None:  # no row, but what it is about is what a change after it is about
                    it.key, it.drop = m.key, True
                    last = it
                continue
        if prev is not None and not prev.key and subject.lstrip(" ,").startswith(g.sub_item_lead) \
                and lex.veto.search(text, prev.clause[0], prev.fig.start):
            continue  # 审结涉黑涉恶案件31件286人,其中涉黑案件3件72人: a part of a figure the veto took is none either
        m = lex.classify(subject, fig.unit, ftopics, after)
        if m is None and prev is not None and not prev.key and prev.fig.unit != fig.unit \
                and subject and subject in g.list_joins and fig.unit not in ("%", "分"):
            # 组建群防群治队伍1460支、3.6万人: the words before a count of another unit name this one too
            m = lex.classify(text[prev.seg:prev.fig.start], fig.unit, ftopics, after)
        if m is None and fig.unit not in ("%", "分") and ftopics and lex.topical_anywhere.search(subject):
            # 针对电信网络诈骗,全市去年一共立案2300多起: a bare count word past the places, times and
            # filler the segment opens with is read in the sentence's topic
            cut = _past_bare(doc, it.seg, fig.start)
            if cut > it.seg:
                m = lex.classify(text[cut:fig.start], fig.unit, ftopics, after)
        term = _past_places(doc, it.seg, fig.start) if m is not None and fig.unit == "%" else None
        if term is not None and g.bare_survey_term.match(text[term:fig.start]):
            # 群众对扫黑除恶斗争的满意率为99.1%,知晓率为97.3%; 在全省扫黑除恶群众知晓率测评中,我市知晓率达96.4%:
            # a bare term is of the object a survey the sentence named before it is of (here no 平安建设
            # 知晓率: no row)
            # (the nearest object that names something: 我市 in 我市群众满意度 is a place, no object)
            om = None
            for cand in g.survey_object.finditer(text, ss, it.seg):
                if not doc.bare(cand.start("object"), cand.end("object")):
                    om = cand
            if om is not None:
                m = lex.classify("对" + om.group("object") + "的" + text[term:fig.start], fig.unit, ftopics, after)
                if m is None:
                    continue
        if m is None and g.rank_intro.search(subject):
            # 群众安全感排名前三的是A市(99.1%)、…: the words that introduce a ranked list name no rank
            m = lex.classify(g.rank_intro.sub("", subject), fig.unit, ftopics, after)
        if m is None and prev is not None and prev.key and lex.is_change(prev.key) and i + 1 < len(items) \
                and fig.unit != "%" and fig.unit in lex.count_units(prev.key) and lex.base_of(prev.key) \
                and subject.lstrip(",;、 ").startswith(g.from_lead) and doc.bare(fig.start - len(subject.lstrip(",;、 ")) + 1, fig.start) \
                and items[i + 1].fig.unit == fig.unit and lex.to_level_rx.match(text[fig.end:items[i + 1].fig.start]):
            # 刑事案件立案数下降28.6%,由2012年的2.06万起降至2021年的1.47万起: a from–to after a change that
            # names nothing is of the count that changed
            it.key = lex.base_of(prev.key)
            it.period = it.period or "from"
            last = it
            continue
        if m is None and prev is not None and (prev.key or lex.head_only.match(subject)):
            stripped = subject.strip("、,和及与 ")
            if lex.head_only.match(subject) and text[prev.seg:prev.fig.start]:
                # (组建志愿者队伍47支、队员1.2万名: also after an item of no key)
                # 涉恶犯罪集团41个、团伙87个: the elided modifier comes from the previous item
                stem = lex.heads.sub("", text[prev.seg:prev.fig.start])
                m = lex.classify(stem + stripped, fig.unit, ftopics, after)
            elif prev.key and lex.to_level_rx.match(stripped) and fig.unit == prev.fig.unit:
                it.key = prev.key  # 从2015年的12万余起降至2022年的9万余起
                if prev.period is None and it.period is None:
                    prev.period, it.period = "from", "to"  # 从2018年至2022年,…由9876起减少到6543起
                last = it
                continue
        if m is None and lead and fig.unit == lead[1] and (it.seg == cs or subject[:1] == "、") and subject.strip(" 、,;"):
            # 共发生刑事案件486起,同比下降7.8%;电信网络诈骗案件112起: the verb of the sentence's
            # count before it (发生) is elided
            m = lex.classify(lead[0] + subject.lstrip(" 、,;"), fig.unit, ftopics, after)
        if m is None and first_colon != -1 and first_colon < it.seg and subject.strip(" 、,;"):
            # 电信网络诈骗工作:立案1326起;破案892起: the heading before the colon completes the item
            m = lex.classify(text[max(ss, first_colon - _HEADING):first_colon] + subject, fig.unit, ftopics)
        if m is None:
            sm = g.share_satisfied.match(after) if fig.unit == "%" else None
            if sm:  # 98.52%的群众对社会治安状况表示满意
                m = lex.classify(sm.group("subj") + g.satisfied_head, fig.unit, ftopics)
            else:
                sm = g.after_subject.match(after)
                if sm:  # 以97.64%的群众安全感、96.81%的平安建设满意度位列…
                    m = lex.classify(sm.group("subj"), fig.unit, ftopics)
                if sm and m is None and fig.unit == "%" and text.endswith(g.by_figure, 0, fig.start):
                    # 以34.6%的降幅位居全市第一, 以同比下降35.2%的立案降幅位列…: a change named after its figure
                    # (what changed: its own words, else the paragraph's last change or count)
                    key, sign = named_change(lex, sm.group("subj"), ftopics)
                    c = lex.change_sign(sm.group("subj")) if key is None else None
                    ref = last if last is not None else ctx.get("last")
                    if c is not None and ref is not None and ref.key and not g.filler.sub("", sm.group("subj")[:c[1]]).strip():
                        key, sign = lex.change_key_of(ref.key), c[0]
                    if key and sign:
                        it.key, it.value = key, sign * fig.value
                        last = it
                        continue
            if m is not None and i + 1 < len(items):
                nxt = items[i + 1]  # the words after this figure are its own, not the next one's subject
                nxt.seg = max(nxt.seg, min(fig.end + sm.end(), nxt.fig.start))
        if m is None:
            pm = g.passive.match(after)
            if pm:  # 1326起电信网络诈骗案件被成功侦破
                m = lex.classify(pm.group("verb") + pm.group("what"), fig.unit, ftopics)
        if m is None and it.seg == cs and cs > prev_fig_end:
            # 茶陵县执法满意度最高,达95.37%: the clauses since the figure before (none of them holds a
            # figure) name what this one is, when its own words name nothing
            before = text[max(prev_fig_end, cs - _FAR):cs]
            own_end = fig.start
            if fig.unit in ("%", "分") and text.endswith(g.by_figure, 0, fig.start) and g.rank_clause.match(text, fig.end, ce):
                # 在全市群众安全感排名中,宣威市以97.91%位列第一: the ranking the clause before names is of
                # the indicator whose value the place ranks with
                before, own_end = g.ranking.sub("", before), fig.start - 1
            gm = lex.classify(before, fig.unit, ftopics)
            if gm is None:
                # (…分别达到99.32%、99.11%,均位居全市前列;赣榆区法治建设群众满意率提升幅度全市最大,达到96.05%:
                # the nearest clause names it, where the ranking of a clause further back vetoes them all)
                near = after_last(before, ",;:", 0, len(before) - 1)
                if near > 0:
                    gm = lex.classify(before[near:], fig.unit, ftopics)
            if gm is not None and gm.key in g.generic_keys and last is None and ctx.get("last") is not None \
                    and ctx["last"].key in g.generic_pairs and g.filler.sub("", before).strip() in g.bare_generic:
                # 安全感排名前三的依次是…。满意度方面,汉中市以97.95%居首: a bare 满意度 after the paragraph's
                # 安全感 is its pair (两率), as it is in one sentence
                gm = Match(g.generic_pairs[ctx["last"].key], gm.start, gm.end)
            # (…群众安全感稳步提升,由2019年的95.6%上升到…: a from–to's lead word is no word of its own)
            own_start = it.seg + 1 if text.startswith(g.from_lead, it.seg) else it.seg
            if gm is not None and doc.bare(own_start, own_end):
                m = gm
        if m is None and fig.unit in ("%", "分") and doc.art is not None and doc.art.head_key \
                and last is None and ctx.get("last") is None and not ctx.get("heading") \
                and (g.rank_clause.search(text, cs, ce) or ctx.get("items")) and doc.bare(it.seg, fig.start):
            # 我省发布群众安全感调查结果 / 分市看,汉中市以95.36%位列第一: a ranked place's figure that names
            # nothing is of the one survey indicator the headline names
            it.key = doc.art.head_key
            last = it
            continue
        ref = ctx.get("last")
        if m is None and sub_items and fig.unit not in ("%", "分"):
            # 共立案查处…“保护伞”案件356件。其中,A市立案查处47件,B县立案查处21件: a part named, places
            # aside, by the verb of the total's own words is a part of that total, of its indicator
            whole = last if last is not None else ref
            at = _past_places(doc, it.seg, fig.start)
            verb = text[at:fig.start] if at is not None and at > it.seg else ""
            if whole is not None and whole.key and fig.unit == whole.fig.unit and len(verb) >= 2 \
                    and verb in text[whole.seg:whole.fig.start] and not lex.is_change(whole.key):
                it.key = whole.key
                last = it
                continue
        if m is not None and m.key in g.generic_keys and sub_items and i == 0 and ref is not None and ref.key \
                and not lex.is_change(ref.key) and _same_kind(ref.fig.unit, fig.unit):
            # 政法工作满意度综合得分为94.27分。其中,公安工作满意度得分93.86分,检察工作95.12分: the
            # sub-scores under a figure are of its indicator
            m = None
            it.key = ref.key
            last = it
            continue
        if m is not None and m.key in g.generic_keys and it.seg > ss:
            # 在全省平安建设群众满意度测评中,我市群众满意度为96.5%: the sentence names which survey
            wide = lex.classify(text[max(ss, prev_fig_end, it.seg - _HEADING):it.seg] + subject, fig.unit, ftopics)
            if wide is not None and wide.key != m.key and wide.key.split("_")[0] == m.key.split("_")[0]:
                m = wide
            elif last is not None and last.key in g.generic_pairs and not g.filler.sub("", subject[:m.start]).strip():
                # 群众安全感为99.26%,满意度为98.87%: a bare 满意度 after 安全感 is its pair (两率)
                it.key = g.generic_pairs[last.key]
                last = it
                continue
        if m is not None:
            it.key = m.key
            last = it
            if fig.unit not in ("%", "分"):
                verb = g.count_verb.findall(subject, 0, m.end)
                lead = (verb[-1], fig.unit) if verb else None  # its verb, for an item that elides it
            both = g.shared_value.search(subject, max(0, len(subject) - 8))  # (it ends the subject)
            if both:  # 群众安全感和平安建设满意度均达到97%以上: each term has the one figure
                parts = [p for p in g.term_split.split(subject[:both.start()]) if p.strip()]
                keys = term_keys(parts, [[fig.unit]] * len(parts), ftopics, lex) if len(parts) >= 2 else None
                if keys and all(keys) and len(set(keys)) == len(keys) and m.key in keys:
                    it.key, it.also = keys[0], tuple(keys[1:])
            named = _group(doc, it, subject, g) if both else ()
            if named and fig.qualifier == "at_least":
                it.drop = True  # A县、B县群众安全感均超过99%: a floor for a group of places, no row
            elif named:
                it.places = named  # A县、B县满意度均为98.5%: the one value is each place's
            continue
        # nothing named: a chain or list item takes the key before it, a first figure the heading
        if last is not None and _same_kind(last.fig.unit, fig.unit) and (
                doc.bare(it.seg, fig.start)
                or (_sub_item(text, last.fig.end, fig.start, g.list_chars,
                              (first_colon != -1 and first_colon < last.fig.start) or sub_items, g.sub_item_lead)
                    and not subject.lstrip(" 、,;").startswith(g.own_verbs))):
            # (止付涉案资金2315万元,冻结涉诈资金3680万元: an item that opens with a verb of its own is no part)
            it.key = last.key if not lex.is_change(last.key) else None
            if it.key is None and it.changes >= 0 and last.changes == it.changes:
                it.key, it.value = last.key, plan["value"]  # the next change of the same list
            if it.key:
                last = it
            continue
        if last is None and ctx.get("heading") and i == 0 and _same_kind(fig.unit, ctx.get("heading_unit", "%")) and (
                doc.bare(it.seg, fig.start) or ((ctx.get("items") or (len(items) == 1 and fig.end == se))
                                                and _named_item(g, subject))):
            # 2021年全省群众安全感测评结果 / 全省98.06%,其中:…; 执法满意度为94.86%。分系统看: /
            # (一)公安机关95.12%;: a line under a heading that ends in a colon names one of its items;
            # so does a table's row of a name and one score under its header (政法机关 执法满意度(分) /
            # 公安机关 95.86)
            it.key = ctx["heading"]
            ref = ctx.get("last")
            if it.key in g.generic_keys and ref is not None and ref.key and not lex.is_change(ref.key) \
                    and lex.family(ref.key) == lex.family(it.key) and _same_kind(ref.fig.unit, fig.unit):
                # 三、群众满意度稳步提升。…扫黑除恶满意率由…上升到95.3%。同期,全国为94.6%: a heading's bare
                # 满意度 is the one its paragraph has since named
                it.key = ref.key
            if ctx.get("heading_sign"):
                it.value = ctx["heading_sign"] * fig.value  # ↓26.3% / 电诈立案数同比降幅
            last = it
            continue
        if last is None and cs > ss and (doc.bare(it.seg, fig.start) or text[cs - 1] == ":"):
            # 各市安全感由高到低依次为:A市98.1%…; 政法机关满意度:公安96.1%、检察97.3%…
            head = g.rank_intro.sub("", text[ss:min(cs, ss + _HEADING)])
            m = lex.classify(head, fig.unit, ftopics)
            if m is not None and not g.target.search(text, ss, cs):
                it.key = m.key
                last = it
                continue
            if m is None and fig.unit == "%" and text[cs - 1] == ":" and not g.target.search(text, ss, cs):
                # 电诈发案同比降幅排名前三位的依次为:A市32.1%、B市28.4%: a list of one change, its sign
                # and what changed named in the heading
                change = lex.change_sign(g.list_words_end.sub("", head))
                cm = _change_of(lex, head[:change[1]], ftopics) if change else None
                key = lex.change_key_of(cm.key) if cm is not None else None
                if key:
                    for t in range(i + 1, len(items)):  # (the list's other items, place and figure: read as this one)
                        if items[t].fig.unit != "%" or not doc.bare(items[t].seg, items[t].fig.start):
                            break
                        planned.setdefault(t, {})["change"] = key, change[0] * items[t].fig.value
                    it.key, it.value = key, change[0] * fig.value
                    last = it
                    continue
        if last is None and ref is not None and ref.key and not lex.is_change(ref.key) \
                and _same_kind(ref.fig.unit, fig.unit) and doc.bare(it.seg, fig.start) \
                and ("period" in plan or "marker" in plan or doc.markers(it.seg, fig.start)
                     or (it.seg == cs and cs > prev_fig_end and doc.markers(prev_fig_end, cs) and doc.bare(prev_fig_end, cs))):
            # 全州群众安全感为97.4%…。各县中,甲县98.3%,乙县97.9%…: places under the paragraph's
            # last figure take its key; so do the years of a series (其中,2019年、2020年分别为…) and the
            # places of a list (排名后三位的是A市、B市,分别为…); a place may stand in the clause before
            # its figure's (其中,A市最高,为95.9%;B市次之,为95.1%)
            it.key = ref.key
            last = it
            continue
    _pair_changes(items, lex)
    if last is None and len(items) == 2:
        last = _subject_after_from_to(doc, items, se, topics, lex)
    if last is not None:
        ctx["last"] = last
    return items


_RANK_CELL = re.compile(r"\d{1,3}[ .、]?(?=\D)")  # a ranked table's first cell (1 西充县, 2.仪陇县)


def _past_rank(text: str, pos: int) -> int:
    m = _RANK_CELL.match(text, pos)
    return m.end() if m else pos



# the counting words a change's subject is read with (刑事案件同比下降8.3%)
_CHANGE_UNITS = ("起", "件")


def _topics_of(doc, ss, clause, at, topics, outer, head=frozenset()):
    """The topics a figure is read in: those its own clause names (98%的矛盾纠纷调处成功率 after it
    too), else those its sentence names before it, else its headline's (各地市中,拉萨市发案数同比下降24.5%,
    …;日喀则市破获电诈案件137起 under a fraud headline), and the ones the sentence inherits. (共立刑事案件
    642起,…;破获养老诈骗案件9起: a topic named in a later clause, or before a clause that names its own,
    is not the figure's.)"""
    if not topics:
        return topics
    own = doc.topics_in(*clause)
    return (own or doc.topics_in(ss, at) or head) | outer




def _change_of(lex, subject: str, topics):
    """The count a change's subject names (刑事案件 in 刑事案件同比下降8.3%), or None."""
    return _classify_any(lex, subject, _CHANGE_UNITS, topics)


def _after_target(text: str, targets, ss: int, cs: int) -> bool:
    """Whether a target word opens a clause of the sentence before cs (确保2021年…保持在98%以上,…): not one
    inside a clause (超额完成省定目标任务) nor one told done (确保了社会大局稳定)."""
    for t, t_end in targets.between(ss, cs):
        c = after_last(text, ",;:", ss, t)
        if not text[c:t].strip("并要将还 ") and text[t_end:t_end + 1] != "了":
            return True
    return False


def _past_bare(doc, start: int, end: int) -> int:
    """The end of the longest stretch from start that names nothing but places, scope words, times
    and filler (全市去年一共|立案), or start."""
    ends = sorted({mk.end for mk in doc.markers(start, end)} | {min(end, doc.period_ends[at]) for at, _ in doc.periods.between(start, end)},
                  reverse=True)
    return next((e for e in ends if e < end and doc.bare(start, e)), start)


def _past_towns(text: str, start: int, end: int) -> int:
    """The end of the last town named in text[start:end] (长安镇、虎门镇立案数: after 虎门镇), or start."""
    g = gazetteer()
    if not g.town_end.search(text, start, end):
        return start
    return max((t.end() for t in g.town.finditer(text, start, end)), default=start)


def _past_places(doc, start: int, end: int) -> int | None:
    """Where text[start:end] goes on past the places, scope words and filler it opens with (我市知晓率达:
    at 知晓率), or None when it holds nothing else."""
    cut = start
    for mk in doc.markers(start, end):
        if doc.bare(start, mk.end):
            cut = mk.end
    while cut < end and doc.text[cut] in " 、,;":
        cut += 1
    return cut if cut < end else None


def _of_level_compared(doc, items, i, ss, lex):
    """高于全市平均水平(97.84%、96.93%), 高于全市平均水平0.24个百分点(全市为98.31%): the figures in
    brackets after a comparison with another level are that level's, of the indicators of the figures
    before the comparison, in order. (key, marker of the level) or None."""
    text, g = doc.text, lex.grammar
    fig = items[i].fig
    p = text.rfind("(", ss, fig.start)
    if p < 0 or text.find(")", p, fig.start) >= 0:
        return None
    m = g.compare_level.search(text, max(ss, p - _COMPARE), p + 1)
    if m is None or (text[m.start()] == ")" and not g.comparing.search(text, max(ss, m.start() - _CHAIN), m.start())):
        return None  # (a bracket after another is a chain's only after a comparison: A区(99.0%)、B区(90.1%) is a list)
    inside = [k for k, b in enumerate(items) if p < b.fig.start and text.find(")", p, b.fig.start) < 0]
    if not inside:
        return None
    lead = text[p + 1:items[inside[0]].fig.start]
    change = lex.change_sign(lead) if fig.unit == "%" else None  # (降幅高于全国平均水平(同比下降12.3%): a change)
    if not doc.bare(p + 1, p + 1 + (change[1] if change else len(lead))):
        return None
    if change is None and fig.unit == "%":
        # (降幅高于全省同期(12.6%), 降幅高于全国(23.6%)、全省(28.4%)和某市(30.1%)平均水平: the change noun before
        # the comparison makes the bracketed figures changes too)
        cs = after_last(text, ",;:。", ss, p)
        verb = None
        for verb in g.comparing.finditer(text, cs, p):
            pass
        noun = lex.change_sign(text[cs:verb.start()]) if verb is not None else None
        if noun is not None and g.change_noun.search(text, cs, verb.start()):
            change = (noun[0], 0)
    refs = [b for b in items[:inside[0]] if b.key and not b.drop and lex.is_change(b.key) == (change is not None)]
    refs = refs[-len(inside):]
    if len(refs) < len(inside) or any(not _same_kind(r.fig.unit, items[k].fig.unit) for r, k in zip(refs, inside)):
        return None
    levels = doc.markers(p + 1, items[inside[0]].fig.start) or doc.markers(m.start(), m.end())
    if not levels:
        return None
    return refs[inside.index(i)].key, levels[-1], (change[0] * fig.value if change else fig.value)


_COMPARE = 32  # how far before its bracket a comparison with another level may start
_CHAIN = 64  # how far before a chained bracket (…、全省(28.4%)和某市() the comparison's verb may stand


def what_changed(lex, subject: str, topics):
    """The count a change's subject names, also by the wording read only before a change
    (change_triggers), or None."""
    return _change_of(lex, subject, topics) or lex.change_subject(subject, _CHANGE_UNITS[0])


def _units(figs) -> set:
    """The units the sentence's figures may be classified with: their own, and a change's."""
    units = {f.unit for f in figs}
    if "%" in units:
        units.update(_CHANGE_UNITS)
    return units


def _subject_after_from_to(doc, items, se, topics, lex):
    """从2016年的92.48%到2021年的98.03%,全市群众安全感实现五连升: a from–to that names nothing takes
    the indicator the rest of its sentence names. The item it keyed, or None."""
    a, b = items
    text = doc.text
    lead = text[a.seg:a.fig.start].lstrip(",;、 ")
    if a.key or b.key or a.fig.unit != b.fig.unit or not lead.startswith(lex.grammar.from_lead) \
            or not doc.bare(a.fig.start - len(lead) + 1, a.fig.start) \
            or lex.to_level_rx.match(text[a.fig.end:b.fig.start]) is None:
        return None
    m = lex.classify(text[b.fig.end:min(se, b.fig.end + _AFTER)], a.fig.unit, topics)
    if m is None:
        return None
    a.key = b.key = m.key
    a.period, b.period = a.period or "from", b.period or "to"
    return b


def _joined(between: str, lex) -> bool:
    """Whether two figures are items of one list: a list word between them, or a list word and
    the item's own change word (同比分别上升12.4%、下降21.3%)."""
    if between in lex.grammar.list_joins:
        return True
    rest = between.lstrip(lex.grammar.list_chars)
    return len(between) <= 6 and rest != between and lex.change.fullmatch(rest) is not None


def _sub_item(text: str, start: int, end: int, joins: str, listing: bool = False, lead: str = "") -> bool:
    """、检察97.3%: a short item name after a list word, under the key of the figure before it;
    listing: after a heading's colon, items may be parted by commas too (:县公安局95.9%,县人民检察院97.1%)."""
    if end - start > 12:
        return False
    between = text[start:end]
    if lead and between[1:1 + len(lead)] == lead and between[:1] in ",;":
        between = "、" + between[1 + len(lead):].lstrip(":")  # 得分94.2分,其中执法工作得分93.1分
    if len(between) > 9:
        return False
    if listing and between[:1] in ",;":
        between = "、" + between[1:]
    return between[:1] in joins and not any(c in between for c in ",;:")


_ITEM_NAME = 10  # the longest name of an item on a line of its own (司法行政机关)


def _named_item(g, subject: str) -> bool:
    """Whether a line's words before its figure are only an item's name ((一)公安机关, 2.检察机关:)."""
    name = g.item_number.sub("", subject).strip(" ,:;")
    return 0 < len(name) <= _ITEM_NAME and not any(c in name for c in ",;。") and not g.item_not_name.search(name)


def _same_kind(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"%", "分"}


def _change(doc, it, i, items, subject, topics, lex, last, ctx, keyed_end, ss) -> bool:
    """A signed change (同比下降8.3%): its key from the words before the change word, else from the
    figure it follows (the sentence's, else the paragraph's last). True when it is one."""
    text = doc.text
    change = lex.change_sign(subject)
    base_start = it.seg
    if change is None and it.seg == it.clause[0] and doc.bare(it.seg, it.fig.start):
        # 降幅最大,达37.8%: the change word stands a clause before (not further back than _FAR)
        prev_end = max(keyed_end, it.fig.start - _FAR, ss)
        if prev_end < it.seg:
            far = text[prev_end:it.fig.start]
            change = lex.change_sign(far, far=True)
            if change is not None:
                # (11个设区市中,吉安市降幅最大,达34.5%: what changed is read in the change word's own clause)
                cut = after_last(far, ",;:", 0, change[1])
                base_start, subject = prev_end + cut, far[cut:]
                change = (change[0], change[1] - cut)
    if change is None:
        return False
    sign, at = change
    base = subject[:at]
    m = what_changed(lex, base, topics)
    if m is None:
        # 相城区发案同比上升4.6%: what changed, read past the places it opens with
        mks = doc.markers(base_start, base_start + at)
        cut = mks[-1].end - base_start if mks else 0
        cut = max(cut, _past_towns(base, 0, len(base)))  # (长安镇、虎门镇立案数同比分别下降…: towns, as places)
        if 0 < cut < at and doc.bare(base_start, base_start + cut):
            # (…立案数同比分别下降: the list's words after what changed)
            m = _change_of(lex, base[cut:], topics) or _change_of(lex, lex.grammar.each_end.sub("", base[cut:]), topics)
    key = None
    if m is not None:
        key = lex.change_key_of(m.key)
    elif doc.bare(base_start, base_start + at):
        ref = last if last is not None else ctx.get("last")
        before = items[i - 1] if i else None
        # (…同比下降10.8%;电信诈骗案件呈上升势头,同比上升21.4%: the clause before it, since the figure
        # before, says what went which way: that, not the last keyed figure, is what changed)
        since = text[before.fig.end if before is not None else ss:base_start]
        tm = lex.grammar.trend_clause.search(since)
        m = what_changed(lex, since[:tm.start()], topics) if tm is not None else None
        if m is not None and lex.change_key_of(m.key):
            it.key, it.value = lex.change_key_of(m.key), sign * it.fig.value
            return True
        if before is not None and ref is not None and ref.key and before is not ref and not before.key \
                and before.fig.unit in lex.count_units(ref.key) \
                and lex.change_sign(text[before.seg:before.fig.start]) is None:  # (较上年减少196起,下降7.8%: a difference, no count)
            # 共立刑事案件1286起,…;八类主要刑事案件立案23起,同比下降30.3%: the change of the count just
            # before it, which is of no key (a subset), not of the last keyed one (12个市中,… is no such count)
            return False
        if ref is not None and ref.key:
            key = lex.change_key_of(ref.key)
            it.inherited = True
            if key and ref is last and i >= 2 and items[i - 2].key == last.key and it.period is None \
                    and lex.grammar.year_on_year not in subject:
                it.period = "span"  # 从2016年的X起下降至2021年的Y起,降幅36.9%: over the from–to (when they differ)
        elif ref is None and base_start > ss:
            # 刑事案件发案量连续五年下降,2022年比2017年下降46.2%: the sentence named what changed
            head = text[max(ss, base_start - _HEADING):base_start]
            m = _change_of(lex, head, topics)
            tm = lex.grammar.trend_clause.search(head) if m is None else None
            if tm is not None:  # 电信诈骗案件呈上升势头,同比上升21.4%
                m = what_changed(lex, head[:tm.start()], topics)
            key = lex.change_key_of(m.key) if m is not None else None
            c = lex.change_sign(head, far=True) if key is None and base_start - len(head) == ss else None
            if c is not None and doc.bare(ss, ss + c[1]):
                # 其中,宁津县降幅最大,同比下降43.2%: places, then a change word and no more before the
                # change's own clause: as below
                key = _changed_before(doc, ss, lex, topics)
        elif ref is None and base_start == ss:
            # 全省17个市州电诈发案数全部同比下降。武汉市降幅24.1%: a sentence that opens, places aside,
            # with its change word goes on with what the sentence before it in the paragraph said changed
            key = _changed_before(doc, ss, lex, topics)
    if key:
        it.key, it.value = key, sign * it.fig.value
        return True
    return False


def named_change(lex, words: str, topics) -> tuple:
    """(the change key of what words name before their change word, or of all of them when they hold
    none; the change word's sign, or None when there is none): (fraud_cases_yoy, -1) for
    电信网络诈骗立案数同比降幅; (None, None) when they name nothing that changes."""
    c = lex.change_sign(words)
    m = what_changed(lex, words[:c[1]] if c is not None else words, topics)
    key = lex.change_key_of(m.key) if m is not None else None
    return key, (c[0] if c is not None and key else None)


def _changed_before(doc, ss: int, lex, topics):
    """The change key of what the sentence before ss in its paragraph says changed (…电诈发案数全部
    同比下降。), or None."""
    text = doc.text
    ps = max(text.rfind("\n", 0, ss) + 1, ss - _HEADING)
    if ps == ss and ss > 0:
        # 🔸2023年电信网络诈骗发案 / 同比下降31.6%: a line that opens with its change goes on with the
        # short line above it, with no figure, that names what changed
        ls = text.rfind("\n", 0, ss - 1) + 1
        if ss - 1 - ls <= _LABEL_LINE and not doc.figures.any_between(ls, ss - 1):
            return named_change(lex, text[ls:ss - 1], topics)[0]
    key, sign = named_change(lex, text[after_last(text, "。!?", ps, ss - 1):ss].rstrip("。!?"), topics)
    return key if sign is not None else None  # (the sentence before says it changed)


_LABEL_LINE = 40  # the longest line that labels the figures of the line under it


def _align(doc, items, j, k, ss, topics, lex, planned, ctx):
    """n figures items[j..k] after 分别/依次: align them with n terms, n years or n places."""
    text, g = doc.text, lex.grammar
    n = k - j + 1
    start = items[j - 1].fig.end if j > 0 else ss
    head = items[j].fig.start
    dm = None
    for dm in g.distributive.finditer(text, start, head):
        pass
    if dm is None:
        # …A市“两率”分别为98.8%、96.9%,B市为99.1%、97.0%: a list of as many figures with no 分别 and
        # nothing but its place before it goes on with the terms of the list before it
        prior = ctx.get("list")
        if prior is not None and len(prior) == n and doc.bare(start, head):
            for t in range(n):
                planned.setdefault(j + t, {})["key"] = prior[t]
        return
    pre_s, pre_e = start, dm.start()
    towns = _past_towns(text, pre_s, pre_e)
    if towns > pre_s and doc.bare(pre_s, towns):
        # (常平镇、樟木头镇电诈立案数同比分别下降…: a list of towns, places below the table's, is no list of terms)
        pre_s = towns
    pre, verb = text[pre_s:pre_e], text[dm.end():head]
    unit = items[j].fig.unit
    # years: n single years, or one range of n years (2017年至2021年), written as years (近三年,
    # 连续三年 and 三年间 around them only repeat the count)
    periods = [p for pos, p in doc.periods.between(pre_s, pre_e) if g.written_year.match(text, pos)]
    singles = [p for p in periods if p.start is not None and p.start == p.end]
    spans = [p for p in periods if p.start is not None and p.end is not None and p.end - p.start + 1 == n
             and "-" in p.label]
    years, from_span = None, False
    if len(singles) == n and len(periods) == n:
        years = singles
    elif len(spans) == 1 and not singles:
        years, from_span = [Period.of(y, y) for y in range(spans[0].start, spans[0].end + 1)], True
    elif not periods and ctx.get("years", (None,))[0] == ss and len(ctx["years"][1]) == n:
        years = ctx["years"][1]  # 2020年、2021年,安全感分别为…,满意度分别为…: the sentence's series goes on
    elif not periods:
        # 三年来,…分别下降12.1%、18.6%和25.3% (published 2023): the n years before the text's own
        counted = [p for _, p in doc.periods.between(pre_s, pre_e)]
        if len(counted) == 1 and counted[0].start is not None and counted[0].end == doc.pub \
                and counted[0].end - counted[0].start == n and n >= 2:
            years = [Period.of(y, y) for y in range(counted[0].start, counted[0].end)]
    if years is not None:
        ctx["years"] = (ss, years)
    # places: n place names or scope words
    markers = [mk for mk in doc.markers(pre_s, pre_e) if not doc.in_rank(mk)]
    if _places_by_terms(doc, markers, pre, n, j, planned, g):
        return
    places = markers if len(markers) == n else None
    if places is None and len(markers) > n \
            and _listed(text, markers[-n:], g):
        # 全省11个设区市中,…前三的是A市、B市、C市,分别为…; 记者从唐山市委政法委获悉,全国、全省、全市…分别为…:
        # the list is the last n names or scope words, joined by list words
        places = markers[-n:]
    # a list of changes: 同比分别下降x%、y%, 降幅分别为…
    sign = None
    if unit == "%":
        sign = lex.sign_in(verb)
        if sign is None:
            c = lex.change_sign(pre)
            sign = c[0] if c else None
    units = [list(_CHANGE_UNITS) if sign is not None else [items[j + t].fig.unit] for t in range(n)]
    keys = _terms(doc, pre, units, topics, lex, n, sign is not None)
    if places and keys is not None and all(keys) and len(set(keys)) == n \
            and not _listed(text, places, g):
        places = None  # 平安某地建设…,全市安全感和满意度分别为…: n terms; n places that are no list of places
    if places and keys is not None and not all(keys):
        keys = None  # A区、B区诈骗发案降幅分别为…: n places, and one change named after them (not n terms)
    if keys is None and sign is None and not lex.classify(g.rank_intro.sub("", pre), unit, topics):
        # ;2021年分别为93.1%、88.7%、97.2%: a second list of as many figures, with no terms of its
        # own, takes the terms of the list before it in the paragraph
        prior = ctx.get("list")
        if prior is not None and len(prior) == n:
            keys = list(prior)
    after_list = g.after_subject.match(text[items[k].fig.end:items[k].fig.end + _AFTER])  # (以…的公众安全感位列…)
    if keys is None and sign is None and places and unit in ("%", "分") and doc.art is not None and doc.art.head_key \
            and not ctx.get("list") and ctx.get("last") is None and not ctx.get("heading") \
            and g.rank_places.search(text, pre_s, pre_e) and not lex.classify(text[ss:pre_e] + verb, unit, topics) \
            and not after_list:
        # 安康市、商洛市分列第二、第三位,分别为94.88%和94.51%: ranked places, named nothing, under a
        # headline that names one survey indicator; but a bare term of their own (…分列第二、第三位,满意度依次为…)
        # is of the satisfaction the sentence opens with (平安建设满意度方面,…), else of its own key
        own = lex.classify(pre[after_last(pre, ",;:"):], unit, topics)
        if own is None:
            keys = [doc.art.head_key] * n
        else:
            wide = lex.classify(g.ranking.sub("", text[ss:items[0].fig.start]), unit, topics) if own.key in g.generic_keys else None
            keys = [wide.key if wide is not None and wide.key.split("_")[0] == own.key.split("_")[0] else own.key] * n
    if sign is None and places and (keys is None or len(set(keys)) > 1):
        # 平安建设满意度排名前三的是光泽县、政和县、松溪县,依次为…; 延平区、建阳区执法满意度分别为…: n
        # places under one indicator (not 延平区 read with the last term's head: 延平区满意度)
        m = lex.classify(g.rank_intro.sub("", _without_places(text, places, pre_s, pre_e, g.list_chars)), unit, topics)
        if m is None and keys is None and verb.strip():
            m = lex.classify(verb, unit, topics)  # 观山湖区、南明区分别立案846起、791起: the verb after 分别 names it
        if m is None and keys is None:
            # A县、B县分别以99.12%、98.97%的公众安全感位列…: the words after the list's last figure name it
            m = lex.classify(after_list.group("subj"), unit, topics) if after_list else None

        if m is not None and (keys is None or m.key in keys):
            keys = [m.key] * n
    if keys is None and sign is None and not places and years is None and unit in ("%", "分"):
        # 执法满意度综合得分95.62分。分部门看,公安、检察、法院、司法行政得分依次为…: n short items that
        # name no indicator (organs, offices) are the parts of the figure before them
        cut = max(pre.rfind(","), pre.rfind(";"), pre.rfind(":"))
        parts = [p for p in g.term_split.split(pre[cut + 1:]) if p.strip()]
        if len(parts) == n and all(len(p) <= _ITEM_NAME for p in parts[:-1]) \
                and all(_classify_any(lex, p, [unit], topics) is None for p in parts):
            for t in range(n):
                planned.setdefault(j + t, {})["parts"] = True
    if keys is not None and sign is None and all(keys):
        ctx["list"] = tuple(keys)
        if from_span:
            years = None  # 2018年至2020年,…组织、集团、团伙分别为5个、18个和43个: n terms over one span
            ctx.pop("years", None)
    shared = None
    if keys is None and sign is not None:
        c = lex.change_sign(pre)
        base = pre[:c[1]] if c else pre
        m = _change_of(lex, base, topics)
        if m is None and places:
            # 分地区看,A市、B市发案数同比分别下降…: what changed, read without the places and the
            # clauses before them
            own = _without_places(text, places, places[0].start, pre_s + len(base), g.list_chars)
            m = _change_of(lex, own, topics)
        shared = lex.change_key_of(m.key) if m else None
    for t in range(n):
        plan = planned.setdefault(j + t, {})
        if years:
            plan["period"] = years[t]
        if places:
            plan["marker"] = places[t]
        key = keys[t] if keys is not None else shared
        if sign is not None:
            own = lex.sign_in(text[items[j + t - 1].fig.end:items[j + t].fig.start]) if t else None
            plan["value"] = (own if own is not None else sign) * items[j + t].fig.value
            items[j + t].changes = j  # a list of changes: its items take the key of its first (分别下降12.1%和8.4%)
        if keys is not None or shared is not None:
            if key is not None and sign is not None:
                key = lex.change_key_of(key)
            plan["key"] = key


def _listed(text: str, marks, g) -> bool:
    """Whether places or scope words (Markers) in order stand joined only by list words (A县、B县和C县)."""
    return all(text[a.end:b.start] in g.list_joins for a, b in zip(marks, marks[1:]))


def _group(doc, it, subject: str, g) -> tuple:
    """The places (Markers) a figure is shared by (A县、B县群众安全感均超过99%), or ()."""
    if not g.shared_value.search(subject, max(0, len(subject) - 8)):
        return ()
    named = [mk for mk in doc.markers(it.seg, it.fig.start) if mk.level == "named"]
    if len(named) >= 2 and _listed(doc.text, named, g):
        return tuple(named)
    return ()


def _pair_changes(items, lex) -> None:
    """共立刑事案件7612起、电信网络诈骗案件2045起,同比分别下降13.8%、24.6%: a list of n changes that
    names nothing, right after n counts of n indicators, is of those counts, in order (not n changes of
    the last one)."""
    sizes: dict = {}
    for b in items:
        if b.changes >= 0:
            sizes[b.changes] = sizes.get(b.changes, 0) + 1
    for j, n in sizes.items():
        it = items[j]
        if not it.inherited:
            continue
        refs = items[j - n:j] if j >= n >= 2 else []
        keys = [lex.change_key_of(b.key) if b.key and not b.drop and not lex.is_change(b.key) else None for b in refs]
        if refs and all(keys) and len(set(keys)) == n and all(b.changes == j and b.key for b in items[j:j + n]):
            for b, key in zip(items[j:j + n], keys):
                b.key = key


def _places_by_terms(doc, markers, pre: str, n: int, j: int, planned: dict, g) -> bool:
    """红山区、松山区“两率”分别为90.36%、78.54%和91.02%、79.95%: p places by t terms (an abbreviation's),
    n = p × t figures, place by place. Plans them and says True, else False."""
    for abbr, keys in doc.abbreviations.items():
        t = len(keys)
        if t < 2 or n % t or n // t < 2 or (f"“{abbr}”" not in pre and f'"{abbr}"' not in pre):
            continue
        p = n // t
        named = [mk for mk in markers if mk.level == "named"][-p:]
        if len(named) == p and _listed(doc.text, named, g):
            for q in range(n):
                planned.setdefault(j + q, {}).update(key=keys[q % t], marker=named[q // t])
            return True
    return False


def _without_places(text: str, places, start: int, end: int, joins: str) -> str:
    """text[start:end] without the places' names and the list words after them."""
    out, at = [], start
    for mk in places:
        if mk.start >= at:
            out.append(text[at:mk.start])
            at = mk.end
            while at < end and text[at] in joins:
                at += 1
    out.append(text[at:end])
    return "".join(out)


def _terms(doc, phrase, units, topics, lex, n, changes):
    """The keys of the n list terms in phrase (its last clause first, then the whole), or None.
    units[t]: the counting words term t may be read with (its own figure's)."""
    g = lex.grammar
    for abbr, keys in doc.abbreviations.items():
        if (f"“{abbr}”" in phrase or f'"{abbr}"' in phrase) and len(keys) == n:
            return list(keys)
    cut = max(phrase.rfind(","), phrase.rfind(";"), phrase.rfind(":"))
    for part in ([phrase[cut + 1:]] if cut >= 0 else []) + [phrase]:
        parts = [p for p in g.term_split.split(part) if p.strip()]
        if len(parts) != n:
            continue
        keys = term_keys(parts, units, topics, lex)
        if keys is None:
            continue
        named = [k for k in keys if k]
        if len(set(named)) != len(named):
            continue
        if len(named) == n or (changes and named):
            # 安全感和满意度分别为…: a bare generic term after its pair's term is that pair (两率)
            return [g.generic_pairs.get(keys[t - 1], k) if t and k in g.generic_keys and parts[t].strip("、,和及与 ") in
                    g.bare_generic else k for t, k in enumerate(keys)]
    return None


def term_keys(parts, units, topics, lex):
    """The key of each of a list's terms; None when one is no term at all (a year, a place).
    A term may borrow the last term's head (治安、刑事案件 -> 治安案件) or the first term's
    modifier (平安建设知晓率、参与率、满意率 -> 平安建设满意率)."""
    g, n = lex.grammar, len(parts)
    keys, modifier = [], ""
    for idx, p in enumerate(parts):
        m = _classify_any(lex, p, units[idx], topics)
        if m is None and not g.filler.sub("", p).strip():
            return None  # a year or a place, not a term: this is no list of terms
        if m is None and idx < n - 1:
            head = lex.shared_head(parts[-1])
            if head:
                m = _classify_any(lex, p + head, units[idx], topics)
        if idx == 0 and m is not None:
            modifier = p[:m.start]
        elif idx and modifier and (m is None or m.key in g.generic_keys) and not p.startswith(modifier):
            m2 = _classify_any(lex, modifier + p, units[idx], topics)
            if m2 is not None and (m is None or m2.key != m.key):
                m = m2
        if m is None and not g.filler.sub("", p).strip():
            return None  # a year or a place, not a term: this is no list of terms
        keys.append(m.key if m else None)
    return keys


def _classify_any(lex, subject, units, topics):
    for u in units:
        m = lex.classify(subject, u, topics)
        if m is not None:
            return m
    return None
