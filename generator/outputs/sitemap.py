"""sitemap.xml and robots.txt, from the plan: absolute URLs from the base URL."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from generator.cache import published
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
    published.put(out / "sitemap.xml", sitemap_xml(plan))
    gz = out / "sitemap.xml.gz"  # the engine's own copy would disagree with ours (outputs.precompress writes it)
    if gz.exists():
        gz.unlink()
    published.put(out / "robots.txt", robots_txt(plan).encode("utf-8"))

