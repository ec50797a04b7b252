"""The communication kit in the built site: a page for every draft that is upcoming or open and
for no other, linked from the draft's "how to respond" block and from its printable notice,
and the same from one day to the next while the draft's state is."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.build import Options, build
from generator.model.vocab import KIT, NOTICE, SHARE_IMAGE
from tests.conftest import TODAY, build_example, draft_text, make_site
from tests.site.html_tools import links, main_content, parse


def state_of(draft_page: Path) -> str:
    return re.search(r'class="ph-status ph-status--(\w+)"', draft_page.read_text(encoding="utf-8")).group(1)


def draft_pages(site: Path) -> dict[str, Path]:
    return {page.parent.name: page for page in sorted((site / "du-thao").glob("*/index.html"))}


def kit_links(page: Path) -> list[str]:
    return [url for tag, _, url in links(page) if tag == "a" and KIT in url]


def test_the_kit_exists_exactly_for_upcoming_and_open_drafts(example_build):
    states = {slug: state_of(page) for slug, page in draft_pages(example_build).items()}
    assert {"upcoming", "open"} < set(states.values()) and len(set(states.values())) == 6
    with_kit = {slug for slug in states if (example_build / "du-thao" / slug / KIT / "index.html").exists()}
    assert with_kit == {slug for slug, state in states.items() if state in ("upcoming", "open")}
    sitemap = (example_build / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"du-thao/([^/<]+)/truyen-thong/", sitemap)) == sorted(with_kit)


def test_the_draft_page_and_the_notice_link_to_the_kit_only_when_there_is_one(example_build):
    for slug, page in draft_pages(example_build).items():
        has_kit = (page.parent / KIT / "index.html").exists()
        notice = page.parent / NOTICE / "index.html"
        for source in (page, notice):
            found = kit_links(source)
            assert len(found) == (1 if has_kit else 0), (slug, source, found)
            for url in found:
                assert (source.parent / url).resolve() == (page.parent / KIT / "index.html").resolve()
        if has_kit:   # in the draft page's "how to respond" block, after the ways to respond
            content = main_content(page)
            block = content[content.index('id="cach-gop-y"'):content.index("</section>", content.index('id="cach-gop-y"'))]
            assert 'class="ph-channels"' in block and KIT in block


def test_the_kit_page_offers_the_three_texts_and_the_card(example_build):
    kit = example_build / "du-thao/hoc-phi-2027-2028" / KIT / "index.html"
    page = parse(kit)
    fields = [attrs for tag, attrs in page.tags if tag == "textarea"]
    assert [f["id"] for f in fields] == ["kit-loi-doc", "kit-bai-dang", "kit-mo-ta-anh"]
    assert all("readonly" in f for f in fields)
    labels = {attrs["for"] for tag, attrs in page.tags if tag == "label"}
    assert labels >= {f["id"] for f in fields}
    buttons = [attrs for tag, attrs in page.tags if tag == "button" and "ph-kit__copy" in attrs.get("class", "")]
    assert [b.get("data-ph-copy") for b in buttons] == ["kit-loi-doc", "kit-bai-dang", None, "kit-mo-ta-anh"]
    assert all("hidden" in b for b in buttons)               # shown by the script, which can use them
    image = next(attrs for tag, attrs in page.tags if tag == "img" and SHARE_IMAGE in attrs["src"])
    assert (kit.parent / image["src"]).resolve() == (kit.parent.parent / SHARE_IMAGE).resolve()
    assert image["alt"].startswith("Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng. Đang lấy ý kiến: Dự thảo")
    download = next(attrs for tag, attrs in page.tags if tag == "a" and "download" in attrs)
    assert download["href"] == image["src"]
    scripts = [attrs["src"] for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    assert any(src.endswith("assets/javascripts/kit.js") for src in scripts)
    assert (example_build / "assets/javascripts/kit.js").exists() and (example_build / "assets/stylesheets/kit.css").exists()


def test_the_kit_stays_the_same_from_one_day_to_the_next(example_build, tmp_path):
    next_day = build_example(tmp_path / "site", "2026-11-23")
    same = 0
    for slug, page in draft_pages(example_build).items():
        kit = page.parent / KIT / "index.html"
        if kit.exists() and state_of(next_day / "du-thao" / slug / "index.html") == state_of(page):
            assert main_content(kit) == main_content(next_day / "du-thao" / slug / KIT / "index.html"), slug
            same += 1
    assert same >= 5


def test_a_draft_that_closes_loses_its_kit_and_the_links_to_it(tmp_path):
    config = make_site(tmp_path, {"sap-het.md": draft_text(opens="2026-11-01", closes=TODAY),
                                  "sap-mo.md": draft_text(opens="2026-11-23", closes="2026-12-20")})
    seen = {}
    for day in (TODAY, "2026-11-23"):
        out = tmp_path / day
        result = build(Options(config_path=config, out=out, today=dt.date.fromisoformat(day), quiet=True,
                               use_cache=False))
        assert not result.report.errors, result.report.render_text()
        seen[day] = {slug: ((out / "du-thao" / slug / KIT / "index.html").exists(),
                            len(kit_links(out / "du-thao" / slug / "index.html")),
                            len(kit_links(out / "du-thao" / slug / NOTICE / "index.html")))
                     for slug in ("sap-het", "sap-mo")}
    assert seen[TODAY] == {"sap-het": (True, 1, 1), "sap-mo": (True, 1, 1)}           # open; upcoming
    assert seen["2026-11-23"] == {"sap-het": (False, 0, 0), "sap-mo": (True, 1, 1)}   # closed; open
