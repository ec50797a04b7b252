"""The MkDocs + mkdocs-material adapter: the only module that imports MkDocs.

It writes a standard mkdocs-material project into a work folder (generated pages whose
front matter names a template from theme/ for their kind, the content pages as Markdown, a
generated mkdocs.yml), runs MkDocs, and puts the content the core rendered into the pages
it builds (see `Engine` in engines/base.py for what an adapter is handed and returns).
"""
from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
from pathlib import Path

import jinja2
import yaml

from generator.plan import urls
from generator.validate.attachments import content_files
from generator.engines.base import TOKEN, EngineError, EngineJob
from generator.engines.mkdocs_material import made
from generator.messages import Term
from generator.plan.plan import Page, Plan
from generator.render import compiled
from generator.render.pages import RenderedPage
from generator.markup.sanitise import sanitise

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# the template of theme/ each kind of page is built with (content pages: Material's main.html)
TEMPLATES = {"home": "home.html", "draft": "draft.html", "translation": "draft.html", "notice": "notice.html",
             "kit": "kit.html", "open": "listing.html", "finished": "listing.html", "topic": "listing.html",
             "agency": "listing.html", "topics": "listing.html", "agencies": "listing.html", "feeds": "listing.html",
             "search": "search.html", "content": "main.html", "not_found": "404.html"}
# how the templates of theme/ write each slot (main.html, partials/header.html, partials/footer.html)
SLOT_SOURCES = {"title": "{{ page.meta.title }}", "description": "{{ page.meta.description }}",
                "canonical": "{{ page.canonical_url }}", "head": "{{ policyhub_head }}",
                "content": "{{ policyhub_content }}", "footer": "{{ policyhub_footer }}"}


def _source_of(page: Page) -> str:
    """The Markdown file in the MkDocs project that becomes `page`."""
    if page.kind == "content":
        return page.url[: -len(".html")] + ".md"
    return page.url + "index.md"


def write_project(job: EngineJob) -> Path:
    """Write the MkDocs project; returns the path of its mkdocs.yml.

    Pages in `job.whole` are built by the engine as they are, those of `job.marked` with
    markers in their slots; the other pages are not part of the project."""
    plan, work, theme_dirs, content_dir = job.plan, job.work, job.theme_dirs, job.content_dir
    docs = work / "docs"
    overrides = work / "overrides"
    for path in (docs, overrides):
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
    # the shipped theme first, then the site's own overrides on top
    for theme in reversed(theme_dirs):
        shutil.copytree(theme, overrides, dirs_exist_ok=True)
    # pictures and documents used by content pages (the files `check` allowed, nothing else)
    for path in content_files(content_dir, content_dir.parent.resolve()):
        target = docs / path.relative_to(content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)

    markers = {page.url for page in job.marked}
    for page in plan.pages:
        if page.kind == "not_found" or (page.url not in job.whole and page.url not in markers):
            continue  # the 404 is a static template of the theme; framed pages are filled later
        target = docs / _source_of(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        # mkdocs-material writes title and description into the page without escaping them:
        # hand it text that is already HTML-safe
        meta = {"title": html.escape(page.title)}
        if page.description:
            meta["description"] = html.escape(page.description)
        if page.url in markers:
            meta = {"title": TOKEN["title"], "description": TOKEN["description"]}
        if page.kind == "content":
            body = page.data["content"].body
        else:
            meta["template"] = TEMPLATES[page.kind]
            meta["hide"] = ["toc"]
            body = ""  # the core renders the content; see PolicyhubPlugin
        target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body,
                          encoding="utf-8")
    config_file = work / "mkdocs.yml"
    config_file.write_text(_mkdocs_yml(plan, job.site_dir), encoding="utf-8")
    return config_file


