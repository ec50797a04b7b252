"""The build as the IT unit and editors rely on it: reproducible, atomic, safe, engine kept apart."""
from __future__ import annotations

import ast
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from bench.corpus import write_corpus
from tests.site.html_tools import parse
from tests.conftest import REPO, TODAY, cache_of, draft_text, make_site, run_policyhub, tree_bytes


def test_two_builds_of_the_same_day_are_byte_identical(example_build, example_built_again):
    outs = [tree_bytes(example_build), tree_bytes(example_built_again)]
    assert outs[0].keys() == outs[1].keys()
    different = [name for name in outs[0] if outs[0][name] != outs[1][name]]
    assert different == []


def test_a_later_day_changes_what_the_site_says(tmp_path, example_build):
    early, late = example_build, tmp_path / "late"   # the example as of TODAY (2026-11-22)
    assert run_policyhub("build", "--out", str(late), "--today", "2026-11-26", "--quiet").returncode == 0
    page = "du-thao/ho-tro-bao-hiem-y-te-2027-2030/index.html"
    assert "Đang lấy ý kiến" in (early / page).read_text(encoding="utf-8")
    assert "Đã hết hạn góp ý" in (late / page).read_text(encoding="utf-8")


def test_without_today_the_build_uses_the_current_day(tmp_path):
    config = make_site(tmp_path / "s", {"a.md": draft_text(opens="2020-01-01", closes="2099-12-31")})
    result = run_policyhub("build", "--config", str(config), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Đang lấy ý kiến" in (tmp_path / "s/site/du-thao/a/index.html").read_text(encoding="utf-8")


def test_a_placeholder_year_stops_the_build_with_a_diagnostic(tmp_path):
    """9999-12-31 is a valid date, but a day or a second after it is not: the feeds and the
    calendar would fail. The build names the field and leaves no site behind."""
    text = draft_text(closes="9999-12-31")
    config = make_site(tmp_path / "s", {"a.md": text})
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "closes:" in row)
    column = text.splitlines()[line - 1].index("closes:") + len("closes: ") + 1   # where the value starts
    result = run_policyhub("build", "--config", str(config), "--today", TODAY, "--no-cache")
    assert result.returncode == 1
    assert f"drafts/a.md:{line}:{column}: lỗi: " in result.stderr
    assert "Hạn góp ý (consultation.closes) là năm 9999, ngoài khoảng 1900–2200" in result.stderr
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
    assert not (tmp_path / "s/site/index.html").exists()


def test_an_engine_failure_leaves_the_previous_site_untouched(tmp_path):
    config = make_site(tmp_path / "s", {"a.md": draft_text()})
    out = tmp_path / "s" / "site"
    assert run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet").returncode == 0
    before = tree_bytes(out)
    # a site's own theme override with a template error makes the engine fail mid-build
    (tmp_path / "s/theme").mkdir()
    (tmp_path / "s/theme/main.html").write_text("{% extends 'base.html' %}{% block content %}{{ oops( }}{% endblock %}",
                                                encoding="utf-8")
    (tmp_path / "s/drafts/b.md").write_text(draft_text(title="Dự thảo thứ hai"), encoding="utf-8")
    result = run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet", "--lang", "en")
    assert result.returncode == 1
    assert "error: the site engine failed: theme/main.html:1: unexpected '}', expected ')'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_bytes(out) == before
    # the failed build left nothing beside the sources, and the cache is kept outside them
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["drafts", "site", "site_config.yml", "theme"]
    assert (cache_of(config) / "share-images").is_dir()


