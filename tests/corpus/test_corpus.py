"""bench/corpus.py, the generated province the site tests and the benchmarks build."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import unicodedata

import pytest
import yaml

from bench import corpus_vocabulary as vocabulary
from bench.corpus import STATES, Site, dump, make_draft, write_corpus
from tests.conftest import REPO, tree_bytes

TODAY = dt.date(2026, 11, 21)


def front_and_body(path):
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), front, body


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "60", 60, today=TODAY)


def test_the_same_seed_writes_the_same_bytes_and_a_draft_does_not_depend_on_the_count(tmp_path, corpus):
    again = write_corpus(tmp_path / "again", 60, today=TODAY)
    assert tree_bytes(again.root) == tree_bytes(corpus.root)
    fewer = tree_bytes(write_corpus(tmp_path / "fewer", 20, today=TODAY).root)
    assert all(tree_bytes(corpus.root)[name] == data for name, data in fewer.items())
    other = tree_bytes(write_corpus(tmp_path / "other", 20, seed=7, today=TODAY).root)
    assert {n for n in other if n.startswith("drafts/")} != {n for n in fewer if n.startswith("drafts/")}


def test_every_state_occurs_from_six_drafts_on(tmp_path, corpus):
    assert set(write_corpus(tmp_path / "six", 6, today=TODAY).states().values()) == {1}
    assert all(corpus.states()[state] for state in STATES)


def test_front_matter_reads_back_as_written():
    site = Site("Khánh Hòa", "khanhhoa", "0258", TODAY)
    for number in range(400):
        _, front, *_ = make_draft(number, 42, site)
        assert yaml.safe_load(dump(front)) == front, number


def test_dates_give_each_draft_its_state_on_the_day(corpus):
    for draft in corpus.drafts:
        front, _, _ = front_and_body(draft.path)
        c = front["consultation"]
        closes = c.get("extended_to") or c["closes"]
        last_day = dt.date.fromisoformat(closes[:10]) if isinstance(closes, str) else closes
        response = front.get("response")
        if draft.state == "upcoming":
            assert c["opens"] > TODAY
        elif draft.state == "open":
            assert c["opens"] <= TODAY <= last_day
        elif draft.state in ("closed", "responded"):
            assert last_day < TODAY and "status" not in front
            assert (response is not None and response["published"] <= TODAY) == (draft.state == "responded")
        else:
            assert front["status"] == draft.state
            assert ("outcome" in front) == (draft.state == "adopted")


def test_the_config_declares_every_key_the_drafts_use(corpus):
    config = yaml.safe_load(corpus.config.read_text(encoding="utf-8"))
    for draft in corpus.drafts:
        front, _, _ = front_and_body(draft.path)
        assert front["agency"] in config["agencies"] and front["doc_type"] in config["doc_types"]
        assert set(front["topics"]) <= set(config["topics"])


def test_bodies_have_headings_lists_and_a_table_and_name_places_only_there(corpus):
    places = [f"bến đò {name}" for name in vocabulary.FERRIES] + [f"đường {name}" for name in vocabulary.STREETS]
    places += [f"xã {name}" for name in vocabulary.COMMUNES] + [f"thôn {name}" for name in vocabulary.VILLAGES]
    named = 0
    for draft in corpus.drafts:
        front, front_text, body = front_and_body(draft.path)
        assert 300 <= len(body.split()) <= 1600, draft.slug
        assert re.search(r"^## ", body, re.M) and re.search(r"^(- |1\. )", body, re.M), draft.slug
        assert re.search(r"^\|---", body, re.M), draft.slug
        assert unicodedata.is_normalized("NFC", body + front_text)
        assert not [p for p in places if p in front_text], draft.slug
        named += any(p in body for p in places)
        # resolutions and decisions are written in articles; plans, directives and schemes in tasks
        articles = re.search(r"^### Điều \d+\. ", body, re.M)
        assert bool(articles) == (front["doc_type"] in ("nghi-quyet-hdnd", "quyet-dinh-ubnd")), draft.slug
    assert named == len(corpus.drafts)


def test_drafts_with_files_live_in_their_own_folder(corpus):
    folders = [d for d in corpus.drafts if d.path.name == "index.md"]
    assert folders and len(folders) < len(corpus.drafts)
    for draft in folders:
        front, _, _ = front_and_body(draft.path)
        named = {doc["file"] for doc in front.get("documents", []) if "file" in doc}
        named |= {item["file"] for item in front.get("versions", []) + front.get("translations", [])}
        named |= {chart["image"] for chart in front.get("infographics", []) if "image" in chart}
        assert named == {p.name for p in draft.path.parent.iterdir()} - {"index.md"}, draft.slug


def test_the_command_line_writes_a_corpus_and_refuses_a_folder_in_use(tmp_path):
    script = REPO / "bench" / "corpus.py"
    done = subprocess.run([sys.executable, str(script), "8", str(tmp_path / "c"), "--province", "Gia Lai"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "tỉnh Gia Lai" in (tmp_path / "c/site_config.yml").read_text(encoding="utf-8")
    assert len(list((tmp_path / "c/drafts").rglob("*.md"))) >= 8
    again = subprocess.run([sys.executable, str(script), "8", str(tmp_path / "c")], capture_output=True, text=True)
    assert again.returncode == 2 and "not empty" in again.stderr
