"""Region colours: one region, one colour, kept by the store from the moment the region is first
seen (adding documents, restarting, the dashboard and the deck never recolour it), and regions
shown together in different colours."""
import pandas as pd
import pytest

from pingan import colors
from pingan.files import iter_text_files, read_text_file
from pingan.store import Store
from tests.conftest import ROOT, SHARED

DEV = SHARED / "dev" / "docs"


def texts(*folders):
    return [(p.name, read_text_file(p)) for p in iter_text_files(list(folders))]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """A store of the seeds and the dev texts: its rows and kept colours."""
    if not DEV.exists():
        pytest.fail(f"{DEV} is missing: tests run with ../shared beside the checkout")
    path = tmp_path_factory.mktemp("c") / "both.db"
    with Store(path) as s:
        s.add_texts(texts(ROOT / "seeds", DEV))
        return path, s.rows(), s.region_colors()


def test_the_palette_holds_distinct_colours():
    assert len(colors.PALETTE) == len(set(colors.PALETTE)) == 40 and colors.UNKNOWN not in colors.PALETTE


def test_regions_shown_together_never_share_a_colour(both):
    """Seeds and dev texts stored together: no two regions of one level share a colour (the
    dashboard's default selection is of one level), nor two regions of one document, nor the
    regions the dashboard selects by default for any indicator."""
    from pingan.app import Data

    _, rows, kept = both
    named = rows[rows["region"] != ""]
    assert set(named["region"]) == set(kept)
    for level, sub in named.drop_duplicates("region").groupby("level"):
        shades = [kept[r] for r in sub["region"]]
        assert len(set(shades)) == len(shades), level
    for doc, sub in named.groupby("doc"):
        regions = sorted(set(sub["region"]))
        assert len({kept[r] for r in regions}) == len(regions), doc
    data = Data(rows, sorted(set(rows["doc"])))
    for key in sorted(data.present):
        chosen = data.defaults_for(key)
        assert len({kept[r] for r in chosen}) == len(chosen), key


def test_colours_stay_when_documents_are_added_and_the_store_is_reopened(tmp_path, both):
    _, _, kept = both
    path = tmp_path / "grow.db"
    with Store(path) as s:
        s.add_texts(texts(ROOT / "seeds"))
        first = s.region_colors()
    with Store(path) as s:                                   # a restart: the same colours
        assert s.region_colors() == first
        s.add_texts(texts(DEV))                              # dev texts added later
        s.add_text("阿坝.txt", "阿坝藏族羌族自治州召开会议。2022年,全州群众安全感达到99.1%。")
        after = s.region_colors()
        rows = s.rows()
    assert {r: after[r] for r in first} == first            # no region recoloured
    assert len(after) == len(kept) + 1
    shown = rows[rows["region"] != ""].drop_duplicates("region")
    assert dict(zip(shown["region"], shown["color"])) == after   # the rows carry the kept colour
    assert rows.loc[rows["region"] == "", "color"].eq(colors.UNKNOWN).all()


def test_a_region_named_by_a_correction_gets_a_colour_of_its_own(tmp_path):
    with Store(tmp_path / "c.db") as s:
        s.add_text("a.txt", "池州市召开会议。2022年全市群众安全感为98.1%。")
        rid = int(s.rows().row_id.iloc[0])
        s.correct(rid, "edit", "张三", {"region": "宿州市", "level": "prefecture"})
        s.add_missing("a.txt", 0, 2, "safety_sense", 97.0, "李四", region="淮北市", level="prefecture")
        kept = s.region_colors()
        rows = s.rows()
    assert list(kept) == ["池州市", "宿州市", "淮北市"] and len(set(kept.values())) == 3
    assert dict(zip(rows["region"], rows["color"])) == {"宿州市": kept["宿州市"], "淮北市": kept["淮北市"]}


def test_a_table_without_a_store_gets_colours_by_the_same_rule():
    """extract_text's rows have no kept colours: they are given in the order regions first appear,
    as a new store would give them, so a chart or deck of them is still distinct per region."""
    rows = pd.DataFrame({"region": ["六安市", "宿州市", "六安市", "", "淮北市"], "level": "prefecture",
                         "doc": ["a", "a", "b", "b", "b"]})
    assert colors.of(rows) == {"六安市": colors.PALETTE[0], "宿州市": colors.PALETTE[1], "淮北市": colors.PALETTE[2]}
    # a kept table wins, and new regions avoid the colours of the regions they appear with
    got = colors.table(rows, {"六安市": colors.PALETTE[1]})
    assert got["六安市"] == colors.PALETTE[1] and got["宿州市"] == colors.PALETTE[0]
    assert got["淮北市"] == colors.PALETTE[2]


def test_the_least_used_colour_goes_first_within_a_level_and_a_document():
    known = {f"r{i}": (i, "prefecture") for i in range(40)}      # every colour used once by a prefecture
    known["c0"] = (5, "county")
    new = colors.assign(known, [("x", "county", "d"), ("r3", "prefecture", "d"), ("y", "prefecture", "e")])
    assert new["x"] == 0              # not 3 (a region of its document has it), not 5 (a county has it)
    assert new["y"] == 1              # all used once by prefectures; 0 is now used twice: the next least used
