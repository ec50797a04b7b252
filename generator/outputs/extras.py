"""Files made from the plan rather than by the engine: the documents beside their drafts,
share cards, sitemap, feeds, calendar, open data and search."""
from __future__ import annotations

from pathlib import Path

from generator import parallel
from generator.cache import published
from generator.cache.store import FileCache
from generator.outputs import entry_table
from generator.outputs.calendar_ics import write_calendar
from generator.outputs.feeds import write_atom_feeds, write_rss_and_json_feeds
from generator.outputs.opendata import write_opendata
from generator.outputs.search.index import write_search
from generator.outputs.share_card.raster import write_share_images
from generator.outputs.sitemap import write_sitemap
from generator.plan.plan import Plan


def copy_assets(plan: Plan, out: Path) -> None:
    """Documents and pictures next to their draft pages, as they are."""
    for asset in plan.assets:
        target = out / asset.target
        target.parent.mkdir(parents=True, exist_ok=True)
        published.copy(asset.source, target)


# Files made from the plan rather than by the engine, each writer `(plan, out_dir) -> None`.
# Each reads only the plan and writes its own files, so they run side by side, the longest
# first (the workers take them in turns; the feeds of a large hub, which took as long as all
# the others, are two writers). Feeds, calendar and open data are dated by the build's
# moment and made each time, from the entries of their drafts, which they keep in the cache
# themselves (`entry_table`).
EXTRA_WRITERS = [write_rss_and_json_feeds, write_atom_feeds]    # press feeds
EXTRA_WRITERS += [write_opendata, write_calendar]                # open data, deadlines
EXTRA_WRITERS += [write_sitemap, copy_assets]
# where earlier versions kept feeds, calendar and open data whole; what they left is removed
FORMER_EXTRAS = ("extras", ".files")


def write_extras(plan: Plan, out: Path, workers: int = 1) -> dict[str, str]:
    """Write the extras into `out`; returns the cache key each share card was made from, by
    its path in the site (for the manifest of the published site)."""
    cards = write_share_images(plan, out)   # first: it spreads its cards over the cores itself
    _run_writers(EXTRA_WRITERS, plan, out, workers)
    if plan.cache_dir is not None:
        entry_table.prune(plan)
        folder, suffix = FORMER_EXTRAS
        FileCache(plan.cache_dir / folder, suffix, 0).prune(keep=())
    # the search index, result cards and filters: on every core itself, with a cache of its
    # own (each draft's part by its text, the shards by every draft's part)
    write_search(plan, out, workers)
    return cards


def _run_writers(writers, plan: Plan, out: Path, workers: int) -> None:
    """Run `writers` side by side, each into `out`."""
    def run(chunk) -> int:
        for writer in chunk:
            writer(plan, out)
        return len(chunk)

    parallel.map_chunks(run, writers, workers, minimum=2)
