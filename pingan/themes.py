"""What each region says it does: named initiatives and distinctive keywords.

``themes(docs)`` reads press texts (a {doc: text} mapping, a DataFrame with
``doc`` and ``text`` columns, or file paths), splits compilations into articles
with the extractor's own article splitter, and gives each article's text to its
home region. Per region it returns

* the **named initiatives** quoted in its texts: a quoted name with a head noun
  (“雪亮工程”, “321”基层治理模式, “双提升”专项行动), a quoted name a verb
  introduces (推进“平安巡”), or an unquoted name on a head noun (雪亮工程,
  枫桥经验), normalised (新时代“枫桥经验” = 枫桥经验) and counted, each
  mention with its sentence;
* the region's **distinctive keywords** against the rest of the corpus: TF-IDF
  over jieba's precise-mode tokens, with a domain user dictionary so terms like
  扫黑除恶 and 市域社会治理 stay whole and stop words for boilerplate.

Vocabulary lives in ``data/themes.toml``, ``data/userdict.txt`` and
``data/stopwords.txt``. jieba and its dictionary are imported only here, on the
first call: the extraction path never pays for them. Navigation, sharing and
copyright lines (扫一扫, 推荐阅读 and the links after it, 责任编辑 …) are dropped
before anything is counted.
"""
from __future__ import annotations

import functools
import math
import pathlib
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd
import regex

from .articles import split_articles
from .normalise import link_lines, normalize

DATA = pathlib.Path(__file__).with_name("data")
UNKNOWN_REGION = ""
_SENTENCE = regex.compile(r"[^。!?\n]+[。!?]?")
_QUOTED = regex.compile(r"“(?P<q>[^“”\n。!?,;:]{1,16})”")
_DATE_TAIL = regex.compile(r"\d{1,2}-\d{1,2}$")
_HAN = regex.compile(r"\p{Han}")
_TOKEN_OK = regex.compile(r"^\p{Han}{2,}$")


@dataclass(frozen=True)
class _Vocab:
    heads: tuple
    verbs: tuple
    verb_window: int
    head_window: int
    strip_prefixes: tuple
    unquoted_heads: frozenset
    generic: frozenset
    not_initiatives: frozenset
    markers: tuple
    tail: regex.Pattern


