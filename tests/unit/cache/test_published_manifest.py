"""The manifest of the published site is read back only as it was written: for the same
folder, whole, with plain relative paths; anything else counts as no manifest at all."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cache import published

CODE = "c" * 64


def signed(site: Path, lines: list[bytes]) -> bytes:
    """A manifest with a correct check, as anyone who can write the cache can make one."""
    body = b"\n".join(lines)
    return published.FORMAT + b" " + CODE.encode() + b" " + published._check(site, CODE, body) + b"\n" + body


def site_with_a_page(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "du-thao").mkdir(parents=True)
    (site / "du-thao/index.html").write_bytes(b"<p>trang</p>")
    return site


def test_a_manifest_is_read_back_for_the_site_it_was_written_for(tmp_path):
    site = site_with_a_page(tmp_path)
    digest = published.digest_of(b"<p>trang</p>")
    manifest = tmp_path / "cache" / published.FILE_NAME
    published.write_manifest(manifest, site, CODE, {"du-thao/index.html": digest})
    code, entries = published.read_manifest(manifest, site)
    assert code == CODE and entries["du-thao/index.html"].digest == digest
    reuse = published.Published(tmp_path / "staging", site, code, entries, CODE)
    assert reuse.trusted == {"du-thao/index.html": digest} and reuse.same_code
    assert published.read_manifest(manifest, tmp_path / "other-site") == ("", {})


@pytest.mark.parametrize("path", [b"../../etc/passwd", b"/etc/passwd", b"du-thao/../../x", b"a//b", b"."])
def test_a_well_signed_manifest_naming_a_path_outside_the_site_is_not_read(tmp_path, path):
    site = site_with_a_page(tmp_path)
    manifest = tmp_path / published.FILE_NAME
    good = b"0" * 64 + b" 1 2 3 4 5 du-thao/index.html"
    manifest.write_bytes(signed(site, [good, b"0" * 64 + b" 1 2 3 4 5 " + path]))
    assert published.read_manifest(manifest, site) == ("", {})
    manifest.write_bytes(signed(site, [good]))
    assert list(published.read_manifest(manifest, site)[1]) == ["du-thao/index.html"]


def test_a_file_that_no_longer_has_its_recorded_identity_is_not_vouched_for(tmp_path):
    site = site_with_a_page(tmp_path)
    manifest = tmp_path / published.FILE_NAME
    published.write_manifest(manifest, site, CODE, {"du-thao/index.html": published.digest_of(b"<p>trang</p>")})
    page = site / "du-thao/index.html"
    st = page.stat()
    with open(page, "r+b") as f:   # same size, same modification time: only the change time moves
        f.write(b"<p>TRANG</p>")
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, entries = published.read_manifest(manifest, site)
    assert published.Published(tmp_path / "staging", site, code, entries, CODE).trusted == {}
