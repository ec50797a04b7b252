"""A damaged cache never changes the site: every cache file is cut, garbled, replaced by
another entry, swapped with another or deleted (one kind of damage for all files per round,
then all kinds mixed), and each time the site and its warnings equal a --no-cache build byte
for byte, every damaged entry is made again, and the build after it reuses everything."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.markup import markdown as markdown_render
from generator.outputs.search import drafts as search_drafts
from generator.outputs.search import shards as search_shards
from generator.outputs.share_card import raster as share_image
from generator.cache import sources as source_cache
from generator.validate import draft as validate_draft
from generator.validate import site_check
from generator.load import yaml_positions
from generator.cache.store import FileCache
from tests.conftest import TODAY, cache_of, counting, draft_text, make_site, tree_bytes
from tests.site.test_frames import DRAFTS

LONG = " ".join(["Người dân được góp ý"] * 12) + "."   # one sentence of 60 words: a warning to keep
SITE = {**DRAFTS, "2026/dai.md": draft_text(title="Dự thảo có câu dài", body=f"## Nội dung\n\n{LONG}\n")}
# each folder of the cache and the kinds of entry in it
SUFFIXES = {"pages": (".html",), "fragments": (".html",), "share-images": (".png",), "entries": (".entries",),
            "search": (".block", ".shards")}
PAYLOAD_AT = 130   # a line of the sources file: "<check> <key> <JSON>"


def build(config: Path, out: Path, **options) -> pipeline.BuildResult:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, workers=1, **options))
    assert not result.report.errors
    return result


def entry_files(cache: Path) -> list[Path]:
    return sorted(p for kind in SUFFIXES for p in (cache / kind).rglob("*") if p.is_file())


def kind_of(path: Path) -> FileCache:
    return FileCache(path.parent.parent, path.name[64:], 0)   # an entry is named <key><suffix>


def unsound(cache: Path) -> list[str]:
    """Cache files and lines that do not pass their check (nothing a build would use)."""
    bad = [p.name for p in entry_files(cache) if kind_of(p).read(p.name[:64]) is None]
    header, *lines = (cache / source_cache.FILE_NAME).read_bytes().rstrip(b"\n").split(b"\n")
    bad += [line[:20].decode() for line in lines if line[:64] != source_cache._check(line[65:])]
    return bad


# ---------------------------------------------------------------- the kinds of damage

def cut(data: bytes) -> bytes:
    return data[:len(data) // 2]


def garble(data: bytes, start: int = 0) -> bytes:
    at = start + (len(data) - start) // 2
    return data[:at] + (b"y" if data[at:at + 1] == b"x" else b"x") + data[at + 1:]   # never a newline


def partners(count: int) -> list[int]:
    """Whose file each of `count` files gets in a swap: pairs exchange theirs; with an odd
    count the last three go round. Never its own."""
    partner = [i ^ 1 for i in range(count - count % 2)] + [count - 1] * (count % 2)
    if count % 2 and count >= 3:
        partner[-3:] = [count - 2, count - 1, count - 3]
    assert count < 2 or all(p != i for i, p in enumerate(partner))
    return partner


def damage_files(paths: list[Path], how: str) -> None:
    contents = [p.read_bytes() for p in paths]
    for index, path in enumerate(paths):
        if how == "cut":
            path.write_bytes(cut(contents[index]))
        elif how == "garble":
            path.write_bytes(garble(contents[index]))
        elif how == "replace":   # a well-formed entry of the same kind, for another key
            kind = kind_of(path)
            other = "0" * 64 if path.name[:64] != "0" * 64 else "1" * 64
            planted = b"<p>planted</p>" if path.suffix == ".html" else contents[index - 1]
            path.write_bytes(kind._check(other, planted) + planted)
        elif how == "swap":
            path.write_bytes(contents[partners(len(paths))[index]])
        elif how == "delete":
            path.unlink()


def damage_lines(path: Path, how: str) -> None:
    header, *lines = path.read_bytes().rstrip(b"\n").split(b"\n")
    payloads = [line[PAYLOAD_AT:] for line in lines]
    if how == "delete":
        path.unlink()
        return
    damaged = []
    for index, line in enumerate(lines):
        kind = how if how != "mixed" else ("cut", "garble", "replace", "swap")[index % 4]
        if kind == "cut":
            damaged.append(line[:PAYLOAD_AT + len(payloads[index]) // 2])
        elif kind == "garble":
            damaged.append(garble(line, PAYLOAD_AT))
        else:   # another entry's JSON under this one's check and key
            other = payloads[(index + 1) % len(lines)]
            damaged.append(line[:PAYLOAD_AT] + (other if other != payloads[index] else b"[]" + other))
    path.write_bytes(b"\n".join([header, *damaged]) + b"\n")


def damage(cache: Path, how: str) -> None:
    paths = entry_files(cache)
    if how == "mixed":   # each file its own kind, and a folder where an entry was
        kinds = ("cut", "garble", "replace", "swap", "delete")
        groups = {kind: paths[number::len(kinds)] for number, kind in enumerate(kinds)}
        assert all(len(group) >= 2 for group in groups.values())
        for kind, group in groups.items():
            damage_files(group, kind)
        folder_instead = groups["cut"][0]
        folder_instead.unlink()
        folder_instead.mkdir()
        file_instead = groups["garble"][0].parent   # and a file where a folder of entries was
        shutil.rmtree(file_instead)
        file_instead.write_bytes(b"garbage")
    else:
        damage_files(paths, how)
    damage_lines(cache / source_cache.FILE_NAME, how)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site, its files and warnings built without a cache, and a copy of the cache one
    build filled (with how many pages it rendered)."""
    root = tmp_path_factory.mktemp("damaged")
    config = make_site(root / "s", SITE)
    cold = build(config, root / "cold", use_cache=False)
    filled = build(config, root / "filled")
    assert filled.report.render_text() == cold.report.render_text()
    assert "a sentence in the body has" in cold.report.render_text("en")
    cache = cache_of(config)
    for kind, suffixes in SUFFIXES.items():   # every kind of cache is there to be damaged, and sound
        assert all(list((cache / kind).rglob(f"*{suffix}")) for suffix in suffixes), kind
    assert unsound(cache) == [] and (cache / source_cache.FILE_NAME).stat().st_size > 1000
    shutil.copytree(cache, root / "filled-cache")
    return config, tree_bytes(root / "cold"), cold.report.render_text(), filled.rendered, root


