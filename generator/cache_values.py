"""What the source cache keeps, as plain JSON data, and the strict check of what it reads back.

Two kinds of results are kept: parsed front matter with the position of every field, and
the plain-language findings of a draft. Each is written as lists, strings and numbers only
and, when read back, accepted only in exactly the shape this module writes and only when it
fits the text it is used for (every position on a line of that text, every field of the
data with its position and no other). Anything else is refused (`BadValue`) and the result
is made again. A value JSON cannot hold exactly (keys that are not text, binary or set
values, a structure that contains itself) is not kept at all (`Unstorable`).
"""
from __future__ import annotations

from generator.diagnostics import WARNING, Diagnostic
from generator.yaml_source import Positions


class BadValue(ValueError):
    """What was read back is not a value this module wrote for this text."""


class Unstorable(ValueError):
    """The value has parts JSON would not give back exactly."""


# ---------------------------------------------------------------- front matter

def encode_front(parsed: tuple[object, Positions], front_text: str, line_offset: int) -> list:
    data, positions = parsed
    _check_plain(data, set())
    plain = [data, {"keys": _encode_places(positions.keys), "values": _encode_places(positions.values),
                    "duplicates": [[list(path), *place] for path, place in positions.duplicates],
                    "start": list(positions.start)}]
    try:   # what a later build could not read back is not written: the check runs both ways
        decode_front(plain, front_text, line_offset)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    return plain


def decode_front(plain, front_text: str, line_offset: int) -> tuple[object, Positions]:
    data, places = _pair(plain)
    if not isinstance(places, dict) or sorted(places) != ["duplicates", "keys", "start", "values"]:
        raise BadValue("positions are not a mapping of keys, values, duplicates and start")
    lines = front_text.split("\n")
    first = line_offset + 1

    def place(value) -> tuple[int, int]:
        line, column = _pair(value)
        if not (_is_count(line) and _is_count(column)):
            raise BadValue("a position is not two whole numbers")
        index = line - first
        if not (0 <= index < len(lines) and 1 <= column <= len(lines[index]) + 1):
            raise BadValue(f"position {line}:{column} is outside the front matter")
        return line, column

    def places_of(value) -> dict:
        if not isinstance(value, list):
            raise BadValue("positions are not a list")
        found = {}
        for item in value:
            path, found_place = _path_and_place(item)
            if path in found:
                raise BadValue("a path has two positions")
            found[path] = place(found_place)
        return found

    keys, values = places_of(places["keys"]), places_of(places["values"])
    if not isinstance(places["duplicates"], list):
        raise BadValue("duplicates are not a list")
    duplicates = []
    for item in places["duplicates"]:
        path, found_place = _path_and_place(item)
        if path not in keys:
            raise BadValue("a duplicate key that is not a key")
        duplicates.append((path, place(found_place)))
    start = tuple(places["start"]) if isinstance(places["start"], list) else None
    if start != (first, 1):
        raise BadValue("the front matter's start is not its first line")
    mapping_paths, all_paths = set(), set()
    _paths(data, (), mapping_paths, all_paths)
    if set(keys) != mapping_paths or set(values) != all_paths:
        raise BadValue("the positions are not those of the data's fields")
    return data, Positions(keys=keys, values=values, duplicates=duplicates, start=start)


def _encode_places(places: dict) -> list:
    return [[list(path), line, column] for path, (line, column) in places.items()]


def _path_and_place(item) -> tuple[tuple, list]:
    if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], list)):
        raise BadValue("a position is not [path, line, column]")
    path = tuple(item[0])
    if not path or not all(isinstance(part, str) or _is_index(part) for part in path):
        raise BadValue("a path is not a list of field names and item numbers")
    return path, item[1:]


def _paths(value, path: tuple, mapping_paths: set, all_paths: set) -> None:
    """The path of every mapping key and of every value below it, as yaml_source records them."""
    if isinstance(value, dict):
        for key, child in value.items():
            mapping_paths.add(path + (key,))
            all_paths.add(path + (key,))
            _paths(child, path + (key,), mapping_paths, all_paths)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            all_paths.add(path + (index,))
            _paths(child, path + (index,), mapping_paths, all_paths)


def _check_plain(value, holding: set) -> None:
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
        _check_plain(child, holding)
    holding.discard(id(value))


# ---------------------------------------------------------------- plain-language findings

FINDING_FIELDS = 5   # line, column, code, message, hint; the path and severity are the file's and "warning"


def encode_findings(findings: list[Diagnostic], shown: str, body_line: int, body: str, codes: frozenset) -> list:
    if any(d.path != shown or d.severity != WARNING for d in findings):
        raise Unstorable("a finding of another file, or not a warning")
    plain = [[d.line, d.column, d.code, d.message, d.hint] for d in findings]
    try:
        decode_findings(plain, shown, body_line, body, codes)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    return plain


def decode_findings(plain, shown: str, body_line: int, body: str, codes: frozenset) -> list[Diagnostic]:
    """`body_line`, `body`: where the file's body starts and its text, to check where findings
    point (on a line of the file; within the line, for lines of the body)."""
    if not isinstance(plain, list):
        raise BadValue("the findings are not a list")
    body_lines = body.split("\n")
    last_line = body_line + len(body_lines) - 1
    found = []
    for item in plain:
        if not (isinstance(item, list) and len(item) == FINDING_FIELDS):
            raise BadValue("a finding is not [line, column, code, message, hint]")
        line, column, code, message, hint = item
        if not (_is_count(line) and _is_count(column) and line <= last_line
                and (line < body_line or column <= len(body_lines[line - body_line]) + 1)):
            raise BadValue("a finding points outside the file")
        if code not in codes or not (isinstance(message, str) and message and isinstance(hint, str)):
            raise BadValue("a finding with an unknown code or without a message")
        found.append(Diagnostic(shown, line, column, WARNING, code, message, hint))
    return found


# ---------------------------------------------------------------- shapes

def _pair(value) -> tuple:
    if not (isinstance(value, list) and len(value) == 2):
        raise BadValue("not a pair")
    return value[0], value[1]


def _is_count(value) -> bool:
    """A whole number from 1 (bool is an int in Python, and never a position)."""
    return type(value) is int and value >= 1


def _is_index(value) -> bool:
    return type(value) is int and value >= 0
