"""Files made from the plan rather than by the engine: the documents beside their drafts,
share cards, sitemap, feeds, calendar, open data and search; with their cache."""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from generator import parallel
from generator.cache import sources as source_cache
from generator.cache.store import BadBundle, FileCache, pack_files, unpack_files
from generator.outputs.calendar_ics import write_calendar
from generator.outputs.feeds import write_feeds
from generator.outputs.opendata import write_opendata
from generator.outputs.search.index import write_search
from generator.outputs.share_card.raster import write_share_images
from generator.outputs.sitemap import write_feed_folder_sitemaps, write_sitemap
from generator.plan.plan import Plan


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
    installed packages (feeds come from feedgen)."""
    digest = hashlib.sha256(source_cache.code_digest().encode())
    digest.update(repr((plan.config, plan.now, plan.drafts)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
