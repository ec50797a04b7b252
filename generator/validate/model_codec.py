"""The typed model (a checked `Draft` and everything in it) as plain JSON data, and back.

Each dataclass is a list of its fields in their order, each field written by its declared
type: texts, whole numbers (never true or false), numbers (`int | float` keeps which it
was), tuples as lists, mappings of text to numbers as lists of pairs, days as
"YYYY-MM-DD", moments as their wall time, fold and time zone, states by their value, and a
field that may hold one of several classes (an infographic) as [class name, fields…].
Reading back accepts exactly that shape and nothing else: a value of another type, a list
one field short or long, an unknown class or state, a day that is no day, a moment in
another time zone than the site's is refused (`BadValue`). What this module would not give
back as it was is not written (`Unstorable`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from zoneinfo import ZoneInfo

from generator.cache.values import BadValue, Unstorable
from generator.model import Draft, charts
from generator.model import draft as draft_model

_NONE = type(None)


@functools.lru_cache(maxsize=None)
def _fields(cls) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(cls, vars(draft_model) | vars(charts))
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _options(kind) -> tuple | None:
    """The members of a union type (`X | None`, `int | float`, the infographics), else None."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return typing.get_args(kind)
    return None


def encode(value, kind, zone: str):
    options = _options(kind)
    if options is not None:
        if value is None and _NONE in options:
            return None
        if set(options) == {int, float}:
            return encode(value, type(value) if type(value) in (int, float) else object, zone)
        classes = [o for o in options if o is not _NONE]
        if len(classes) == 1:
            return encode(value, classes[0], zone)
        if type(value) not in classes or not dataclasses.is_dataclass(value):
            raise Unstorable(f"a {type(value).__name__} where one of {classes} belongs")
        return [type(value).__name__, *encode(value, type(value), zone)]
    if kind in (str, int, float, bool):
        if type(value) is not kind:
            raise Unstorable(f"a {type(value).__name__} where a {kind.__name__} belongs")
        return value
    if kind is dt.datetime:
        if type(value) is not dt.datetime or not isinstance(value.tzinfo, ZoneInfo) or value.tzinfo.key != zone:
            raise Unstorable("a moment that is not in the site's time zone")
        return [value.replace(tzinfo=None).isoformat(), value.fold]
    if kind is dt.date:
        if type(value) is not dt.date:
            raise Unstorable("not a day")
        return value.isoformat()
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        if type(value) is not kind:
            raise Unstorable(f"not a {kind.__name__}")
        return value.value
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if type(value) is not tuple:
            raise Unstorable("not a tuple")
        return [encode(item, args[0], zone) for item in value]
    if origin is dict and args[0] is str:
        if type(value) is not dict:
            raise Unstorable("not a mapping")
        return [[encode(k, str, zone), encode(v, args[1], zone)] for k, v in value.items()]
    if dataclasses.is_dataclass(kind):
        if type(value) is not kind:
            raise Unstorable(f"not a {kind.__name__}")
        return [encode(getattr(value, name), field_kind, zone) for name, field_kind in _fields(kind)]
    raise Unstorable(f"a value of type {kind!r}")


def decode(plain, kind, zone: str):
    return _decoder(kind)(plain, zone)


@functools.lru_cache(maxsize=None)
def _decoder(kind):
    """A function (plain, zone) -> value reading back what `encode` writes for `kind`; made
    once per type, so that reading a draft costs no look at its type hints."""
    options = _options(kind)
    if options is not None:
        classes = [o for o in options if o is not _NONE]
        optional = _NONE in options
        if set(options) == {int, float}:
            def number(plain, zone):
                if type(plain) is not int and type(plain) is not float:
                    raise BadValue("not a number")
                return plain
            return number
        if len(classes) == 1:
            inner = _decoder(classes[0])
            if not optional:
                return inner
            return lambda plain, zone: None if plain is None else inner(plain, zone)
        by_name = {cls.__name__: _decoder(cls) for cls in classes}

        def one_of(plain, zone):
            if plain is None and optional:
                return None
            if type(plain) is not list or not plain or type(plain[0]) is not str or plain[0] not in by_name:
                raise BadValue("not one of the classes this field may hold")
            return by_name[plain[0]](plain[1:], zone)
        return one_of
    if kind in (str, int, float, bool):
        def exact(plain, zone):
            if type(plain) is not kind:
                raise BadValue(f"not a {kind.__name__}")
            return plain
        return exact
    if kind is dt.datetime:
        return _moment
    if kind is dt.date:
        return _day
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        members = {member.value: member for member in kind}

        def member(plain, zone):
            if type(plain) is not str or plain not in members:
                raise BadValue(f"not a {kind.__name__}")
            return members[plain]
        return member
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])

        def items(plain, zone):
            if type(plain) is not list:
                raise BadValue("not a list")
            return tuple(item(p, zone) for p in plain)
        return items
    if origin is dict and args[0] is str:
        value = _decoder(args[1])

        def mapping(plain, zone):
            if type(plain) is not list or not all(type(p) is list and len(p) == 2 and type(p[0]) is str for p in plain):
                raise BadValue("not a list of pairs")
            found = {k: value(v, zone) for k, v in plain}
            if len(found) != len(plain):
                raise BadValue("a key given twice")
            return found
        return mapping
    if dataclasses.is_dataclass(kind):
        fields = _fields(kind)
        names = tuple(name for name, _ in fields)
        readers = tuple(_decoder(field_kind) for _, field_kind in fields)
        count = len(fields)

        def instance(plain, zone):
            if type(plain) is not list or len(plain) != count:
                raise BadValue(f"not the fields of a {kind.__name__}")
            return kind(**{name: read(p, zone) for name, read, p in zip(names, readers, plain)})
        return instance
    raise Unstorable(f"a value of type {kind!r}")


def _moment(plain, zone):
    if not (type(plain) is list and len(plain) == 2 and type(plain[0]) is str and type(plain[1]) is int
            and plain[1] in (0, 1)):
        raise BadValue("not a moment")
    try:
        naive = dt.datetime.fromisoformat(plain[0])
    except ValueError:
        raise BadValue("not a moment") from None
    if naive.tzinfo is not None or naive.isoformat() != plain[0]:
        raise BadValue("not a moment as this version writes it")
    return naive.replace(tzinfo=ZoneInfo(zone), fold=plain[1])


def _day(plain, zone):
    try:
        day = dt.date.fromisoformat(plain) if type(plain) is str else None
    except ValueError:
        day = None
    if day is None or day.isoformat() != plain:
        raise BadValue("not a day")
    return day


def encode_draft(draft: Draft, zone: str) -> list:
    """The draft as JSON data; Unstorable unless reading it back gives the very same draft."""
    plain = encode(draft, Draft, zone)
    try:
        again = decode(plain, Draft, zone)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    if repr(again) != repr(draft):
        raise Unstorable("the draft would not read back as it is")
    return plain


def decode_draft(plain, zone: str) -> Draft:
    return decode(plain, Draft, zone)
