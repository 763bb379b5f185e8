"""Command line: ``python -m pingan extract|add|reindex|export|slides ...`` (``--help`` on each)."""
from __future__ import annotations

import argparse
import sys

from .decode import BadInput


def _write(df, fmt: str, out: str | None) -> None:
    if fmt == "parquet":
        if not out:
            raise SystemExit("pingan: --format parquet needs -o FILE")
        df.to_parquet(out, index=False)
        return
    if fmt == "jsonl":
        text = df.to_json(orient="records", lines=True, force_ascii=False)
    else:
        text = df.to_csv(index=False)
    if out:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def cmd_extract(args) -> int:
    from .files import extract_files, iter_text_files

    paths = list(iter_text_files(args.paths))
    if not paths:
        print(f"pingan: no text or html files in {' '.join(args.paths)}", file=sys.stderr)
        return 2
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"pingan: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        df = extract_files(paths, jobs=args.jobs)
    except BadInput as exc:
        print(f"pingan: {exc}", file=sys.stderr)
        return 2
    _write(df, args.format, args.output)
    return 0


def _store(args):
    from .store import Store

    return Store(args.db)


def cmd_add(args) -> int:
    from .files import iter_text_files

    failed = 0
    with _store(args) as store:
        for path in iter_text_files(args.files):
            try:
                data = path.read_bytes()
                res = store.add_bytes(path.name, data)
            except OSError as exc:
                print(f"pingan: {path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
                failed += 1
                continue
            except BadInput as exc:
                print(f"pingan: {path}: {exc.problem}", file=sys.stderr)
                failed += 1
                continue
            print(res.summary())
    return 2 if failed else 0


def cmd_reindex(args) -> int:
    with _store(args) as store:
        n = store.reindex(force=args.force)
    print(f"re-extracted {n} document(s)")
    return 0


def cmd_export(args) -> int:
    with _store(args) as store:
        if args.seed:
            store.ensure_seeds()
        n = store.export(args.output, args.format)
    print(f"wrote {n} rows to {args.output}", file=sys.stderr)
    return 0


def cmd_bench(args) -> int:
    from .bench import run

    return run(sizes=[int(x) for x in args.sizes.split(",") if x.strip()], reps=args.reps, jobs=args.jobs,
               app_size=args.app_size, output=args.output)


def _names(arg: str | None) -> list[str] | None:
    return [x.strip() for x in arg.replace("，", ",").split(",") if x.strip()] if arg else None


def cmd_slides(args) -> int:
    import datetime as dt

    from .indicators import lexicon
    from .slides import build_deck

    with _store(args) as store:
        store.ensure_seeds()
        rows = store.rows()
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
    data = build_deck(rows, regions, indicators, today=dt.date.today())
    with open(args.output, "wb") as fh:
        fh.write(data)
    print(f"wrote {args.output} ({len(data) // 1024} KiB)", file=sys.stderr)
    return 0


def default_jobs() -> int:
    from .files import default_jobs as jobs

    return jobs()


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pingan", description="平安建设 press texts -> indicator table")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract indicator rows from files or directories")
    ex.add_argument("paths", nargs="+", help="text/html files, or directories holding them")
    ex.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    ex.add_argument("-o", "--output", help="write here instead of standard output")
    ex.add_argument("--jobs", type=int, default=default_jobs(),
                    help=f"worker processes (default: all {default_jobs()} cores)")
    ex.set_defaults(func=cmd_extract)
    db_help = "the database (default: $PINGAN_DB or data/pingan.db)"
    ad = sub.add_parser("add", help="add press texts to the document store")
    ad.add_argument("files", nargs="+", help="text/html files or directories")
    ad.add_argument("--db", help=db_help)
    ad.set_defaults(func=cmd_add)
    ri = sub.add_parser("reindex", help="re-extract documents stored by another extractor version")
    ri.add_argument("--db", help=db_help)
    ri.add_argument("--force", action="store_true", help="re-extract every document")
    ri.set_defaults(func=cmd_reindex)
    xp = sub.add_parser("export", help="export the corrected table")
    xp.add_argument("--db", help=db_help)
    xp.add_argument("-o", "--output", required=True)
    xp.add_argument("--format", choices=("csv", "jsonl"))
    xp.add_argument("--seed", action="store_true", help="load the seed texts first if the store is new")
    xp.set_defaults(func=cmd_export)
    sl = sub.add_parser("slides", help="a briefing deck (.pptx) with native, editable charts")
    sl.add_argument("--regions", help="comma-separated, e.g. 六安市,宿州市 (default: all with figures)")
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
    bn.add_argument("-o", "--output", default="bench.json", help="where to write the JSON")
    bn.set_defaults(func=cmd_bench)
    return ap


def main(argv=None) -> int:
    from .store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        print(f"pingan: {exc}", file=sys.stderr)
        return 2
