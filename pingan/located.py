"""Things found once over a whole text, then looked up by range.

Scanning a document once per pattern (figures, time expressions, topic words,
place names) and asking "which of them lie in this sentence?" by bisection keeps
extraction linear in the text: no sentence is rescanned per figure.
"""
from __future__ import annotations

from bisect import bisect_left


def after_last(text: str, chars: str, start: int = 0, end: int | None = None) -> int:
    """Just past the last of ``chars`` in text[start:end] (a clause's or a sentence's start, looking
    back from end), or start when none stands there."""
    end = len(text) if end is None else end
    return max(max(text.rfind(c, start, end) for c in chars) + 1, start)


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
