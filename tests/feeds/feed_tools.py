"""Readers and validators for the feed files, using the tools a real client would."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from jsonschema import Draft202012Validator
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
ATOM_NS = "http://www.w3.org/2005/Atom"
A = "{%s}" % ATOM_NS


def atom_files(site: Path) -> list[Path]:
    feeds = site / "feeds"
    return sorted(p for p in feeds.rglob("*.xml") if p.name != "rss.xml")


def all_feed_files(site: Path) -> list[Path]:
    return [site / "feeds" / "rss.xml"] + atom_files(site)


def jing(*files: Path) -> subprocess.CompletedProcess:
    """Validate against RFC 4287's RELAX NG schema with jing (Debian's package)."""
    binary = shutil.which("jing")
    if binary is None:
        pytest.fail("jing is not installed: run scripts/install-system-deps.sh")
    return subprocess.run([binary, "-c", str(SCHEMAS / "atom.rnc"), *map(str, files)],
                          capture_output=True, text=True)


def json_errors(schema: dict, data) -> list[str]:
    """Every JSON Schema error, with format checking on (dates, URIs)."""
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def atom_entries(path: Path) -> dict[str, dict]:
    """id -> {updated, link, title, categories} of every entry of an Atom feed, in order."""
    root = etree.parse(str(path)).getroot()
    out = {}
    for entry in root.iter(A + "entry"):
        out[entry.findtext(A + "id")] = {
            "updated": entry.findtext(A + "updated"),
            "link": next(link.get("href") for link in entry.findall(A + "link")
                         if link.get("rel", "alternate") == "alternate"),   # no rel means alternate
            "title": entry.findtext(A + "title"),
            "categories": [c.get("term") for c in entry.findall(A + "category")],
        }
    return out


def page_file(site: Path, url: str, base_url: str) -> Path:
    """The built file an absolute link of the site points to."""
    assert url.startswith(base_url), url
    path = url[len(base_url):]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def feed_items(feeds_page: Path) -> dict[str, tuple[str, str]]:
    """id -> (site path of the file its link leads to, the address it gives to copy) of
    every item of the "Nhận tin" page."""
    site = feeds_page.parent.parent.resolve()
    items = {}
    for li in lxml.html.fromstring(feeds_page.read_bytes()).iter("li"):
        if li.get("id") and li.find(".//a") is not None:
            target = (feeds_page.parent / li.find(".//a").get("href")).resolve().relative_to(site).as_posix()
            code = li.find(".//code")
            items[li.get("id")] = (target, code.text_content() if code is not None else "")
    return items
