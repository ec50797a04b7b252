"""Untrusted Markdown never becomes script, and links stay to safe places."""
import pytest

from generator.markup.markdown import MarkdownRenderer, url_is_safe


@pytest.fixture(scope="module")
def md():
    return MarkdownRenderer(shift_headings=1)


def test_raw_html_is_shown_as_text_not_executed(md):
    html = md.render('<script>alert("x")</script>\n\nChữ <img src=x onerror=alert(1)> thường').html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                  "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", " javascript:x"])
def test_links_with_unsafe_schemes_become_their_words(md, link):
    html = md.render(f"[bấm]({link})").html
    assert "href" not in html and "<a" not in html
    assert "<span>bấm</span>" in html


@pytest.mark.parametrize("link", ["https://example.gov.vn/a", "http://x.vn", "mailto:a@b.vn", "tel:+84263",
                                  "du-thao.pdf", "#muc-1", "../khac/index.html"])
def test_safe_links_are_kept(md, link):
    assert f'href="{link}"' in md.render(f"[x]({link})").html


def test_pictures_from_other_hosts_are_not_loaded(md):
    html = md.render("![Bản đồ quy hoạch](https://cdn.example.com/map.png)").html
    assert "<img" not in html and "Bản đồ quy hoạch" in html
    assert '<img alt="Sơ đồ" src="so-do.png"' in md.render("![Sơ đồ](so-do.png)").html


def test_body_headings_sit_below_the_page_sections(md):
    body = md.render("## Sự cần thiết\n\n### Điều 1. Phạm vi\n")
    assert "<h3 id=\"su-can-thiet\">Sự cần thiết</h3>" in body.html
    assert '<h4 id="dieu-1-pham-vi">Điều 1. Phạm vi</h4>' in body.html
    assert [h[2] for h in body.headings] == ["Sự cần thiết", "Điều 1. Phạm vi"]


def test_url_check_ignores_hidden_control_characters():
    assert not url_is_safe("jav\x00ascript:alert(1)")
    assert not url_is_safe("https://x.vn/a.png", allow_remote=False)
    assert url_is_safe("anh/a.png", allow_remote=False)


FEE_TABLE = """| Cấp học | Khu vực 1 (phường) | Khu vực 2 (xã) |
|---|---|---|
| Mầm non | 300.000 | 150.000 |
| Trung học cơ sở | 395.000 | 200.000 |

| Loại | Mức |
|---|---|
| A | 1 |
"""


def test_every_table_scrolls_in_a_focusable_region_named_after_its_columns(md):
    from lxml import html as lxml_html
    root = lxml_html.fragment_fromstring(md.render(FEE_TABLE).html, create_parent="div")
    regions = root.xpath("//div[table]")
    assert [r.get("aria-label") for r in regions] == ["Bảng 1: Cấp học, Khu vực 1 (phường), Khu vực 2 (xã)",
                                                       "Bảng 2: Loại, Mức"]
    for region in regions:
        assert (region.get("class"), region.get("tabindex"), region.get("role")) == ("ph-table-wrap", "0", "region")
    assert len(root.xpath("//table")) == 2 and not root.xpath("//table[not(parent::div[@role='region'])]")


def test_a_long_column_list_is_cut_between_words_in_the_region_name():
    from generator.markup.markdown import table_name
    from lxml import etree
    table = etree.fromstring("<table><tr>" + "".join(f"<th>Cột số {n} của bảng</th>" for n in range(20))
                             + "</tr></table>")
    name = table_name(table, 3)
    assert name.startswith("Bảng 3: Cột số 0 của bảng, Cột số 1") and name.endswith(" …")
    assert len(name) <= len("Bảng 3: ") + 100 + 2 and not name[:-2].endswith(",")


def test_a_text_cannot_make_a_focus_trap_or_a_region_of_its_own(md):
    from generator.markup.sanitise import sanitise
    html = sanitise('<div class="ph-table-wrap" tabindex="-1" role="dialog" aria-label="x">a</div>'
                    '<div tabindex="5" role="region">b</div>')
    assert 'tabindex="-1"' not in html and 'tabindex="5"' not in html and "dialog" not in html
    # raw HTML in Markdown stays text
    assert "&lt;div" in md.render('<div tabindex="0" role="region">x</div>').html
