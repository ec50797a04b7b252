"""Files made from the plan rather than by the engine: the documents beside their drafts,
share cards, sitemap, feeds, calendar, open data and search; with their cache."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from generator import parallel
from generator.cache import published
from generator.cache import sources as source_cache
from generator.cache.store import BadBundle, FileCache, pack_files, unpack_files
from generator.outputs.calendar_ics import write_calendar
from generator.outputs.feeds import write_feeds
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
# Each reads only the plan and writes its own files, so they run side by side.
EXTRA_WRITERS = [write_sitemap]
EXTRA_WRITERS += [write_feeds, write_calendar, write_opendata]   # press feeds, deadlines, open data
# Writers whose files are reused whole when what they read is unchanged (see `extras_key`):
# feeds, calendar and open data read the config, the drafts and the moment of the build
# (entries are dated up to it, open data says "as of").
CACHED_GROUPS = {"daily": (write_feeds, write_calendar, write_opendata)}
CACHED_WRITERS = {writer for group in CACHED_GROUPS.values() for writer in group}
EXTRAS_SUFFIX = ".files"
EXTRAS_KEEP_SECONDS = 7 * 24 * 3600


def write_extras(plan: Plan, out: Path, workers: int = 1) -> dict[str, str]:
    """Write the extras into `out`; returns the cache key each share card was made from, by
    its path in the site (for the manifest of the published site)."""
    cards = write_share_images(plan, out)   # first: it spreads its cards over the cores itself
    if plan.cache_dir is None:
        _run_writers(EXTRA_WRITERS, plan, lambda writer: out, workers)
    else:
        cache = FileCache(plan.cache_dir / "extras", EXTRAS_SUFFIX, EXTRAS_KEEP_SECONDS)
        keys = {group: extras_key(plan, group) for group in CACHED_GROUPS}
        stale = [group for group in CACHED_GROUPS if not _reuse(cache, keys[group], out)]
        writers = [w for w in EXTRA_WRITERS if w not in CACHED_WRITERS or _group_of(w) in stale]
        with tempfile.TemporaryDirectory(prefix="policyhub-extras-") as made:
            folders = {group: Path(made) / group for group in stale}
            _run_writers(writers, plan, lambda writer: folders.get(_group_of(writer), out), workers)
            for group in stale:
                folders[group].mkdir(exist_ok=True)   # a writer may have had nothing to write
                bundle = pack_files(folders[group])
                unpack_files(bundle, out, published.put)
                cache.write(keys[group], bundle)
        cache.prune(keep=tuple(keys.values()))   # keep this build's entries only
    # the search index, result cards and filters: on every core itself, with a cache of its
    # own (each draft's part by its text, the shards by every draft's part)
    write_search(plan, out, workers)
    return cards


def _group_of(writer) -> str | None:
    return next((name for name, group in CACHED_GROUPS.items() if writer in group), None)


def _reuse(cache: FileCache, key: str, out: Path) -> bool:
    """Unpack a group's files as the last build wrote them, if what they read is unchanged."""
    bundle = cache.read(key)
    if bundle is None:
        return False
    try:
        unpack_files(bundle, out, published.put)
    except BadBundle:
        return False
    return True


def _run_writers(writers, plan: Plan, folder_of, workers: int) -> None:
    """Run `writers` side by side, each into `folder_of(writer)`."""
    def run(chunk) -> int:
        for writer in chunk:
            folder = folder_of(writer)
            folder.mkdir(parents=True, exist_ok=True)
            writer(plan, folder)
        return len(chunk)

    parallel.map_chunks(run, writers, workers, minimum=2)


def extras_key(plan: Plan, group: str) -> str:
    """Everything a group of cached writers' files depend on: their inputs, our code and the
    installed packages (feeds come from feedgen)."""
    digest = hashlib.sha256(source_cache.code_digest().encode())
    digest.update(repr((group, plan.config, plan.now)).encode("utf-8", "surrogatepass"))
    digest.update(plan.stable_text(plan.drafts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
