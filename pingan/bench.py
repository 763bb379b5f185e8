"""``python -m pingan bench``: how fast the library and the dashboard are, and how cost grows.

Everything is measured in one run, side by side, because the machines are noisy:
extraction is always reported beside ``jieba.lcut`` (precise mode) on the same
text, as a ratio (each repetition runs both back to back; the ratio reported is
the median of the repetitions' ratios), and each time is the median of several
repetitions.

* **Scaling**: synthetic corpora of 1x, 10x, 100x, 1000x the seeds. Each copy of
  a seed has its divisions rotated through the gazetteer (六安市 becomes another
  prefecture, consistently within the copy), so the region work is real and no
  two copies are the same text. Each size runs in a fresh process that reports
  wall time, chars/s, rows/s and peak memory (max RSS).
* **Start-up**: a fresh interpreter imports pingan and extracts one seed.
* **Cores**: ``extract_files(dir, jobs=N)`` against one job, alternately, on the 100x
  corpus written as files.
* **Store**: ``Store.add_files`` into a new store against ``extract_files`` on the same
  files (same jobs), alternately; and the cost per document of adding 20 documents one
  at a time to a store of 5,000 documents (with a current rows snapshot) against adding
  them to an empty store. The large store is made by copying the seed documents and
  their rows in SQL (1,000 copies of each), which is what its size is about; the
  integrity check a process runs before its first write is reported on its own.
* **Documents**: the seeds as Word, web page and (where LibreOffice converts the
  Word file) PDF documents; reading each (python-docx, trafilatura, pypdf) against
  extracting the text it gives, and the first read of each kind in a fresh process
  (its library's import).
* **Dashboard**: a store holding the ``--app-size`` corpus; the app script run by
  streamlit's AppTest on first load and after a sidebar change, and the peak
  memory of that process; then the same store in a real headless Chromium
  (``browserbench``): navigation to the first comparison chart drawn, cold and
  warm, and a sidebar change to the chart redrawn.

A table is printed with the targets beside the figures, and the whole result is
written as JSON.
"""
from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape as _escape

TARGETS = {
    "jieba_ratio": ("extraction / jieba.lcut speed (median)", ">= 4x"),
    "startup_s": ("import + first extraction", "< 1.5 s"),
    "jobs_speedup": ("--jobs N speed-up over 1 job", ">= 0.7 x N"),
    "app_first_s": ("app first load", "< 3 s"),
    "app_rerun_s": ("app rerun after a sidebar change", "< 0.3 s"),
    "browser_cold_s": ("browser: first chart drawn, cold server", "< 4 s"),
    "browser_warm_s": ("browser: first chart drawn, warm", "< 2.5 s"),
    "browser_sidebar_s": ("browser: sidebar change to chart drawn", "< 0.3 s"),
    "add_ratio": ("store add / extract, same files", "<= 1.3x"),
    "growth_ratio": ("add per doc, 5,000-doc store / empty", "<= 1.5x"),
    "linear": ("seconds per char, 1000x vs 1x", "~1 (no quadratic step)"),
    "long_line_ratio": ("one long line / ordinary sentences", "<= 2x"),
}
_REPS_AT = {1: 1.0, 10: 0.6, 100: 0.4, 1000: 0.2}  # fewer repetitions on big corpora


# ------------------------------------------------------------------ corpus
def seed_texts() -> list[tuple[str, str]]:
    from .files import SEEDS_DIR, iter_text_files, read_text_file

    return [(p.name, read_text_file(p)) for p in iter_text_files([SEEDS_DIR])]


def _same_level(level: str) -> list:
    from .regions import gazetteer

    return sorted((r for r in gazetteer().by_code.values() if r.level == level), key=lambda r: r.code)


def rotate(text: str, copy: int) -> str:
    """The text with every named division replaced by another of the same level (copy 0: as is)."""
    from .articles import pick
    from .regions import gazetteer

    if copy == 0:
        return text
    pools = {lv: _same_level(lv) for lv in ("province", "prefecture", "county")}
    index = {lv: {r.code: i for i, r in enumerate(p)} for lv, p in pools.items()}
    out, pos, mapping = [], 0, {}
    for s, e, form, cands in gazetteer().find(text):
        r = pick(cands)
        if r.level not in pools:
            continue
        if r.code not in mapping:
            pool = pools[r.level]
            mapping[r.code] = pool[(index[r.level][r.code] + copy * 7919) % len(pool)]
        out += [text[pos:s], mapping[r.code].name]
        pos = e
    out.append(text[pos:])
    return "".join(out) + f"\n(合成语料副本 {copy})"


