"""Characters no text of a site may contain, and where a text has one.

- Control characters (U+0000–U+001F except tab and line break, U+007F–U+009F): invisible,
  they come from copying out of other programs, and feeds (XML) cannot carry most of them.
- Private-use characters (U+E000–U+F8FF and planes 15–16): they mean something only in
  one program's font (Word's Symbol bullets paste as U+F0B7) and show as empty boxes on
  readers' phones. The engine's frame markers are private-use characters too (see
  `engines.base.TOKEN`): typed into a title they would paste page content into the navigation.
  All of them are refused, not only the markers, since none can be read by anyone.
- Lone surrogates and noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF and the last two of
  every plane): not text; YAML escapes ("\\ud800") can make them, no file can be written
  with them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NONCHARACTERS = "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 15))
_BMP = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL = "\U000f0000-\U0010ffff" + _NONCHARACTERS
FORBIDDEN = re.compile(f"[{_BMP}{_ASTRAL}]")
# most texts have no character above U+FFFF: finding that out and searching the first ranges
# alone is four times faster than the whole class
_FORBIDDEN_BMP = re.compile(f"[{_BMP}]")
_ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class BadCharacter:
    index: int                     # in the text
    char: str
    more: int = 0                  # further forbidden characters in the same text

    @property
    def code(self) -> str:
        category = unicodedata.category(self.char)
        return {"Cc": "control-character", "Co": "private-use-character"}.get(category, "invalid-character")

    @property
    def name(self) -> str:
        return f"U+{ord(self.char):04X}"

    def key(self) -> str:
        """The diagnostic's key: its code, and whether more such characters follow."""
        return self.code + (".more" if self.more else "")

    def params(self, where) -> dict:
        """`where`: the field (or words) that holds the character."""
        return {"where": where, "char": self.name, "more": self.more}


# the bytes of UTF-8 that begin no forbidden character: text of only these has none
_HARMLESS_BYTES = bytes(b for b in range(256)
                        if not ((b < 0x20 and b not in (0x09, 0x0A)) or b == 0x7F or b == 0xC2 or 0xEE <= b <= 0xF4))


def has_bad_character(text: str) -> bool:
    """Whether `text` has a forbidden character: like `first_bad_character`, but a text of
    letters, digits and marks below U+E000 (nearly every text) is cleared ten times faster,
    by its UTF-8 bytes alone."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:   # a lone surrogate
        return True
    return bool(data.translate(None, _HARMLESS_BYTES)) and first_bad_character(text) is not None


def first_bad_character(text: str) -> BadCharacter | None:
    """The first forbidden character of `text`, counting the others."""
    match = (FORBIDDEN if _ABOVE_BMP.search(text) else _FORBIDDEN_BMP).search(text)
    if match is None:
        return None
    return BadCharacter(match.start(), match.group(), len(FORBIDDEN.findall(text, match.end())))


def bad_characters_in_values(value, path=()):
    """(path, is_key, BadCharacter) for every text (keys included) of parsed YAML with one."""
    if isinstance(value, str):
        found = first_bad_character(value)
        if found is not None:
            yield path, False, found
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (found := first_bad_character(key)) is not None:
                yield path + (key,), True, found
            yield from bad_characters_in_values(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from bad_characters_in_values(item, path + (index,))


def visible(text: str) -> str:
    """`text` with each forbidden character written as \\uXXXX, safe to print."""
    return FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000
                         else f"\\U{ord(m.group()):08x}", text)


def line_and_column(text: str, index: int, first_line: int) -> tuple[int, int]:
    """Position of `text[index]` in a file where `text` starts at column 1 of `first_line`."""
    line_start = text.rfind("\n", 0, index) + 1
    return first_line + text.count("\n", 0, index), index - line_start + 1
