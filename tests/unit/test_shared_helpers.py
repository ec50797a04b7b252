"""The two things the suite shares between tests to save builds cannot change what a test sees:
a shared built site that a test changes is caught, and a compiled template is reused only by
an environment that would have compiled it the same way."""
from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest

from tests import compiled_templates
from tests.conftest import SharedSites


def test_a_test_that_changes_a_shared_site_is_named_and_later_ones_are_told(tmp_path):
    site = tmp_path / "site"
    (site / "du-thao").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    shared = SharedSites()
    shared.share("example_build", site)
    reader = SimpleNamespace(nodeid="test_reads", fixturenames=["example_build"])
    other = SimpleNamespace(nodeid="test_other", fixturenames=["tmp_path"])
    assert shared.changes(reader) == []
    (site / "index.html").write_text("<html>đổi</html>", encoding="utf-8")
    (site / "du-thao" / "moi.html").write_text("", encoding="utf-8")
    writer = SimpleNamespace(nodeid="test_writes", fixturenames=["tmp_path", "example_build"])
    assert shared.changes(other) == []   # a test that did not use it is not blamed
    [problem] = shared.changes(writer)
    assert "`example_build`" in problem and "by this test" in problem
    assert "du-thao/moi.html, index.html" in problem
    [later] = shared.changes(reader)
    assert "by test_writes" in later


def test_a_removed_shared_site_is_caught(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("a", encoding="utf-8")
    shared = SharedSites()
    shared.share("later_build", site)
    (site / "a.html").unlink()
    site.rmdir()
    assert shared.changes(SimpleNamespace(nodeid="t", fixturenames=["later_build"]))


def render(env: jinja2.Environment, source: str, **context) -> str:
    return env.from_string(source).render(**context)


def test_a_template_compiled_before_renders_as_a_fresh_compile_does():
    source = "{% for x in items %}\n  {{ x|upper }}\n{% endfor %}"
    with compiled_templates.kept_across_builds():
        plain = render(jinja2.Environment(), source, items=["a", "b"])
        again = render(jinja2.Environment(), source, items=["a", "b"])
        trimmed = render(jinja2.Environment(trim_blocks=True, lstrip_blocks=True), source, items=["a", "b"])
        escaped = render(jinja2.Environment(autoescape=True), "{{ x }}", x="<b>")
    assert plain == again == render(jinja2.Environment(), source, items=["a", "b"])
    assert plain == "\n  A\n\n  B\n" and trimmed == "  A\n  B\n"
    assert escaped == "&lt;b&gt;"


def test_other_filters_or_settings_compile_again():
    source = "{{ 'x'|shout }}"
    with compiled_templates.kept_across_builds():
        loud = jinja2.Environment()
        loud.filters["shout"] = lambda value: value.upper() + "!"
        assert render(loud, source) == "X!"
        quiet = jinja2.Environment()
        quiet.filters["shout"] = lambda value: value + "?"   # the optimiser folds constants with it
        assert render(quiet, source) == "x?"
        with pytest.raises(jinja2.TemplateAssertionError):    # no such filter: still an error, each time
            jinja2.Environment().from_string(source)
        with pytest.raises(jinja2.TemplateSyntaxError):
            jinja2.Environment().from_string("{{ oops( }}")
        with pytest.raises(jinja2.TemplateSyntaxError):
            jinja2.Environment().from_string("{{ oops( }}")
        other_syntax = jinja2.Environment(variable_start_string="[[", variable_end_string="]]")
        assert render(other_syntax, "[[ 1 + 1 ]] {{ x }}", x=1) == "2 {{ x }}"
        assert render(jinja2.Environment(), "[[ 1 + 1 ]] {{ x }}", x=1) == "[[ 1 + 1 ]] 1"