def corpus(size: int) -> list[tuple[str, str]]:
    """``size`` rotated copies of every seed: [(name, text)]."""
    seeds = seed_texts()
    return [(f"c{i:04d}_{name}", rotate(text, i)) for i in range(size) for name, text in seeds]


def write_corpus(size: int, folder: str) -> int:
    n = 0
    for name, text in corpus(size):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        n += len(text)
    return n


# ------------------------------------------------------------------ measurements (each in a fresh process)
def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _extract_size(size: int, reps: int) -> dict:
    import logging

    import jieba

    from .pipeline import extract_many

    docs = corpus(size)
    chars = sum(len(t) for _, t in docs)
    rss_corpus = _maxrss_mib()
    texts, names = [t for _, t in docs], [n for n, _ in docs]

    def extract():
        return sum(len(d.rows) for d in extract_many(texts, names, jobs=1))

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    extract_many(texts[:25], names[:25])  # warm: gazetteer, lexicon, automata, cn2an
    ex, jb, rows = [], [], 0
    for _ in range(reps):
        t0 = time.perf_counter()
        rows = extract()
        t1 = time.perf_counter()
        for _, text in docs:
            jieba.lcut(text)
        t2 = time.perf_counter()
        ex.append(t1 - t0)
        jb.append(t2 - t1)
    e, j = statistics.median(ex), statistics.median(jb)
    paired = [b / a for a, b in zip(ex, jb)]  # each repetition's extraction and jieba ran back to back
    return {"size": size, "docs": len(docs), "chars": chars, "rows": rows, "reps": reps,
            "extract_s": e, "jieba_s": j, "chars_per_s": chars / e, "rows_per_s": rows / e,
            "jieba_chars_per_s": chars / j, "jieba_ratio": statistics.median(paired),
            "ratios_each_rep": [round(x, 3) for x in paired],
            "peak_rss_mib": _maxrss_mib(), "corpus_rss_mib": rss_corpus}


def _jobs(folder: str, jobs: int, reps: int) -> dict:
    """extract_files on folder with 1 job and with ``jobs``, alternately, reps times."""
    from .files import extract_files

    one, many, rows = [], [], set()
    for _ in range(reps):
        for n, times in ((1, one), (jobs, many)):
            t0 = time.perf_counter()
            rows.add(len(extract_files([folder], jobs=n)))
            times.append(time.perf_counter() - t0)
    return {"jobs": jobs, "one_s": statistics.median(one), "many_s": statistics.median(many),
            "speedup": statistics.median(a / b for a, b in zip(one, many)),
            "speedups_each_rep": [round(a / b, 3) for a, b in zip(one, many)], "same_rows": len(rows) == 1}


def _add_vs_extract(folder: str, jobs: int, reps: int) -> dict:
    """Store.add_files into a new store and extract_files on the same files, alternately."""
    import shutil

    from .files import extract_files
    from .store import Store

    extract_files([folder], jobs=1)  # warm
    ex, ad = [], []
    tmp = tempfile.mkdtemp()
    try:
        for k in range(reps):
            t0 = time.perf_counter()
            rows = len(extract_files([folder], jobs=jobs))
            ex.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with Store(os.path.join(tmp, f"a{k}.db")) as s:
                added = sum(r.new for r in s.add_files([folder], jobs=jobs))
            ad.append(time.perf_counter() - t0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"jobs": jobs, "docs": added, "rows": rows, "extract_s": statistics.median(ex),
            "add_s": statistics.median(ad), "ratio": statistics.median(a / e for a, e in zip(ad, ex)),
            "ratios_each_rep": [round(a / e, 3) for a, e in zip(ad, ex)]}


