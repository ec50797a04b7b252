"""Problems of a Markdown text that `check` finds before anything is built, with positions.

- Links and pictures the site will not keep: the renderer turns them into plain text anyway
  (and the sanitiser would remove them); here the editor learns where they are and what to
  write instead.
- Lists and quotes nested deeper than any text needs: Python-Markdown reads nesting by
  recursion, and a few hundred levels stop it (RecursionError).
- Paragraphs with more unclosed brackets or character references than any text needs:
  Python-Markdown's inline patterns look ahead from each one, so the time to read a
  paragraph grows with the square of their number (4000 '[' in one paragraph take seconds,
  a few tens of thousands would hold a build for hours).
"""
from __future__ import annotations

import re

from generator.diagnostics import Report
from generator.markup.markdown import UnsafeAddress, unsafe_addresses
from generator.load.text_rules import line_and_column, visible
from generator.markup.url_safety import scheme_of


BODY_CODES = frozenset({"nested-too-deep", "remote-picture", "too-dense", "unsafe-link"})   # what the cache may hold
MAX_NESTING = 40   # levels of lists and quotes in one another; drafts use fewer than five
_PREFIX = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*")
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")
# in one paragraph: far above what a text needs (a long table of links has a few hundred '['),
# far below what makes reading it slow (1000 '[' take about 0.3 s, 5000 '&' about 0.2 s)
DENSITY_LIMITS = {"[": 1000, "&": 5000}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# every level takes at least one character of a line's start: only such long starts can be too deep
_LONG_START = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1}}}", re.MULTILINE)


def nesting(line: str) -> int:
    """How many lists and quotes a line opens or stays in, counted generously: every four
    columns of indentation, every '>' and every list marker at its start."""
    prefix = _PREFIX.match(line).group()
    return prefix.expandtabs(4).count(" ") // 4 + prefix.count(">") + len(_MARKER.findall(prefix))


def _too_dense(body: str, body_line: int) -> tuple[tuple[int, int], str, int] | None:
    """The first paragraph holding more of one character than `DENSITY_LIMITS` allows."""
    if all(body.count(char) <= limit for char, limit in DENSITY_LIMITS.items()):
        return None
    start = 0
    for paragraph in _PARAGRAPH_BREAK.split(body):
        start = body.find(paragraph, start)
        for char, limit in DENSITY_LIMITS.items():
            if paragraph.count(char) > limit:
                first = start + len(paragraph) - len(paragraph.lstrip())
                return line_and_column(body, first, body_line), char, limit
        start += len(paragraph)
    return None


def body_diagnostics(shown: str, body: str, body_line: int) -> list:
    """The diagnostics of `report_body_problems`, as a list (kept by the source cache)."""
    report = Report()
    report_body_problems(shown, body, body_line, report)
    return report.diagnostics


def report_body_problems(shown: str, body: str, body_line: int, report: Report) -> None:
    for number, line in enumerate(body.split("\n") if _LONG_START.search(body) else ()):
        if len(line) > MAX_NESTING and nesting(line) > MAX_NESTING:
            report.error(shown, (body_line + number, 1), "nested-too-deep", limit=MAX_NESTING)
            return   # the renderer could not read the text: its links are not looked at
    dense = _too_dense(body, body_line)
    if dense:
        position, char, limit = dense
        report.error(shown, position, "too-dense", limit=limit, char=char)
        return   # the renderer is not asked to read it
    start = 0
    for unsafe in unsafe_addresses(body):
        index = body.find(unsafe.written, start) if unsafe.written else -1
        if index < 0:
            index = body.find(unsafe.written)
        position = line_and_column(body, index, body_line) if index >= 0 else (body_line, 1)
        start = max(start, index + 1)
        key, params = _words(unsafe)
        report.error(shown, position, key, **params)


def _printable(address: str) -> str:
    return visible(address).replace("\t", "\\t").replace("\n", "\\n")


def _words(unsafe: UnsafeAddress) -> tuple[str, dict]:
    """The key and parameters of the diagnostic: what is written and, when browsers read it
    otherwise, what they read."""
    written = _printable(unsafe.written)
    read = _printable(unsafe.read_as)
    code = "remote-picture" if unsafe.kind == "picture" else "unsafe-link"
    params = {"written": written, "read": read}
    if code == "unsafe-link":
        params["scheme"] = scheme_of(unsafe.read_as)
    return code + (".read-as" if read != written else ""), params
