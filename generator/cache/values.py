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
from generator.load.yaml_positions import Positions


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
    if type(places) is not dict or sorted(places) != ["duplicates", "keys", "start", "values"]:
        raise BadValue("positions are not a mapping of keys, values, duplicates and start")
    mapping_paths, all_paths = set(), set()
    _paths(data, (), mapping_paths, all_paths)
    first = line_offset + 1
    widths = [len(line) + 1 for line in front_text.split("\n")]   # the last column a position may have
    keys = _places(places["keys"], mapping_paths, first, widths)
    values = _places(places["values"], all_paths, first, widths)
    if len(keys) != len(mapping_paths) or len(values) != len(all_paths):
        raise BadValue("the positions are not those of the data's fields")
    duplicates = _places(places["duplicates"], mapping_paths, first, widths, repeats=True)
    start = places["start"]
    if type(start) is not list or [type(n) for n in start] != [int, int] or start != [first, 1]:
        raise BadValue("the front matter's start is not its first line")
    return data, Positions(keys=keys, values=values, duplicates=duplicates, start=(first, 1))


def _encode_places(places: dict) -> list:
    return [[list(path), line, column] for path, (line, column) in places.items()]


def _places(items, paths: set, first: int, widths: list[int], repeats: bool = False):
    """[[path, line, column], …] as {path: (line, column)} (a list of pairs when `repeats`):
    every path one of `paths`, at most once unless `repeats`, every position on a line of
    the front matter and within it."""
    if type(items) is not list:
        raise BadValue("positions are not a list")
    found = [] if repeats else {}
    for item in items:
        if type(item) is not list or len(item) != 3 or type(item[0]) is not list:
            raise BadValue("a position is not [path, line, column]")
        path_list, line, column = item
        try:
            known = tuple(path_list) in paths
        except TypeError:   # a list or a mapping inside the path
            known = False
        # the data's paths hold only texts and whole numbers, but 1.0 and True equal 1
        if not known or not all(type(part) is str or type(part) is int for part in path_list):
            raise BadValue("a position of a field the data does not have")
        if type(line) is not int or type(column) is not int or not (
                0 <= line - first < len(widths) and 1 <= column <= widths[line - first]):
            raise BadValue(f"position {line!r}:{column!r} is outside the front matter")
        path = tuple(path_list)
        if repeats:
            found.append((path, (line, column)))
        elif path in found:
            raise BadValue("a path has two positions")
        else:
            found[path] = (line, column)
    return found


def _paths(value, path: tuple, mapping_paths: set, all_paths: set) -> None:
    """The path of every mapping key and of every value below it, as yaml_source records them."""
    if type(value) is dict:
        for key, child in value.items():
            child_path = path + (key,)
            mapping_paths.add(child_path)
            all_paths.add(child_path)
            if type(child) is dict or type(child) is list:
                _paths(child, child_path, mapping_paths, all_paths)
    elif type(value) is list:
        for index, child in enumerate(value):
            child_path = path + (index,)
            all_paths.add(child_path)
            if type(child) is dict or type(child) is list:
                _paths(child, child_path, mapping_paths, all_paths)


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


def encode_findings(findings: list[Diagnostic], shown: str, body_line: int, body: str, codes: frozenset,
                    severity: str = WARNING) -> list:
    if any(d.path != shown or d.severity != severity for d in findings):
        raise Unstorable(f"a finding of another file, or not a {severity}")
    plain = [[d.line, d.column, d.code, d.message, d.hint] for d in findings]
    try:
        decode_findings(plain, shown, body_line, body, codes, severity)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    return plain


def decode_findings(plain, shown: str, body_line: int, body: str, codes: frozenset,
                    severity: str = WARNING) -> list[Diagnostic]:
    """`body_line`, `body`: where the file's body starts and its text, to check where findings
    point (on a line of the file; within the line, for lines of the body). Every finding has
    `severity` and one of `codes`."""
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
        found.append(Diagnostic(shown, line, column, severity, code, message, hint))
    return found


# ---------------------------------------------------------------- shapes

def _pair(value) -> tuple:
    if not (isinstance(value, list) and len(value) == 2):
        raise BadValue("not a pair")
    return value[0], value[1]


def _is_count(value) -> bool:
    """A whole number from 1 (bool is an int in Python, and never a position)."""
    return type(value) is int and value >= 1
