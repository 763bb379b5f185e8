"""Every export is safe to open in a spreadsheet: text cells that would run as formulas are made
plain text (OWASP's advice on CSV injection), numbers stay numbers; a file is written whole or not at all."""
import csv
import errno
import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from pingan import export
from pingan.export import OutputError, csv_bytes, excel_bytes, neutralise, write_bytes, write_rows
from tests.conftest import ROOT

EVIL = ["=HYPERLINK(\"https://example.invalid\",\"点我\")", "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def table():
    return pd.DataFrame({"doc": EVIL + ["普通.txt"], "quote": ["全市安全感97%"] * 6 + ["=cmd|' /C calc'!A0"],
                         "value": [97.0, -3.5, 1.0, 2.0, 3.0, 4.0, 5.0],
                         "start": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="int64"),
                         "period_start": pd.array([2021, None, 2022, None, 2023, None, 2024], dtype="Int64")})


def test_text_cells_that_look_like_formulas_get_an_apostrophe_and_numbers_stay():
    out = neutralise(table())
    assert list(out["doc"]) == ["'" + v for v in EVIL] + ["普通.txt"]
    assert out["quote"].iloc[-1] == "'=cmd|' /C calc'!A0" and out["quote"].iloc[0] == "全市安全感97%"
    assert out["value"].tolist() == [97.0, -3.5, 1.0, 2.0, 3.0, 4.0, 5.0] and out["value"].dtype == "float64"
    assert out["period_start"].dtype == "Int64"


def test_the_csv_download_holds_no_formula_and_keeps_numbers():
    text = csv_bytes(table()).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 7 and rows[5]["doc"] == "'\n=1+1"                    # a lone CR cannot start a row
    assert all(not r["doc"].startswith(export.FORMULA_START) for r in rows)
    assert all(not r["quote"].startswith(export.FORMULA_START) for r in rows)
    assert rows[1]["value"] == "-3.5" and rows[0]["start"] == "1"


def test_the_excel_download_holds_no_formula_cell_and_keeps_numbers():
    wb = openpyxl.load_workbook(io.BytesIO(excel_bytes(table().assign(note=["a\x01b"] * 7))))
    ws = wb.active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    header = [c.value for c in ws[1]]
    values = [c.value for c in ws["C"][1:]]
    assert header[2] == "value" and values == [97.0, -3.5, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert all(c.data_type == "n" for c in ws["C"][1:])
    assert ws["A2"].value == "'" + EVIL[0] and ws["F2"].value == "ab"   # a control character is dropped


def test_a_failed_write_leaves_nothing_and_names_the_file(tmp_path, monkeypatch):
    with pytest.raises(OutputError, match="missing.*does not exist"):
        write_rows(table(), tmp_path / "missing" / "rows.csv")
    with pytest.raises(OutputError, match="is a folder"):
        write_rows(table(), tmp_path)
    target = tmp_path / "rows.csv"
    target.write_text("old", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(OutputError, match="rows.csv: cannot write: the disk is full; nothing was written"):
        write_bytes(target, b"new content")
    assert target.read_text(encoding="utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "pingan", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def test_cli_extract_and_export_neutralise_every_csv_and_xlsx(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "=HYPERLINK(1).txt").write_text("六安市2022年全市群众安全感达到97.5%。", encoding="utf-8")
    (folder / "@evil.txt").write_text("=1+1,宿州市全市群众安全感达到96%。\n-2+3,全市刑事案件2100件。", encoding="utf-8")
    res = run("extract", str(folder), "--jobs", "1")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["doc"] for r in rows} == {"'=HYPERLINK(1).txt", "'@evil.txt"}
    assert all(not r[k].startswith(export.FORMULA_START) for r in rows for k in r)
    out = tmp_path / "rows.xlsx"
    assert run("extract", str(folder), "--format", "xlsx", "-o", str(out)).returncode == 0
    ws = openpyxl.load_workbook(out).active
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    db = tmp_path / "s.db"
    assert run("add", str(folder), "--db", str(db)).returncode == 0
    for name in ("x.csv", "x.xlsx"):
        assert run("export", "--db", str(db), "-o", str(tmp_path / name)).returncode == 0
    exported = pd.read_csv(tmp_path / "x.csv")
    assert set(exported["doc"]) == {"'=HYPERLINK(1).txt", "'@evil.txt"} and exported["value"].dtype == "float64"
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize("target, why", [("missing/rows.csv", "does not exist"), (".", "is a folder")])
def test_cli_output_errors_are_one_line_and_leave_no_file(tmp_path, target, why):
    res = run("extract", "seeds/002_405db3441bf8970d.txt", "-o", str(tmp_path / target))
    assert res.returncode == 2 and why in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_the_dashboard_downloads_go_through_the_export_module():
    """A table the page offers for download is made by pingan.export (so it is neutralised), never by pandas directly."""
    source = (ROOT / "pingan" / "app.py").read_text(encoding="utf-8")
    assert ".to_csv(" not in source and ".to_excel(" not in source
    assert "export.csv_bytes(" in source and "export.excel_bytes(" in source