@functools.lru_cache(maxsize=1)
def vocab() -> _Vocab:
    data = tomllib.loads((DATA / "themes.toml").read_text(encoding="utf-8"))
    ini, bp = data["initiatives"], data["boilerplate"]
    heads = tuple(sorted(ini["heads"], key=len, reverse=True))
    tail = regex.compile(rf"\p{{Han}}{{0,{ini['head_window']}}}?(?:{'|'.join(heads)})")  # used with .match
    return _Vocab(heads, tuple(ini["verbs"]), ini["verb_window"], ini["head_window"],
                  tuple(ini["strip_prefixes"]), frozenset(ini["unquoted_heads"]),
                  frozenset(ini["generic_modifiers"]) | frozenset(ini["verbs"]),
                  frozenset(ini["not_initiatives"]), tuple(bp["markers"]), tail)


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset:
    lines = (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def _jieba():
    """A jieba tokenizer of its own (the global one is left alone) with the domain dictionary."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.load_userdict(str(DATA / "userdict.txt"))
    return tok


@functools.lru_cache(maxsize=1)
def _pos():
    """jieba's part-of-speech tagger over the same tokenizer (and domain dictionary)."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_jieba())


# a keyword is a thing done or named: not a person (nr…), a verb, adjective, adverb, time, numeral,
# measure word or pronoun — 宋敬超, 苏某, 学习, 健全, 突出 say nothing about what a region does
_NOT_CONTENT = ("nr", "v", "a", "d", "t", "m", "q", "r", "p", "c", "u", "f", "z", "e", "y", "o")


@functools.lru_cache(maxsize=4096)
def content_word(word: str) -> bool:
    """Whether a token may be a distinctive keyword: one tagged a noun (or a domain term), not a
    person's name or a function word. Words jieba splits further (new compounds) are kept."""
    tags = _pos().lcut(word)
    if len(tags) != 1:
        return True
    flag = tags[0].flag
    if flag in ("vn", "nz", "nt", "nl", "ng", "n", "l", "i", "j", "ns", "x", "eng"):
        return True
    return not flag.startswith(_NOT_CONTENT)


@functools.lru_cache(maxsize=1)
def _place_words() -> frozenset:
    from .regions import gazetteer

    return frozenset(gazetteer().names)


# ------------------------------------------------------------------ body text
def body_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that are article prose: navigation, sharing and copyright
    lines and the link lists after 推荐阅读 are left out."""
    v = vocab()
    links = link_lines(text, headers_too=True)  # (the extractor's rule: a short header line, up to prose)
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip()
        if not stripped or s in links:
            continue
        if any(m in stripped for m in v.markers) or _DATE_TAIL.search(stripped):
            continue
        if len(_HAN.findall(stripped)) < 4:
            continue
        out.append((s, e))
    return out


# ------------------------------------------------------------------ initiatives
def _clean(name: str) -> str:
    for p in vocab().strip_prefixes:
        if name.startswith(p) and len(name) > len(p) + 1:
            name = name[len(p):]
    return name


def _head_of(name: str) -> str | None:
    return next((h for h in vocab().heads if name.endswith(h)), None)


def find_initiatives(text: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Named initiatives in text[start:end]: [{name, kind, start, end}], in order."""
    v = vocab()
    end = len(text) if end is None else end
    out, taken = [], []
    for m in _QUOTED.finditer(text, start, end):
        q = _clean(m.group("q").strip())
        has_han = bool(_HAN.search(q))
        if q in v.not_initiatives or not (has_han or q.isalnum()) or (len(q) < 2 and has_han):
            continue  # “村霸”, a lone “公”字, punctuation
        head = _head_of(q)
        name, kind, e = q, head, m.end()
        t = v.tail.match(text, m.end(), min(end, m.end() + v.head_window + 4))
        if t is not None:  # “平安巡”活动, “321”基层治理模式, “警格+网格”融合联动模式
            kind, e = _head_of(t.group(0)), t.end()
            if head is None and (not has_han or any(ch.isdigit() for ch in q) or len(_HAN.findall(q)) < 3):
                name = f"“{q}”{t.group(0)}"  # the number alone says nothing
            head = head or kind
        if head is None and not has_han:
            continue  # “2022” without a head noun is a number, not a name
        if head is None:
            before = text[max(start, m.start() - v.verb_window):m.start()]
            if not any(verb in before for verb in v.verbs):
                continue
            kind = "提法"
        if name in v.heads:
            continue  # “平台” alone names nothing
        out.append({"name": name, "kind": kind, "start": m.start(), "end": e})
        taken.append((m.start(), e))
    out += _unquoted(text, start, end, taken)
    out.sort(key=lambda d: d["start"])
    return out


def _unquoted(text, start, end, taken) -> list[dict]:
    """雪亮工程, 枫桥经验 without quotes: a head-noun token after a name-like token (jieba)."""
    v = vocab()
    if not any(h in text[start:end] for h in v.unquoted_heads):
        return []
    out, pos = [], start
    toks = _jieba().lcut(text[start:end], HMM=False)
    prev, prev_start = None, None
    for tok in toks:
        s = pos
        pos += len(tok)
        name = None
        if tok in v.unquoted_heads and prev and _TOKEN_OK.match(prev) and prev not in v.generic \
                and prev not in stopwords() and prev not in _place_words() and 2 <= len(prev) <= 4:
            name, ns = prev + tok, prev_start
        elif len(tok) >= 4 and _head_of(tok) in v.unquoted_heads and _TOKEN_OK.match(tok) \
                and tok[:-2] not in v.generic:
            name, ns = tok, s
        if name and not any(a <= ns < b for a, b in taken) and text[ns - 1:ns] != "“":
            out.append({"name": _clean(name), "kind": _head_of(name), "start": ns, "end": pos})
        prev, prev_start = tok, s
    return out


# ------------------------------------------------------------------ corpus
def _as_docs(source) -> dict[str, str]:
    if isinstance(source, pd.DataFrame):
        if not {"doc", "text"} <= set(source.columns):
            raise ValueError("themes() needs a DataFrame with 'doc' and 'text' columns "
                             "(or a {doc: text} mapping, or file paths)")
        return dict(zip(source["doc"], source["text"]))
    if isinstance(source, dict):
        return dict(source)
    from .files import iter_text_files, read_text_file

    return {p.name: read_text_file(p) for p in iter_text_files(list(source))}


def _region_texts(docs: dict[str, str]):
    """Yield (region, doc, normalised text, [(start, end) of body lines in that region])."""
    for doc, raw in docs.items():
        norm = normalize(raw or "")
        if not norm:
            continue
        spans = body_spans(norm)
        for art in split_articles(norm):
            region = art.home.name if art.home is not None else UNKNOWN_REGION
            mine = [(max(s, art.start), min(e, art.end)) for s, e in spans if s < art.end and e > art.start]
            if mine:
                yield region, doc, norm, mine


@dataclass
class Themes:
    mentions: pd.DataFrame      # region, name, kind, doc, sentence, start, end (offsets in the normalised doc)
    initiatives: pd.DataFrame   # region, name, kind, count, docs
    keywords: pd.DataFrame      # region, keyword, score, count, rank

    def regions(self) -> list[str]:
        return sorted(set(self.initiatives["region"]) | set(self.keywords["region"]))

    def matrix(self, regions=None, top: int = 20) -> pd.DataFrame:
        """Region × initiative counts: the initiatives named most often (then by most regions)."""
        ini = self.initiatives
        if regions is not None:
            ini = ini[ini["region"].isin(list(regions))]
        if ini.empty:
            return pd.DataFrame()
        order = (ini.groupby("name").agg(total=("count", "sum"), regions=("region", "nunique"))
                 .sort_values(["regions", "total"], ascending=False).head(top).index)
        m = ini[ini["name"].isin(order)].pivot_table(index="region", columns="name", values="count",
                                                     aggfunc="sum", fill_value=0)
        return m[[c for c in order if c in m.columns]]

    def sentences(self, region: str, name: str) -> pd.DataFrame:
        m = self.mentions
        return m[(m["region"] == region) & (m["name"] == name)].reset_index(drop=True)


MENTION_COLUMNS = ["region", "name", "kind", "doc", "sentence", "start", "end"]
KEYWORD_COLUMNS = ["region", "keyword", "score", "count", "rank"]


def themes(source, regions=None, top_keywords: int = 15) -> Themes:
    """Named initiatives and distinctive keywords per region (see the module docstring)."""
    docs = _as_docs(source)
    mentions: list[dict] = []
    tokens: dict[str, Counter] = defaultdict(Counter)
    stop, places = stopwords(), _place_words()
    tok = _jieba()
    for region, doc, norm, spans in _region_texts(docs):
        if regions is not None and region not in regions:
            continue
        for s, e in spans:
            for sm in _SENTENCE.finditer(norm, s, e):
                for ini in find_initiatives(norm, sm.start(), sm.end()):
                    mentions.append({"region": region, "doc": doc, "sentence": sm.group(0).strip(), **ini})
            words = tok.lcut(norm[s:e])
            tokens[region].update(w for w in words if _TOKEN_OK.match(w) and w not in stop and w not in places)
    mdf = pd.DataFrame(mentions, columns=MENTION_COLUMNS)
    if mdf.empty:
        idf = pd.DataFrame(columns=["region", "name", "kind", "count", "docs"])
    else:
        idf = (mdf.groupby(["region", "name"], sort=False)
               .agg(kind=("kind", "first"), count=("name", "size"), docs=("doc", lambda d: sorted(set(d))))
               .reset_index().sort_values(["region", "count", "name"], ascending=[True, False, True],
                                          kind="stable").reset_index(drop=True))
    return Themes(mdf, idf, _tfidf(tokens, top_keywords))


def _tfidf(tokens: dict[str, Counter], top: int) -> pd.DataFrame:
    """Per region, the words frequent in its texts and rare in the other regions'. A word must
    occur at least twice in the region; regions without a name (地区未定) are context only."""
    n = len(tokens)
    df = Counter()
    for counts in tokens.values():
        df.update(counts.keys())
    rows = []
    for region, counts in tokens.items():
        if region == UNKNOWN_REGION:
            continue
        total = sum(counts.values()) or 1
        scored = []
        for w, c in counts.items():
            if c < 2:
                continue
            idf = math.log((1 + n) / (1 + df[w])) + 1
            scored.append((c / total * idf * 1000, c, w))
        scored.sort(key=lambda x: (-x[0], x[2]))
        scored = [x for x in _first_content(scored, top)]
        for rank, (score, c, w) in enumerate(scored, 1):
            rows.append({"region": region, "keyword": w, "score": round(score, 3), "count": c, "rank": rank})
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def _first_content(scored, top: int):
    """The first ``top`` of the ranked (score, count, word) whose word is a content word."""
    n = 0
    for item in scored:
        if n >= top:
            return
        if content_word(item[2]):
            n += 1
            yield item