@pytest.mark.parametrize("how", ["cut", "garble", "replace", "swap", "delete", "mixed"])
def test_a_damaged_cache_is_made_again_and_never_changes_the_site(site, how, monkeypatch):
    config, cold_files, cold_warnings, framed, root = site
    cache = cache_of(config)
    shutil.rmtree(cache, ignore_errors=True)   # each round starts from the cache one build filled
    shutil.copytree(root / "filled-cache", cache)

    damage(cache, how)
    parsed = counting(monkeypatch, yaml_positions, "load")
    converted = counting(monkeypatch, markdown_render.MarkdownRenderer, "render")
    drawn = counting(monkeypatch, share_image, "rasterize")
    indexed = counting(monkeypatch, search_drafts, "make")
    cut = counting(monkeypatch, search_shards, "batches")
    damaged = build(config, root / how)
    assert tree_bytes(root / how) == cold_files
    assert damaged.report.render_text() == cold_warnings
    # nothing damaged was used: every page, body, card and front matter was made again
    assert (damaged.rendered, damaged.reused) == (framed, 0)
    assert len([a for a in parsed if "consultation:" in a[0]]) == len(SITE)
    bodies = {text.split("\n---\n", 1)[1] for text in SITE.values()}   # one conversion per distinct body
    assert sorted(a[1] for a in converted if a[1] in bodies) == sorted(bodies)
    assert len(drawn) == len(SITE) and len(indexed) == len(SITE) and len(cut) == 1
    # and written again: the next build finds a sound cache and reuses all of it
    assert unsound(cache) == []
    indexed.clear(), cut.clear()
    again = build(config, root / f"{how}-again")
    assert (again.rendered, again.reused) == (0, framed) and indexed == [] and cut == []
    assert tree_bytes(root / f"{how}-again") == cold_files


# ---------------------------------------------------------------- well-formed but wrong

def _first_key(change):
    def mutate(value):
        value[1]["keys"][0] = change(value[1]["keys"][0])
        return value
    return mutate


def _with(change):
    def mutate(value):
        change(value)
        return value
    return mutate


