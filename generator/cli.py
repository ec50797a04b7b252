"""The `policyhub` command: build, check, serve, report, new, import, schema.

Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage or configuration errors.
Every command speaks the language `--lang` names (vi or en), else the site's `site.language`,
else Vietnamese: its help, its usage errors (argparse's own phrases too, from the catalogue's
`argparse` section), its diagnostics and its lines of progress.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from pathlib import Path

from generator import build as pipeline
from generator import messages
from generator import parallel
from generator.cache.location import CacheFolderError
from generator.cache.seal import CacheKeyError
from generator.commands import EXIT_USAGE, build_site
from generator.diagnostics import ConfigError

DEFAULT_CONFIG = Path("site_config.yml")


def _option(argv: list[str], name: str) -> str | None:
    """The value of `--name X` or `--name=X` in the command line, before it is parsed."""
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(name + "="):
            return arg[len(name) + 1:]
    return None


def chosen_language(argv: list[str]) -> str:
    """`--lang`, else the language of the site whose config the command names, else vi."""
    given = _option(argv, "--lang")
    if given in messages.LANGUAGES:
        return given
    from generator.validate.config import site_language
    return site_language(Path(_option(argv, "--config") or DEFAULT_CONFIG))


@contextlib.contextmanager
def argparse_speaks(lang: str):
    """argparse's own phrases ("usage:", "the following arguments are required: …") in `lang`:
    its module looks each up through `_` when it says it, so `_` is the catalogue while the
    command line is read. Phrases the catalogue lacks stay English."""
    table = messages.catalogue(lang)["argparse"]
    original = argparse._
    argparse._ = lambda text: table.get(text, text)
    try:
        yield
    finally:
        argparse._ = original


def parser(lang: str = messages.DEFAULT) -> argparse.ArgumentParser:
    def say(key: str, **params) -> str:
        return messages.text("cli", key, lang, **params)

    def date(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say("not-a-date", text=text)) from None

    ap = argparse.ArgumentParser(prog="policyhub", description=say("description"))
    sub = ap.add_subparsers(dest="command", required=True, metavar=say("metavar.command"))

    def command(name: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=say(f"help.{name}"), description=say(f"help.{name}"))
        p.add_argument("--lang", choices=messages.LANGUAGES, help=say("opt.lang"))
        return p

    def config(p):
        p.add_argument("--config", type=Path, default=DEFAULT_CONFIG, metavar=say("metavar.file"),
                       help=say("opt.config"))

    def common(p):
        config(p)
        p.add_argument("--today", type=date, metavar="YYYY-MM-DD", help=say("opt.today"))
        p.add_argument("--cache-dir", type=Path, metavar=say("metavar.dir"), help=say("opt.cache-dir"))

    b = command("build")
    common(b)
    b.add_argument("--out", metavar=say("metavar.dir"), help=say("opt.out"))
    b.add_argument("--base-url", metavar="URL", help=say("opt.base-url"))
    b.add_argument("--no-cache", action="store_true", help=say("opt.no-cache"))
    b.add_argument("--quiet", action="store_true", help=say("opt.quiet"))
    b.add_argument("--changes", type=Path, metavar=say("metavar.file"), help=say("opt.changes"))

    c = command("check")
    common(c)
    c.add_argument("--format", choices=("text", "json"), default="text", help=say("opt.check-format"))

    v = command("serve")
    common(v)
    v.add_argument("--port", type=int, default=8000, help=say("opt.port"))

    r = command("report")
    common(r)
    r.add_argument("--year", type=int, required=True, metavar="YYYY", help=say("opt.year"))
    r.add_argument("--format", choices=("md", "csv", "json"), default="md", help=say("opt.report-format"))

    s = command("schema")
    config(s)
    s.add_argument("--out", type=Path, metavar=say("metavar.file"), help=say("opt.schema-out"))

    n = command("new")
    n.add_argument("title", metavar=say("metavar.title"), help=say("opt.title"))
    config(n)
    n.add_argument("--agency", required=True, metavar=say("metavar.key"), help=say("opt.agency"))
    n.add_argument("--type", dest="doc_type", required=True, metavar=say("metavar.key"), help=say("opt.type"))
    n.add_argument("--topic", action="append", default=[], metavar=say("metavar.key"), help=say("opt.topic"))
    n.add_argument("--today", type=date, metavar="YYYY-MM-DD", help=say("opt.new-today"))

    i = command("import")
    i.add_argument("file", nargs="?", metavar=say("metavar.file"), help=say("opt.import-file"))
    config(i)
    i.add_argument("--agency", metavar=say("metavar.key"), help=say("opt.import-agency"))
    i.add_argument("--type", dest="doc_type", metavar=say("metavar.key"), help=say("opt.import-type"))
    i.add_argument("--topic", action="append", default=[], metavar=say("metavar.key"), help=say("opt.import-topic"))
    i.add_argument("--slug", help=say("opt.slug"))
    i.add_argument("--today", type=date, metavar="YYYY-MM-DD", help=say("opt.import-today"))
    i.add_argument("--into", type=Path, metavar=say("metavar.draft"), help=say("opt.into"))
    i.add_argument("--published", type=date, metavar="YYYY-MM-DD", help=say("opt.published"))
    i.add_argument("--replace", action="store_true", help=say("opt.replace"))
    i.add_argument("--template", type=Path, metavar="FILE.xlsx", help=say("opt.template"))
    return ap


def run() -> None:
    """The command's entry point (`policyhub`, `python -m generator`): `main`, then the
    process ends at once. Everything it wrote is closed by then; what is left is the model of
    the hub, which the interpreter would otherwise take apart object by object on the way out
    (1.6 s after a build of 10,000 drafts, for nothing). Only the standard streams need flushing."""
    code = main(process_ends=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a reader that went away, a stream closed
            pass
    os._exit(code)


def main(argv: list[str] | None = None, process_ends: bool = False) -> int:
    """Run the command `argv`; `process_ends`: the process ends when it returns (`run`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = chosen_language(argv)
    with argparse_speaks(lang):
        args = parser(lang).parse_args(argv)
    args.lang = lang
    try:
        if args.command == "build":
            if process_ends:   # its garbage is freed with the process, not collected
                parallel.process_ends_after_build()
            return build_site.run_build(args)
        if args.command == "check":
            return build_site.run_check(args)
        if args.command == "serve":
            from generator.commands.serve import serve
            return serve(pipeline.Options(config_path=args.config, today=args.today, cache_dir=args.cache_dir,
                                          lang=lang), args.port)
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
            print(exc.report.to_json(lang))
        elif isinstance(exc, (CacheFolderError, CacheKeyError)):
            print(exc.line(lang), file=sys.stderr)
        else:
            print(exc.report.render_text(lang), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_USAGE
