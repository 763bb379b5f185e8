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
import os
import threading


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def start_method() -> str:
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def pool(jobs: int, warm=None) -> cf.ProcessPoolExecutor:
    """``jobs`` worker processes; ``warm()`` runs here first when they are forked, so they inherit what it built."""
    method = start_method()
    if method == "fork" and warm is not None:
        warm()
    return cf.ProcessPoolExecutor(jobs, mp_context=mp.get_context(method))
