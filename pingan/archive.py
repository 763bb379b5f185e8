"""A .zip of documents -> its documents' (name, bytes), read in memory.

Nothing is written to disk. Members are read one at a time, each at most the upload
limit; the archive as a whole may expand to at most ``MAX_TOTAL`` bytes (a zip bomb is
refused before anything is read). A member whose path is absolute or climbs out of the
archive (``../../x.txt``) is refused by name, as are an encrypted member and an archive
inside the archive; members that are not documents (images, system files) are skipped,
as a folder's are.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from .decode import MAX_BYTES, BadInput
from .formats import DOCUMENT_SUFFIXES

MAX_TOTAL = 256 * 1024 * 1024   # uncompressed bytes of all the documents in one archive
MAX_MEMBERS = 5000


@dataclass
class Member:
    label: str                       # "archive.zip/folder/file.docx": what a message names
    name: str                        # the member's file name, the document's name in the store
    data: bytes | None = None
    error: BadInput | None = None    # set instead of data when the member is refused


def _member_path(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: Chinese Windows zips names in GBK, zipfile read cp437
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _unsafe(path: str) -> bool:
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):  # /etc/x, C:/x
        return True
    return ".." in posixpath.normpath(path).split("/") or ".." in path.split("/")


def is_document(path: str) -> bool:
    base = posixpath.basename(path)
    return (base.lower().endswith(DOCUMENT_SUFFIXES) and not base.startswith(".")
            and not path.startswith("__MACOSX/"))


def members(data: bytes, name: str = "<zip>", max_bytes: int = MAX_BYTES, max_total: int | None = None):
    """Yield a :class:`Member` for each document in the archive, in archive order.
    Raises BadInput (naming the archive) when the archive as a whole cannot be read."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BadInput(name, f"not a readable zip archive: {exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise BadInput(name, f"the archive holds {len(infos):,} entries, over the {MAX_MEMBERS:,}-entry limit")
    max_total = MAX_TOTAL if max_total is None else max_total
    chosen = []
    for info in infos:
        if info.is_dir():
            continue
        path = _member_path(info)
        if path.lower().endswith(".zip") or is_document(path) or _unsafe(path):
            chosen.append((info, path))
    total = sum(info.file_size for info, _ in chosen)
    if total > max_total:
        raise BadInput(name, f"the archive expands to {total:,} bytes, over the {max_total:,}-byte limit "
                             "(a zip bomb, or too much for one upload)")
    for info, path in chosen:
        label = f"{name}/{path}"
        base = posixpath.basename(path)
        if _unsafe(path):
            yield Member(label, base, error=BadInput(label, "unsafe path in the archive (absolute, or leading "
                                                            "out of it with ..): not read"))
        elif path.lower().endswith(".zip"):
            yield Member(label, base, error=BadInput(label, "an archive inside the archive is not opened: "
                                                            "unpack it and add its documents"))
        elif info.flag_bits & 0x1:
            yield Member(label, base, error=BadInput(label, "encrypted in the archive (a password is needed)"))
        elif info.file_size > max_bytes:
            yield Member(label, base, error=BadInput(label, f"file is {info.file_size:,} bytes, over the "
                                                            f"{max_bytes:,}-byte limit"))
        else:
            try:
                with zf.open(info) as fh:
                    body = fh.read(max_bytes + 1)  # the declared size may lie: never more than the limit
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
                yield Member(label, base, error=BadInput(label, f"damaged in the archive: {exc}"))
                continue
            if len(body) > max_bytes:
                yield Member(label, base, error=BadInput(label, f"file is over the {max_bytes:,}-byte limit"))
            else:
                yield Member(label, base, data=body)
