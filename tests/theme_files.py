"""The installed theme's files listed once per test process, not once per build.

Every MkDocs build lists the files of its theme folders to copy the theme's static files into
the site: `Files.add_files_from_theme` walks them with the Jinja2 loader's `list_templates`
and passes each name through a filter of its own (dot files, templates, translations, the
theme's static templates). mkdocs-material's folder holds some 14,500 files (its icons), so the
walk and the filter cost about a quarter of what a build of a small site costs, and the tests
run a few hundred builds in each process.

While `kept_across_builds()` lasts:

- a folder of the installed packages (this interpreter's site-packages, which no test writes
  into) is walked once; every other folder (the build's work folder with the shipped theme and
  a site's overrides) is walked each time, as before. The names are joined and sorted as
  Jinja2 does.
- MkDocs's own filter still decides about every name, once per name and set of patterns:
  what it reads besides the name (the theme's `static_templates` and MkDocs's list of
  Markdown extensions) is the key. A filter of another version of MkDocs that reads anything
  else is left alone (its code names what it reads), and so is any other filter.
"""
from __future__ import annotations

import contextlib
import os
import sysconfig
from typing import Iterator

import jinja2
from mkdocs import utils as mkdocs_utils
from mkdocs.structure.files import Files

_INSTALLED = tuple(sorted({os.path.realpath(sysconfig.get_path(name)) for name in ("purelib", "platlib")}))
_NAMES: dict[tuple[str, bool], frozenset[str]] = {}       # (folder, followlinks) -> template names
_DECISIONS: dict[tuple, dict[str, bool]] = {}              # what the filter reads -> name -> kept
# what MkDocs 1.6's filter of theme files reads: the name, its patterns, and nothing else
_FILTER_READS = {"fnmatch", "lower", "append", "extend", "utils", "markdown_extensions", "theme", "static_templates"}


# the code of the filter MkDocs defines inside Files.add_files_from_theme
_THEME_FILTER = next((const for const in Files.add_files_from_theme.__code__.co_consts
                      if getattr(const, "co_name", None) == "filter"), None)


def _installed(folder: str) -> bool:
    real = os.path.realpath(folder)
    return any(real == top or real.startswith(top + os.sep) for top in _INSTALLED)


def _mkdocs_filter_key(filter_func) -> tuple | None:
    """The key of the decisions of MkDocs's filter of theme files, None for any other filter."""
    code = getattr(filter_func, "__code__", None)
    if code is None or code is not _THEME_FILTER or code.co_freevars != ("config",) or not set(code.co_names) <= _FILTER_READS:
        return None
    config = filter_func.__closure__[0].cell_contents
    try:
        key = (tuple(config.theme.static_templates), tuple(mkdocs_utils.markdown_extensions))
        hash(key)
    except (AttributeError, TypeError):
        return None
    return key


_JINJA2_NAMES = jinja2.FileSystemLoader.list_templates   # Jinja2's own, as imported
_JINJA2_LIST = jinja2.Environment.list_templates


@contextlib.contextmanager
def as_jinja2_lists() -> Iterator[None]:
    """Jinja2's own listing for as long as it lasts (to compare with)."""
    names, listed = jinja2.FileSystemLoader.list_templates, jinja2.Environment.list_templates
    jinja2.FileSystemLoader.list_templates, jinja2.Environment.list_templates = _JINJA2_NAMES, _JINJA2_LIST
    try:
        yield
    finally:
        jinja2.FileSystemLoader.list_templates, jinja2.Environment.list_templates = names, listed


@contextlib.contextmanager
def kept_across_builds() -> Iterator[None]:
    """While it lasts, MkDocs lists the installed theme's files from what it listed before."""
    real_names = jinja2.FileSystemLoader.list_templates
    real_list = jinja2.Environment.list_templates

    def list_names(self: jinja2.FileSystemLoader) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if not _installed(folder):
                found.update(real_names(jinja2.FileSystemLoader(folder, followlinks=self.followlinks)))
                continue
            key = (folder, self.followlinks)
            if key not in _NAMES:
                _NAMES[key] = frozenset(real_names(jinja2.FileSystemLoader(folder, followlinks=self.followlinks)))
            found.update(_NAMES[key])
        return sorted(found)

    def list_templates(self: jinja2.Environment, extensions=None, filter_func=None) -> list[str]:
        key = _mkdocs_filter_key(filter_func) if extensions is None else None
        if key is None:
            return real_list(self, extensions, filter_func)
        decisions = _DECISIONS.setdefault(key, {})

        def decided(name: str) -> bool:
            kept = decisions.get(name)
            if kept is None:
                kept = decisions[name] = bool(filter_func(name))
            return kept

        return real_list(self, None, decided)

    jinja2.FileSystemLoader.list_templates = list_names
    jinja2.Environment.list_templates = list_templates
    try:
        yield
    finally:
        jinja2.FileSystemLoader.list_templates = real_names
        jinja2.Environment.list_templates = real_list
