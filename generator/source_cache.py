"""What reading and checking a file found, kept across builds and found again by its text.

Parsing front matter with the position of every field, and the plain-language lint, cost
about two milliseconds a draft: most of a rebuild of an unchanged hub. Each result is
stored under a hash of our code, the exact text it was made from and the settings it
used, so an entry can only ever be found by the input that made it. A build keeps the
entries it used and drops the others, so the file holds one entry per current file.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
from pathlib import Path

FILE_NAME = "sources.pickle"
FORMAT = b"policyhub-sources-1"


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Our own code and the packages it runs on: after an upgrade of either, nothing an
    older version stored is found any more."""
    digest = hashlib.sha256(FORMAT)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    packages = sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions())
    digest.update(repr(packages).encode())
    return digest.hexdigest()


class SourceCache:
    """Results by key, loaded from and saved to one file. Without a file it keeps results
    for this build only when asked to (`keep`), else nothing."""

    def __init__(self, path: Path | None, keep: bool = False):
        self.path = path
        self.keeps = path is not None or keep
        self.stored: dict[str, object] = {}      # found by earlier builds, or by this one's workers
        self.used: dict[str, object] = {}        # asked for or made by this build: what save() keeps
        self.on_disk: set = set()                # keys of the file as it was read
        if path is not None:
            try:
                with open(path, "rb") as f:
                    stored = pickle.load(f)
                if isinstance(stored, dict) and stored.get(FORMAT) == code_digest():
                    self.stored, self.on_disk = stored, set(stored)
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
                pass   # a missing or damaged cache only means work done again

    @staticmethod
    def key(kind: str, *inputs: str) -> str:
        digest = hashlib.sha256(kind.encode())
        for text in inputs:
            digest.update(b"\0")
            digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str):
        """The stored result, or None. Callers treat what they get as read-only."""
        if not self.keeps:
            return None
        value = self.stored.get(key, self.used.get(key))
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value) -> None:
        if self.keeps:
            self.used[key] = value

    def save(self) -> None:
        """Write the entries this build used, unless they are exactly those already stored."""
        if self.path is None:
            return
        entries = {FORMAT: code_digest(), **self.used}
        if entries.keys() == self.on_disk:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with open(partial, "wb") as f:
            pickle.dump(entries, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)
