"""The `policyhub` command: build, check, serve, report, new, import, schema.

Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage or configuration errors.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator import build as pipeline
from generator.cache.location import CacheFolderError
from generator.commands import EXIT_USAGE, build_site
from generator.diagnostics import ConfigError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="policyhub", description="Build an accessible static hub of draft policies.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p):
        p.add_argument("--config", type=Path, default=Path("site_config.yml"), help="site configuration file")
        p.add_argument("--today", type=_date, help="build as of this day (YYYY-MM-DD), for reproducible output")
        p.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="keep results later runs reuse here (default: this site's folder in the user's cache "
                            "folder); never a folder with files tracked by git")

    b = sub.add_parser("build", help="build the site")
    common(b)
    b.add_argument("--out", help="output folder, policyhub's own (default: site/ next to the config)")
    b.add_argument("--base-url", help="absolute address the site is served from (overrides site.base_url)")
    b.add_argument("--no-cache", action="store_true", help="ignore cached results (cold build)")
    b.add_argument("--quiet", action="store_true", help="print only problems")
    b.add_argument("--changes", type=Path, metavar="FILE",
                   help="write the files the build added, changed or removed, one a line (for a CDN purge)")

    c = sub.add_parser("check", help="check drafts and configuration without building")
    common(c)
    c.add_argument("--format", choices=("text", "json"), default="text")

    v = sub.add_parser("serve", help="preview on 127.0.0.1, rebuilt on every save")
    common(v)
    v.add_argument("--port", type=int, default=8000)

    r = sub.add_parser("report", help="the year's figures per agency")
    common(r)
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--format", choices=("md", "csv", "json"), default="md")

    s = sub.add_parser("schema", help="print the JSON Schema of draft front matter, for editors' tools")
    s.add_argument("--config", type=Path, default=Path("site_config.yml"), help="site configuration file")
    s.add_argument("--out", type=Path, help="write the schema to this file instead of printing it")

    n = sub.add_parser("new", help="write a new draft with every field explained")
    n.add_argument("title")
    n.add_argument("--config", type=Path, default=Path("site_config.yml"))
    n.add_argument("--agency", required=True)
    n.add_argument("--type", dest="doc_type", required=True)
    n.add_argument("--topic", action="append", default=[])
    n.add_argument("--today", type=_date)

    i = sub.add_parser("import", help="a Word draft becomes a draft folder; a spreadsheet of comments its response")
    i.add_argument("file", nargs="?", help="the draft (.docx) or the comments (.xlsx, .csv)")
    i.add_argument("--config", type=Path, default=Path("site_config.yml"))
    i.add_argument("--lang", choices=("vi", "en"), help="language of the messages (default: the site's)")
    i.add_argument("--agency", help="drafting agency: a key of agencies in site_config.yml (.docx)")
    i.add_argument("--type", dest="doc_type", help="document type key (.docx; default: read from the document)")
    i.add_argument("--topic", action="append", default=[], help="topic key, may be repeated (.docx)")
    i.add_argument("--slug", help="the draft's folder and address (.docx; default: key words of its subject)")
    i.add_argument("--today", type=_date, help="the day of the import: the year of drafts/<year>/ (.docx)")
    i.add_argument("--into", type=Path, help="the draft whose response the comments become (.xlsx, .csv)")
    i.add_argument("--published", type=_date, help="the day the report on comments is published (YYYY-MM-DD)")
    i.add_argument("--replace", action="store_true", help="replace the draft's existing response")
    i.add_argument("--template", type=Path, metavar="FILE.xlsx", help="write an empty comment spreadsheet")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return build_site.run_build(args)
        if args.command == "check":
            return build_site.run_check(args)
        if args.command == "serve":
            from generator.commands.serve import serve
            return serve(pipeline.Options(config_path=args.config, today=args.today, cache_dir=args.cache_dir),
                         args.port)
        if args.command == "report":
            from generator.commands.yearly_report import run_report
            return run_report(args)
        if args.command == "schema":
            from generator.commands.schema import write_schema
            return write_schema(args)
        if args.command == "new":
            from generator.commands.new import new_draft
            return new_draft(args)
        if args.command == "import":
            from generator.commands.import_command import run_import
            return run_import(args)
    except ConfigError as exc:
        if getattr(args, "format", "text") == "json":
            print(exc.report.to_json())
        elif isinstance(exc, CacheFolderError):
            print(exc.line, file=sys.stderr)
        else:
            print(exc.report.render_text(), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_USAGE


