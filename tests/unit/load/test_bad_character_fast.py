"""The quick test for forbidden characters (entries read back from the cache) agrees with the
exact one on every character, alone and inside Vietnamese text."""
from __future__ import annotations

from generator.load import text_rules


def test_the_quick_test_agrees_with_the_exact_one_on_every_character():
    points = list(range(0, 0xD800)) + list(range(0xE000, 0x10000))
    points += [p for plane in range(1, 17) for p in (plane << 16, (plane << 16) | 0xFFFD, (plane << 16) | 0xFFFE,
                                                       (plane << 16) | 0xFFFF)]
    for point in points:
        for text in (chr(point), f"Dự thảo {chr(point)} học phí"):
            assert text_rules.has_bad_character(text) == (text_rules.first_bad_character(text) is not None), hex(point)
    assert text_rules.has_bad_character("Dự thảo \ud800")   # a lone surrogate
