"""Decoded text -> a document's title, publisher and date, as its first lines state them.

Press pages open the same way: a breadcrumb (首页 > 新闻中心 > …), the headline, then a
line such as ``发布时间:2021-09-03 16:40 来源:某省委政法委``. The headline is the first
line that is neither a breadcrumb nor such a line (a speech with no headline: the occasion its first
lines name, “…”新闻发布会); the publisher is the value after
发布单位/发布机构/发布者/来源/作者 (in that order of preference); the date is the first full
date (``2023年1月5日``, ``2023-01-05``, ``2023/1/5``, ``2023.01.05``) in the first lines.
Anything not found is ''. It reads the decoded text, not the normalised one (normalising
re-joins a headline with the line after it), and normalises the values it finds. Pure
functions; the store calls :func:`guess` when a document is added, and a value the caller
gives always wins.
"""
from __future__ import annotations

import datetime as dt
import re

from .normalise import normalize

FIELDS = ("title", "publisher", "date", "url")
TOP_LINES = 8          # the headline, publisher and date are looked for in this many non-empty lines
MAX_TITLE = 80         # a longer first line is a paragraph, not a headline

_BREADCRUMB = re.compile(r"^(当前位置|您的位置|你的位置|您现在的位置|位置)\s*:|^首页\s*[>»/]|[>»]\s*正文\s*$")
_LABELS = ("发布单位", "发布机构", "发布者", "信息来源", "来源", "作者")
_LABEL = re.compile(r"(发布单位|发布机构|发布者|信息来源|来源|作者)\s*:\s*")
# the value runs to white space, a bracket or separator, or the next label
_VALUE_END = re.compile(r"[\s【】\[\]|]|发布|时间|日期|作者|来源|字号|浏览|阅读|点击|更新|文章|分享|编辑|责任")
_META_LINE = re.compile(r"(发布时间|发布日期|发布单位|发布者|时间|日期|来源|作者|字号|浏览|阅读)\s*:")
_DATE = re.compile(r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-/.])(\d{1,2})\4(\d{1,2})(?!\d))")
_SENTENCE = re.compile(r"[。!?].")   # a sentence ends inside the line: a paragraph
_ONLY_DATE = re.compile(r"^[\d\s年月日:/.\-—]+$")


def _lines(text: str) -> list[str]:
    """The first non-empty lines, each normalised on its own (simplified characters, ASCII colons and digits)."""
    out = []
    for line in text.splitlines():
        line = normalize(line).strip() if line.strip() else ""
        if line:
            out.append(line)
            if len(out) >= TOP_LINES:
                break
    return out


def find_date(text: str) -> str:
    """The first valid full date in the text, as ISO ``YYYY-MM-DD`` ('' if none)."""
    for m in _DATE.finditer(text):
        year = int(m.group(1))
        month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(5), m.group(6))
        try:
            return dt.date(year, int(month), int(day)).isoformat()
        except ValueError:
            continue
    return ""


def find_publisher(lines: list[str]) -> str:
    found: dict[str, str] = {}
    for line in lines:
        for m in _LABEL.finditer(line):
            rest = line[m.end():]
            end = _VALUE_END.search(rest)
            value = (rest[:end.start()] if end else rest).strip(" ::,,。")
            if value and m.group(1) not in found:
                found[m.group(1)] = value
    for label in _LABELS:
        if label in found:
            return found[label]
    return ""


def find_title(lines: list[str]) -> str:
    for line in lines:
        if _BREADCRUMB.search(line) or _META_LINE.search(line) or _ONLY_DATE.match(line):
            continue
        if line.count(">") >= 2 or line.endswith(":"):   # a breadcrumb without 首页; a salutation (各位朋友:)
            continue
        if len(line) > MAX_TITLE or _SENTENCE.search(line):  # the text starts with a paragraph: no headline
            return ""
        return line
    return ""


# a speech with no headline names its occasion: 出席“某市这十年·平安某市篇”新闻发布会
_EVENT = re.compile(r"[“\"]([^”\"]{2,30})[”\"](?:主题)?((?:新闻)?发布会|座谈会|推进会|工作会议?)")


def find_event(lines: list[str]) -> str:
    """The press conference or meeting the first lines name (“…”新闻发布会), as a title; '' if none."""
    for line in lines[:3]:
        m = _EVENT.search(line)
        if m:
            return f"“{m.group(1)}”{m.group(2)}"
    return ""


def guess(text: str) -> dict[str, str]:
    """{title, publisher, date, url} read from the top of a decoded text; '' where it says nothing.
    Title and publisher come out normalised (simplified characters, ASCII punctuation)."""
    lines = _lines(text)
    title, event = find_title(lines), find_event(lines)
    if event and (not title or event.split("”")[0] in title):  # 欢迎出席“…”新闻发布会。 is no headline
        title = event
    return {"title": title, "publisher": find_publisher(lines),
            "date": find_date("\n".join(lines)),
            "url": ""}


def check_date(value) -> str:
    """A date given by a caller, as ISO ``YYYY-MM-DD`` ('' for none); ValueError if it is not a date."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    got = find_date(text)
    if not got or not _ONLY_DATE.match(text.split(" ")[0].split("T")[0]):
        raise ValueError(f"not a date: {value!r} (expected e.g. 2023-01-05)")
    return got


def merge(given: dict | None, guessed: dict[str, str]) -> dict[str, str]:
    """The guessed fields, with every non-empty value the caller gave in their place."""
    given = given or {}
    unknown = set(given) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown metadata field(s): {', '.join(sorted(unknown))} (known: {', '.join(FIELDS)})")
    out = dict(guessed)
    for k in FIELDS:
        v = given.get(k)
        if v is not None and v != "":
            out[k] = check_date(v) if k == "date" else str(v).strip()
    return out
