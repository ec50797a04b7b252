"""What the search keeps in the build cache (each block's cards and term counts, the shards),
and the index made on several cores: always the files a build from nothing writes."""
from __future__ import annotations

import datetime as dt
import numpy as np
import pytest

from generator import build as pipeline
from generator.outputs.search import drafts, shards
from generator.outputs.search.counting import Counts
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


def _as_lists(counts):
    return counts.names, counts.terms.tolist(), counts.counts.tolist(), counts.lengths.tolist()


@pytest.fixture(scope="module")
def part(tmp_path_factory):
    body = "## Bến đò\n\nKhách qua Bến đò Thủy Biều trả phí theo Điều 5.\n\n| Xe | Mức |\n|---|---|\n| Xe máy | 5 |\n"
    config = make_site(tmp_path_factory.mktemp("site"), {"a.md": draft_text(body=body),
                                                          "b.md": draft_text(title="Phí bến đò", body="Bến đò.\n")})
    views = plan_of(config).drafts
    return drafts.make_block(views, "tim-kiem/"), [drafts.card_texts(view, "tim-kiem/") for view in views]


def test_an_entry_gives_back_the_cards_and_the_counts_it_was_made_of(part):
    (cards, counts), texts = part
    assert "Thủy Biều" in cards[0] and len(cards) == 2 and len(counts.lengths) == 6
    assert "thủy biều" in counts.fields(0)[2] and "bến đò" in counts.fields(0)[2]
    assert "bến đò" in counts.fields(1)[0] and "bến đò" not in counts.fields(1)[2]   # in the title: not the body
    kept, none = drafts.decode(drafts.encode(cards, counts), texts)
    assert kept == cards and _as_lists(none) == _as_lists(counts)
    assert drafts.decode(drafts.encode(cards, counts), texts, with_terms=False) == (cards, None)   # the cards alone


def _changed(of, **parts):
    return Counts(**{"names": of.names, "terms": of.terms, "counts": of.counts, "lengths": of.lengths, **parts})


def _entries_not_to_trust(cards, counts):
    good = drafts.encode(cards, counts)
    header, _, rest = good.partition(b"\n")
    card = cards[0]
    names, terms = counts.names, counts.terms
    yield good[:-1]                                                       # cut
    yield good + b"\0"                                                    # longer than it says
    yield header.replace(b"search-block 1", b"search-block 2") + b"\n" + rest
    yield drafts.encode(cards[:1], counts)                                # a draft's card missing
    yield drafts.encode([card[:-1], cards[1]], counts)                    # not JSON
    yield drafts.encode([card.replace('"title"', '"titel"'), cards[1]], counts)       # not a card's shape
    yield drafts.encode([card.replace('"body":[', '"body":[1,'), cards[1]], counts)
    yield drafts.encode([card.replace('"title":"', f'"title":{EVIL}"'), cards[1]], counts)
    yield drafts.encode([card.replace('"title":"', '"title":"\u2028'), cards[1]], counts)   # ends a string in old engines
    yield drafts.encode([card.replace('"url":"', '"url":"javascript:alert(1)//'), cards[1]], counts)   # a link that runs
    yield drafts.encode([card.replace('"title":"', '"title":"Đã rút: '), cards[1]], counts)   # a title not the draft's
    yield drafts.encode([cards[1], card], counts)                          # two drafts' cards swapped
    yield drafts.encode(cards, _changed(counts, terms=np.concatenate([terms[:1], terms[:-1]])))    # a term twice
    yield drafts.encode(cards, _changed(counts, counts=np.zeros_like(counts.counts)))              # counted 0
    yield drafts.encode(cards, _changed(counts, names=["", *names[1:]]))                           # an empty term
    yield drafts.encode(cards, _changed(counts, names=[names[1], *names[1:]]))                     # a name twice
    yield drafts.encode(cards, _changed(counts, terms=terms + len(names)))                         # no such term
    yield drafts.encode(cards, _changed(counts, terms=terms - terms.max() - 1))                    # below 0
    longer = counts.lengths.copy()
    longer[-1] += 1
    yield drafts.encode(cards, _changed(counts, lengths=longer))                                   # more than there are
    negative = counts.lengths.copy()
    negative[1] += negative[0] + 1
    negative[0] = -1
    yield drafts.encode(cards, _changed(counts, lengths=negative))                                 # the sum right, one below 0


def test_an_entry_not_exactly_as_written_is_not_used(part):
    (cards, counts), texts = part
    for data in _entries_not_to_trust(cards, counts):
        assert drafts.decode(data, texts) is None, data[:80]
    assert drafts.decode(drafts.encode(cards, counts), texts[:1]) is None       # for fewer drafts


def test_a_draft_added_or_removed_changes_the_block_it_falls_in_only():
    slugs = [f"du-thao-{n:04d}" for n in range(600)]
    blocks = drafts.blocks(slugs)
    assert [n for block in blocks for n in block] == list(range(600))
    assert 5 < len(blocks) < 30 and max(map(len, blocks)) <= 2 * drafts.BLOCK

    def named(slugs):
        return {tuple(slugs[n] for n in block) for block in drafts.blocks(slugs)}

    for changed in (sorted([*slugs, "du-thao-0300a"]), slugs[:300] + slugs[301:]):
        assert len(named(slugs) - named(changed)) <= 2      # the block it falls in (and the one a cut of twice BLOCK moves)


def test_entries_that_pass_the_cache_check_but_not_the_format_are_made_again(tmp_path):
    """A cache file is untrusted: well-signed entries (the check finds damage, not a forger)
    that are not a card, or shards that do not fit, give the site a build from nothing gives."""
    config = make_site(tmp_path / "s", DRAFTS)
    cache = tmp_path / "cache"
    cold = build(config, tmp_path / "cold", use_cache=False)
    assert build(config, tmp_path / "one", cache_dir=cache) == cold
    draft_cache = drafts.cache(cache / search_index.CACHE_FOLDER)
    views = plan_of(config).drafts
    blocks = drafts.blocks([view.draft.slug for view in views])
    entries = sorted(draft_cache.folder.glob(f"*/*{drafts.ENTRY_SUFFIX}"))
    assert len(entries) == len(blocks)
    for numbers in blocks:
        key = drafts.block_key([drafts.key(view, "tim-kiem/") for view in views[numbers.start:numbers.stop]])
        cards, counts = drafts.decode(draft_cache.read(key), [drafts.card_texts(view, "tim-kiem/")
                                                              for view in views[numbers.start:numbers.stop]])
        forged = [card.replace('"title":"', f'"title":{EVIL}"').replace('"url":"', '"url":"javascript:alert(1)//')
                  for card in cards]
        draft_cache.write(key, drafts.encode(forged, counts))
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
    monkeypatch.setattr(drafts, "BLOCK", 2)                  # 11 drafts: blocks of about two
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search_index, "SHARDS_PARALLEL_FROM", 2)
    assert build(config, tmp_path / "two", use_cache=False, workers=2) == one
    assert build(config, tmp_path / "cached", cache_dir=tmp_path / "cache", workers=2) == one
    assert build(config, tmp_path / "again", cache_dir=tmp_path / "cache", workers=2) == one