def grow_store(db: str, copies: int) -> dict:
    """A store of ``copies`` x the seed documents: the seeds extracted once, then their documents and
    rows copied in SQL under new names and hashes (the size is what matters, not the text)."""
    from .store import Store

    with Store(db) as s:
        s.add_texts(seed_texts(), jobs=1)
        with s._write() as c:
            for k in range(1, copies):
                c.execute("INSERT INTO documents (hash, name, raw, text, norm, added_at, extractor_version, title, "
                          "publisher, date, url) SELECT hash || ?, 'g' || ? || '_' || name, raw, text, norm, "
                          "added_at, extractor_version, title, publisher, date, url FROM documents WHERE id <= ? ORDER BY id",
                          (f"-{k}", f"{k:04d}", len(seed_texts())))
                c.execute("INSERT INTO rows (doc_id, data, value_start, value_end, indicator) "
                          "SELECT r.doc_id + ?, r.data, r.value_start, r.value_end, r.indicator FROM rows r "
                          "WHERE r.doc_id <= ?", (k * len(seed_texts()), len(seed_texts())))
        docs, rows = len(s.names()), len(s.rows())  # and the snapshot of it
    return {"docs": docs, "rows": rows}


def _add_growth(copies: int, n_new: int) -> dict:
    """Per-document time of adding n_new documents one at a time to an empty store and to a big one."""
    from . import store as store_module
    from .store import Store

    new = corpus(1 + -(-n_new // len(seed_texts())))[len(seed_texts()):][:n_new]
    tmp = tempfile.mkdtemp()
    out = {"new_docs": len(new)}
    try:
        big = os.path.join(tmp, "big.db")
        t0 = time.perf_counter()
        out["store"] = grow_store(big, copies)
        out["store"]["build_s"] = time.perf_counter() - t0
        for label, path in (("empty", os.path.join(tmp, "empty.db")), ("big", big)):
            with Store(path) as s:
                store_module._CHECKED.discard(str(s.path.resolve()))   # as in a new process
                t0 = time.perf_counter()
                s._integrity_check()  # once per process, before its first write
                out[label + "_check_s"] = time.perf_counter() - t0
                each = []
                for name, text in new:
                    t0 = time.perf_counter()
                    s.add_text(name, text)
                    each.append(time.perf_counter() - t0)
                out[label + "_per_doc_s"] = statistics.mean(each)
                out[label + "_median_s"] = statistics.median(each)
                out[label + "_snapshot_current"] = s._snapshot().covers(s.rows_stamp())
        out["ratio"] = out["big_per_doc_s"] / out["empty_per_doc_s"]
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _build_store(db: str, size: int) -> dict:
    from .store import Store

    t0 = time.perf_counter()
    with Store(db) as store:
        store.ensure_seeds()
        store.add_texts(corpus(size), jobs=None)
        docs = len(store.documents())
        rows = len(store.raw_rows())
    return {"docs": docs, "rows": rows, "build_s": time.perf_counter() - t0}


def _app(db: str, reps: int) -> dict:
    os.environ["PINGAN_DB"] = db
    import plotly.graph_objects  # noqa: F401  (a server has these loaded before the first page)
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # no "bare mode" warnings in the printed report

    import pingan.app  # noqa: F401

    from .files import SEEDS_DIR

    script = str(SEEDS_DIR.parent / "dashboard.py")
    at = AppTest.from_file(script, default_timeout=600)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"app failed: {at.exception[0].message}")
    ms = at.sidebar.multiselect[0]
    full = list(ms.value)
    # a new selection each time (the first screen is kept per selection: a repeated one costs nothing)
    n = len(full)
    reruns, region_sets = [], [(full[i % n:] + full[:i % n])[:-1] or full for i in range(1, reps * 2 + 1)]
    for i in range(reps * 2):
        at.sidebar.multiselect[0].set_value(region_sets[i])
        t0 = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - t0)
    ind = at.sidebar.selectbox(key="sel_indicator")
    opts = list(ind.options)
    t0 = time.perf_counter()
    ind.set_value(opts[-1] if len(opts) > 1 else opts[0]).run()
    indicator_change = time.perf_counter() - t0
    return {"first_load_s": first, "rerun_s": statistics.median(reruns), "reruns": [round(x, 3) for x in reruns],
            "indicator_change_s": indicator_change, "regions": len(full), "peak_rss_mib": _maxrss_mib()}


