"""Findings of a text (plain-language warnings, body problems) as the source cache keeps them,
accepted back only with a known code, the expected severity and a place inside the text."""
from __future__ import annotations

from generator.cache.values import BadValue, Unstorable, is_count
from generator.diagnostics import WARNING, Diagnostic


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
        if not (is_count(line) and is_count(column) and line <= last_line
                and (line < body_line or column <= len(body_lines[line - body_line]) + 1)):
            raise BadValue("a finding points outside the file")
        if code not in codes or not (isinstance(message, str) and message and isinstance(hint, str)):
            raise BadValue("a finding with an unknown code or without a message")
        found.append(Diagnostic(shown, line, column, severity, code, message, hint))
    return found
