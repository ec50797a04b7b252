"""A citizen on a cheap phone: tables readable at 320 and 390 px, a first visit within its
byte budget on a host that sends the compressed copies, a share button that works, charts
that follow the dark scheme, and axe-core clean at phone widths in both schemes."""
from __future__ import annotations

import pytest

from bench.gzip_static import serve_gzip_static
from generator.render.drawing.palette import DARK, LIGHT
from tests.browser.helpers import axe_failure, foreign_requests
from tests.browser.test_accessibility import page_types

BUDGET_BYTES = 100 * 1024   # a first visit to a draft, as sent (gzip), everything included
RESPONSE_DRAFT = "du-thao/han-muc-dat-o-tach-thua/index.html"
FEE_DRAFT = "du-thao/hoc-phi-2027-2028/index.html"


@pytest.fixture(scope="module")
def all_pages(example_site):
    return page_types(example_site)


@pytest.fixture
def tab(browser):
    page = browser.new_page()
    yield page
    page.close()


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_at_phone_widths(browser, site_server, all_pages, width, scheme):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    page.emulate_media(color_scheme=scheme)
    failures = []
    for name, path in sorted(all_pages.items()):
        failures.append(axe_failure(page, name, site_server + path, f"{path}, {width} px, {scheme}"))
    page.close()
    assert not any(failures), "\n".join(filter(None, failures))