def _documents(reps: int) -> dict:
    """Reading the seeds as .docx, .html and .pdf: median seconds per document, beside extraction."""
    import io
    import shutil

    import docx

    from .extract import extract_rows
    from .formats import read_document
    from .normalise import normalize

    texts = seed_texts()
    files: dict[str, list[tuple[str, bytes]]] = {"docx": [], "html": [], "pdf": []}
    for name, text in texts:
        d = docx.Document()
        for para in text.split("\n"):
            d.add_paragraph(para)
        buf = io.BytesIO()
        d.save(buf)
        files["docx"].append((name + ".docx", buf.getvalue()))
        body = "".join(f"<p>{_escape(p)}</p>" for p in text.split("\n"))
        page = (f"<html><head><title>{_escape(text.split(chr(10))[0][:40])}</title></head><body><nav>首页 &gt; "
                f"新闻</nav><article>{body}</article><footer>版权所有</footer></body></html>")
        files["html"].append((name + ".html", page.encode("utf-8")))
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        with tempfile.TemporaryDirectory() as tmp:
            for name, data in files["docx"]:
                with open(os.path.join(tmp, name), "wb") as fh:
                    fh.write(data)
            subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pdf", "--outdir", tmp, *[os.path.join(tmp, n) for n, _ in files["docx"]]],
                           capture_output=True, timeout=300, check=False)
            for name, _ in files["docx"]:
                pdf = os.path.join(tmp, name.rsplit(".", 1)[0] + ".pdf")
                if os.path.exists(pdf):
                    with open(pdf, "rb") as fh:
                        files["pdf"].append((name[:-5] + ".pdf", fh.read()))
    out: dict = {"docs": len(texts)}
    for kind, docs in files.items():
        if not docs:
            continue
        t0 = time.perf_counter()
        read_document(docs[0][1], docs[0][0])  # the first read loads the format's library
        first = time.perf_counter() - t0
        reads, extracts = [], []
        for _ in range(reps):
            t0 = time.perf_counter()
            got = [read_document(data, name)[0] for name, data in docs]
            reads.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for (name, _), text in zip(docs, got):
                extract_rows(normalize(text), name)
            extracts.append(time.perf_counter() - t0)
        read, extract = statistics.median(reads), statistics.median(extracts)
        out[kind] = {"first_s": first, "read_per_doc_s": read / len(docs), "extract_per_doc_s": extract / len(docs),
                     "bytes": sum(len(d) for _, d in docs), "read_vs_extract": read / extract}
    return out


def _fresh(fn, *args):
    """Run fn in a new interpreter (spawn) and return its result."""
    with cf.ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def startup(reps: int = 5) -> dict:
    """Wall time of `python -c 'import pingan; extract one seed'` and the in-process part."""
    from .files import SEEDS_DIR

    seed = sorted(SEEDS_DIR.glob("*.txt"))[-1]  # the traditional, glossed one: t2s is loaded too
    code = ("import time; t0 = time.perf_counter(); import pingan; "
            f"df = pingan.extract_text(open({str(seed)!r}, encoding='utf-8').read(), 'seed'); "
            "import sys; print(time.perf_counter() - t0, len(df), 'jieba' in sys.modules)")
    walls, inner, jieba_loaded = [], [], False
    for _ in range(reps):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        walls.append(time.perf_counter() - t0)
        inner.append(float(out[0]))
        jieba_loaded = out[2] == "True"
    return {"process_s": statistics.median(walls), "import_and_extract_s": statistics.median(inner),
            "jieba_loaded": jieba_loaded}


# ------------------------------------------------------------------ report
def _fmt_rate(x: float) -> str:
    return f"{x / 1e6:.2f}M" if x >= 1e6 else f"{x / 1e3:.0f}k"


