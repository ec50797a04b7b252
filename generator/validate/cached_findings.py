"""Findings of a text (plain-language warnings, body problems) as the source cache keeps them,
accepted back only with a known code, the parameters the catalogue's wording of it needs,
the expected severity and a place inside the text."""
from __future__ import annotations

from generator import messages
from generator.cache.values import BadValue, Unstorable, is_count
from generator.diagnostics import SECTION, WARNING, Diagnostic
from generator.messages import Field, Term


FINDING_FIELDS = 4   # line, column, key, parameters; the path and severity are the file's and "warning"


def encode_value(value):
    if isinstance(value, Field):
        return {"field": list(value.path), "scope": value.scope}
    if isinstance(value, Term):
        return {"term": value.key, "params": {name: encode_value(v) for name, v in value.params}}
    return value


def decode_value(value):
    if type(value) in (str, int, float):
        return value
    if type(value) is dict and sorted(value) == ["field", "scope"] and type(value["field"]) is list \
            and all(type(p) in (str, int) for p in value["field"]) and type(value["scope"]) is str:
        return Field(tuple(value["field"]), value["scope"])
    if type(value) is dict and sorted(value) == ["params", "term"] and type(value["term"]) is str \
            and type(value["params"]) is dict and value["term"] in messages.catalogue(messages.DEFAULT)["terms"]:
        return Term(value["term"], **{name: decode_value(v) for name, v in value["params"].items()})
    raise BadValue("a finding's parameter is not text, a number, a field or a term")


def encode_findings(findings: list[Diagnostic], shown: str, body_line: int, body: str, codes: frozenset,
                    severity: str = WARNING) -> list:
    if any(d.path != shown or d.severity != severity for d in findings):
        raise Unstorable(f"a finding of another file, or not a {severity}")
    plain = [[d.line, d.column, d.key, {name: encode_value(value) for name, value in d.params}]
             for d in findings]
    try:
        decode_findings(plain, shown, body_line, body, codes, severity)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    return plain


def decode_findings(plain, shown: str, body_line: int, body: str, codes: frozenset,
                    severity: str = WARNING) -> list[Diagnostic]:
    """`body_line`, `body`: where the file's body starts and its text, to check where findings
    point (on a line of the file; within the line, for lines of the body). Every finding has
    `severity`, one of `codes` and the parameters its wording needs."""
    if not isinstance(plain, list):
        raise BadValue("the findings are not a list")
    body_lines = body.split("\n")
    last_line = body_line + len(body_lines) - 1
    found = []
    for item in plain:
        if not (isinstance(item, list) and len(item) == FINDING_FIELDS):
            raise BadValue("a finding is not [line, column, key, parameters]")
        line, column, key, params = item
        if not (is_count(line) and is_count(column) and line <= last_line
                and (line < body_line or column <= len(body_lines[line - body_line]) + 1)):
            raise BadValue("a finding points outside the file")
        if not (isinstance(key, str) and key.split(".", 1)[0] in codes and isinstance(params, dict)
                and messages.needed(SECTION, key) is not None and messages.needed(SECTION, key) <= set(params)):
            raise BadValue("a finding with an unknown code or without its parameters")
        values = tuple(sorted((str(name), decode_value(value)) for name, value in params.items()))
        found.append(Diagnostic(shown, line, column, severity, key, values))
    return found
