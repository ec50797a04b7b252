"""Where the dialect takes a shortcut past Python-Markdown (the table-of-contents stage that
only builds its table for a "[TOC]" paragraph, the glossary that skips texts using no term),
a body converts exactly as without it."""
from __future__ import annotations

import markdown

from hypothesis import given, settings, strategies as st
from markdown.extensions.toc import TocExtension

from generator.markup import heading_ids
from generator.markup.markdown import MarkdownRenderer, extensions
from generator.model.config import GlossaryTerm
from tests.conftest import REPO
from tests.budget import examples

GLOSSARY = (GlossaryTerm("tiếp thu, giải trình", "nói rõ ý kiến nào được đưa vào"),
            GlossaryTerm("giải phóng mặt bằng", "thu hồi đất, bồi thường"),
            GlossaryTerm("HĐND", "Hội đồng nhân dân"), GlossaryTerm("học phí", "tiền học"))
PIECES = ["[TOC]", " [TOC] ", "[toc]", "\n\n", "\n", "## ", "# ", "### ", "#### ", "Học phí", "học phí", "HỌC PHÍ",
          "học  phí", "HĐND", "hđnd", "HĐNDx", "tiếp thu, giải trình", "giải phóng\nmặt bằng", " (tiền học)", "(",
          "`", "**", "*", "[", "](muc)", "- ", "1. ", "> ", "    ", "| a | b |\n|---|---|\n| 1 | 2 |", "Vì sao",
          "[^1]", "[^1]: chú thích", "x", " ", "ẩ", "&amp;", "<b>", "Đ"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def stock() -> MarkdownRenderer:
    """The same renderer with Python-Markdown's own table-of-contents stage and a glossary
    that searches every piece of text for every term."""
    renderer = MarkdownRenderer(shift_headings=1, id_prefix="nd-", glossary=GLOSSARY)
    own = [TocExtension(**e.getConfigs()) if isinstance(e, heading_ids.HeadingIdsExtension) else e
           for e in extensions(1, "nd-", GLOSSARY)]
    renderer._md = markdown.Markdown(extensions=own, output_format="html")
    glossary = renderer._md.treeprocessors["policyhub_glossary"]
    glossary.terms_in = lambda root: set(range(len(glossary.glossary)))
    return renderer


QUICK = MarkdownRenderer(shift_headings=1, id_prefix="nd-", glossary=GLOSSARY)
STOCK = stock()


def test_the_dialect_uses_the_shortcuts_and_the_comparison_does_not():
    assert isinstance(QUICK._md.treeprocessors["toc"], heading_ids.HeadingIdsTreeprocessor)
    assert not isinstance(STOCK._md.treeprocessors["toc"], heading_ids.HeadingIdsTreeprocessor)


def test_a_toc_paragraph_still_becomes_the_table_of_contents():
    text = "[TOC]\n\n## Vì sao cần\n\nHĐND tỉnh.\n\n## Nội dung\n"
    html = QUICK.render(text).html
    assert 'href="#nd-vi-sao-can"' in html and "[TOC]" not in html
    assert html == STOCK.render(text).html


@settings(max_examples=examples(300), deadline=None)
@given(text=texts)
def test_any_text_converts_as_with_python_markdown_s_own_stage_and_the_full_glossary_search(text):
    assert QUICK.render(text) == STOCK.render(text)


def test_the_example_site_s_drafts_convert_as_before():
    files = sorted((REPO / "drafts").rglob("*.md"))
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert QUICK.render(text) == STOCK.render(text), path
