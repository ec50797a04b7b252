"""Diagnostics: what an editor reads when a draft or the config is wrong.

A diagnostic is data (path, line, column, severity, code, message, hint) so that the
same run can be printed for people or emitted as JSON for tools.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str = ""

    def render(self) -> str:
        """`path:line:col: severity: message` and, indented below, what to write instead."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


@dataclass
class Report:
    """All diagnostics of one run, collected so that every problem is reported at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    _errors: int = field(default=0, repr=False, compare=False)   # errors among `diagnostics`

    def __post_init__(self) -> None:
        self._errors = sum(1 for d in self.diagnostics if d.severity == ERROR)

    def add(self, path: str, position: tuple[int, int], severity: str, code: str,
            message: str, hint: str = "") -> None:
        line, column = position
        self.diagnostics.append(Diagnostic(path, line, column, severity, code, message, hint))
        self._errors += severity == ERROR

    def error(self, path, position, code, message, hint=""):
        self.add(path, position, ERROR, code, message, hint)

    def warning(self, path, position, code, message, hint=""):
        self.add(path, position, WARNING, code, message, hint)

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
        return sorted(set(self.diagnostics), key=lambda d: (d.path, d.line, d.column, d.code, d.message))

    def render_text(self) -> str:
        lines = [d.render() for d in self.sorted()]
        n_err, n_warn = len(self.errors), len(self.warnings)
        if lines:
            lines.append(f"{n_err} error(s), {n_warn} warning(s)")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps({
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "diagnostics": [asdict(d) for d in self.sorted()],
        }, ensure_ascii=False, indent=2)


class ConfigError(Exception):
    """The site configuration cannot be used: the run stops with exit code 2."""

    def __init__(self, report: Report):
        super().__init__(report.render_text())
        self.report = report
