"""Command line: ``python -m pingan extract|add|reindex|export|slides ...`` (``--help`` on each).

Bad input (a file that cannot be read, a database that cannot be used, an output that
cannot be written) gives one line naming the file on standard error and exit status 2.
"""
from __future__ import annotations

import argparse
import os
import sys


class _Refused(Exception):
    """Stop the command with this message and exit status 2."""


def _write(df, fmt: str, out: str | None) -> None:
    from .export import csv_text, write_rows

    if out:
        write_rows(df, out, fmt)
    elif fmt == "parquet":
        raise _Refused("--format parquet needs -o FILE")
    elif fmt == "jsonl":
        sys.stdout.write(df.to_json(orient="records", lines=True, force_ascii=False))
    else:
        sys.stdout.write(csv_text(df))


def cmd_extract(args) -> int:
    """Rows of every file that can be read; each one that cannot is named on standard error
    and the exit status is then 2 (the rows of the others are still written)."""
    from .extract import rows_to_frame
    from .files import iter_text_files
    from .pipeline import extract_many

    paths = list(iter_text_files(args.paths))
    if not paths:
        print(f"pingan: no text or html files in {' '.join(args.paths)}", file=sys.stderr)
        return 2
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"pingan: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    done = extract_many(paths, [p.name for p in paths], args.jobs)
    for d in done:
        if d.error is not None:
            print(f"pingan: {d.error}", file=sys.stderr)
    _write(rows_to_frame([r for d in done for r in d.rows]), args.format, args.output)
    return 2 if any(d.error is not None for d in done) else 0


def _store(args):
    from .store import Store

    return Store(args.db)


def cmd_add(args) -> int:
    """Files, folders, zip archives and web addresses: one line per document (refused ones on
    standard error, and then exit status 2)."""
    from .intake import add, gather

    failed = 0
    with _store(args) as store:
        for out in add(store, gather(args.files, allow_private=args.allow_private_addresses or None),
                       jobs=getattr(args, "jobs", 1)):
            if out.status == "refused":
                print(f"pingan: {out.line()}", file=sys.stderr)
                failed += 1
            else:
                print(out.line())
    return 2 if failed else 0


def cmd_reindex(args) -> int:
    with _store(args) as store:
        n = store.reindex(force=args.force, jobs=args.jobs)
    print(f"re-extracted {n} document(s)")
    return 0


def cmd_export(args) -> int:
    from .store import default_path

    path = args.db or default_path()
    if not args.seed and not os.path.exists(path):   # a mistyped --db must not become a new, empty store
        raise _Refused(f"{path}: no such database (add documents first, or give --seed)")
    with _store(args) as store:
        if args.seed:
            store.ensure_seeds()
        n = store.export(args.output, args.format)
    print(f"wrote {n} rows to {args.output}", file=sys.stderr)
    return 0


def cmd_bench(args) -> int:
    from .bench import run

    return run(sizes=[int(x) for x in args.sizes.split(",") if x.strip()], reps=args.reps, jobs=args.jobs,
               app_size=args.app_size, output=args.output, growth=args.growth, long_line=args.long_line)


def _names(arg: str | None) -> list[str] | None:
    return [x.strip() for x in arg.replace("，", ",").split(",") if x.strip()] if arg else None


def cmd_slides(args) -> int:
    import datetime as dt

    from .charts import citations
    from .indicators import lexicon
    from .slides import build_deck

    with _store(args) as store:
        store.ensure_seeds()
        rows = store.rows()
        sources = citations(store.documents())
    regions, indicators = _names(args.regions), _names(args.indicators)
    unknown = [r for r in regions or [] if r not in set(rows["region"])]
    if unknown:
        print(f"pingan: no figures for region(s): {', '.join(unknown)} "
              f"(regions with figures: {', '.join(sorted(set(rows['region']) - {''}))})", file=sys.stderr)
        return 2
    bad = [k for k in indicators or [] if k not in lexicon().keys()]
    if bad:
        print(f"pingan: unknown indicator key(s): {', '.join(bad)} (see INDICATORS.md)", file=sys.stderr)
        return 2
    if args.period:
        rows = rows[rows["period"] == args.period]
    data = build_deck(rows, regions, indicators, today=dt.date.today(), sources=sources)
    from .export import write_bytes

    write_bytes(args.output, data)
    print(f"wrote {args.output} ({len(data) // 1024} KiB)", file=sys.stderr)
    return 0


