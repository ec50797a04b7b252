"""What the source cache may keep: plain JSON data, read back strictly.

Each kind of result has its codec beside the code that makes it (`load.cached_front` for
parsed front matter with the position of every field, `validate.cached_findings` for the
findings of a text). Each writes lists, strings and numbers only and, when reading back,
accepts only exactly the shape it writes and only when it fits the text it is used for
(every position on a line of that text, every field of the data with its position and no
other). Anything else is refused (`BadValue`) and the result is made again. A value JSON
cannot hold exactly (keys that are not text, binary or set values, a structure that
contains itself) is not kept at all (`Unstorable`).
"""
from __future__ import annotations



class BadValue(ValueError):
    """What was read back is not a value this module wrote for this text."""


class Unstorable(ValueError):
    """The value has parts JSON would not give back exactly."""



def check_plain(value, holding: set) -> None:
    """Raise Unstorable unless JSON gives `value` back as it is."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return
    if not isinstance(value, (dict, list)):
        raise Unstorable(f"a {type(value).__name__} value")
    if id(value) in holding:
        raise Unstorable("a value that contains itself")
    holding.add(id(value))
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise Unstorable("a key that is not text")
        children = value.values()
    else:
        children = value
    for child in children:
        check_plain(child, holding)
    holding.discard(id(value))



def texts_in(value) -> list[str]:
    """Every text of a JSON value (its lists' items and its mappings' values, at any depth;
    not the mappings' keys), in order. Gathered into one list rather than yielded, as a
    generator would hand each text up through every level it is nested in: a third less
    time for the stored models of 10,000 drafts (0.25 → 0.17 s)."""
    found: list[str] = []
    if type(value) is str:
        found.append(value)
    elif type(value) is dict or type(value) is list:
        _gather(value, found)
    return found


def _gather(value, found: list[str]) -> None:
    for child in value.values() if type(value) is dict else value:
        kind = type(child)
        if kind is str:
            found.append(child)
        elif kind is list or kind is dict:
            _gather(child, found)


def pair(value) -> tuple:
    if not (isinstance(value, list) and len(value) == 2):
        raise BadValue("not a pair")
    return value[0], value[1]


def is_count(value) -> bool:
    """A whole number from 1 (bool is an int in Python, and never a position)."""
    return type(value) is int and value >= 1
