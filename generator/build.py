"""The build, as a list of stages: load → validate → plan → render → engine → extras → publish.

Each stage is a function that hands its result to the next; `check` runs the first three.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.engines.mkdocs_material import adapter as engine
from generator import parallel
from generator.cache import location as cache_location
from generator.fill import frames
from generator.publish import output_folder
from generator.publish import swap as publish
from generator.render import pages as render
from generator.cache import sources as source_cache
from generator.validate.attachments import check_theme, content_files
from generator.validate.config import load_config
from generator.diagnostics import ConfigError, Report
from generator.load.sources import SiteSources, locate, markdown_files, read_source, read_sources
from generator.model import Draft, SiteConfig
from generator.cache.store import BadBundle, FileCache, pack_files, unpack_files
from generator.plan.plan import Plan, plan_site
from generator.cache.sources import SourceCache
from generator.outputs.share_card.raster import write_share_images
from generator.outputs.search.index import write_search
from generator.outputs.sitemap import write_feed_folder_sitemaps, write_sitemap
from generator.outputs.calendar_ics import write_calendar
from generator.outputs.feeds import write_feeds
from generator.outputs.opendata import write_opendata
from generator.model import ContentPage
from generator.validate.content import validate_content
from generator.validate.draft import validate_draft
from generator.validate.site import validate_site


@dataclass(frozen=True)
class Options:
    config_path: Path = Path("site_config.yml")
    out: Path | None = None            # default: site/ next to the config
    today: dt.date | None = None       # default: today in the site's time zone
    base_url: str | None = None
    quiet: bool = False
    use_cache: bool = True
    cache_dir: Path | None = None      # default: the site's folder in the user's cache folder
    workers: int = field(default_factory=parallel.default_workers)   # processes that render pages


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


class Progress:
    """Counted steps on stderr; silent with --quiet, and in CI unless a terminal is attached."""

    def __init__(self, quiet: bool, total: int):
        in_ci = bool(os.environ.get("CI")) and not sys.stderr.isatty()
        self.quiet, self.total, self.step, self.started = quiet or in_ci, total, 0, time.monotonic()

    def __call__(self, message: str) -> None:
        self.step += 1
        if not self.quiet:
            print(f"[{self.step}/{self.total}] {message} ({time.monotonic() - self.started:.1f} s)",
                  file=sys.stderr, flush=True)

    def note(self, message: str) -> None:
        """A line between the steps."""
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)


def moment_of(config: SiteConfig, today: dt.date | None) -> dt.datetime:
    """The instant the site describes: the start of `today`, or now, in the site's zone."""
    tz = ZoneInfo(config.site.timezone)
    if today is None:
        return dt.datetime.now(tz).replace(microsecond=0)
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=tz)


def load_and_validate(options: Options, out: Path | None = None) -> Checked:
    """Stages load and validate. Raises ConfigError (exit 2) when the config or the cache
    folder is unusable; `out`, the site a build writes, must not share the cache folder."""
    config = load_config(options.config_path, options.base_url)
    located = locate(options.config_path)
    now = moment_of(config, options.today)
    cache_dir = cache_location.cache_folder(located.root, options.cache_dir, out) if options.use_cache else None
    # kept in memory even with --no-cache: it hands over what the workers below found
    cache = SourceCache(cache_dir / source_cache.FILE_NAME if cache_dir is not None else None, keep=True)
    _read_in_parallel(located, config, now, cache, options.workers)
    sources = read_sources(located, cache)
    checked = Checked(config=config, sources=sources, now=now, cache_dir=cache_dir)
    report = checked.report
    report.extend(sources.errors)
    passed = []
    for src in sources.drafts:
        draft = validate_draft(src, config, sources.root, report, checked.now, cache)
        if draft is not None:
            passed.append((src, draft))
    checked.drafts = validate_site(passed, report)
    content_files(sources.content_dir, sources.root, report)   # what the engine copies beside the pages
    check_theme(sources.theme_dir, sources.root, report)
    reserved = {getattr(config.paths, name) for name in config.paths.__dataclass_fields__} | {"feeds", "api", "assets"}
    for src in sources.content:
        page = validate_content(src, sources.content_dir, report)
        if page is None:
            continue
        if page.slug.split("/")[0] in reserved or page.slug == "404":
            report.error(page.source, (1, 1), "reserved-name",
                         f"the page name '{page.slug}' is used by the site itself",
                         "rename the file, e.g. gioi-thieu-" + page.slug + ".md")
            continue
        checked.content.append(page)
    if report.error_count == 0:   # a failed build leaves nothing behind, not even this
        cache.save()
    return checked


