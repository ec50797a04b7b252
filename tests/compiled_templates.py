"""Templates compiled once per test process, not once per build.

Every build makes new Jinja2 environments (the core's and MkDocs's) and so compiles every
template it uses again: about half of what a build of a small site costs. The tests run a
few hundred builds in each process, nearly all of them with the same shipped templates, so
the Python code Jinja2 makes from a template is kept and handed to the next environment that
compiles the same template the same way.

The same way means: the same source and name, and an environment that would make
the same code from it. Jinja2's compiler reads the environment's syntax settings and
extensions, its async and sandbox modes, `finalize`, `autoescape`, `undefined` and `concat`,
and the filters and tests it is given (whether they exist and what they are passed; the
optimiser even calls them on constants). All of these are part of the key, the filters and
tests by the function objects themselves (held by the key, so an address is never reused by
another function). A template that does not compile raises each time, as before; a template
whose text changes (a theme override, a test's broken template) is compiled anew.

The file name is not part of the key: each build copies the theme into a work folder of its
own, so the same template comes from another file every time. Jinja2 writes the file name
into the code only as the code's own (`co_filename`, which tracebacks and `Template.filename`
show), so the kept code is handed out with the file name of the template being compiled.
"""
from __future__ import annotations

import contextlib
from types import CodeType
from typing import Iterator

import jinja2
from jinja2.utils import internalcode

_COMPILED: dict[tuple, CodeType] = {}


def _callable_or_value(value):
    return value if callable(value) or value is None or isinstance(value, (bool, str)) else repr(value)


def _key(env: jinja2.Environment, source: str, name, defer_init: bool) -> tuple:
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
              env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
              env.keep_trailing_newline)
    modes = (type(env), env.optimized, env.is_async, env.sandboxed, _callable_or_value(env.finalize),
             _callable_or_value(env.autoescape), env.undefined, env.concat, env.code_generator_class,
             getattr(env, "newstyle_gettext", None))
    extensions = tuple(sorted((key, type(ext)) for key, ext in env.extensions.items()))
    filters = tuple(sorted(env.filters.items(), key=lambda item: item[0]))
    tests = tuple(sorted(env.tests.items(), key=lambda item: item[0]))
    return (source, name, defer_init, syntax, modes, extensions, filters, tests)


def _named(code: CodeType, filename: str) -> CodeType:
    """`code`, and the code of the functions in it, as compiled from the file `filename`."""
    if code.co_filename == filename:
        return code
    consts = tuple(_named(const, filename) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


@contextlib.contextmanager
def kept_across_builds() -> Iterator[None]:
    """While it lasts, `Environment.compile` of template text returns the code it made before
    for the same template and environment settings."""
    real = jinja2.Environment.compile

    @internalcode   # left out of template tracebacks, as Jinja2's own compile is
    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return real(self, source, name, filename, raw, defer_init)
        try:
            key = _key(self, source, name, defer_init)
            hash(key)
        except TypeError:   # a setting that cannot be compared: compile as Jinja2 would
            return real(self, source, name, filename, raw, defer_init)
        code = _COMPILED.get(key)
        if code is None:
            code = _COMPILED[key] = real(self, source, name, filename, raw, defer_init)
        return _named(code, "<template>" if filename is None else filename)

    jinja2.Environment.compile = compile
    try:
        yield
    finally:
        jinja2.Environment.compile = real
