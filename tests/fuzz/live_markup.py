"""Live markup in HTML, found with an HTML parser (lxml): what would run or load something.

- script elements (on a whole page: any the theme does not have), event handler attributes
  (on*), meta refresh, base, frames, objects;
- addresses with a script or data scheme (javascript:, vbscript:, data:) in any attribute
  that holds an address, as the parser decodes it (character references included);
- anything loaded from another host (a picture, a script, a frame, a stylesheet).
"""
from __future__ import annotations

import re

import lxml.html

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background",
                  "cite", "ping", "manifest", "codebase", "lowsrc", "longdesc", "usemap"}
LOADS = {("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"), ("frame", "src"),
         ("embed", "src"), ("object", "data"), ("source", "src"), ("source", "srcset"), ("video", "src"),
         ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"),
         ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("feimage", "href")}
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def _compact(value: str) -> str:
    return _IGNORED.sub("", value).replace("\\", "/").lower()


def _remote(value: str) -> bool:
    compact = _compact(value)
    return compact.startswith("//") or re.match(r"^[a-z][a-z0-9+.\-]*:", compact) is not None


def problems(text: str, allowed_script=lambda element: False) -> list[str]:
    """Everything live in `text` (a page or a fragment); [] when there is nothing."""
    if not text.strip():
        return []
    if text.lstrip()[:15].lower().startswith("<!doctype") or "<html" in text[:500].lower():
        root = lxml.html.document_fromstring(text)
    else:
        root = lxml.html.fragment_fromstring(text, create_parent="div")
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue   # comments, processing instructions
        tag = element.tag.lower()
        if tag == "script" and not allowed_script(element):
            found.append(f"script element: {lxml.html.tostring(element, encoding='unicode')[:120]}")
        if tag in NEVER:
            found.append(f"<{tag}> element")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("meta refresh")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES:
                for address in (value.split(",") if name == "srcset" else [value]):
                    if _compact(address).startswith(("javascript:", "vbscript:", "data:")):
                        found.append(f"<{tag} {name}=\"{value[:80]}\">")
                    elif ((tag, name) in LOADS or (tag == "link" and name == "href" and LOADING_RELS
                                                   & set((element.get("rel") or "").lower().split()))) \
                            and _remote(address.strip().split(" ")[0]):
                        found.append(f"<{tag} {name}=\"{value[:80]}\"> loads from another host")
    return found
