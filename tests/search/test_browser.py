"""The search page in Chromium: real lunr.js on the sharded prebuilt index gives what lunr.py
gives, cards say what matters for each state, filters and the address work together, and
the page is usable by keyboard, by screen reader, from disk and without JavaScript."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.outputs.search import folding
from tests.browser.helpers import foreign_requests, serve_directory
from tests.conftest import REPO, draft_text, make_site, run_policyhub
from tests.search.oracle import SiteSearch, draft_terms, expected_top, plan_of, queries, read_data

READY = "form[data-ph-search][data-ph-ready]"
RANK = """async q => { const r = await PolicyhubSearch.searcher.rank(q);
    return r.hits.map(h => [h.ref, h.score, h.tier, h.exact, h.status]); }"""


def open_search(page, base, query=""):
    page.goto(base + "tim-kiem/index.html" + query)
    page.wait_for_selector(READY)


def own_errors(page):
    """Console errors of the search page's own scripts and data (other assets have their tests)."""
    return [e for e in page.console_errors if e.startswith("uncaught") or re.search(r"tim-kiem|search(-engine)?\.js|lunr", e)]


def same_ranking(page, python: SiteSearch, item: dict) -> list:
    """lunr.js in `page` ranks the query of `item` as lunr.py does over the same files:
    the same drafts in the same order, tiers, exactness and states, scores within 1e-9.
    Returns lunr.js's results."""
    js = page.evaluate(RANK, item["q"])
    py = [[h.ref, h.score, h.tier, h.exact, h.status] for h in python.rank(item["q"])]
    assert [h[0] for h in js] == [h[0] for h in py], item
    for a, b in zip(js, py):
        assert a[2:] == b[2:] and abs(a[1] - b[1]) < 1e-9, (item, a, b)
    return js


def test_lunr_js_and_lunr_py_give_the_same_results(page, site_server, example_site):
    open_search(page, site_server)
    python = SiteSearch(example_site / "tim-kiem")
    drafts = draft_terms(plan_of(REPO / "site_config.yml"))
    for item in queries():
        js = same_ranking(page, python, item)
        expected = expected_top(item["q"], drafts)
        assert bool(js) == bool(expected), item
        if expected:
            assert int(js[0][0], 36) in expected, (item, drafts[int(js[0][0], 36)].title)
    assert not own_errors(page)


def test_lunr_js_and_lunr_py_agree_over_many_shards(page, tmp_path, monkeypatch):
    """The example cut into small shards: a query's words then come from several shards,
    each queried through a lunr index of the asked terms alone, and the sums still give
    lunr.py's scores."""
    from generator.outputs.search import shards
    monkeypatch.setattr(shards, "SHARD_POSTINGS", 300)
    out = tmp_path / "site"
    result = run_policyhub("build", "--config", str(REPO / "site_config.yml"), "--out", str(out),
                           "--today", "2026-11-22", "--quiet", "--no-cache")
    assert result.returncode == 0, result.stderr
    python = SiteSearch(out / "tim-kiem")
    assert len(python.contents["shards"]) > 10
    with serve_directory(out) as base:
        open_search(page, base)
        for item in queries():
            same_ranking(page, python, item)
    assert not own_errors(page)


def test_folding_is_the_same_in_javascript(page, site_server):
    open_search(page, site_server)
    samples = ["Đất đai", "ĐẤT ĐAI", "đ Đ", "ho\u0323c phi\u0301", "Nghị quyết 12/2026/NQ-HĐND", "Ǆ ǅ ǆ",
               "tiếng Việt — “ngoặc kép”", "x😀y", "m² ½ ²", "İstanbul", "a\u0308\u0301", "dấu_gạch_dưới",
               "Ư Ơ Ă Â Ê Ô", "ᾼ ﬁ", "rác thải, chất thải rắn", "   ", "lòng đường,hè  phố\nnhà\n\nở"]
    for text in samples:
        js = page.evaluate("t => { const s = new Set(PolicyhubSearch.searcher.contents.stopWords);"
                           " const w = PolicyhubSearch.tokens(t, s);"
                           " return [w, w.map(PolicyhubSearch.fold), PolicyhubSearch.querySyllables(t)]; }", text)
        words = folding.tokens(text)
        assert js == [words, [folding.fold(w) for w in words], [list(s) for s in folding.query_syllables(text)]], text


