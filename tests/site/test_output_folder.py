"""The output folder is policyhub's own: a mistyped or unset `--out` never replaces the
sources or someone's files, and a folder that cannot be written (a file in the way, a
read-only or full disk) gives one diagnostic, never a traceback. A mount point works."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.publish.output_folder import MARKER
from tests.conftest import TODAY, draft_text, make_site, run_policyhub
from tests.site import mounts

LATER = "2026-12-15"   # the draft below has closed by then: its page says something else


def tree(folder: Path) -> dict[str, bytes]:
    """Every file and folder under `folder`, with the bytes of the files."""
    return {p.relative_to(folder).as_posix(): (b"<dir>" if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


def small_site(root: Path) -> Path:
    return make_site(root, {"a.md": draft_text()}, content={"gioi-thieu.md": "# Giới thiệu\n\nVề cổng.\n"})


def build(config: Path, out: str, today: str = TODAY, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """A quiet build, in English: the words below are the English catalogue's."""
    return run_policyhub("build", "--config", str(config), "--out", out, "--today", today, "--quiet",
                         "--lang", "en", cwd=cwd or config.parent)


def one_diagnostic(result: subprocess.CompletedProcess) -> str:
    """Exit 2 and exactly one problem, in the CLI's form: the line, what to do, the count."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert lines[0].startswith("--out:1:1: error: ")
    assert lines[1].startswith("    fix: ")
    assert lines[2] == "1 error(s), 0 warning(s)"
    return lines[0]


def draft_page(out: Path) -> str:
    return (out / "du-thao/a/index.html").read_text(encoding="utf-8")


# --- an --out that is, holds or lies inside the sources ----------------------------------

@pytest.mark.parametrize("out, says", [
    (".", "is the site's own folder (where site_config.yml is)"),
    ("", "--out is empty"),
    ("  ", "--out is empty"),
    ("drafts", "lies inside the site's drafts/ folder"),
    ("drafts/2026", "lies inside the site's drafts/ folder"),
    ("content", "lies inside the site's content/ folder"),
    ("theme", "lies inside the site's theme/ folder"),   # not there yet: it would become one
    ("..", "holds the site's sources"),
    ("../..", "holds the site's sources"),
    ("../.git/site", "lies inside a git repository's own .git folder"),
])
def test_an_out_among_the_sources_is_refused_before_anything_is_touched(tmp_path, out, says):
    config = small_site(tmp_path / "repo" / "s")
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    before = tree(tmp_path)
    line = one_diagnostic(build(config, out))
    assert says in line
    assert tree(tmp_path) == before   # nothing written: no lock, no staging folder, no cache


def test_the_root_of_another_git_work_tree_is_refused(tmp_path):
    config = small_site(tmp_path / "s")
    other = tmp_path / "other-repo"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    before = tree(tmp_path)
    assert "is the root of a git work tree" in one_diagnostic(build(config, str(other)))
    assert tree(tmp_path) == before


def test_the_output_is_checked_before_the_drafts_are_read(tmp_path):
    config = make_site(tmp_path / "s", {"a.md": draft_text(agency="khong-co")})
    line = one_diagnostic(build(config, "."))   # the draft's error is not even reported
    assert "the site's own folder" in line


def test_a_broken_config_and_a_wrong_out_are_reported_together(tmp_path):
    config = small_site(tmp_path / "s")
    config.write_text(config.read_text(encoding="utf-8").replace("agencies:", "agencys:"), encoding="utf-8")
    result = build(config, ".")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--out:1:1: error: the output folder '.' is the site's own folder" in result.stderr
    assert "site_config.yml:" in result.stderr and "agencys" in result.stderr


# --- folders that are not policyhub's ------------------------------------------------------

def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path):
    config = small_site(tmp_path / "s")
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("<p>the agency's old home page</p>", encoding="utf-8")
    (www / "notes.txt").write_text("keep me", encoding="utf-8")
    before = tree(tmp_path)
    line = one_diagnostic(build(config, str(www)))
    assert "already holds files policyhub did not make (index.html, notes.txt)" in line
    assert tree(tmp_path) == before


def test_a_folder_that_only_looks_like_a_site_is_refused(tmp_path):
    config = small_site(tmp_path / "s")
    www = tmp_path / "www"
    for name in ("index.html", "404.html", "sitemap.xml", "api/drafts.json"):
        (www / name).parent.mkdir(parents=True, exist_ok=True)
        (www / name).write_text("{}", encoding="utf-8")
    assert "did not make" in one_diagnostic(build(config, str(www)))


def test_an_empty_folder_is_used_and_marked_as_policyhub_output(tmp_path):
    config = small_site(tmp_path / "s")
    (tmp_path / "www").mkdir()
    assert build(config, str(tmp_path / "www")).returncode == 0
    assert (tmp_path / "www" / MARKER).is_file()
    assert "Dự thảo Nghị quyết về học phí" in draft_page(tmp_path / "www")


def test_a_marked_folder_is_replaced_whole(tmp_path):
    config = small_site(tmp_path / "s")
    out = tmp_path / "s" / "site"
    assert build(config, "site").returncode == 0
    (out / "stale.html").write_text("from an older build", encoding="utf-8")
    assert build(config, "site", today=LATER).returncode == 0
    assert not (out / "stale.html").exists()
    assert "Đã hết hạn góp ý" in draft_page(out)


def test_a_site_built_before_the_marker_is_recognised_and_replaced(tmp_path):
    config = small_site(tmp_path / "s")
    out = tmp_path / "s" / "site"
    assert build(config, "site").returncode == 0
    (out / MARKER).unlink()   # as the previous version of policyhub left it
    result = build(config, "site", today=LATER)
    assert result.returncode == 0, result.stderr
    assert (out / MARKER).is_file()
    assert "Đã hết hạn góp ý" in draft_page(out)


# --- folders that cannot be written --------------------------------------------------------

def test_a_file_named_as_out_is_refused(tmp_path):
    config = small_site(tmp_path / "s")
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    assert "is a file, not a folder" in one_diagnostic(build(config, str(tmp_path / "notes.txt")))
    line = one_diagnostic(build(config, str(tmp_path / "notes.txt" / "site")))
    assert f"cannot be made: {tmp_path / 'notes.txt'} is a file" in line
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a folder"


def test_a_read_only_disk_is_one_diagnostic(tmp_path):
    config = small_site(tmp_path / "s")
    with mounts.tmpfs(tmp_path / "ro", "1m", read_only=True) as disk:
        line = one_diagnostic(build(config, str(disk / "site")))
        assert f"cannot write {disk / 'site'}: the disk is read-only" in line
        line = one_diagnostic(build(config, str(disk)))   # the read-only mount point itself
        assert f"cannot write {disk}: the disk is read-only" in line


def test_a_full_disk_is_one_diagnostic_and_the_previous_site_stays(tmp_path):
    config = small_site(tmp_path / "s")
    with mounts.tmpfs(tmp_path / "disk", "64m") as disk:
        assert build(config, str(disk / "site")).returncode == 0
        before = tree(disk)
        # room for the site and half another: the next build runs out of space half-way
        mounts.resize(disk, mounts.used_kib(disk) * 3 // 2)
        line = one_diagnostic(build(config, str(disk / "site"), today=LATER))
        assert f"cannot write {disk / 'site'}: the disk is full" in line
        assert tree(disk) == before   # the old site byte for byte, and nothing left beside it


# --- a mount point as the output ----------------------------------------------------------

def test_a_mount_point_is_swapped_file_by_file(tmp_path):
    config = small_site(tmp_path / "s")
    assert build(config, str(tmp_path / "plain"), today=LATER).returncode == 0
    with mounts.tmpfs(tmp_path / "www", "64m") as www:
        (www / "lost+found").mkdir()   # as on a fresh ext4 disk: not ours, kept
        assert build(config, str(www)).returncode == 0
        assert "Đang lấy ý kiến" in draft_page(www)
        (www / "stale.html").write_text("from an older build", encoding="utf-8")
        result = build(config, str(www), today=LATER)
        assert result.returncode == 0, result.stderr
        assert os.path.ismount(www)
        site = tree(www)
        assert site.pop("lost+found") == b"<dir>"
        assert site == tree(tmp_path / "plain")   # the same site a plain folder gets, nothing else


def test_a_bind_mount_of_a_folder_on_the_same_disk_is_a_mount_point_too(tmp_path):
    config = small_site(tmp_path / "s")
    (tmp_path / "exported").mkdir()
    with mounts.bind(tmp_path / "exported", tmp_path / "www") as www:
        assert build(config, str(www)).returncode == 0
        result = build(config, str(www), today=LATER)
        assert result.returncode == 0, result.stderr
        assert "Đã hết hạn góp ý" in draft_page(www)
        assert sorted(p.name for p in www.iterdir() if p.name.startswith(".")) == [MARKER]
    assert "Đã hết hạn góp ý" in draft_page(tmp_path / "exported")


def test_a_full_mount_point_keeps_its_site(tmp_path):
    config = small_site(tmp_path / "s")
    with mounts.tmpfs(tmp_path / "www", "64m") as www:
        assert build(config, str(www)).returncode == 0
        before = tree(www)
        mounts.resize(www, mounts.used_kib(www) * 3 // 2)
        line = one_diagnostic(build(config, str(www), today=LATER))
        assert "the disk is full" in line
        assert tree(www) == before
