"""Which Markdown files a site's folder gives: hidden and `_` names left out, links to
folders and links that lead out of the site reported instead of followed, and a draft's
real path found as `Path.resolve` finds it, also through a link."""
from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Report
from generator.load import site_files, sources


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "site"
    drafts = root / "drafts"
    for rel in ("2026/a/index.md", "2026/b/index.md", "2026/b/ghi-chu.txt", "2026/_nhap/index.md",
                "2026/.an/index.md", "2027/c/index.md", "2027/c/v1.md"):
        (drafts / rel).parent.mkdir(parents=True, exist_ok=True)
        (drafts / rel).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (tmp_path / "ngoai").mkdir()
    (tmp_path / "ngoai" / "index.md").write_text("ngoài", encoding="utf-8")
    os.symlink(drafts / "2026", drafts / "lien-ket-thu-muc")               # a link to a folder inside
    os.symlink(tmp_path / "ngoai", drafts / "thu-muc-ngoai")               # a link to a folder outside
    os.symlink(tmp_path / "ngoai" / "index.md", drafts / "2027" / "ngoai.md")   # a file outside
    os.symlink(drafts / "2027" / "c" / "v1.md", drafts / "2027" / "ban-cu.md")  # a file inside
    os.symlink(drafts / "khong-co.md", drafts / "2027" / "gay.md")          # leads nowhere
    return root, drafts


def test_the_walk_lists_the_drafts_and_reports_the_links_it_does_not_follow(tmp_path):
    root, drafts = _tree(tmp_path)
    found = site_files.walk(drafts, root.resolve(), ".md", skip_underscore=True)
    assert [p.relative_to(drafts).as_posix() for p in found.files] == [
        "2026/a/index.md", "2026/b/index.md", "2027/ban-cu.md", "2027/c/index.md", "2027/c/v1.md"]
    assert [p.relative_to(drafts).as_posix() for p in found.outside] == ["2027/ngoai.md", "thu-muc-ngoai"]
    assert [p.relative_to(drafts).as_posix() for p in found.linked_folders] == ["lien-ket-thu-muc"]


def test_a_drafts_real_path_is_what_resolve_gives(tmp_path):
    root, drafts = _tree(tmp_path)
    os.symlink(drafts, tmp_path / "du-thao")   # the folder named through a link
    for folder in (drafts, tmp_path / "du-thao"):
        real = sources._real_paths(folder)
        files = site_files.walk(folder, root.resolve(), ".md").files
        assert files and [real(p) for p in files] == [p.resolve() for p in files]
    assert sources._real_paths(drafts)(drafts / "2027" / "ban-cu.md") == drafts / "2027" / "c" / "v1.md"


def test_a_link_that_leads_through_a_file_or_round_in_circles_is_no_draft(tmp_path):
    root, drafts = _tree(tmp_path)
    os.symlink(drafts / "2026" / "a" / "index.md" / "x", drafts / "2026" / "qua-tep.md")
    chain = drafts / "2026" / "vong-0.md"
    os.symlink(drafts / "2026" / "vong-1.md", chain)
    os.symlink(chain, drafts / "2026" / "vong-1.md")
    found = site_files.walk(drafts, root.resolve(), ".md", skip_underscore=True)
    assert "2026/qua-tep.md" not in [p.relative_to(drafts).as_posix() for p in found.files]
    assert "2026/vong-0.md" not in [p.relative_to(drafts).as_posix() for p in found.files]
    assert found.unreadable == ()


def test_a_folder_that_cannot_be_opened_is_an_error_not_a_gap(tmp_path, monkeypatch):
    # as root every folder opens: the refusal a folder without `x` gives is made here
    root, drafts = _tree(tmp_path)
    closed = os.fspath(drafts / "2027")
    opened = os.scandir

    def scandir(path="."):
        if os.fspath(path) == closed:
            raise PermissionError(13, "Permission denied", closed)
        return opened(path)
    monkeypatch.setattr(os, "scandir", scandir)
    found = site_files.walk(drafts, root.resolve(), ".md", skip_underscore=True)
    assert [p.relative_to(drafts).as_posix() for p in found.files] == ["2026/a/index.md", "2026/b/index.md"]
    assert found.unreadable == ((drafts / "2027", "Permission denied", "unreadable-folder"),)
    report = Report()
    sources.markdown_files(drafts, root.resolve(), report)
    [error] = [e for e in report.errors if e.key == "unreadable-folder"]
    assert error.path == "drafts/2027"
    assert "không mở được thư mục này (Permission denied)" in report.render_text()
