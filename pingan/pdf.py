"""PDF -> (text, metadata) through pypdf.

pypdf (pure Python, no system library, maintained) reads the text runs and where each is
drawn. On top of that, this module
- builds lines from the runs' positions (a run drawn inside another, as exports draw
  Western quotes and dashes in a CJK line, is put in its place: see ``_overlay``);
- drops running headers and footers: a line among a page's first or last two that recurs
  (digits aside) on at least half the pages, and page numbers there (``- 3 -``, ``第3页``,
  ``3/12``, ``Page 3 of 12``);
- joins lines back into paragraphs (a PDF breaks lines mid-sentence, which would otherwise
  cut clauses): a line that fills the text width continues on the next one unless the
  layout starts a paragraph there (a wider gap, a first-line indent) or, where the layout
  cannot tell (a page's first line), the line ends a sentence; across page breaks too;
- refuses, naming the file: a password-protected PDF, more than ``MAX_PAGES`` pages or
  ``MAX_CHARS`` characters of text (a PDF bomb), a scan with no text layer, a damaged file.
"""
from __future__ import annotations

import io
import logging
import re
import statistics

from .decode import BadInput

MAX_PAGES = 1000
MAX_CHARS = 5_000_000
_RUNNING_SPAN = 2  # lines at the top and at the bottom of a page that may be a header or footer

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–_~·•]*\s*\d{1,4}\s*[-—–_~·•]*|第\s*\d{1,4}\s*页(?:\s*[,,/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
_TERMINAL = tuple("。!?!?;;:…”」』)") + (".", ":")
_CLOSING = tuple(",,。.、;;:!!??)」』”’%") + (")",)
_STARTS_BLOCK = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[((][一二三四五六七八九十\d]+[))]|\d{1,2}[、.．](?!\d)"
                           r"|第[一二三四五六七八九十百\d]+[章节条部分]|[●■◆▲•·※])")


def _width(line: str) -> float:
    """Printed width in em: CJK and full-width characters 1, the rest 1/2."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.5 for ch in line)


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages' lines without running headers, footers and page numbers."""
    def edges(lines):
        n = len(lines)
        return [i for i in range(n) if i < _RUNNING_SPAN or i >= n - _RUNNING_SPAN]

    def text(ln):
        return ln if isinstance(ln, str) else ln[0]

    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_running_key(text(lines[i])) for i in edges(lines)}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    # a header or footer does not end a sentence: a body line that recurs does not go
    running = {k for k, c in counts.items() if c >= need and k and not k.endswith(("。", "!", "?", "!", "?"))}
    out = []
    for lines in pages:
        at_edge = set(edges(lines))
        out.append([ln for i, ln in enumerate(lines)
                    if not (i in at_edge and (_running_key(text(ln)) in running or _PAGE_NUMBER.match(text(ln))))])
    return out


def join_lines(lines) -> list[str]:
    """Paragraphs from a PDF's lines (all pages, in order): strings, or (text, starts a
    paragraph by the layout: True, False or None for unknown; see :func:`paragraph_starts`).
    A line goes on the one before when that one is full (nearly as wide as most full lines)
    and ends no sentence, or ends one but the layout says the paragraph goes on."""
    pairs = [(ln, None) if isinstance(ln, str) else ln for ln in lines]
    pairs = [(t.strip(), start) for t, start in pairs if t.strip()]
    if not pairs:
        return []
    widths = sorted(_width(t) for t, _ in pairs)
    full = widths[int(0.9 * (len(widths) - 1))] if len(widths) >= 5 else widths[-1]
    full = max(full, statistics.median(widths))

    def is_full(t):
        return _width(t) >= 0.8 * full

    paras: list[str] = []
    last_full = False  # the previous physical line filled the width (so its paragraph goes on)
    for ln, start in pairs:
        if paras and ln.startswith(_CLOSING):  # a line never starts a paragraph with closing punctuation
            paras[-1] += ln
            last_full = last_full or is_full(ln)
            continue
        goes_on = start is False or (start is None and not paras[-1].endswith(_TERMINAL)) if paras else False
        if paras and last_full and goes_on and not _STARTS_BLOCK.match(ln):
            # words of a Latin-script text are spaced; Chinese, and a number cut in two, are not
            sep = " " if re.match(r"[A-Za-z]", paras[-1][-1:]) and re.match(r"[A-Za-z]", ln[:1]) else ""
            paras[-1] += sep + ln
        else:
            paras.append(ln)
        last_full = is_full(ln)
    return paras


