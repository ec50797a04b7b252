"""The key that seals the cache, kept outside it.

A plain digest finds damage, not forgery: whoever can write the cache folder (a shared CI
cache, a restored artefact, another job on the runner) can compute it too. So every check
of a cache file is an HMAC-SHA-256 under a secret key that is never in the cache folder nor
in the repository: an entry written without the key does not pass, counts as missing and is
made again, whatever its content. An entry sealed with another key is a miss as well, so a
new key is an empty cache, nothing worse.

The key is, first, the environment variable `POLICYHUB_CACHE_KEY` (on CI, a secret only the
main branch's job has), else the file `cache.key` in the user's configuration folder
(`platformdirs.user_config_dir`, following XDG_CONFIG_HOME), made with a random key and
mode 0600 on first use. A key shorter than `MIN_CHARS` or with characters other than
printable ASCII is a usage error (`CacheKeyError`, exit code 2); a key file that cannot be
read or made (a read-only home) means no key (`NoKey`): the run uses no cache and says so.
The key is never written anywhere but its file, and never shown: messages give at most its
length.

A run establishes its seal (`establish`) where it settles its cache folder; the forked
workers inherit it. Code that reads the cache without a run (`current`) establishes one
from the environment on first use, and without a key keeps nothing.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import platformdirs

from generator import messages
from generator.cache.location import APP_NAME, work_tree_of
from generator.diagnostics import ConfigError, Report

ENV_VAR = "POLICYHUB_CACHE_KEY"
KEY_FILE_NAME = "cache.key"
MIN_CHARS = 32     # 128 bits as hex; `secrets.token_hex(32)` (what the key file holds) gives 64
MAX_CHARS = 1024
_SPACE = b" \t\r\n"   # around the key (a secret pasted with its line break): not part of it


class CacheKeyError(ConfigError):
    """The key given cannot be used: the run stops with exit code 2 and one line."""

    def __init__(self, source: str, code: str, **params):
        report = Report()
        report.error(source, (1, 1), code, source=source, **params)
        super().__init__(report)

    def line(self, lang: str) -> str:
        message, fix = self.report.diagnostics[0].words(lang)
        return f"{messages.word('error', lang)}: {message}; {fix}"


class NoKey(Exception):
    """No key can be had (the key file can neither be read nor made): no cache this run."""

    def __init__(self, file: Path, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file, self.reason = file, reason


class Seal:
    """Seals made with one key; the key itself is held only by the HMAC it was given to."""

    __slots__ = ("_keyed",)

    def __init__(self, key: bytes):
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)   # the key's pads made once

    def __repr__(self) -> str:
        return "<cache seal>"

    def sign(self, *parts) -> bytes:
        """The hex HMAC-SHA-256 (ASCII bytes) of the concatenated `parts` (bytes-like)."""
        mac = self._keyed.copy()
        for part in parts:
            mac.update(part)
        return mac.hexdigest().encode("ascii")

    def verifies(self, tag: bytes, *parts) -> bool:
        return hmac.compare_digest(tag, self.sign(*parts))


def key_file() -> Path:
    """Where the key is kept when the environment gives none."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / KEY_FILE_NAME


_UNSET = object()
_active: Seal | None | object = _UNSET


def establish(cache_folder: Path | None = None, root: Path | None = None) -> Seal:
    """The seal of this run (and of the workers it forks). Raises CacheKeyError for a key
    that cannot be used or a key file inside the cache folder or the repository of the site
    at `root`, NoKey when the key file can neither be read nor made."""
    global _active
    _active = None
    given = os.environ.get(ENV_VAR)
    if given is not None:
        _active = Seal(_valid(given.encode("utf-8", "surrogateescape"), ENV_VAR, "variable"))
        return _active
    path = key_file()
    _refuse_place(path, cache_folder, root)
    _active = Seal(_valid(_read_or_make(path), str(path), "file"))
    return _active


def current() -> Seal | None:
    """The seal of this run; None when no key can be had (then nothing is kept)."""
    global _active
    if _active is _UNSET:
        try:
            establish()
        except (CacheKeyError, NoKey):
            _active = None
    return _active


def forget() -> None:
    """Establish again on next use (after the environment changed)."""
    global _active
    _active = _UNSET


def _valid(raw: bytes, source: str, kind: str) -> bytes:
    key = raw.strip(_SPACE)
    if any(byte < 0x21 or byte > 0x7E for byte in key) or len(key) > MAX_CHARS:
        raise CacheKeyError(source, f"cache-key-not-valid.{kind}", maximum=MAX_CHARS, file=str(key_file()))
    if len(key) < MIN_CHARS:
        raise CacheKeyError(source, f"cache-key-too-short.{kind}", count=len(key), minimum=MIN_CHARS,
                            file=str(key_file()))
    return key


def _refuse_place(path: Path, cache_folder: Path | None, root: Path | None) -> None:
    """A key file where the cache or the sources are would be as open to a forger as they are."""
    where = path.resolve()
    if cache_folder is not None and (where == cache_folder or cache_folder.resolve() in where.parents):
        raise CacheKeyError(str(path), "cache-key-file-inside.cache", folder=str(cache_folder))
    if root is not None:
        root = root.resolve()
        tree = work_tree_of(root) or root
        if where == tree or tree in where.parents:
            raise CacheKeyError(str(path), "cache-key-file-inside.sources", folder=str(tree))


def _read_or_make(path: Path) -> bytes:
    for _ in range(3):
        try:
            with open(path, "rb") as f:
                return f.read(MAX_CHARS + 16)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise NoKey(path, exc.strerror or type(exc).__name__) from None
        try:
            _make(path)
        except FileExistsError:
            continue   # made meanwhile by a run beside this one: read it
        except OSError as exc:
            raise NoKey(path, exc.strerror or type(exc).__name__) from None
    raise NoKey(path, "made and gone again")


def _make(path: Path) -> None:
    """A new random key at `path`, readable by its owner only, appearing whole: written under
    a temporary name, then linked to its own (never over a key made meanwhile)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(partial, flags, 0o600)
    except FileExistsError:   # left by a run that was stopped
        partial.unlink()
        fd = os.open(partial, flags, 0o600)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            os.write(fd, (secrets.token_hex(32) + "\n").encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(partial, path)
        except FileExistsError:
            raise
        except OSError:   # no hard links here: a rename, which may replace a key made meanwhile
            os.replace(partial, path)
    finally:
        try:
            partial.unlink()
        except OSError:
            pass
