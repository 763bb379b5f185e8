"""An HTML page -> (main text, metadata) through trafilatura.

trafilatura finds the article body (navigation, share buttons, related-news lists and
comments left out) and the page's title, date, site name and author. When it finds no
main text, the page's visible text is used instead (:func:`pingan.decode.html_to_text`).
``<script>`` and ``<style>`` content is never text on either path.
"""
from __future__ import annotations

import logging
import re

from .decode import html_to_text

# the noise that fools the extractor is what must go: precision over recall, and these never hold the body
_PRUNE = ["//nav", "//header", "//footer", "//aside", "//form"]
MIN_MAIN_TEXT = 20  # characters: less than this is "no main text found"
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")


def _table_rows_as_cells(text: str) -> str:
    """trafilatura writes a table row as ``| a | b |``; a row is cells separated by tabs here,
    as in the Word reader."""
    out = []
    for line in text.split("\n"):
        m = _TABLE_ROW.match(line)
        if m:
            cells = [c.strip() for c in m.group(1).split("|")]
            if all(set(c) <= set("-: ") for c in cells):  # a markdown rule line
                continue
            line = "\t".join(c for c in cells if c)
        out.append(line)
    return "\n".join(out)


def main_text(markup: str, url: str | None = None):
    """trafilatura's document (``.text``, ``.title``, ``.date``, ``.sitename``, ``.author``) or None."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # a page it cannot parse is not an error here
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False,
                                           include_tables=True, include_images=False, include_links=False,
                                           favor_precision=True, prune_xpath=_PRUNE)
    except Exception:  # a parser failure on odd markup: the visible-text path still reads the page
        return None


def read_html(markup: str, name: str = "<page>", url: str | None = None) -> tuple[str, dict]:
    """(text, metadata) of an HTML page. Metadata keys: title, publisher (the site), date, url."""
    doc = main_text(markup, url)
    meta: dict = {}
    text = ""
    if doc is not None:
        text = _table_rows_as_cells(doc.text or "").strip()
        for key, attr in (("title", "title"), ("publisher", "sitename"), ("date", "date")):
            value = (getattr(doc, attr, None) or "").strip()
            if value:
                meta[key] = value
    if len(text) < MIN_MAIN_TEXT:
        text = html_to_text(markup)
    elif meta.get("title") and meta["title"] not in text[:len(meta["title"]) + 200]:
        text = meta["title"] + "\n" + text  # the headline names the article's region and year
    if url:
        meta["url"] = url
    return text, meta