def test_a_first_query_loads_only_its_shards_and_its_results(page, site_server, example_site):
    open_search(page, site_server, "?q=hoc+phi")
    loaded = [u for u in page.requests if "/tim-kiem/" in u and u.endswith(".js")]
    shards = [u for u in loaded if "/chi-muc/" in u]
    total = len(list((example_site / "tim-kiem" / "chi-muc").glob("*.js")))
    assert 1 <= len(shards) < total or total == 1
    cards = [u for u in loaded if "/du-thao/" in u]
    assert len(cards) == page.locator("#ph-search-results > li").count()
    assert not [u for u in loaded if u.endswith("bo-loc.js")]   # filters load when used


def test_results_show_title_status_agency_dates_and_marked_body_snippet(page, site_server):
    open_search(page, site_server, "?q=hoc+phi")
    first = page.locator("#ph-search-results > li").first
    assert "học phí" in first.locator("h3 a").inner_text()
    assert first.locator(".ph-status").inner_text() == "Đang lấy ý kiến"
    assert first.locator(".ph-result__agency").inner_text() == "Sở Giáo dục và Đào tạo"
    assert re.fullmatch(r"Hạn góp ý: hết ngày \d\d/\d\d/\d{4}", first.locator(".ph-result__dates").inner_text())
    marked = first.locator(".ph-result__snippet mark").all_inner_texts()
    assert marked and {folding.fold(folding.normalize(t)) for t in marked} == {"hoc phi"}
    # the header's box keeps the query on the results page
    assert page.input_value("#ph-header-q") == "hoc phi"
    first.locator("h3 a").click()
    page.wait_for_load_state()
    assert page.url.startswith(site_server + "du-thao/") and "học phí" in page.locator("h1").inner_text()
    assert not foreign_requests(page.requests, site_server)


def test_each_card_says_what_matters_for_its_state(page, tmp_path):
    def draft(title, **fields):
        return draft_text(title=f"Dự thảo {title} về cồng chiêng", **fields)
    config = make_site(tmp_path / "src", {
        "a.md": draft("sắp mở", opens="2026-12-01", closes="2026-12-31"),
        "b.md": draft("đang mở", opens="2026-11-01", closes="2026-12-20"),
        "c.md": draft("đã đóng", opens="2026-10-01", closes="2026-10-31"),
        "d.md": draft("đã trả lời", opens="2026-09-01", closes="2026-09-30",
                      response={"published": "2026-10-15", "total": 3}),
        "e.md": draft("đã ban hành", opens="2025-09-01", closes="2025-09-30", status="adopted",
                      outcome={"document_number": "9/2025/NQ-HĐND", "date": "2025-12-01"}),
    })
    out = tmp_path / "site"
    result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", "2026-11-22", "--quiet")
    assert result.returncode == 0, result.stderr
    with serve_directory(out) as base:
        open_search(page, base, "?q=cong+chieng")
        cards = {li.locator("h3").inner_text(): li.locator(".ph-result__dates").inner_text()
                 for li in page.locator("#ph-search-results > li").all()}
        order = page.locator("#ph-search-results h3").all_inner_texts()
    assert order[:2] == ["Dự thảo đang mở về cồng chiêng", "Dự thảo sắp mở về cồng chiêng"]
    assert cards["Dự thảo sắp mở về cồng chiêng"] == "Mở góp ý từ ngày 01/12/2026 đến hết ngày 31/12/2026"
    assert cards["Dự thảo đang mở về cồng chiêng"] == "Hạn góp ý: hết ngày 20/12/2026"
    assert cards["Dự thảo đã đóng về cồng chiêng"].startswith("Hết hạn góp ý ngày 31/10/2026")
    assert cards["Dự thảo đã trả lời về cồng chiêng"] == "Công bố kết quả tiếp thu ý kiến ngày 15/10/2026"
    assert cards["Dự thảo đã ban hành về cồng chiêng"] == "Ban hành ngày 01/12/2025 (số 9/2025/NQ-HĐND)"


def _params(page):
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def _titles(page):
    return page.locator("#ph-search-results h3").all_inner_texts()


def _settled(page):
    page.wait_for_function("document.querySelector('#ph-search-status').textContent.indexOf('Đang') !== 0")


