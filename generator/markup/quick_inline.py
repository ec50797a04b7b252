"""Python-Markdown's inline stage without the patterns a text cannot match.

The inline stage tries each of its patterns (code, links, emphasis …) on every piece of text
of a page, one regular-expression search and a good deal of bookkeeping each: a third of a
draft body's conversion, though most pieces are plain sentences. Every pattern of the
dialect needs a certain character to match at all (a link "[", emphasis "*" or "_"); a piece
of text without it is passed over exactly as a failed search would pass it over. A pattern
not listed here (one an extension of the engine adds) is always tried.
"""
from __future__ import annotations

from markdown import util
from markdown.treeprocessors import InlineProcessor

# A pattern's regular expression -> strings one of which any text it matches holds (from
# Python-Markdown's inlinepatterns.py; a new release with other expressions is tried as it is).
NEEDS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),                     # backtick
    r"\\(.)": ("\\",),                                                       # escape
    r"\[\^([^\]]*)\]": ("[^",),                                              # footnote reference
    r"(?<!\!)\[": ("[",),                                                     # link, reference, short reference
    r"\!\[": ("![",),                                                         # pictures
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),                           # automatic link
    r"<([^<> !]+@[^@<> ]+)>": ("<",),                                          # automatic e-mail link
    "  \\n": ("  \n",),                                                       # line break
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),                 # character reference
    r"\*|_": ("*", "_"),                                                      # emphasis, strong
}


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's `InlineProcessor`, skipping a pattern on a text that lacks what the
    pattern needs. Same tree, same placeholders: a skipped pattern is one whose search would
    have found nothing. The patterns are taken in order from a list made at the start of each
    conversion, not from the registry for every piece of text and pattern."""

    def __init__(self, md) -> None:
        super().__init__(md)
        self.needs: dict[object, tuple[str, ...] | None] = {}   # a pattern -> what it needs
        self.ordered: list[tuple[object, tuple[str, ...] | None]] = []

    def _needs(self, pattern) -> tuple[str, ...] | None:
        try:
            return self.needs[pattern]
        except KeyError:
            needs = self.needs[pattern] = NEEDS.get(getattr(getattr(pattern, "compiled_re", None), "pattern", None))
            return needs

    def run(self, tree, ancestors=None):
        self.ordered = [(pattern, self._needs(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802 - overrides the base's own
        if isinstance(data, util.AtomicString):
            return data
        ordered, apply = self.ordered, InlineProcessor._InlineProcessor__applyPattern
        startIndex = 0  # noqa: N806 - named as in the base
        while patternIndex < len(ordered):
            pattern, needs = ordered[patternIndex]
            if needs is not None:
                for need in needs:
                    if data.find(need, startIndex) >= 0:
                        break
                else:   # as a search that found nothing: the next pattern, from the start
                    patternIndex, startIndex = patternIndex + 1, 0
                    continue
            data, matched, startIndex = apply(self, pattern, data, patternIndex, startIndex)
            if not matched:
                patternIndex += 1
        return data


def install(md) -> None:
    """Put the quick inline stage in place of Python-Markdown's, at its priority."""
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)
