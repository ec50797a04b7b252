"""The manifest of the published site is read back only as it was written: for the same
folder, whole, with plain relative paths; anything else counts as no manifest at all."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cache import manifest as site_manifest
from generator.cache import published

CODE = "c" * 64


def signed(site: Path, lines: list[bytes]) -> bytes:
    """A manifest with a correct check, as anyone who can write the cache can make one."""
    body = b"\n".join(lines)
    return site_manifest.FORMAT + b" " + CODE.encode() + b" " + site_manifest._check(site, CODE, body) + b"\n" + body


def site_with_a_page(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "du-thao").mkdir(parents=True)
    (site / "du-thao/index.html").write_bytes(b"<p>trang</p>")
    return site


def test_a_manifest_is_read_back_for_the_site_it_was_written_for(tmp_path):
    site = site_with_a_page(tmp_path)
    digest = site_manifest.digest_of(b"<p>trang</p>")
    manifest = tmp_path / "cache" / "published.manifest"
    site_manifest.write_manifest(manifest, site, CODE, {"du-thao/index.html": digest})
    code, entries = site_manifest.read_manifest(manifest, site)
    assert code == CODE and entries["du-thao/index.html"].digest == digest
    reuse = published.Published(tmp_path / "staging", site, code, entries, CODE)
    assert reuse.trusted == {"du-thao/index.html": digest} and reuse.same_code
    assert site_manifest.read_manifest(manifest, tmp_path / "other-site") == ("", {})


@pytest.mark.parametrize("path", [b"../../etc/passwd", b"/etc/passwd", b"du-thao/../../x", b"a//b", b"."])
def test_a_well_signed_manifest_naming_a_path_outside_the_site_is_not_read(tmp_path, path):
    site = site_with_a_page(tmp_path)
    manifest = tmp_path / "published.manifest"
    good = b"0" * 64 + b" 1 2 3 4 5 - du-thao/index.html"
    manifest.write_bytes(signed(site, [good, b"0" * 64 + b" 1 2 3 4 5 - " + path]))
    assert site_manifest.read_manifest(manifest, site) == ("", {})
    manifest.write_bytes(signed(site, [good]))
    assert list(site_manifest.read_manifest(manifest, site)[1]) == ["du-thao/index.html"]


@pytest.mark.parametrize("line", [
    b"0" * 64 + b" 1 " + str(1 << 64).encode() + b" 3 4 5 - du-thao/index.html",   # no file has that inode
    b"0" * 64 + b" 1 2 3 4 5 - du-thao/index.html\n" + b"1" * 64 + b" 1 2 3 4 5 - du-thao/index.html",
])
def test_a_well_signed_manifest_with_a_line_no_build_writes_is_not_read(tmp_path, line):
    site = site_with_a_page(tmp_path)
    manifest = tmp_path / "published.manifest"
    manifest.write_bytes(signed(site, line.split(b"\n")))
    assert site_manifest.read_manifest(manifest, site) == ("", {})


def test_a_file_that_no_longer_has_its_recorded_identity_is_not_vouched_for(tmp_path):
    site = site_with_a_page(tmp_path)
    manifest = tmp_path / "published.manifest"
    site_manifest.write_manifest(manifest, site, CODE, {"du-thao/index.html": site_manifest.digest_of(b"<p>trang</p>")})
    page = site / "du-thao/index.html"
    st = page.stat()
    with open(page, "r+b") as f:   # same size, same modification time: only the change time moves
        f.write(b"<p>TRANG</p>")
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, entries = site_manifest.read_manifest(manifest, site)
    assert published.Published(tmp_path / "staging", site, code, entries, CODE).trusted == {}


def test_a_published_file_swapped_for_a_link_after_the_check_is_never_linked_into_the_site(tmp_path):
    # someone who can write the published site replaces a vouched-for page, mid-build, by a
    # link to a private file of the user who builds: the new site must not take that file
    site = site_with_a_page(tmp_path)
    page = site / "du-thao/index.html"
    manifest = tmp_path / "published.manifest"
    site_manifest.write_manifest(manifest, site, CODE, {"du-thao/index.html": site_manifest.digest_of(page.read_bytes())})
    code, entries = site_manifest.read_manifest(manifest, site)
    staging = tmp_path / "staging"
    (staging / "du-thao").mkdir(parents=True)
    reuse = published.Published(staging, site, code, entries, CODE)
    assert "du-thao/index.html" in reuse.trusted
    secret = tmp_path / "id_ed25519"
    secret.write_bytes(b"PRIVATE KEY")
    page.unlink()
    page.symlink_to(secret)
    reuse.put(staging / "du-thao/index.html", b"<p>trang</p>")
    built = staging / "du-thao/index.html"
    assert built.read_bytes() == b"<p>trang</p>" and not built.is_symlink() and not built.samefile(secret)


def test_a_page_read_and_compared_is_linked_only_if_it_is_still_the_file_that_was_read(tmp_path):
    site = site_with_a_page(tmp_path)
    staging = tmp_path / "staging"
    (staging / "du-thao").mkdir(parents=True)
    reuse = published.Published(staging, site, "", site_manifest.Manifest(), CODE)   # no manifest: every file is read
    reuse.put(staging / "du-thao/index.html", b"<p>trang</p>")
    assert (staging / "du-thao/index.html").samefile(site / "du-thao/index.html")   # same bytes: linked
    other = tmp_path / "other"
    other.write_bytes(b"<p>trang</p>")
    inode = published.Published(staging, site, "", site_manifest.Manifest(), CODE)._inode_holding("du-thao/index.html", (b"<p>trang</p>",))
    (site / "du-thao/index.html").unlink()
    (site / "du-thao/index.html").symlink_to(other)   # swapped between the read and the link
    assert not reuse.link("du-thao/index.html", staging / "du-thao/new.html", inode)
    assert not (staging / "du-thao/new.html").exists()


def test_a_manifest_written_a_block_of_lines_at_a_time_reads_back_every_file(tmp_path, monkeypatch):
    site = tmp_path / "site"
    pages = {f"du-thao/{n}/index.html": f"<p>trang {n}</p>".encode() for n in range(7)}
    for rel, data in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    digests = {rel: site_manifest.digest_of(data) for rel, data in pages.items()}
    whole, blocks = tmp_path / "whole.manifest", tmp_path / "blocks.manifest"
    site_manifest.write_manifest(whole, site, CODE, digests)
    monkeypatch.setattr(site_manifest, "LINES_IN_A_BLOCK", 3)   # blocks of 3, 3 and 1 lines
    site_manifest.write_manifest(blocks, site, CODE, digests)
    assert blocks.read_bytes() == whole.read_bytes()
    code, entries = site_manifest.read_manifest(blocks, site)
    assert code == CODE and {rel: entries[rel].digest for rel in entries} == digests