RESPONSE_LAYOUT = """() => {
  const table = document.querySelector('.ph-response__table');
  const wrap = table.closest('.ph-table-wrap');
  const row = table.querySelector('tbody tr');
  const cells = [...row.children].map(c => ({display: getComputedStyle(c).display,
      label: getComputedStyle(c.querySelector('.ph-cell-label')).display !== 'none'
             ? c.querySelector('.ph-cell-label').textContent.trim() : '',
      width: c.getBoundingClientRect().width}));
  return {rowDisplay: getComputedStyle(row).display, cells,
          headVisible: table.querySelector('thead').getBoundingClientRect().height > 1,
          cut: wrap.scrollWidth > wrap.clientWidth + 1, wrapWidth: wrap.clientWidth};
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_the_response_table_is_one_labelled_block_per_comment_on_a_phone(tab, site_server, width):
    tab.set_viewport_size({"width": width, "height": 740})
    tab.goto(site_server + RESPONSE_DRAFT)
    layout = tab.evaluate(RESPONSE_LAYOUT)
    assert not layout["cut"] and not layout["headVisible"]
    assert [c["label"] for c in layout["cells"]] == ["Nội dung:", "Ý kiến góp ý:", "Giải trình, tiếp thu:", "Kết quả:"]
    # each part takes the block's whole width: no column one or two words wide
    assert all(c["width"] >= layout["wrapWidth"] - 40 for c in layout["cells"])
    # a screen reader still meets a table with its column headers
    assert tab.evaluate("() => document.querySelector('.ph-response__table thead th').getAttribute('role')") \
        == "columnheader"
    assert tab.locator(".ph-response__table caption").is_visible()


def test_the_response_table_is_a_table_on_a_wide_screen(tab, site_server):
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.goto(site_server + RESPONSE_DRAFT)
    layout = tab.evaluate(RESPONSE_LAYOUT)
    assert layout["headVisible"] and not layout["cut"]
    assert {c["display"] for c in layout["cells"]} == {"table-cell"} and {c["label"] for c in layout["cells"]} == {""}


def test_a_wide_body_table_scrolls_in_a_named_region_the_keyboard_reaches(tab, site_server):
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(site_server + FEE_DRAFT)
    region = tab.locator('.ph-table-wrap[aria-label^="Bảng 1: Cấp học"]')   # the fee table of the draft's text
    region.scroll_into_view_if_needed()
    facts = region.evaluate("""w => ({role: w.getAttribute('role'), tabindex: w.tabIndex, name: w.getAttribute('aria-label'),
        cut: w.scrollWidth > w.clientWidth + 1, overflow: getComputedStyle(w).overflowX,
        hint: w.previousElementSibling && w.previousElementSibling.classList.contains('ph-table-hint')
              ? w.previousElementSibling.textContent : ''})""")
    assert facts["role"] == "region" and facts["tabindex"] == 0 and facts["name"].startswith("Bảng ")
    assert facts["cut"] and facts["overflow"] == "auto"
    assert "kéo hoặc vuốt sang ngang" in facts["hint"]
    region.focus()
    focus = region.evaluate("w => { const s = getComputedStyle(w); return s.outlineStyle !== 'none' "
                            "&& parseFloat(s.outlineWidth) >= 2; }")
    assert focus
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("ArrowRight")
    tab.wait_for_timeout(300)
    assert region.evaluate("w => w.scrollLeft") > 0
    # wide enough, the table fits and the cue goes
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.wait_for_timeout(200)
    assert not region.evaluate("w => w.previousElementSibling.classList.contains('ph-table-hint')")


def test_a_changed_table_row_is_shown_as_a_row_of_its_table(tab, site_server):
    tab.set_viewport_size({"width": 390, "height": 740})
    tab.goto(site_server + FEE_DRAFT)
    row = tab.locator(".ph-change__table").filter(has=tab.locator("tbody")).first
    heads = row.locator("thead th").all_inner_texts()
    cells = row.locator("tbody td").all_inner_texts()
    assert heads[0] == "Cấp học" and len(heads) == len(cells)
    assert row.locator("tbody td ins, tbody td del").count() >= 2
    assert "|" not in " ".join(cells)


def test_the_share_button_opens_the_share_sheet_or_copies_the_address(tab, site_server, all_pages):
    tab.add_init_script("""
        window.__shared = null; window.__copied = null;
        Object.defineProperty(navigator, 'clipboard', {value: {writeText: t => { window.__copied = t; return Promise.resolve(); }}});
        if (location.search.includes('share')) { navigator.share = d => { window.__shared = d; return Promise.resolve(); }; }
    """)
    tab.goto(site_server + all_pages["draft open"] + "?share")
    button = tab.get_by_role("button", name="Chia sẻ trang dự thảo này")
    button.click()
    shared = tab.evaluate("window.__shared")
    canonical = tab.evaluate("document.querySelector('link[rel=canonical]').href")
    assert shared["url"] == canonical and shared["title"] == tab.locator("h1").inner_text().strip()
    tab.goto(site_server + all_pages["draft open"])
    tab.get_by_role("button", name="Chia sẻ trang dự thảo này").click()
    assert tab.evaluate("window.__copied") == canonical
    assert "Đã chép đường dẫn" in tab.locator("[role=status]#ph-chia-se-ket-qua").inner_text()


def test_without_javascript_there_is_no_share_button_that_does_nothing(page_nojs, site_server, all_pages):
    page_nojs.goto(site_server + all_pages["draft open"])
    assert page_nojs.get_by_role("button", name="Chia sẻ trang dự thảo này").count() == 0


def test_charts_and_the_timeline_take_the_dark_colours(tab, site_server):
    for scheme, colours in (("light", LIGHT), ("dark", DARK)):
        tab.emulate_media(color_scheme=scheme)
        tab.goto(site_server + "du-thao/bang-gia-dat-2027/index.html")
        seen = tab.evaluate("""() => {
            const fill = sel => [...new Set([...document.querySelectorAll(sel)].map(e => getComputedStyle(e).fill))];
            return {ink: fill('svg .ph-f-ink'), paper: fill('svg .ph-f-paper'), primary: fill('svg .ph-f-primary')};
        }""")
        assert seen["ink"] == [rgb(colours["ink"])], scheme
        assert seen["primary"] == [rgb(colours["primary"])], scheme
        assert set(seen["paper"]) <= {rgb(colours["paper"])}, scheme


def test_file_digests_wait_behind_kiem_tra_tep(tab, site_server):
    tab.goto(site_server + FEE_DRAFT)
    details = tab.locator("details.ph-checksums")
    assert details.locator("summary").inner_text().startswith("Kiểm tra tệp")
    assert not details.locator("code").first.is_visible()
    details.locator("summary").click()
    assert details.locator("code").first.is_visible()
    assert len(details.locator("dd code").first.inner_text()) == 64


def test_a_first_visit_to_a_draft_stays_within_the_budget(browser, example_site, all_pages):
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    failed, requests = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    client = page.context.new_cdp_session(page)
    client.send("Network.enable")
    client.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes = {}
    client.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    with serve_gzip_static(example_site) as base:
        for kind in ("draft open", "draft responded", "home"):
            sizes.clear()
            page.goto(base + all_pages[kind], wait_until="networkidle")
            total = sum(sizes.values())
            assert total <= BUDGET_BYTES, f"{kind}: {total} bytes"
        assert foreign_requests(requests, base) == []
    page.close()
    assert failed == []
    assert not [u for u in requests if u.endswith("sitemap.xml")]
