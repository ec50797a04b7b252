"""YAML with positions: every value's line and column, so diagnostics can point at them.

PyYAML constructs plain Python values and forgets where they came from. We compose the
node tree once, construct the values from it, and record the position of every key and
item by its path, e.g. ("consultation", "closes") or ("documents", 0, "file").

Anchors and aliases (`&name`, `*name`) are refused before anything is composed, from the
parser's events: a few hundred bytes of aliases expand into gigabytes (and `&r [a, *r]`
into a loop). So are nesting deeper than any draft needs (composing recurses) and more
values than any draft has; for a short text without '&' or '*' (nearly every front matter)
these two are checked while walking the composed nodes instead, which costs nothing extra.
What passes is read in a fraction of a second.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from generator import messages
from generator.messages import dotted  # noqa: F401 - the one way a path is written, also here

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is several times faster


class _Loader(_Base):
    """Safe loading, but dates stay text: our own checks parse them and say what is wrong
    ("2026-11-31" would otherwise stop PyYAML with a bare ValueError)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

Path = tuple


@dataclass
class Positions:
    """Where each path's key (and value) starts, 1-based, shifted by the file offset."""

    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path, tuple[int, int]]] = field(default_factory=list)
    start: tuple[int, int] = (1, 1)
    # where a field missing from each mapping would be added: for a block mapping the line after
    # its last field (a line it does not hold) at the column of its fields; for a flow mapping,
    # `{a: 1}`, its closing brace
    ends: dict[Path, tuple[int, int]] = field(default_factory=dict)
    flows: set = field(default_factory=set)          # the paths of flow mappings

    def of(self, path: Path) -> tuple[int, int]:
        """Position of a field's key; for a missing field, of its nearest present parent."""
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.start

    def value_of(self, path: Path) -> tuple[int, int]:
        path = tuple(path)
        return self.values.get(path) or self.of(path)


MAX_DEPTH = 20        # drafts nest four deep (response.items[0].answer); site_config three
MAX_VALUES = 20_000   # a report on 500 comments has 3,000; reading 20,000 takes about 0.1 s


class YamlSyntaxError(Exception):
    code = "yaml-syntax"

    def __init__(self, line: int, column: int, problem: str):
        super().__init__(problem)
        self.line, self.column, self.problem = line, column, problem


class YamlRefusedError(YamlSyntaxError):
    """Valid YAML that policyhub does not read: anchors, aliases, too deep a nesting.
    `code` and `params` are the whole diagnostic."""

    def __init__(self, line: int, column: int, code: str, **params):
        super().__init__(line, column, code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class YamlProblem:
    """What PyYAML says is wrong (in English), put into the language of a message by the
    catalogue's `yaml` section where it has the phrase, else quoted as it is."""

    text: str

    def words(self, lang: str) -> str:
        return messages.catalogue(lang)["yaml"].get(self.text, f"\"{self.text}\"")

    def plain(self):
        return self.text


def _too_many(where) -> YamlRefusedError:
    return YamlRefusedError(*where, "yaml-too-large", limit=MAX_VALUES)


def _too_deep(where) -> YamlRefusedError:
    return YamlRefusedError(*where, "yaml-too-deep", limit=MAX_DEPTH)


def _alias(where, mark: str, name: str) -> YamlRefusedError:
    return YamlRefusedError(*where, "yaml-alias", mark=mark, name=name)


def _needs_screen(text: str) -> bool:
    """Only a text with '&' or '*' can hold anchors or aliases, and only a long or
    bracket-heavy one can nest or count beyond what composing handles safely; the limits of
    the others (nearly every front matter) are checked while walking the composed nodes."""
    return ("&" in text or "*" in text or len(text) > 20_000
            or text.count("[") + text.count("{") + text.count("- ") + text.count("-\t") + text.count("? ") > 200)


def _screen(text: str, line_offset: int) -> None:
    """Refuse anchors, aliases, deep nesting and too many values from the parser's events,
    before composing."""
    loader = _Loader(text)
    depth = values = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if not isinstance(event, _NODE_EVENTS):
                if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
                continue
            where = (event.start_mark.line + 1 + line_offset, event.start_mark.column + 1)
            values += 1
            if values > MAX_VALUES:
                raise _too_many(where)
            if isinstance(event, yaml.AliasEvent):
                raise _alias(where, "*", event.anchor)
            if event.anchor is not None:
                raise _alias(where, "&", event.anchor)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(where)
    finally:
        loader.dispose()


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def load(text: str, line_offset: int = 0) -> tuple[object, Positions]:
    """Parse one YAML document; `line_offset` is added to every line number."""
    try:
        if _needs_screen(text):
            _screen(text, line_offset)
    except yaml.MarkedYAMLError:
        pass   # reported with its position below
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(1 + line_offset, 1, str(exc)) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        positions = Positions(start=(1 + line_offset, 1))
        if node is None:
            return None, positions
        _walk(node, (), positions, line_offset, 1, [1])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or str(exc)
        raise YamlSyntaxError(line, column, problem) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(1 + line_offset, 1, str(exc)) from None
    finally:
        loader.dispose()
    return data, positions


def _mark(node, line_offset):
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def _walk(node, path, positions: Positions, line_offset: int, depth: int, values: list) -> None:
    """Record the position of every key and item below `node` (at nesting `depth`), with the
    limits of `_screen`: `values` counts the nodes seen so far."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and depth > MAX_DEPTH:
        raise _too_deep(_mark(node, line_offset))
    if isinstance(node, yaml.MappingNode):
        if node.flow_style:
            positions.flows.add(path)
            positions.ends[path] = (node.end_mark.line + 1 + line_offset, max(node.end_mark.column, 1))
        else:
            positions.ends[path] = (node.end_mark.line + 1 + line_offset, node.start_mark.column + 1)
        seen = set()
        for key_node, value_node in node.value:
            values[0] += 2
            if values[0] > MAX_VALUES:
                raise _too_many(_mark(key_node, line_offset))
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = path + (key,)
            if key in seen:
                positions.duplicates.append((child, _mark(key_node, line_offset)))
            seen.add(key)
            positions.keys[child] = _mark(key_node, line_offset)
            positions.values[child] = _mark(value_node, line_offset)
            _walk(value_node, child, positions, line_offset, depth + 1, values)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            values[0] += 1
            if values[0] > MAX_VALUES:
                raise _too_many(_mark(item, line_offset))
            child = path + (index,)
            positions.values[child] = _mark(item, line_offset)
            _walk(item, child, positions, line_offset, depth + 1, values)
