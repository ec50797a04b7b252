"""The search page in Chromium: real lunr.js on the prebuilt index gives what lunr.py gives,
filters and the address work together, and the page is usable by keyboard, by screen
reader and without JavaScript."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from lunr.index import Index

from generator.outputs.search import folding
from generator.outputs.search import index as search_index
from tests.browser.helpers import foreign_requests, serve_directory
from tests.conftest import REPO, draft_text, make_site, run_policyhub
from tests.search.oracle import draft_words, expected_top, plan_of, queries

READY = "form[data-ph-search][data-ph-ready]"


def open_search(page, base, query=""):
    page.goto(base + "tim-kiem/index.html" + query)
    page.wait_for_selector(READY)


@pytest.fixture(scope="module")
def python_index(example_site):
    return Index.load(json.loads((example_site / "tim-kiem/chi-muc.json").read_text(encoding="utf-8")))


def test_lunr_js_and_lunr_py_give_the_same_results(page, site_server, python_index):
    open_search(page, site_server)
    drafts = draft_words(plan_of(REPO / "site_config.yml"))
    for item in queries():
        js = page.evaluate("q => { const r = PolicyhubSearch.searcher.rank(q);"
                           " return {refs: r.hits.map(h => h.ref), complete: r.complete}; }", item["q"])
        hits, complete = search_index.rank(python_index, item["q"])
        assert js == {"refs": [h.ref for h in hits], "complete": complete}, item
        expected = expected_top(item["q"], drafts)
        if expected:
            assert int(js["refs"][0], 16) in expected, (item, drafts[int(js["refs"][0], 16)].title)
    assert not own_errors(page)


def own_errors(page):
    """Console errors of the search page's own scripts and data (other assets have their tests)."""
    return [e for e in page.console_errors if e.startswith("uncaught") or re.search(r"tim-kiem|search\.js|lunr", e)]


def test_folding_is_the_same_in_javascript(page, site_server):
    open_search(page, site_server)
    samples = ["Đất đai", "ĐẤT ĐAI", "đ Đ", "ho\u0323c phi\u0301", "Nghị quyết 12/2026/NQ-HĐND", "Ǆ ǅ ǆ",
               "tiếng Việt — “ngoặc kép”", "x😀y", "m² ½ ²", "İstanbul", "a\u0308\u0301", "dấu_gạch_dưới",
               "Ư Ơ Ă Â Ê Ô", "ᾼ ﬁ", "rác thải, chất thải rắn", "   "]
    for text in samples:
        js = page.evaluate("t => { const s = new Set(PolicyhubSearch.searcher.data.stopWords);"
                           " const w = PolicyhubSearch.tokens(t, s); return [w, w.map(PolicyhubSearch.fold)]; }", text)
        words = folding.tokens(text)
        assert js == [words, [folding.fold(w) for w in words]], text


def test_results_show_title_status_agency_closes_and_marked_snippet(page, site_server):
    open_search(page, site_server, "?q=hoc+phi")
    first = page.locator("#ph-search-results > li").first
    assert "học phí" in first.locator("h3 a").inner_text()
    assert first.locator(".ph-status").inner_text() == "Đang lấy ý kiến"
    assert first.locator(".ph-result__agency").inner_text() == "Sở Giáo dục và Đào tạo"
    assert re.fullmatch(r"Hạn góp ý: hết ngày \d\d/\d\d/\d{4}", first.locator(".ph-result__dates").inner_text())
    marked = {text.lower() for text in first.locator(".ph-result__snippet mark").all_inner_texts()}
    assert marked and {folding.fold(folding.normalize(t)) for t in marked} <= {"hoc", "phi"}
    first.locator("h3 a").click()
    page.wait_for_load_state()
    assert page.url.startswith(site_server + "du-thao/") and "học phí" in page.locator("h1").inner_text()
    assert not foreign_requests(page.requests, site_server)


def _params(page):
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def _titles(page):
    return page.locator("#ph-search-results h3").all_inner_texts()