def report(res: dict) -> str:
    lines = [f"pingan bench · {res['machine']['python']} · {res['machine']['cpus']} cores · {res['date']}", ""]
    lines.append("Extraction vs jieba.lcut (same text, same process, median of reps)")
    lines.append(f"{'size':>6} {'docs':>6} {'chars':>11} {'rows':>8} {'wall s':>8} {'chars/s':>8} {'rows/s':>8} "
                 f"{'jieba c/s':>9} {'ratio':>6} {'s/char vs 1x':>12} {'peak MiB':>9}")
    base = None
    for r in res["scaling"]:
        per = r["extract_s"] / r["chars"]
        base = base or per
        lines.append(f"{r['size']:>5}x {r['docs']:>6} {r['chars']:>11,} {r['rows']:>8,} {r['extract_s']:>8.2f} "
                     f"{_fmt_rate(r['chars_per_s']):>8} {_fmt_rate(r['rows_per_s']):>8} "
                     f"{_fmt_rate(r['jieba_chars_per_s']):>9} {r['jieba_ratio']:>5.2f}x {per / base:>12.2f} "
                     f"{r['peak_rss_mib']:>9.0f}")
    s = res["startup"]
    lines += ["", f"Start-up: import + first extraction {s['import_and_extract_s']:.2f} s in-process, "
                  f"{s['process_s']:.2f} s whole process; jieba loaded: {s['jieba_loaded']}"]
    if res.get("jobs"):
        j = res["jobs"]
        lines.append(f"Cores: extract_files on {j['size']}x as files: 1 job {j['one_s']:.2f} s, "
                     f"{j['jobs']} jobs {j['many_s']:.2f} s -> speed-up {j['speedup']:.2f}x "
                     f"(median of {len(j['speedups_each_rep'])}; same rows: {j['same_rows']})")
    if res.get("add"):
        a = res["add"]
        lines.append(f"Store add vs extract on {a['size']}x as files ({a['docs']} docs, {a['jobs']} job(s)): "
                     f"extract {a['extract_s']:.2f} s, add {a['add_s']:.2f} s -> {a['ratio']:.2f}x "
                     f"(median of {len(a['ratios_each_rep'])})")
    if res.get("growth"):
        g = res["growth"]
        lines.append(f"Adding {g['new_docs']} docs one at a time: {g['empty_per_doc_s'] * 1000:.0f} ms/doc into an "
                     f"empty store, {g['big_per_doc_s'] * 1000:.0f} ms/doc into {g['store']['docs']:,} docs "
                     f"({g['store']['rows']:,} rows, snapshot kept current: {g['big_snapshot_current']}) -> "
                     f"{g['ratio']:.2f}x; integrity check before the first write {g['big_check_s'] * 1000:.0f} ms "
                     f"(once per process)")
    if res.get("long_line"):
        ll = res["long_line"]
        lines.append(f"One long line: {ll['chars']:,} characters with no full stop {ll['one_line_s']:.1f} s "
                     f"({ll['one_line_rows']:,} rows), the same as ordinary sentences {ll['ordinary_s']:.1f} s "
                     f"({ll['ordinary_rows']:,} rows) -> {ll['ratio']:.2f}x")
    if res.get("documents"):
        d = res["documents"]
        parts = [f"{k} {d[k]['read_per_doc_s'] * 1000:.0f} ms/doc ({d[k]['read_vs_extract']:.2f}x its extraction; "
                 f"first read {d[k]['first_s']:.2f} s)" for k in ("docx", "html", "pdf") if k in d]
        lines.append(f"Reading the {d['docs']} seeds as documents: " + "; ".join(parts)
                     + ("" if "pdf" in d else "; pdf: LibreOffice not installed"))
    if res.get("app"):
        a = res["app"]
        lines.append(f"Dashboard at {a['size']}x ({a['store']['docs']} docs, {a['store']['rows']:,} rows; store built "
                     f"in {a['store']['build_s']:.0f} s): first load {a['first_load_s']:.2f} s, rerun after a "
                     f"sidebar change {a['rerun_s'] * 1000:.0f} ms (median of {len(a['reruns'])}), indicator change "
                     f"{a['indicator_change_s'] * 1000:.0f} ms, peak memory {a['peak_rss_mib']:.0f} MiB")
    b = res.get("browser") or {}
    if b.get("skipped"):
        lines.append(f"Browser: skipped ({b['skipped']})")
    elif b:
        lines.append(f"Browser (headless Chromium, 1600x1000) at {b['size']}x: first comparison chart drawn "
                     f"{b['cold_s']:.2f} s cold, {b['warm_s']:.2f} s warm (median of {len(b['warm'])}); sidebar "
                     f"change to the chart redrawn {(b['sidebar_s'] or 0) * 1000:.0f} ms (median of {len(b['sidebar'])}), "
                     "timed in the page" + (f" (as the driver saw them: {b['wall_cold_s']:.2f} s, {b['wall_warm_s']:.2f} s, "
                                            f"{(b['wall_sidebar_s'] or 0) * 1000:.0f} ms)" if "wall_cold_s" in b else ""))
    lines += ["", "Targets"]
    for key, (what, target) in TARGETS.items():
        got = res["summary"].get(key)
        mark = "" if got is None else ("ok" if res["summary"].get(key + "_ok") else "MISSED")
        shown = "—" if got is None else (f"{got:.2f}" if isinstance(got, float) else str(got))
        lines.append(f"  {what:<38} target {target:<24} measured {shown:<8} {mark}")
    return "\n".join(lines)


