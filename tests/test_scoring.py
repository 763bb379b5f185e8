"""The development-set floors of issue #2, measured exactly as the evaluation does."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

SCORE = SHARED / "eval" / "score.py"
GOLD = SHARED / "gold" / "seeds.jsonl"


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    if not SCORE.exists():
        pytest.fail(f"{SCORE} is missing: CI runs with ../shared beside the checkout")
    out = tmp_path_factory.mktemp("score") / "seeds.csv"
    subprocess.run([sys.executable, "-m", "pingan", "extract", str(ROOT / "seeds"), "-o", str(out)],
                   check=True, cwd=ROOT)
    res = subprocess.run([sys.executable, str(SCORE), str(GOLD), "--pred", str(out), "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def test_overall_strict_f1(summary):
    assert summary["all"]["strict"]["f1"] >= 0.90


@pytest.mark.parametrize("family", ["survey", "gang", "fraud", "crime"])
def test_family_strict_f1(summary, family):
    assert summary[family]["strict"]["f1"] >= 0.85


def test_region_accuracy(summary):
    assert summary["region_accuracy_on_value_matches"] >= 0.95
