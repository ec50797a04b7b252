"""The built site as readers, link previews and notice boards meet it."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import segno
import yaml
from PIL import Image

from generator.render import qr
from generator.outputs.share_card import raster as share_image
from generator.build import Options, build
from tests.site.html_tools import ids_in_order, main_content, parse
from tests.conftest import REPO, TODAY, cache_of, draft_text, make_site
from tests.infographics.helpers import assert_accessible_svg
from tests.infographics.test_qr_and_share_image import matrix_of_svg

BASE = "https://duthao.lamdong.example.gov.vn/"


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _svgs(html: str) -> list[etree.Element]:
    return [etree.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def _meta(html: str) -> dict[str, str]:
    found = {}
    for tag, attrs in parse_html(html):
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            found[attrs.get("property") or attrs.get("name")] = attrs.get("content")
    return found


def parse_html(html: str):
    from tests.site.html_tools import Elements
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_every_draft_page_has_an_accessible_timeline_right_after_its_status(example_build: Path):
    pages = sorted((example_build / "du-thao").glob("*/index.html"))
    assert len(pages) >= 10
    for page in pages:
        content = main_content(page)
        assert content.index('id="trang-thai"') < content.index('id="tien-trinh"') < content.index('id="tom-tat"')
        svgs = _svgs(content)
        assert svgs and svgs[0].get("id") == "ph-tien-trinh"
        for svg in svgs:
            assert_accessible_svg(svg)
        ids = ids_in_order(page)
        assert len(ids) == len(set(ids)), page
        timeline = content[content.index('id="tien-trinh"'):content.index('id="tom-tat"')]
        assert "<details" in timeline and "<table" in timeline
        # "Hôm nay" is added by the page's script; the built page only has its template
        assert ">Hôm nay<" not in timeline and 'class="ph-tl-today"' in timeline


def test_the_school_fee_tables_hold_the_front_matter_numbers(example_build: Path):
    front = _front_matter(REPO / "drafts/2026/hoc-phi-2027-2028/index.md")
    content = main_content(example_build / "du-thao/hoc-phi-2027-2028/index.html")
    charts = content[content.index('id="so-lieu"'):]
    assert content.index('id="tom-tat"') < content.index('id="so-lieu"') < content.index('id="cach-gop-y"')
    tables = re.findall(r'<table class="ph-chart__table">(.*?)</table>', charts, re.S)
    assert len(tables) == len(front["infographics"]) == 2
    for chart, table in zip(front["infographics"], tables):
        rows = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]
        assert rows[0][:3] == ["Nội dung", chart["current_label"], chart["proposed_label"]]
        for item, row in zip(chart["items"], rows[1:], strict=True):
            vi = lambda n: f"{n:,}".replace(",", ".") + " đồng"  # noqa: E731
            assert row[:3] == [item["label"], vi(item["current"]), vi(item["proposed"])]
    assert "tăng 7,6%" in charts


def test_land_price_figures_and_waste_fee_share_are_on_their_pages(example_build: Path):
    land = main_content(example_build / "du-thao/bang-gia-dat-2027/index.html")
    assert "<td class=\"ph-num\">1.150</td>" in land and "<td class=\"ph-num\">9%</td>" in land
    assert "<td class=\"ph-num\">78,5 triệu đồng/m²</td>" in land
    waste = main_content(example_build / "du-thao/gia-dich-vu-rac-thai-sinh-hoat/index.html")
    assert "<td class=\"ph-num\">380 tỷ đồng</td><td class=\"ph-num\">61,3%</td>" in waste


def test_share_images_and_their_meta_tags(example_build: Path):
    for folder in sorted((example_build / "du-thao").iterdir()):
        html = (folder / "index.html").read_text(encoding="utf-8")
        meta = _meta(html)
        image_url = f"{BASE}du-thao/{folder.name}/anh-chia-se.png"
        assert meta["og:image"] == image_url and meta["twitter:image"] == image_url
        assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
        assert meta["og:type"] == "article" and meta["twitter:card"] == "summary_large_image"
        assert meta["og:url"] == f"{BASE}du-thao/{folder.name}/"
        assert meta["og:image:alt"].startswith(("Đang", "Sắp", "Đã")) and "Hạn góp ý" in meta["og:image:alt"]
        with Image.open(folder / "anh-chia-se.png") as image:
            assert image.format == "PNG" and image.size == (1200, 630)
    home = _meta((example_build / "index.html").read_text(encoding="utf-8"))
    assert home["og:type"] == "website" and "og:image" not in home


def test_the_printable_notice_has_everything_a_notice_board_needs(example_build: Path):
    front = _front_matter(REPO / "drafts/2026/gia-dich-vu-rac-thai-sinh-hoat/index.md")
    page = example_build / "du-thao/gia-dich-vu-rac-thai-sinh-hoat/thong-bao/index.html"
    content = main_content(page)
    text = re.sub(r"\s+", " ", parse(page).text)
    assert "Thông báo lấy ý kiến" in content
    assert front["title"] in text and " ".join(front["summary"].split()) in text
    for date in ("19/10/2026", "18/11/2026", "02/12/2026"):
        assert date in text
    for channel in front["consultation"]["channels"]:
        written = channel.get("url") or channel.get("address") or channel.get("number") or channel.get("place")
        assert written in text, written
    assert "26/11/2026, lúc 08:00" in text and "28/11/2026, lúc 08:00" in text
    url = f"{BASE}du-thao/gia-dich-vu-rac-thai-sinh-hoat/"
    assert url in text
    qr_svg = [svg for svg in re.findall(r"<svg\b.*?</svg>", content, re.S) if 'class="ph-qr"' in svg]
    assert len(qr_svg) == 1
    assert_accessible_svg(etree.fromstring(qr_svg[0]))
    assert matrix_of_svg(qr_svg[0]) == [list(r) for r in segno.make(url, error="m", micro=False, mask=qr.MASK).matrix]
    draft_page = main_content(example_build / "du-thao/gia-dich-vu-rac-thai-sinh-hoat/index.html")
    assert 'href="../../du-thao/gia-dich-vu-rac-thai-sinh-hoat/thong-bao/index.html"' in draft_page


def test_the_notice_prints_on_a4_without_the_site_frame(example_build: Path):
    css = (example_build / "assets/stylesheets/policyhub.css").read_text(encoding="utf-8")
    prints = css[css.index("@media print", css.index("ph-notice")):]
    assert re.search(r"@page\s*\{\s*size:\s*A4", prints)
    first_print = css[css.index("@media print"):]
    for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer"):
        assert chrome in first_print[:first_print.index("}")]
    assert ".ph-notice__screen-only" in prints


def _site(tmp_path: Path, drafts: dict[str, str], files=None) -> Path:
    return make_site(tmp_path / "src", drafts, files=files)


def test_unchanged_drafts_reuse_their_cached_share_image_and_a_change_redraws_only_its_own(tmp_path, monkeypatch):
    import datetime as dt
    drawn = []   # cards drawn: a handful, so in this process
    rasterize = share_image.rasterize
    monkeypatch.setattr(share_image, "rasterize", lambda *args: drawn.append(args) or rasterize(*args))
    config = _site(tmp_path, {"a.md": draft_text(title="Dự thảo A"), "b.md": draft_text(title="Dự thảo B")})
    options = Options(config_path=config, out=tmp_path / "site", today=dt.date.fromisoformat(TODAY), quiet=True)
    before = len(drawn)
    build(options)
    assert len(drawn) - before == 2
    cache = cache_of(config) / "share-images"
    assert len(list(cache.rglob("*.png"))) == 2
    old_a = (tmp_path / "site/du-thao/a/anh-chia-se.png").read_bytes()
    old_b = (tmp_path / "site/du-thao/b/anh-chia-se.png").read_bytes()

    before = len(drawn)
    build(options)
    assert len(drawn) == before                      # nothing drawn again
    assert (tmp_path / "site/du-thao/a/anh-chia-se.png").read_bytes() == old_a

    (tmp_path / "src/drafts/b.md").write_text(draft_text(title="Dự thảo B, lần 2"), encoding="utf-8")
    before = len(drawn)
    build(options)
    assert len(drawn) - before == 1                  # only b's card
    assert (tmp_path / "site/du-thao/a/anh-chia-se.png").read_bytes() == old_a
    assert (tmp_path / "site/du-thao/b/anh-chia-se.png").read_bytes() != old_b

    before = len(drawn)
    build(Options(config_path=config, out=tmp_path / "site", today=dt.date.fromisoformat(TODAY), quiet=True,
                  use_cache=False))
    assert len(drawn) - before == 2                  # --no-cache draws everything
    assert (tmp_path / "site/du-thao/a/anh-chia-se.png").read_bytes() == old_a


def test_a_designed_picture_is_published_with_its_alt_text(tmp_path):
    import datetime as dt
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "#0b4f8a").save(picture, format="PNG")
    extra = "infographics:\n  - {image: so-do.png, alt: Sơ đồ ba khu vực học phí, caption: Ba khu vực}\n"
    config = _site(tmp_path, {"hoc-phi/index.md": draft_text(extra=extra)},
                   files={"drafts/hoc-phi/so-do.png": picture.getvalue()})
    result = build(Options(config_path=config, out=tmp_path / "site", today=dt.date.fromisoformat(TODAY), quiet=True))
    assert not result.report.errors, result.report.render_text()
    content = main_content(tmp_path / "site/du-thao/hoc-phi/index.html")
    assert '<img src="../../du-thao/hoc-phi/so-do.png" alt="Sơ đồ ba khu vực học phí"' in content
    assert (tmp_path / "site/du-thao/hoc-phi/so-do.png").read_bytes() == picture.getvalue()
