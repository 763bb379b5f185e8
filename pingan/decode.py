"""Raw bytes -> text: charset detection and HTML stripping.

Only this module reads bytes. Anything it cannot turn into text raises
:class:`BadInput` with the file name and the reason.
"""
from __future__ import annotations

import codecs
import contextlib
import html
import re
import threading
from html.parser import HTMLParser

import charset_normalizer

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: larger files are refused, see issue #4


class BadInput(ValueError):
    """A file that cannot be read as a press text. The message names the file."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


# UTF-32 first: its little-endian BOM begins with UTF-16's
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Encodings a Chinese press text plausibly comes in; a detector guess outside
# this set on a file that is not valid UTF-8 is treated as "not text".
_CJK_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "hz", "utf_16", "utf_32",
                  "cp950", "cp936", "euc_tw", "iso2022_cn")
MAX_BAD_UTF8 = 0.001  # share of a UTF-8 file's bytes that may be invalid (replaced, and said so)


def _plausible_text(text: str) -> bool:
    """Mostly Chinese characters, ASCII and the punctuation around them: what a press text is
    made of, and what random bytes decoded as UTF-16 are not (Hangul, private use, symbols)."""
    sample = text[:20000]
    if not sample:
        return False
    good = sum(1 for ch in sample if ("\u4e00" <= ch <= "\u9fff") or ("\u3400" <= ch <= "\u4dbf")
               or (" " <= ch <= "~") or ch in "\r\n\t" or ("\u3000" <= ch <= "\u303f")
               or ("\uff00" <= ch <= "\uffef") or ("\u2010" <= ch <= "\u206f") or ch in "\u00b7\u00d7")
    return good / len(sample) >= 0.95


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte order mark, or None. The byte order is the one whose
    NUL bytes (the high byte of ASCII characters) fall on its side; a text of Chinese alone
    has none, and both orders are tried."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for enc in order:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return text
    return None


def _utf8_with_replacements(data: bytes, name: str) -> str | None:
    """A UTF-8 text with a few invalid sequences (a lone surrogate, a cut character), decoded
    with U+FFFD in their place; None when it is not UTF-8 with a few faults."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= 0 or bad > MAX_BAD_UTF8 * len(data) + 3:
        return None
    if not any(ord(ch) > 127 and ch != "\ufffd" for ch in text[:20000]):
        return None  # no valid multi-byte sequence: nothing says this is UTF-8
    warn(name, f"{bad} invalid UTF-8 byte(s) replaced with \ufffd")
    return text


_notes = threading.local()


def warn(name: str, note: str) -> None:
    """Record a note about a file that was read anyway (see :func:`notes`)."""
    if getattr(_notes, "items", None) is not None:
        _notes.items.append(f"{name}: {note}")


@contextlib.contextmanager
def notes():
    """Collect the notes of the decoding done inside: ``with notes() as got: ...; got`` is a list
    of "name: note" lines (e.g. invalid bytes that were replaced)."""
    outer = getattr(_notes, "items", None)
    _notes.items = got = []
    try:
        yield got
    finally:
        _notes.items = outer
        if outer is not None:
            outer.extend(got)


def decode_bytes(data: bytes, name: str = "<bytes>", max_bytes: int = MAX_BYTES) -> str:
    """Decode a press text's bytes, detecting UTF-8/GB18030/Big5/UTF-16 and friends."""
    if len(data) > max_bytes:
        raise BadInput(name, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise BadInput(name, "file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise BadInput(name, f"starts with a {enc.upper()} byte order mark but is not {enc.upper()}: "
                                     f"{exc.reason} at byte {exc.start:,}") from None
    nul = data.find(b"\x00")
    if nul >= 0:  # one rule wherever the NUL is: UTF-16 text, or not a text at all
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise BadInput(name, f"file looks binary (a NUL byte at offset {nul:,}), not a text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _utf8_with_replacements(data, name) or _utf16_without_bom(data)
    if text is not None:
        return text
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
