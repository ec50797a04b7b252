"""The cache is sealed with a key kept outside it: whoever can write the cache folder but
has not the key (a shared CI cache, a restored artefact, another job) cannot make an entry
that passes. A forged entry, its plain SHA-256 recomputed as a forger would, is a miss and
is made again, for every kind of cache file, so the site is byte for byte the --no-cache
one; a cache sealed with another key is an empty cache; no key at all is a build without
the cache; the key is never written into the cache or shown."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import shutil
import stat
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.cache import manifest as site_manifest
from generator.cache import seal, store
from generator.cache import sources as source_cache
from tests.conftest import TODAY, draft_text, make_site, run_policyhub, tree_bytes

WORD, FORGED = b"MARKERWORD", b"FORGEDWORD"   # in titles and bodies
DRAFTS = {
    "2026/hoc-phi.md": draft_text(title="Dự thảo Nghị quyết MARKERWORD về học phí",
                                  body="## Nội dung\n\nNội dung MARKERWORD của dự thảo.\n"),
    "2026/y-te.md": draft_text(title="Dự thảo về MARKERWORD y tế", agency="so-y-te", topics=["y-te"],
                               body="## Nội dung\n\nMARKERWORD trong thân bài.\n"),
}


@pytest.fixture(autouse=True)
def fresh_seal():
    """Each build establishes its own seal; what a test leaves is not the next one's."""
    yield
    seal.forget()


