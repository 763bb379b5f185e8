"""The groupings of indicator keys (``data/groups.toml``): families with their labels, the
headline, 扫黑除恶, change and deck key lists, and the classes of counting words."""
from __future__ import annotations

import functools
import pathlib
import tomllib
from dataclasses import dataclass

GROUPS_PATH = pathlib.Path(__file__).with_name("data") / "groups.toml"


@dataclass(frozen=True)
class Groups:
    families: dict          # family key -> Chinese label, in sidebar order
    lead: tuple
    headline: tuple
    gang_counts: tuple
    changes: tuple
    deck: tuple
    by_wording: tuple
    unit_class: dict        # counting word -> its class (the class's first word)


@functools.lru_cache(maxsize=1)
def groups() -> Groups:
    data = tomllib.loads(GROUPS_PATH.read_text(encoding="utf-8"))
    g = data["groups"]
    unit_class = {w: name for name, words in data["unit_classes"].items() for w in words}
    return Groups(dict(data["families"]), *(tuple(g[k]) for k in
                                            ("lead", "headline", "gang_counts", "changes", "deck", "by_wording")),
                  unit_class)
