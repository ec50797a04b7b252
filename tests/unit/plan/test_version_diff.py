"""Changes between versions of a draft: a changed table row is a row of its table."""
from generator.plan.version_diff import compare

OLD = """## Mức học phí

| Cấp học | Khu vực 1 | Khu vực 2 |
|---|---|---|
| Mầm non | 300.000 | 150.000 |
| Trung học phổ thông | 395.000 | 200.000 |
"""


def words(segments, kind):
    return [s.text.strip() for s in segments if s.kind == kind]


def test_a_changed_row_is_compared_cell_by_cell_under_its_header():
    new = OLD.replace("395.000 | 200.000", "385.000 | 200.000")
    [change] = compare(OLD, new)
    assert change.kind == "changed" and change.section == "Mức học phí"
    assert change.header == ("Cấp học", "Khu vực 1", "Khu vực 2") and not change.is_header
    first, fee, other = change.cells
    assert [s.kind for s in first] == ["same"] and [s.kind for s in other] == ["same"]
    assert words(fee, "removed") == ["395.000"] and words(fee, "added") == ["385.000"]
    # the new figure stands apart from the old one when read as text
    assert [s.space for s in fee if s.kind == "added"] == [True]


def test_an_added_row_carries_its_table_header():
    new = OLD.replace("| Trung học phổ thông", "| Trung học cơ sở | 350.000 | 180.000 |\n| Trung học phổ thông")
    [change] = compare(OLD, new)
    assert change.kind == "added" and change.header == ("Cấp học", "Khu vực 1", "Khu vực 2")
    assert [words(c, "added") for c in change.cells] == [["Trung học cơ sở"], ["350.000"], ["180.000"]]


def test_a_renamed_column_is_a_change_of_the_header_row():
    new = OLD.replace("| Khu vực 2 |\n", "| Khu vực 2 (xã) |\n")
    [change] = compare(OLD, new)
    assert change.is_header and words(change.cells[2], "added") == ["(xã)"]


def test_a_row_that_gained_a_column_is_shown_as_words():
    new = OLD.replace("| Mầm non | 300.000 | 150.000 |", "| Mầm non | 300.000 | 150.000 | 100.000 |")
    [change] = compare(OLD, new)
    assert change.cells == () and "100.000" in " ".join(words(change.segments, "added"))


def test_paragraphs_are_not_tables():
    [change] = compare("Đoạn văn cũ.\n", "Đoạn văn mới.\n")
    assert change.cells == () and change.header == ()
