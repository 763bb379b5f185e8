"""Tables pasted one cell per line, as a PDF's table comes out of a copy or a text export:

    指标
    2015年
    2016年
    2017年
    群众安全感(%)
    95.12
    96.03
    96.87
    刑事案件立案数(起)
    6842
    …

A run of two or more lines that are each a year (2017年; a bare 2017 right under a 指标 cell) is
the header; under it, each row is a line that names the indicator with its unit in brackets, then
one line per year, each a bare number. The
numbers are no figures of the text (they have no unit of their own): this module gives them
their label's unit and their column's year. Which indicator a label names is the lexicon's to say
(:mod:`pingan.extract`).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .numbers import Figure, find_figures

_YEAR_CELL = re.compile(r"\s*((?:19|20)\d{2})(年度?)?\s*")  # (a bare 2017 only under a 指标 cell)
_CORNER = re.compile(r"\s*(?:指标|项目|年份|年度|类别|指标名称)\s*")  # the header's first cell
_NUMBER_CELL = re.compile(r"\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*")
_UNIT_LABEL = re.compile(r"\s*(?P<label>[^\d()]{2,30}?)\s*\((?P<unit>%|[^\d()%]{1,3})\)\s*")


class Cell(NamedTuple):
    label: tuple[int, int]   # (start, end) of its row's label, its unit in brackets aside
    figure: Figure           # the number with its label's unit, at the number's place in the text
    year: int                # its column's


def flat_cells(text: str, paras: list[tuple[int, int]]) -> list[Cell]:
    """The cells of every table of text that is written one cell per line, paras its lines."""
    out: list[Cell] = []
    i, n = 0, len(paras)
    while i < n:
        years: list[int] = []
        corner = i > 0 and _CORNER.fullmatch(text, *paras[i - 1]) is not None
        while i + len(years) < n and (m := _YEAR_CELL.fullmatch(text, *paras[i + len(years)])) and (m.group(2) or corner):
            years.append(int(m.group(1)))
        if len(years) < 2 or len(set(years)) != len(years):
            i += max(1, len(years))
            continue
        i += len(years)
        while i + len(years) < n:
            label = _UNIT_LABEL.fullmatch(text, *paras[i])
            cells = paras[i + 1:i + 1 + len(years)]
            if label is None or not all(_NUMBER_CELL.fullmatch(text, s, e) for s, e in cells):
                break
            unit = label.group("unit")
            for (s, e), year in zip(cells, years):
                number = text[s:e].strip()
                got = next(iter(find_figures(number + unit)), None)
                if got is None or got.end != len(number + unit):
                    continue  # (a unit no figure is counted in)
                at = s + text[s:e].index(number)
                out.append(Cell(label.span("label"), got._replace(start=at, end=at + len(number), num_start=at,
                                                                   text=number), year))
            i += 1 + len(years)
    return out
