"""Nothing outside the site's folder is read or published, and the sanitiser holds on its own."""
import datetime
import os

import lxml.html

from generator import build as pipeline
from generator.markup import markdown as markdown_render
from tests.conftest import TODAY, draft_text, make_site, run_policyhub

SECRET = "AWS_SECRET_ACCESS_KEY=do-not-publish"


def _outside(tmp_path):
    """A folder beside the site with a runner's secrets, written so that they would be published
    if anything read them: as a valid draft, a content page, a document and a template."""
    outside = tmp_path / "runner"
    (outside / "folder").mkdir(parents=True)
    (outside / "env.md").write_text(draft_text(title=SECRET), encoding="utf-8")
    (outside / "folder/other.md").write_text(draft_text(title=SECRET + " 2"), encoding="utf-8")
    (outside / "page.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "env.pdf").write_text(SECRET, encoding="utf-8")
    (outside / "main.html").write_text(SECRET, encoding="utf-8")
    return outside


def test_links_out_of_the_site_are_errors_and_are_never_read(tmp_path):
    outside = _outside(tmp_path)
    documents = "documents:\n  - {title: Dự thảo, file: du-thao.pdf}\n"
    config = make_site(tmp_path / "s", {"hoc-phi/index.md": draft_text(extra=documents)},
                       content={"gioi-thieu.md": "# Giới thiệu\n"})
    site = config.parent
    links = {"drafts/env.md": outside / "env.md", "drafts/thu-muc": outside / "folder",
             "drafts/hoc-phi/du-thao.pdf": outside / "env.pdf", "content/trang.md": outside / "page.md",
             "content/env.pdf": outside / "env.pdf", "theme/main.html": outside / "main.html",
             "glossary.yml": outside / "env.md"}
    (site / "theme").mkdir()
    for name, target in links.items():
        os.symlink(target, site / name)

    result = run_policyhub("check", "--config", str(config), "--today", TODAY, "--lang", "en")
    assert result.returncode == 2   # the glossary is part of the configuration
    assert result.stderr.splitlines()[0].endswith(
        "s/glossary.yml:1:1: error: this is a link to a place outside the site's folder; it is not read")
    (site / "glossary.yml").unlink()

    result = run_policyhub("check", "--config", str(config), "--today", TODAY, "--lang", "en")
    reported = [line.split(": error: ")[0] for line in result.stdout.splitlines() if ": error: " in line]
    assert reported == ["content/env.pdf:1:1", "content/trang.md:1:1", "drafts/env.md:1:1",
                        "drafts/hoc-phi/index.md:15:28", "drafts/thu-muc:1:1", "theme/main.html:1:1"]
    assert SECRET not in result.stdout + result.stderr

    build = run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet")
    assert build.returncode == 1 and not (site / "site").exists()
    assert SECRET not in build.stdout + build.stderr


def test_a_drafts_folder_that_leads_out_of_the_site_is_not_read(tmp_path):
    outside = _outside(tmp_path)
    config = make_site(tmp_path / "s", {})   # no drafts/ of its own
    os.symlink(outside / "folder", config.parent / "drafts")
    result = run_policyhub("check", "--config", str(config), "--today", TODAY, "--lang", "en")
    assert result.returncode == 1
    assert result.stdout.startswith("drafts:1:1: error: this is a link to a place outside the site's folder")


def test_links_inside_the_site_are_followed(tmp_path):
    config = make_site(tmp_path / "s", {}, files={"chung/hoc-phi.md": draft_text().encode()})
    (config.parent / "drafts").mkdir()
    os.symlink("../chung/hoc-phi.md", config.parent / "drafts" / "hoc-phi.md")
    result = run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet")
    assert result.returncode == 0, result.stderr
    assert (config.parent / "site/du-thao/hoc-phi/index.html").is_file()


def test_the_sanitiser_stops_what_the_markdown_pass_would_let_through(tmp_path, monkeypatch):
    # turn the first line off: every address passes the Markdown pass (and so the check)
    monkeypatch.setattr(markdown_render, "link_is_safe", lambda url: True)
    monkeypatch.setattr(markdown_render, "picture_is_safe", lambda url: True)
    hostile = "[bấm](&#106;avascript:alert(1)) ![ảnh](https://evil.example/x.png) [dữ liệu](data:text/html,x)\n"
    config = make_site(tmp_path / "s", {"a.md": draft_text(body="## Nội dung\n\n" + hostile)},
                       content={"index.md": "# Trang chủ\n\nGiới thiệu. " + hostile, "gioi-thieu.md": "# Giới thiệu\n\n" + hostile})
    result = pipeline.build(pipeline.Options(config_path=config, today=datetime.date.fromisoformat(TODAY),
                                             quiet=True, use_cache=False, workers=1))
    assert not result.report.errors, result.report.render_text()
    for page in ("du-thao/a/index.html", "index.html", "gioi-thieu.html"):
        html = (result.out / page).read_text(encoding="utf-8")
        document = lxml.html.document_fromstring(html)
        assert "bấm" in document.text_content() and document.xpath("//img[@alt='ảnh']"), page
        for element in document.iter("a", "img"):
            address = element.get("href") or element.get("src") or ""
            assert not address.lower().startswith(("javascript:", "data:", "https://evil")), (page, address)


def test_a_site_config_that_leads_out_of_its_folder_is_a_config_error(tmp_path):
    # the site's folder is the config's: followed, the link would make another folder the site
    elsewhere = make_site(tmp_path / "runner", {"env.md": draft_text(title=SECRET)})
    (tmp_path / "s").mkdir()
    os.symlink(elsewhere, tmp_path / "s/site_config.yml")
    result = run_policyhub("build", "--today", TODAY, "--quiet", "--lang", "en", cwd=tmp_path / "s")
    assert result.returncode == 2 and SECRET not in result.stdout + result.stderr
    assert result.stderr.startswith("site_config.yml:1:1: error: this is a link to a place outside the site's folder")
