"""The key that seals the cache: where it comes from, and what a seal depends on."""
from __future__ import annotations

import os
import stat

import pytest

from generator.cache import seal


@pytest.fixture(autouse=True)
def own_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(seal.ENV_VAR, raising=False)
    yield
    seal.forget()


def test_a_seal_depends_on_the_key_and_on_every_byte():
    one, other = seal.Seal(b"a" * 32), seal.Seal(b"b" * 32)
    assert one.sign(b"kind\0", b"data") == seal.Seal(b"a" * 32).sign(b"kind\0data")
    assert one.sign(b"data") != other.sign(b"data") and one.sign(b"data") != one.sign(b"datb")
    assert one.verifies(one.sign(b"data"), b"data") and not other.verifies(one.sign(b"data"), b"data")
    assert "a" * 8 not in repr(one)


def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path):
    old = os.umask(0)   # even where files are made for everyone by default
    try:
        first = seal.establish()
    finally:
        os.umask(old)
    path = tmp_path / "config" / "policyhub" / seal.KEY_FILE_NAME
    assert seal.key_file() == path and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [seal.KEY_FILE_NAME]   # no temporary file left
    assert seal.establish().sign(b"x") == first.sign(b"x")   # read again, not made again


def test_the_variable_comes_first_and_its_surrounding_spaces_do_not_count(monkeypatch):
    monkeypatch.setenv(seal.ENV_VAR, "  " + "k" * 40 + "\n")
    assert seal.establish().sign(b"x") == seal.Seal(b"k" * 40).sign(b"x")
    assert not seal.key_file().exists()


@pytest.mark.parametrize("written,code", [(b"short\n", "cache-key-too-short.file"),
                                          (b"\xff" * 40, "cache-key-not-valid.file")])
def test_a_key_file_that_is_not_a_key_is_refused_and_named(written, code):
    seal.key_file().parent.mkdir(parents=True)
    seal.key_file().write_bytes(written)
    with pytest.raises(seal.CacheKeyError) as refused:
        seal.establish()
    assert refused.value.report.diagnostics[0].key == code
    assert str(seal.key_file()) in refused.value.line("en") and "delete" in refused.value.line("en")
    assert seal.current() is None   # and nothing is kept meanwhile


def test_no_key_to_be_had_keeps_nothing(tmp_path, monkeypatch):
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "not-a-folder"))
    with pytest.raises(seal.NoKey):
        seal.establish()
    assert seal.current() is None
