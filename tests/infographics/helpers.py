"""Drafts through the real load and validate stages, for the infographics tests."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from pathlib import Path

from generator.build import Options, load_and_validate
from generator.model.lifecycle import moment_of
from tests.conftest import make_site

SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 11, 22)


def checked(tmp_path: Path, drafts: dict[str, str], today: dt.date = TODAY, files=None):
    """(drafts by slug, report, now) for a site written to tmp_path."""
    config = make_site(tmp_path, drafts, files=files)
    result = load_and_validate(Options(config_path=config, today=today))
    return {d.slug: d for d in result.drafts}, result.report, moment_of(result.config, today)


def svg_root(markup: str) -> etree.Element:
    return etree.fromstring(str(markup))


def texts(root: etree.Element) -> list[str]:
    return [t.text for t in root.iter(SVG + "text")]


def assert_accessible_svg(root: etree.Element) -> None:
    """role="img", labelled by its own <title> and <desc>, both with words in them."""
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and desc is not None
    assert title.text.strip() and desc.text.strip()
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert not any(e.tag.endswith("script") or any(a.startswith("on") for a in e.attrib) for e in root.iter())
