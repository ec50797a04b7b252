"""What reading and checking a file found, kept across builds and found again by its text.

Parsing front matter with the position of every field, and the plain-language lint, cost
about two milliseconds a draft: most of a rebuild of an unchanged hub. Each result is
stored under a hash of our code, the exact text it was made from and the settings it
used, so an entry can only ever be found by the input that made it. A build keeps the
entries it used and drops the others, so the file holds one entry per current file.

The file is data only, one line per entry, `<check> <key> <JSON>`: the check is a seal of
the key and the JSON (an HMAC-SHA-256 under the key kept outside the cache, `seal`), so a
line that was cut, changed, moved to another key or written without the key is refused,
and the JSON is read back through the strict decoder beside the code that makes each result
(`load.cached_front`, `validate.cached_findings`). A refused entry is made again, as if it
had never been stored. Nothing in the file can run code. The header names
the code that wrote the file, sealed too: a file of other code or of another key is not
read at all. Without a key the file is neither read nor written.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import importlib.metadata
import json
import math
import re
from pathlib import Path
from typing import Callable

from generator.cache import seal
from generator.cache.values import BadValue, Unstorable
from generator.cache.store import line_spans, read_regular, write_new

FILE_NAME = "sources.jsonl"
FORMAT = b"policyhub-sources 3"
_KEY = re.compile(rb"[0-9a-f]{64}")
_CHECK_SIZE = _KEY_SIZE = 64
_PAYLOAD_AT = _CHECK_SIZE + 1 + _KEY_SIZE + 1   # "<check> <key> "
MAX_FILE_BYTES = 512 << 20   # 85 MB at 10,000 drafts: a larger file is not read (every result is made again)


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Our own code and the packages it runs on: after an upgrade of either, nothing an
    older version stored is found any more."""
    digest = hashlib.sha256(FORMAT)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    packages = sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions())
    digest.update(repr(packages).encode())
    return digest.hexdigest()


_ENTRY = b"policyhub-source-entry\0"   # what a line's seal is made of besides the line


def _check(key_and_payload: bytes, sealed: seal.Seal | None = None) -> bytes:
    """The check of a line, sealed with this run's key."""
    return (sealed or seal.current()).sign(_ENTRY, key_and_payload)


def _header(sealed: seal.Seal | None = None) -> bytes:
    """The file's first line: its format and the code that wrote it, sealed."""
    code = code_digest().encode("ascii")
    return FORMAT + b" " + code + b" " + (sealed or seal.current()).sign(b"policyhub-sources\0", code)


def _refuse_constant(name: str):
    raise BadValue(f"{name} is never written")   # NaN and Infinity: allow_nan=False on writing


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):   # 1e999 reads as infinity, which is never written either
        raise BadValue(f"{text} is never written")
    return number


