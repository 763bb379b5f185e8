"""Command line: ``python -m pingan extract PATH... [--format csv|jsonl|parquet] [-o FILE]``."""
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
        df = extract_files(paths)
    except BadInput as exc:
        print(f"pingan: {exc}", file=sys.stderr)
        return 2
    _write(df, args.format, args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pingan", description="平安建设 press texts -> indicator table")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract indicator rows from files or directories")
    ex.add_argument("paths", nargs="+", help="text/html files, or directories holding them")
    ex.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    ex.add_argument("-o", "--output", help="write here instead of standard output")
    ex.set_defaults(func=cmd_extract)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
