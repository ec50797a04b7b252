"""Decide what the site contains, without writing anything: the plan.

From the checked drafts and content pages and the day of the build, the plan lists every
page (its URL, template and data), in a stable order. Rendering and writing follow from
it; tests can inspect it without building.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator import parallel
from generator.load import editions
from generator.load.bodies import Bodies, body_of
from generator.plan.editions import translation_url, version_history
from generator.plan.kept_changes import KeptChanges, kept_changes
from generator.plan import urls
from generator.model.lifecycle import StatusView, status_view
from generator.model import Agency, ContentPage, DocType, Draft, SiteConfig, Status, Topic
from generator.model.vocab import (FEEDS_PAGE, KIT, KIT_STATUSES, NOTICE, NOTICE_STATUSES, SEARCH_INDEX_FILE,
                                   SHARE_IMAGE, STATUS_LABEL, STATUS_SLUG)



@dataclass(frozen=True)
class DraftView:
    """A draft as shown on the day of the build."""

    draft: Draft
    url: str
    state: StatusView
    agency: Agency
    doc_type: DocType
    topics: tuple[Topic, ...]
    source_dir: Path               # folder of the draft file: its documents live there

    @property
    def status(self) -> Status:
        return self.state.status


# every kind of page: the home page, a draft, its reference translation, printable notice and
# communication kit, the listings (open, finished, per topic, per agency) and their indexes,
# the page of feeds, search, a content page, the 404 page
PAGE_KINDS = ("home", "draft", "translation", "notice", "kit", "open", "finished", "topic", "agency", "topics",
              "agencies", "feeds", "search", "content", "not_found")


@dataclass(frozen=True)
class Page:
    url: str                       # "" for home, "du-thao/hoc-phi/" …
    kind: str                      # one of PAGE_KINDS: what the page is; the engine adapter frames each kind its way
    title: str
    template: str = ""             # core template for the main content; "" when the engine renders Markdown
    data: dict = field(default_factory=dict, compare=False, hash=False)
    description: str = ""
    source: str = ""               # the file the page comes from, if any


@dataclass(frozen=True)
class Asset:
    """A file copied into the site as it is (a draft's documents)."""

    source: Path
    target: str                    # path in the output


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str


@dataclass(frozen=True)
class Plan:
    config: SiteConfig
    now: dt.datetime
    drafts: tuple[DraftView, ...]
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    nav: tuple[NavItem, ...]
    content: tuple[ContentPage, ...]
    cache_dir: Path | None = None  # results later builds may reuse (cache_location); None: none kept
    bodies: Bodies | None = field(default=None, compare=False, repr=False)   # the bodies drafts keep apart

    def body(self, draft: Draft) -> str:
        """A draft's Markdown body, read where it is kept (`load.bodies`): the caller uses it
        and lets it go."""
        return body_of(draft, self.bodies)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def page(self, url: str) -> Page:
        for page in self.pages:
            if page.url == url:
                return page
        raise KeyError(url)

    def pages_of(self, kind: str) -> list[Page]:
        return [page for page in self.pages if page.kind == kind]

    @functools.cached_property
    def view_texts(self) -> dict[int, list]:
        """The text that stands for each draft view of the plan, by its id, made once when
        first asked for: `<view SHA-256 of its repr>`. The keys of cached pages and files are
        made of them (`stable_text`), a view is shown on several pages, and a listing of 20
        drafts is hashed as 20 digests instead of the 20 drafts' whole text. Only the plan's
        own views, which it keeps alive."""
        return {id(view): [view, None] for view in self.drafts}

    def remember_views(self, workers: int = 1) -> None:
        """Make every view's text now (before forking, so that the workers share them), on
        `workers` processes: a view's repr costs a tenth of a millisecond, 10,000 of them a second."""
        texts = self.view_texts
        missing = [(i, view) for i, view in enumerate(self.drafts) if texts[id(view)][1] is None]
        for found in parallel.map_chunks(lambda chunk: [(i, _view_text(view)) for i, view in chunk], missing,
                                         workers, VIEWS_IN_PARALLEL_FROM):
            for i, text in found:
                texts[id(self.drafts[i])][1] = text

    def stable_text(self, value) -> str:
        """repr(value), but each draft view of the plan's as its `view_texts`: a text that
        changes exactly when the view's repr does, build after build, at a fraction of the cost."""
        if isinstance(value, DraftView):
            known = self.view_texts.get(id(value))
            if known is None or known[0] is not value:
                return repr(value)
            if known[1] is None:
                known[1] = _view_text(value)
            return known[1]
        if type(value) is dict:
            return "{" + ", ".join(f"{key!r}: {self.stable_text(v)}" for key, v in value.items()) + "}"
        if type(value) is list:
            return "[" + ", ".join(self.stable_text(v) for v in value) + "]"
        if type(value) is tuple:
            return "(" + "".join(self.stable_text(v) + ", " for v in value) + ")"
        return repr(value)


VIEWS_IN_PARALLEL_FROM = 2000   # views; below this, forking costs more than it saves


def _view_text(view: DraftView) -> str:
    return f"<view {hashlib.sha256(repr(view).encode('utf-8', 'surrogatepass')).hexdigest()}>"


def open_order(view: DraftView):
    """Closing soonest first."""
    return (view.draft.consultation.deadline, view.draft.title, view.draft.slug)


def upcoming_order(view: DraftView):
    return (view.draft.consultation.opens, view.draft.title, view.draft.slug)


def finished_order(view: DraftView):
    """Most recently closed first."""
    return (-view.draft.consultation.deadline.timestamp(), view.draft.title, view.draft.slug)


def by_relevance(views) -> list[DraftView]:
    """Open first (closing soonest), then upcoming, then the rest, newest first."""
    views = list(views)
    open_ = sorted((v for v in views if v.status is Status.OPEN), key=open_order)
    upcoming = sorted((v for v in views if v.status is Status.UPCOMING), key=upcoming_order)
    rest = sorted((v for v in views if v.status not in (Status.OPEN, Status.UPCOMING)), key=finished_order)
    return open_ + upcoming + rest


def notice_channels(draft: Draft, now: dt.datetime) -> tuple:
    """The ways to respond a notice printed today lists: every channel but meetings held
    before the day of the build."""
    return tuple(ch for ch in draft.consultation.channels
                 if ch.type != "meeting" or ch.date is None or ch.date.date() >= now.date())


def draft_views(drafts, config: SiteConfig, now: dt.datetime, root: Path) -> tuple[DraftView, ...]:
    views = []
    for draft in drafts:
        views.append(DraftView(
            draft=draft,
            url=f"{config.paths.drafts}/{draft.slug}/",
            state=status_view(draft, now),
            agency=config.agencies[draft.agency],
            doc_type=config.doc_types[draft.doc_type],
            topics=tuple(config.topics[key] for key in draft.topics),
            source_dir=(root / draft.source).parent,
        ))
    return tuple(sorted(views, key=lambda v: v.draft.slug))


def kit_url(view: DraftView) -> str:
    """The address of a draft's communication kit; "" once there is no time left to comment."""
    return view.url + KIT if view.status in KIT_STATUSES else ""


def _listing(url: str, kind: str, title: str, entries: list[DraftView], page_size: int,
             description: str, **data) -> list[Page]:
    """One listing, split into pages of `page_size` entries: url, url/trang-2/, …"""
    chunks = [entries[i:i + page_size] for i in range(0, len(entries), page_size)] or [[]]
    urls_ = [url] + [f"{url}trang-{n}/" for n in range(2, len(chunks) + 1)]
    pages = []
    for number, (chunk, page_url) in enumerate(zip(chunks, urls_), start=1):
        pages.append(Page(
            url=page_url, kind=kind,
            title=title if number == 1 else f"{title} (trang {number})",
            template="pages/listing.html",
            description=description,
            data={"entries": chunk, "total": len(entries), "number": number, "count": len(chunks),
                  "pages": urls_, "first_url": url, "heading": title, **data},
        ))
    return pages


def draft_pages(view: DraftView, now: dt.datetime, changes: KeptChanges | None = None,
                bodies: Bodies | None = None) -> tuple[list[Page], list[Asset]]:
    """A draft's own pages (its page, translations, notice, kit) and the files beside them:
    what they say depends on the draft and the day alone, so the preview plans them alone.
    `changes`: where the changes since its earlier version are kept (None: none kept);
    `bodies`: where the draft's body is kept, when it does not hold it."""
    pages: list[Page] = []
    assets: list[Asset] = []
    kit = kit_url(view)
    translations = tuple(editions.read_translation(t, view.source_dir, view.draft.title)
                         for t in view.draft.translations)
    # a notice for the board only while it can still bring comments
    notice = view.url + NOTICE if view.status in NOTICE_STATUSES else ""
    pages.append(Page(url=view.url, kind="draft", title=view.draft.title, template="pages/draft.html",
                      description=view.draft.summary,
                      source=view.draft.source,
                      data={"view": view, "share_image": view.url + SHARE_IMAGE, "notice": notice,
                            "kit_url": kit,
                            "history": version_history(view.draft.versions, lambda: body_of(view.draft, bodies),
                                                       view.source_dir, (changes or _UNKEPT).compare),
                            "translations": tuple((translation_url(view.url, t.lang), t)
                                                  for t in translations)}))
    for translation in translations:   # each reference translation is a page of its own
        pages.append(Page(url=translation_url(view.url, translation.lang), kind="translation",
                          title=translation.title, template="pages/translation.html",
                          description=translation.summary or view.draft.summary,
                          source=view.draft.source,
                          data={"view": view, "translation": translation, "draft_url": view.url}))
    if notice:
        pages.append(Page(url=notice, kind="notice", title=f"Thông báo lấy ý kiến: {view.draft.title}",
                          template="pages/notice.html",
                          description=view.draft.summary, source=view.draft.source,
                          data={"view": view, "share_image": view.url + SHARE_IMAGE, "draft_url": view.url,
                                "channels": notice_channels(view.draft, now), "kit_url": kit}))
    if kit:
        pages.append(Page(url=kit, kind="kit", title=f"Tài liệu truyền thông: {view.draft.title}",
                          template="pages/kit.html",
                          description="Lời đọc trên loa truyền thanh, bài đăng Zalo, Facebook và ảnh chia sẻ "
                                      f"về dự thảo: {view.draft.title}",
                          source=view.draft.source,
                          data={"view": view, "share_image": view.url + SHARE_IMAGE, "draft_url": view.url,
                                "notice": notice}))
    for document in view.draft.documents:
        if document.file:
            assets.append(Asset(view.source_dir / document.file, view.url + document.file))
    for picture in view.draft.infographics:
        if picture.kind == "image":
            assets.append(Asset(view.source_dir / picture.image, view.url + picture.image))
    return pages, assets


def plan_site(config: SiteConfig, drafts, content: list[ContentPage], now: dt.datetime,
              root: Path, cache_dir: Path | None = None, bodies: Bodies | None = None) -> Plan:
    """Every page of the site, in a stable order; `cache_dir`: where results of earlier
    builds are kept (the changes since each draft's earlier version), and the plan's;
    `bodies`: where the drafts' bodies are kept (`load.bodies`)."""
    paths = config.paths
    changes = kept_changes(cache_dir)
    views = draft_views(drafts, config, now, root)
    pages: list[Page] = []
    assets: list[Asset] = []

    intro = next((c for c in content if c.slug == ""), None)
    open_ = sorted((v for v in views if v.status is Status.OPEN), key=open_order)
    upcoming = sorted((v for v in views if v.status is Status.UPCOMING), key=upcoming_order)
    finished = sorted((v for v in views if v.status.is_finished), key=finished_order)
    pages.append(Page(url="", kind="home", title=config.site.name, template="pages/home.html",
                      description=config.site.description,
                      source=intro.source if intro else "",
                      data={"open": open_, "upcoming": upcoming, "recent": finished[:6],
                            "finished_total": len(finished), "intro": intro}))

    for view in views:
        own_pages, own_assets = draft_pages(view, now, changes, bodies)
        pages += own_pages
        assets += own_assets

    pages += _listing(f"{paths.open}/", "open", "Dự thảo đang lấy ý kiến", open_, config.page_size,
                      "Các dự thảo đang lấy ý kiến góp ý, hạn gần nhất ở đầu.",
                      upcoming=upcoming)
    pages += _listing(f"{paths.finished}/", "finished", "Dự thảo đã kết thúc lấy ý kiến", finished,
                      config.page_size, "Các dự thảo đã hết hạn góp ý, đã công bố kết quả tiếp thu hoặc đã ban hành.")

    # each draft in its topics' and its agency's lists, in the order of `views`, in one pass
    of_topic: dict[str, list[DraftView]] = {key: [] for key in config.topics}
    of_agency: dict[str, list[DraftView]] = {key: [] for key in config.agencies}
    for view in views:
        for key in dict.fromkeys(view.draft.topics):
            if key in of_topic:
                of_topic[key].append(view)
        if view.draft.agency in of_agency:
            of_agency[view.draft.agency].append(view)

    topic_counts = {}
    for key, topic in sorted(config.topics.items()):
        entries = by_relevance(of_topic[key])
        topic_counts[key] = (topic, len(entries), sum(v.status is Status.OPEN for v in entries))
        pages += _listing(f"{paths.topics}/{key}/", "topic", f"Lĩnh vực: {topic.name}", entries, config.page_size,
                          f"Các dự thảo thuộc lĩnh vực {topic.name}.", topic=topic)
    pages.append(Page(url=f"{paths.topics}/", kind="topics", title="Dự thảo theo lĩnh vực",
                      template="pages/index.html",
                      description="Danh sách lĩnh vực và số dự thảo của từng lĩnh vực.",
                      data={"groups": [(f"{paths.topics}/{k}/", t.name, n, o) for k, (t, n, o) in topic_counts.items()],
                            "heading": "Dự thảo theo lĩnh vực"}))

    agency_counts = {}
    for key, agency in sorted(config.agencies.items()):
        entries = by_relevance(of_agency[key])
        agency_counts[key] = (agency, len(entries), sum(v.status is Status.OPEN for v in entries))
        pages += _listing(f"{paths.agencies}/{key}/", "agency", agency.name, entries, config.page_size,
                          f"Các dự thảo do {agency.name} chủ trì soạn thảo.", agency=agency)
    pages.append(Page(url=f"{paths.agencies}/", kind="agencies", title="Dự thảo theo cơ quan soạn thảo",
                      template="pages/index.html",
                      description="Danh sách cơ quan chủ trì soạn thảo và số dự thảo của từng cơ quan.",
                      data={"groups": [(f"{paths.agencies}/{k}/", a.name, n, o) for k, (a, n, o) in agency_counts.items()],
                            "heading": "Dự thảo theo cơ quan soạn thảo"}))

    pages.append(Page(url=FEEDS_PAGE, kind="feeds", title="Nhận tin về dự thảo",
                      template="pages/feeds.html",
                      description="Theo dõi dự thảo mới và thay đổi bằng ứng dụng đọc tin (RSS, Atom, JSON Feed), "
                                  "lịch hạn góp ý và dữ liệu mở: địa chỉ và cách dùng.",
                      data={"total": len(views), "open_total": len(open_),
                            "agencies": [(k, a, n) for k, (a, n, _) in agency_counts.items()],
                            "topics": [(k, t, n) for k, (t, n, _) in topic_counts.items()]}))
    for page in sorted((c for c in content if c.slug), key=lambda c: (c.order, c.slug)):
        pages.append(Page(url=f"{page.slug}.html", kind="content", title=page.title, description=page.description,
                          source=page.source, data={"content": page}))
    pages.append(Page(url=f"{paths.search}/", kind="search", title="Tìm kiếm dự thảo",
                      template="pages/search.html",
                      description="Tìm dự thảo theo từ khóa, gõ có dấu hay không dấu, lọc theo trạng thái, "
                                  "cơ quan, lĩnh vực và năm.",
                      data={"filters": search_filters(views, config), "index_file": SEARCH_INDEX_FILE}))
    pages.append(Page(url="404.html", kind="not_found", title="Không tìm thấy trang",
                      template="pages/not_found.html"))

    nav = [NavItem("Trang chủ", ""), NavItem("Đang lấy ý kiến", f"{paths.open}/"),
           NavItem("Đã kết thúc", f"{paths.finished}/"), NavItem("Theo lĩnh vực", f"{paths.topics}/"),
           NavItem("Theo cơ quan", f"{paths.agencies}/"), NavItem("Tìm kiếm", f"{paths.search}/")]
    nav += [NavItem(p.title, p.url) for p in pages if p.kind == "content"]
    _check_unique(pages)
    changes.prune()
    return Plan(config=config, now=now, drafts=views, pages=tuple(pages), assets=tuple(assets),
                nav=tuple(nav), content=tuple(content), cache_dir=cache_dir, bodies=bodies)


_UNKEPT = kept_changes(None)


class UrlCollision(ValueError):
    """Two pages want one address: the file, and the two sources (or kinds of page) that want it."""

    def __init__(self, url: str, first: str, second: str):
        super().__init__(f"two pages want the URL '{url}': {first} and {second}")
        self.url, self.first, self.second = url, first, second


def _check_unique(pages: list[Page]) -> None:
    seen = {}
    for page in pages:
        if page.url in seen:
            raise UrlCollision(urls.file_of(page.url), seen[page.url].source or seen[page.url].kind,
                               page.source or page.kind)
        seen[page.url] = page


def search_filters(views, config: SiteConfig) -> dict:
    """The choices of the search page's filters: only values some draft has."""
    present_status = {view.status for view in views}
    agencies = {view.draft.agency for view in views}
    topics = {key for view in views for key in view.draft.topics}
    return {
        "statuses": [(STATUS_SLUG[s], STATUS_LABEL[s]) for s in STATUS_SLUG if s in present_status],
        "agencies": [(key, config.agencies[key].name) for key in sorted(agencies)],
        "topics": [(key, config.topics[key].name) for key in sorted(topics)],
        "years": sorted({view.draft.consultation.opens.year for view in views}, reverse=True),
    }
