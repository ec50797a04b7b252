"""The long-sentence lint passes over a paragraph or sentence of no more pieces between
spaces than the limit: that is only right while a sentence never has more words than pieces."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from generator.validate.plain_language import word_count
from tests.budget import examples

PIECES = ["từ", "Hội", " ", "  ", "\t", "[", "]", "(", ")", "](https://a.vn/b c)", "![", "*", "**", "_", "`",
          "–", "-", ",", ".", "1", "HĐND", "a@b.vn", "\u00a0", "\u2003", "ẩ"]


@settings(max_examples=examples(500), deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_a_sentence_has_no_more_words_than_pieces_between_spaces(text):
    assert word_count(text) <= len(text.split())


def test_links_count_their_words_not_their_address():
    assert word_count("Xem [dự thảo lần 2](https://a.vn/x y z) tại đây") == 7
