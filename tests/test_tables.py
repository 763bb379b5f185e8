"""Tables pasted one cell per line (pingan.tables.flat_cells): which lines are cells, of which unit and year."""
import pytest

from pingan.normalise import normalize
from pingan.tables import flat_cells


def cells(text: str):
    norm = normalize(text)
    paras, pos = [], 0
    for line in norm.split("\n"):
        if line.strip():
            paras.append((pos, pos + len(line)))
        pos += len(line) + 1
    return [(norm[c.label[0]:c.label[1]], c.figure.value, c.figure.unit, c.year, norm[c.figure.start:c.figure.end])
            for c in flat_cells(norm, paras)]


CASES = [
    ("two years, two rows",
     "指标\n2020年\n2021年\n群众安全感（%）\n96.1\n97.2\n刑事案件立案数（起）\n1,204\n998\n",
     [("群众安全感", 96.1, "%", 2020, "96.1"), ("群众安全感", 97.2, "%", 2021, "97.2"),
      ("刑事案件立案数", 1204.0, "起", 2020, "1,204"), ("刑事案件立案数", 998.0, "起", 2021, "998")]),
    ("a magnitude in the unit",
     "2022年度\n2023年度\n涉案资产（亿元）\n1.5\n2\n",
     [("涉案资产", 150000000.0, "元", 2022, "1.5"), ("涉案资产", 200000000.0, "元", 2023, "2")]),
    ("the table ends where a row has too few numbers",
     "2020年\n2021年\n群众安全感（%）\n96.1\n97.2\n满意度（%）\n95.0\n注：数据来源于调查。\n",
     [("群众安全感", 96.1, "%", 2020, "96.1"), ("群众安全感", 97.2, "%", 2021, "97.2")]),
    ("one year is no header", "2021年\n群众安全感（%）\n97.2\n", []),
    ("the same year twice is no header", "2021年\n2021年\n群众安全感（%）\n97.2\n97.3\n", []),
    ("a label with no unit in brackets is no row", "2020年\n2021年\n群众安全感\n96.1\n97.2\n", []),
    ("a number with words is no cell", "2020年\n2021年\n群众安全感（%）\n96.1\n达97.2\n", []),
    ("bare years under a 指标 cell are a header",
     "指标\n2020\n2021\n群众安全感（%）\n96.1\n97.2\n",
     [("群众安全感", 96.1, "%", 2020, "96.1"), ("群众安全感", 97.2, "%", 2021, "97.2")]),
    ("numbers of a broken row are no new header",
     "指标\n2018年\n2019年\n群众安全感（%）\n95.1\n96.2\n调处矛盾纠纷数\n2016\n2017\n刑事案件立案数（起）\n3120\n2980\n",
     [("群众安全感", 95.1, "%", 2018, "95.1"), ("群众安全感", 96.2, "%", 2019, "96.2")]),
    ("years in a sentence are no header", "2020年至2021年，全市群众安全感分别为96.1%、97.2%。\n", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_flat_cells(text, expected):
    assert cells(text) == expected