def _clean_title(title: str) -> str:
    title = re.sub(r"^Microsoft (?:Word|PowerPoint|Excel) - ", "", title.strip())
    title = re.sub(r"\.(?:docx?|wps|pptx?|xlsx?|pdf)$", "", title, flags=re.I)
    return title.strip()


def _metadata(reader) -> dict:
    meta: dict = {}
    try:
        info = reader.metadata
        if info is None:
            return meta
        title = _clean_title(str(info.title or ""))
        if title:
            meta["title"] = title
        for attr in ("creation_date", "modification_date"):
            try:
                when = getattr(info, attr)
            except Exception:  # a malformed date string
                when = None
            if when is not None:
                meta["date"] = when.date().isoformat()
                break
    except Exception:  # metadata is optional: a damaged info dictionary does not stop the text
        pass
    return {k: v for k, v in meta.items() if v}


def _em(ch: str) -> float:
    return 1.0 if ord(ch) >= 0x2E80 else 0.5


_WESTERN_MARKS = set("“”‘’\"'—–-·•…()[]")


def _overlay(host: str, x0: float, size: float, x: float, text: str) -> str | None:
    """``text`` drawn at ``x`` over a run ``host`` drawn from ``x0``, or None when it is not an
    overlay. A word processor's PDF export draws a CJK line as one run with a space wherever
    a Western-font mark goes (“ ” — ·) and draws the marks separately at those places (pypdf
    hands over the marks of one text object as one string, "“ ” ——", placed at the first):
    the first mark takes the place of the space nearest to it, the next ones the following
    spaces."""
    marks = text.split()
    if not marks or any(len(m) > 3 or not set(m) <= _WESTERN_MARKS for m in marks):
        return None
    spaces, pos = [], x0
    for i, ch in enumerate(host):
        if ch == " ":
            spaces.append((abs(pos - x), i))
        pos += _em(ch) * size
    if not spaces:
        return None
    dist, first = min(spaces)
    after = [i for _, i in spaces if i >= first]
    if dist > 2 * size or len(after) < len(marks):
        return None
    out = list(host)
    for mark, i in zip(marks, after):
        out[i] = mark
    return "".join(out)