def long_line(mb: float) -> dict:
    """Extraction of ``mb`` MB of the seeds' sentences as one line with no full stop, against the
    same sentences as they are: a sentence's cost must grow linearly with its length."""
    from .normalise import normalize
    from .pipeline import extract_many

    seeds = [t for _, t in seed_texts()]
    body = "\n".join(seeds)
    size = int(mb * 1_000_000 / 3)  # characters (UTF-8 Chinese is ~3 bytes)
    ordinary = (body * (size // len(body) + 1))[:size]
    one = normalize(ordinary).replace("\n", ",").replace("。", ",")
    ordinary = normalize(ordinary)
    out = {"chars": len(one)}
    for name, text in (("ordinary", ordinary), ("one_line", one)):
        t0 = time.perf_counter()
        res = extract_many([text], [name], jobs=1)
        out[f"{name}_s"] = time.perf_counter() - t0
        out[f"{name}_rows"] = len(res[0].rows) if res and getattr(res[0], "rows", None) is not None else 0
    out["ratio"] = out["one_line_s"] / out["ordinary_s"]
    return out


def run(sizes=(1, 10, 100, 1000), reps: int = 5, jobs: int = 2, app_size: int = 1000,
        output: str = "bench.json", echo=print, growth: int = 1000, long_line_mb: float = 4,
        long_line: float | None = None) -> int:
    """``growth``: copies of the seeds in the large store of the per-document add figure (0: skip);
    ``long_line``: MB of the single-line text figure (0: skip)."""
    if long_line is not None:
        long_line_mb = long_line
    from .workers import default_jobs

    res = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": {
        "python": platform.python_version(), "cpus": default_jobs(), "platform": platform.platform()},
        "scaling": [], "targets": {k: v[1] for k, v in TARGETS.items()}}
    for size in sizes:
        n = max(1, round(reps * _REPS_AT.get(size, 0.2)))
        r = _fresh(_extract_size, size, n)
        res["scaling"].append(r)
        echo(f"  {size}x: {r['chars']:,} chars, {r['extract_s']:.2f} s, {_fmt_rate(r['chars_per_s'])} chars/s, "
             f"{r['jieba_ratio']:.2f}x jieba, {r['peak_rss_mib']:.0f} MiB")
    if long_line_mb:
        res["long_line"] = _fresh(globals()["long_line"], long_line_mb)
        ll = res["long_line"]
        echo(f"  long line: {ll['chars']:,} chars on one line {ll['one_line_s']:.1f} s, "
             f"as sentences {ll['ordinary_s']:.1f} s -> {ll['ratio']:.2f}x")
    res["startup"] = startup(reps)
    echo(f"  start-up: {res['startup']['import_and_extract_s']:.2f} s")
    res["documents"] = _fresh(_documents, max(1, reps))
    echo("  documents: " + ", ".join(f"{k} {v['read_per_doc_s'] * 1000:.0f} ms/doc" for k, v in res["documents"].items()
                                     if isinstance(v, dict)))
    with tempfile.TemporaryDirectory() as tmp:
        jsize = 100 if 100 in sizes or not sizes else min(sizes)
        folder = os.path.join(tmp, "corpus")
        os.mkdir(folder)
        write_corpus(jsize, folder)
        if jobs > 1:
            res["jobs"] = {"size": jsize, **_fresh(_jobs, folder, jobs, max(1, round(reps * 0.6)))}
            echo(f"  jobs: {res['jobs']['speedup']:.2f}x with {jobs}")
        asize = jsize if jsize >= 20 else 20   # at least 100 documents, or the ratio is start-up noise
        afolder = folder
        if asize != jsize:
            afolder = os.path.join(tmp, "add")
            os.mkdir(afolder)
            write_corpus(asize, afolder)
        res["add"] = {"size": asize, **_fresh(_add_vs_extract, afolder, jobs, max(3, reps))}
        echo(f"  add vs extract: {res['add']['ratio']:.2f}x")
        if growth:
            res["growth"] = _fresh(_add_growth, growth, 20)
            echo(f"  add into {res['growth']['store']['docs']} docs vs empty: {res['growth']['ratio']:.2f}x")
        if app_size:
            db = os.path.join(tmp, "bench.db")
            store = _fresh(_build_store, db, app_size)
            app = _fresh(_app, db, max(2, reps))
            res["app"] = {"size": app_size, "store": store, **app}
            echo(f"  app: first {app['first_load_s']:.2f} s, rerun {app['rerun_s'] * 1000:.0f} ms")
            from . import browserbench

            why = browserbench.missing()
            if why:
                res["browser"] = {"skipped": why}
                echo(f"  browser: skipped ({why})")
            else:
                from .files import SEEDS_DIR

                try:
                    res["browser"] = {"size": app_size,
                                      **browserbench.measure(db, str(SEEDS_DIR.parent), max(3, reps))}
                    b = res["browser"]
                    echo(f"  browser: cold {b['cold_s']:.2f} s, warm {b['warm_s']:.2f} s, sidebar "
                         f"{(b['sidebar_s'] or 0) * 1000:.0f} ms")
                except Exception as exc:  # a browser that hangs must not lose the other figures
                    res["browser"] = {"skipped": f"failed: {type(exc).__name__}: {exc}"}
                    echo(f"  browser: {res['browser']['skipped']}")
    sc = res["scaling"]
    summary = {"jieba_ratio": statistics.median(r["jieba_ratio"] for r in sc) if sc else None,
               "startup_s": res["startup"]["import_and_extract_s"]}
    if len(sc) > 1:
        summary["linear"] = (sc[-1]["extract_s"] / sc[-1]["chars"]) / (sc[0]["extract_s"] / sc[0]["chars"])
        summary["linear_ok"] = summary["linear"] < 1.5
    summary["jieba_ratio_ok"] = bool(sc) and summary["jieba_ratio"] >= 4
    summary["startup_s_ok"] = summary["startup_s"] < 1.5
    if res.get("jobs"):
        summary["jobs_speedup"] = res["jobs"]["speedup"]
        summary["jobs_speedup_ok"] = res["jobs"]["speedup"] >= 0.7 * res["jobs"]["jobs"]
    if res.get("add"):
        summary["add_ratio"] = res["add"]["ratio"]
        summary["add_ratio_ok"] = res["add"]["ratio"] <= 1.3
    if res.get("growth"):
        summary["growth_ratio"] = res["growth"]["ratio"]
        summary["growth_ratio_ok"] = res["growth"]["ratio"] <= 1.5
    if res.get("long_line"):
        summary["long_line_ratio"] = res["long_line"]["ratio"]
        summary["long_line_ratio_ok"] = res["long_line"]["ratio"] <= 2
    if res.get("app"):
        summary.update(app_first_s=res["app"]["first_load_s"], app_rerun_s=res["app"]["rerun_s"],
                       app_first_s_ok=res["app"]["first_load_s"] < 3, app_rerun_s_ok=res["app"]["rerun_s"] < 0.3)
    b = res.get("browser") or {}
    if "cold_s" in b:
        summary.update(browser_cold_s=b["cold_s"], browser_cold_s_ok=b["cold_s"] < 4,
                       browser_warm_s=b["warm_s"], browser_warm_s_ok=b["warm_s"] < 2.5)
        if b.get("sidebar_s") is not None:
            summary.update(browser_sidebar_s=b["sidebar_s"], browser_sidebar_s_ok=b["sidebar_s"] < 0.3)
    res["summary"] = summary
    with open(output, "w", encoding="utf-8") as fh:
        json.dump(res, fh, ensure_ascii=False, indent=1)
    echo("")
    echo(report(res))
    echo(f"\nJSON: {output}")
    return 0
