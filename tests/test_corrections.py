"""The corrections layer is pure: rows, corrections and texts in, corrected rows out."""
import json

import pandas as pd
import pytest

from pingan.corrections import added_row, apply, find_all, locate, region_level, resolve_region
from pingan.extract import COLUMNS, extract_rows, rows_to_frame
from pingan.normalise import normalize
from pingan.rows import make_row

TEXT = normalize("池州市召开发布会。2022年度,全市群众安全感为96.9%,全市共立刑事案件1870件。")


def frame():
    df = rows_to_frame(extract_rows(TEXT, "a.txt"))
    df["row_id"] = pd.array(range(1, len(df) + 1), dtype="Int64")
    df["corrected"], df["correction"] = False, ""
    return df


def corr(*rows):
    cols = ["correction_id", "doc", "value_start", "value_end", "indicator", "snippet", "action", "fields"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_edit_reject_confirm_and_add_are_applied():
    df = frame()
    safety = df[df.indicator == "safety_sense"].iloc[0]
    crime = df[df.indicator == "criminal_cases"].iloc[0]
    s, e = int(safety.value_start), int(safety.value_end)
    new = added_row(TEXT, s, e, "satisfaction_pingan", 97.5, region="池州市", level="prefecture")
    out = apply(df, corr(
        (1, "a.txt", s, e, "safety_sense", TEXT[s:e], "edit", json.dumps({"value": 98.0, "quote": "ignored"})),
        (2, "a.txt", int(crime.value_start), int(crime.value_end), "criminal_cases",
         TEXT[int(crime.value_start):int(crime.value_end)], "reject", "{}"),
        (3, "a.txt", s, e, "satisfaction_pingan", TEXT[s:e], "add", json.dumps(new)),
    ), {"a.txt": TEXT})
    assert out.loc[out.indicator == "safety_sense", ["value", "corrected", "correction"]].values.tolist() == [
        [98.0, True, "edit #1"]]
    assert "criminal_cases" not in set(out.indicator)
    last = out.iloc[-1]
    assert last.indicator == "satisfaction_pingan" and last.correction == "add #3" and pd.isna(last.row_id)
    assert last.quote == "全市群众安全感为96.9%" and last.family == "survey"
    assert apply(df, corr(), {}) is df                                     # nothing to apply: the same frame


def test_a_shifted_figure_is_found_by_its_snippet():
    assert locate("前言。全市安全感97.5%", 5, 10, "97.5%") == (8, 13)
    assert locate("97.5%,又是97.5%", 8, 13, "97.5%") == (8, 13)            # unchanged: its own span
    assert locate("97.5%,后来97.5%", 9, 14, "97.5%") == (8, 13)            # the nearest occurrence
    assert locate("97.5%,后来97.5%", 1, 6, "97.5%") == (0, 5)
    assert locate("全市", 0, 2, "97.5%") is None and locate("全市", 0, 1, "") is None
    assert find_all("aaaa", "aa") == [0, 1, 2] and find_all("aaaa", "aa", limit=2) == [0, 1]
    assert find_all("abc", "") == []


def test_an_edited_region_is_resolved_to_its_division_and_level():
    assert resolve_region("六安市") == ("六安市", "prefecture")
    assert resolve_region(" 不存在的地方 ") == ("不存在的地方", "")
    assert region_level("安徽省") == "province" and region_level("") == ""


def test_added_rows_have_the_row_columns_and_a_span_inside_the_text():
    row = added_row(TEXT, 0, 3, "safety_sense", 1)
    assert set(row) == set(COLUMNS) - {"doc", "family"} and row["attribution"] == "analyst"
    with pytest.raises(ValueError, match="outside"):
        added_row(TEXT, 5, len(TEXT) + 1, "safety_sense", 1)


def test_the_row_builder_gives_every_column_in_order_and_refuses_others():
    assert list(make_row()) == COLUMNS
    assert make_row(value=1.5, region="六安市")["value"] == 1.5
    with pytest.raises(TypeError, match="valeu"):
        make_row(valeu=1.5)
