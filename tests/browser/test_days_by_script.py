"""The words that count days, and "Hôm nay" on the timeline, come from the page's script, in
the site's time zone whatever the reader's: the built page only states absolute dates, so it
stays true on the days after its build. The browser here runs in Los Angeles (UTC−8), 15
hours behind the example site's Asia/Ho_Chi_Minh, so the reader's date is often a day behind
the site's."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.browser_fixtures import _launch

OPEN = "du-thao/hoc-phi-2027-2028/"                 # open from 05/11/2026 to the end of 05/12/2026
UPCOMING = "du-thao/ha-tang-so-xa-phuong-2027-2030/"   # opens 03/12/2026
ADOPTED = "du-thao/ho-tro-khac-phuc-sat-lo-2026/"


@pytest.fixture(scope="module")
def far_away(_playwright, tmp_path_factory):
    ctx = _launch(_playwright, tmp_path_factory.mktemp("chromium-la"), timezone_id="America/Los_Angeles")
    yield ctx
    ctx.close()


def visit(context, url: str, site_time: str):
    """The page at `url`, read at `site_time` (ISO 8601 with the site's offset)."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(dt.datetime.fromisoformat(site_time))
    page.goto(url)
    page.errors = errors
    return page


def timeline_rows(page) -> list[list[str]]:
    return page.evaluate("""() => [...document.querySelectorAll('.ph-timeline tbody tr')].map(
        row => [...row.cells].map(cell => cell.textContent))""")


def drawn_timeline(page) -> list[str]:
    """The timeline's blocks top to bottom, as their first words."""
    return page.evaluate("""() => [...document.querySelectorAll('#ph-tien-trinh > g.ph-tl-event, #ph-tien-trinh > g.ph-tl-today')]
        .map(g => [g.getBoundingClientRect().top, g.querySelector('text').textContent])
        .sort((a, b) => a[0] - b[0]).map(pair => pair[1])""")


def test_days_left_are_counted_in_the_site_zone_not_the_readers(far_away, site_server):
    # 18:00 on 23/11 in Los Angeles is 09:00 on 24/11 in Hà Nội: 11 days to the end of 05/12
    page = visit(far_away, site_server + OPEN + "index.html", "2026-11-24T09:00:00+07:00")
    assert page.evaluate("() => new Date().getDate()") == 23          # the reader's own day
    assert page.inner_text(".ph-state .ph-days-left") == "Còn 11 ngày để góp ý"
    assert drawn_timeline(page) == ["Bắt đầu lấy ý kiến", "Hôm nay", "Hết hạn góp ý"]
    assert page.text_content("#ph-tien-trinh > .ph-tl-today .ph-tl-date") == "Thứ Ba, 24/11/2026"
    assert timeline_rows(page) == [
        ["Bắt đầu lấy ý kiến (Thời gian góp ý: 30 ngày)", "Thứ Năm, 05/11/2026", "Đã qua"],
        ["Hôm nay (Còn 11 ngày để góp ý)", "Thứ Ba, 24/11/2026", "Hôm nay"],
        ["Hết hạn góp ý", "Thứ Bảy, 05/12/2026", "Sắp tới"]]
    assert "Hôm nay: Thứ Ba, 24/11/2026 – Còn 11 ngày để góp ý." in page.text_content("#ph-tien-trinh-mo-ta")
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("site_time, words, urgent", [
    ("2026-12-01T08:00:00+07:00", "Còn 4 ngày để góp ý", False),
    ("2026-12-02T08:00:00+07:00", "Còn 3 ngày để góp ý", True),
    ("2026-12-05T23:30:00+07:00", "Hôm nay là ngày cuối góp ý", True),
    ("2026-12-06T00:30:00+07:00", "Đã hết hạn góp ý", False),      # a page not yet rebuilt
])
def test_the_last_days_are_marked_on_the_listing_too(far_away, site_server, site_time, words, urgent):
    page = visit(far_away, site_server + "dang-lay-y-kien/index.html", site_time)
    card = page.locator(".ph-card", has=page.locator(f"a[href*='{OPEN}']"))
    assert card.locator(".ph-days-left").inner_text() == words
    assert ("ph-deadline--urgent" in card.locator(".ph-deadline").get_attribute("class")) is urgent
    page.close()


def test_an_upcoming_draft_counts_the_days_to_its_opening_and_today_comes_first(far_away, site_server):
    page = visit(far_away, site_server + UPCOMING + "index.html", "2026-11-22T10:00:00+07:00")
    assert page.inner_text(".ph-state .ph-days-left") == "Mở góp ý sau 11 ngày"
    assert drawn_timeline(page) == ["Hôm nay", "Bắt đầu lấy ý kiến", "Hết hạn góp ý"]
    assert [row[2] for row in timeline_rows(page)] == ["Hôm nay", "Sắp tới", "Sắp tới"]
    page.close()


def test_a_finished_draft_says_its_state_in_the_today_block(far_away, site_server):
    page = visit(far_away, site_server + ADOPTED + "index.html", "2026-11-22T10:00:00+07:00")
    assert drawn_timeline(page)[-1] == "Hôm nay"
    assert page.text_content("#ph-tien-trinh > .ph-tl-today .ph-tl-note") == "Đã ban hành"
    page.close()


def test_a_printed_notice_says_the_day_it_was_printed(far_away, site_server):
    page = visit(far_away, site_server + OPEN + "thong-bao/index.html", "2026-11-24T09:00:00+07:00")
    assert page.inner_text(".ph-notice__status") == (
        "Trạng thái: Đang lấy ý kiến – Còn 11 ngày để góp ý (tính đến ngày 24/11/2026)")
    assert page.inner_text(".ph-notice__footer p:last-child").endswith("– thông tin tính đến ngày 24/11/2026.")
    page.close()


def test_without_javascript_the_page_states_only_absolute_dates(page_nojs, site_server):
    page_nojs.goto(site_server + OPEN + "index.html")
    state, timeline = page_nojs.inner_text(".ph-state"), page_nojs.inner_text(".ph-timeline-section")
    assert "Hạn góp ý: hết ngày Thứ Bảy, 05/12/2026" in state
    assert "Còn " not in state + timeline and "Hôm nay" not in state + timeline
    assert "ngày để góp ý" not in page_nojs.inner_text("main")
    page_nojs.goto(site_server + OPEN + "thong-bao/index.html")
    assert page_nojs.inner_text(".ph-notice__status") == "Trạng thái: Đang lấy ý kiến"
