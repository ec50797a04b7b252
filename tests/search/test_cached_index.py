"""What the search keeps in the build cache (each draft's card and term counts, the shards),
and the index made on several cores: always the files a build from nothing writes."""
from __future__ import annotations

import datetime as dt
from array import array

import pytest

from generator import build as pipeline
from generator.outputs.search import drafts, shards
from generator.outputs.search import index as search_index
from tests.conftest import TODAY, draft_text, make_site
from tests.search.oracle import plan_of
from tests.site.test_frames import DRAFTS, files

EVIL = '"); window.pwned = 1; ("'


def build(config, out, **options) -> dict[str, bytes]:
    options.setdefault("workers", 1)
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, **options))
    assert not result.report.errors
    return files(out)


@pytest.fixture(scope="module")
def part(tmp_path_factory):
    body = "## Bến đò\n\nKhách qua Bến đò Thủy Biều trả phí theo Điều 5.\n\n| Xe | Mức |\n|---|---|\n| Xe máy | 5 |\n"
    config = make_site(tmp_path_factory.mktemp("site"), {"a.md": draft_text(body=body)})
    view = plan_of(config).drafts[0]
    return drafts.make(view, "tim-kiem/"), drafts.card_texts(view, "tim-kiem/")


def test_an_entry_gives_back_the_card_and_the_counts_it_was_made_of(part):
    (card, fields), texts = part
    assert "Thủy Biều" in card and [len(terms) for terms, _ in fields] == [len(counts) for _, counts in fields]
    assert "thủy biều" in fields[2][0] and "bến đò" in fields[2][0]
    assert drafts.decode(drafts.encode(card, fields), texts) == (card, fields)
    assert drafts.decode(drafts.encode(card, fields), texts, with_terms=False) == (card, None)   # the card alone


def _entries_not_to_trust(card, fields):
    good = drafts.encode(card, fields)
    header, _, rest = good.partition(b"\n")
    (title, title_counts), about, body = fields
    yield good[:-1]                                                       # cut
    yield good + b"\0"                                                    # longer than it says
    yield header.replace(b"search-draft 1", b"search-draft 2") + b"\n" + rest
    yield drafts.encode(card[:-1], fields)                                # not JSON
    yield drafts.encode(card.replace('"title"', '"titel"'), fields)       # not a card's shape
    yield drafts.encode(card.replace('"body":[', '"body":[1,'), fields)
    yield drafts.encode(card.replace('"title":"', f'"title":{EVIL}"'), fields)
    yield drafts.encode(card.replace('"title":"', '"title":"\u2028'), fields)   # ends a string in old engines
    yield drafts.encode(card.replace('"url":"', '"url":"javascript:alert(1)//'), fields)   # a link that runs
    yield drafts.encode(card.replace('"title":"', '"title":"Đã rút: '), fields)   # a title the draft does not have
    yield drafts.encode(card, [([*title, title[0]], array("i", [*title_counts, 1])), about, body])   # a term twice
    yield drafts.encode(card, [(title, array("i", [0] * len(title))), about, body])                  # counted 0
    yield drafts.encode(card, [(["", *title[1:]], title_counts), about, body])                         # an empty term


def test_an_entry_not_exactly_as_written_is_not_used(part):
    (card, fields), texts = part
    for data in _entries_not_to_trust(card, fields):
        assert drafts.decode(data, texts) is None, data[:80]


def test_entries_that_pass_the_cache_check_but_not_the_format_are_made_again(tmp_path):
    """A cache file is untrusted: well-signed entries (the check finds damage, not a forger)
    that are not a card, or shards that do not fit, give the site a build from nothing gives."""
    config = make_site(tmp_path / "s", DRAFTS)
    cache = tmp_path / "cache"
    cold = build(config, tmp_path / "cold", use_cache=False)
    assert build(config, tmp_path / "one", cache_dir=cache) == cold
    draft_cache = drafts.cache(cache / search_index.CACHE_FOLDER)
    entries = sorted(draft_cache.folder.glob(f"*/*{drafts.ENTRY_SUFFIX}"))
    assert len(entries) == len(DRAFTS)
    for view in plan_of(config).drafts:
        key = drafts.key(view, "tim-kiem/")
        card, fields = drafts.decode(draft_cache.read(key), drafts.card_texts(view, "tim-kiem/"))
        forged = card.replace('"title":"', f'"title":{EVIL}"').replace('"url":"', '"url":"javascript:alert(1)//')
        draft_cache.write(key, drafts.encode(forged, fields))
    shard_files = list(draft_cache.folder.glob(f"*/*{search_index.SHARDS_SUFFIX}"))
    assert len(shard_files) == 1
    shard_cache = search_index.FileCache(draft_cache.folder, search_index.SHARDS_SUFFIX, 60)
    shard_cache.write(shard_files[0].name.removesuffix(search_index.SHARDS_SUFFIX),
                      search_index.pack([(search_index.BOUNDARIES, b'["", "z", "a"]'),
                                         *((f"chi-muc/{n}.js", EVIL.encode()) for n in range(3))]))
    again = build(config, tmp_path / "two", cache_dir=cache)
    assert again == cold
    assert not any(EVIL.encode() in data or b"javascript:" in data for data in again.values())
    assert build(config, tmp_path / "three", cache_dir=cache) == cold   # what it made again is kept
    # shards as a build keeps them, each with a script in front of its loader call
    shard_file, = draft_cache.folder.glob(f"*/*{search_index.SHARDS_SUFFIX}")
    shard_key = shard_file.name.removesuffix(search_index.SHARDS_SUFFIX)
    kept = dict(search_index.unpack(shard_cache.read(shard_key)))
    shard_cache.write(shard_key, search_index.pack(
        [(name, data if name == search_index.BOUNDARIES else b"self.pwned=1;" + data) for name, data in kept.items()]))
    fourth = build(config, tmp_path / "four", cache_dir=cache)
    assert fourth == cold and not any(b"pwned" in data for data in fourth.values())


def test_the_index_made_on_two_cores_is_the_index_made_on_one(tmp_path, monkeypatch):
    many = {**DRAFTS, **{f"2026/them-{n}.md": draft_text(title=f"Dự thảo thêm số {n} về bến đò",
                                                           body=f"## Điều {n}\n\nNội dung thứ {n}.\n")
                         for n in range(7)}}
    config = make_site(tmp_path / "s", many)
    monkeypatch.setattr(shards, "SHARD_POSTINGS", 60)       # a few shards
    one = build(config, tmp_path / "one", use_cache=False)
    assert len([name for name in one if name.startswith("tim-kiem/chi-muc/")]) > 4
    monkeypatch.setattr(search_index, "BLOCK", 2)            # 11 drafts: six blocks, three per core
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search_index, "SHARDS_PARALLEL_FROM", 2)
    assert build(config, tmp_path / "two", use_cache=False, workers=2) == one
    assert build(config, tmp_path / "cached", cache_dir=tmp_path / "cache", workers=2) == one
    assert build(config, tmp_path / "again", cache_dir=tmp_path / "cache", workers=2) == one
