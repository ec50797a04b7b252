"""A rebuild takes the files whose bytes did not change from the published site (hard links,
vouched for by the manifest the last build left in the cache) instead of writing them, and
the site is still exactly what a build from nothing gives: an edited published file, a
damaged or lying manifest, a changed draft and a touched source all end in the right bytes."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator import build as pipeline
from generator.cache import manifest as site_manifest
from tests.conftest import TODAY, cache_of, draft_text, make_site, tree_bytes
from tests.site.test_frames import DRAFTS

NEXT_DAY = "2026-11-23"
STILL_OPEN = "du-thao/hoc-phi/index.html"


def build(config: Path, out: Path, today: str = TODAY, **options) -> pipeline.BuildResult:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(today),
                                             quiet=True, workers=1, **options))
    assert not result.report.errors
    return result


def cold(config: Path, root: Path, today: str = TODAY) -> dict[str, bytes]:
    build(config, root / f"cold-{today}", today, use_cache=False)
    return tree_bytes(root / f"cold-{today}")


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_the_next_day_keeps_unchanged_files_and_equals_a_build_from_nothing(tmp_path):
    config, out = make_site(tmp_path / "s", DRAFTS), tmp_path / "site"
    build(config, out)
    before = inodes(out)
    build(config, out, NEXT_DAY)
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)
    after = inodes(out)
    kept = {name for name in after if before.get(name) == after[name]}
    # the open draft's page and its compressed copies are the very files readers had
    assert {STILL_OPEN, STILL_OPEN + ".gz", STILL_OPEN + ".br"} <= kept
    assert "dang-lay-y-kien/index.html" not in kept   # what lists the day's states is new
    assert len(kept) > len(after) / 2


def test_an_edited_published_file_is_replaced_even_with_its_size_and_time_restored(tmp_path):
    config, out = make_site(tmp_path / "s", DRAFTS), tmp_path / "site"
    build(config, out)
    for name in (STILL_OPEN, STILL_OPEN + ".gz", "assets/stylesheets/extra.css"):
        path = out / name
        if not path.exists():
            continue
        st = path.stat()
        data = path.read_bytes()
        with open(path, "r+b") as f:   # in place, as an editor on the web host might
            f.write(b"X" * min(len(data), 40))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    build(config, out)
    assert tree_bytes(out) == cold(config, tmp_path)


def test_a_lying_or_damaged_manifest_never_changes_the_site(tmp_path):
    config, out = make_site(tmp_path / "s", DRAFTS), tmp_path / "site"
    build(config, out)
    manifest = cache_of(config) / site_manifest.manifest_name(out)
    # the published page is replaced by other bytes of the same size, and the manifest is
    # rewritten to vouch for the new file with the digest of the page the build would write
    page = out / STILL_OPEN
    right = page.read_bytes()
    page.unlink()
    page.write_bytes(right.replace(b"</main>", b"<!--x--></main>", 1)[:len(right)])
    text = manifest.read_bytes()
    header, _, body = text.partition(b"\n")
    st = page.stat()
    lines = [line if not line.endswith(b" " + STILL_OPEN.encode()) else   # digest, identity, key, path
             b" ".join([line.split(b" ")[0], " ".join(map(str, site_manifest.identity(st))).encode(),
                        line.split(b" ")[6], STILL_OPEN.encode()])
             for line in body.split(b"\n")]
    manifest.write_bytes(header + b"\n" + b"\n".join(lines))   # its check no longer holds
    build(config, out)
    assert tree_bytes(out) == cold(config, tmp_path)

    manifest.write_bytes(site_manifest.FORMAT + b" " + b"0" * 64 + b" nonsense\n../../etc/passwd\n")
    build(config, out, NEXT_DAY)
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)


def test_a_changed_draft_gets_a_new_page_and_a_touched_one_builds_the_same(tmp_path):
    config, out = make_site(tmp_path / "s", DRAFTS), tmp_path / "site"
    build(config, out)
    before, numbers = tree_bytes(out), inodes(out)
    source = tmp_path / "s/drafts/2026/y-te.md"
    os.utime(config.parent / "drafts/2026/hoc-phi.md")   # saved again unchanged: only its time moves
    source.write_text(draft_text(title="Dự thảo về trạm y tế xã (sửa)", agency="so-y-te", topics=["y-te"],
                                 closes="2026-12-20"), encoding="utf-8")
    build(config, out)
    assert tree_bytes(out) == cold(config, tmp_path)
    page = "du-thao/y-te/index.html"
    assert "Dự thảo về trạm y tế xã (sửa)" in (out / page).read_text(encoding="utf-8")
    assert inodes(out)[page] != numbers[page] and tree_bytes(out)[page] != before[page]
    assert inodes(out)[STILL_OPEN] == numbers[STILL_OPEN]


def test_without_the_cache_every_file_is_written_anew(tmp_path):
    config, out = make_site(tmp_path / "s", DRAFTS), tmp_path / "site"
    build(config, out)
    numbers = inodes(out)
    build(config, out, use_cache=False)
    assert not set(numbers.items()) & set(inodes(out).items())


def test_what_is_planted_among_the_kept_folders_never_reaches_the_site(tmp_path):
    config, out = make_site(tmp_path / "s", DRAFTS), tmp_path / "site"
    build(config, out)
    build(config, out, NEXT_DAY)
    spare = tmp_path / ".site.spare"   # the old site's folders, emptied, for the next build
    assert spare.is_dir() and [p for p in spare.rglob("*") if not p.is_dir()] == []
    (spare / "du-thao" / "la.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for folder in sorted((spare / "du-thao" / "hoc-phi").rglob("*"), reverse=True):
        folder.rmdir()
    (spare / "du-thao" / "hoc-phi").rmdir()
    (spare / "du-thao" / "hoc-phi").symlink_to(elsewhere, target_is_directory=True)
    (spare / "mot-thu-muc-rong").mkdir()
    build(config, out, NEXT_DAY)
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)
    assert list(elsewhere.iterdir()) == []
    assert not (out / "mot-thu-muc-rong").exists() and (out / "du-thao/hoc-phi").is_dir()
    assert not (out / "du-thao/hoc-phi").is_symlink()


def test_a_build_into_another_folder_with_the_same_cache_keeps_the_sites_manifest(tmp_path):
    # a preview, or a staging copy, built with the nightly site's cache
    config, out, other = make_site(tmp_path / "s", DRAFTS), tmp_path / "site", tmp_path / "staging-copy"
    build(config, out)
    manifest = cache_of(config) / site_manifest.manifest_name(out)
    before = manifest.read_bytes()
    build(config, other)
    assert manifest.read_bytes() == before
    assert (cache_of(config) / site_manifest.manifest_name(other)).is_file()
    gone = cache_of(config) / site_manifest.manifest_name(tmp_path / "a-preview-removed-long-ago")
    gone.write_bytes(b"")
    long_ago = gone.stat().st_mtime - (site_manifest.KEEP_DAYS + 1) * 86400
    os.utime(gone, (long_ago, long_ago))
    build(config, out)
    assert not gone.exists() and manifest.is_file()   # kept no longer than its folder is built
