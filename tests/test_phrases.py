"""Table-driven phrase test, in the style of scrapinghub's price-parser.

Every case in ``tests/phrases.toml`` is a short press text (a headline naming the place, usually a
byline with the publication date, then one or a few sentences) and the exact set of rows the
extractor should give for it, under ../shared/INDICATORS.md. Rows are compared as a set of
(indicator, round(value, 4), region, period), leaving out ``fraud_trend`` rows (they carry no
value). Exact equality: a trap case expects no rows, so an extra row fails it.

A case with ``known_failure = true`` fails with the extractor as it stands; it is marked
``xfail(strict=True)``, so a fix shows up as XPASS and the flag must then be removed.

    pytest tests/test_phrases.py -q                       # all cases
    pytest tests/test_phrases.py -q -k parallel_lists     # one construction
    python tests/test_phrases.py                          # pass/fail count per group, failing ids
"""
from __future__ import annotations

import math
import pathlib
import sys
import tomllib
from collections import Counter

import pytest

DATA = pathlib.Path(__file__).with_name("phrases.toml")
IGNORED = {"fraud_trend"}

GROUPS = ["parallel_lists", "series_over_years", "chains_across_levels", "subject_after_figure",
          "subscores_under_heading", "from_to", "wording", "regions", "periods", "traps", "baseline"]

KEYS = {
    # survey
    "safety_sense", "satisfaction_pingan", "satisfaction_law_enforcement", "satisfaction_public_order",
    "satisfaction_anti_gang", "satisfaction_rule_of_law", "satisfaction_other", "awareness_pingan",
    "participation_pingan",
    # anti-gang
    "gang_mafia_orgs", "gang_evil_groups", "gang_evil_gangs", "gang_evil_total", "gang_all_total",
    "gang_suspects", "gang_cases", "gang_assets", "gang_umbrella_cases",
    # fraud
    "fraud_cases", "fraud_cases_yoy", "fraud_solved", "fraud_dissuaded", "fraud_recovered",
    "elder_fraud_gangs", "elder_fraud_suspects", "elder_fraud_cases",
    # crime and disputes
    "criminal_cases", "criminal_cases_change", "disputes_handled", "dispute_resolution_rate",
    # capacity
    "grid_cells", "grid_workers", "mediation_orgs", "volunteers",
}

Row = tuple  # (indicator, value, region, period)


def load_cases(path: pathlib.Path = DATA) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["case"]


CASES = load_cases()


def case_id(case: dict) -> str:
    return f"{case['group']}-{case['id']}"


def expected_rows(case: dict) -> Counter:
    """The rows a case expects, as a multiset: a row listed twice is expected twice."""
    return Counter((ind, round(float(value), 4), region, str(period)) for ind, value, region, period in case["rows"])


def _text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and _isna(v)) else str(v)


def _isna(v) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def actual_rows(df) -> Counter:
    """The rows extracted, as a multiset: a figure given twice is two rows (and fails a case that expects one)."""
    out = Counter()
    for r in df.itertuples():
        if r.indicator in IGNORED:
            continue
        value = None if _isna(r.value) else round(float(r.value), 4)
        out[(_text(r.indicator), value, _text(r.region), _text(r.period))] += 1
    return out


def run_case(case: dict) -> Counter:
    from pingan import extract_text

    return actual_rows(extract_text(case["text"], doc="t.txt"))


def _fmt(rows) -> str:
    if not rows:
        return "    (none)"
    return "\n".join(f"    {ind:<30} {value!s:>14}  {region or '-':<14} {period or '-'}"
                     for ind, value, region, period in sorted(rows.elements(), key=lambda r: tuple(map(str, r))))


def describe(case: dict, expected: Counter, actual: Counter) -> str:
    """The assert message for a failing case: the text, then expected vs actual rows."""
    lines = [f"{case_id(case)}" + (f"  ({case['note']})" if case.get("note") else ""),
             "text:", "    " + case["text"].strip().replace("\n", "\n    "),
             "expected:", _fmt(expected), "actual:", _fmt(actual)]
    missing, extra = expected - actual, actual - expected
    if missing:
        lines += ["missing:", _fmt(missing)]
    if extra:
        lines += ["extra:", _fmt(extra)]
    return "\n".join(lines)


def _params():
    for case in CASES:
        marks = []
        flag = case.get("known_failure")
        if flag:
            marks.append(pytest.mark.xfail(strict=True, reason="known failure of the current extractor"))
        yield pytest.param(case, id=case_id(case), marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_phrase(case):
    expected, actual = expected_rows(case), run_case(case)
    assert actual == expected, describe(case, expected, actual)


def test_cases_are_well_formed():
    """The data file itself: unique ids, known groups and keys, rows of four fields."""
    ids = Counter(case_id(c) for c in CASES)
    assert not [i for i, n in ids.items() if n > 1], "duplicate ids"
    for c in CASES:
        assert set(c) <= {"id", "group", "text", "rows", "note", "known_failure"}, c["id"]
        assert c["group"] in GROUPS, c["id"]
        assert c["text"].strip(), c["id"]
        assert c.get("known_failure", False) in (True, False), c["id"]
        for row in c["rows"]:
            assert len(row) == 4, (c["id"], row)
            ind, value, region, period = row
            assert ind in KEYS, (c["id"], ind)
            assert isinstance(value, (int, float)) and not math.isnan(value), (c["id"], row)
            assert isinstance(region, str) and isinstance(period, str), (c["id"], row)


def summary() -> int:
    """Pass/fail per group against the current extractor (ignores known_failure)."""
    per_group: dict[str, Counter] = {g: Counter() for g in GROUPS}
    failing = []
    for case in CASES:
        expected = expected_rows(case)
        try:
            ok = run_case(case) == expected
        except Exception:  # noqa: BLE001 - a crash is a failure here
            ok = False
        per_group[case["group"]]["pass" if ok else "fail"] += 1
        if not ok:
            failing.append(case_id(case))
    total = Counter()
    for g, c in per_group.items():
        total.update(c)
        print(f"{g:<26} {c['pass']:>4} pass {c['fail']:>4} fail")
    print(f"{'total':<26} {total['pass']:>4} pass {total['fail']:>4} fail")
    if "-v" in sys.argv:
        print("\n".join(failing))
    return 0


if __name__ == "__main__":
    sys.exit(summary())