def test_filters_narrow_results_live_in_the_address_and_back_works(page, site_server):
    open_search(page, site_server, "?q=phi")
    everything = _titles(page)
    assert len(everything) >= 3
    page.select_option("#ph-search-status-filter", "dang-lay-y-kien")
    page.wait_for_function("document.querySelectorAll('#ph-search-results .ph-status').length &&"
                           " [...document.querySelectorAll('#ph-search-results .ph-status')]"
                           ".every(e => e.textContent === 'Đang lấy ý kiến')")
    assert _params(page) == {"q": "phi", "trang-thai": "dang-lay-y-kien"}
    narrowed = _titles(page)
    assert narrowed and len(narrowed) < len(everything) and set(narrowed) <= set(everything)
    page.select_option("#ph-search-topic", "giao-duc")
    page.wait_for_function("document.querySelectorAll('#ph-search-results > li').length === 1")
    assert _params(page) == {"q": "phi", "trang-thai": "dang-lay-y-kien", "linh-vuc": "giao-duc"}
    page.go_back()
    page.wait_for_function("document.querySelector('#ph-search-topic').value === ''")
    page.wait_for_function(f"document.querySelectorAll('#ph-search-results > li').length === {len(narrowed)}")
    assert _params(page) == {"q": "phi", "trang-thai": "dang-lay-y-kien"} and _titles(page) == narrowed
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
    assert page.input_value("#ph-header-q") == "cong chieng"   # the header's box says what was searched
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ph-search-heading"
    page.fill("#ph-search-q", "zzzz")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#ph-search-status').textContent.startsWith('Không tìm thấy')")
    assert "“zzzz”" in status.inner_text()
    assert page.locator("#ph-search-results > li").count() == 0


@pytest.mark.parametrize("found, said", [(7, "7"), (999, "999"), (1963, "1.963"), (1234567, "1.234.567")])
def test_the_count_of_drafts_found_is_written_as_vietnamese_writes_numbers(page, site_server, found, said):
    open_search(page, site_server)
    page.evaluate("""found => { const page = PolicyhubSearch.page; page.refs = new Array(found).fill(0);
        page.announce({q: " phí ", status: "", agency: "", topic: "", year: ""}, {facets: null}); }""", found)
    assert page.inner_text("#ph-search-status") == f"Tìm thấy {said} dự thảo cho “phí”."


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
    assert page.input_value("#ph-search-q") == "sat lo" and page.input_value("#ph-header-q") == "sat lo"


def _engine_mode(page):
    return page.evaluate("PolicyhubSearch.searcher.mode")


def test_a_toneless_query_is_answered_by_the_worker(page, site_server):
    """Served over http, shards are read, loaded into lunr and queried in a Web Worker: the
    page itself never runs lunr.js or an index shard."""
    open_search(page, site_server, "?q=dat+dai")
    assert _engine_mode(page) == "worker" and len(page.workers) == 1
    marked = page.locator("#ph-search-results > li").first.locator("mark").all_inner_texts()
    assert marked and {folding.fold(folding.normalize(t)) for t in marked} == {"dat dai"}
    assert page.evaluate("typeof lunr") == "undefined"
    assert page.evaluate("document.querySelectorAll('script[src*=\"chi-muc\"], script[src*=\"du-thao\"]').length") == 0
    assert any("/chi-muc/" in u for u in page.requests) and any(u.endswith("/lunr.js") for u in page.requests)
    # with JavaScript, the no-JavaScript notice is never on the page, not even while it loads
    assert page.locator("#ph-search-nojs").count() == 0
    assert not own_errors(page)


def test_opened_from_disk_the_page_searches_too(page, example_site):
    """From file://, where a worker cannot load the site's files, the engine runs on the page."""
    page.goto((example_site / "tim-kiem/index.html").as_uri() + "?q=hoc+phi")
    page.wait_for_selector(READY)
    assert _engine_mode(page) == "page" and not page.workers
    assert "học phí" in page.locator("#ph-search-results h3").first.inner_text()
    assert not page.locator("#ph-search-failed").is_visible()
    page.fill("#ph-search-q", "dat dai")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#ph-search-status').textContent.includes('dat dai')")
    marked = page.locator("#ph-search-results > li").first.locator("mark").all_inner_texts()
    assert marked and {folding.fold(folding.normalize(t)) for t in marked} == {"dat dai"}
    assert page.input_value("#ph-header-q") == "dat dai"
    assert not own_errors(page)


def test_without_workers_the_page_searches_itself(page, site_server):
    page.add_init_script("delete window.Worker;")
    open_search(page, site_server, "?q=hoc+phi")
    assert _engine_mode(page) == "page" and page.evaluate("typeof lunr") == "function"
    assert "học phí" in page.locator("#ph-search-results h3").first.inner_text()
    assert not own_errors(page)


def test_a_worker_that_cannot_load_lunr_hands_over_to_the_page(page, site_server):
    # the worker's importScripts is not a <script> of the page: only the page may load lunr.js
    page.route("**/lunr.js", lambda route: route.continue_() if route.request.resource_type == "script"
               else route.abort())
    open_search(page, site_server, "?q=hoc+phi")
    assert _engine_mode(page) == "page"
    assert "học phí" in page.locator("#ph-search-results h3").first.inner_text()
    assert not page.locator("#ph-search-failed").is_visible()


