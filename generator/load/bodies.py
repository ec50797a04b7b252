"""Each draft's body, kept out of memory while the site is built.

The bodies are most of a hub's text (a few thousand words a draft), yet a build needs each
one in few places: the draft's page, the changes since its earlier version, the search
index. Once a draft is checked its body goes into one file of the build's own (`Bodies`,
a nameless temporary file, gone with the process), and the draft keeps only the digest of
its body (`Draft.body_digest`), which stands for the text wherever a draft's text is
compared or hashed (the keys of cached pages and search entries). The page or the index
block that needs a body reads it back, uses it and lets it go, so that the parent process
holds no body and each worker one draft's (or one block's) at a time. Workers forked from
the process read the same file at the same offsets (`os.pread`): nothing is copied.

The file is written by this process only, after the body was checked, and is never found
by a name: what is read back is what was checked. Where the file cannot be written (a full
or read-only temporary folder) the bodies stay in memory instead.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile

from generator.model import Draft


def digest_of(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


class Bodies:
    """Bodies by their digest, in a temporary file (or, failing that, in memory)."""

    def __init__(self) -> None:
        self._file = None
        self._end = 0
        self._where: dict[str, tuple[int, int]] = {}   # digest -> (offset, bytes)
        self._held: dict[str, str] = {}                # digest -> body, where the file failed

    def keep(self, draft: Draft) -> Draft:
        """`draft` without its body, which is kept here under its digest (a draft already
        without one is returned as it is)."""
        if draft.body_digest:
            return draft
        digest = digest_of(draft.body)
        if digest not in self._where and digest not in self._held:
            data = draft.body.encode("utf-8", "surrogatepass")
            try:
                if self._file is None:
                    self._file = tempfile.TemporaryFile(prefix="policyhub-bodies-")
                written = os.pwrite(self._file.fileno(), data, self._end) if data else 0
                if written != len(data):
                    raise OSError("short write")
                self._where[digest] = (self._end, len(data))
                self._end += len(data)
            except OSError:
                self._held[digest] = draft.body
        return dataclasses.replace(draft, body="", body_digest=digest)

    def text(self, digest: str) -> str:
        held = self._held.get(digest)
        if held is not None:
            return held
        offset, size = self._where[digest]
        if not size:
            return ""
        data = os.pread(self._file.fileno(), size, offset)
        if len(data) != size:
            raise OSError(f"the kept bodies ended at {offset + len(data)} bytes, before {offset + size}")
        return data.decode("utf-8", "surrogatepass")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def body_of(draft: Draft, bodies: Bodies | None) -> str:
    """The draft's Markdown body: its own, or the one kept in `bodies` for it."""
    if not draft.body_digest:
        return draft.body
    if bodies is None:
        raise LookupError(f"the body of {draft.source} was kept apart, and nothing keeps it")
    return bodies.text(draft.body_digest)


def body_digest(draft: Draft) -> str:
    """The digest of the draft's body, whether it holds it or not."""
    return draft.body_digest or digest_of(draft.body)
