"""Stages load and validate over a whole site: the config, every draft and content page, the
files they bring, all problems at once. `policyhub check` is this and the plan."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator import parallel
from generator.cache import location as cache_location
from generator.cache import seal as cache_seal
from generator.cache import sources as source_cache
from generator.cache.sources import SourceCache
from generator.diagnostics import ERROR, Report
from generator.load import unchanged
from generator.load.bodies import Bodies
from generator.load.sources import SiteSources, SourceFile, locate, markdown_files, read_source, read_sources
from generator.load.unchanged import UnchangedSource
from generator.model import ContentPage, Draft, SiteConfig
from generator.model.lifecycle import moment_of
from generator.validate.attachments import check_theme, content_files
from generator.validate.config import load_config
from generator.validate.content import validate_content
from generator.validate import cached_draft
from generator.validate.cached_draft import Placed
from generator.validate.draft import check_draft, lint_on, placed_of
from generator.validate.site import validate_site


@dataclass
class Checked:
    """Everything read and checked: the model and the diagnostics."""

    config: SiteConfig
    sources: SiteSources
    now: dt.datetime
    drafts: list[Draft] = field(default_factory=list)
    content: list[ContentPage] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    cache_dir: Path | None = None      # where this run keeps its cache; None with --no-cache
    cache_note: dict | None = None     # why the cache is not used although asked for (no key)
    bodies: Bodies | None = None       # the drafts' bodies, kept apart from `drafts` once checked


def check_site(config_path: Path, base_url: str | None = None, today: dt.date | None = None,
               use_cache: bool = True, cache_dir: Path | None = None, workers: int = 1,
               out: Path | None = None) -> Checked:
    """Stages load and validate. Raises ConfigError (exit 2) when the config, the cache
    folder or the cache key is unusable; `out`, the site a build writes, must not share the cache folder."""
    config = load_config(config_path, base_url)
    located = locate(config_path)
    now = moment_of(config, today)
    cache_dir = cache_location.cache_folder(located.root, cache_dir, out) if use_cache else None
    cache_note = None
    if cache_dir is not None:   # every entry is sealed with the key; without one, none is kept
        try:
            cache_seal.establish(cache_dir, located.root)
        except cache_seal.NoKey as exc:
            cache_dir, cache_note = None, {"file": str(exc.file), "reason": exc.reason}
    # kept in memory even with --no-cache: it hands over what the workers below found
    cache = SourceCache(cache_dir / source_cache.FILE_NAME if cache_dir is not None else None, keep=True)
    _read_in_parallel(located, config, cache, workers)
    sources = read_sources(located, cache)
    checked = Checked(config=config, sources=sources, now=now, cache_dir=cache_dir, cache_note=cache_note,
                      bodies=Bodies())
    report = checked.report
    report.extend(sources.errors)
    passed = []
    settings = repr(config)
    read_badly = {d.path for d in sources.errors.diagnostics if d.severity == ERROR}
    for src in sources.drafts:
        found = _check_draft(src, config, sources.root, report, settings, cache, src.shown not in read_badly)
        if found is not None:
            lint_on(found[1], checked.now, config, found[0], report)
            passed.append((found[0], checked.bodies.keep(found[1])))
    checked.drafts = validate_site(passed, report)
    content_files(sources.content_dir, sources.root, report)   # what the engine copies beside the pages
    check_theme(sources.theme_dir, sources.root, report)
    reserved = {getattr(config.paths, name) for name in config.paths.__dataclass_fields__} | {"feeds", "api", "assets"}
    for src in sources.content:
        page = validate_content(src, sources.content_dir, report)
        if page is None:
            continue
        if page.slug.split("/")[0] in reserved or page.slug == "404":
            report.error(page.source, (1, 1), "reserved-name", name=page.slug)
            continue
        checked.content.append(page)
    if report.error_count == 0:   # a failed build leaves nothing behind, not even this
        cache.save()
    return checked
def _check_draft(src: SourceFile | UnchangedSource, config: SiteConfig, root: Path, report: Report, settings: str,
                 cache: SourceCache, read_well: bool) -> tuple[Placed, Draft] | None:
    """One draft checked, but for the warnings of the day: taken from the cache while its
    text, the site's settings and the files beside it are as they were (`cached_draft`),
    else read (when the cache vouched for the text only) and checked, and then stored."""
    key = cached_draft.key(src.text_key, src.shown, settings) if src.text_key else None
    known = cache.get(key, lambda plain: cached_draft.decode(plain, src.path, src.shown, config)) \
        if key is not None else None
    if known is not None:
        cache.let_go(key)   # asked once a build: the draft (and its body) goes on without the cache
        report.extend(list(known.findings))
        return known.placed, known.draft
    started = unchanged.now_ns()
    own = Report()
    if isinstance(src, UnchangedSource):
        src = read_source(src.path, root, own, cache)
        read_well = src is not None and own.error_count == 0
        if src is None:
            report.extend(own)
            return None
    draft = check_draft(src, config, root, own, cache)
    report.extend(own)
    if draft is None:
        return None
    placed = placed_of(src)
    depends = cached_draft.dependencies(src.path, draft, started)
    if read_well and own.error_count == 0 and depends is not None and key is not None:
        entry = cached_draft.CheckedDraft(draft, tuple(own.diagnostics), placed, depends)
        cache.put(key, entry, lambda value: cached_draft.encode(value, src.shown, config))
    return placed, draft


READ_IN_PARALLEL_FROM = 200   # drafts; fewer are read faster than workers start


def _read_in_parallel(located: SiteSources, config: SiteConfig, cache: SourceCache, workers: int) -> None:
    """Parse and check the drafts on all cores when the cache knows few of them (a first or a
    --no-cache build): what the workers find, each draft checked as `_check_draft` does,
    goes into `cache`, where the reading and checking that follow, in this process and in
    order, find it. Problems are not reported here; those files are read and checked again
    and report them. With one worker the reading that follows does it all, once."""
    paths = markdown_files(located.drafts_dir)
    if workers <= 1 or len(paths) < READ_IN_PARALLEL_FROM or cache.known >= len(paths):
        return
    settings = repr(config)

    def read(chunk: list[Path]) -> dict:
        found = SourceCache(None, keep=True, stores=cache.stores)
        handed: dict[str, tuple] = {}
        for path in chunk:
            own = Report()
            source = read_source(path, located.root, own, found, remember=True)
            if source is not None and source.has_front_matter:
                _check_draft(source, config, located.root, Report(), settings, found, own.error_count == 0)
            made, found.values = found.values, {}
            whole = cached_draft.key(source.text_key, source.shown, settings) if source is not None else ""
            for key, (value, line) in made.items():
                # a file checked whole is not read again: the parent finds it unchanged (the
                # record of its text) and takes the checked draft, as a build with the cache
                # in place does; of the parts it was made of, only the lines the cache keeps
                if whole not in made or key == whole or (type(value) is tuple and value[:1] == (source.text_key,)):
                    handed[key] = (value, line)
                elif line is not None:
                    handed[key] = (None, line)
        parts = {key for key in found.parts if key in handed}
        stored = sum(len(line) for _, line in handed.values() if line is not None)
        if stored * len(paths) > source_cache.MAX_FILE_BYTES * len(chunk):
            # at this rate the cache would be too large to keep the parts (`SourceCache.save`):
            # their lines are not carried to the parent only to be dropped there (at 50,000
            # drafts they are hundreds of MB)
            handed = {key: made for key, made in handed.items() if made[0] is not None or key not in parts}
            parts &= handed.keys()
        return handed, parts

    for found, parts in parallel.map_chunks(read, paths, workers, READ_IN_PARALLEL_FROM):
        cache.adopt(found, parts)
