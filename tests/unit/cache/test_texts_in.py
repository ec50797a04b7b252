"""Every text of a stored value is looked at when a cache entry is checked for characters no
text may hold: none may be missed, however deep, and keys are not texts."""
from __future__ import annotations

import json

from generator.cache.values import texts_in


def test_every_text_at_any_depth_in_order():
    value = ["một", ["hai", [["ba"]], 4, None, True], {"k": "bốn", "l": ["năm", {"m": "sáu"}]}, 7.5]
    assert texts_in(value) == ["một", "hai", "ba", "bốn", "năm", "sáu"]


def test_a_text_alone_and_values_without_texts():
    assert texts_in("đơn") == ["đơn"]
    assert texts_in(3) == [] and texts_in(None) == [] and texts_in([[], {}, [1, [2]]]) == []


def test_the_keys_of_mappings_are_not_texts():
    assert texts_in({"khóa": 1, "khác": ["giá trị"]}) == ["giá trị"]


def test_as_deep_as_json_reads():
    deep = json.loads("[" * 900 + '"đáy"' + "]" * 900)
    assert texts_in(deep) == ["đáy"]
