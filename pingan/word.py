"""Word documents -> (text, metadata).

``.docx`` through python-docx: the body's paragraphs and tables in document order, a
table row as one line of cells separated by tabs (a survey table by city stays one
city a line), merged cells once. The title and date come from the core properties
when set. The package is checked before python-docx parses it: the XML parts and the
total uncompressed size are capped, so a small file cannot expand into gigabytes.

Old ``.doc`` files are converted to .docx with LibreOffice (``soffice``) when it is
installed with its Word filters; otherwise the message says how to convert them.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile

from .decode import BadInput

MAX_XML_BYTES = 32 * 1024 * 1024      # any one XML part, uncompressed
MAX_PACKAGE_BYTES = 128 * 1024 * 1024  # everything in the package, uncompressed (images included)
CONVERT_TIMEOUT = 60                   # seconds for LibreOffice to convert a .doc

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_package(data: bytes, name: str) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BadInput(name, f"not a readable Word document (.docx): {exc}") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise BadInput(name, "not a Word document (.docx): the archive has no word/document.xml "
                             "(a renamed zip, or another Office format)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_BYTES:
            raise BadInput(name, f"Word document part {info.filename} is {info.file_size:,} bytes uncompressed, "
                                 f"over the {MAX_XML_BYTES:,}-byte limit")
    if total > MAX_PACKAGE_BYTES:
        raise BadInput(name, f"Word document expands to {total:,} bytes, over the {MAX_PACKAGE_BYTES:,}-byte limit")


def _cell_lines(cell, doc) -> list[str]:
    return [line for block in _blocks(cell._tc, doc) for line in block]


def _table_lines(tbl, doc) -> list[str]:
    from docx.table import Table

    lines = []
    for row in Table(tbl, doc).rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_lines(cell, doc))
        if len(cells) == 1:  # a one-column (layout) table: its paragraphs are paragraphs
            lines.extend(cells[0])
        else:
            row_text = "\t".join(" ".join(c) for c in cells if c)
            if row_text.strip():
                lines.append(row_text)
    return lines


def _blocks(parent, doc):
    """Lines of each block-level element under ``parent`` (body or cell), in order."""
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            text = Paragraph(child, doc).text.strip()
            if text:
                yield [text]
        elif tag == _W + "tbl":
            yield _table_lines(child, doc)
        elif tag == _W + "sdt":  # a content control: its content is body text
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content, doc)


def _date(value) -> str:
    return value.date().isoformat() if value is not None and hasattr(value, "date") else ""


def read_docx(data: bytes, name: str = "<docx>") -> tuple[str, dict]:
    _check_package(data, name)
    import docx

    try:
        doc = docx.Document(io.BytesIO(data))
        lines = [line for block in _blocks(doc.element.body, doc) for line in block]
        props = doc.core_properties
        # the last save is closer to the issue date than the creation date, which a document
        # copied from last year's keeps
        meta = {"title": (props.title or "").strip(), "date": _date(props.modified) or _date(props.created)}
    except BadInput:
        raise
    except Exception as exc:  # python-docx on a damaged package: KeyError, XMLSyntaxError, ValueError ...
        raise BadInput(name, f"damaged Word document (.docx): {type(exc).__name__}: {exc}") from None
    text = "\n".join(lines)
    if not text.strip():
        raise BadInput(name, "the Word document has no text")
    return text, {k: v for k, v in meta.items() if v}


def soffice() -> str | None:
    """The LibreOffice executable, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_HOW = ("old Word format (.doc): open it in Word or WPS and save it as .docx, "
        "or install LibreOffice with its Writer component to have it converted")


def read_doc(data: bytes, name: str = "<doc>") -> tuple[str, dict]:
    """An old binary .doc: converted with LibreOffice when it can, else a message saying how."""
    exe = soffice()
    if not exe:
        raise BadInput(name, _HOW)
    with tempfile.TemporaryDirectory(prefix="pingan-doc-") as tmp:
        src = os.path.join(tmp, "document.doc")
        with open(src, "wb") as fh:
            fh.write(data)
        try:
            subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, src],
                           capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise BadInput(name, f"LibreOffice did not convert the .doc within {CONVERT_TIMEOUT} s; "
                                 "save it as .docx in Word or WPS") from None
        except OSError as exc:
            raise BadInput(name, f"{_HOW} (LibreOffice could not run: {exc.strerror or exc})") from None
        out = os.path.join(tmp, "document.docx")
        if not os.path.exists(out):
            raise BadInput(name, f"{_HOW} (LibreOffice is installed but could not convert this file)")
        with open(out, "rb") as fh:
            converted = fh.read()
    return read_docx(converted, name)
