"""The extractor's version: a hash of everything that decides what extraction outputs.

That is the source of the extraction modules (``extract`` and ``decode``, and every
package module they import, found by following their ``from .x import`` lines, including
the ones inside functions), the data files those modules name (``data/lexicon.toml``,
``data/region_words.toml``, ``data/events.toml``; ``data/themes.toml`` and the jieba
word lists belong to the themes feature only), and the versions of the libraries whose
data changes results (cpca's and JioNLP's division tables, OpenCC's dictionaries, cn2an).

A stored document whose version differs is re-extracted by ``Store.reindex()``, so
editing the lexicon or a module is enough: nobody has to remember to bump a number.

It runs at import: stdlib only, no ``importlib.metadata`` (its import alone costs
~40 ms), nothing from the package (extract.py imports this module): ~2 ms in all.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import re
import sys

PACKAGE = pathlib.Path(__file__).resolve().parent
SELF = pathlib.Path(__file__).stem  # extract.py imports this module: not an input (and its text names themes.toml)
ROOTS = ("extract", "decode")  # the modules that turn a text file into rows; the rest is found from their imports
LIBRARIES = ("cpca", "jionlp", "opencc-python-reimplemented", "cn2an")  # distribution names

# "from .x import", "from . import x, y", "from pingan.x import", "from pingan import x", "import pingan.x".
# Not anchored at line starts: a pattern that starts with a literal is searched ~10x faster, and a
# match inside a string or comment only adds a module to the hash, which errs on the safe side.
_FROM = re.compile(rb"from[ \t]+(\.+|pingan\b)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)")
_IMPORT = re.compile(rb"import[ \t]+pingan\.([\w.]+)")
_NAME = re.compile(rb"\w+")
_FILE_CHAR = re.compile(rb"[\w.-]")


def _module_path(root: pathlib.Path, dotted: str) -> pathlib.Path | None:
    base = root.joinpath(*dotted.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imports(root: pathlib.Path, source: bytes) -> set[str]:
    """The package modules (dotted names relative to the package) that ``source`` imports."""
    found = set()
    for m in _FROM.finditer(source):
        prefix, mod = m.group(1), m.group(2).lstrip(b".").decode()
        if prefix not in (b".", b"pingan"):  # from .. import: outside the package (no subpackages here)
            continue
        if mod:
            found.add(mod)
        else:  # from . import a, b: the names are modules
            found.update(n.decode() for n in _NAME.findall(m.group(3)) if n != b"as")
    found.update(m.group(1).decode() for m in _IMPORT.finditer(source))
    return {name for name in found if name != SELF and _module_path(root, name) is not None}


def extraction_modules(root: pathlib.Path | str | None = None) -> dict[str, bytes]:
    """{module name: source} for ``ROOTS`` and every package module they transitively import."""
    root = pathlib.Path(root) if root is not None else PACKAGE
    sources: dict[str, bytes] = {}
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in sources:
            continue
        path = _module_path(root, name)
        if path is None:
            raise FileNotFoundError(f"extraction module {name!r} not found under {root}")
        sources[name] = path.read_bytes()
        todo.extend(_imports(root, sources[name]) - sources.keys())
    return sources


def extraction_data(root: pathlib.Path | str | None = None, sources: dict[str, bytes] | None = None) -> list[str]:
    """The files of ``data/`` that the extraction modules name (by file name, anywhere in their source)."""
    root = pathlib.Path(root) if root is not None else PACKAGE
    sources = extraction_modules(root) if sources is None else sources
    blob = b"\n".join(sources.values())
    try:
        names = sorted(e.name for e in os.scandir(root / "data") if e.is_file())
    except FileNotFoundError:
        return []
    return [n for n in names if _mentions(blob, n.encode())]


def _mentions(blob: bytes, word: bytes) -> bool:
    """``word`` occurs in ``blob`` as a whole file name (region_words.toml does not mention words.toml).
    bytes.find, not a regex: a search with look-arounds over all the source costs ~2 ms per name."""
    i = blob.find(word)
    while i >= 0:
        before, after = blob[i - 1:i] if i else b"", blob[i + len(word):i + len(word) + 1]
        if not (_FILE_CHAR.match(before) or _FILE_CHAR.match(after)):
            return True
        i = blob.find(word, i + 1)
    return False


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def library_versions(names) -> dict[str, str | None]:
    """{distribution: version or None if not installed}, read from the ``*.dist-info/METADATA`` (or
    egg-info ``PKG-INFO``) found first along sys.path, as importlib.metadata finds it, without its
    ~40 ms import (email, zipfile, csv...)."""
    want = {_norm(n): n for n in names}
    out: dict[str, str | None] = dict.fromkeys(names)
    for entry in sys.path:
        if not want:
            break
        folder = entry or "."
        try:
            listing = os.listdir(folder)
        except OSError:
            continue
        for item in listing:
            stem, dot, suffix = item.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            name = want.pop(_norm(stem.split("-", 1)[0]), None)
            if name is not None:
                out[name] = _read_version(os.path.join(folder, item), suffix, stem)
    return out


def _read_version(path: str, suffix: str, stem: str) -> str | None:
    meta = os.path.join(path, "METADATA" if suffix == "dist-info" else "PKG-INFO") if os.path.isdir(path) else path
    try:
        with open(meta, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
                if not line.strip():  # the end of the headers
                    break
    except OSError:
        pass
    return stem.split("-")[1] if "-" in stem else None  # no readable metadata: the one in the directory name


def extractor_version(root: pathlib.Path | str | None = None, libraries=None) -> str:
    """12 hex characters of a sha256 over the extraction modules' source, the data files they read
    and the versions of ``libraries`` (default ``LIBRARIES``; a missing one counts as "missing").

    ``root`` is the package directory (default: this package), so a test can hash a changed copy.
    Line endings are normalised: a Windows checkout gives the same version.
    """
    root = pathlib.Path(root) if root is not None else PACKAGE
    sources = extraction_modules(root)
    parts = [(f"{name.replace('.', '/')}.py", src) for name, src in sources.items()]
    parts += [(f"data/{n}", (root / "data" / n).read_bytes()) for n in extraction_data(root, sources)]
    versions = library_versions(LIBRARIES if libraries is None else libraries)
    parts += [(f"lib/{lib}", (v or "missing").encode()) for lib, v in versions.items()]
    h = hashlib.sha256()
    for label, content in sorted(parts):
        content = content.replace(b"\r\n", b"\n")
        h.update(b"%s\0%d\0" % (label.encode(), len(content)))
        h.update(content)
    return h.hexdigest()[:12]
