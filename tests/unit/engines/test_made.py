"""A process that builds the same engine project again (a preview after an edit of a draft)
writes what MkDocs wrote the last time instead of running it; anything that goes into the
project runs MkDocs again."""
from __future__ import annotations

import datetime as dt

import mkdocs.commands.build
import pytest

from generator import build as pipeline
from generator.engines.mkdocs_material import made
from tests.conftest import TODAY, draft_text, make_site, tree_bytes


@pytest.fixture
def runs(monkeypatch):
    """How many times MkDocs has built a site in this test."""
    made.forget()
    counted, real = [], mkdocs.commands.build.build
    monkeypatch.setattr(mkdocs.commands.build, "build", lambda config, **kw: counted.append(1) or real(config, **kw))
    yield counted
    made.forget()


def build(config, out, **options) -> dict[str, bytes]:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, use_cache=False, workers=1, **options))
    assert not result.report.errors
    return tree_bytes(out)


def test_the_same_project_is_built_by_mkdocs_once(tmp_path, runs):
    config = make_site(tmp_path / "s", {"a.md": draft_text(body="## Mức thu\n\nMức thu mới.\n"),
                                        "b.md": draft_text(title="Dự thảo về phí bến đò")},
                       content={"gioi-thieu.md": "# Giới thiệu\n\nCổng góp ý của tỉnh.\n"})
    first = build(config, tmp_path / "one")
    assert build(config, tmp_path / "two") == first and len(runs) == 1
    # the body of a draft is not part of the engine's project (the listings, which MkDocs
    # builds whole, show its title and summary): its page changes, MkDocs does not run
    (tmp_path / "s" / "drafts" / "a.md").write_text(draft_text(body="## Mức thu\n\nMức thu đã sửa.\n"),
                                                    encoding="utf-8")
    edited = build(config, tmp_path / "three")
    assert len(runs) == 1 and "Mức thu đã sửa." in edited["du-thao/a/index.html"].decode()
    # a content page is: MkDocs builds it again, and the page says what the file says now
    (tmp_path / "s" / "content" / "gioi-thieu.md").write_text("# Giới thiệu\n\nCổng mới.\n", encoding="utf-8")
    again = build(config, tmp_path / "four")
    assert len(runs) == 2 and "Cổng mới." in again["gioi-thieu.html"].decode()
    assert "Cổng góp ý của tỉnh." not in again["gioi-thieu.html"].decode()


def test_a_file_of_the_theme_or_a_setting_runs_mkdocs_again(tmp_path, runs):
    config = make_site(tmp_path / "s", {"a.md": draft_text()})
    build(config, tmp_path / "one")
    styles = tmp_path / "s" / "theme" / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    (styles / "tinh.css").write_text(".md-header { background: #005a9c; }\n", encoding="utf-8")
    changed = build(config, tmp_path / "two")
    assert len(runs) == 2 and changed["assets/stylesheets/tinh.css"] == b".md-header { background: #005a9c; }\n"
    assert build(config, tmp_path / "three") == changed and len(runs) == 2
    build(config, tmp_path / "four", base_url="https://gopy.example.gov.vn/")
    assert len(runs) == 3
