"""`policyhub build` and `policyhub check`: build the site, or only read, check and plan it."""
from __future__ import annotations

import sys

from generator import build as pipeline
from generator import messages
from generator.commands import EXIT_CONTENT, EXIT_OK
from generator.engines import EngineError
from generator.publish import output_folder


def run_build(args) -> int:
    lang = args.lang
    options = pipeline.Options(config_path=args.config, out=output_folder.from_argument(args.out), today=args.today,
                               base_url=args.base_url, quiet=args.quiet, use_cache=not args.no_cache,
                               cache_dir=args.cache_dir, lang=lang, changes_file=args.changes)
    try:
        result = pipeline.build(options)
    except EngineError as exc:
        print(messages.problem_text("commands", "engine-failed", lang, reason=exc.reason), file=sys.stderr)
        print(messages.text("lines", "build.kept", lang), file=sys.stderr)
        return EXIT_CONTENT
    text = result.report.render_text(lang)
    if text:
        print(text, file=sys.stderr)
    if result.report.errors:
        print(messages.text("lines", "build.kept", lang), file=sys.stderr)
        return EXIT_CONTENT
    if result.out is not None:
        print(messages.text("lines", "build.done", lang, out=str(result.out)))
    return EXIT_OK


def run_check(args) -> int:
    lang = args.lang
    options = pipeline.Options(config_path=args.config, today=args.today, quiet=True, cache_dir=args.cache_dir,
                               lang=lang)
    checked = pipeline.load_and_validate(options)
    if not checked.report.errors:
        pipeline.make_plan(checked)
    if args.format == "json":
        print(checked.report.to_json(lang))
    else:
        text = checked.report.render_text(lang)
        print(text or messages.text("lines", "check.clean", lang, drafts=len(checked.drafts),
                                    pages=len(checked.content)))
    return EXIT_CONTENT if checked.report.errors else EXIT_OK
