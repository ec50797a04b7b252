"""The plan: which pages exist with what data, decided without building anything."""
import datetime as dt

from generator import build as pipeline
from generator.model import Status
from tests.conftest import BASE_CONFIG, draft_text, make_site


def plan_of(tmp_path, drafts, today="2026-11-22", config=None, content=None):
    path = make_site(tmp_path, drafts, config=config, content=content)
    checked = pipeline.load_and_validate(pipeline.Options(config_path=path, today=dt.date.fromisoformat(today)))
    assert checked.report.errors == []
    return pipeline.make_plan(checked), checked


def test_each_draft_gets_a_page_and_every_listing_exists(tmp_path):
    plan, _ = plan_of(tmp_path, {"a.md": draft_text(), "b.md": draft_text(agency="so-y-te", topics=["y-te"])},
                      content={"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nChữ.\n"})
    urls = {page.url: page.kind for page in plan.pages}
    assert urls["du-thao/a/"] == urls["du-thao/b/"] == "draft"
    assert urls[""] == "home" and urls["404.html"] == "not_found" and urls["gioi-thieu.html"] == "content"
    assert {u for u, k in urls.items() if k == "topic"} == {"linh-vuc/y-te/", "linh-vuc/giao-duc/"}
    assert {u for u, k in urls.items() if k == "agency"} == {"co-quan/so-y-te/", "co-quan/so-giao-duc-dao-tao/"}
    assert urls["dang-lay-y-kien/"] == "open" and urls["da-ket-thuc/"] == "finished"
    assert [item.title for item in plan.nav][-1] == "Giới thiệu"


def test_open_drafts_close_soonest_first_and_upcoming_ones_wait_on_the_home_page(tmp_path):
    drafts = {"late.md": draft_text(closes="2026-12-20"), "soon.md": draft_text(closes="2026-11-30"),
              "next.md": draft_text(opens="2026-12-01", closes="2026-12-31"),
              "done.md": draft_text(opens="2026-09-01", closes="2026-10-01"),
              "rut.md": draft_text(status="withdrawn")}
    plan, _ = plan_of(tmp_path, drafts)
    home = plan.page("")
    assert [v.draft.slug for v in home.data["open"]] == ["soon", "late"]
    assert [v.draft.slug for v in home.data["upcoming"]] == ["next"]
    finished = plan.page("da-ket-thuc/")
    assert [v.draft.slug for v in finished.data["entries"]] == ["done"]   # withdrawn is not "finished"
    agency = plan.page("co-quan/so-giao-duc-dao-tao/")
    # open first, closing soonest; then upcoming; then the rest, latest deadline first
    assert [v.draft.slug for v in agency.data["entries"]] == ["soon", "late", "next", "rut", "done"]
    assert agency.data["entries"][3].status is Status.WITHDRAWN


def test_long_listings_are_split_into_pages(tmp_path):
    config = dict(BASE_CONFIG, listing={"page_size": 5})
    drafts = {f"d{i:02d}.md": draft_text(closes=f"2026-12-{10 + i:02d}") for i in range(12)}
    plan, _ = plan_of(tmp_path, drafts, config=config)
    pages = [p for p in plan.pages if p.kind == "open"]
    assert [p.url for p in pages] == ["dang-lay-y-kien/", "dang-lay-y-kien/trang-2/", "dang-lay-y-kien/trang-3/"]
    assert [len(p.data["entries"]) for p in pages] == [5, 5, 2]
    assert [v.draft.slug for p in pages for v in p.data["entries"]] == [f"d{i:02d}" for i in range(12)]


def test_documents_are_copied_next_to_their_draft_page(tmp_path):
    path = make_site(tmp_path, {"2026/a/index.md": draft_text(documents=[{"title": "Dự thảo", "file": "dt.pdf"}])},
                     files={"drafts/2026/a/dt.pdf": b"%PDF"})
    checked = pipeline.load_and_validate(pipeline.Options(config_path=path, today=dt.date(2026, 11, 22)))
    plan = pipeline.make_plan(checked)
    assert [(a.source.name, a.target) for a in plan.assets] == [("dt.pdf", "du-thao/a/dt.pdf")]


def test_a_content_page_may_not_take_a_name_the_site_uses(tmp_path):
    path = make_site(tmp_path, {"a.md": draft_text()}, content={"du-thao.md": "---\ntitle: Trùng tên\n---\n"})
    checked = pipeline.load_and_validate(pipeline.Options(config_path=path, today=dt.date(2026, 11, 22)))
    assert [d.code for d in checked.report.errors] == ["reserved-name"]


def test_a_printable_notice_exists_only_while_a_draft_can_still_bring_comments(tmp_path):
    drafts = {"sap-mo.md": draft_text("Dự thảo sắp mở", opens="2026-12-01", closes="2026-12-31"),
              "dang-mo.md": draft_text("Dự thảo đang mở", opens="2026-11-01", closes="2026-12-10"),
              "da-dong.md": draft_text("Dự thảo đã đóng", opens="2026-09-01", closes="2026-10-10")}
    plan, _ = plan_of(tmp_path, drafts)
    notices = {p.data["view"].draft.title for p in plan.pages if p.kind == "notice"}
    assert notices == {"Dự thảo sắp mở", "Dự thảo đang mở"}
    offered = {p.title: bool(p.data["notice"]) for p in plan.pages if p.kind == "draft"}
    assert offered == {"Dự thảo sắp mở": True, "Dự thảo đang mở": True, "Dự thảo đã đóng": False}


def test_the_notice_lists_only_meetings_still_to_come(tmp_path):
    channels = [{"type": "email", "address": "gopy@example.gov.vn"},
                {"type": "meeting", "date": "2026-11-15 14:00", "place": "Hội trường đã họp"},
                {"type": "meeting", "date": "2026-11-22 08:00", "place": "Hội trường hôm nay"},
                {"type": "meeting", "date": "2026-12-02 08:00", "place": "Hội trường sắp tới"}]
    text = draft_text("Dự thảo có họp", consultation={"opens": "2026-11-01", "closes": "2026-12-10",
                                                       "channels": channels})
    plan, _ = plan_of(tmp_path, {"hop.md": text})
    [notice] = [p for p in plan.pages if p.kind == "notice"]
    assert [(ch.type, ch.place) for ch in notice.data["channels"]] == [
        ("email", ""), ("meeting", "Hội trường hôm nay"), ("meeting", "Hội trường sắp tới")]
    # the draft's own page still lists every way to respond, the past meeting too
    [page] = [p for p in plan.pages if p.kind == "draft"]
    assert len(page.data["view"].draft.consultation.channels) == 4