READ_IN_PARALLEL_FROM = 200   # drafts; fewer are read faster than workers start


def _read_in_parallel(located: SiteSources, config: SiteConfig, now: dt.datetime, cache: SourceCache,
                      workers: int) -> None:
    """Parse and lint the drafts on all cores when the cache knows few of them (a first or a
    --no-cache build): what the workers find goes into `cache`, where the reading and
    checking that follow, in this process and in order, find it. Problems are not reported
    here; those files are read again and report them."""
    paths = markdown_files(located.drafts_dir)
    if len(paths) < READ_IN_PARALLEL_FROM or cache.known >= len(paths):
        return

    def read(chunk: list[Path]) -> dict:
        found = SourceCache(None, keep=True)
        for path in chunk:
            source = read_source(path, located.root, Report(), found)
            if source is not None and source.has_front_matter:
                validate_draft(source, config, located.root, Report(), now, found)
        return found.values

    for found in parallel.map_chunks(read, paths, workers, READ_IN_PARALLEL_FROM):
        cache.adopt(found)


def make_plan(checked: Checked) -> Plan | None:
    try:
        return plan_site(checked.config, checked.drafts, checked.content, checked.now, checked.sources.root)
    except ValueError as exc:
        checked.report.error(checked.sources.config_path.name, (1, 1), "url-collision", str(exc),
                             "rename one of the two files")
        return None


@dataclass
class BuildResult:
    report: Report
    plan: Plan | None = None
    out: Path | None = None
    checked: Checked | None = None
    frames: dict = field(default_factory=dict)   # page URL -> the engine frame it was filled into
    rendered: int = 0                             # framed pages rendered by this build
    reused: int = 0                               # framed pages taken from the cache


def build(options: Options) -> BuildResult:
    """Build the site; on any error the previous output stays exactly as it was."""
    progress = Progress(options.quiet, 5)
    located = locate(options.config_path)
    out = (options.out or located.root / "site").resolve()
    _check_output(options, located, out)

    def waiting() -> None:
        progress.note(f"waiting for the build running into {out} to finish")

    with publish.Publication.claim(out, on_wait=waiting) as publication:
        return _build_into(options, publication, progress)


def _check_output(options: Options, located: SiteSources, out: Path) -> None:
    """Refuse an output folder that is not policyhub's, before anything is read or built;
    with the config's own problems, if any, so that all are reported at once."""
    refused = output_folder.check(out, located, str(options.out or out))
    if not refused.errors:
        return
    try:
        load_config(options.config_path, options.base_url)
    except ConfigError as exc:
        refused.extend(exc.report)
    raise output_folder.OutputError(refused)


def _build_into(options: Options, publication: publish.Publication, progress: Progress) -> BuildResult:
    checked = load_and_validate(options, publication.out)
    progress(f"read and checked {len(checked.sources.drafts)} drafts, {len(checked.content)} pages")
    if checked.report.errors:
        return BuildResult(checked.report)
    # the model holds all that was read; the parsed files, with the position of every field
    # for diagnostics, are the largest thing in memory and not needed again
    checked.sources = dataclasses.replace(checked.sources, drafts=())
    plan = make_plan(checked)
    if plan is None:
        return BuildResult(checked.report)
    plan = dataclasses.replace(plan, cache_dir=checked.cache_dir)
    progress(f"planned {len(plan.pages)} pages")
    dirs = render.theme_dirs(checked.sources.theme_dir)
    fragments = render.Fragments(plan.cache_dir / "fragments" if plan.cache_dir is not None else None)
    renderer = render.PageRenderer(plan, dirs, fragments=fragments)
    nav_urls = {item.url for item in plan.nav}
    # pages in the navigation (and content pages) are built whole by the engine; the rest
    # share a few frames that the core fills
    whole, framed = [], []
    for page in plan.pages:
        built_whole = page.url in nav_urls or page.kind in ("content", "not_found")
        (whole if built_whole else framed).append(page)
    rendered = {page.url: renderer.render(page) for page in whole}
    staging, out = publication.staging, publication.out
    try:
        with tempfile.TemporaryDirectory(prefix="policyhub-") as work:
            page_frames = engine.build_site(plan, rendered, framed, Path(work), staging, dirs,
                                            checked.sources.content_dir, quiet=options.quiet)
        distinct_frames = {id(frame) for frame in page_frames.values()}
        progress(f"built {len(rendered)} pages and {len(distinct_frames)} frames with {engine.ENGINE_NAME}")
        cache = frames.page_cache(plan.cache_dir / "pages" if plan.cache_dir is not None else None)
        job = frames.FillJob(plan=plan, renderer=renderer, frames=page_frames, out=staging, cache=cache,
                             build_digest=_build_digest(plan, dirs))
        made, reused = frames.fill_pages(job, framed, options.workers)
        cache.prune()
        fragments.prune()
        progress(f"filled {len(framed)} pages ({made} rendered, {reused} from the cache)")
        copy_assets(plan, staging)
        write_extras(plan, staging, options.workers)
        how = publication.publish()
    except OSError as exc:   # a full or read-only disk, a file in the way
        raise output_folder.write_failure(exc, out) from None
    progress(f"published {out}: {how}")
    return BuildResult(checked.report, plan, out, checked, page_frames, made, reused)


