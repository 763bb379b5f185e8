"""Things found once over a whole text, then looked up by range.

Scanning a document once per pattern (figures, time expressions, topic words,
place names) and asking "which of them lie in this sentence?" by bisection keeps
extraction linear in the text: no sentence is rescanned per figure.
"""
from __future__ import annotations

from bisect import bisect_left


class Located:
    """Items sorted by their start offset."""

    __slots__ = ("items", "starts")

    def __init__(self, items, starts):
        self.items = list(items)
        self.starts = list(starts)

    def between(self, start: int, end: int) -> list:
        """The items that start in [start, end)."""
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def any_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end

    def __len__(self):
        return len(self.items)