def test_missing_search_data_says_so_and_offers_the_listings(page, tmp_path, example_site):
    import shutil
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    shutil.rmtree(site / "tim-kiem" / "chi-muc")
    with serve_directory(site) as base:
        page.goto(base + "tim-kiem/index.html?q=hoc+phi")
        failed = page.locator("#ph-search-failed")
        failed.wait_for(state="visible")
        assert "Không tải được dữ liệu tìm kiếm" in failed.inner_text()
        assert failed.locator("a").count() >= 2


def test_hostile_titles_and_bodies_stay_text(page, tmp_path):
    evil = "Dự thảo <img src=x onerror=\"window.pwned=1\"> về phí <b>đậm</b>"
    body = "## Mức thu\n\nMức phí <script>window.pwned=3</script> <img src=y onerror=\"window.pwned=4\"> mới.\n"
    config = make_site(tmp_path / "src", {"a.md": draft_text(
        title=evil, summary="Tóm tắt <script>window.pwned=2</script> phí.", body=body)})
    out = tmp_path / "site"
    result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", "2026-11-22", "--quiet")
    assert result.returncode == 0, result.stderr
    with serve_directory(out) as base:
        for address in (base + "tim-kiem/index.html", (out / "tim-kiem/index.html").as_uri()):   # worker, page
            page.goto(address + "?q=phi")
            page.wait_for_selector(READY)
            title = page.locator("#ph-search-results h3 a").first
            assert "<img src=x" in title.inner_text()
            assert "<script>" in page.locator("#ph-search-results .ph-result__snippet").first.inner_text()
            assert page.locator("#ph-search-results img, #ph-search-results script, #ph-search-results b").count() == 0
            assert page.evaluate("window.pwned") is None


@pytest.mark.parametrize("query", ["hoc phi", "dat dai"])
def test_open_drafts_first_in_the_browser(page, site_server, query):
    open_search(page, site_server, "?q=" + query.replace(" ", "+"))
    states = page.locator("#ph-search-results .ph-status").all_inner_texts()
    assert states and states[0] == "Đang lấy ý kiến"


def test_results_after_the_first_ten_come_in_the_order_lunr_ranks_them(page, tmp_path):
    """The page scores only what its first ten need, then the rest: every page of results,
    from disk and from a worker, is lunr's order, filters included."""
    drafts = {}
    for n in range(14):   # open, the words in the title one to four times
        drafts[f"mo-{n:02}.md"] = draft_text(title=f"Dự thảo số {n} về " + ", ".join(["bến đò"] * (1 + n % 4)),
                                             summary="Tóm tắt dễ hiểu.")
    for n in range(9):    # finished, the words in the body only
        drafts[f"xong-{n:02}.md"] = draft_text(title=f"Dự thảo khác số {n}", opens="2026-09-01", closes="2026-09-30",
                                               body="## Nội dung\n\n" + "Qua bến đò. " * (1 + n) + "\n")
    config = make_site(tmp_path / "src", drafts)
    out = tmp_path / "site"
    result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", "2026-11-22", "--quiet")
    assert result.returncode == 0, result.stderr
    python = SiteSearch(out / "tim-kiem")
    ranked = [h.ref for h in python.rank("ben do")]
    first_group = [h for h in python.rank("ben do") if h.tier == 0 and h.status == 0]
    assert len(ranked) == 23 and len(first_group) == 14
    # lunr's scores, not the drafts' numbers, decide the first ten
    assert sorted(int(h.ref, 36) for h in first_group)[:10] != [int(r, 36) for r in ranked[:10]]
    titles = {ref: read_data(out / "tim-kiem" / "du-thao" / f"{ref}.js")["title"] for ref in ranked}

    def shown(address, total):
        page.goto(address)
        page.wait_for_selector(READY)
        for count in range(10, total + 10, 10):   # "Hiện thêm" until every result is on the page
            page.wait_for_function(f"document.querySelectorAll('#ph-search-results > li').length === {min(count, total)}")
            if count < total:
                page.click("#ph-search-more")
        assert page.locator("#ph-search-more").is_hidden()
        return _titles(page)

    with serve_directory(out) as base:
        for search in (base + "tim-kiem/index.html", (out / "tim-kiem/index.html").as_uri()):   # worker, page
            assert shown(search + "?q=ben+do", 23) == [titles[ref] for ref in ranked], search
            opened = [titles[h.ref] for h in python.rank("ben do") if h.status == 0]
            assert shown(search + "?q=ben+do&trang-thai=dang-lay-y-kien", 14) == opened, search
            assert not own_errors(page)
