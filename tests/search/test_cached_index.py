"""What the search keeps in the build cache (each block's cards and term counts, the shards),
and the index made on several cores: always the files a build from nothing writes."""
from __future__ import annotations

import datetime as dt
import json
import numpy as np
import pytest

from generator import build as pipeline
from generator.outputs.search import drafts, shards
from generator.outputs.search.counting import Counts
from generator.outputs.search import index as search_index
from tests.conftest import TODAY, draft_text, make_site, tree_bytes
from tests.search.oracle import plan_of
from tests.site.test_frames import DRAFTS

EVIL = '"); window.pwned = 1; ("'


def build(config, out, **options) -> dict[str, bytes]:
    options.setdefault("workers", 1)
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, **options))
    assert not result.report.errors
    return tree_bytes(out)


def _as_lists(counts):
    return counts.names, counts.terms.tolist(), counts.counts.tolist(), counts.lengths.tolist()


@pytest.fixture(scope="module")
def part(tmp_path_factory):
    body = "## Bến đò\n\nKhách qua Bến đò Thủy Biều trả phí theo Điều 5.\n\n| Xe | Mức |\n|---|---|\n| Xe máy | 5 |\n"
    config = make_site(tmp_path_factory.mktemp("site"), {"a.md": draft_text(body=body),
                                                          "b.md": draft_text(title="Phí bến đò", body="Bến đò.\n")})
    plan = plan_of(config)
    views = plan.drafts
    return drafts.make_block(views, "tim-kiem/", plan.body), [drafts.card_texts(view, "tim-kiem/") for view in views]


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
    yield drafts.encode([card.replace('{"url":"', '{"url":"javascript:alert(1)//","url":"'), cards[1]], counts)   # a key twice
    yield drafts.encode([card.replace('"title":', '"title" :'), cards[1]], counts)   # not spelt as a build writes it
    yield drafts.encode(cards, _changed(counts, terms=np.concatenate([terms[:1], terms[:-1]])))    # a term twice
    yield drafts.encode(cards, _changed(counts, counts=np.zeros_like(counts.counts)))              # counted 0
    yield drafts.encode(cards, _changed(counts, names=["", *names[1:]]))                           # an empty term
    yield drafts.encode(cards, _changed(counts, names=[names[1], *names[1:]]))                     # a name twice
    # terms a build never makes: the browser folds a term's words one by one (a term of many
    # spaces overflows its stack), and orders terms by UTF-16 unit, not by code point
    yield drafts.encode(cards, _changed(counts, names=["a " * 20_000 + "b", *names[1:]]))
    yield drafts.encode(cards, _changed(counts, names=["\U0001f600", *names[1:]]))
    yield drafts.encode(cards, _changed(counts, names=["a\U0001f600", *names[1:]]))
    yield drafts.encode(cards, _changed(counts, names=["<b>", *names[1:]]))
    yield drafts.encode(cards, _changed(counts, names=[" ", *names[1:]]))
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


def test_kept_shards_are_read_again_unless_readers_already_have_their_bytes(tmp_path, monkeypatch):
    """A next build into the published site takes a kept shard without reading it only when
    the published file holds those very bytes; any other bytes are checked as before."""
    config = make_site(tmp_path / "s", DRAFTS)
    cache, out = tmp_path / "cache", tmp_path / "site"
    cold = build(config, tmp_path / "cold", use_cache=False)
    assert build(config, out, cache_dir=cache) == cold
    read, real = [], search_index._data_of
    monkeypatch.setattr(search_index, "_data_of", lambda name, data: read.append(name) or real(name, data))
    assert build(config, out, cache_dir=cache) == cold
    assert read == []                                  # the published shard is what the cache keeps
    shard_file, = (cache / search_index.CACHE_FOLDER).glob(f"*/*{search_index.SHARDS_SUFFIX}")
    shard_cache = search_index.FileCache(shard_file.parent.parent, search_index.SHARDS_SUFFIX, 60)
    shard_key = shard_file.name.removesuffix(search_index.SHARDS_SUFFIX)
    kept = dict(search_index.unpack(shard_cache.read(shard_key)))
    shard_cache.write(shard_key, search_index.pack(
        [(name, data if name == search_index.BOUNDARIES else b"self.pwned=1;" + data) for name, data in kept.items()]))
    again = build(config, out, cache_dir=cache)
    assert read == ["chi-muc/0.js"]                    # other bytes than the site's: checked, refused
    assert again == cold and not any(b"pwned" in data for data in again.values())
    (out / "tim-kiem" / "chi-muc" / "0.js").write_bytes(kept["chi-muc/0.js"])   # the same bytes, another file
    read.clear()
    assert build(config, out, cache_dir=cache) == cold
    assert read == ["chi-muc/0.js"]                    # a file the manifest does not vouch for: read


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