def _mkdocs_yml(plan: Plan, site_dir: Path) -> str:
    site = plan.config.site
    by_url = {page.url: page for page in plan.pages}
    # MkDocs's templates do not escape what they are given (nav titles, names): hand them HTML-safe text
    nav = [{html.escape(item.title): _source_of(by_url[item.url])} for item in plan.nav]
    config = {
        "site_name": html.escape(site.name),
        "site_url": site.base_url,
        "site_description": html.escape(site.description),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": False,   # links name index.html: works from disk and any host
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "language": site.language,
            "font": False,             # no Google Fonts: system fonts, nothing from other hosts
            "features": ["navigation.top"],
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        },
        "plugins": [],                 # material's search is replaced by our prebuilt index
        "markdown_extensions": [
            "tables", "sane_lists", "footnotes", "abbr", "def_list",
            {"toc": {"toc_depth": "2-4"}},
            "generator.markup.markdown",
        ],
        "extra": {"generator": False,
                  # the header's search box (theme/partials/header.html) leads to the search page
                  "policyhub_search": urls.file_of(f"{plan.config.paths.search}/"),
                  # shown in the header on phones, where the full name would be cut to a few letters
                  "policyhub_short_name": html.escape(site.short_name)},
        "extra_css": ["assets/stylesheets/policyhub.css"],
        "extra_javascript": ["assets/javascripts/policyhub.js"],
        "nav": nav,
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "ignore"}},
        "copyright": html.escape(site.name),
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _plugin_class():
    from mkdocs.plugins import BasePlugin

    class PolicyhubPlugin(BasePlugin):
        """Puts the core's rendering into the pages MkDocs builds."""

        def __init__(self, plan: Plan, rendered: dict[str, RenderedPage], markers: set[str]):
            super().__init__()
            self.plan = plan
            self.rendered = rendered
            self.markers = markers
            self.by_source = {_source_of(p): p for p in plan.pages if p.kind != "not_found"}
            self.not_found = next(p for p in plan.pages if p.kind == "not_found")

        def on_config(self, config):
            # headings of content pages get the same Vietnamese ids as draft bodies
            from generator.markup.markdown import heading_id
            config.mdx_configs.setdefault("toc", {})["slugify"] = heading_id
            return config

        def on_env(self, env, config, files):
            # Material's templates compiled once per process, like the core's (render/compiled.py)
            return compiled.InMemoryBytecode().attach(env)

        def on_page_markdown(self, markdown, page, config, files):
            found = self.by_source.get(page.file.src_uri)
            if found is not None and found.kind != "content":
                return ""
            return markdown

        def on_page_content(self, html_text, page, config, files):
            # a content page's Markdown went through our extension; the sanitiser is the second line
            found = self.by_source.get(page.file.src_uri)
            return sanitise(html_text) if found is not None and found.kind == "content" else html_text

        def on_page_context(self, context, page, config, nav):
            found = self.by_source.get(page.file.src_uri)
            if found is None:
                return context
            if found.url in self.markers:
                context["policyhub_head"] = TOKEN["head"]
                context["policyhub_footer"] = TOKEN["footer"]
                context["policyhub_content"] = TOKEN["content"]
                page.canonical_url = TOKEN["canonical"]
                return context
            parts = self.rendered[found.url]
            context["policyhub_head"] = parts.head
            context["policyhub_footer"] = parts.footer
            if found.kind != "content":
                context["policyhub_content"] = parts.content
            page.canonical_url = urls.absolute(found.url if found.url else "", self.plan.config.site.base_url)
            return context

        def on_post_page(self, output, page, config):
            return _valid_html(output)

        def on_post_template(self, output_content, template_name, config):
            return _valid_html(output_content) if template_name.endswith(".html") else output_content

        def on_template_context(self, context, template_name, config):
            if template_name == "404.html":
                parts = self.rendered[self.not_found.url]
                context["policyhub_content"] = parts.content
                context["policyhub_head"] = parts.head
                context["policyhub_footer"] = parts.footer
            return context

    return PolicyhubPlugin


# mkdocs-material marks its menu checkboxes autocomplete="off", which HTML does not allow on
# checkboxes (the Nu Html Checker rejects every page for it).
_INVALID_TOGGLE_ATTRIBUTE = ' type="checkbox" id="__drawer" autocomplete="off"', ' type="checkbox" id="__search" autocomplete="off"'


def _valid_html(html_text: str) -> str:
    for attribute in _INVALID_TOGGLE_ATTRIBUTE:
        html_text = html_text.replace(attribute, attribute.replace(' autocomplete="off"', ""))
    return html_text


