import csv
import io
import json
import subprocess
import sys

from tests.conftest import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "pingan", *args], capture_output=True, text=True, cwd=ROOT)


def test_csv_to_stdout():
    res = run("extract", "seeds/002_405db3441bf8970d.txt")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {"doc", "region", "indicator", "value", "quote", "start", "end"} <= set(rows[0])
    assert any(r["indicator"] == "satisfaction_pingan" and float(r["value"]) == 98.66 and r["region"] == "安康市"
               for r in rows)


def test_directory_jsonl_to_file(tmp_path):
    out = tmp_path / "rows.jsonl"
    res = run("extract", "seeds", "--format", "jsonl", "-o", str(out))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in rows} == {p.name for p in (ROOT / "seeds").glob("*.txt")}


def test_parquet(tmp_path):
    import pandas as pd

    out = tmp_path / "rows.parquet"
    assert run("extract", "seeds", "--format", "parquet", "-o", str(out)).returncode == 0
    assert len(pd.read_parquet(out)) > 50


def test_bad_file_is_named(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x00\x00binary")
    res = run("extract", str(bad))
    assert res.returncode == 2 and "broken.txt" in res.stderr and "Traceback" not in res.stderr


def test_missing_file():
    res = run("extract", "no/such/file.txt")
    assert res.returncode == 2 and "no/such/file.txt" in res.stderr


def test_a_bad_file_among_several_on_two_cores_is_named_and_the_others_come_out(tmp_path):
    for i in range(8):
        (tmp_path / f"ok{i}.txt").write_text(f"六安市2022年全市群众安全感达到9{i}.5%。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    res = run("extract", str(tmp_path), "--jobs", "2")
    assert res.returncode == 2, res.stderr
    assert "empty.txt" in res.stderr and "Traceback" not in res.stderr and "BrokenProcessPool" not in res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert sorted(r["doc"] for r in rows) == [f"ok{i}.txt" for i in range(8)]


def test_export_from_a_missing_database_is_refused_and_creates_nothing(tmp_path):
    res = run("export", "--db", str(tmp_path / "typo.db"), "-o", str(tmp_path / "rows.csv"))
    assert res.returncode == 2 and "typo.db: no such database" in res.stderr and "Traceback" not in res.stderr
    assert list(tmp_path.iterdir()) == []
