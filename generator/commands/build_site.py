"""`policyhub build` and `policyhub check`: build the site, or only read, check and plan it."""
from __future__ import annotations

import sys

from generator import build as pipeline
from generator.commands import EXIT_CONTENT, EXIT_OK
from generator.engines.base import EngineError
from generator.publish import output_folder


def run_build(args) -> int:
    options = pipeline.Options(config_path=args.config, out=output_folder.from_argument(args.out), today=args.today,
                               base_url=args.base_url, quiet=args.quiet, use_cache=not args.no_cache,
                               cache_dir=args.cache_dir, changes_file=args.changes)
    try:
        result = pipeline.build(options)
    except EngineError as exc:
        print(f"error: the site engine failed: {exc}\nThe previous site was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    text = result.report.render_text()
    if text:
        print(text, file=sys.stderr)
    if result.report.errors:
        print("The site was not built; the previous site was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    if result.out is not None:
        print(f"Site built in {result.out}")
    return EXIT_OK


def run_check(args) -> int:
    options = pipeline.Options(config_path=args.config, today=args.today, quiet=True, cache_dir=args.cache_dir)
    checked = pipeline.load_and_validate(options)
    if not checked.report.errors:
        pipeline.make_plan(checked)
    if args.format == "json":
        print(checked.report.to_json())
    else:
        text = checked.report.render_text()
        print(text or f"{len(checked.drafts)} drafts and {len(checked.content)} pages checked: no problems.")
    return EXIT_CONTENT if checked.report.errors else EXIT_OK
