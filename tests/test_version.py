"""The extractor version is a hash of what decides extraction output: it moves when a lexicon byte or
an extraction module changes, and stays put for everything else (the themes vocabulary, the store...)."""
import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from pingan import version
from pingan.version import LIBRARIES, extraction_data, extraction_modules, extractor_version
from tests.conftest import ROOT

PKG = ROOT / "pingan"


@pytest.fixture
def pkg(tmp_path):
    """A copy of the package's source and data, to change without touching the real files."""
    copy = tmp_path / "pingan"
    shutil.copytree(PKG, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return copy


def test_short_and_stable_across_calls():
    v = extractor_version()
    assert re.fullmatch(r"[0-9a-f]{12}", v)
    assert extractor_version() == v == extractor_version(PKG) == extractor_version(str(PKG))


def test_stable_across_processes_without_loading_heavy_modules():
    """Loaded by file path (not through pingan/__init__, which imports pandas): the module needs only
    the standard library, imports nothing from the package (extract.py imports it: no cycle), and
    gives the same string whatever the hash seed."""
    script = textwrap.dedent(f"""
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("v", {str(PKG / "version.py")!r})
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        print(mod.extractor_version())
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pandas", "numpy", "pingan")
                       or m == "importlib.metadata")
        print(heavy)
    """)
    outs = []
    for seed in ("0", "1", "12345"):
        res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        v, heavy = res.stdout.split("\n")[:2]
        assert heavy == "[]", heavy
        outs.append(v)
    assert outs == [extractor_version()] * 3


def test_a_copy_hashes_like_the_package(pkg):
    assert extractor_version(pkg) == extractor_version()   # the location is not part of the version


@pytest.mark.parametrize("name", ["lexicon.toml", "region_words.toml", "events.toml", "noise.toml"])
def test_changes_with_a_byte_of_extraction_data(pkg, name):
    before = extractor_version(pkg)
    path = pkg / "data" / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    assert extractor_version(pkg) != before


@pytest.mark.parametrize("name", ["themes.toml", "stopwords.txt", "userdict.txt"])
def test_themes_vocabulary_does_not_count(pkg, name):
    before = extractor_version(pkg)
    with open(pkg / "data" / name, "a", encoding="utf-8") as fh:
        fh.write("\n# 新增\n")
    assert extractor_version(pkg) == before


@pytest.mark.parametrize("name", ["extract.py", "articles.py", "normalise.py", "numbers.py", "periods.py",
                                  "regions.py", "indicators.py", "located.py", "decode.py"])
def test_changes_with_the_source_of_an_extraction_module(pkg, name):
    before = extractor_version(pkg)
    with open(pkg / name, "a", encoding="utf-8") as fh:
        fh.write("\n# a change\n")
    assert extractor_version(pkg) != before


@pytest.mark.parametrize("name", ["themes.py", "store.py", "app.py", "charts.py", "__init__.py"])
def test_other_modules_do_not_count(pkg, name):
    before = extractor_version(pkg)
    with open(pkg / name, "a", encoding="utf-8") as fh:
        fh.write("\n# a change\n")
    assert extractor_version(pkg) == before


def test_a_module_newly_imported_by_extraction_counts(pkg):
    """The module list follows the imports: nobody has to add a new module to a list."""
    (pkg / "helper.py").write_text("X = 1\n", encoding="utf-8")
    (pkg / "helper2.py").write_text("Y = 1\n", encoding="utf-8")
    with open(pkg / "extract.py", "a", encoding="utf-8") as fh:
        fh.write("\nfrom .helper import X\nfrom .version import SELF\n")
    with open(pkg / "numbers.py", "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _later():\n    from . import helper2  # nested, in a function\n")
    assert "version" not in extraction_modules(pkg)  # extract.py imports it (or will): it is the hasher, not an input
    assert {"helper", "helper2"} <= set(extraction_modules(pkg))
    for name in ("helper.py", "helper2.py"):
        before = extractor_version(pkg)
        (pkg / name).write_text("X = Y = 2\n", encoding="utf-8")
        assert extractor_version(pkg) != before


def test_a_data_file_newly_read_by_extraction_counts(pkg):
    (pkg / "data" / "extra.toml").write_text("a = 1\n", encoding="utf-8")
    before = extractor_version(pkg)
    with open(pkg / "periods.py", "a", encoding="utf-8") as fh:
        fh.write('\nEXTRA = DATA / "extra.toml"\n')
    assert "extra.toml" in extraction_data(pkg)
    assert extractor_version(pkg) != before


def test_import_forms_are_recognised(pkg):
    src = textwrap.dedent("""
        from .articles import split_articles
        from . import located, numbers as n
        from pingan.periods import find_periods
        from pingan import regions
        import pingan.indicators
        from .. import elsewhere
        from .no_such_module import x
        def f():
            from .normalise import (
                normalize,
            )
    """).encode()
    assert version._imports(pkg, src) == {"articles", "located", "numbers", "periods", "regions", "indicators",
                                          "normalise"}


def _ast_closure(roots):
    """Every package module the roots import, at module level or inside functions, found with ast."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((PKG / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level == 1 or (node.module or "").startswith("pingan")):
                mod = (node.module or "").removeprefix("pingan").lstrip(".") if node.level == 0 else node.module
                names = [mod] if mod else [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name.removeprefix("pingan.") for a in node.names if a.name.startswith("pingan.")]
            else:
                continue
            todo += [m for m in names if (PKG / f"{m}.py").exists()]
    return seen


def test_module_list_covers_every_module_extraction_imports():
    found = set(extraction_modules())
    assert _ast_closure(["extract"]) - {"version"} <= found            # version.py hashes, it is not hashed
    assert _ast_closure(["extract", "decode"]) - {"version"} == found
    assert {"normalise", "decode", "numbers", "periods", "regions", "articles", "located", "indicators",
            "extract"} <= found
    assert "themes" not in found and "store" not in found


def test_data_files_are_the_ones_extraction_reads():
    assert extraction_data() == ["events.toml", "lexicon.toml", "noise.toml", "region_words.toml"]
    themes_only = {"themes.toml", "stopwords.txt", "userdict.txt"}
    assert all(n in (PKG / "themes.py").read_text(encoding="utf-8") for n in themes_only)


def test_library_versions_match_importlib_metadata():
    got = version.library_versions(LIBRARIES)
    for lib in LIBRARIES:
        try:
            expected = importlib.metadata.version(lib)
        except importlib.metadata.PackageNotFoundError:
            expected = None
        assert got[lib] == expected


def test_library_version_counts_and_a_missing_library_is_tolerated(monkeypatch):
    before = extractor_version()
    assert extractor_version(libraries=(*LIBRARIES, "no-such-distribution-xyz")) != before
    real = version.library_versions
    monkeypatch.setattr(version, "library_versions",
                        lambda names: {**real(names), "cpca": "999.0"})
    assert extractor_version() != before


def test_windows_line_endings_give_the_same_version(pkg):
    before = extractor_version(pkg)
    for name in ("extract.py", "data/lexicon.toml"):
        path = pkg / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert extractor_version(pkg) == before