def page_lines(page) -> list[tuple[str, float, float, float, float]]:
    """A page's text lines, top to bottom, from the positions of its text runs: runs on one
    baseline are one line, left to right, and a run drawn inside another's span is put in
    its place (see :func:`_overlay`). Each line comes as (text, where it ends on the page
    (its last run's start plus an estimate of that run's width), where it starts, its
    baseline, its font size)."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text and text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (abs(tm[3]) or 1.0) * (abs(cm[3]) or 1.0)
            runs.append((x, y, text.replace("\n", " "), max(1.0, (size or 10.0) * scale)))

    page.extract_text(visitor_text=visit)
    lines: list[list] = []  # [y, size, [(x, text)]]
    for x, y, text, size in sorted(runs, key=lambda r: -r[1]):
        if lines and abs(lines[-1][0] - y) <= 0.4 * max(size, lines[-1][1]):
            lines[-1][2].append((x, text, size))
        else:
            lines.append([y, size, [(x, text, size)]])
    out = []
    for y, _, parts in lines:
        parts.sort(key=lambda p: p[0])
        segs: list[list] = []  # [x0, text, size]
        for x, text, size in parts:
            if segs:
                x0, host, hsize = segs[-1]
                end = x0 + sum(_em(c) for c in host) * hsize
                placed = _overlay(host, x0, hsize, x, text) if x < end - 0.25 * hsize else None
                if placed is not None:
                    segs[-1][1] = placed
                    continue
            segs.append([x, text, size])
        line = ""
        for x0, text, size in segs:
            if line and re.match(r"[A-Za-z0-9]", line[-1]) and re.match(r"[A-Za-z0-9]", text[0]):
                line += " "  # two Latin runs apart: words
            line += text
        x0, text, size = segs[-1]
        out.append((line.strip(), x0 + sum(_em(c) for c in text.rstrip()) * size, segs[0][0], y, segs[0][2]))
    return [ln for ln in out if ln[0]]


def paragraph_starts(pages) -> list[list[bool | None]]:
    """For each line of each page: does it start a paragraph by the layout (a wider gap above
    it than between the lines of a paragraph, or a first-line indent), True; does the layout
    say it goes on, False; or cannot it tell (a page's first line, unindented), None."""
    gaps = [a[3] - b[3] for lines in pages for a, b in zip(lines, lines[1:]) if a[3] > b[3]]
    line_gap = sorted(gaps)[len(gaps) // 4] if gaps else None  # the spacing of a paragraph's lines
    starts = sorted(round(ln[2]) for lines in pages for ln in lines)
    margin = max(set(starts), key=starts.count) if starts else 0.0  # where most lines start
    out = []
    for lines in pages:
        flags = []
        for i, (_, _, x0, y, size) in enumerate(lines):
            indented = x0 > margin + 1.2 * size
            if indented:
                flags.append(True)
            elif i == 0 or line_gap is None:
                flags.append(None)
            else:
                flags.append(lines[i - 1][3] - y > 1.4 * line_gap)
        out.append(flags)
    return out


def read_pdf(data: bytes, name: str = "<pdf>") -> tuple[str, dict]:
    if b"%PDF-" not in data[:1024]:
        raise BadInput(name, "not a PDF file (no %PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # the message below says what matters
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # a PDF with restrictions but no password to open it
            except DependencyError:
                opened = 0
            if not opened:
                raise BadInput(name, "the PDF is password-protected: open it with its password and save or "
                                     "print it as a PDF without one, then add that")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise BadInput(name, f"the PDF has {count:,} pages, over the {MAX_PAGES:,}-page limit")
        pages, total = [], 0
        for page in reader.pages:
            lines = page_lines(page)
            total += sum(len(ln[0]) for ln in lines)
            if total > MAX_CHARS:
                raise BadInput(name, f"the PDF holds over {MAX_CHARS:,} characters of text, over the limit")
            pages.append(lines)
        meta = _metadata(reader)
    except BadInput:
        raise
    except FileNotDecryptedError:
        raise BadInput(name, "the PDF is password-protected") from None
    except (PdfReadError, Exception) as exc:  # pypdf on a damaged or hostile file raises many kinds
        if isinstance(exc, (MemoryError, KeyboardInterrupt)):
            raise
        raise BadInput(name, f"damaged PDF: {type(exc).__name__}: {exc}") from None
    visible = sum(1 for lines in pages for ln in lines for ch in ln[0] if not ch.isspace())
    if visible < 5 * max(1, len(pages)) and all(sum(len(ln[0].strip()) for ln in lines) < 50 for lines in pages):
        raise BadInput(name, f"no text layer — OCR it first (the PDF's {len(pages)} page(s) are images)")
    pages = drop_running_lines(pages)
    starts = paragraph_starts(pages)
    paras = join_lines([(ln[0], start) for lines, flags in zip(pages, starts) for ln, start in zip(lines, flags)])
    return "\n".join(paras), meta
