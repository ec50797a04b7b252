"""Diagnostics: what an editor reads when a draft or the config is wrong.

A diagnostic is data: the file, line and column, the severity, the catalogue key (the stable
code, or `code.variant` for one of its wordings) and the named parameters. It is put into
words only when it is shown, in the language of the run (generator/messages/), so the same
run can be printed for people in Vietnamese or English, or emitted as JSON for tools.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from generator import messages

ERROR = "error"
WARNING = "warning"
SECTION = "diagnostics"


def _plain(value):
    """A parameter as JSON: a field as its dotted key, a term as its key, other values as they are."""
    return value.plain() if hasattr(value, "plain") else value


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: str
    key: str                      # "missing-field", or "wrong-type.list": the code and its wording
    params: tuple = ()            # ((name, value), …) sorted by name; values text, numbers, Field, Term

    @property
    def code(self) -> str:
        """The stable code: what tools, docs/rules.md and the JSON output go by."""
        return self.key.split(".", 1)[0]

    @property
    def arguments(self) -> dict:
        return dict(self.params)

    def words(self, lang: str) -> tuple[str, str]:
        """(message, fix) in `lang`."""
        return messages.problem(SECTION, self.key, lang, **self.arguments)

    def message(self, lang: str = messages.DEFAULT) -> str:
        return self.words(lang)[0]

    def hint(self, lang: str = messages.DEFAULT) -> str:
        return self.words(lang)[1]

    def render(self, lang: str = messages.DEFAULT) -> str:
        """`path:line:col: severity: message` and, indented below, what to write instead."""
        message, fix = self.words(lang)
        text = f"{self.path}:{self.line}:{self.column}: {messages.word(self.severity, lang)}: {message}"
        if fix:
            text += f"\n    {messages.word('fix', lang)}: {fix}"
        return text

    def as_json(self, lang: str) -> dict:
        message, fix = self.words(lang)
        return {"path": self.path, "line": self.line, "column": self.column, "severity": self.severity,
                "code": self.code, "message": message, "hint": fix,
                "params": {name: _plain(value) for name, value in self.params}}


def diagnostic(path: str, position: tuple[int, int], severity: str, key: str, params: dict) -> Diagnostic:
    """A diagnostic whose key and parameters the catalogue knows (else a programming error, at once)."""
    messages.require(SECTION, key, params)
    line, column = position
    return Diagnostic(path, line, column, severity, key, tuple(sorted(params.items())))


@dataclass
class Report:
    """All diagnostics of one run, collected so that every problem is reported at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    _errors: int = field(default=0, repr=False, compare=False)   # errors among `diagnostics`

    def __post_init__(self) -> None:
        self._errors = sum(1 for d in self.diagnostics if d.severity == ERROR)

    def add(self, path: str, position: tuple[int, int], severity: str, key: str, /, **params) -> None:
        self.diagnostics.append(diagnostic(path, position, severity, key, params))
        self._errors += severity == ERROR

    def error(self, path, position, key, /, **params):
        self.add(path, position, ERROR, key, **params)

    def warning(self, path, position, key, /, **params):
        self.add(path, position, WARNING, key, **params)

    def extend(self, other: "Report | list[Diagnostic]") -> None:
        added = other.diagnostics if isinstance(other, Report) else other
        self.diagnostics.extend(added)
        self._errors += sum(1 for d in added if d.severity == ERROR)

    @property
    def error_count(self) -> int:
        """Constant time: asked once per draft, while `errors` sorts everything."""
        return self._errors

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics), key=lambda d: (d.path, d.line, d.column, d.code, d.key, repr(d.params)))

    def summary(self, lang: str) -> str:
        """"2 lỗi, 1 cảnh báo"."""
        return messages.word("summary", lang, errors=len(self.errors), warnings=len(self.warnings))

    def render_text(self, lang: str = messages.DEFAULT) -> str:
        lines = [d.render(lang) for d in self.sorted()]
        if lines:
            lines.append(self.summary(lang))
        return "\n".join(lines)

    def to_json(self, lang: str = messages.DEFAULT) -> str:
        return json.dumps({
            "language": messages.language(lang),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "diagnostics": [d.as_json(lang) for d in self.sorted()],
        }, ensure_ascii=False, indent=2)


class ConfigError(Exception):
    """The site configuration cannot be used: the run stops with exit code 2."""

    def __init__(self, report: Report):
        super().__init__(report.render_text("en"))
        self.report = report
