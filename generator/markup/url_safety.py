"""Which addresses the site may link to or load, judged as a browser reads them.

A browser decodes character references in an attribute (`&#106;avascript:` is
`javascript:`), drops tabs and line breaks anywhere in an address and spaces or control
characters around it, and reads `\\` as `/` in web addresses. The checks here look at the
address after all of that, so no spelling of a scheme gets past them.

Links may be relative, http(s), mailto or tel. Pictures may only be relative: nothing is
loaded from another host.
"""
from __future__ import annotations

import html
import html.entities
import re

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")            # what a URL parser strips or skips (and a bit more)
# what Python-Markdown's serialiser leaves as it is (everything else becomes &amp;)
_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[0-9a-zA-Z]+);")
_AMP_PLACEHOLDER = "\x02amp\x03"                       # markdown.util.AMP_SUBSTITUTE, turned into & after serialising


def _decode_reference(match: re.Match) -> str:
    name = match.group(1)
    if name.startswith("#"):
        return html.unescape(match.group(0))           # numbers as browsers read them (0 and surrogates: U+FFFD)
    # in an attribute a named reference counts only when the whole name with its ';' is one
    return html.entities.html5.get(name + ";", match.group(0))


def as_browser_reads(value: str) -> str:
    """The address a browser follows for an attribute value of a Markdown element tree
    (written out with Python-Markdown's serialiser)."""
    return _REFERENCE.sub(_decode_reference, value.replace(_AMP_PLACEHOLDER, "&"))


def has_placeholder(value: str) -> bool:
    """Python-Markdown's markers (STX, ETX) are replaced after serialising: an address that
    still holds one is not the address a browser will get."""
    return "\x02" in value or "\x03" in value


def scheme_of(url: str) -> str | None:
    """The scheme of an address as a URL parser finds it (lower case), or None when relative."""
    match = _SCHEME.match(_IGNORED.sub("", url))
    return match.group(1).lower() if match else None


def is_remote(url: str) -> bool:
    """An address on another host: with a scheme, or starting with // (or \\\\, /\\, \\/)."""
    compact = _IGNORED.sub("", url).replace("\\", "/")
    return scheme_of(url) is not None or compact.startswith("//")


def link_is_safe(url: str) -> bool:
    """A link target: relative, or one of the allowed schemes."""
    scheme = scheme_of(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


def picture_is_safe(url: str) -> bool:
    """A picture's address: a file of the site itself."""
    return not is_remote(url)


def url_is_safe(url: str, allow_remote: bool = True) -> bool:
    """`link_is_safe`, or `picture_is_safe` with `allow_remote=False`."""
    return link_is_safe(url) if allow_remote else picture_is_safe(url)