class SourceCache:
    """Results by key, loaded from and saved to one file. Without a file it keeps results
    for this build only when asked to (`keep`), else nothing. Results are made into lines
    of the file only where some file will hold them (`stores`: by default when this cache
    has one; a worker's cache stores for the file of the cache it reports to), so a build
    without a cache spends nothing on entries no build will read."""

    def __init__(self, path: Path | None, keep: bool = False, stores: bool | None = None):
        self.path = path
        self.keeps = path is not None or keep
        self.stores = path is not None if stores is None else stores
        # lines of the file, checked when first asked for: views of the file read, which is
        # kept whole until the cache is let go (copying every line out of it held it twice)
        self.found: dict[str, memoryview] = {}
        self.values: dict[str, tuple] = {}         # key -> (value, its line or None): checked or made here
        self.used: dict[str, bytes | memoryview | None] = {}   # asked for or made by this build: what save() keeps
        self.parts: set[str] = set()               # of those, the parts of a larger result (`get`, `put`)
        self.changed = False                       # an entry was refused or made: the file needs writing
        self.seal = seal.current() if path is not None or self.stores else None
        if self.seal is None:   # no key: nothing is read from a file or made into a line of one
            self.path, self.stores = None, False
        if self.path is not None:
            self._load(self.path)

    def _load(self, path: Path) -> None:
        data = read_regular(path, MAX_FILE_BYTES)
        if data is None:
            return   # a missing or unreadable cache only means work done again
        if not hmac.compare_digest(data[:data.find(b"\n")], _header(self.seal)):
            return
        view, space = memoryview(data), ord(" ")
        for start, end in line_spans(data):
            line = view[start:end]
            key = data[start + _CHECK_SIZE + 1:start + _PAYLOAD_AT - 1]
            if (len(line) > _PAYLOAD_AT and line[_CHECK_SIZE] == space and line[_PAYLOAD_AT - 1] == space
                    and _KEY.fullmatch(key)):
                self.changed |= self.found.setdefault(key.decode("ascii"), line) is not line
            elif len(line):
                self.changed = True

    @property
    def known(self) -> int:
        """How many results this cache may give (not all checked yet)."""
        return len(self.found) + len(self.values)

    @staticmethod
    def key(kind: str, *inputs: str) -> str:
        digest = hashlib.sha256(kind.encode())
        for text in inputs:
            digest.update(b"\0")
            digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str, decode: Callable[[object], object], part: bool = False):
        """The stored result, or None. `decode` turns the stored JSON back into the result,
        raising BadValue for anything it would not have written for this input. Callers
        treat what they get as read-only. `part`: the result is a part of a larger one,
        stored too (see `save`)."""
        if not self.keeps:
            return None
        if part:
            self.parts.add(key)
        if key in self.values:
            value, line = self.values[key]
        else:
            line = self.found.pop(key, None)
            if line is None:
                return None
            value = self._read(self.seal, line, decode)
            if value is None:
                self.changed = True
                return None
            self.values[key] = (value, line)
        self.used[key] = line
        return value

    @staticmethod
    def _read(sealed: seal.Seal | None, line: bytes, decode):
        if sealed is None or not sealed.verifies(line[:_CHECK_SIZE], _ENTRY, line[_CHECK_SIZE + 1:]):
            return None
        try:
            return decode(json.loads(bytes(line[_PAYLOAD_AT:]), parse_constant=_refuse_constant, parse_float=_finite))
        except (BadValue, ValueError, RecursionError):   # JSON errors are ValueErrors too
            return None

    def let_go(self, key: str) -> None:
        """Forget the value of `key`, taken for the last time (its line is still saved): the
        next `get` of it finds nothing."""
        if key in self.values:
            self.values[key] = (None, self.values[key][1])

    def put(self, key: str, value, encode: Callable[[object], object], part: bool = False) -> None:
        """Keep `value`; `encode` gives its JSON data, or raises Unstorable (then the value is
        kept for this build only). Without a file to store it in, `encode` is not called.
        `part`: as for `get`."""
        if not self.keeps:
            return
        if part:
            self.parts.add(key)
        line = self._line(self.seal, key, value, encode) if self.stores else None
        self.values[key] = (value, line)
        self.used[key] = line
        self.changed = True

    @staticmethod
    def _line(sealed: seal.Seal, key: str, value, encode) -> bytes | None:
        try:
            payload = json.dumps(encode(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            key_and_payload = key.encode("ascii") + b" " + payload.encode("utf-8")
            return _check(key_and_payload, sealed) + b" " + key_and_payload
        except (Unstorable, ValueError, TypeError, RecursionError):   # ValueError: also a lone surrogate
            return None

    def adopt(self, values: dict[str, tuple], parts: set[str] | frozenset[str] = frozenset()) -> None:
        """Results made by this build's workers (forked from this process: trusted as its own),
        kept as used by this build: the checks that follow take a draft's result whole, but
        the parts it was made of (`parts`) serve the next build when only the settings changed."""
        self.parts |= parts
        self.values.update(values)
        self.used.update((key, line) for key, (_, line) in values.items())
        self.changed |= bool(values)

    def save(self) -> None:
        """Write the entries this build used, unless they are exactly those already stored."""
        if self.path is None:
            return
        kept = {key: line for key, line in self.used.items() if line is not None}
        if not self.changed and not self.found and len(kept) == len(self.used):
            return   # every stored entry was used as it was, and nothing was added
        header = _header(self.seal) + b"\n"
        if len(header) + sum(len(line) + 1 for line in kept.values()) > MAX_FILE_BYTES:
            # too large for the next build to read: without the parts, each draft's result
            # whole is what the next day asks for
            kept = {key: line for key, line in kept.items() if key not in self.parts}
            if len(header) + sum(len(line) + 1 for line in kept.values()) > MAX_FILE_BYTES:
                return   # a file the next build would not read
        # the lines as they are, each followed by its newline: no joined copy of the file,
        # which is as large as the hub's text
        parts = [part for key in sorted(kept) for part in (kept[key], b"\n")] or [b"\n"]
        try:
            write_new(self.path, header, *parts)
        except OSError:   # a full disk or a read-only cache folder: the next build reads afresh
            pass