# mkdocs-material copies its script bundle, search worker, lunr's languages and stylesheets
# into every site; policyhub's frame (theme/main.html) loads none of them
_THEME_ASSETS = ("assets/javascripts/bundle.*", "assets/javascripts/workers", "assets/javascripts/lunr",
                 "assets/stylesheets/main.*", "assets/stylesheets/palette.*")


def drop_unused_theme_assets(site_dir: Path) -> None:
    """Remove the theme's own assets that no page the engine wrote refers to (a site's theme
    that brings Material's stylesheet or script back keeps them)."""
    pages = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site_dir.rglob("*.html")))
    for pattern in _THEME_ASSETS:
        for path in sorted(site_dir.glob(pattern)):
            folder = path.is_dir() and not path.is_symlink()
            name = path.name[:-len(".map")] if path.name.endswith(".map") else path.name
            if (f"{path.parent.name}/{name}/" if folder else name) in pages:
                continue
            if folder:
                shutil.rmtree(path)
            else:
                path.unlink()


class _Held(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _messages_held(logger: logging.Logger):
    """MkDocs's messages, passed on when its build ends; dropped when it stopped on a file it
    could not write (a full or read-only disk): the build says that in one line of its own."""
    handlers, held = logger.handlers[:], _Held()
    for handler in handlers:
        logger.removeHandler(handler)
    logger.addHandler(held)
    try:
        yield
    except OSError:
        held.records.clear()
        raise
    finally:
        logger.removeHandler(held)
        for handler in handlers:
            logger.addHandler(handler)
        for record in held.records:
            logger.handle(record)


def _theme_file(filename: str | None, job: EngineJob) -> str | Term:
    """A template of the project's overrides folder, as the site's editor knows it."""
    try:
        name = Path(filename or "").relative_to(job.work / "overrides").as_posix()
    except ValueError:
        return filename or Term("engine.some-template")
    own = job.theme_dirs[0] if len(job.theme_dirs) > 1 else None
    return f"theme/{name}" if own is not None and (own / name).is_file() else Term("engine.shipped-template", name=name)


class MkdocsMaterial:
    """MkDocs 1.6 with mkdocs-material 9 (the theme of the site's frame, navigation and
    content pages). The frames are Material's pages with the markers in their slots; fills
    the `Engine` protocol of engines/base.py."""

    name = "mkdocs-material"
    slot_sources = SLOT_SOURCES

    def template_of(self, kind: str) -> str:
        return TEMPLATES[kind]

    def build(self, job: EngineJob) -> dict[str, str]:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        config_file = write_project(job)
        key = made.project_key(job, config_file, *_versions())
        again = made.put_back(key, job.site_dir)
        if again is not None:   # this process built this very project before
            return again
        logger = logging.getLogger("mkdocs")
        logger.setLevel(logging.WARNING)
        if not logger.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
            logger.addHandler(handler)
        try:
            with _messages_held(logger):
                config = load_config(config_file=str(config_file))
                plugin = _plugin_class()(job.plan, job.whole, {page.url for page in job.marked})
                config.plugins["policyhub"] = plugin
                plugin.on_config(config)  # load_config ran the config event before the plugin was added
                build(config)
        except MkDocsException as exc:
            raise EngineError(str(exc)) from exc
        except jinja2.TemplateSyntaxError as exc:   # a template of theme/ that does not compile
            raise EngineError(Term("engine.template-syntax", file=_theme_file(exc.filename, job), line=exc.lineno,
                                   detail=exc.message or "")) from exc
        except jinja2.TemplateError as exc:         # one that fails while it renders, or is missing
            raise EngineError(Term("engine.template-failed", detail=exc.message or type(exc).__name__)) from exc
        # MkDocs's compressed copy of its sitemap would disagree with the core's sitemap.xml
        (job.site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
        drop_unused_theme_assets(job.site_dir)
        marked = {page.url: (job.site_dir / urls.file_of(page.url)).read_text(encoding="utf-8")
                  for page in job.marked}
        made.remember(key, job.site_dir, marked)
        return marked


def _versions() -> tuple[str, ...]:
    """What the engine's output depends on besides its project."""
    from importlib.metadata import version

    from mkdocs.utils import get_build_date
    return version("mkdocs"), version("mkdocs-material"), get_build_date()
