"""Small document fixtures written at test time: .docx through python-docx, .pdf through the
minimal PDF writer below (a Type0 font with a ToUnicode map, text placed line by line,
as a word processor's PDF export places it), zip archives with zipfile."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib


def make_docx(blocks, title: str = "", modified: dt.datetime | None = None, author: str = "") -> bytes:
    """``blocks``: strings (paragraphs) and lists of rows (tables, each row a list of cell texts)."""
    import docx

    doc = docx.Document()
    doc.core_properties.title = title
    doc.core_properties.author = author
    if modified is not None:
        doc.core_properties.modified = modified
        doc.core_properties.created = modified
    for block in blocks:
        if isinstance(block, str):
            doc.add_paragraph(block)
        else:
            table = doc.add_table(rows=len(block), cols=max(len(r) for r in block))
            for i, row in enumerate(block):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _hex(text: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in text)


def make_pdf(pages, header: str = "", footer: str = "- {n} -", font_size: float = 12.0,
             images_only: bool = False, info: dict | None = None, compress: bool = True,
             overlays=()) -> bytes:
    """A PDF of ``pages`` (each a list of body lines, top to bottom, as the lines of an export:
    a paragraph broken wherever the line is full). ``header``/``footer`` are drawn on every
    page (``{n}``: the page number). ``images_only``: pages carry an image and no text
    (a scan). ``overlays``: (page, line, x in em from the line's start, text) drawn on their
    own over a body line, as a word processor's export draws Western quotes and dashes in a
    CJK line."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        if compress:
            data = zlib.compress(data)
            extra += " /Filter /FlateDecode"
        return f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream"

    used = sorted({ord(ch) for page in pages for line in page for ch in line}
                  | {ord(ch) for *_, text in overlays for ch in text}
                  | {ord(ch) for ch in header + footer.replace("{n}", "0123456789")} | {32})
    bf = []
    for i in range(0, len(used), 100):
        chunk = used[i:i + 100]
        bf.append(f"{len(chunk)} beginbfchar\n" + "\n".join(f"<{c:04X}> <{c:04X}>" for c in chunk)
                  + "\nendbfchar")
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(bf)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode()
    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    tounicode = add(stream(cmap))
    descriptor = add(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] "
                     b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")
    cidfont = add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
                  f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 "
                  f"/W [32 126 500] /CIDToGIDMap /Identity >>".encode())
    font = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               f"/DescendantFonts [{cidfont} 0 R] /ToUnicode {tounicode} 0 R >>".encode())
    image = add(stream(bytes([128]) * 64, " /Type /XObject /Subtype /Image /Width 8 /Height 8 "
                                          "/ColorSpace /DeviceGray /BitsPerComponent 8")) if images_only else 0
    kids = []
    for n, lines in enumerate(pages, 1):
        ops = []
        if images_only:
            ops.append("q 500 0 0 700 50 70 cm /Im1 Do Q")
        else:
            def line(x, y, text, size=font_size):
                ops.append(f"BT /F1 {size:g} Tf {x:g} {y:g} Td <{_hex(text)}> Tj ET")
            if header:
                line(72, 800, header.replace("{n}", str(n)), 9)
            y = 760.0
            for k, text in enumerate(lines):
                line(72, y, text)
                for page_no, line_no, em, mark in overlays:
                    if (page_no, line_no) == (n - 1, k):
                        line(72 + em * font_size, y, mark)
                y -= font_size * 1.5
            if footer:
                line(280, 40, footer.replace("{n}", str(n)), 9)
        content = add(stream("\n".join(ops).encode()))
        resources = f"/Font << /F1 {font} 0 R >>" + (f" /XObject << /Im1 {image} 0 R >>" if images_only else "")
        kids.append(add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                        f"/Resources << {resources} >> /Contents {content} 0 R >>".encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                              + " ".join(f"{k} 0 R" for k in kids) + "] >>").encode()
    info_ref = ""
    if info:
        def pdf_string(s: str) -> str:
            return "<FEFF" + _hex(s) + ">"
        info_obj = add(("<< " + " ".join(f"/{k} {pdf_string(v) if not v.startswith('D:') else '(' + v + ')'}"
                                         for k, v in info.items()) + " >>").encode())
        info_ref = f" /Info {info_obj} 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{info_ref} >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def wrap(text: str, width: int = 30) -> list[str]:
    """Break a paragraph into lines ``width`` em wide (a Chinese character 1 em, an ASCII one
    1/2), as a PDF export does."""
    lines, line, used = [], "", 0.0
    for ch in text:
        w = 0.5 if ord(ch) < 0x2E80 else 1.0
        if used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    return lines + [line] if line else lines


def encrypt_pdf(data: bytes, user_password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()
