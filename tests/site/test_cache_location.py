"""Where the cache lives and what it may hold: outside the sources by default, never a folder
with files tracked by git, never code, and never a file the site shares."""
from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.cache import sources as source_cache
from generator.cache.manifest import manifest_name
from generator.cache.store import FileCache
from tests.conftest import TODAY, cache_of, make_site, run_policyhub, tree_bytes
from tests.site.test_frames import DRAFTS


def source_tree(root: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree_bytes(root).items() if not name.startswith("site/")}


def policyhub(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command with some of the environment changed."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        return run_policyhub(*args)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.vn",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.vn"})


def test_by_default_the_cache_is_kept_outside_the_sources_and_one_planted_there_is_never_read(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    before = source_tree(tmp_path / "s")
    assert run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet").returncode == 0
    assert source_tree(tmp_path / "s") == before          # nothing of the cache among the sources
    cache = cache_of(config)
    assert cache.is_relative_to(os.environ["XDG_CACHE_HOME"]) and sorted(p.name for p in cache.iterdir()) == [
        "compressed", "entries", "fragments", "pages", manifest_name(tmp_path / "s/site"), "search", "share-images",
        source_cache.FILE_NAME]
    published = tree_bytes(tmp_path / "s/site")

    # a commit adds a cache folder beside the config, as older versions kept it, with every
    # page entry correctly made for pages that say something else
    planted = tmp_path / "s/.policyhub-cache"
    shutil.copytree(cache, planted)
    pages = FileCache(planted / "pages", ".html", 0)
    for path in (planted / "pages").rglob("*.html"):
        path.write_bytes(pages._check(path.name[:64], b"<p>PLANTED</p>") + b"<p>PLANTED</p>")
    shutil.rmtree(cache)
    assert run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet").returncode == 0
    assert tree_bytes(tmp_path / "s/site") == published


class Plant:
    """Unpickled, it creates the file `path`: code run by reading a cache."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return open, (self.path, "w")


def test_a_planted_pickle_or_hostile_json_never_runs_in_any_cache_location(tmp_path):
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(Plant(probe)))
    assert probe.exists()                                 # the payload runs when unpickled
    marker = tmp_path / "ran"
    payload = pickle.dumps(Plant(marker))
    hostile_json = b"policyhub-sources 2 " + source_cache.code_digest().encode() + b"\n" + b"\n".join(
        source_cache._check(b"0" * 64 + b" " + body) + b" " + b"0" * 64 + b" " + body
        for body in (b"[" * 100_000, b'{"__reduce__": ["os.system", ["touch %s"]]}' % str(marker).encode()))
    config = make_site(tmp_path / "s", DRAFTS)
    chosen = tmp_path / "ci-cache"
    assert run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "cold"), "--today", TODAY,
                         "--cache-dir", str(chosen), "--quiet").returncode == 0
    places = (tmp_path / "s/.policyhub-cache", cache_of(config), chosen)
    for place in places[:2]:   # the old place beside the config, and the default one
        shutil.copytree(chosen, place)
    for sources in (payload, hostile_json):
        for place in places:   # every entry the builds will look for, and the source files
            for path in place.rglob("*.*"):
                path.write_bytes(payload)
            (place / "sources.pickle").write_bytes(payload)
            (place / source_cache.FILE_NAME).write_bytes(sources)
        for extra in ([], ["--cache-dir", str(chosen)]):
            for command in (["check"], ["build", "--out", str(tmp_path / "site"), "--quiet"]):
                result = run_policyhub(*command, "--config", str(config), "--today", TODAY, *extra)
                assert result.returncode == 0, result.stderr
                assert not marker.exists()
            assert tree_bytes(tmp_path / "site") == tree_bytes(tmp_path / "cold")
    assert not marker.exists()


def test_a_cache_folder_holding_files_tracked_by_git_is_refused(tmp_path, monkeypatch):
    root = tmp_path / "s"
    config = make_site(root, DRAFTS, files={".gitignore": b".policyhub-cache/\n"})
    git(root, "init", "-q")
    inside = root / ".policyhub-cache"
    args = ("--config", str(config), "--today", TODAY, "--cache-dir", str(inside))
    # ignored and untracked: a CI cache restored into the work tree is used
    assert run_policyhub("build", *args, "--quiet").returncode == 0
    assert (inside / source_cache.FILE_NAME).is_file()
    shutil.rmtree(root / "site")

    planted = inside / "pages/ab" / ("ab" * 32 + ".html")
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text("<p>PLANTED</p>", encoding="utf-8")
    git(root, "add", "-f", str(planted))
    for command in ("build", "check", "serve"):
        result = run_policyhub(command, *args)
        assert result.returncode == 2, (command, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "có tệp được git theo dõi" in result.stderr and ".policyhub-cache/pages/ab/" in result.stderr
        assert "--cache-dir" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()
    # the default folder too, should the user's cache folder lie in a work tree
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "home-cache"))
    default = cache_of(config)
    default.mkdir(parents=True)
    (default / source_cache.FILE_NAME).write_bytes(b"planted")
    git(root, "add", "-f", str(default / source_cache.FILE_NAME))
    result = policyhub("check", "--config", str(config))
    assert result.returncode == 2 and "có tệp được git theo dõi" in result.stderr, result.stderr
    # without git, a cache folder in a work tree cannot be vouched for
    result = policyhub("build", *args, env={"PATH": str(tmp_path / "no-git")})
    assert result.returncode == 2 and "máy chưa cài git" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_cache_folder_is_neither_the_site_nor_the_sources_nor_in_sources_git_cannot_vouch_for(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    out = tmp_path / "out"
    outside_git = "không phải kho git"
    refused = {out: "chồng lên nhau", out / "cache": "chồng lên nhau", tmp_path: "chồng lên nhau",
               tmp_path / "s": "chứa cả nguồn của Cổng",
               tmp_path / "s/drafts/.cache": outside_git, tmp_path / "s/.policyhub-cache": outside_git}
    for cache, words in refused.items():
        result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", TODAY,
                               "--cache-dir", str(cache))
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and sorted(p.name for p in (tmp_path / "s").iterdir()) == ["drafts", "site_config.yml"]


def test_editing_a_published_file_does_not_change_what_the_next_build_publishes(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    options = pipeline.Options(config_path=config, out=tmp_path / "site", today=dt.date.fromisoformat(TODAY),
                               quiet=True, workers=1)
    pipeline.build(pipeline.dataclasses.replace(options, out=tmp_path / "cold", use_cache=False))
    first = pipeline.build(options)
    site = tmp_path / "site"
    assert {p.stat().st_nlink for p in site.rglob("*") if p.is_file()} == {1}   # no file shared with the cache
    for name in ("du-thao/y-te/index.html", "du-thao/y-te/anh-chia-se.png", "du-thao/y-te/thong-bao/index.html",
                 "feeds/atom.xml", "api/drafts.json"):
        with open(site / name, "ab") as f:
            f.write(b"<script>alert(1)</script>")
    again = pipeline.build(options)
    assert (again.rendered, again.reused) == (0, first.rendered)
    assert tree_bytes(site) == tree_bytes(tmp_path / "cold")
