"""Pages filled into the engine's frames are exactly what the engine would have built, with
the shipped theme and with a site's own theme that places the slots elsewhere; a theme whose
frame would copy wrong text into its pages is refused, naming the template; and the cache
of filled pages changes nothing but the time a build takes."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from generator import build as pipeline
from generator import engines
from generator.engines.base import EngineJob, frame_key
from generator.fill import frames
from generator.publish.output_folder import MARKER
from generator.render import pages as render
from tests.conftest import BASE_CONFIG, TODAY, draft_text, make_site, run_policyhub, tree_bytes

DRAFTS = {
    "2026/hoc-phi.md": draft_text(title="Dự thảo Nghị quyết về học phí"),
    "2026/y-te.md": draft_text(title="Dự thảo về trạm y tế", agency="so-y-te", topics=["y-te"], closes="2026-12-20"),
    "2026/sap-mo.md": draft_text(title="Dự thảo sắp mở", opens="2026-12-01", closes="2026-12-31"),
    "2025/cu.md": draft_text(title="Dự thảo đã xong", opens="2025-03-01", closes="2025-04-01"),
}
# for the frames: two drafts with a reference translation each, and enough open drafts of
# one agency and topic for listings of three pages
TRANSLATED = "translations:\n  - {lang: en, file: ban-dich-en.md}\n"
FRAMED = {
    "2026/hoc-phi/index.md": draft_text(title="Dự thảo Nghị quyết về học phí", extra=TRANSLATED),
    "2026/hoc-phi/ban-dich-en.md": "---\ntitle: Draft Resolution on tuition fees\nsummary: Fees stay.\n---\n\n"
                                   "The fees stay as they are.\n",
    "2026/y-te/index.md": draft_text(title="Dự thảo về trạm y tế", agency="so-y-te", topics=["y-te"],
                                     closes="2026-12-20", extra=TRANSLATED),
    # a translation without a summary of its own
    "2026/y-te/ban-dich-en.md": "---\ntitle: Draft on health stations\n---\n\nHealth stations open longer.\n",
    "2026/sap-mo.md": DRAFTS["2026/sap-mo.md"],
    "2025/cu.md": DRAFTS["2025/cu.md"],
    **{f"2026/mo-{n}.md": draft_text(title=f"Dự thảo mở số {n}", closes=f"2026-12-{n + 11}") for n in range(9)},
}
CONFIG = {**BASE_CONFIG, "listing": {"page_size": 5}}

# A site's own frame that puts every slot in other places where it belongs: the title in a
# <title> of its own making, in Open Graph tags and as a section's label; the description
# also as a lead paragraph; the canonical address also as og:url and a link; the head
# additions after the styles; content and footer in elements of their own.
MOVED_MAIN = """{% extends "base.html" %}
{% block htmltitle %}
  {% if page and page.meta and page.meta.title %}<title>{{ page.meta.title }} · {{ config.site_name }}</title>
  {% else %}<title>{{ config.site_name }}</title>{% endif %}
{% endblock %}
{% block site_meta %}
  {{ super() }}
  {% if page and page.meta and page.meta.title %}<meta property="og:title" content="{{ page.meta.title }}">{% endif %}
  {% if page and page.canonical_url %}<meta property="og:url" content="{{ page.canonical_url }}">{% endif %}
{% endblock %}
{% block fonts %}{% endblock %}
{% block extrahead %}{% if policyhub_head %}{{ policyhub_head }}{% endif %}{% endblock %}
{% block header %}{% include "partials/header.html" %}{% endblock %}
{% block content %}
  <section id="noi-dung" class="ph-main" tabindex="-1"
           aria-label="{{ page.meta.title if page and page.meta and page.meta.title else config.site_name }}">
    {% if page and page.meta and page.meta.description %}<p class="ph-lead">{{ page.meta.description }}</p>{% endif %}
    {% if policyhub_content is defined and policyhub_content %}{{ policyhub_content }}
    {% else %}{% include "partials/content.html" %}{% endif %}
  </section>
{% endblock %}
{% block footer %}
  <footer class="md-footer"><div class="ph-footer">
    {% if policyhub_footer is defined and policyhub_footer %}{{ policyhub_footer }}{% else %}{{ config.site_name }}{% endif %}
  </div>
  {% if page and page.canonical_url %}<p><a href="{{ page.canonical_url }}">{{ page.canonical_url }}</a></p>{% endif %}
  </footer>
{% endblock %}
"""


def build(config: Path, out: Path, **options) -> pipeline.BuildResult:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, **options))
    assert not result.report.errors, result.report.render_text("en")
    return result


def site(tmp_path: Path, theme: dict[str, str] | None = None) -> Path:
    config = make_site(tmp_path / "s", FRAMED, config=CONFIG)
    for name, text in (theme or {}).items():
        (tmp_path / "s/theme" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "s/theme" / name).write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize("theme", [None, {"main.html": MOVED_MAIN}], ids=["shipped theme", "slots moved"])
def test_two_pages_of_every_frame_equal_the_pages_the_engine_builds_whole(tmp_path, theme):
    config = site(tmp_path, theme)
    result = build(config, tmp_path / "filled", use_cache=False)
    plan = result.plan
    by_frame: dict[tuple, list] = {}
    for page in plan.pages:
        if page.url in result.frames:
            by_frame.setdefault(frame_key(page), []).append(page)
    # draft, translation, notice, communication kit, paginated open listing, topic and agency
    # listings (and their pages 2, 3)
    assert {key[0] for key in by_frame} == {"draft", "translation", "notice", "kit", "open", "topic", "agency"}
    assert all(len(pages) >= 2 for pages in by_frame.values())
    chosen = [page for pages in by_frame.values() for page in (pages[1], pages[-1])]

    # the engine builds the chosen pages whole, beside the pages it always builds whole
    dirs = render.theme_dirs(config.parent / "theme" if theme else None)
    renderer = render.PageRenderer(plan, dirs)
    whole_pages = [page for page in plan.pages if page.url not in result.frames] + chosen
    rendered = {page.url: renderer.render(page) for page in whole_pages}
    whole = tmp_path / "whole"
    with tempfile.TemporaryDirectory() as work:
        engines.named(plan.config.engine).build(EngineJob(plan, rendered, (), tuple(dirs), config.parent / "content",
                                                          Path(work), whole))
    filled, built = tree_bytes(tmp_path / "filled"), tree_bytes(whole)
    for page in chosen:
        name = page.url + "index.html"
        assert filled[name] == built[name], name
    if theme:   # the moved slots are where the site's theme put them
        page = (tmp_path / "filled/du-thao/y-te/index.html").read_text(encoding="utf-8")
        assert '<meta property="og:url" content="https://duthao.example.gov.vn/du-thao/y-te/">' in page
        assert '<p class="ph-lead">Tóm tắt dễ hiểu của dự thảo.</p>' in page


def test_a_page_alone_in_its_frame_is_built_whole_by_the_engine(tmp_path):
    config = make_site(tmp_path / "s", {k: v for k, v in FRAMED.items() if k.startswith("2026/hoc-phi/")})
    result = build(config, tmp_path / "o", use_cache=False)
    # one draft: its page, its notice and its translation each are the only page of their frame
    # (the two topics' and the two agencies' listings share theirs)
    assert {result.plan.page(url).kind for url in result.frames} == {"topic", "agency"}
    assert "Draft Resolution on tuition fees" in (tmp_path / "o/du-thao/hoc-phi/en/index.html").read_text("utf-8")


def test_a_second_build_takes_every_page_from_the_cache_and_is_byte_identical(tmp_path):
    config = site(tmp_path)
    first_result = build(config, tmp_path / "a")
    first = tree_bytes(tmp_path / "a")
    again = build(config, tmp_path / "b")
    assert first_result.rendered > 10 and first_result.reused == 0
    assert (again.rendered, again.reused) == (0, first_result.rendered)
    assert tree_bytes(tmp_path / "b") == first


def test_editing_one_draft_renders_only_the_pages_that_show_it(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "a")
    (tmp_path / "s/drafts/2025/cu.md").write_text(draft_text(title="Dự thảo đã xong (sửa)", opens="2025-03-01",
                                                               closes="2025-04-01"), encoding="utf-8")
    result = build(config, tmp_path / "b")
    # its page, its agency's and its topic's listing (a finished draft has no notice to print);
    # nothing about the other drafts
    assert result.rendered == 3
    assert "Dự thảo đã xong (sửa)" in (tmp_path / "b/du-thao/cu/index.html").read_text(encoding="utf-8")


def test_parallel_filling_gives_the_same_site(tmp_path, monkeypatch):
    config = site(tmp_path)
    build(config, tmp_path / "one", use_cache=False, workers=1)
    monkeypatch.setattr(frames, "PARALLEL_FROM", 1)
    build(config, tmp_path / "two", use_cache=False, workers=2)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


HEADER = (Path(render.package_theme_dir()) / "partials/header.html").read_text(encoding="utf-8")
TITLE_IN_HEADER = "{{ page.meta.title }}"
assert TITLE_IN_HEADER in HEADER

BROKEN = {
    "a marker through a filter": (
        {"partials/header.html": HEADER.replace(TITLE_IN_HEADER, "{{ page.meta.title | upper }}")},
        "frame-marker-altered", "theme/draft.html",
        "draft.html (the shipped one, with the site's theme/partials/header.html) changes the marker of the "
        "page's title (a filter such as |upper or |truncate on {{ page.meta.title }})"),
    "a marker cut short": (
        {"notice.html": '{% extends "main.html" %}{% block extrahead %}'
                        '<meta property="og:title" content="{{ page.meta.title | truncate(10) }}">{% endblock %}'},
        "frame-marker-altered", "theme/notice.html", "notice.html changes the marker of the page's title"),
    "the content dropped": (
        {"draft.html": "{% extends 'main.html' %}{% block content %}{% endblock %}"},
        "frame-slot-missing", "theme/draft.html",
        "draft.html leaves out the page's main content: every page built from it would be without it"),
    "the footer dropped": (
        {"partials/footer.html": "<footer><p>{{ config.site_name }}</p></footer>"},
        "frame-slot-missing", "theme/listing.html", "listing.html (the shipped one, with the site's "
        "theme/partials/footer.html) leaves out the page's footer"),
    "the page's own address": (
        {"listing.html": '{% extends "main.html" %}{% block footer %}{{ super() }}<p>{{ page.url }}</p>{% endblock %}'},
        "frame-page-specific", "theme/listing.html",
        "listing.html writes something of each page outside its slots: dang-lay-y-kien/trang-2/ and "
        "dang-lay-y-kien/trang-3/, built with markers, differ at line"),
    "the title in a script": (
        {"draft.html": '{% extends "main.html" %}{% block scripts %}{{ super() }}'
                       '<script>var title = "{{ page.meta.title }}";</script>{% endblock %}'},
        "frame-slot-misplaced", "theme/draft.html", "draft.html writes the page's title inside <script>"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_theme_whose_frame_would_copy_wrong_text_is_refused_naming_the_template(tmp_path, case):
    theme, code, path, message = BROKEN[case]
    config = site(tmp_path, theme)
    result = pipeline.build(pipeline.Options(config_path=config, out=tmp_path / "o",
                                             today=dt.date.fromisoformat(TODAY), quiet=True, use_cache=False))
    found = [d for d in result.report.errors if d.code == code and d.path == path]
    assert found and found[0].message("en").startswith(message), result.report.render_text("en")
    assert {d.code for d in result.report.errors} == {code}
    assert not (tmp_path / "o").exists()


def test_the_command_fails_with_exit_1_and_keeps_the_previous_site(tmp_path):
    config = site(tmp_path)
    assert run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet").returncode == 0
    before = tree_bytes(tmp_path / "s/site")
    (tmp_path / "s/theme").mkdir()
    (tmp_path / "s/theme/draft.html").write_text('{% extends "main.html" %}{% block content %}'
                                                 '<h1>{{ page.url }}</h1>{{ super() }}{% endblock %}', encoding="utf-8")
    result = run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet", "--lang", "en")
    assert result.returncode == 1
    assert "theme/draft.html:1:1: error: draft.html writes something of each page outside its slots" in result.stderr
    assert "The site was not built; the previous site was left as it was." in result.stderr
    assert tree_bytes(tmp_path / "s/site") == before and MARKER in before
