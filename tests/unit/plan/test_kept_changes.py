"""The changes since a draft's earlier version, kept in the cache: the same as compared anew,
and a damaged or forged entry is never shown."""
from __future__ import annotations

import json

from generator.plan.kept_changes import KeptChanges, decode, encode
from generator.plan.version_diff import compare

OLD = """## Mức học phí

| Cấp học | Khu vực 1 | Khu vực 2 |
|---|---|---|
| Mầm non | 300.000 | 150.000 |

Điều 5. Học phí được thu **hằng tháng**.
"""
NEW = OLD.replace("300.000", "310.000").replace("hằng tháng", "hằng quý") + "\nĐiều 6. Hiệu lực từ năm học 2027.\n"


def test_a_kept_comparison_is_the_comparison(tmp_path):
    kept = KeptChanges(tmp_path / "history")
    first = kept.compare(OLD, NEW)
    assert first == compare(OLD, NEW) and {c.kind for c in first} == {"changed", "added"}
    [entry] = list((tmp_path / "history").glob("*/*.json"))
    again = KeptChanges(tmp_path / "history").compare(OLD, NEW)
    assert again == first and repr(again) == repr(first)   # page keys made of it stay the same
    assert len(list((tmp_path / "history").glob("*/*.json"))) == 1 and entry.is_file()


def test_another_text_is_compared_again(tmp_path):
    kept = KeptChanges(tmp_path / "history")
    kept.compare(OLD, NEW)
    assert kept.compare(OLD, OLD + "\nĐiều 7. Mới.\n") == compare(OLD, OLD + "\nĐiều 7. Mới.\n")


def test_an_entry_that_is_not_what_the_build_writes_is_compared_again(tmp_path):
    kept = KeptChanges(tmp_path / "history")
    right = kept.compare(OLD, NEW)
    key = kept.key(OLD, NEW)
    forged = [["changed", "x", [["script", "<b>", False]], [], [], False]]   # an unknown kind of words
    for bad in (json.dumps(forged).encode(), b"[1, 2]", b'[["added", 5, [], [], [], false]]', b"\xff", b"{}"):
        kept.files.write(key, bad)
        assert kept.compare(OLD, NEW) == right
    entry = kept.files.path(key)
    entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")   # damaged: fails the entry's check
    assert kept.compare(OLD, NEW) == right
    assert decode(encode(right)) == right


def test_without_a_cache_folder_nothing_is_kept(tmp_path):
    assert KeptChanges(None).compare(OLD, NEW) == compare(OLD, NEW)
