"""The example site as its readers meet it: pages, order, links, channels, documents."""
from __future__ import annotations

import hashlib
import re
import urllib.parse
from pathlib import Path

import yaml

from tests.site.html_tools import ids_in_order, links, main_content, parse
from tests.conftest import REPO, example_draft_paths

CONFIG = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))


def example_slugs() -> list[str]:
    slugs = []
    for path in example_draft_paths():
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        slugs.append(front.get("slug") or (path.parent.name if path.stem == "index" else path.stem))
    return slugs


def test_every_page_the_spec_lists_exists(example_build: Path):
    expected = ["index.html", "dang-lay-y-kien/index.html", "da-ket-thuc/index.html", "404.html",
                "sitemap.xml", "robots.txt"]
    expected += [f"du-thao/{slug}/index.html" for slug in example_slugs()]
    expected += [f"linh-vuc/{key}/index.html" for key in CONFIG["topics"]]
    expected += [f"co-quan/{key}/index.html" for key in CONFIG["agencies"]]
    missing = [path for path in expected if not (example_build / path).is_file()]
    assert missing == []


def test_the_example_covers_every_lifecycle_state(example_build: Path):
    states = set()
    for slug in example_slugs():
        tag = re.search(r'class="ph-status ph-status--(\w+)"', (example_build / f"du-thao/{slug}/index.html")
                        .read_text(encoding="utf-8"))
        states.add(tag.group(1))
    assert states == {"upcoming", "open", "closed", "responded", "adopted", "withdrawn"}
    assert len(example_slugs()) >= 12


def deadlines_on(page: Path, section_id: str) -> list[str]:
    html = page.read_text(encoding="utf-8")
    section = html.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"Hạn góp ý: hết ngày (\d\d/\d\d/\d{4})", section)


def test_home_lists_open_drafts_first_closing_soonest_first(example_build: Path):
    home = example_build / "index.html"
    ids = ids_in_order(home)
    assert ids.index("dang-lay-y-kien") < ids.index("sap-lay-y-kien") < ids.index("moi-ket-thuc")
    dates = deadlines_on(home, "dang-lay-y-kien")
    assert len(dates) >= 2
    as_iso = ["-".join(reversed(d.split("/"))) for d in dates]
    assert as_iso == sorted(as_iso)


def test_open_list_is_sorted_by_deadline_too(example_build: Path):
    html = (example_build / "dang-lay-y-kien/index.html").read_text(encoding="utf-8")
    dates = ["-".join(reversed(d.split("/"))) for d in re.findall(r"Hạn góp ý: hết ngày (\d\d/\d\d/\d{4})", html)]
    assert dates and dates == sorted(dates)


def test_a_draft_page_tells_things_in_the_order_a_citizen_needs_them(example_build: Path):
    page = example_build / "du-thao/hoc-phi-2027-2028/index.html"
    content = main_content(page)
    order = ["<h1", "ph-draft__type", "Cơ quan chủ trì soạn thảo", 'id="trang-thai"', 'class="ph-days-left"',
             'id="tom-tat"', 'id="doi-tuong"', 'id="van-de"', 'id="cach-gop-y"', 'id="tai-lieu"',
             'id="noi-dung-du-thao"', 'id="lien-he"']
    positions = [content.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_response_and_outcome_follow_the_full_text(example_build: Path):
    responded = main_content(example_build / "du-thao/phi-su-dung-long-duong-he-pho/index.html")
    assert responded.index('id="noi-dung-du-thao"') < responded.index('id="ket-qua"') < responded.index('id="lien-he"')
    assert responded.count("<tr>") >= 6 and "Tiếp thu một phần" in responded
    adopted = main_content(example_build / "du-thao/ho-tro-khac-phuc-sat-lo-2026/index.html")
    assert adopted.index('id="ket-qua"') < adopted.index('id="ban-hanh"') < adopted.index('id="lien-he"')
    assert "19/2026/NQ-HĐND" in adopted


def test_every_channel_is_a_real_link(example_build: Path):
    page = example_build / "du-thao/hoc-phi-2027-2028/index.html"
    title = parse(page).tags and re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8")).group(1)
    hrefs = [url for tag, _, url in links(page) if tag == "a"]
    mailto = [h for h in hrefs if h.startswith("mailto:gopy")]
    assert mailto, hrefs
    subject = urllib.parse.parse_qs(urllib.parse.urlsplit(mailto[0]).query)["subject"][0]
    assert subject == "Góp ý dự thảo: " + title.replace("&ndash;", "–")
    assert any(re.fullmatch(r"tel:\+84\d{9,10}", h) for h in hrefs)
    assert any(h.startswith("https://dichvucong.") for h in hrefs)


def test_documents_show_format_size_and_the_sha256_of_the_published_file(example_build: Path):
    folder = example_build / "du-thao/hoc-phi-2027-2028"
    html = (folder / "index.html").read_text(encoding="utf-8")
    pdfs = sorted(folder.glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        assert f'href="{pdf.name}"' in html
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() in html
    assert "PDF" in html and " KB" in html


def test_drafts_are_not_in_the_navigation(example_build: Path):
    html = (example_build / "du-thao/hoc-phi-2027-2028/index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "du-thao/" not in nav
    assert "dang-lay-y-kien/index.html" in nav


def test_every_link_is_relative_and_leads_to_a_file_of_the_site(example_build: Path):
    broken, absolute = [], []
    for page in sorted(example_build.rglob("*.html")):
        if page.name == "404.html":
            continue  # served at any address: its links start from the base URL (tested below)
        for tag, attr, url in links(page):
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("mailto", "tel") or (tag == "a" and parts.scheme in ("http", "https")):
                continue  # leaving the site by a link is fine; loading from elsewhere is not
            if parts.scheme or url.startswith("/"):
                if not (tag == "link" and attr == "href" and url.startswith(CONFIG["site"]["base_url"])):
                    absolute.append(f"{page.relative_to(example_build)}: {tag} {url}")
                continue
            if not parts.path:
                continue
            target = (page.parent / urllib.parse.unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(example_build)}: {url}")
    assert absolute == []
    assert broken == []


def test_nothing_is_loaded_from_another_host(example_build: Path):
    for page in sorted(example_build.rglob("*.html")):
        for tag, attr, url in links(page):
            if tag != "a" and not (tag == "link" and attr == "href" and
                                   parse(page) and url.startswith(CONFIG["site"]["base_url"])):
                assert not urllib.parse.urlsplit(url).netloc, f"{page}: {tag} loads {url}"
    css = "".join(p.read_text(encoding="utf-8") for p in example_build.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_the_404_page_links_from_the_base_url(example_build: Path):
    hrefs = [url for tag, _, url in links(example_build / "404.html") if tag == "a"]
    assert "/dang-lay-y-kien/index.html" in hrefs


def test_sitemap_and_robots_use_absolute_addresses(example_build: Path):
    sitemap = (example_build / "sitemap.xml").read_text(encoding="utf-8")
    base = CONFIG["site"]["base_url"]
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert f"{base}du-thao/hoc-phi-2027-2028/" in locs and base in locs
    assert all(loc.startswith(base) for loc in locs)
    assert f"Sitemap: {base}sitemap.xml" in (example_build / "robots.txt").read_text(encoding="utf-8")
