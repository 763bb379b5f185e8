"""Paths -> bytes: a file's bytes read with a bound, or :class:`~pingan.decode.BadInput` naming it.

The one place the library reads a file. It asks the file system first: anything that
is not a regular file (a folder, a FIFO, a device such as /dev/zero, a socket) is
refused without being opened, and so is a file whose size is over the limit. Then it
reads at most ``max_bytes + 1`` bytes, so a file that grows while it is read is refused
too, and memory never holds more than the limit.
"""
from __future__ import annotations

import os
import stat

from .decode import MAX_BYTES, BadInput

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = next((k for test, k in _KINDS if test(mode)), "a special file")
    return f"is {kind}, not a regular file; only regular files are read"


def over_limit(size: int, max_bytes: int) -> str:
    return f"file is {size:,} bytes, over the {max_bytes:,}-byte limit"


def read_bytes(path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; BadInput (naming ``path``) otherwise."""
    name = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise BadInput(name, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(name, _not_regular(st.st_mode))
    if st.st_size > max_bytes:
        raise BadInput(name, over_limit(st.st_size, max_bytes))
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise BadInput(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BadInput(name, _not_regular(st.st_mode))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise BadInput(name, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise BadInput(name, f"file grew over the {max_bytes:,}-byte limit while it was read")
    return b"".join(chunks)
