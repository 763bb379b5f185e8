"""A document's bytes -> (text, metadata): which reader a file goes to.

The kind is taken from the content (``%PDF-``, a zip holding ``word/document.xml``, an
old OLE2 Word file) before the file name, so a PDF saved as ``.txt`` is still read as a
PDF. Every reader returns the decoded, not yet normalised text and a metadata dict with
any of ``title``, ``publisher``, ``date`` (``YYYY-MM-DD``) and ``url`` (the store's
document fields, :data:`pingan.metadata.FIELDS`), and
raises :class:`~pingan.decode.BadInput` naming the file when it cannot.
"""
from __future__ import annotations

from .decode import MAX_BYTES, BadInput, decode_bytes, looks_like_html, notes
from .metadata import FIELDS

# every suffix a document may have (folders and archives are searched for these)
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".md", ".text", ".docx", ".pdf", ".doc")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def kind_of(data: bytes, name: str) -> str:
    """'pdf', 'docx', 'doc', 'zip', 'html' or 'text'."""
    lower = name.lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_OLE2):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if lower.endswith(".docx") or b"word/" in data[:4096] else "zip"
    if lower.endswith(".docx"):
        return "docx"  # not a zip at all: the Word reader says so
    if lower.endswith(".pdf"):
        return "pdf"   # no %PDF header: the PDF reader says so
    if lower.endswith(".doc"):
        return "doc"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def read_document(data: bytes, name: str = "<bytes>", max_bytes: int = MAX_BYTES,
                  url: str | None = None) -> tuple[str, dict]:
    """(text, metadata) of one document's bytes. ``url``: where a fetched page came from.
    The metadata's ``notes`` (when there are any) say what was read anyway, e.g. invalid
    bytes replaced; it is plain data, so it crosses from a worker process with the result."""
    with notes() as got:
        text, meta = _read(data, name, max_bytes, url)
    if got:
        meta["notes"] = [n.split(": ", 1)[-1] for n in got]
    return text, meta


def _read(data: bytes, name: str, max_bytes: int, url: str | None) -> tuple[str, dict]:
    if len(data) > max_bytes:
        raise BadInput(name, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    kind = kind_of(data, name)
    if kind == "pdf":
        from .pdf import read_pdf

        text, meta = read_pdf(data, name)
    elif kind == "docx":
        from .word import read_docx

        text, meta = read_docx(data, name)
    elif kind == "doc":
        from .word import read_doc

        text, meta = read_doc(data, name)
    elif kind == "zip":
        raise BadInput(name, "is a zip archive, not a document: add it as an archive (its documents are added one by one)")
    else:
        text = decode_bytes(data, name, max_bytes)
        meta = {}
        if kind == "html" or looks_like_html(text):
            from .webpage import read_html

            text, meta = read_html(text, name, url=url)
    if url:
        meta = {**meta, "url": url}
    meta = {k: v for k, v in meta.items() if k in FIELDS and v}
    if not text.strip():
        raise BadInput(name, "no text found in it")
    return text, meta
