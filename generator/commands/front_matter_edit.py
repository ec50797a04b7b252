"""Set one top-level field of a draft's front matter, leaving every other byte as it was.

The editor's file is theirs: comments, the order of fields, quotes, flow or block style,
line breaks inside long values and the body below the front matter must survive an edit
by a command. A YAML round trip cannot promise that (ruamel.yaml keeps comments and order,
but re-indents sequences to one style and re-flows quoted values that span lines), so the
field is spliced in as text: PyYAML finds where the field's lines start and end, the new
field is written by PyYAML in the indentation the file already uses, and the result is
parsed again to prove that nothing but that field changed.
"""
from __future__ import annotations

import re

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """`code`: no-front-matter, yaml-syntax (with `line`), not-a-mapping, exists (with `line`)."""

    def __init__(self, code: str, line: int = 0, detail: str = ""):
        super().__init__(code)
        self.code, self.line, self.detail = code, line, detail


class _Dumper(yaml.SafeDumper):
    pass


class _IndentedDumper(_Dumper):
    def increase_indent(self, flow=False, indentless=False):   # "key:\n  - item", as drafts are written
        return super().increase_indent(flow, False)


class Flow(dict):
    """A mapping written on one line: `by_group: {citizens: 3, organisations: 1}`."""


def _text(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _flow(dumper, value):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


for _dumper in (_Dumper, _IndentedDumper):
    _dumper.add_representer(str, _text)
    _dumper.add_representer(Flow, _flow)


def field_text(key: str, value, indented_sequences: bool = True) -> str:
    """`key: value` as block YAML, lines ending in "\\n"."""
    return yaml.dump({key: value}, Dumper=_IndentedDumper if indented_sequences else _Dumper, allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=1 << 30)


def _front_lines(lines: list[str]) -> tuple[int, int]:
    """Indices of the opening and closing fence lines."""
    first = lines[0].lstrip("\ufeff") if lines else ""
    if first.rstrip("\r\n").rstrip() != "---":
        raise EditError("no-front-matter")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return 0, index
    raise EditError("no-front-matter")


def _top_keys(front: str) -> list[tuple[str, int]]:
    """(key, 0-based line) of each top-level field."""
    try:
        node = yaml.compose(front, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise EditError("yaml-syntax", (mark.line + 2) if mark else 1, exc.problem or "") from None
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise EditError("not-a-mapping")
    return [(k.value if isinstance(k, yaml.ScalarNode) else "", k.start_mark.line) for k, _ in node.value]


def _indented_sequences(front_lines: list[str]) -> bool:
    """Does the file write "key:\\n  - item" (True) or "key:\\n- item" (False)? Default True."""
    previous = None
    for line in front_lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^(\s*)- ", line)
        if item and previous is not None and re.match(r"^\s*[^\s#-][^:]*:\s*(#.*)?$", previous):
            return len(item.group(1)) > len(previous) - len(previous.lstrip())
        previous = line.rstrip("\r\n")
    return True


def set_field(text: str, key: str, value, replace: bool = False) -> str:
    """`text` (a whole draft file) with top-level `key` set to `value`. The field takes the
    place of the one it replaces, or goes last; EditError("exists") when it is there and
    `replace` is false."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    opening, closing = _front_lines(lines)
    front_lines = lines[opening + 1:closing]
    front = "".join(front_lines)
    keys = _top_keys(front)
    block = field_text(key, value, _indented_sequences(front_lines)).replace("\n", newline)
    found = [i for i, (name, _) in enumerate(keys) if name == key]
    if found and not replace:
        raise EditError("exists", keys[found[0]][1] + 2)
    if found:
        start = keys[found[0]][1]
        end = keys[found[0] + 1][1] if found[0] + 1 < len(keys) else len(front_lines)
        # blank lines and comments in the first column before the next field belong to that field
        while end > start + 1 and (not front_lines[end - 1].strip() or front_lines[end - 1].startswith("#")):
            end -= 1
        new_front = front_lines[:start] + [block] + front_lines[end:]
    else:
        new_front = front_lines + [block]   # every line before the closing fence ends with a line break
    result = "".join(lines[:opening + 1] + new_front + lines[closing:])
    _prove(front, "".join(new_front), key, value)
    return result


def _prove(old: str, new: str, key: str, value) -> None:
    """The edit changed `key` and nothing else (else an internal error: nothing is written)."""
    before = yaml.load(old, Loader=_Loader) or {}
    after = yaml.load(new, Loader=_Loader) or {}
    expected = yaml.load(field_text(key, value), Loader=_Loader)[key]
    before.pop(key, None)
    got = after.pop(key, None)
    if before != after or got != expected:
        raise AssertionError(f"editing '{key}' would change other fields of the front matter")
