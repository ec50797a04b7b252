"""Placeholders: what a scaffolded draft leaves for the editor to write.

Commands that write a draft the editor must finish (`policyhub import`, `policyhub new`)
mark every value they cannot know with one token at its start, `[CẦN ĐIỀN]` ("to be
filled in"), followed by what to write there:

    summary: "[CẦN ĐIỀN] Tóm tắt dễ hiểu: dự thảo thay đổi gì, cho ai, từ khi nào"

`policyhub check` reports each one as an error (code `placeholder`) at its line and column,
in the front matter and in the body, so a draft with a placeholder is never published. The
token is recognised in any case and with or without Vietnamese marks ("[can dien]").
A placeholder stands for a missing value: the other checks of that field stay silent.
"""
from __future__ import annotations

import re
import unicodedata

from generator.messages import Field

TOKEN = "[CẦN ĐIỀN]"
_FOLDED = re.compile(r"\[\s*can[\s-]+dien\s*\]")


def placeholder(what: str) -> str:
    """The value to write where the editor must fill in `what`."""
    return f"{TOKEN} {what}"


def _fold(text: str) -> str:
    """Lower case without marks, one character for each character (so columns still match)."""
    out = []
    for char in text.lower():
        if char == "đ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", char)
        out.append(base[0] if base and not unicodedata.combining(base[0]) else char)
    return "".join(out)


def _token_at(text: str) -> int:
    """Index of the token in `text`, or -1."""
    match = _FOLDED.search(_fold(text)) if "[" in text else None
    return match.start() if match else -1


def is_placeholder(value) -> bool:
    return isinstance(value, str) and _token_at(value) >= 0


def find(front) -> list[tuple[tuple, str]]:
    """(path, text) of every placeholder value in parsed front matter, in document order."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif is_placeholder(value):
            found.append((path, value))

    walk(front, ())
    return found


def without(front, paths) -> object:
    """A copy of `front` without the placeholder values: a key is dropped, a list item becomes
    None. Containers without a placeholder are shared, never changed (the parse may be cached)."""
    wanted = set(paths)
    if not wanted:
        return front

    def strip(value, path):
        if not any(p[:len(path)] == path for p in wanted):
            return value
        if isinstance(value, dict):
            return {k: strip(v, path + (k,)) for k, v in value.items() if path + (k,) not in wanted}
        if isinstance(value, list):
            return [None if path + (i,) in wanted else strip(v, path + (i,)) for i, v in enumerate(value)]
        return value

    return strip(front, ())


def body_placeholders(body: str, body_line: int) -> list[tuple[int, int, str]]:
    """(line, column, line text) of every body line that holds the token."""
    out = []
    for offset, line in enumerate(body.split("\n")):
        column = _token_at(line)
        if column >= 0:
            out.append((body_line + offset, column + 1, line.strip()))
    return out


def report(src, report_to) -> set:
    """Report every placeholder of one source file; returns their front-matter paths."""
    front = src.front if isinstance(src.front, dict) else {}
    paths = set()
    for path, text in find(front):
        paths.add(path)
        report_to.error(src.shown, src.positions.value_of(path), "placeholder", field=Field(path),
                        text=_preview(text), token=TOKEN)
    for line, column, text in body_placeholders(src.body, src.body_line):
        report_to.error(src.shown, (line, column), "placeholder.body", text=_preview(text), token=TOKEN)
    return paths


def _preview(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