def test_script_in_front_matter_or_markdown_never_runs(tmp_path):
    evil = '<script>alert("x")</script>'
    text = draft_text(title=f"Dự thảo {evil}", summary=f"Tóm tắt {evil} <img src=x onerror=alert(1)>",
                      affected=['"><svg onload=alert(1)>'],
                      body=f"## Nội dung\n\n{evil}\n\n<a href=\"javascript:x\">a</a> [bấm](https://x.vn/?a=1&amp;b=2)\n"
                           "\n<iframe src=\"https://evil.example\"></iframe>\n")
    # a content page's title is in the navigation of every page
    content_page = f"---\ntitle: 'Giới thiệu </title>{evil}'\ndescription: '\"><svg onload=alert(1)>'\n---\n\nChữ.\n"
    config = make_site(tmp_path / "s", {"a.md": text}, content={"gioi-thieu.md": content_page})
    assert run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet").returncode == 0
    for page in (tmp_path / "s/site").rglob("*.html"):
        elements = parse(page)
        for tag, attrs in elements.tags:
            assert tag not in ("iframe", "object", "embed"), page
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            if tag == "script" and "src" in attrs:  # only the theme's own files
                assert "assets/javascripts/" in attrs["src"], (page, attrs)
            for name in ("href", "src"):
                assert not attrs.get(name, "").lower().lstrip().startswith(("javascript:", "data:")), (page, attrs)
        for script in re.findall(r"<script[^>]*>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            assert "alert" not in script, page  # inline scripts are the theme's, never the draft's
    html = (tmp_path / "s/site/du-thao/a/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html


def test_base_url_option_moves_every_absolute_address(tmp_path):
    out = tmp_path / "site"
    result = run_policyhub("build", "--out", str(out), "--today", TODAY, "--base-url", "https://hub.example.vn/gop-y",
                           "--quiet")
    assert result.returncode == 0, result.stderr
    assert "<loc>https://hub.example.vn/gop-y/du-thao/hoc-phi-2027-2028/</loc>" in (out / "sitemap.xml").read_text()
    assert '<link rel="canonical" href="https://hub.example.vn/gop-y/du-thao/hoc-phi-2027-2028/">' in \
        (out / "du-thao/hoc-phi-2027-2028/index.html").read_text(encoding="utf-8")
    assert 'href="/gop-y/index.html"' in (out / "404.html").read_text(encoding="utf-8")


def test_a_bad_base_url_is_a_usage_error(tmp_path):
    result = run_policyhub("build", "--out", str(tmp_path / "o"), "--base-url", "duthao.gov.vn", "--quiet")
    assert result.returncode == 2
    assert "--base-url:1:1: lỗi: --base-url phải là địa chỉ bắt đầu bằng http:// hoặc https://" in result.stderr
    english = run_policyhub("build", "--out", str(tmp_path / "o"), "--base-url", "duthao.gov.vn", "--quiet",
                            "--lang", "en")
    assert english.returncode == 2
    assert "--base-url:1:1: error: --base-url must be an http(s) address, not 'duthao.gov.vn'" in english.stderr


def test_usage_errors_exit_with_2():
    assert run_policyhub("build", "--today", "22/11/2026").returncode == 2
    assert run_policyhub("frobnicate").returncode == 2


def test_the_core_never_imports_the_engine():
    core = sorted(p for p in (REPO / "generator").glob("*.py") if p.name != "engine_mkdocs.py")
    offenders = []
    for path in core:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("mkdocs", "material")]
    assert offenders == []
    # and planning a whole site loads no MkDocs module
    code = ("import sys, datetime as dt; from pathlib import Path; from generator import build as b;"
            "c = b.load_and_validate(b.Options(config_path=Path('site_config.yml'), today=dt.date(2026, 11, 22)));"
            "p = b.make_plan(c); assert p.pages;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_site_elsewhere_uses_the_shipped_theme_and_its_own_overrides(tmp_path):
    config = make_site(tmp_path / "tinh", {"a.md": draft_text()})
    # what the footer says is the site's own; the shipped frame around it stays
    (tmp_path / "tinh/theme/pages").mkdir(parents=True)
    (tmp_path / "tinh/theme/pages/footer.html").write_text("<p>Chân trang của tỉnh</p>", encoding="utf-8")
    result = run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "tinh/site/du-thao/a/index.html").read_text(encoding="utf-8")
    assert "Chân trang của tỉnh" in html and "ph-status--open" in html


def test_a_corpus_of_60_drafts_builds_with_every_draft_in_the_state_it_was_written_for(tmp_path):
    # the corpus chooses each draft's state first and writes dates that give it on this day
    corpus = write_corpus(tmp_path / "corpus", 60, today=dt.date(2026, 11, 21))
    result = run_policyhub("build", "--config", str(corpus.config), "--today", "2026-11-21", "--quiet")
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^\S+:\d+:\d+: error:", result.stderr, re.M), result.stderr
    site = corpus.root / "site"
    assert sorted(p.name for p in (site / "du-thao").iterdir()) == sorted(d.slug for d in corpus.drafts)
    published = json.loads((site / "api/drafts.json").read_text(encoding="utf-8"))["drafts"]
    assert {d["slug"]: d["status"] for d in published} == {d.slug: d.state for d in corpus.drafts}
    assert all(corpus.states().values()), corpus.states()
