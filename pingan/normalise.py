"""Text -> normalised text: the one form every later stage (and every offset) refers to.

Steps, in order: drop control and zero-width characters and lone surrogates;
NFKC (full-width digits, letters and signs become ASCII); remove pinyin glosses
pasted after characters (``建設(shè)``); traditional -> simplified (OpenCC); a date in
Chinese digits in Arabic ones (``二〇二二年`` -> ``2022年``);
collapse doubled or odd punctuation (``,,`` ``,。`` ``,、``); tidy white space;
re-join lines that a copy-paste wrapped in the middle of a sentence.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import regex

# A gloss: 1-7 latin letters, at least one with a tone mark or ü, in parentheses, right after a Han
# character. Real parentheses ("(2018至2020)", "(州、盟、地区)", "(A)") never look like that.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = regex.compile(rf"(?<=\p{{Han}})\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")
_PUNCT_RUN = re.compile(r"[,、;。!?:][,、;。!?:]+")  # re, class first: it skips ahead by the class
# Control, format, surrogate and private-use characters other than \n and \t, as one `re` class:
# the BMP is enumerated on first use (30 ms); the few astral ranges are listed (a test checks the
# whole class against unicodedata).
_ASTRAL_CONTROL = [(0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3),
                   (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xF0000, 0xFFFFD),
                   (0x100000, 0x10FFFD)]


@functools.lru_cache(maxsize=1)
def _control():
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if cp not in (9, 10) and unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs", "Co"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    ranges += [list(r) for r in _ASTRAL_CONTROL]
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]")


_STRONG = "。!?"
_SPACES = regex.compile(r"[ \t\u3000\u00a0]+")
_HAN_SPACE = regex.compile(r"(?<=[\p{Han}\p{P}]) +|(?<=[\d%]) +(?=\p{Han})|(?<=\p{Han}) +(?=\d)")
_CONTINUES = regex.compile(r"[\p{Han}\d“(\"]")
# a line that opens a numbered item (一、 (二) 3、) starts anew: it is no wrapped line's rest
_ITEM_START = regex.compile(r"(?:[一二三四五六七八九十]+、|[(][一二三四五六七八九十\d]+[)]|\d+[、.](?!\d))")
_TERMINAL = tuple("。!?…”」』\"'")
# ... nor does a line that ends in a colon (…得分如下(依次为…): / 桃城区 97.21 95.86): what follows is its list
_NOT_WRAPPED = _TERMINAL + (":",)


def _opencc_dictionary(name: str) -> list[tuple[str, str]]:
    """(traditional, simplified) pairs from one of opencc's dictionary files; the first
    candidate wins, as in OpenCC."""
    import importlib.util
    import pathlib

    spec = importlib.util.find_spec("opencc")  # locate without importing
    if spec is None or spec.origin is None:
        raise RuntimeError("opencc-python-reimplemented (traditional -> simplified) is not installed")
    path = pathlib.Path(spec.origin).parent / "dictionary" / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, vals = line.partition("\t")
        if key and vals.split():
            out.append((key, vals.split()[0]))
    return out


@functools.lru_cache(maxsize=1)
def _t2s():
    """OpenCC's t2s (TSPhrases, then TSCharacters, longest match from the left) as one
    leftmost-longest Aho-Corasick automaton (ahocorasick-rs) over opencc-python-reimplemented's
    own dictionaries. Same output as ``OpenCC("t2s").convert`` (a test compares them), and the
    scan runs in Rust instead of a Python loop per character."""
    import ahocorasick_rs

    table: dict[str, str] = {}
    for name in ("TSCharacters.txt", "TSPhrases.txt"):  # phrases overwrite characters
        for key, val in _opencc_dictionary(name):
            if len(key) > 1 or key != val:  # a character that stays itself needs no entry
                table[key] = val
    keys = list(table)
    auto = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                      implementation=ahocorasick_rs.Implementation.DFA)  # scans ~1.5x faster
    return auto, [table[k] for k in keys]


def to_simplified(text: str) -> str:
    # (no test for traditional characters first: the DFA scans a text faster than a set lookup per
    # character, and a simplified text gives it almost nothing to replace)
    auto, values = _t2s()
    parts, pos = [], 0
    for idx, s, e in auto.find_matches_as_indexes(text):
        parts.append(text[pos:s])
        parts.append(values[idx])
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _collapse_punct(m: regex.Match) -> str:
    run = m.group(0)
    for ch in run:
        if ch in _STRONG:
            return ch
    if ";" in run:
        return ";"
    return run[-1]


_WRAP_MIN = 40  # a line this long that stops mid-sentence was wrapped, whatever the text's width
_NARROW_MIN = 24  # the narrowest page width told from the text's lines (a PDF's column)


def _wrap_width(lines: list[str]) -> int:
    """How long a line that stops mid-sentence must be to have been wrapped: 40 characters, or less on a
    narrow page (a PDF's column, some 36 characters wide). A narrow page: four or more lines of 24
    characters or more, none longer than 44 (no paragraph on one long line), four or more of them
    within 2 characters of their median, more than half of them stopping mid-sentence, and three in
    four holding a comma, 、 or 。 inside (prose, not a list of short statements). Its width: 4 short of
    the median (digits and Latin letters are half as wide: the lines of one page differ in characters)."""
    long = [line for line in lines if len(line) >= _NARROW_MIN]
    if len(long) < 4 or max(map(len, long)) > _WRAP_MIN + 4:
        return _WRAP_MIN
    median = sorted(map(len, long))[len(long) // 2]
    # (lines of items that each end in ; or 。 are no wrapped page)
    if sum(abs(len(line) - median) <= 2 for line in long) < 4 \
            or 2 * sum(not line.endswith(_NOT_WRAPPED + (";",)) for line in long) <= len(long) \
            or 4 * sum(any(c in line[:-1] for c in ",、。") for line in long) < 3 * len(long):
        return _WRAP_MIN
    return max(_NARROW_MIN, min(_WRAP_MIN, median - 4))


def _join_wrapped(lines: list[str], min_len: int | None = None) -> list[str]:
    """A long line that stops without terminal punctuation continues on the next line; not a line
    of a page's header fields, and not where two digits would meet (1286 and 2022年 are two numbers).
    min_len: how long is long (default: the text's _wrap_width)."""
    min_len = _wrap_width(lines) if min_len is None else min_len
    # (on a narrow page, a line that ends in ; ends an item, and the first line is the headline)
    ends = _NOT_WRAPPED + (";",) if min_len < _WRAP_MIN else _NOT_WRAPPED
    out: list[str] = []
    for k, line in enumerate(lines):
        if out and len(out[-1]) >= min_len and not out[-1].endswith(ends) and line[:1] \
                and (min_len == _WRAP_MIN or k > 1) and \
                _CONTINUES.match(line) and not _ITEM_START.match(line) and not (out[-1][-1:].isdigit() and line[:1].isdigit()) \
                and _header_fields().search(out[-1]) is None:
            out[-1] += line
        else:
            out.append(line)
    return out


@functools.lru_cache(maxsize=1)
def _noise() -> dict:
    import tomllib
    from pathlib import Path

    return tomllib.loads((Path(__file__).parent / "data" / "noise.toml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _header_fields():
    """发布时间, 来源:, 浏览次数 …: a line of a page's header (data/noise.toml)."""
    return re.compile("|".join(map(re.escape, _noise()["header_fields"])))


@functools.lru_cache(maxsize=1)
def _spam():
    """【…首存即送58元 官网…】: a bracketed ad inside a sentence (data/noise.toml)."""
    words = _noise()["spam_markers"]
    alt = "|".join(regex.escape(w) for w in words)
    return regex.compile(rf"【[^【】\n]{{0,60}}?(?:{alt})[^【】\n]{{0,60}}?】|\[[^\[\]\n]{{0,60}}?(?:{alt})[^\[\]\n]{{0,60}}?\]",
                         regex.IGNORECASE)


def link_list_headers() -> tuple:
    """相关新闻, 推荐阅读 …: the words that head a list of links to other pages (data/noise.toml)."""
    return tuple(_noise()["link_list_headers"])


_COMMENT_COUNT = re.compile(r"[(\[]?\d*(?:条)?[)\]]?[:]?\s*$")  # 网友评论(12), 精选留言:
_LINK_HEADER_MAX = 12  # a list's header is a short line (【相关阅读】, 相关新闻:), not a sentence that says 相关新闻发布会
_PROSE = 30  # a line of this length that ends a sentence is prose again: the list has ended


def _is_prose(line: str) -> bool:
    """A line of prose: long enough, and ending a sentence (it ends a link list; a comment box follows one)."""
    return len(line) >= _PROSE and line.endswith(("。", "!", "?", "”"))


def link_lines(text: str, headers_too: bool = False) -> set[int]:
    """The starts of the lines of a normalised text that are links to other pages: the short lines
    after a link list's header (相关新闻: / · 某市召开平安建设推进会(2012-08-02)), up to a line of prose;
    and the lines of a comment box (网友留言 after the text's prose, and every line after it); with
    headers_too, the headers' own lines as well. (The extractor and the themes both read it.)"""
    headers, leads, comments = link_list_headers(), tuple(_noise()["link_line_leads"]), _noise()["comment_headers"]
    if not any(h in text for h in headers) and not any(w in text for w in leads) and not any(c in text for c in comments):
        return set()
    out, pos, in_list, in_comments, prose = set(), 0, False, False, False
    for line in text.split("\n"):
        if in_comments or line.startswith(leads):  # 上一篇:某市破获电诈案件203起: a link to the page before, in its own line
            out.add(pos)
        elif prose and _COMMENT_COUNT.sub("", line) in comments:
            # 网友留言 / 用户***23:…: readers' words, to the page's end (after the text's prose: above the
            # article, 网友评论(0) is a toolbar's button)
            in_comments = True
            if headers_too:
                out.add(pos)
        elif len(line) <= _LINK_HEADER_MAX and any(h in line for h in headers):
            in_list = True
            if headers_too:
                out.add(pos)
        elif in_list and _is_prose(line):
            in_list, prose = False, True
        elif in_list:
            out.add(pos)
        else:
            prose = prose or _is_prose(line)
        pos += len(line) + 1
    return out


# A year in Chinese digits (二〇二二年, 一九九八年) and the month and day that follow it: written in
# Arabic digits, as the year patterns read them (a report's date line 二〇二三年一月十日, 二〇二二年全市…).
_CN_DATE = re.compile(r"(?<![〇零○一二三四五六七八九十])(一九|二[〇零○])([〇零○一二三四五六七八九]{2})年"
                      r"(?:(十[一二]|[一二三四五六七八九十])月(?:(三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日)?)?")


def _cn_date(m: re.Match) -> str:
    import cn2an  # (imported only for a text that writes a date so: it takes ~0.1 s)

    def num(cn: str) -> str:
        return str(int(cn2an.cn2an(cn.replace("○", "〇"), "smart")))

    out = num(m.group(1) + m.group(2)) + "年"
    if m.group(3):
        out += num(m.group(3)) + "月"
        if m.group(4):
            out += num(m.group(4)) + "日"
    return out


def _characters(text: str) -> str:
    """The steps on characters: line ends, control characters, NFKC, ads, glosses, t2s."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # a printable line has no control character (isprintable is False for every "C" category), and
    # the class is built only when a line is not
    text = "\n".join(line if line.isprintable() else _control().sub("", line) for line in text.split("\n"))
    text = unicodedata.normalize("NFKC", text)
    if "【" in text or "[" in text:
        text = _spam().sub("", text)
    text = _GLOSS.sub("", text)
    text = to_simplified(text)
    if "一九" in text or "二〇" in text or "二零" in text or "二○" in text:
        text = _CN_DATE.sub(_cn_date, text)
    return _GLOSS.sub("", text)


def _layout(text: str) -> str:
    """The steps on spaces, punctuation and lines. After the character steps, they leave their own
    output as it is (no space is left after punctuation, no run of punctuation, no line to re-join)."""
    # none of these patterns spans a line break, so one pass over the whole text does;
    # after NFKC every space is " " (U+3000 and U+00A0 too): a space alone is left as it is
    if "页" in text or "/" in text or "\n" in text and _PAGE_NUMBER_LINE.search(text):
        # (first: the steps below then see the joined lines, and their output stays as it is)
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if len(lines) > 4 and sum(1 for line in lines if _PAGE_NUMBER.fullmatch(line)) >= 2:
            text = "\n".join(_unpage(lines))
    if "|" in text:  # a table's bars (凯里市|98.12|97.05, ｜ after NFKC) part cells as spaces do
        text = text.replace("|", " ")
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    text = _HAN_SPACE.sub("", text)
    text = _PUNCT_RUN.sub(_collapse_punct, text)
    lines = []
    for line in text.split("\n"):
        line = line.strip().lstrip(",、;:").strip()
        if line and not _RULE_LINE.fullmatch(line):  # (|---|---|: a markdown table's rule, between its header and rows)
            lines.append(line)
    text = "\n".join(_join_wrapped(lines))
    if _DATED_BRACKET.search(text):
        text = _BRIEF_HEAD.sub(_own_line, text)
    return text


# A brief's heading in a compilation whose line breaks were lost (…成为全省学习样板。滁州:群众安全感再创新高
# (2024-10-28)滁州市委平安办发布…): a short place-led title and its dated bracket, after a sentence's
# end or at a line's start, stand on a line of their own.
# (periods.py reads these lines for a compilation's date: the one pattern of such a heading)
BRIEF_HEADING = r"[^\s,。:;!?()\n]{2,10}:[^,。:;!?()\n]{2,30}\((?P<y>(?:19|20)\d{2})-\d{1,2}-\d{1,2}\)"
_DATED_BRACKET = re.compile(r"\((?:19|20)\d{2}-\d{1,2}-\d{1,2}\)")
_BRIEF_HEAD = re.compile(rf"(?:(?<=[。!?])|^)(?P<head>{BRIEF_HEADING})(?=[^\n])", re.M)


def _own_line(m: re.Match) -> str:
    s = m.string
    return ("\n" if m.start() and s[m.start() - 1] != "\n" else "") + m.group("head") + "\n"


_RULE_LINE = re.compile(r"[\s:]*-{3,}[\s:\-]*(?:[\s:]*-{3,}[\s:\-]*)*")


# A page number as a PDF prints it (—1—, - 2 -, 第3页, 3/12): a text that holds two or more was copied
# from a PDF's pages (one 第1页 under a web page is no such sign, nor is a bare number on a line).
_DASHED_PAGE = r"[-—–_~·•]+\s*\d{1,4}\s*[-—–_~·•]+"  # —1—, - 2 -
_PAGE_NUMBER = re.compile(rf"{_DASHED_PAGE}|第\s*\d{{1,4}}\s*页(?:\s*[,/]?\s*共\s*\d{{1,4}}\s*页)?|\d{{1,4}}\s*/\s*\d{{1,4}}")
_PAGE_NUMBER_LINE = re.compile(rf"(?m)^\s*{_DASHED_PAGE}\s*$")  # (the one form with neither 页 nor /: looked for alone)


def _unpage(lines: list[str]) -> list[str]:
    """The lines of a text copied from a PDF, its pages' numbers and running headers dropped and its
    lines joined back into paragraphs (a PDF breaks lines mid-sentence), as pdf.py does for a PDF file."""
    from .pdf import drop_running_lines, join_lines

    pages, page = [], []
    for line in lines:
        page.append(line)
        if _PAGE_NUMBER.fullmatch(line):
            pages.append(page)
            page = []
    if page:
        pages.append(page)
    return join_lines([line for p in drop_running_lines(pages) for line in p])


def _normalize_once(text: str) -> str:
    return _layout(_characters(text))


MAX_ROUNDS = 8


def normalize(text: str) -> str:
    """Normalise a press text. Idempotent: ``normalize(normalize(t)) == normalize(t)``.

    One round of the steps can leave work for another: removing a space brings a pinyin
    gloss next to its character (``責 (é)``), re-joining a wrapped line puts a gloss or a
    traditional phrase together, and OpenCC's t2s keeps some characters inside phrases that
    it converts on their own (``乾圖`` -> ``乾图`` -> ``干图``). So the rounds repeat until the
    text no longer changes. The layout steps leave their own output as it is, so a round's
    output that the character steps leave as it is is the fixed point: the next round is
    only the character steps, about a third of a round (tests/test_normalise_properties.py
    checks this equals repeating whole rounds).
    """
    if not text:
        return ""
    out = _normalize_once(text)
    for _ in range(MAX_ROUNDS):
        chars = _characters(out)
        if chars == out:
            break
        again = _layout(chars)
        if again == out:
            break
        out = again
    return out
