"""No quadratic step: the work of a build grows in proportion to the number of drafts.

Counted, not timed: Markdown conversions, Jinja2 template renders (the core's and
MkDocs'/mkdocs-material's, which use the same Jinja2) and the pages MkDocs renders, while
the real build runs (no cache) on corpora of 1×, 2× and 4× the same drafts. The drafts of the larger
corpora are copies of the smaller one's (own slug, title and body sentence each), so every
listing holds exactly 2× and 4× the entries; with copy counts that are multiples of the
listing page size, even the number of listing pages is exactly proportional. The engine
renders two pages of each frame (kind, folder depth, section: the second page of a
listing and those after it have a frame of their own) and builds a page alone in its
frame whole, so the smallest corpus already holds every frame with at least two pages:
each listing with entries has at least three pages in it. So a build whose cost is "per draft +
per page + fixed" must give count(4n) - count(2n) equal to 2 × (count(2n) - count(n)),
with nothing to allow for; any step that does work for every pair of drafts (a listing
rendered per draft, a page that re-reads every other draft…) breaks the equality by
6 × its cost × n².
"""
from __future__ import annotations

import datetime as dt
import math
import os
import shutil
from pathlib import Path

import jinja2
import markdown
import pytest
import yaml
from mkdocs.structure.pages import Page as MkDocsPage

from bench.corpus import Corpus, write_corpus
from generator.build import Options, build

TODAY = dt.date(2026, 11, 21)
BASE_DRAFTS = 3        # distinct drafts written by bench/corpus.py: open, upcoming, closed
PAGE_SIZE = 5          # the smallest listing page size the config accepts
# n, 2n, 4n: 45, 90 and 180 drafts; three pages' worth of copies, so that a listing with
# one base draft in it already has a second and a third page at n
COPIES = (3 * PAGE_SIZE, 6 * PAGE_SIZE, 12 * PAGE_SIZE)
LISTING_KINDS = ("open", "finished", "topic", "agency")


def split_front_matter(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def write_copies(base: Corpus, copies: int, root: Path) -> Path:
    """`copies` copies of every draft of `base`, each a draft of its own (a draft in its own
    folder is copied with the files beside it)."""
    shutil.copytree(base.root / "content", root / "content")
    shutil.copyfile(base.root / "glossary.yml", root / "glossary.yml")
    config = yaml.safe_load(base.config.read_text(encoding="utf-8"))
    config["listing"] = {"page_size": PAGE_SIZE}
    (root / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    for draft in base.drafts:
        front, body = split_front_matter(draft.path.read_text(encoding="utf-8"))
        in_folder = draft.path.name == "index.md"
        for number in range(1, copies + 1):
            copy = dict(front, slug=f"{draft.slug}-{number}", title=f"{front['title']} (bản {number})")
            # a sentence of its own, so no copy's body is the same text as another's
            text = f"{body}\nBản số {number} của dự thảo.\n"
            year = root / "drafts" / draft.path.parent.relative_to(base.root / "drafts").parts[0]
            if in_folder:
                shutil.copytree(draft.path.parent, year / copy["slug"])
                target = year / copy["slug"] / "index.md"
            else:
                target = year / f"{copy['slug']}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("---\n" + yaml.safe_dump(copy, allow_unicode=True, sort_keys=False) + "---\n" + text,
                              encoding="utf-8")
    return root / "site_config.yml"


class Counter:
    """Calls of each counted function, kept in a file: a build that works in forked worker
    processes runs the same wrapped functions there, and their calls count too."""

    def __init__(self, path: Path):
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC, 0o600)

    def wrap(self, monkeypatch, owner, name: str, label: str) -> None:
        real = getattr(owner, name)
        fd = self.fd

        def counted(*args, **kwargs):
            os.write(fd, (label + "\n").encode())   # one small O_APPEND write: atomic across processes
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    def take(self) -> dict[str, int]:
        """The counts since the last take, by label."""
        lines = self.path.read_text().split()
        os.ftruncate(self.fd, 0)
        counts: dict[str, int] = {}
        for label in lines:
            counts[label] = counts.get(label, 0) + 1
        return counts


@pytest.fixture(scope="module")
def base_corpus(tmp_path_factory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "base", BASE_DRAFTS, today=TODAY)


@pytest.fixture
def counted_builds(base_corpus, tmp_path, monkeypatch):
    """For each number of copies: (drafts, pages by kind, entries by listing, counts by label, frames)."""
    counter = Counter(tmp_path / "calls")
    counter.wrap(monkeypatch, markdown.Markdown, "convert", "markdown")
    counter.wrap(monkeypatch, jinja2.Template, "render", "template")
    counter.wrap(monkeypatch, MkDocsPage, "render", "engine_page")
    results = []
    for copies in COPIES:
        config = write_copies(base_corpus, copies, tmp_path / f"x{copies}")
        counter.take()
        result = build(Options(config_path=config, out=tmp_path / f"site{copies}", today=TODAY, quiet=True,
                               use_cache=False))
        counts = counter.take()
        assert not result.report.errors, [str(d) for d in result.report.errors]
        plan = result.plan
        kinds: dict[str, int] = {}
        for page in plan.pages:
            kinds[page.kind] = kinds.get(page.kind, 0) + 1
        listings = {page.data["first_url"]: page.data["total"] for page in plan.pages if page.kind in LISTING_KINDS}
        results.append((len(plan.drafts), kinds, listings, counts, len({id(f) for f in result.frames.values()})))
    return results


def test_work_grows_in_proportion_to_the_number_of_drafts(counted_builds):
    (n1, kinds1, listings1, c1, f1), (n2, kinds2, listings2, c2, f2), (n4, kinds4, listings4, c4, f4) = counted_builds
    assert (n1, n2, n4) == (BASE_DRAFTS * COPIES[0], BASE_DRAFTS * COPIES[1], BASE_DRAFTS * COPIES[2])

    # the setup: every listing grows exactly with the copies, and its pages with it
    assert listings1.keys() == listings2.keys() == listings4.keys()
    for url, entries in listings1.items():
        assert (listings2[url], listings4[url]) == (2 * entries, 4 * entries), url
    pages = [sum(k for kind, k in kinds.items() if kind in LISTING_KINDS) for kinds in (kinds1, kinds2, kinds4)]
    expected = [sum(max(1, math.ceil(listing[url] / PAGE_SIZE)) for url in listing)
                for listing in (listings1, listings2, listings4)]
    assert pages == expected, "listings are not split by the configured page size"
    # pagination's departure from proportion, in pages: zero when copies are multiples of the page size
    pagination_slack = abs((pages[2] - pages[1]) - 2 * (pages[1] - pages[0]))
    assert pagination_slack == 0
    assert f1 == f2 == f4, "the engine's frames, one per kind of page, are the same at every size"

    # the counters saw the build's work (a build whose workers are not forked would hide it)
    assert c4.get("markdown", 0) >= n4, "each draft's body is converted at least once"
    assert c4.get("template", 0) >= kinds4["draft"], "each draft page is rendered from a template at least once"

    for label in ("markdown", "template", "engine_page"):
        one, two, four = c1.get(label, 0), c2.get(label, 0), c4.get(label, 0)
        assert four - two == 2 * (two - one), (
            f"{label}: {one} calls for {n1} drafts, {two} for {n2}, {four} for {n4}: "
            f"growth {two - one} then {four - two}, not proportional")
        # and what each draft costs does not creep up with the size of the site
        assert four / n4 <= 1.1 * one / n1, f"{label}: {four / n4:.2f} per draft at {n4}, {one / n1:.2f} at {n1}"
