"""Region colours: one region keeps one colour everywhere and always, and regions shown together
get different colours.

The store keeps a table region -> colour (``Store.region_colors``), filled when a region is first
seen: documents added, re-extraction, an analyst's correction naming a new region. A new region
takes the :data:`PALETTE` colour used least by the regions it appears with in the same document,
then by the regions of its level (prefectures among prefectures, counties among counties), then
by the regions it shares an indicator with (among those added together; a key of more regions
than colours is left out), then by all regions, then the first in palette order (:func:`assign`). A colour once given is never
changed, so reruns, added documents, the charts, their PNGs and the deck all show a region in the
same colour; the first 40 regions of a level never share one. ``Store.rows()`` carries it as the
``color`` column, which charts and slides draw with (:func:`of`). A table not read from a store
(``extract_text``) gets its colours by the same rule, in the order its regions first appear.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

# The ten category colours without their grey, then each next colour the farthest (CIEDE2000) from
# all before it among readable ones on white (lightness 32-80, chroma >= 28): any two differ by
# at least 14 ΔE00, the first twenty by at least 16.
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#5a5a00", "#00695a", "#b4c3ff", "#0000ff", "#960069", "#ffb4a5", "#00e1a5",
           "#a5875a", "#4b4b78", "#ffb400", "#5ae100", "#f06978", "#a55a00", "#3cb4ff", "#00690f",
           "#3c9687", "#7887ff", "#878700", "#e10078", "#a5c387", "#e100ff", "#e1b4f0", "#a50f3c",
           "#965a78", "#c3785a", "#4b5ae1", "#962d00", "#961ec3", "#e1b487", "#69875a", "#694b1e"]
UNKNOWN = "#9e9e9e"    # a row whose region is not known


def assign(known: dict, seen) -> dict[str, int]:
    """Palette indexes for the regions of ``seen`` not in ``known``.

    ``known``: {region: (index, level)} already given; ``seen``: (region, level, group[, key]) in
    order of first appearance, a group (a document) holding regions that are shown together, a key
    (an indicator) regions that may be compared."""
    colour = {r: i for r, (i, _) in known.items()}
    overall = Counter(colour.values())
    by_level = Counter((lvl, i) for i, lvl in known.values())
    members, sharing = defaultdict(set), defaultdict(set)
    order = []
    for region, level, group, *key in seen:
        if region:
            members[group].add(region)
            if key:
                sharing[key[0]].add(region)
            order.append((region, level or ""))
    near, also = defaultdict(set), defaultdict(set)
    for regions in members.values():
        for r in regions:
            near[r].update(regions)
    for regions in sharing.values():
        if len(regions) <= len(PALETTE):
            for r in regions:
                also[r].update(regions)
    new = {}
    for region, level in order:
        if region in colour:
            continue
        used = Counter(colour[n] for n in near[region] if n in colour)
        compared = Counter(colour[n] for n in also[region] if n in colour)
        best = min(range(len(PALETTE)), key=lambda k: (used[k], by_level[(level, k)], compared[k], overall[k], k))
        colour[region] = new[region] = best
        overall[best] += 1
        by_level[(level, best)] += 1
    return new


def seen_in(rows: pd.DataFrame):
    """(region, level, document, indicator) of each row, in the table's order: what :func:`assign` reads."""
    if rows is None or rows.empty:
        return []
    keys = rows["indicator"].fillna("") if "indicator" in rows else [""] * len(rows)
    return list(zip(rows["region"].fillna(""), rows["level"].fillna(""), rows["doc"].fillna(""), keys))


def table(rows: pd.DataFrame, given: dict | None = None) -> dict[str, str]:
    """{region: colour} for every region of ``rows``: ``given`` ({region: colour}, a store's), and
    for the regions it lacks, colours by :func:`assign` continuing from it."""
    given = dict(given or {})
    if rows is None or rows.empty:
        return given
    regions = rows["region"].fillna("")
    if regions[regions != ""].isin(list(given)).all():
        return given                                   # the usual case: a store's rows, all coloured
    named = rows[regions != ""].drop_duplicates("region")
    levels = dict(zip(named["region"], named["level"].fillna("")))
    known = {r: (PALETTE.index(c), levels.get(r, "")) for r, c in given.items() if c in PALETTE}
    extra = assign(known, seen_in(rows))
    return {**given, **{r: PALETTE[i] for r, i in extra.items()}}


def attach(rows: pd.DataFrame, given: dict | None = None) -> pd.DataFrame:
    """The rows with their region's colour in a ``color`` column (see :func:`table`)."""
    colours = table(rows, given)
    return rows.assign(color=rows["region"].map(colours).fillna(UNKNOWN).astype(str) if len(rows) else
                       pd.Series(dtype=str))


def of(rows: pd.DataFrame) -> dict[str, str]:
    """{region: colour} of these rows: their ``color`` column, or colours by the store's rule."""
    if rows is None or rows.empty:
        return {}
    if "color" in rows:
        named = rows[rows["region"].fillna("") != ""].drop_duplicates("region")
        return dict(zip(named["region"], named["color"]))
    return table(rows)