def build(config: Path, out: Path, cache: Path | None) -> pipeline.BuildResult:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, workers=1, use_cache=cache is not None, cache_dir=cache))
    assert not result.report.errors
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A site, its --no-cache build, and a cache a build filled (the session's key file)."""
    root = tmp_path_factory.mktemp("sealed")
    config = make_site(root / "site", DRAFTS)
    build(config, root / "plain", None)
    build(config, root / "first", root / "cache")
    return config, root


def plain_entry_header(path: Path, data: bytes) -> bytes:
    """What a forger without the key writes: the header's digest recomputed as SHA-256."""
    key, suffix = path.name[:64], path.name[64:]
    digest = hashlib.sha256(b"policyhub-file-entry\0" + f"{suffix}\0{key}\0".encode() + data).hexdigest()
    return store.HEADER + digest.encode() + b"\n"


def forge(data: bytes) -> bytes:
    return data.replace(WORD, FORGED)


def forge_passages(card: bytes) -> bytes:
    """A search card with FORGED in its passages only: its title, address and dates are made
    again by the build (a card with others is refused in any case), its words stay in order."""
    at = card.find(b'"body":')
    return card if at < 0 else card[:at] + forge(card[at:])


def forge_entries(cache: Path, folder: str) -> int:
    """Put FORGED for WORD in every entry of `folder` that has it, with a recomputed digest."""
    forged = 0
    for path in sorted((cache / folder).rglob("*")):
        data = path.read_bytes() if path.is_file() and re.fullmatch(r"[0-9a-f]{64}\..+", path.name) else b""
        body = data[data.find(b"\n") + 1:]
        changed = forge(body) if folder != "search" else b"\n".join(map(forge_passages, body.split(b"\n")))
        if changed != body:
            path.write_bytes(plain_entry_header(path, changed) + changed)
            forged += 1
    return forged


def forge_sources(cache: Path) -> int:
    """Put FORGED for WORD in every line of sources.jsonl, each check recomputed as SHA-256;
    the sealed header is kept as it was (a forger can copy it, not make one)."""
    path = cache / source_cache.FILE_NAME
    header, *lines = path.read_bytes().rstrip(b"\n").split(b"\n")
    forged = 0
    for i, line in enumerate(lines):
        key_and_payload = line[65:].replace(WORD, FORGED)
        if key_and_payload != line[65:]:
            digest = hashlib.sha256(b"policyhub-source-entry\0" + key_and_payload).hexdigest().encode()
            lines[i] = digest + b" " + key_and_payload
            forged += 1
    path.write_bytes(b"\n".join([header, *lines]) + b"\n")
    return forged


# what else the forger removes, so that the build reads the forged entries: the filled pages
# hold the bodies, and the index's shards are kept whole beside the search blocks
UNCOVER = {"fragments": ("pages", "*.html"), "search": ("search", "*.shards")}


@pytest.mark.parametrize("kind", ["pages", "fragments", "entries", "search", "sources"])
def test_an_entry_forged_without_the_key_is_made_again(built, tmp_path, kind):
    config, root = built
    cache = tmp_path / "cache"
    shutil.copytree(root / "cache", cache)
    if kind in UNCOVER:
        folder, pattern = UNCOVER[kind]
        for path in (cache / folder).rglob(pattern):
            path.unlink()
    forged = forge_sources(cache) if kind == "sources" else forge_entries(cache, kind)
    assert forged   # the forgery reached what the build reads
    build(config, tmp_path / "site", cache)
    site = tree_bytes(tmp_path / "site")
    assert not [name for name, data in site.items() if FORGED in data or FORGED.lower() in data]
    assert site == tree_bytes(root / "plain")


def test_a_forged_manifest_cannot_keep_a_stale_file_published(tmp_path):
    config = make_site(tmp_path / "site", DRAFTS)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(config, out, cache)
    draft = config.parent / "drafts/2026/hoc-phi.md"
    draft.write_bytes(draft.read_bytes().replace(WORD, b"CHANGEDONE"))
    build(config, tmp_path / "plain", None)
    wanted = tree_bytes(tmp_path / "plain")
    # the forger vouches that each published file already holds what the new build makes
    manifest = cache / site_manifest.manifest_name(out)
    header, _, body = manifest.read_bytes().partition(b"\n")
    code = header.split(b" ")[2].decode()
    lines = []
    for rel, data in sorted(wanted.items()):
        if (out / rel).is_file() and not (out / rel).is_symlink():
            st = os.lstat(out / rel)
            lines.append(f"{hashlib.sha256(data).hexdigest()} {st.st_dev} {st.st_ino} {st.st_size} "
                         f"{st.st_mtime_ns} {st.st_ctime_ns} - {rel}")
    body = "\n".join(lines).encode()
    check = hashlib.sha256(b"policyhub-published\0" + os.fsencode(out) + b"\0" + code.encode() + b"\0" + body)
    manifest.write_bytes(site_manifest.FORMAT + f" {code} {check.hexdigest()}\n".encode() + body)
    assert [rel for rel in wanted if (out / rel).is_file() and (out / rel).read_bytes() != wanted[rel]]
    build(config, out, cache)
    assert tree_bytes(out) == wanted


def test_a_cache_sealed_with_another_key_is_an_empty_cache(tmp_path, monkeypatch):
    config = make_site(tmp_path / "site", DRAFTS)
    build(config, tmp_path / "plain", None)
    cache = tmp_path / "cache"
    monkeypatch.setenv(seal.ENV_VAR, "A" * 8 + secrets.token_hex(20))
    build(config, tmp_path / "a", cache)
    assert build(config, tmp_path / "a-again", cache).reused > 0   # the same key finds its entries
    monkeypatch.setenv(seal.ENV_VAR, "B" * 8 + secrets.token_hex(20))
    other = build(config, tmp_path / "b", cache)
    assert other.reused == 0 and other.rendered > 0
    assert tree_bytes(tmp_path / "b") == tree_bytes(tmp_path / "plain")
    assert build(config, tmp_path / "b-again", cache).reused > 0   # now sealed with B


def test_without_a_key_the_build_goes_without_the_cache_and_says_so_once(tmp_path, monkeypatch):
    config = make_site(tmp_path / "site", DRAFTS)
    build(config, tmp_path / "plain", None)
    not_a_folder = tmp_path / "config-home"
    not_a_folder.write_text("a file where the configuration folder would be\n")   # no key can be made there
    monkeypatch.setenv("XDG_CONFIG_HOME", str(not_a_folder))
    monkeypatch.delenv("CI", raising=False)
    cache = tmp_path / "cache"
    for lang, words in (("en", "no cache key"), ("vi", "không có khóa bộ nhớ đệm")):
        run = run_policyhub("build", "--config", str(config), "--today", TODAY, "--out", str(tmp_path / lang),
                            "--cache-dir", str(cache), "--lang", lang)
        assert run.returncode == 0, run.stderr
        assert run.stderr.count(words) == 1 and "Traceback" not in run.stderr
        assert tree_bytes(tmp_path / lang) == tree_bytes(tmp_path / "plain")
    assert not [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else True


def test_the_key_file_is_made_once_for_its_owner_only_outside_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    config = make_site(tmp_path / "site", DRAFTS)
    cache = tmp_path / "cache"
    build(config, tmp_path / "one", cache)
    key_file = tmp_path / "config" / "policyhub" / seal.KEY_FILE_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_bytes().strip()
    assert len(key) >= seal.MIN_CHARS
    assert not [p for p in cache.rglob("*") if p.is_file() and key in p.read_bytes()]
    assert build(config, tmp_path / "two", cache).reused > 0 and key_file.read_bytes().strip() == key


def test_the_key_is_never_in_the_cache_the_site_or_what_is_printed(tmp_path, monkeypatch):
    key = "k3y-" + secrets.token_urlsafe(30)
    monkeypatch.setenv(seal.ENV_VAR, key)
    monkeypatch.delenv("CI", raising=False)
    config = make_site(tmp_path / "site", DRAFTS)
    cache = tmp_path / "cache"
    runs = [run_policyhub(command, "--config", str(config), "--today", TODAY, "--cache-dir", str(cache),
                          *(("--out", str(tmp_path / "out")) if command == "build" else ()))
            for command in ("build", "check", "build")]
    assert [run.returncode for run in runs] == [0, 0, 0]
    printed = "".join(run.stdout + run.stderr for run in runs)
    written = [p for folder in (cache, tmp_path / "out") for p in folder.rglob("*") if p.is_file()]
    assert written and key not in printed
    assert not [p for p in written if key.encode() in p.read_bytes()]
    monkeypatch.setenv(seal.ENV_VAR, key[:20])   # too short: refused, and still not shown
    run = run_policyhub("build", "--config", str(config), "--today", TODAY, "--cache-dir", str(cache),
                        "--out", str(tmp_path / "out"), "--lang", "en")
    assert run.returncode == 2 and key[:20] not in run.stderr + run.stdout


@pytest.mark.parametrize("value,code", [("", "has 0 characters"), ("x" * 31, "has 31 characters"),
                                        ("é" * 40, "is not valid"), ("two words " * 5, "is not valid")])
def test_a_key_too_short_or_not_valid_is_a_usage_error(tmp_path, monkeypatch, value, code):
    monkeypatch.setenv(seal.ENV_VAR, value)
    config = make_site(tmp_path / "site", DRAFTS)
    for lang, words in (("en", code), ("vi", "khóa bộ nhớ đệm trong POLICYHUB_CACHE_KEY")):
        run = run_policyhub("build", "--config", str(config), "--today", TODAY, "--out", str(tmp_path / "out"),
                            "--lang", lang)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert words in run.stderr and "POLICYHUB_CACHE_KEY" in run.stderr
        assert not (tmp_path / "out").exists()
    assert run_policyhub("build", "--config", str(config), "--today", TODAY, "--out", str(tmp_path / "out"),
                         "--no-cache").returncode == 0   # a pull request's build needs no key


def test_a_key_file_inside_the_cache_folder_is_refused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cache / "config"))
    config = make_site(tmp_path / "site", DRAFTS)
    run = run_policyhub("build", "--config", str(config), "--today", TODAY, "--out", str(tmp_path / "out"),
                        "--cache-dir", str(cache), "--lang", "en")
    assert run.returncode == 2 and "lies in the cache folder" in run.stderr
    assert not (cache / "config" / "policyhub" / seal.KEY_FILE_NAME).exists()
