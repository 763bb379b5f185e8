"""Data flows one way: no module imports one above it (lazy imports inside functions count too)."""
import ast
import pathlib

import pytest

from tests.conftest import ROOT

PKG = ROOT / "pingan"
FRONT = {"app", "cli", "bench", "__main__"}      # the programs; everything else is the library
# the extraction core: text -> rows; it knows nothing of files, the store, exports or charts
CORE = {"normalise", "numbers", "regions", "periods", "articles", "clauses", "indicators", "located", "extract",
        "version"}
ABOVE_CORE = {"reading", "pipeline", "files", "store", "snapshot", "corrections", "export", "charts", "slides",
              "themes", "app", "cli", "bench"}
# Known upward imports, each to be removed: decode.bytes_to_text hands over to formats, which imports decode.
KNOWN_UPWARD = {("decode", "formats")}


def imports(path: pathlib.Path) -> tuple[set[str], set[str]]:
    """(pingan modules, top-level outside packages) that a module imports, anywhere in it."""
    ours, theirs = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                ours.update([node.module.split(".")[0]] if node.module else [a.name for a in node.names])
            elif node.level == 0 and node.module:
                top = node.module.split(".")
                (ours.add(top[1]) if top[0] == "pingan" and len(top) > 1 else theirs.add(top[0]))
        elif isinstance(node, ast.Import):
            for a in node.names:
                top = a.name.split(".")
                (ours.add(top[1]) if top[0] == "pingan" and len(top) > 1 else theirs.add(top[0]))
    return ours, theirs


GRAPH = {p.stem: imports(p) for p in PKG.glob("*.py")}


def edges():
    return {(m, d) for m, (ours, _) in GRAPH.items() for d in ours if d in GRAPH and d != m}


@pytest.mark.parametrize("module", sorted(set(GRAPH) - FRONT - {"__init__"}))
def test_the_library_never_imports_the_programs_or_streamlit(module):
    ours, theirs = GRAPH[module]
    assert not (ours & FRONT), f"{module} imports {ours & FRONT}"
    assert "streamlit" not in theirs


def test_the_store_knows_nothing_of_the_dashboard_or_its_charts():
    assert not ({"app", "charts", "slides"} & GRAPH["store"][0])


@pytest.mark.parametrize("module", sorted(CORE))
def test_the_extraction_core_knows_nothing_of_files_stores_or_charts(module):
    assert not (GRAPH[module][0] & ABOVE_CORE), f"{module} imports {GRAPH[module][0] & ABOVE_CORE}"


def test_no_module_imports_upward():
    """The import graph has no cycle (apart from the known ones): there is an order of the
    modules in which each imports only those before it."""
    graph: dict[str, set] = {}
    for a, b in edges() - KNOWN_UPWARD:
        graph.setdefault(a, set()).add(b)
    order, state = [], {}

    def visit(m, path):
        if state.get(m) == "done":
            return
        assert state.get(m) != "open", "import cycle: " + " -> ".join(path + [m])
        state[m] = "open"
        for d in sorted(graph.get(m, ())):
            visit(d, path + [m])
        state[m] = "done"
        order.append(m)

    for m in sorted(GRAPH):
        visit(m, [])
    assert order.index("extract") < order.index("pipeline") < order.index("files") < order.index("store")


def test_the_known_upward_imports_are_still_there():
    """When one is removed, it must leave KNOWN_UPWARD too (so the list never hides a new one)."""
    assert KNOWN_UPWARD <= edges()


def test_an_upward_import_is_caught(tmp_path):
    GRAPH["normalise"][0].add("store")
    try:
        with pytest.raises(AssertionError, match="import cycle"):
            test_no_module_imports_upward()
        with pytest.raises(AssertionError):
            test_the_extraction_core_knows_nothing_of_files_stores_or_charts("normalise")
    finally:
        GRAPH["normalise"][0].discard("store")
