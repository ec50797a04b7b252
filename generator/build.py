"""The build, as its list of stages: load → validate → plan → render → engine → fill →
outputs → publish. Each stage is a function that hands its result to the next; `check`
runs the first three.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator import parallel
from generator.cache import manifest as site_manifest
from generator.cache import published
from generator.cache import sources as source_cache
from generator.diagnostics import Report
from generator import engines
from generator.fill import frames
from generator.load.sources import locate
from generator.outputs.extras import write_extras
from generator.outputs.precompress import CopiesBeside, write_precompressed
from generator.plan.plan import Plan, UrlCollision, plan_site
from generator.progress import Progress
from generator.publish import changes as site_changes
from generator.publish import output_folder
from generator.publish import swap as publish
from generator.render import pages as render
from generator.validate.site_check import Checked, check_site


@dataclass(frozen=True)
class Options:
    config_path: Path = Path("site_config.yml")
    out: Path | None = None            # default: site/ next to the config
    today: dt.date | None = None       # default: today in the site's time zone
    base_url: str | None = None
    quiet: bool = False
    use_cache: bool = True
    cache_dir: Path | None = None      # default: the site's folder in the user's cache folder
    lang: str = "vi"                   # the language of progress lines
    workers: int = field(default_factory=parallel.default_workers)   # processes that render pages
    changes_file: Path | None = None   # where to write the list of files added, changed or removed


@dataclass
class BuildResult:
    report: Report
    plan: Plan | None = None
    out: Path | None = None
    checked: Checked | None = None
    frames: dict = field(default_factory=dict)   # page URL -> the engine frame it was filled into
    rendered: int = 0                             # framed pages rendered by this build
    reused: int = 0                               # framed pages taken from the cache
    changes: site_changes.Changes | None = None        # what the build changed in the published site


def load_and_validate(options: Options, out: Path | None = None) -> Checked:
    """Stages load and validate; raises ConfigError (exit 2) when the config or the cache
    folder is unusable."""
    return check_site(options.config_path, options.base_url, options.today, options.use_cache,
                      options.cache_dir, options.workers, out)


def make_plan(checked: Checked) -> Plan | None:
    """Stage plan; two pages that want one address are reported, and give None."""
    try:
        plan = plan_site(checked.config, checked.drafts, checked.content, checked.now, checked.sources.root,
                         checked.cache_dir, checked.bodies)
    except UrlCollision as exc:
        checked.report.error(checked.sources.config_path.name, (1, 1), "url-collision", url=exc.url,
                             first=exc.first, second=exc.second)
        return None
    parallel.release_memory(len(checked.drafts))
    return plan


def build(options: Options) -> BuildResult:
    """Build the site; on any error the previous output stays exactly as it was."""
    progress = Progress(options.quiet, 6, options.lang)
    located = locate(options.config_path)
    out = (options.out or located.root / "site").resolve()
    output_folder.refuse_before_building(out, located, str(options.out or out), options.config_path,
                                         options.base_url)
    if options.changes_file is not None:
        site_changes.refuse_list_path(options.changes_file, out)

    def waiting() -> None:
        progress.note("build.waiting", out=str(out))

    with parallel.collection_paused() as collection, publish.Publication.claim(out, on_wait=waiting) as publication:
        return _build_into(options, publication, progress, collection)


def _build_into(options: Options, publication: publish.Publication, progress: Progress,
                collection: parallel.Collection) -> BuildResult:
    checked = load_and_validate(options, publication.out)
    if checked.cache_note is not None:
        progress.note("build.no-cache-key", **checked.cache_note)
    progress("build.read", drafts=len(checked.sources.drafts), pages=len(checked.content))
    if checked.report.errors:
        return BuildResult(checked.report)
    # the model holds all that was read; the parsed files, with the position of every field
    # for diagnostics, are the largest thing in memory and not needed again
    checked.sources = dataclasses.replace(checked.sources, drafts=())
    parallel.release_memory(len(checked.drafts))
    plan = make_plan(checked)
    if plan is None:
        return BuildResult(checked.report)
    progress("build.planned", pages=len(plan.pages))

    dirs = render.theme_dirs(checked.sources.theme_dir)
    fragments = render.Fragments(plan.cache_dir / "fragments" if plan.cache_dir is not None else None)
    renderer = render.PageRenderer(plan, dirs, fragments=fragments)
    engine = engines.named(plan.config.engine)
    whole, framed = engines.whole_and_framed(plan)
    rendered = {page.url: renderer.render(page) for page in whole}
    staging, out = publication.staging, publication.out
    manifest = plan.cache_dir / site_manifest.manifest_name(out) if plan.cache_dir is not None else None
    reuse = published.start(staging, publication.previous, manifest, source_cache.code_digest())
    collection.keep_what_was_made()   # what follows makes cycles (the engine, templates, workers)
    try:
        with tempfile.TemporaryDirectory(prefix="policyhub-") as work:
            page_frames = engines.build_site(engine, plan, rendered, framed, dirs, checked.sources.content_dir,
                                             Path(work), staging)
        distinct_frames = {id(frame) for frame in page_frames.values()}
        progress("build.engine", pages=len(rendered), frames=len(distinct_frames), engine=engine.name)

        cache = frames.page_cache(plan.cache_dir / "pages" if plan.cache_dir is not None else None)
        job = frames.FillJob(plan=plan, renderer=renderer, frames=page_frames, out=staging, cache=cache,
                             build_digest=frames.build_digest(plan, dirs, options.workers),
                             beside=CopiesBeside(staging, plan.cache_dir))   # compressed from the bytes in hand
        made, reused, made_from, compressed = frames.fill_pages(job, framed, options.workers)
        cache.prune()
        fragments.prune()
        progress("build.filled", pages=len(framed), made=made, reused=reused)

        made_from |= write_extras(plan, staging, options.workers)   # the documents beside drafts too
        copies = sum(compressed.values()) + write_precompressed(staging, plan.cache_dir, options.workers, compressed)
        progress("build.compressed", copies=copies)
        digests: dict[str, str] = {}
        how, changes = publication.publish(options.changes_file, reuse.trusted, digests)
    except engines.FrameError as exc:   # a theme's frame the fill stage must not copy
        checked.report.extend(exc.report)
        return BuildResult(checked.report, plan)
    except OSError as exc:   # a full or read-only disk, a file in the way
        raise output_folder.write_failure(exc, out) from None
    finally:
        published.stop()
    if manifest is not None:   # what the next build may link instead of writing
        site_manifest.write_manifest(manifest, out, source_cache.code_digest(), digests, made_from)
    progress("build.published", out=str(out), how=how, changed=len(changes.changed), added=len(changes.added),
             removed=len(changes.removed), unchanged=changes.unchanged)
    return BuildResult(checked.report, plan, out, checked, page_frames, made, reused, changes)
