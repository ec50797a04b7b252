"""Templates compiled once per process: a Jinja2 bytecode cache held in memory.

Every build makes new Jinja2 environments (the core's and MkDocs's), and an environment
compiles each template it loads: lexing, parsing and generating Python for the core's
templates costs about a tenth of a second a build, more than everything else a build of a
small site does. A preview (`policyhub serve`) builds again after every save in one process,
and would compile the same templates every time. Jinja2 asks an environment's bytecode cache
before it compiles, and rejects the kept code when the template's source no longer has the
checksum stored with it, so an edited template (a theme override) is compiled anew.

Kept code is handed to an environment that would make the same code from the same source:
the key holds what Jinja2's compiler reads of its environment (syntax settings, extensions,
modes, `finalize`, `autoescape`, `undefined`, and the filters and tests by the function
objects themselves, held by the key so that an address is never reused by another function)
and the template's name. The file name is not part of it: the engine copies the theme into a
work folder of its own for every build, so the same template comes from another file each
time. Jinja2 writes the file name into the code only as the code's own (`co_filename`,
which tracebacks and `Template.filename` show), so kept code is handed out under the file
name of the template being loaded. The code lives in this process's memory only, never in
a file something else could replace.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

MAX_TEMPLATES = 512   # far more than the shipped theme, Material's and a site's overrides hold

_CODE: OrderedDict[tuple, tuple[str, CodeType]] = OrderedDict()   # key -> (checksum, code)
_LOCK = threading.Lock()


class InMemoryBytecode(jinja2.BytecodeCache):
    """The bytecode cache of one environment (`attach` it); the code is shared by all of them."""

    def __init__(self):
        self.env: jinja2.Environment | None = None

    def attach(self, env: jinja2.Environment) -> jinja2.Environment:
        self.env = env
        env.bytecode_cache = self
        return env

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        try:
            key = _key(environment, name)
            hash(key)
        except TypeError:   # a setting that cannot be compared: compiled as without a cache
            return Bucket(environment, None, "")
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        with _LOCK:
            kept = _CODE.get(bucket.key)
            if kept is not None:
                _CODE.move_to_end(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = _named(kept[1], filename or "<template>")
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.code is None or bucket.key is None:
            return
        with _LOCK:
            _CODE[bucket.key] = (bucket.checksum, bucket.code)
            _CODE.move_to_end(bucket.key)
            while len(_CODE) > MAX_TEMPLATES:
                _CODE.popitem(last=False)

    def load_bytecode(self, bucket: Bucket) -> None:   # get_bucket reads the memory itself
        pass

    def dump_bytecode(self, bucket: Bucket) -> None:   # and set_bucket writes it
        pass

    def clear(self) -> None:
        forget()


def forget() -> None:
    """Drop every template this process compiled."""
    with _LOCK:
        _CODE.clear()


def _value(value):
    return value if callable(value) or value is None or isinstance(value, (bool, str)) else repr(value)


def _key(env: jinja2.Environment, name: str) -> tuple:
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
              env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
              env.keep_trailing_newline)
    modes = (type(env), env.optimized, env.is_async, env.sandboxed, _value(env.finalize), _value(env.autoescape),
             env.undefined, env.concat, env.code_generator_class, getattr(env, "newstyle_gettext", None))
    extensions = tuple(sorted((key, type(ext)) for key, ext in env.extensions.items()))
    filters = tuple(sorted(env.filters.items(), key=lambda item: item[0]))
    tests = tuple(sorted(env.tests.items(), key=lambda item: item[0]))
    return (name, syntax, modes, extensions, filters, tests)


def _named(code: CodeType, filename: str) -> CodeType:
    """`code`, and the code of the functions in it, as compiled from the file `filename`."""
    if code.co_filename == filename:
        return code
    consts = tuple(_named(const, filename) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)
