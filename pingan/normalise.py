"""Text -> normalised text: the one form every later stage (and every offset) refers to.

Steps, in order: drop control and zero-width characters and lone surrogates;
NFKC (full-width digits, letters and signs become ASCII); remove pinyin glosses
pasted after characters (``建設(shè)``); traditional -> simplified (OpenCC);
collapse doubled or odd punctuation (``,,`` ``,。`` ``,、``); tidy white space;
re-join lines that a copy-paste wrapped in the middle of a sentence.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

# A gloss: 1-7 latin letters, at least one with a tone mark or ü, in parentheses, right after a Han
# character. Real parentheses ("(2018至2020)", "(州、盟、地区)", "(A)") never look like that.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = regex.compile(rf"(?<=\p{{Han}})\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")
_CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Cs}\p{Co}--[\n\t]]", flags=regex.V1)
_PUNCT_RUN = regex.compile(r"[,、;。!?:]{2,}")
_STRONG = "。!?"
_SPACES = regex.compile(r"[ \t\u3000\u00a0]+")
_HAN_SPACE = regex.compile(r"(?<=[\p{Han}\p{P}]) +|(?<=[\d%]) +(?=\p{Han})|(?<=\p{Han}) +(?=\d)")
_TERMINAL = tuple("。!?…”」』\"'")


@functools.lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC  # loaded on first use: 0.1 s we do not want at import

    return OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> frozenset:
    """Characters that t2s would change: if a text has none, conversion is skipped."""
    import importlib.util
    import pathlib

    spec = importlib.util.find_spec("opencc")
    base = pathlib.Path(spec.origin).parent / "dictionary"
    chars = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        path = base / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                key = line.split("\t", 1)[0]
                vals = line.split("\t", 1)[1].split() if "\t" in line else []
                if vals and vals[0] != key:
                    chars.update(ch for ch, v in zip(key, vals[0]) if ch != v)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    trad = _traditional_chars()
    if not any(ch in trad for ch in text):
        return text
    return _converter().convert(text)


def _collapse_punct(m: regex.Match) -> str:
    run = m.group(0)
    for ch in run:
        if ch in _STRONG:
            return ch
    if ";" in run:
        return ";"
    return run[-1]


def _join_wrapped(lines: list[str], min_len: int = 40) -> list[str]:
    """A long line that stops without terminal punctuation continues on the next line."""
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= min_len and not out[-1].endswith(_TERMINAL) and line[:1] and \
                (regex.match(r"[\p{Han}\d“(\"]", line[:1])):
            out[-1] += line
        else:
            out.append(line)
    return out


def normalize(text: str) -> str:
    """Normalise a press text. Idempotent: ``normalize(normalize(t)) == normalize(t)``."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _GLOSS.sub("", text)
    text = to_simplified(text)
    text = _GLOSS.sub("", text)
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line)
        line = _HAN_SPACE.sub("", line)
        line = _PUNCT_RUN.sub(_collapse_punct, line)
        line = line.strip().lstrip(",、;:").strip()
        if line:
            lines.append(line)
    return "\n".join(_join_wrapped(lines))
