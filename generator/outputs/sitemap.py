"""sitemap.xml and robots.txt, from the plan: absolute URLs from the base URL."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from generator.plan import urls
from generator.plan.plan import Plan

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(plan: Plan) -> bytes:
    root = etree.Element("urlset", xmlns=SITEMAP_NS)
    for page in plan.pages:
        if page.kind == "not_found":
            continue
        entry = etree.SubElement(root, "url")
        etree.SubElement(entry, "loc").text = urls.absolute(page.url, plan.config.site.base_url)
    etree.indent(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(plan: Plan) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {plan.config.site.base_url}sitemap.xml\n"


def write_sitemap(plan: Plan, out: Path) -> None:
    (out / "sitemap.xml").write_bytes(sitemap_xml(plan))
    gz = out / "sitemap.xml.gz"  # the engine's own copy would disagree with ours
    if gz.exists():
        gz.unlink()
    (out / "robots.txt").write_text(robots_txt(plan), encoding="utf-8")


def write_feed_folder_sitemaps(plan: Plan, out: Path) -> None:
    """An empty sitemap in every folder of feeds.

    mkdocs-material's script asks for `sitemap.xml` next to every `<link rel="alternate">`
    of a page (it looks for language versions of the site), and pages announce their feeds
    that way. Without these files every page view would end in a failed request; with them
    it is a tiny one the browser caches. Search engines only read the sitemap robots.txt names.
    """
    folder = out / "feeds"
    if not folder.is_dir():
        return
    empty = etree.Element("urlset", xmlns=SITEMAP_NS)
    data = etree.tostring(empty, encoding="utf-8", xml_declaration=True) + b"\n"
    for path in sorted({folder, *(p for p in folder.rglob("*") if p.is_dir())}):
        (path / "sitemap.xml").write_bytes(data)
