"""The teaser a listing card shows: the summary's first sentence, or its first words."""
from generator.model.sentences import TEASER_WORDS, first_sentence, teaser


def test_a_short_first_sentence_is_the_teaser():
    summary = ("Trẻ em mầm non được miễn học phí. Dự thảo giữ mức thu của năm trước cho "
               "các cơ sở ngoài công lập.")
    assert teaser(summary) == "Trẻ em mầm non được miễn học phí."


def test_abbreviations_and_numbers_do_not_end_a_sentence():
    summary = "Áp dụng tại TP. Đà Lạt từ 01.9.2027 với tổng kinh phí 1.620 tỷ đồng. Câu thứ hai."
    assert first_sentence(summary) == "Áp dụng tại TP. Đà Lạt từ 01.9.2027 với tổng kinh phí 1.620 tỷ đồng."


def test_a_long_sentence_is_cut_between_words_with_an_ellipsis():
    words = [f"từ{n}" for n in range(60)]
    summary = " ".join(words[:44]) + ", " + " ".join(words[44:]) + "."
    cut = teaser(summary)
    assert cut.endswith(" …")
    kept = cut[:-2].split()
    assert len(kept) == TEASER_WORDS and kept == words[:TEASER_WORDS]


def test_no_comma_or_opening_mark_is_left_before_the_ellipsis():
    words = ["chữ"] * (TEASER_WORDS - 1) + ["(thuế,"] + ["phí"] * 10
    assert teaser(" ".join(words)) == " ".join(["chữ"] * (TEASER_WORDS - 1) + ["(thuế"]) + " …"


def test_line_breaks_and_double_spaces_collapse():
    assert teaser("Dòng một\n  còn tiếp.\nDòng hai.") == "Dòng một còn tiếp."
