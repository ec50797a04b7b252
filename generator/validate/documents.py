"""Documents attached to a draft: a file beside it (with its size and SHA-256) or an address."""
from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from generator.load import site_files
from generator.model import Document
from generator.model.vocab import DOCUMENT_KINDS
from generator.validate.attachments import attached_file
from generator.validate.fields import FieldChecker
from generator.validate.tables import DOCUMENT_FIELDS


def file_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def check_documents(raw, check: FieldChecker, base: Path, root: Path) -> tuple[Document, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("documents",), "wrong-type.documents", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("documents", i)
        if not check.mapping(item, p, DOCUMENT_FIELDS, ("title",)):
            continue
        kind = check.text(item.get("kind", "other"), p + ("kind",)) or "other"
        if kind not in DOCUMENT_KINDS:
            check.error(p + ("kind",), "bad-document-kind", value=kind, choices=", ".join(DOCUMENT_KINDS),
                        at_value=True)
        has_file, has_url = bool(item.get("file")), bool(item.get("url"))
        if has_file == has_url:
            check.error(p, "document-source")
            continue
        title = check.text(item.get("title"), p + ("title",))
        version = check.text(item.get("version"), p + ("version",))
        if has_file:
            target = attached_file(item["file"], p + ("file",), check, base, root, site_files.DOCUMENT_TYPES)
            if target is None:
                continue
            size, sha = file_digest(target)
            name = check.text(item["file"], p + ("file",))
            out.append(Document(title, kind, file=name, version=version, format=_format(name),
                                size=size, sha256=sha))
        else:
            url = check.web_url(item.get("url"), p + ("url",))
            if url:
                out.append(Document(title, kind, url=url, version=version,
                                    format=_format(url.split("?")[0].split("#")[0])))
    return tuple(out)


def _format(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    return suffix.upper() if 1 <= len(suffix) <= 5 else ""
