"""Every word policyhub says to the people who run it, in Vietnamese and in English.

The catalogue is one file per language, `vi.yml` and `en.yml` beside this module, with the
same sections and keys in both:

- `diagnostics`: one entry per problem `check`, `build`, `serve`, `report`, `schema` and the
  config loader report, keyed by its stable code (docs/rules.md); a code with several
  wordings has variants, `code.variant` (`wrong-type.list`). Each entry has a `message` and
  a `fix`, with named parameters: `{field}`, `{value}` …
- `commands`: the problems of `new`, `schema` and the command line, worded the same way.
- `import-*`: what `policyhub import` says and writes, one section per part of it.
- `words`, `terms`, `lines`, `cli`, `argparse`, `yaml`: the severity words and summary line,
  words that go into messages, the lines of progress and results, the help of the command
  line, argparse's own phrases and PyYAML's commonest complaints.

`fields.yml` holds the label of every field in both languages, so that a message names a
field as an editor knows it and as it is written: `Hạn góp ý (consultation.closes)`.

A diagnostic is data: its code, its parameters and its place. It is put into words only
when it is shown, in the language chosen for the run (`--lang`, else the site's language,
else Vietnamese).
"""
from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
FOLDER = Path(__file__).resolve().parent
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def language(value) -> str:
    """"en" for English ("en", "en-GB"), else Vietnamese: the languages messages exist in."""
    return "en" if isinstance(value, str) and value.strip().lower().split("-")[0] == "en" else DEFAULT


def dotted(path) -> str:
    """("consultation", "channels", 0, "url") -> "consultation.channels[0].url"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Field:
    """A field of a file, named in a message by its label and its key: "Hạn góp ý
    (consultation.closes)". `scope` says which file's fields: draft, config, content."""

    path: tuple
    scope: str = "draft"

    def words(self, lang: str) -> str:
        key = dotted(self.path)
        label = field_label(self.path, self.scope, lang)
        return f"{label} ({key})" if label else key

    def plain(self):
        return dotted(self.path)


@dataclass(frozen=True)
class Term:
    """Words of the catalogue's `terms` section put into a message in its language, with
    parameters of their own: Term("file-kind", ext="svg") is "tệp .svg", "a .svg file"."""

    key: str
    params: tuple = ()

    def __init__(self, key: str, /, **params):
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", tuple(sorted(params.items())))

    def words(self, lang: str) -> str:
        return text("terms", self.key, lang, **dict(self.params))

    def plain(self):
        return {"term": self.key, **dict(self.params)} if self.params else self.key


@functools.lru_cache(maxsize=None)
def catalogue(lang: str) -> dict:
    """The whole catalogue of one language, read once."""
    with open(FOLDER / f"{language(lang)}.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


@functools.lru_cache(maxsize=None)
def labels() -> dict:
    """scope -> dotted path without list indices -> {vi, en}."""
    with open(FOLDER / "fields.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


def field_label(path, scope: str, lang: str) -> str:
    """The label of the field at `path` ("" when it has none, e.g. a glossary term)."""
    table = labels().get(scope, {})
    parts = [str(part) for part in path if not isinstance(part, int)]
    entry = table.get(".".join(parts)) or (table.get(".".join([parts[0], "*", *parts[2:]])) if len(parts) > 1 else None)
    return entry[language(lang)] if entry else ""


def _section(lang: str, section: str) -> dict:
    return catalogue(lang)[section]


def _words(value, lang: str):
    """A parameter in words: a Field, a Term or another value that knows its words, else as it is."""
    return value.words(lang) if hasattr(value, "words") else value


def text(section: str, key: str, lang: str, /, **params) -> str:
    """One text of the catalogue (a string entry) with its parameters filled in."""
    return _fill(_section(lang, section)[key], lang, params)


def lines(section: str, key: str, lang: str) -> list[str]:
    """An entry that is a list of lines (written as they are)."""
    return list(_section(lang, section)[key])


def problem(section: str, key: str, lang: str, /, **params) -> tuple[str, str]:
    """(message, fix) of a problem entry."""
    entry = _section(lang, section)[key]
    return _fill(entry["message"], lang, params), _fill(entry["fix"], lang, params)


def problem_text(section: str, key: str, lang: str, /, **params) -> str:
    """A problem as a command prints it: "lỗi: …" and, indented below, "cách sửa: …"."""
    message, fix = problem(section, key, lang, **params)
    return f"{word('error', lang)}: {message}\n    {word('fix', lang)}: {fix}"


def word(key: str, lang: str, /, **params) -> str:
    return text("words", key, lang, **params)


def _fill(template: str, lang: str, params: dict) -> str:
    return template.format(**{name: _words(value, lang) for name, value in params.items()})


def parameters(template) -> set[str]:
    """The names a text (or a problem entry, or a list of lines) is filled with."""
    if isinstance(template, dict):
        return set().union(*(parameters(part) for part in template.values()))
    if isinstance(template, list):
        return set().union(*(parameters(part) for part in template)) if template else set()
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@functools.lru_cache(maxsize=None)
def needed(section: str, key: str) -> frozenset | None:
    """The parameters an entry needs (in both languages), or None when there is no such entry."""
    entry = _section(DEFAULT, section).get(key)
    return None if entry is None else frozenset(parameters(entry))


def require(section: str, key: str, given) -> None:
    """A programming error, at once, for an entry that does not exist or lacks parameters."""
    wanted = needed(section, key)
    if wanted is None:
        raise KeyError(f"no entry '{key}' in the catalogue's section '{section}'")
    missing = wanted - set(given)
    if missing:
        raise KeyError(f"'{key}' needs the parameters {sorted(missing)}")
