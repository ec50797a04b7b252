"""Every page type, in a real browser, the way auditors check it: axe-core on WCAG 2.0,
2.1 and 2.2 A and AA, in light and dark colour schemes, at phone width, by keyboard,
without JavaScript and printed. Rules are never switched off here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.helpers import axe_failure, foreign_requests, run_vnu, serve_directory


def drafts_by_state(site: Path) -> dict[str, str]:
    """One draft page per lifecycle state, found in the built site itself."""
    found: dict[str, str] = {}
    for page in sorted((site / "du-thao").glob("*/index.html")):
        match = re.search(r'class="ph-status ph-status--(\w+)"', page.read_text(encoding="utf-8"))
        if match:
            found.setdefault(match.group(1), page.relative_to(site).as_posix())
    return found


def page_types(site: Path) -> dict[str, str]:
    pages = {"home": "index.html", "open list": "dang-lay-y-kien/index.html",
             "finished list": "da-ket-thuc/index.html",
             "topic": next(p.relative_to(site).as_posix() for p in sorted((site / "linh-vuc").glob("*/index.html"))),
             "agency": next(p.relative_to(site).as_posix() for p in sorted((site / "co-quan").glob("*/index.html"))),
             "topics index": "linh-vuc/index.html", "content page": "huong-dan-gop-y.html",
             "feeds page": "feeds/index.html"}
    if (site / "tim-kiem/index.html").exists():
        pages["search with results"] = "tim-kiem/index.html?q=hoc+phi"
    pages.update({f"draft {state}": path for state, path in drafts_by_state(site).items()})
    return pages


@pytest.fixture(scope="module")
def all_pages(example_site):
    pages = page_types(example_site)
    assert {f"draft {s}" for s in ("upcoming", "open", "closed", "responded", "adopted", "withdrawn")} <= set(pages)
    return pages


@pytest.fixture(scope="module")
def root_server(example_site):
    """The 404 page is served at any address, so it is checked from a domain root."""
    with serve_directory(example_site, prefix="/") as base:
        yield base


def pages_to_check(site):
    return sorted(page_types(site).items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page_type(browser, site_server, root_server, all_pages, scheme):
    failures = []
    page = browser.new_page()
    page.emulate_media(color_scheme=scheme)
    for name, path in sorted(all_pages.items()) + [("404", "no-such-page/")]:
        url = (root_server + path) if name == "404" else (site_server + path)
        failures.append(axe_failure(page, name, url, f"{path}, {scheme}"))
    page.close()
    assert not any(failures), "\n".join(filter(None, failures))


def test_no_page_scrolls_sideways_at_320_px(browser, site_server, all_pages):
    page = browser.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    for name, path in sorted(all_pages.items()):
        page.goto(site_server + path)
        overflow = page.evaluate("""() => {
            const w = document.documentElement.clientWidth;
            const cut = [...document.querySelectorAll('main *')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && (r.right > w + 1 || r.left < -1) && getComputedStyle(e).position !== 'absolute'
                    && !e.closest('.ph-table-wrap, .md-typeset__scrollwrap, .ph-visually-hidden, [hidden], table')
                    && !e.closest('.md-sidebar');  // the closed phone menu waits off-screen by design
            }).slice(0, 3).map(e => e.tagName + '.' + e.className);
            return {scroll: document.documentElement.scrollWidth, width: w, cut};
        }""")
        if overflow["scroll"] > overflow["width"] or overflow["cut"]:
            wide.append(f"{name}: {overflow}")
    page.close()
    assert wide == []


def test_the_header_names_the_site_in_full_words_on_a_phone(browser, site_server, all_pages):
    """At 360 px the header shows the site's short name whole on its own row, the search box
    below it; on a wide screen, the full name beside the box."""
    page = browser.new_page()
    seen = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 640})
        page.goto(site_server + all_pages["home"])
        seen[width] = page.evaluate("""() => {
            const name = [...document.querySelectorAll('.md-header__topic:first-child .md-ellipsis > span')]
                .find(e => e.offsetParent !== null);
            const box = document.querySelector('.ph-header-search__input').getBoundingClientRect();
            return {text: name.textContent.trim(), cut: name.scrollWidth > name.parentElement.clientWidth + 1,
                    below: box.top >= name.getBoundingClientRect().bottom, box: Math.round(box.width)};
        }""")
    page.close()
    assert seen[360]["text"] == "Góp ý dự thảo Lâm Đồng" and not seen[360]["cut"]
    assert seen[360]["below"] and seen[360]["box"] >= 200
    assert seen[1280]["text"] == "Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng" and not seen[1280]["below"]


def test_the_html_of_the_whole_site_is_valid(example_site):
    errors = run_vnu(example_site)
    assert errors == [], "\n".join(f"{e['url']}:{e['line']}: {e['message']}" for e in errors[:30])


def test_keyboard_starts_with_a_skip_link_that_moves_focus_to_the_content(browser, site_server, all_pages):
    page = browser.new_page()
    page.goto(site_server + all_pages["draft open"])
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.classList.contains('ph-skip'), "
                          "document.activeElement.textContent.trim()]")
    assert first == [True, "Bỏ qua, đến nội dung chính"]
    assert page.evaluate("() => getComputedStyle(document.activeElement).top") != "-64px"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")
    # the next stop is inside the content, not back in the header
    assert page.evaluate("() => !!document.activeElement.closest('#noi-dung')")
    page.close()


FOCUS_PROBE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none', visible: r.width > 0 && r.height > 0,
          top: r.top + window.scrollY, inMain: !!e.closest('#noi-dung'), inFooter: !!e.closest('footer')};
}"""


