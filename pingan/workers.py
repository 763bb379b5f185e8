"""Worker processes for batch extraction (``--jobs N``).

On a POSIX system, from a process with no other threads, the workers are forked from
this one after it has built the lexicon, the gazetteer and the t2s automata once: they
start in milliseconds with everything loaded. Otherwise (Windows, macOS defaults, or a
threaded host such as the Streamlit server, where forking is unsafe) they are spawned
and each loads what it needs on first use.
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import threading

# Traditional characters, a gloss, a Chinese numeral, a named division and a figure:
# extracting it builds every table extraction uses.
_WARM_TEXT = "六安市2022年全市群眾安全感達百分之九十八點五,建設(shè)平安,破獲電詐案件一百二十起。"


def warm() -> None:
    """Build the lazily loaded tables extraction needs, in this process."""
    from .extract import extract_rows
    from .normalise import normalize

    extract_rows(normalize(_WARM_TEXT), "warm")


def start_method() -> str:
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def pool(jobs: int) -> cf.ProcessPoolExecutor:
    method = start_method()
    if method == "fork":
        warm()
    return cf.ProcessPoolExecutor(jobs, mp_context=mp.get_context(method))
