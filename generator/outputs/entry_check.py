"""Whether an entry kept in the cache is one entry of its kind, as its writer writes them.

The table of kept entries is untrusted like every cache file, and its check is a plain hash
that whoever can write the cache can make again. A forged entry may change what an entry
says, but it must not bring script into a file or break the file's structure: a kept entry
is used only when it is exactly one entry of its kind, else it is made again.

- Atom and RSS: the bytes alone, parsed (no entities, no network, no huge trees) inside a
  root that declares the frame's namespaces, are one `entry` (`item`) element and nothing
  else; every element in it is in a namespace the feed writer uses; no comment, no
  processing instruction, no attribute in another namespace.
- JSON Feed and open data: one JSON object, in UTF-8, indented as the writer indents an
  element of the file's list (its first line opens the object at four spaces, every other
  line starts with four spaces, the last closes it).
- Calendar: one `BEGIN:VEVENT` … `END:VEVENT` of CRLF lines holding only the properties the
  calendar writer gives an event, with an http(s) URL.
"""
from __future__ import annotations

import json
import re
from typing import Callable

from lxml import etree

from generator.outputs import feed_extension, feed_splice

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
EVENT_PROPERTIES = frozenset({"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "DESCRIPTION",
                              "URL", "CATEGORIES", "TRANSP", "STATUS"})
_PROPERTY = re.compile(r"([A-Za-z0-9-]+)[;:]")
_HTTP_URL = re.compile(r"URL:https?://[^\s\"<>\\]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=False, remove_pis=False, strip_cdata=True)


def _foreign(allowed: frozenset) -> Callable[[etree._Element], list]:
    """Nodes an entry must not hold: comments, processing instructions, elements outside the
    namespaces `allowed` (None: no namespace), attributes in a namespace other than xml's.
    One query in libxml2, instead of a walk over every node in Python."""
    spaces = {f"ns{i}": ns or "" for i, ns in enumerate(sorted(allowed, key=str))}
    names = " and ".join(f"namespace-uri() != ${name}" for name in spaces)
    query = etree.XPath(f"(.//comment() | .//processing-instruction() | descendant-or-self::*[{names}]"
                        f" | .//@*[namespace-uri() != '' and namespace-uri() != $xml])[1]")
    return lambda entry: query(entry, xml=XML_NS, **spaces)


def _one_element(data: bytes, shape: feed_splice.XmlShape, root: tuple[str, str], tag: str,
                 foreign: Callable[[etree._Element], list]) -> bool:
    """`root`: the name of the frame's root and its namespace declarations."""
    if not (data.startswith(shape.start) and data.endswith(b"\n")):
        return False
    name, declarations = (part.encode("utf-8") for part in root)
    try:
        wrapper = etree.fromstring(b"<" + name + b" " + declarations + b">" + data + b"</" + name + b">", _parser())
    except (etree.XMLSyntaxError, ValueError):
        return False
    if (wrapper.text or "").strip() or len(wrapper) != 1:
        return False
    entry = wrapper[0]
    if entry.tag != tag or (entry.tail or "").strip():
        return False
    # no entity is declared, so none can be referred to; an unknown one does not parse
    return not foreign(entry) and next(entry.iter(etree.Entity), None) is None


def atom_entry(base_url: str) -> Callable[[bytes], bool]:
    ours = feed_extension.namespace(base_url)
    root = ("feed", f'xmlns="{ATOM_NS}" xmlns:{feed_extension.PREFIX}="{ours}"')
    foreign = _foreign(frozenset({ATOM_NS, ours}))
    return lambda data: _one_element(data, feed_splice.ATOM, root, f"{{{ATOM_NS}}}entry", foreign)


def rss_item(base_url: str) -> Callable[[bytes], bool]:
    ours = feed_extension.namespace(base_url)
    root = ("rss", f'xmlns:{feed_extension.PREFIX}="{ours}" xmlns:dc="{DC_NS}"')
    foreign = _foreign(frozenset({None, ours, DC_NS}))
    return lambda data: _one_element(data, feed_splice.RSS, root, "item", foreign)


def json_entry(data: bytes) -> bool:
    if not (data.startswith(b"    {") and data.endswith(b"}")) or data.count(b"\n") != data.count(b"\n    "):
        return False
    if _SURROGATE_ESCAPE.search(data):   # the writer, in UTF-8, never escapes one: a lone one is no text
        return False
    try:
        return isinstance(json.loads(data), dict)
    except (ValueError, RecursionError):   # also bytes that are not UTF-8
        return False


def calendar_event(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = text.split("\r\n")
    if lines[-1] != "" or any(_CONTROL.search(line) for line in lines):
        return False
    logical: list[str] = []
    for line in lines[:-1]:
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(line)
    if len(logical) < 2 or logical[0] != "BEGIN:VEVENT" or logical[-1] != "END:VEVENT":
        return False
    for line in logical[1:-1]:
        name = _PROPERTY.match(line)
        if name is None or name.group(1).upper() not in EVENT_PROPERTIES:
            return False
        if name.group(1).upper() == "URL" and not _HTTP_URL.fullmatch(line):
            return False
    return True


def checker(kind: str, base_url: str) -> Callable[[bytes], bool]:
    """Whether bytes kept for an entry of `kind` (`entry_table.KINDS`) may be used."""
    if kind == "atom":
        return atom_entry(base_url)
    if kind == "rss":
        return rss_item(base_url)
    if kind in ("json-feed", "open-data"):
        return json_entry
    if kind == "calendar":
        return calendar_event
    raise ValueError(f"no check for entries of kind {kind!r}")