# Entries with a correct check (as a writer of the cache folder could make them) whose JSON is
# not what this version writes for that text: each is refused and the file read again.
FRONT_MATTER = {
    "a line given as text": _first_key(lambda e: [e[0], str(e[1]), e[2]]),
    "a line given as true": _first_key(lambda e: [e[0], True, e[2]]),
    "a line given as a fraction": _first_key(lambda e: [e[0], e[1] + 0.5, e[2]]),
    "line 0": _first_key(lambda e: [e[0], 0, e[2]]),
    "a line past the front matter": _first_key(lambda e: [e[0], 10 ** 6, e[2]]),
    "a column past its line": _first_key(lambda e: [e[0], e[1], 10 ** 6]),
    "a path of a fraction": _first_key(lambda e: [[*e[0], 1.5], e[1], e[2]]),
    "a position without a path": _first_key(lambda e: [[], e[1], e[2]]),
    "the position of a field that is not there": _with(lambda v: v[1]["values"].append([["khong-co"], 2, 1])),
    "a field without its position": _with(lambda v: v[1]["values"].pop()),
    "a field the positions do not name": _with(lambda v: v[0].update(status="withdrawn")),
    "a duplicate that is no key": _with(lambda v: v[1]["duplicates"].append([["khong-co"], 2, 1])),
    "the start elsewhere": _with(lambda v: v[1].update(start=[5, 1])),
    "positions with one more part": _with(lambda v: v[1].update(extra=[])),
    "not a pair": lambda v: {"data": v[0], "positions": v[1]},
    "a pair and more": lambda v: [*v, None],
    "a number too large to be finite": lambda v: json.dumps(
        [{**v[0], "title": "INFINITE"}, v[1]], ensure_ascii=False).replace('"INFINITE"', "1e999").encode("utf-8"),
}
FINDINGS = {
    "a code no check gives": lambda v: [*v, [2, 1, "evil-code", "a message", ""]],
    "an error among the warnings": lambda v: [*v, [2, 1, "bad-date", "a message", ""]],
    "a line past the file": lambda v: [*v, [10 ** 6, 1, "long-sentence", "a message", ""]],
    "a column past its line": lambda v: [*v, [len(SITE["2026/dai.md"].splitlines()), 10 ** 6, "long-sentence",
                                             "a message", ""]],
    "a line given as text": lambda v: [*v, ["2", 1, "long-sentence", "a message", ""]],
    "an empty message": lambda v: [*v, [2, 1, "long-sentence", "", ""]],
    "a finding of four parts": lambda v: [*v, [2, 1, "long-sentence", "a message"]],
    "not a list": lambda v: {"findings": v},
}
# Draft fields by position (model_codec writes a dataclass as the list of its fields)
SLUG, ID, TITLE, CONSULTATION, STATUS = 1, 2, 3, 8, 16


def _draft(change):
    def mutate(value):
        change(value[0])
        return value
    return mutate


CHECKED_DRAFTS = {
    "a slug that leads out of the site": _draft(lambda d: d.__setitem__(SLUG, "../../ngoai")),
    "an id that is no slug": _draft(lambda d: d.__setitem__(ID, "Mã số 1")),
    "a channel that runs a script": _draft(lambda d: d[CONSULTATION].__setitem__(
        2, [["form", "javascript:alert(1)", "", "", None, ""]])),
    "a title given as a number": _draft(lambda d: d.__setitem__(TITLE, 1)),
    "a draft one field short": _draft(lambda d: d.pop()),
    "a body said to be kept elsewhere": _draft(lambda d: d.__setitem__(-1, "0" * 64)),   # body_digest, the last field
    "the draft of another file": _draft(lambda d: d.__setitem__(0, "drafts/khac.md")),
    "a day that is no day": _draft(lambda d: d[CONSULTATION].__setitem__(0, ["2026-13-45T00:00:00", 0])),
    "a state no draft has": _draft(lambda d: d.__setitem__(STATUS, "published")),
    "a warning no check gives": lambda v: [v[0], [*v[1], [v[0][0], 2, 1, "evil-code", {}]], *v[2:]],
    "a position that is no position": lambda v: [*v[:2], [v[2][0], v[2][1], [0, 1], v[2][3]], v[3]],
    "a file beside it that it does not name": lambda v: [*v[:3], [*v[3], ["khac.pdf", [1] * 5, [1] * 5]]],
    "a fifth part": lambda v: [*v, None],
}
RAW = {
    "nested a hundred thousand deep": b"[" * 100_000 + b"]" * 100_000,
    "NaN": b"NaN",
    "a huge number": b"1e999999",
    "not UTF-8": b'["\xff\xfe"]',
    "a pickle": b"\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94\x8c\x06system\x94\x93\x94.",
}


def _is_front_matter(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and isinstance(value[1], dict)


def _is_checked_draft(value) -> bool:
    return isinstance(value, list) and len(value) == 4 and isinstance(value[0], list) and len(value[0]) > 20


def _kind_of(value) -> str:
    if _is_front_matter(value):
        return "front matter"
    if _is_checked_draft(value):
        return "checked draft"
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str):
        return "unchanged source"
    return "findings"