def test_filters_narrow_results_live_in_the_address_and_back_works(page, site_server):
    open_search(page, site_server, "?q=phi")
    everything = _titles(page)
    assert len(everything) >= 3
    requests_before = len(page.requests)
    page.select_option("#ph-search-status-filter", "dang-lay-y-kien")
    assert _params(page) == {"q": "phi", "trang-thai": "dang-lay-y-kien"}
    narrowed = _titles(page)
    assert narrowed and len(narrowed) < len(everything) and set(narrowed) <= set(everything)
    assert set(page.locator("#ph-search-results .ph-status").all_inner_texts()) == {"Đang lấy ý kiến"}
    page.select_option("#ph-search-topic", "giao-duc")
    assert _params(page) == {"q": "phi", "trang-thai": "dang-lay-y-kien", "linh-vuc": "giao-duc"}
    assert len(_titles(page)) == 1
    assert len(page.requests) == requests_before  # filtering downloads nothing
    page.go_back()
    page.wait_for_function("document.querySelector('#ph-search-topic').value === ''")
    assert _params(page) == {"q": "phi", "trang-thai": "dang-lay-y-kien"} and _titles(page) == narrowed
    page.go_back()
    page.wait_for_function("document.querySelector('#ph-search-status-filter').value === ''")
    assert _titles(page) == everything
    # a shared address restores query and filters
    open_search(page, site_server, "?q=phi&co-quan=so-xay-dung&nam=2026")
    assert page.input_value("#ph-search-q") == "phi" and page.input_value("#ph-search-agency") == "so-xay-dung"
    assert set(page.locator("#ph-search-results .ph-result__agency").all_inner_texts()) == {"Sở Xây dựng"}


def test_typing_announces_without_moving_focus_and_search_moves_focus_to_results(page, site_server):
    open_search(page, site_server)
    status = page.locator("#ph-search-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.focus("#ph-search-q")
    page.keyboard.type("cong chieng", delay=20)
    page.wait_for_function("document.querySelector('#ph-search-status').textContent.startsWith('Tìm thấy 1 ')")
    assert page.evaluate("document.activeElement.id") == "ph-search-q"
    assert _params(page) == {"q": "cong chieng"}
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ph-search-heading"
    page.fill("#ph-search-q", "zzzz")
    page.keyboard.press("Enter")
    assert status.inner_text().startswith("Không tìm thấy dự thảo nào cho “zzzz”")
    assert page.locator("#ph-search-results > li").count() == 0


def test_query_answers_within_budget_on_example(page, site_server):
    open_search(page, site_server)
    times = page.evaluate("""() => { const s = PolicyhubSearch.searcher, out = [];
        for (const q of ['hoc phi', 'đất đai', 'phi', 'xe ô tô chở khách', 'ho tro']) {
          const t = performance.now(); s.search({q: q, status: '', agency: '', topic: '', year: ''});
          out.push(performance.now() - t); } return out; }""")
    assert max(times) < 50, times


def test_header_box_leads_to_search_without_javascript(page_nojs, site_server):
    page_nojs.goto(site_server + "du-thao/hoc-phi-2027-2028/index.html")
    page_nojs.fill("header form[role=search] input[name=q]", "học phí")
    page_nojs.locator("header form[role=search] button").click()
    page_nojs.wait_for_load_state()
    assert page_nojs.url == site_server + "tim-kiem/index.html?q=h%E1%BB%8Dc+ph%C3%AD"
    notice = page_nojs.locator("#ph-search-nojs")
    assert notice.is_visible() and "cần JavaScript" in notice.inner_text()
    assert not page_nojs.locator("form[data-ph-search]").is_visible()
    links = notice.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "../linh-vuc/index.html" in hrefs and "../co-quan/index.html" in hrefs
    links.first.click()
    page_nojs.wait_for_load_state()
    assert page_nojs.url == site_server + "linh-vuc/index.html"


def test_header_box_with_javascript_shows_results(page, site_server):
    page.goto(site_server + "index.html")
    page.fill("header form[role=search] input[name=q]", "sat lo")
    page.keyboard.press("Enter")
    page.wait_for_selector(READY)
    assert "sạt lở" in page.locator("#ph-search-results h3").first.inner_text()
    assert page.input_value("#ph-search-q") == "sat lo"


def test_opened_from_disk_the_page_says_search_needs_a_web_address(page, example_site):
    page.goto((example_site / "tim-kiem/index.html").as_uri() + "?q=hoc")
    failed = page.locator("#ph-search-failed")
    failed.wait_for(state="visible")
    assert "Không tải được dữ liệu tìm kiếm" in failed.inner_text()
    assert not page.locator("form[data-ph-search]").is_visible()


def test_titles_from_drafts_stay_text(page, tmp_path):
    evil = "Dự thảo <img src=x onerror=\"window.pwned=1\"> về phí <b>đậm</b>"
    config = make_site(tmp_path / "src", {"a.md": draft_text(title=evil, summary="Tóm tắt <script>window.pwned=2</script> phí.")})
    out = tmp_path / "site"
    result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", "2026-11-22", "--quiet")
    assert result.returncode == 0, result.stderr
    with serve_directory(out) as base:
        open_search(page, base, "?q=phi")
        title = page.locator("#ph-search-results h3 a").first
        assert "<img src=x" in title.inner_text()
        assert page.locator("#ph-search-results img, #ph-search-results script, #ph-search-results b").count() == 0
        assert page.evaluate("window.pwned") is None
