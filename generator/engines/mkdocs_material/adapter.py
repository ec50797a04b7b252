"""The engine adapter: the only module that imports MkDocs.

It writes a standard mkdocs-material project into a work folder (generated pages whose
front matter names a template from theme/, the content pages as Markdown, a generated
mkdocs.yml), runs MkDocs, and fills generated pages with the content the core rendered.
A later adapter (e.g. for Zensical) has the same entry point: `build_site`.
"""
from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
from pathlib import Path

import yaml

from generator.plan import urls
from generator.validate.attachments import content_files
from generator.engines.base import TOKEN, EngineError, Frame, frame_key
from generator.plan.plan import Page, Plan
from generator.render.pages import RenderedPage
from generator.markup.sanitise import sanitise

ENGINE_NAME = "mkdocs-material"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _source_of(page: Page) -> str:
    """The Markdown file in the MkDocs project that becomes `page`."""
    if page.kind == "content":
        return page.url[: -len(".html")] + ".md"
    return page.url + "index.md"


def representatives(framed: list[Page]) -> dict[tuple, Page]:
    """The first page of each frame: the engine renders it with slot markers."""
    first: dict[tuple, Page] = {}
    for page in framed:
        first.setdefault(frame_key(page), page)
    return first


def write_project(plan: Plan, rendered: dict[str, RenderedPage], framed: list[Page], work: Path,
                  site_dir: Path, theme_dirs: list[Path], content_dir: Path) -> Path:
    """Write the MkDocs project; returns the path of its mkdocs.yml.

    Pages in `rendered` are built by the engine as they are; of the `framed` pages only one
    per frame is, with markers in its slots."""
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

    markers = {p.url for p in representatives(framed).values()}
    for page in plan.pages:
        if page.kind == "not_found" or (page.url not in rendered and page.url not in markers):
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
            meta["template"] = page.engine_template
            meta["hide"] = ["toc"]
            body = ""  # the core renders the content; see PolicyhubPlugin
        target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body,
                          encoding="utf-8")
    config_file = work / "mkdocs.yml"
    config_file.write_text(_mkdocs_yml(plan, site_dir), encoding="utf-8")
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


def build_site(plan: Plan, rendered: dict[str, RenderedPage], framed: list[Page], work: Path, site_dir: Path,
               theme_dirs: list[Path], content_dir: Path, quiet: bool = True) -> dict[str, Frame]:
    """Build the site into `site_dir` with MkDocs + mkdocs-material.

    Pages in `rendered` come out whole. For the `framed` pages the result is their frames
    (page URL -> Frame), for the core to fill; none of them is written yet."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = write_project(plan, rendered, framed, work, site_dir, theme_dirs, content_dir)
    firsts = representatives(framed)
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
    try:
        with _messages_held(logger):
            config = load_config(config_file=str(config_file))
            plugin = _plugin_class()(plan, rendered, {p.url for p in firsts.values()})
            config.plugins["policyhub"] = plugin
            plugin.on_config(config)  # load_config ran the config event before the plugin was added
            build(config)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from exc
    drop_unused_theme_assets(site_dir)
    frames = {key: Frame.from_html((site_dir / urls.file_of(page.url)).read_text(encoding="utf-8"))
              for key, page in firsts.items()}
    for (template, _, _), frame in frames.items():
        # a site's theme may replace the footer or head additions with its own; the content
        # is what a page is for
        if TOKEN["content"] not in frame.parts:
            raise EngineError(f"the theme's template {template} does not show the page's content")
    return {page.url: frames[frame_key(page)] for page in framed}