def _resigned(line: bytes, payload: bytes) -> bytes:
    key_and_payload = line[65:PAYLOAD_AT] + payload
    return source_cache._check(key_and_payload) + b" " + key_and_payload


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A site, its check without a cache, and the sources file a build wrote for it."""
    root = tmp_path_factory.mktemp("forged")
    config = make_site(root / "s", SITE)
    options = pipeline.Options(config_path=config, today=dt.date.fromisoformat(TODAY), quiet=True, workers=1)
    cold = pipeline.load_and_validate(pipeline.dataclasses.replace(options, use_cache=False))
    pipeline.load_and_validate(options)
    sources = cache_of(config) / source_cache.FILE_NAME
    return options, cold, sources, sources.read_bytes()


@pytest.mark.parametrize("kind,name", [("front matter", n) for n in FRONT_MATTER] + [("findings", n) for n in FINDINGS]
                         + [("checked draft", n) for n in CHECKED_DRAFTS] + [("raw", n) for n in RAW])
def test_a_well_signed_entry_of_the_wrong_shape_is_refused(stored, kind, name, monkeypatch):
    options, cold, sources, pristine = stored
    header, *lines = pristine.rstrip(b"\n").split(b"\n")
    forged, changed = [header], 0
    mutations = {"front matter": FRONT_MATTER, "findings": FINDINGS, "checked draft": CHECKED_DRAFTS}
    for line in lines:
        value = json.loads(line[PAYLOAD_AT:])
        if kind == "raw":
            payload = RAW[name]
        elif _kind_of(value) == kind:
            mutated = mutations[kind][name](value)
            payload = mutated if isinstance(mutated, bytes) else json.dumps(mutated, ensure_ascii=False).encode()
        elif _kind_of(value) == "checked draft":
            continue   # a checked draft found would spare reading the entries under test
        else:
            forged.append(line)
            continue
        forged.append(_resigned(line, payload))
        changed += 1
    assert changed >= len(SITE)
    sources.write_bytes(b"\n".join(forged) + b"\n")
    parsed = counting(monkeypatch, yaml_positions, "load")
    linted = counting(monkeypatch, validate_draft, "lint_plain_language")
    checked_again = counting(monkeypatch, site_check, "check_draft")
    checked = pipeline.load_and_validate(options)
    assert checked.report.render_text() == cold.report.render_text()
    assert [d.source for d in checked.drafts] == [d.source for d in cold.drafts]
    assert checked.drafts == cold.drafts
    assert len(checked_again) == len(SITE)   # no forged or missing checked draft was used
    if kind in ("front matter", "raw"):   # every forged front matter was parsed again
        assert len([a for a in parsed if "consultation:" in a[0]]) == len(SITE)
    if kind in ("findings", "raw"):
        assert len(linted) == len(SITE)


def _forge_every(cache: Path, kind: str, payload: bytes) -> int:
    """Give every entry of `kind` (a folder, or a folder and a suffix) a correct check over
    `payload`; how many there were."""
    folder, _, suffix = kind.partition("/")
    suffix = suffix or SUFFIXES[folder][0]
    entries = sorted((cache / folder).rglob(f"*{suffix}"))
    store = FileCache(cache / folder, suffix, 0)
    for path in entries:
        path.write_bytes(store._check(path.name[:64], payload) + payload)
    return len(entries)


@pytest.mark.parametrize("kind,payload", [
    ("fragments", b"\xff\xfe not UTF-8"),
    ("entries", b"not a table of entries\nevil"),
    ("search/.shards", b'[["../../outside.txt", 4]]\nevil'),
    ("search/.shards", b'[["boundaries.json", 2], ["chi-muc/0.js", 4]]\n[]evil'),
    ("search/.shards", b'[["boundaries.json", 4], ["chi-muc/1.js", 4]]\n[""]evil'),
    ("search/.block", b"policyhub-search-block 1 1 4 0 0 0\nevil"),
    ("search/.block", b"policyhub-search-block 1 1 2 0 0 0\n{}"),
])
def test_a_well_signed_piece_or_bundle_this_version_never_writes_is_made_again(site, kind, payload):
    config, cold_files, cold_warnings, framed, root = site
    cache = cache_of(config)
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(root / "filled-cache", cache)
    assert _forge_every(cache, kind, payload.replace(b"{root}", str(root).encode())) >= 1
    out = root / "forged" / "site"
    build(config, out)
    assert tree_bytes(out) == cold_files
    assert not (root / "outside.txt").exists() and not (root / "forged/outside.txt").exists()
