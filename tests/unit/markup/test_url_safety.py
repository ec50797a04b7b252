"""Addresses are judged as browsers read them, and the sanitiser keeps what our Markdown makes."""
import lxml.html
import pytest

from generator.markup.markdown import MarkdownRenderer, unsafe_addresses
from generator.model import GlossaryTerm
from generator.markup.sanitise import sanitise
from generator.markup.url_safety import as_browser_reads, link_is_safe, picture_is_safe

SCRIPT_LINKS = ["&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#0000106;avascript:alert(1)",
                "javascript&colon;alert(1)", "javascript&#58;alert(1)", "javascript&#x3a;alert(1)",
                "java&Tab;script:alert(1)", "java&NewLine;script:alert(1)", "jav&#x09;ascript:alert(1)",
                "&#32;javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x",
                "<javascript:alert(1)>", "javascript:alert(1) \"tiêu đề\""]
REMOTE_PICTURES = ["&#104;ttps://evil.example/x.png", "https://evil.example/x.png", "//evil.example/x.png",
                   "&#47;&#47;evil.example/x.png", "/\\evil.example/x.png",
                   "\\\\\\\\evil.example/x.png",   # Markdown puts the escaped backslashes back only after its inline work
                   "\t//evil.example/x.png", "data:image/png;base64,iVBORw0KGgo=", "mailto:a@b.vn"]


@pytest.fixture(scope="module")
def md():
    return MarkdownRenderer(shift_headings=0)


@pytest.mark.parametrize("written", SCRIPT_LINKS)
def test_no_spelling_of_a_script_link_survives(md, written):
    body = md.render(f"[bấm]({written})")
    assert "<a" not in body.html and "<span>bấm</span>" in body.html
    assert [u.kind for u in body.unsafe] == ["link"]
    assert not link_is_safe(body.unsafe[0].read_as)


@pytest.mark.parametrize("written", REMOTE_PICTURES)
def test_pictures_only_come_from_the_site(md, written):
    body = md.render(f"![Sơ đồ]({written})")
    assert "<img" not in body.html and "<span>Sơ đồ</span>" in body.html
    assert not picture_is_safe(body.unsafe[0].read_as)


def test_entities_are_decoded_the_way_attributes_decode_them():
    assert as_browser_reads("&#106;&#x61;v&#97;script&colon;") == "javascript:"
    assert as_browser_reads("?a=1&copy=2") == "?a=1&copy=2"        # no ';': the serialiser writes &amp;copy
    assert as_browser_reads("&notanentity;") == "&notanentity;"    # not a name of HTML: stays as written
    assert as_browser_reads("&amp;#106;") == "&#106;"              # decoded once, as browsers do
    assert as_browser_reads("\x02amp\x03#109;") == "m"               # Python-Markdown's & placeholder


def test_reference_links_automatic_links_and_linked_pictures_are_judged_too(md):
    text = ("[a][r] <https://x.vn> <gopy@example.gov.vn> [![logo](https://evil.example/l.png)](https://x.vn)\n\n"
            "[r]: &#106;avascript:alert(1)\n")
    body = md.render(text)
    assert [(u.kind, u.read_as) for u in body.unsafe] == [("link", "javascript:alert(1)"),
                                                           ("picture", "https://evil.example/l.png")]
    assert body.unsafe == unsafe_addresses(text)
    tree = lxml.html.fragment_fromstring(body.html, create_parent="div")
    assert [a.get("href") for a in tree.iter("a")] == ["https://x.vn", "mailto:gopy@example.gov.vn", "https://x.vn"]


def test_only_texts_with_link_syntax_are_rendered_for_the_check():
    assert unsafe_addresses("Điều 5: javascript:alert(1) không phải liên kết") == ()


RICH = """## Điều 1. Phạm vi & đối tượng

Chữ *nghiêng*, **đậm**, `mã`, HĐND, [liên kết](https://x.vn/?a=1&amp;b=2 "tiêu đề"), [mục](#dieu-1),
<gopy@example.gov.vn>, ![Sơ đồ](anh/so-do.png "Sơ đồ khu vực"), chú thích[^1] và tờ trình.\u00a0Hết.

| Khu vực | Mức thu |
|:--|--:|
| Phường | 355.000 |

3. mục ba
4. mục bốn

Thuật ngữ
:   Giải thích.

> Trích dẫn
> - trong danh sách

    khối mã <b>

---

[^1]: Chú thích có [liên kết](https://x.vn).

*[HĐND]: Hội đồng nhân dân
"""


def _tree(html: str):
    return [(e.tag, sorted(e.attrib.items()), (e.text or ""), (e.tail or ""))
            for e in lxml.html.fragment_fromstring(html, create_parent="div").iter()]


def test_the_sanitiser_keeps_everything_our_markdown_makes():
    renderer = MarkdownRenderer(shift_headings=1, id_prefix="nd-",
                                glossary=(GlossaryTerm("tờ trình", "văn bản đề nghị"),))
    renderer_html = renderer._md.convert(RICH)   # before the sanitiser
    assert 'class="footnote"' in renderer_html and '<dfn class="ph-term">' in renderer_html
    assert 'start="3"' in renderer_html and '<abbr title=' in renderer_html and "<table>" in renderer_html
    assert _tree(sanitise(renderer_html)) == _tree(renderer_html)


def test_the_sanitiser_removes_what_no_markdown_of_ours_makes():
    hostile = ('<p onclick="x()">a<script>alert(1)</script><style>p{}</style><iframe src="https://e.x"></iframe>'
               '<a href="&#106;avascript:alert(1)" class="md-button">b</a><img src="https://e.x/a.png" alt="c">'
               '<svg onload="x()"></svg><!-- c --><span class="ph-term__note other" style="color:red" data-x="1">d</span>'
               '<button formaction="https://e.x">e</button><object data="https://e.x/o"></object></p>')
    assert sanitise(hostile) == '<p>a<a>b</a><img alt="c"><span class="ph-term__note">d</span>e</p>'
