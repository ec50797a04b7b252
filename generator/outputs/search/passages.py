"""A draft's body as plain passages: what the index reads and what a result's snippet shows.

A passage is a heading, a paragraph, a list item, a table row or a footnote, as text without
Markdown: links and pictures keep their words, emphasis and code marks go, table cells are
joined by " · ". Pairs of words (`folding.terms`) never run from one passage into the next.
Nothing here is HTML: the page shows passages as text (search.js builds text nodes and
`<mark>` elements, never markup from a string). Each step works on the whole body at once:
the index of 20,000 drafts reads 160 MB of Markdown.
"""
from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,}).*$", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\n]|\([^)\n]*\))*\)")
_AUTOLINK = re.compile(r"<(?:https?:|mailto:|tel:)[^>\s]*>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]+\](?!:)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)
_TABLE_ROW = re.compile(r"^[ \t]*\|(.*?)\|?[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+([^\n]*)", re.MULTILINE)
# a list item, a definition or a footnote begins a passage of its own
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]|:|\[\^[^\]\n]+\]:|\*\[[^\]\n]+\]:)[ \t]+", re.MULTILINE)
_QUOTE = re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE)
_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
_PARAGRAPHS = re.compile(r"\n{2,}")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")


def _row(match: re.Match) -> str:
    cells = [cell.strip() for cell in match[1].split("|")]
    return "\n\n" + " · ".join(cell for cell in cells if cell) + "\n\n"


def passages(markdown: str) -> list[str]:
    """The passages of a Markdown body, in order, without empty ones."""
    text = markdown.replace("\r\n", "\n")
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
    if "|" in text:
        text = _TABLE_ROW.sub(_row, _TABLE_RULE.sub("", text))
    text = _HEADING.sub(r"\n\n\1\n\n", text)
    text = _ITEM.sub("\n\n", text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    if "[^" in text:
        text = _FOOTNOTE_REF.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _LINE_BREAK.sub(" ", text.replace("*", "").replace("_", "").replace("`", ""))
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return [part for part in (p.strip() for p in _PARAGRAPHS.split(text)) if part]
