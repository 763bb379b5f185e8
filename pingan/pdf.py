"""PDF -> (text, metadata) through pypdf.

pypdf (pure Python, no system library, maintained) gives each page's text in reading
order, line by line. On top of that, this module
- drops running headers and footers: a line among a page's first or last two that recurs
  (digits aside) on at least half the pages, and page numbers there (``- 3 -``, ``第3页``,
  ``3/12``, ``Page 3 of 12``);
- joins lines back into paragraphs: a line that fills the text width and does not end a
  sentence continues on the next one, across a page break too (a PDF breaks lines
  mid-sentence, which would otherwise cut clauses);
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

    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_running_key(lines[i]) for i in edges(lines)}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, c in counts.items() if c >= need and k}
    out = []
    for lines in pages:
        at_edge = set(edges(lines))
        out.append([ln for i, ln in enumerate(lines)
                    if not (i in at_edge and (_running_key(ln) in running or _PAGE_NUMBER.match(ln)))])
    return out


def join_lines(lines: list[str]) -> list[str]:
    """Paragraphs from a PDF's lines (all pages, in order)."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    if not lines:
        return []
    widths = sorted(_width(ln) for ln in lines)
    full = widths[int(0.9 * (len(widths) - 1))] if len(widths) >= 5 else widths[-1]
    full = max(full, statistics.median(widths))
    paras: list[str] = []
    last_full = False  # the previous physical line filled the width (so its paragraph goes on)
    for ln in lines:
        if paras and ln.startswith(_CLOSING):  # a line never starts a paragraph with closing punctuation
            paras[-1] += ln
            last_full = last_full or _width(ln) >= 0.8 * full
            continue
        if paras and last_full and not paras[-1].endswith(_TERMINAL) and not _STARTS_BLOCK.match(ln):
            # words of a Latin-script text are spaced; Chinese, and a number cut in two, are not
            sep = " " if re.match(r"[A-Za-z]", paras[-1][-1:]) and re.match(r"[A-Za-z]", ln[:1]) else ""
            paras[-1] += sep + ln
        else:
            paras.append(ln)
        last_full = _width(ln) >= 0.8 * full
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
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_CHARS:
                raise BadInput(name, f"the PDF holds over {MAX_CHARS:,} characters of text, over the limit")
            pages.append(text.splitlines())
        meta = _metadata(reader)
    except BadInput:
        raise
    except FileNotDecryptedError:
        raise BadInput(name, "the PDF is password-protected") from None
    except (PdfReadError, Exception) as exc:  # pypdf on a damaged or hostile file raises many kinds
        if isinstance(exc, (MemoryError, KeyboardInterrupt)):
            raise
        raise BadInput(name, f"damaged PDF: {type(exc).__name__}: {exc}") from None
    visible = sum(1 for lines in pages for ln in lines for ch in ln if not ch.isspace())
    if visible < 5 * max(1, len(pages)) and all(sum(len(ln.strip()) for ln in lines) < 50 for lines in pages):
        raise BadInput(name, f"no text layer — OCR it first (the PDF's {len(pages)} page(s) are images)")
    paras = join_lines([ln for lines in drop_running_lines(pages) for ln in lines])
    return "\n".join(paras), meta
