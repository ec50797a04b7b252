"""Parsed front matter as the source cache keeps it: the data and the position of every field,
as plain JSON, accepted back only when every position fits the text it is used for, and only
data that reading the text could have given: within the limits of `yaml_positions` (depth,
number of values), and, from a text without an escape (`\\`), no character no text may hold
(reading such a text checks the values' characters only when it has an escape).
"""
from __future__ import annotations

from generator.cache.values import BadValue, Unstorable, check_plain, pair, texts_in
from generator.load import text_rules
from generator.load.yaml_positions import MAX_DEPTH, MAX_VALUES, Positions


def encode_front(parsed: tuple[object, Positions], front_text: str, line_offset: int) -> list:
    data, positions = parsed
    check_plain(data, set())
    plain = [data, {"keys": _encode_places(positions.keys), "values": _encode_places(positions.values),
                    "duplicates": [[list(path), *place] for path, place in positions.duplicates],
                    "start": list(positions.start), "ends": _encode_places(positions.ends),
                    "flows": sorted(list(path) for path in positions.flows)}]
    try:   # what a later build could not read back is not written: the check runs both ways
        decode_front(plain, front_text, line_offset)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    return plain


def decode_front(plain, front_text: str, line_offset: int) -> tuple[object, Positions]:
    data, places = pair(plain)
    if type(places) is not dict or sorted(places) != ["duplicates", "ends", "flows", "keys", "start", "values"]:
        raise BadValue("positions are not a mapping of keys, values, duplicates, start, ends and flows")
    mapping_paths, all_paths = set(), set()
    _paths(data, (), mapping_paths, all_paths)
    if len(all_paths) > MAX_VALUES or any(len(path) > MAX_DEPTH for path in all_paths):
        raise BadValue("more values, or values nested deeper, than front matter may have")
    if "\\" not in front_text and not _plain_texts(data, all_paths):
        raise BadValue("a character that no text without an escape gives")
    mappings = {path for path in all_paths if _is_mapping(data, path)} | ({()} if type(data) is dict else set())
    first = line_offset + 1
    widths = [len(line) + 1 for line in front_text.split("\n")]   # the last column a position may have
    keys = _places(places["keys"], mapping_paths, first, widths)
    values = _places(places["values"], all_paths, first, widths)
    if len(keys) != len(mapping_paths) or len(values) != len(all_paths):
        raise BadValue("the positions are not those of the data's fields")
    duplicates = _places(places["duplicates"], mapping_paths, first, widths, repeats=True)
    # a block mapping ends on the line after its last field, which may be the closing '---'
    ends = _places(places["ends"], mappings, first, widths + [max(widths)])
    if len(ends) != len(mappings):
        raise BadValue("the ends are not those of the data's mappings")
    flows = places["flows"]
    if type(flows) is not list or not all(type(f) is list and tuple(f) in mappings for f in flows):
        raise BadValue("a flow mapping the data does not have")
    start = places["start"]
    if type(start) is not list or [type(n) for n in start] != [int, int] or start != [first, 1]:
        raise BadValue("the front matter's start is not its first line")
    return data, Positions(keys=keys, values=values, duplicates=duplicates, start=(first, 1), ends=ends,
                           flows={tuple(f) for f in flows})


def _plain_texts(data, all_paths: set) -> bool:
    """Whether no key or text of `data` has a character no text may hold."""
    texts = [part for path in all_paths for part in path[-1:] if type(part) is str]
    texts += texts_in(data)
    return not text_rules.has_bad_character("\n".join(texts))


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


def _is_mapping(data, path: tuple) -> bool:
    for part in path:
        data = data[part]
    return type(data) is dict


def _paths(value, path: tuple, mapping_paths: set, all_paths: set) -> None:
    """The path of every mapping key and of every value below it, as yaml_positions records them."""
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
