"""Atom and RSS say the same about each draft, as feedparser (what many readers are built
on) reads them: the same topics, named the same way, and the same author."""
from __future__ import annotations

import feedparser
from lxml import etree

from tests.conftest import BASE_CONFIG, draft_text, make_site, run_policyhub
from tests.feeds.feed_tools import A, load_json


def _by_id(path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed, {e.id: e for e in parsed.entries}


def test_atom_and_rss_name_the_same_topics_with_the_same_labels_and_keys(example_build, example_plan):
    _, atom = _by_id(example_build / "feeds" / "atom.xml")
    _, rss = _by_id(example_build / "feeds" / "rss.xml")
    assert atom.keys() == rss.keys()
    base = example_plan.config.site.base_url
    topics_folder = base + example_plan.config.paths.topics + "/"
    names = {key: topic.name for key, topic in example_plan.config.topics.items()}
    for entry_id, entry in atom.items():
        atom_tags = [(t.label, t.term, t.scheme) for t in entry.tags]
        rss_tags = [(t.term, t.scheme) for t in rss[entry_id].tags]
        # the name is what a reader shows: Atom's label, the text of RSS's category
        assert [label for label, _, _ in atom_tags] == [text for text, _ in rss_tags]
        assert all(label == names[key] for label, key, _ in atom_tags)
        # the key identifies the topic: Atom's term in the topics' scheme, RSS's domain the topic's page
        assert all(scheme == topics_folder for _, _, scheme in atom_tags)
        assert [scheme + key + "/" for _, key, scheme in atom_tags] == [domain for _, domain in rss_tags]
    json_items = {i["id"]: i for i in load_json(example_build / "feeds" / "feed.json")["items"]}
    for entry_id, entry in atom.items():
        assert json_items[entry_id]["tags"] == [t.label for t in entry.tags]
        assert json_items[entry_id]["_policyhub"]["topics"] == [t.term for t in entry.tags]


def test_atom_and_rss_name_the_drafting_agency_as_author(example_build, example_plan):
    atom_feed, atom = _by_id(example_build / "feeds" / "atom.xml")
    rss_feed, rss = _by_id(example_build / "feeds" / "rss.xml")
    base = example_plan.config.site.base_url
    views = {base + v.url: v for v in example_plan.drafts}
    for entry_id, entry in atom.items():
        agency = views[entry.link].agency
        assert entry.author == rss[entry_id].author == agency.name
        assert rss[entry_id].author_detail == {"name": agency.name}   # RSS has no place for a web address
        assert entry.author_detail.get("href") == (agency.url or None)
    # the channel's editor is the site, with its address, in both
    site = example_plan.config.site
    assert atom_feed.feed.author_detail == rss_feed.feed.author_detail == {"name": site.name, "email": site.contact.email}


def test_rss_items_name_their_author_as_dc_creator_not_as_an_email_address(example_build):
    channel = etree.parse(str(example_build / "feeds" / "rss.xml")).getroot().find("channel")
    for item in channel.iter("item"):
        assert item.find("author") is None            # RSS 2.0's author must be an e-mail address
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator")


def test_a_site_without_a_contact_address_names_no_managing_editor(tmp_path):
    config = {**BASE_CONFIG, "site": {k: v for k, v in BASE_CONFIG["site"].items() if k != "contact"}}
    root = make_site(tmp_path, {"hoc-phi.md": draft_text()}, config=config)
    result = run_policyhub("build", "--config", str(root), "--out", str(tmp_path / "site"), "--today", "2026-11-22",
                           "--quiet")
    assert result.returncode == 0, result.stderr
    channel = etree.parse(str(tmp_path / "site" / "feeds" / "rss.xml")).getroot().find("channel")
    assert channel.find("managingEditor") is None
    assert etree.parse(str(tmp_path / "site" / "feeds" / "atom.xml")).getroot().find(A + "author/" + A + "email") is None


def test_an_agency_with_a_web_address_gives_it_in_atom_and_json_feed(tmp_path):
    agencies = {**BASE_CONFIG["agencies"], "so-giao-duc-dao-tao": {"name": "Sở Giáo dục và Đào tạo",
                                                                   "url": "https://sgddt.example.gov.vn/"}}
    root = make_site(tmp_path, {"hoc-phi.md": draft_text()}, config={**BASE_CONFIG, "agencies": agencies})
    result = run_policyhub("build", "--config", str(root), "--out", str(tmp_path / "site"), "--today", "2026-11-22",
                           "--quiet")
    assert result.returncode == 0, result.stderr
    (entry,) = feedparser.parse((tmp_path / "site" / "feeds" / "atom.xml").read_bytes()).entries
    assert entry.author_detail == {"name": "Sở Giáo dục và Đào tạo", "href": "https://sgddt.example.gov.vn/"}
    (item,) = feedparser.parse((tmp_path / "site" / "feeds" / "rss.xml").read_bytes()).entries
    assert item.author == "Sở Giáo dục và Đào tạo"
    (json_item,) = load_json(tmp_path / "site" / "feeds" / "feed.json")["items"]
    assert json_item["authors"] == [{"name": "Sở Giáo dục và Đào tạo", "url": "https://sgddt.example.gov.vn/"}]
