"""Fill the engine's page frames with the core's content, in parallel, with a cache.

The engine renders one page per *frame* (pages of one template at one folder depth share
everything but their slots: title, description, canonical address, head additions, main
content, footer). Every other page of that frame is the frame with its slots filled, so
the engine's cost does not grow with the number of drafts. Filled pages are cached by a
hash of everything that goes into them; an unchanged page costs its key and, when the
published page was made from the same key (`published.put_made`), a link, else reading,
checking and copying one file.
"""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator import parallel
from generator.cache import sources as source_cache
from generator.plan import urls
from generator.cache import published
from generator.cache.store import FileCache
from generator.engines.base import Frame
from generator.plan.plan import Page, Plan


CACHE_VERSION = "1"
CACHE_KEEP_SECONDS = 7 * 24 * 3600      # filled pages unused this long are removed
RUNS_PER_WORKER = 8                     # see fill_pages
PARALLEL_FROM = 300                     # below this many pages, forking costs more than it saves


def slot_values(page: Page, rendered, base_url: str) -> dict[str, str]:
    return {"title": html.escape(page.title), "description": html.escape(page.description),
            "canonical": html.escape(urls.absolute(page.url, base_url)),
            "head": str(rendered.head), "content": str(rendered.content), "footer": str(rendered.footer)}


def code_digest(theme_dirs: list[Path]) -> str:
    """What every cached page depends on besides its own data: our code, the packages it
    runs on (`source_cache.code_digest`) and the theme."""
    digest = hashlib.sha256((CACHE_VERSION + source_cache.code_digest()).encode())
    for folder in theme_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_cache(folder: Path | None) -> FileCache:
    """Filled pages by content hash, in the cache folder's `pages/`. The site gets a copy of
    a cached page, never the cache's file itself: an edit of the published page stays there."""
    return FileCache(folder, ".html", CACHE_KEEP_SECONDS)


@dataclass
class FillJob:
    """Everything a worker needs; built before forking so workers share it."""

    plan: Plan
    renderer: object                  # render.PageRenderer
    frames: dict[str, Frame]          # page URL -> its frame
    out: Path
    cache: FileCache
    build_digest: str
    # what else is written from a page's bytes as they are made (the compressed copies):
    # (its file, its bytes) -> how many files, or None when it writes none for that page
    beside: Callable[[Path, bytes], int | None] | None = None

    def key(self, page: Page) -> str:
        digest = hashlib.sha256(self.build_digest.encode())
        digest.update(self.frames[page.url].digest.encode())
        digest.update(self.plan.stable_text((page.url, page.kind, page.title, page.description, page.template,
                                             page.data)).encode("utf-8"))
        return digest.hexdigest()

    def fill(self, pages: list[Page]) -> tuple[int, int, dict[str, str], dict[str, int]]:
        """Write each page; returns (rendered, taken from the cache or the published site,
        the cache key of each page by its path in the site, the files `beside` wrote for
        each page it wrote any for)."""
        rendered = cached = 0
        made: dict[str, str] = {}
        besides: dict[str, int] = {}
        base_url = self.plan.config.site.base_url
        folders: set[str] = set()   # made already: a nightly build asks once for each
        for page in pages:
            rel = urls.file_of(page.url)
            target = self.out / rel
            folder = rel.rpartition("/")[0]
            if folder not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(folder)
            key = made[rel] = self.key(page)
            rendered_here = []
            in_hand: list[bytes] = []

            def make() -> bytes:
                data = self.cache.read(key)
                if data is None:
                    parts = self.renderer.render(page)
                    data = self.frames[page.url].fill(slot_values(page, parts, base_url)).encode("utf-8")
                    self.cache.write(key, data)
                    rendered_here.append(page)
                in_hand.append(data)
                return data

            published.put_made(target, key, make)   # an unchanged page: one lookup and a link
            if in_hand and self.beside is not None:
                written = self.beside(target, in_hand[0])
                if written is not None:
                    besides[rel] = written
            rendered += len(rendered_here)
            cached += 1 - len(rendered_here)
        return rendered, cached, made, besides


def fill_pages(job: FillJob, pages: list[Page], workers: int) -> tuple[int, int, dict[str, str], dict[str, int]]:
    """Fill and write `pages`, on `workers` processes when there are enough of them."""
    # in runs of consecutive pages, each in a fresh process: a worker copies each page of the
    # parent's memory whose objects it touches (counting a reference writes into the object),
    # so one that took every 8th page of the site held a copy of nearly every draft by the end
    # (a first build of 10,000 drafts: 183 MB PSS a worker; in runs, 90 to 110 MB)
    results = parallel.map_chunks(job.fill, pages, workers, PARALLEL_FROM, in_runs=workers * RUNS_PER_WORKER)
    made = {rel: key for _, _, keys, _ in results for rel, key in keys.items()}
    besides = {rel: count for *_, written in results for rel, count in written.items()}
    return sum(r for r, _, _, _ in results), sum(c for _, c, _, _ in results), made, besides


def build_digest(plan: Plan, dirs: list[Path], workers: int = 1) -> str:
    """What every page depends on beyond its own data: code, packages, theme, config and
    navigation. Not the day: a page says nothing of it (a draft's state and its milestones
    passed are in the page's data), so a page is made again only when what it says changes."""
    plan.remember_views(workers)   # before the workers fork, so that they share them
    return code_digest(dirs) + repr((plan.config, plan.nav))
