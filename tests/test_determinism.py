"""Extraction output is a function of the text alone: not of the hash seed, nor of the number of worker processes.

Ties between equally supported provinces or levels once broke by a set's iteration order, which depends on
PYTHONHASHSEED, so `--jobs 1` and `--jobs 2` (fresh processes) could write different regions for the same text.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pingan.decode import bytes_to_text

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "docs"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    texts = [bytes_to_text(p.read_bytes(), p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if DEV.is_dir():
        texts += [bytes_to_text(p.read_bytes(), p.name) for p in sorted(DEV.glob("*.txt"))]
    # a district of a municipality: province and prefecture are one name, and the level once tied
    for city, district in [("天津市", "滨海新区"), ("上海市", "浦东新区"), ("重庆市", "渝北区"), ("北京市", "朝阳区")]:
        texts.append(f"{city}{district}平安建设情况通报\n发布时间：2023-01-10\n"
                     f"2022年，全区群众安全感为97.6%，全市为97.1%。")
    for i, t in enumerate(texts):
        (d / f"{i:03d}.txt").write_text(t, encoding="utf-8")
    # glued compilations: many articles of many provinces in one file, where ties between provinces happen
    for k in range(3):
        (d / f"glued{k}.txt").write_text("\n\n".join(texts[k::3]), encoding="utf-8")
    return d


def _run(corpus, seed, jobs):
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    out = subprocess.run([sys.executable, "-m", "pingan", "extract", str(corpus), "--format", "jsonl",
                          "--jobs", str(jobs)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_rows_equal_under_hash_seeds_and_job_counts(corpus):
    base = _run(corpus, 0, 1)
    assert base.count("\n") > 300  # the corpus gives rows at all
    for seed, jobs in [(1, 1), (7, 2), (12345, 2), (99, 1)]:
        other = _run(corpus, seed, jobs)
        assert other == base, f"rows differ under PYTHONHASHSEED={seed} --jobs {jobs}"