@pytest.mark.parametrize("kind", ["home", "draft open", "open list"])
def test_every_focus_stop_is_visible_in_a_sensible_order_without_a_trap(browser, site_server, all_pages, kind):
    page = browser.new_page()
    page.goto(site_server + all_pages[kind])
    stops = []
    for _ in range(250):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_PROBE)
        if state["tag"] == "BODY":
            break  # focus left the page after the last element: no trap
        stops.append(state)
    page.close()
    assert stops and stops[-1]["tag"] != "BODY"
    assert len(stops) < 250, "focus never left the page: a keyboard trap"
    invisible = [s for s in stops if not (s["outline"] or s["shadow"]) or not s["visible"]]
    assert invisible == []
    in_main = [s["top"] for s in stops if s["inMain"] and not s["inFooter"]]
    assert in_main == sorted(in_main), "focus jumps backwards inside the content"
    assert any(s["inFooter"] for s in stops)


def test_the_phone_menu_opens_and_closes_by_keyboard(browser, site_server, all_pages):
    page = browser.new_page()
    page.set_viewport_size({"width": 360, "height": 700})
    page.goto(site_server + all_pages["home"])
    drawer_open = "() => document.getElementById('__drawer').checked"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.md-header') && "
                         "/menu|danh mục|điều hướng/i.test(document.activeElement.getAttribute('aria-label') || '')"):
            break
    else:
        pytest.fail("the menu button is not reachable by keyboard")
    page.keyboard.press("Enter")
    assert page.evaluate(drawer_open)
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.md-nav--primary')"), "focus did not go into the menu"
    page.keyboard.press("Escape")
    assert not page.evaluate(drawer_open)
    page.close()


def visible_text(page) -> str:
    return re.sub(r"\s+", " ", page.inner_text("main"))


@pytest.mark.parametrize("state", ["open", "upcoming", "responded"])
def test_without_javascript_a_draft_reads_the_same(browser, browser_nojs, site_server, all_pages, state):
    with_js, without = browser.new_page(), browser_nojs.new_page()
    for page in (with_js, without):
        page.goto(site_server + all_pages[f"draft {state}"])
    for selector in ("h1", ".ph-state__status", ".ph-summary"):
        assert with_js.inner_text(selector) == without.inner_text(selector)
        assert without.is_visible(selector)
    channels = without.locator(".ph-channels li")
    if state in ("open", "upcoming"):
        assert channels.count() >= 1
        assert channels.all_inner_texts() == with_js.locator(".ph-channels li").all_inner_texts()
    with_js.close()
    without.close()


def test_a_printed_draft_keeps_what_matters_and_drops_the_chrome(browser, site_server, all_pages):
    page = browser.new_page()
    page.goto(site_server + all_pages["draft open"])
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.ph-skip']
        .map(s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none'))""")
    assert shown == [False, False, False, False]
    text = visible_text(page)
    for selector in ("h1", ".ph-state__status", ".ph-deadline", ".ph-summary p"):
        assert page.is_visible(selector), selector
    for address in page.eval_on_selector_all(".ph-channel__link", "els => els.map(e => e.href)"):
        written = address.split(":", 1)[1].split("?")[0] if address.startswith(("mailto:",)) else address
        if address.startswith("tel:"):
            continue  # phone numbers are written as the visible text
        assert written in text or written in page.evaluate(
            "() => [...document.querySelectorAll('.ph-channel__link')].map(e => getComputedStyle(e, '::after').content).join(' ')")
    page.close()


def test_every_page_says_it_is_vietnamese(example_site):
    for path in sorted(example_site.rglob("*.html")):
        head = path.read_text(encoding="utf-8")[:400]
        assert '<html lang="vi"' in head, path


def test_no_page_asks_another_host_for_anything_or_fails_a_script(page, site_server, all_pages):
    """Nothing from Google Fonts, a CDN or analytics; and no script error on any page type.
    mkdocs-material's script looked for a sitemap.xml beside every feed link; the frame loads
    none of it, so the host is asked for no sitemap but the site's own."""
    for name, path in sorted(all_pages.items()):
        page.goto(site_server + path)
        page.wait_for_load_state("networkidle")
        assert page.locator('link[rel="alternate"][type="application/atom+xml"]').count() > 0, name
    assert foreign_requests(page.requests, site_server) == []
    assert {url for url in page.requests if url.split("?")[0].endswith("sitemap.xml")} <= {site_server + "sitemap.xml"}
    assert page.console_errors == []

