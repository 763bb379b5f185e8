"""Raw bytes -> text: charset detection and HTML stripping.

Only this module reads bytes. Anything it cannot turn into text raises
:class:`BadInput` with the file name and the reason.
"""
from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser

import charset_normalizer

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: larger files are refused, see issue #4


class BadInput(ValueError):
    """A file that cannot be read as a press text. The message names the file."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Encodings a Chinese press text plausibly comes in; a detector guess outside
# this set on a file that is not valid UTF-8 is treated as "not text".
_CJK_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "hz", "utf_16", "utf_32",
                  "cp950", "cp936", "euc_tw", "iso2022_cn")


def decode_bytes(data: bytes, name: str = "<bytes>", max_bytes: int = MAX_BYTES) -> str:
    """Decode a press text's bytes, detecting UTF-8/GB18030/Big5 and friends."""
    if len(data) > max_bytes:
        raise BadInput(name, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise BadInput(name, "file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc)
    if b"\x00" in data[:4096]:
        raise BadInput(name, "file looks binary (contains NUL bytes), not a text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(_CJK_ENCODINGS)).best()
    if best is None:
        best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise BadInput(name, "could not detect the character encoding (not UTF-8, GB18030 or Big5 text)")
    text = str(best)
    if _mostly_garbage(text):
        raise BadInput(name, f"decoded as {best.encoding} but the result is not readable text")
    return text


def _mostly_garbage(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t") or 0xE000 <= ord(ch) <= 0xF8FF
              or ch == "\ufffd")
    return bad / len(sample) > 0.02


_HTML_HINT = re.compile(r"<\s*(html|body|p|div|br|span|head|script|table|article)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe", "form",
            "button", "select", "aside"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
             "table", "ul", "ol", "blockquote", "pre", "td", "th", "dd", "dt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: scripts, styles and navigation dropped, one block a line."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = (re.sub(r"[ \t\u3000]+", " ", ln).strip() for ln in text.splitlines())
    return "\n".join(ln for ln in lines if ln)


def bytes_to_text(data: bytes, name: str = "<bytes>", max_bytes: int = MAX_BYTES) -> str:
    """A document's text: decoded, or read from Word and PDF, the main text of an HTML page
    (by file name or content). :func:`pingan.formats.read_document` gives its metadata too."""
    from .formats import read_document

    return read_document(data, name, max_bytes)[0]