def _build_digest(plan: Plan, dirs: list[Path]) -> str:
    """What every page depends on beyond its own data: code, packages, theme, config, navigation, day."""
    return frames.code_digest(dirs) + repr((plan.config, plan.nav, plan.today))


def copy_assets(plan: Plan, out: Path) -> None:
    """Documents and pictures next to their draft pages, as they are."""
    for asset in plan.assets:
        target = out / asset.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)


# Files made from the plan rather than by the engine, each writer `(plan, out_dir) -> None`.
# Each reads only the plan and writes its own files, so they run side by side.
EXTRA_WRITERS = [write_sitemap]
EXTRA_WRITERS += [write_feeds, write_calendar, write_opendata]   # press feeds, deadlines, open data
EXTRA_WRITERS += [write_search]   # prebuilt lunr index, result data and lunr.js for the search page
# These read nothing of the plan but its config, its moment and its drafts: what they wrote
# last time is reused whole when those are unchanged (see `extras_key`).
CACHED_WRITERS = {write_feeds, write_calendar, write_opendata, write_search}


EXTRAS_SUFFIX = ".files"
EXTRAS_KEEP_SECONDS = 7 * 24 * 3600


def write_extras(plan: Plan, out: Path, workers: int = 1) -> None:
    write_share_images(plan, out)   # first: it spreads its cards over the cores itself
    cache = FileCache(plan.cache_dir / "extras" if plan.cache_dir is not None else None, EXTRAS_SUFFIX,
                      EXTRAS_KEEP_SECONDS)
    key = extras_key(plan) if plan.cache_dir is not None else ""
    bundle = cache.read(key) if key else None
    if bundle is not None:
        try:
            unpack_files(bundle, out)   # the cached writers' files, as the last build wrote them
        except BadBundle:
            bundle = None
    if bundle is None and not key:
        _run_writers(EXTRA_WRITERS, plan, out, out, workers)
    elif bundle is None:
        with tempfile.TemporaryDirectory(prefix="policyhub-extras-") as made:
            _run_writers(EXTRA_WRITERS, plan, out, Path(made), workers)
            bundle = pack_files(Path(made))
        unpack_files(bundle, out)
        cache.write(key, bundle)
        cache.prune(keep=key)   # keep one entry: this build's
    else:
        _run_writers([w for w in EXTRA_WRITERS if w not in CACHED_WRITERS], plan, out, out, workers)
    write_feed_folder_sitemaps(plan, out)   # after the feeds: the theme's script asks for these


def _run_writers(writers, plan: Plan, out: Path, cached_out: Path, workers: int) -> None:
    """Run `writers` side by side; the cached ones write into `cached_out`."""
    def run(chunk) -> int:
        for writer in chunk:
            writer(plan, cached_out if writer in CACHED_WRITERS else out)
        return len(chunk)

    parallel.map_chunks(run, writers, workers, minimum=2)


def extras_key(plan: Plan) -> str:
    """Everything the cached writers' files depend on: their inputs, our code and the
    installed packages (lunr.js comes from mkdocs-material, feeds from feedgen)."""
    digest = hashlib.sha256(source_cache.code_digest().encode())
    digest.update(repr((plan.config, plan.now, plan.drafts)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