def _forged_shards(terms: list, count: int):
    """Shards that are one loader call with JSON each, but not an index a build makes."""
    term, *parts = terms[0]
    field, gaps, scores = parts[0][:3]
    yield {"terms": terms}                                                  # not a list of terms
    yield [[term, [field, [gaps[0] + count], scores]], *terms[1:]]          # a draft there is not
    yield [[term, [field, [-1], scores]], *terms[1:]]
    yield [[term, [field, ["../../x"], scores]], *terms[1:]]                # a ref made of text
    yield [[term, [field, [0.5], scores]], *terms[1:]]
    yield [[term, [field, gaps + [0], scores + [1.0], [0] * (len(gaps) + 1)]], *terms[1:]]   # a draft twice
    yield [[term, [7, gaps, scores]], *terms[1:]]                           # no such field
    yield [[term, [field, gaps, scores], [field, gaps, scores]], *terms[1:]]
    yield [[term, [field, gaps, [float("nan")]]], *terms[1:]]
    yield [[term, [field, gaps, scores + [1.0], [5] * len(gaps)]], *terms[1:]]   # no such score
    yield [[term, [field, gaps, scores, [0] * len(gaps)]], *terms[1:]]
    yield [["a " * 20_000 + "b", *parts], *terms[1:]]                        # overflows the browser's stack
    yield [["\U0001f600", *parts], *terms[1:]]
    yield [*terms[1:], terms[0]]                                            # not in order
    yield [terms[0], *terms]                                                # a term twice


def test_kept_shards_that_are_not_an_index_a_build_makes_are_cut_again(tmp_path):
    """Shards that the browser reads as an index: documents of the site only, each once per
    field, fields and scores that exist, terms the browser can fold, in order."""
    config = make_site(tmp_path / "s", DRAFTS)
    cache = tmp_path / "cache"
    cold = build(config, tmp_path / "cold", use_cache=False)
    assert build(config, tmp_path / "one", cache_dir=cache) == cold
    shard_file, = (cache / search_index.CACHE_FOLDER).glob(f"*/*{search_index.SHARDS_SUFFIX}")
    shard_cache = search_index.FileCache(shard_file.parent.parent, search_index.SHARDS_SUFFIX, 60)
    shard_key = shard_file.name.removesuffix(search_index.SHARDS_SUFFIX)
    kept = dict(search_index.unpack(shard_cache.read(shard_key)))
    assert list(kept) == [search_index.BOUNDARIES, "chi-muc/0.js"]          # one shard: its terms all there
    head = b'PolicyhubSearchData("chi-muc/0",'
    terms = json.loads(kept["chi-muc/0.js"].removeprefix(head).removesuffix(b");\n"))
    for number, forged in enumerate(_forged_shards(terms, len(DRAFTS))):
        shard_cache.write(shard_key, search_index.pack([(search_index.BOUNDARIES, kept[search_index.BOUNDARIES]),
                                                        ("chi-muc/0.js", search_index.script("chi-muc/0", forged))]))
        assert build(config, tmp_path / f"forged-{number}", cache_dir=cache) == cold, number
    # a second shard where JavaScript, comparing UTF-16 units, would not look for it
    shard_cache.write(shard_key, search_index.pack([(search_index.BOUNDARIES, json.dumps(["", "\U0001f600"]).encode()),
                                                    ("chi-muc/0.js", kept["chi-muc/0.js"]),
                                                    ("chi-muc/1.js", search_index.script("chi-muc/1", []))]))
    assert build(config, tmp_path / "forged-boundary", cache_dir=cache) == cold