def default_jobs() -> int:
    from .workers import default_jobs as jobs

    return jobs()


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pingan", description="平安建设 press texts -> indicator table")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract indicator rows from files or directories")
    ex.add_argument("paths", nargs="+", help="text/html files, or directories holding them")
    ex.add_argument("--format", choices=("csv", "jsonl", "parquet", "xlsx"), default="csv")
    ex.add_argument("-o", "--output", help="write here instead of standard output")
    ex.add_argument("--jobs", type=int, default=default_jobs(),
                    help=f"worker processes (default: all {default_jobs()} cores)")
    ex.set_defaults(func=cmd_extract)
    db_help = "the database (default: $PINGAN_DB or data/pingan.db)"
    ad = sub.add_parser("add", help="add press texts to the document store")
    ad.add_argument("files", nargs="+", help="text, HTML, Word (.docx) or PDF files, folders, .zip archives, "
                                             "or web addresses (http:// or https://)")
    ad.add_argument("--db", help=db_help)
    ad.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: all cores)")
    ad.add_argument("--allow-private-addresses", action="store_true",
                    help="fetch from private and loopback addresses too (tests, intranets; also "
                         "PINGAN_ALLOW_PRIVATE_URLS=1)")
    ad.set_defaults(func=cmd_add)
    ri = sub.add_parser("reindex", help="re-extract documents stored by another extractor version")
    ri.add_argument("--db", help=db_help)
    ri.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: all cores)")
    ri.add_argument("--force", action="store_true", help="re-extract every document")
    ri.set_defaults(func=cmd_reindex)
    xp = sub.add_parser("export", help="export the corrected table")
    xp.add_argument("--db", help=db_help)
    xp.add_argument("-o", "--output", required=True)
    xp.add_argument("--format", choices=("csv", "jsonl", "parquet", "xlsx"),
                    help="default: from the file name (.jsonl, .parquet, .xlsx), else csv")
    xp.add_argument("--seed", action="store_true", help="load the seed texts first if the store is new")
    xp.set_defaults(func=cmd_export)
    sl = sub.add_parser("slides", help="a briefing deck (.pptx) with native, editable charts")
    sl.add_argument("--regions", help="comma-separated, e.g. 池州市,淮南市 (default: all with figures)")
    sl.add_argument("--indicators", help="comma-separated keys, e.g. safety_sense,fraud_cases "
                                         "(default: the headline comparisons)")
    sl.add_argument("--period", help="only figures of this period label, e.g. 2022")
    sl.add_argument("--db", help=db_help)
    sl.add_argument("-o", "--output", default="briefing.pptx")
    sl.set_defaults(func=cmd_slides)
    bn = sub.add_parser("bench", help="measure extraction, scaling, start-up and dashboard latency")
    bn.add_argument("--sizes", default="1,10,100,1000", help="corpus sizes as multiples of the seeds")
    bn.add_argument("--reps", type=int, default=5, help="repetitions at 1x (fewer at larger sizes)")
    bn.add_argument("--jobs", type=int, default=default_jobs(), help="workers for the --jobs scaling row")
    bn.add_argument("--app-size", type=int, default=1000, help="corpus size in the store for the dashboard "
                                                                "measurement (0 to skip)")
    bn.add_argument("--growth", type=int, default=1000, help="copies of the seeds in the large store of the "
                                                                "per-document add figure (0 to skip)")
    bn.add_argument("--long-line", type=float, default=4, help="MB of one single-line text timed against as "
                                                                 "much text in ordinary sentences (0 to skip)")
    bn.add_argument("-o", "--output", default="bench.json", help="where to write the JSON")
    bn.set_defaults(func=cmd_bench)
    return ap


def main(argv=None) -> int:
    from .decode import BadInput
    from .export import OutputError
    from .store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (StoreError, OutputError, BadInput, _Refused) as exc:
        print(f"pingan: {exc}", file=sys.stderr)
        return 2
