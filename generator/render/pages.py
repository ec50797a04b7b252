"""Render the main content of generated pages with Jinja2 templates from theme/.

The core renders what a page says (draft details, listings); the engine adapter puts it
into the site's frame (header, navigation, footer). Autoescaping is on: every string
from front matter is escaped, and only our own Markdown output is inserted as HTML.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.render import charts, compiled, format_vi, timeline
from generator.render.communication_kit import communication_kit
from generator.model import vocab
from generator.model.sentences import teaser
from generator.render import qr
from generator.cache import sources as source_cache
from generator.plan import urls
from generator.markup.markdown import MarkdownRenderer
from generator.cache.store import FileCache
from generator.plan.plan import Page, Plan
from generator.cache.sources import SourceCache

PACKAGE_THEME = Path(__file__).resolve().parent.parent / "theme"
SOURCE_THEME = Path(__file__).resolve().parent.parent.parent / "theme"


def package_theme_dir() -> Path:
    """The theme shipped with policyhub (inside the package when installed, else the repo's)."""
    return PACKAGE_THEME if PACKAGE_THEME.is_dir() else SOURCE_THEME


def theme_dirs(site_theme: Path | None) -> list[Path]:
    """Template search path: the site's own theme/ first, then the shipped one."""
    shipped = package_theme_dir()
    dirs = [site_theme] if site_theme and site_theme.resolve() != shipped.resolve() else []
    return dirs + [shipped]


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in dirs]), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=False)
    env.filters.update(date_short=format_vi.date_short, date_long=format_vi.date_long,
                       time_of=format_vi.time_of, number_vi=format_vi.number_vi,
                       filesize=format_vi.filesize_vi, tel_href=format_vi.tel_href,
                       teaser=teaser)
    env.globals.update(DOCUMENT_KINDS=vocab.DOCUMENT_KINDS, ACCEPTED_LABEL=vocab.ACCEPTED_LABEL,
                       GROUP_LABEL=vocab.RESPONSE_GROUPS, RSS_PATH=vocab.RSS_PATH, ATOM_PATH=vocab.ATOM_PATH,
                       JSON_FEED_PATH=vocab.JSON_FEED_PATH, OPEN_FEED_PATH=vocab.OPEN_FEED_PATH,
                       CALENDAR_PATH=vocab.CALENDAR_PATH, OPEN_DATA_PATH=vocab.OPEN_DATA_PATH,
                       OPEN_DATA_SCHEMA_PATH=vocab.OPEN_DATA_SCHEMA_PATH, agency_feed_path=vocab.agency_feed_path,
                       topic_feed_path=vocab.topic_feed_path, FEEDS_PAGE=vocab.FEEDS_PAGE,
                       has_time=format_vi.has_time, mailto_href=format_vi.mailto_href)
    return compiled.InMemoryBytecode().attach(env)


@dataclass(frozen=True)
class RenderedPage:
    """What the engine needs for a generated page: its main content and head additions."""

    content: str                   # "" for content pages: the engine renders their Markdown
    head: str
    footer: str


class Fragments:
    """The costliest pieces of a page, kept across builds by what they are made from: a
    draft's body in HTML (most of the time of its page) and a notice's QR code. A page is
    made again whenever its data changes (a new state, a passed milestone, an edit of any of
    its words), but these pieces only when their own text does. Files in `folder`, so that
    parallel workers share them."""

    KEEP_SECONDS = 7 * 24 * 3600       # pieces unused this long are removed

    def __init__(self, folder: Path | None):
        self.files = FileCache(folder, ".html", self.KEEP_SECONDS)

    def get(self, kind: str, source: str, make) -> str:
        key = SourceCache.key(kind, source_cache.code_digest(), source)
        data = self.files.read(key)
        if data is not None:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass   # not what this code writes: made again below
        text = make()
        self.files.write(key, text.encode("utf-8"))
        return text

    def prune(self) -> None:
        self.files.prune()


class PageRenderer:
    def __init__(self, plan: Plan, dirs: list[Path], env: jinja2.Environment | None = None,
                 fragments: Fragments | None = None):
        self.plan = plan
        self.env = env or make_environment(dirs)   # an environment keeps its compiled templates
        self.fragments = fragments or Fragments(None)
        self.glossary = repr(plan.config.plain_language.glossary)
        # draft bodies explain glossary terms where they are first used
        self.body_markdown = MarkdownRenderer(shift_headings=1, id_prefix="nd-",
                                              glossary=plan.config.plain_language.glossary)
        self.translation_markdown = MarkdownRenderer(shift_headings=0, id_prefix="nd-")   # its own h1, then ## as h2
        self.intro_markdown = MarkdownRenderer(shift_headings=0)

    def context(self, page: Page) -> dict:
        site = self.plan.config.site

        if page.kind == "not_found":
            # served at any missing address: links start from the base URL's path
            base_path = urllib.parse.urlsplit(site.base_url).path or "/"

            def href(target: str) -> str:
                return base_path + urls.file_of(target)
        else:
            def href(target: str) -> str:
                return urls.relative(target, page.url)

        # no "now" or "today": a page says only what its data says (filled pages are kept by
        # their data, and a page must stay true on the days after its build)
        return {"site": site, "config": self.plan.config, "plan": self.plan, "page": page, "href": href,
                "absolute": lambda target: urls.absolute(target, site.base_url), **page.data}

    def render(self, page: Page) -> RenderedPage:
        context = self.context(page)
        if page.kind == "draft":
            view = page.data["view"]
            body = self.plan.body(view.draft)
            context["body_html"] = Markup(self.fragments.get("body\0" + self.glossary, body,
                                                             lambda: self.body_markdown.render(body).html))
            # SVG built by our code as element trees: every text in it is already escaped
            context["timeline"] = timeline.timeline_view(view.draft, view.status, view.state.note or view.state.label,
                                                         view.state.as_of)
            context["infographics"] = charts.infographic_views(view.draft)
        if page.kind == "translation":   # a reference translation's text, in its own language
            context["body_html"] = Markup(self.translation_markdown.render(page.data["translation"].body).html)
        if page.kind == "notice":
            address = urls.absolute(page.data["draft_url"], self.plan.config.site.base_url)
            context["qr_svg"] = Markup(self.fragments.get("qr", address, lambda: str(qr.qr_svg(address))))
        if page.kind == "kit":   # the radio script, the post and the card's description
            context["kit"] = communication_kit(page.data["view"], self.plan.config)
        if page.kind == "home" and page.data.get("intro"):
            context["intro_html"] = Markup(self.intro_markdown.render(page.data["intro"].body).html)
        content = self.env.get_template(page.template).render(context) if page.template else ""
        head = self.env.get_template("pages/head.html").render(context)
        footer = self.env.get_template("pages/footer.html").render(context)
        return RenderedPage(content=Markup(content), head=Markup(head), footer=Markup(footer))
