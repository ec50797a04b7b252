"""The nightly rebuild: a day on, only the files whose bytes change are written anew. The
others keep their modification time, so a mirror (rsync, an object-store sync, FTP) uploads
only what changed, and `--changes FILE` lists exactly those files for a CDN purge."""
from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import TODAY, draft_text, make_site, run_policyhub, tree_bytes
from tests.site.test_frames import DRAFTS

OLD_TIME = 1_000_000_000_000_000_000   # 2001, in nanoseconds: no build writes this
CLOSING = "du-thao/het-han/index.html"  # open on 22/11, closed on 23/11
STILL_OPEN = "du-thao/hoc-phi/index.html"


def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "s", {**DRAFTS, "2026/het-han.md": draft_text(
        title="Dự thảo hết hạn hôm nay", opens="2026-10-20", closes="2026-11-22")})


def build(config: Path, out: Path, today: str, *extra: str):
    return run_policyhub("build", "--config", str(config), "--out", str(out), "--today", today,
                         "--cache-dir", str(config.parent.parent / "cache"), *extra)


def test_a_day_on_only_changed_files_are_written_and_they_are_listed(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)   # the progress lines, which CI keeps quiet, give the counts
    config, out = site(tmp_path), tmp_path / "site"
    assert build(config, out, TODAY).returncode == 0
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD_TIME, OLD_TIME))
    before = tree_bytes(out)

    listing = tmp_path / "changes.txt"
    result = build(config, out, "2026-11-23", "--changes", str(listing))
    assert result.returncode == 0, result.stderr
    after = tree_bytes(out)
    differ = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert listing.read_text(encoding="utf-8").splitlines() == sorted(differ)
    rewritten = {p.relative_to(out).as_posix() for p in out.rglob("*")
                 if p.is_file() and p.stat().st_mtime_ns != OLD_TIME}
    assert rewritten == differ & after.keys()
    # the draft whose state changed, and what lists or feeds it, change; an open draft's page does not
    assert CLOSING in differ and "dang-lay-y-kien/index.html" in differ and "api/drafts.json" in differ
    assert STILL_OPEN not in differ and "du-thao/hoc-phi/thong-bao/index.html" not in differ
    # precompressed copies change with their file and only then; the rest is a small share
    compressed = {name for name in differ if name.endswith((".gz", ".br"))}
    assert all(name[:-3] in differ for name in compressed)
    # the rest: the closed draft's own files, and the lists, feeds, data and search that name it
    lists = ("index.html", "dang-lay-y-kien/", "da-ket-thuc/", "co-quan/", "linh-vuc/", "feeds/", "api/",
             "tim-kiem/", "calendar.ics", "sitemap.xml", "du-thao/het-han/")
    assert {name for name in differ - compressed if not name.startswith(lists)} == set()
    assert not any(name.startswith(("du-thao/hoc-phi/", "assets/")) for name in differ)
    published = next(line for line in result.stderr.splitlines() if "đã đăng" in line)
    counts = (len(differ & before.keys() & after.keys()), len(after.keys() - before.keys()), len(before.keys() - after.keys()))
    assert "tệp: {} đổi, {} thêm, {} bỏ".format(*counts) in published, published
    assert "du-thao/het-han/truyen-thong/index.html" in before.keys() - after.keys()   # its kit goes when it closes


def test_the_same_day_again_changes_nothing(tmp_path):
    config, out = site(tmp_path), tmp_path / "site"
    assert build(config, out, TODAY).returncode == 0
    listing = tmp_path / "changes.txt"
    assert build(config, out, TODAY, "--no-cache", "--changes", str(listing)).returncode == 0
    assert listing.read_text(encoding="utf-8") == ""


def test_a_list_inside_the_output_folder_is_refused_before_anything_is_built(tmp_path):
    config, out = site(tmp_path), tmp_path / "site"
    assert build(config, out, TODAY).returncode == 0
    before = tree_bytes(out)
    result = build(config, out, "2026-11-23", "--changes", str(out / "changes.txt"), "--lang", "en")
    assert result.returncode == 2
    assert f"--changes:1:1: error: the list of changes '{out / 'changes.txt'}' would be written inside" in result.stderr
    assert "fix: write --changes to a file outside the output folder" in result.stderr
    assert tree_bytes(out) == before
    result = build(config, out, "2026-11-23", "--changes", str(tmp_path))     # in the site's language
    assert result.returncode == 2 and f"--changes chỉ đến thư mục '{tmp_path}'" in result.stderr
    assert tree_bytes(out) == before


def test_the_search_reads_a_draft_again_only_when_the_text_of_its_block_changes(tmp_path, monkeypatch):
    import datetime as dt

    from generator import build as pipeline
    from generator.outputs.search import drafts, shards
    from tests.search.oracle import plan_of

    read, cut = [], []
    make, original_cut = drafts.make, shards.batches
    monkeypatch.setattr(drafts, "make", lambda view, url, body_of: read.append(view.draft.slug) or make(view, url, body_of))
    monkeypatch.setattr(shards, "batches", lambda *args: cut.append(1) or original_cut(*args))
    monkeypatch.setattr(drafts, "BLOCK", 2)          # five drafts: blocks of at most four
    config = site(tmp_path)

    def build_on(day: str, out: str, **options) -> dict[str, bytes]:
        read.clear(), cut.clear()
        result = pipeline.build(pipeline.Options(config_path=config, out=tmp_path / out, quiet=True, workers=1,
                                                 today=dt.date.fromisoformat(day), cache_dir=tmp_path / "cache",
                                                 **options))
        assert not result.report.errors
        return tree_bytes(tmp_path / out)

    build_on("2026-11-30", "a")
    assert len(read) == 5 and cut == [1]
    card = tmp_path / "a" / "tim-kiem" / "du-thao" / "0.js"
    kept = card.stat().st_ino
    december = build_on("2026-12-01", "a")         # "sắp mở" opens: a state, not a text, changes
    assert read == [] and cut == []
    assert december == build_on("2026-12-01", "cold-01", use_cache=False)
    assert (tmp_path / "a" / "tim-kiem" / "du-thao" / "0.js").stat().st_ino == kept
    edited = config.parent / "drafts" / "2026" / "y-te.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Nội dung", "Nội dung về Bến đò Thủy Biều"),
                      encoding="utf-8")
    again = build_on("2026-12-01", "a")              # one body edited: the drafts of its block alone are read again
    slugs = [view.draft.slug for view in plan_of(config, "2026-12-01").drafts]
    block, = (slugs[n.start:n.stop] for n in drafts.blocks(slugs) if "y-te" in slugs[n.start:n.stop])
    assert read == block and len(block) < len(slugs) and cut == [1]
    assert again == build_on("2026-12-01", "cold-02", use_cache=False)
    assert again != december and (tmp_path / "a" / "tim-kiem" / "du-thao" / "0.js").stat().st_ino == kept