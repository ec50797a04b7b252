"""The compressed copies a host with gzip_static or brotli_static sends instead of a file."""
from __future__ import annotations

import gzip
import shutil

import brotli

from generator.cache.store import FileCache
from generator.outputs import precompress
from tests.conftest import REPO, run_policyhub


def test_every_text_file_has_copies_that_unpack_to_its_bytes(example_build):
    files = precompress.text_files(example_build)
    kinds = {p.suffix for p in files}
    assert {".html", ".css", ".js", ".xml", ".json", ".ics"} <= kinds
    missing = []
    for path in files:
        data = path.read_bytes()
        for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            if copy.exists():
                assert unpack(copy.read_bytes()) == data, copy
                assert copy.stat().st_size < len(data)
            elif len(data) > 1000:   # only tiny files may go without: their copy would be larger
                missing.append(copy.relative_to(example_build).as_posix())
    assert missing == []
    # pictures and documents are sent as they are, and no copy is compressed again
    assert not list(example_build.rglob("*.png.gz")) and not list(example_build.rglob("*.pdf.gz"))
    assert not list(example_build.rglob("*.gz.gz")) and not list(example_build.rglob("*.gz.br"))


def test_a_draft_page_is_a_fraction_of_its_size_on_the_wire(example_build):
    page = next(p for p in sorted((example_build / "du-thao").glob("*/index.html")))
    size = page.stat().st_size
    gz = page.with_name("index.html.gz").stat().st_size
    br = page.with_name("index.html.br").stat().st_size
    assert gz < size / 3 and br < gz


def test_the_copies_carry_no_time_or_name_and_come_back_the_same(tmp_path):
    data = "Dự thảo Nghị quyết về học phí. ".encode() * 200
    gz = precompress.gzip_bytes(data)
    assert gz[4:8] == b"\0\0\0\0" and gz[3] == 0   # no modification time, no file name
    assert gzip.decompress(gz) == data and precompress.gzip_bytes(data) == gz
    # a damaged cache entry is made again, never sent
    cache = FileCache(tmp_path / "c", ".z", 3600)
    first = precompress.compressed_copies(data, cache)
    [entry] = list((tmp_path / "c").glob("*/*.z"))
    entry.write_bytes(entry.read_bytes()[:-7] + b"garbage")
    assert precompress.compressed_copies(data, cache) == first
    assert gzip.decompress(first[0]) == data and brotli.decompress(first[1]) == data


def test_a_rebuild_from_the_cache_writes_the_same_copies(example_build, tmp_path):
    out = tmp_path / "site"
    cache = tmp_path / "cache"
    for _ in range(2):   # the second build takes the copies from the cache
        if out.exists():
            shutil.rmtree(out)
        result = run_policyhub("build", "--config", str(REPO / "site_config.yml"), "--out", str(out),
                               "--today", "2026-11-22", "--cache-dir", str(cache), "--quiet")
        assert result.returncode == 0, result.stderr
    assert (cache / "compressed").is_dir()
    for copy in sorted(example_build.rglob("*.gz")) + sorted(example_build.rglob("*.br")):
        assert (out / copy.relative_to(example_build)).read_bytes() == copy.read_bytes(), copy


def test_no_empty_sitemap_waits_beside_the_feeds(example_build):
    assert not [p for p in (example_build / "feeds").rglob("sitemap.xml*")]
    assert (example_build / "sitemap.xml").is_file()


def test_the_engine_assets_no_page_loads_are_not_published(example_build):
    pages = "\n".join(p.read_text(encoding="utf-8") for p in example_build.rglob("*.html"))
    assert "assets/javascripts/bundle." not in pages and "assets/stylesheets/main." not in pages
    assert not list((example_build / "assets").rglob("bundle.*.js"))
    assert not list((example_build / "assets").rglob("main.*.css"))
    assert not (example_build / "assets/javascripts/workers").exists()
