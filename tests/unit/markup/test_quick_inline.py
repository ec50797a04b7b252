"""The quick inline stage gives the HTML of Python-Markdown's own, for any text."""
from __future__ import annotations

import markdown
from hypothesis import given, settings, strategies as st
from markdown.treeprocessors import InlineProcessor

from generator.markup import quick_inline
from generator.markup.markdown import MarkdownRenderer
from tests.conftest import REPO
from tests.budget import examples
PIECES = ["`", "``", "\\", "\\\\", "[", "]", "[^1]", "(", ")", "![", "<", ">", "@", "://", "&", ";", "#", "x",
          "amp", "*", "**", "_", "__", "  \n", "\n", "\n\n", " ", "Dự thảo", "học phí", "https://a.vn/b",
          "mailto:a@b.vn", "tel:0263", "a@b.vn", "1.", "- ", "|", "---", ": ", "*[HĐND]: Hội đồng nhân dân",
          "HĐND", "[^1]: chú thích", "[a]: https://a.vn", "ẩ", "0"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def stock(renderer: MarkdownRenderer) -> MarkdownRenderer:
    """The same renderer with Python-Markdown's own inline stage put back."""
    renderer._md.treeprocessors.register(InlineProcessor(renderer._md), "inline", 20)
    return renderer


QUICK = MarkdownRenderer(shift_headings=1, id_prefix="nd-")
STOCK = stock(MarkdownRenderer(shift_headings=1, id_prefix="nd-"))


def test_the_dialect_uses_the_quick_inline_stage():
    assert isinstance(QUICK._md.treeprocessors["inline"], quick_inline.QuickInlineProcessor)
    assert not isinstance(STOCK._md.treeprocessors["inline"], quick_inline.QuickInlineProcessor)


def test_every_pattern_of_the_dialect_says_what_it_needs():
    """A pattern missing from NEEDS is only slower; this names one a new release brought."""
    expressions = {pattern.compiled_re.pattern for pattern in QUICK._md.inlinePatterns}
    assert expressions <= set(quick_inline.NEEDS)


@settings(max_examples=examples(500), deadline=None)
@given(text=texts)
def test_any_text_converts_as_with_python_markdown_s_own_inline_stage(text):
    assert QUICK.render(text) == STOCK.render(text)


def test_the_example_site_s_drafts_and_pages_convert_as_before():
    files = sorted((REPO / "drafts").rglob("*.md")) + sorted((REPO / "content").rglob("*.md"))
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert QUICK.render(text) == STOCK.render(text), path
    plain = markdown.Markdown(extensions=["tables", "footnotes", "abbr", "def_list"])
    quick = markdown.Markdown(extensions=["tables", "footnotes", "abbr", "def_list"])
    quick_inline.install(quick)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert quick.reset().convert(text) == plain.reset().convert(text), path
