"""Entries forged by whoever can write the cache folder, with checks that pass (a SHA-256 is
no secret): where a build can tell that an entry is not one it could have made, it is
refused and made again, so the site is byte for byte the one a --no-cache build makes,
and the build never stops with a traceback."""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import brotli
import pytest

from generator import build as pipeline
from generator.cache import sources as source_cache
from generator.model import Draft
from generator.cache.store import FileCache
from tests.conftest import TODAY, draft_text, make_site, tree_bytes

DRAFTS = {
    "2026/hoc-phi.md": draft_text(),
    "2026/bieu-do.md": draft_text(title="Dự thảo có biểu đồ", extra="""
        infographics:
          - type: share
            title: Cơ cấu nguồn vốn
            items: [{label: Ngân sách tỉnh, value: 60}, {label: Xã hội hóa, value: 40}]
    """),
}


def build(config: Path, out: Path, cache: Path | None) -> pipeline.BuildResult:
    return pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                           quiet=True, workers=1, use_cache=cache is not None, cache_dir=cache))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A site, its --no-cache build, and a cache filled by a build."""
    root = tmp_path_factory.mktemp("forged")
    config = make_site(root / "site", DRAFTS)
    assert not build(config, root / "plain", None).report.errors
    assert not build(config, root / "first", root / "cache").report.errors
    return config, root


def forge_sources(cache: Path, is_kind, mutate) -> int:
    """Change each entry of sources.jsonl that `is_kind` picks by `mutate(its JSON)`, with a
    check that passes; how many were changed. Forged front matter is read only for a draft
    not found checked: those entries are dropped then."""
    path = cache / source_cache.FILE_NAME
    header, *lines = path.read_bytes().rstrip(b"\n").split(b"\n")
    if is_kind is is_front:
        lines = [line for line in lines if not is_checked_draft(json.loads(line[130:]))]
    changed = 0
    for i, line in enumerate(lines):
        plain = json.loads(line[130:])
        if is_kind(plain):
            mutate(plain)
            key_and_payload = line[65:129] + b" " + json.dumps(plain, ensure_ascii=False).encode()
            lines[i] = source_cache._check(key_and_payload) + b" " + key_and_payload
            changed += 1
    path.write_bytes(b"\n".join([header, *lines]) + b"\n")
    return changed


def is_checked_draft(plain) -> bool:
    return (type(plain) is list and len(plain) == 4 and type(plain[0]) is list
            and len(plain[0]) == len(dataclasses.fields(Draft)))


def is_front(plain) -> bool:
    return type(plain) is list and len(plain) == 2 and type(plain[0]) is dict and "title" in plain[0]


def field(index: int, value):
    def mutate(plain):
        plain[0][index] = value
    return mutate


def chart(plain):
    if plain[0][14]:
        plain[0][14][0][2] = [["Ngân sách tỉnh", 0], ["Xã hội hóa", 0]]   # a share of nothing


def channel(plain):
    plain[0][8][2][0][0] = "fax"


def document(plain):
    plain[0][13] = [["Dự thảo", "bản-nháp", "", "https://duthao.example.gov.vn/a.pdf", "", "", None, ""]]


def forged_title(plain):
    plain[0]["title"] = plain[0]["title"] + " \ue000"


def deep_front(plain):
    nested = "x"
    for _ in range(200):
        nested = [nested]
    plain[0]["tags"] = nested
    first = plain[1]["start"][0]
    plain[1]["values"] += [[["tags"] + [0] * n, first, 1] for n in range(200)] + [[["tags"] + [0] * 200, first, 1]]
    plain[1]["keys"] += [[["tags"], first, 1]]


FORGERIES = {   # what no draft that passed its checks can hold, and what the pages then did
    "unknown agency": (is_checked_draft, field(5, "so-khong-co")),          # KeyError
    "unknown type": (is_checked_draft, field(4, "thong-tu")),               # KeyError
    "unknown topic": (is_checked_draft, field(6, ["khong-co"])),            # KeyError
    "unknown channel": (is_checked_draft, channel),                         # KeyError
    "unknown document kind": (is_checked_draft, document),                  # UndefinedError
    "share of nothing": (is_checked_draft, chart),                          # ZeroDivisionError
    "private-use character": (is_checked_draft, field(3, "Dự thảo \ue000\ue001")),
    "decomposed text": (is_checked_draft, field(3, "Dự thảo về học phi\u0301")),
    "front matter with a private-use character": (is_front, forged_title),
    "front matter nested too deep": (is_front, deep_front),
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_source_entry_no_check_could_have_passed_is_refused(built, tmp_path, forgery):
    config, root = built
    cache = tmp_path / "cache"
    cache.mkdir()
    for path in (root / "cache").iterdir():   # a copy of the filled cache
        if path.is_file():
            (cache / path.name).write_bytes(path.read_bytes())
    is_kind, mutate = FORGERIES[forgery]
    assert forge_sources(cache, is_kind, mutate) > 0
    result = build(config, tmp_path / "out", cache)
    assert not result.report.errors
    assert tree_bytes(tmp_path / "out") == tree_bytes(root / "plain")


def test_forged_compressed_copies_are_made_again(built, tmp_path):
    """The .gz and .br copies are what a web server sends instead of the page: a forged copy
    in the cache (another page's script, compressed) must never reach the site."""
    config, root = built
    cache = tmp_path / "cache"
    shutil.copytree(root / "cache", cache, symlinks=True)
    compressed = FileCache(cache / "compressed", ".z", 60)
    evil = b"<script>alert(1)</script>"
    forged = 0
    for path in sorted((cache / "compressed").rglob("*.z")):
        gz, br = gzip.compress(evil), brotli.compress(evil)
        compressed.write(path.name[:64], len(gz).to_bytes(4, "big") + gz + br)
        forged += 1
    assert forged
    (cache / next(cache.glob("published-*.manifest")).name).unlink()   # nothing linked from the last build
    result = build(config, tmp_path / "out", cache)
    assert not result.report.errors
    assert tree_bytes(tmp_path / "out") == tree_bytes(root / "plain")
