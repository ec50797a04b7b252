"""A template is compiled once per process, not once per build (`render/compiled.py`), and the
kept code changes nothing a build shows: an edited template is compiled anew, another
environment's settings or filters compile again, errors are raised each time, and a kept
template names the file it was read from this time."""
from __future__ import annotations

import datetime as dt

import jinja2
import pytest

from generator import build as pipeline
from generator.render import compiled
from generator.render.pages import package_theme_dir
from tests.conftest import TODAY, draft_text, make_site


@pytest.fixture
def compiles(monkeypatch):
    """The templates Jinja2 compiled in this test, by name."""
    compiled.forget()
    names, real = [], jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    yield names
    compiled.forget()


def environment(templates: dict[str, str], **settings) -> jinja2.Environment:
    return compiled.InMemoryBytecode().attach(jinja2.Environment(loader=jinja2.DictLoader(templates), **settings))


def render(env: jinja2.Environment, name: str = "t", **context) -> str:
    return env.get_template(name).render(**context)


def test_a_template_compiled_before_renders_as_a_fresh_compile_does(compiles):
    source = {"t": "{% for x in items %}\n  {{ x|upper }}\n{% endfor %}"}
    plain = render(environment(source), items=["a", "b"])
    again = render(environment(source), items=["a", "b"])
    assert compiles == ["t"]
    trimmed = render(environment(source, trim_blocks=True, lstrip_blocks=True), items=["a", "b"])
    escaped = render(environment({"t": "{{ x }}"}, autoescape=True), x="<b>")
    assert compiles == ["t", "t", "t"]
    assert plain == again == jinja2.Environment().from_string(source["t"]).render(items=["a", "b"])
    assert plain == "\n  A\n\n  B\n" and trimmed == "  A\n  B\n" and escaped == "&lt;b&gt;"


def test_an_edited_template_other_filters_or_settings_compile_again(compiles):
    assert render(environment({"t": "cũ {{ x }}"}), x=1) == "cũ 1"
    assert render(environment({"t": "mới {{ x }}"}), x=1) == "mới 1"
    loud = environment({"t": "{{ 'x'|shout }}"})
    loud.filters["shout"] = lambda value: value.upper() + "!"
    assert render(loud) == "X!"
    quiet = environment({"t": "{{ 'x'|shout }}"})
    quiet.filters["shout"] = lambda value: value + "?"   # the optimiser folds constants with it
    assert render(quiet) == "x?"
    with pytest.raises(jinja2.TemplateAssertionError):    # no such filter: an error, each time
        render(environment({"t": "{{ 'x'|shout }}"}))
    for _ in range(2):
        with pytest.raises(jinja2.TemplateSyntaxError):
            render(environment({"t": "{{ oops( }}"}))
    other_syntax = environment({"t": "[[ 1 + 1 ]] {{ x }}"}, variable_start_string="[[", variable_end_string="]]")
    assert render(other_syntax, x=1) == "2 {{ x }}"
    assert render(environment({"t": "[[ 1 + 1 ]] {{ x }}"}), x=1) == "[[ 1 + 1 ]] 1"
    assert len(compiles) == 9


def test_a_kept_template_read_from_another_file_names_that_file(tmp_path, compiles):
    source = "{% macro part(x) %}{{ 1 // x }}{% endmacro %}{{ part(divisor) }}"
    for folder in ("first", "second"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.html").write_text(source, encoding="utf-8")
    first, second = (compiled.InMemoryBytecode().attach(jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path / folder))).get_template("page.html") for folder in ("first", "second"))
    assert compiles == ["page.html"]
    assert first.render(divisor=1) == second.render(divisor=1) == "1"
    assert second.filename == str(tmp_path / "second" / "page.html")
    with pytest.raises(ZeroDivisionError) as failed:
        second.render(divisor=0)
    files = [str(entry.path) for entry in failed.traceback]
    assert str(tmp_path / "second" / "page.html") in files
    assert str(tmp_path / "first" / "page.html") not in files


def test_a_second_build_compiles_nothing_and_an_edited_theme_template_shows_at_once(tmp_path, compiles):
    config = make_site(tmp_path / "s", {"a.md": draft_text()})

    def build(out: str) -> str:
        result = pipeline.build(pipeline.Options(config_path=config, out=tmp_path / out, quiet=True, workers=1,
                                                 today=dt.date.fromisoformat(TODAY), use_cache=False))
        assert not result.report.errors
        return (tmp_path / out / "du-thao" / "a" / "index.html").read_text(encoding="utf-8")

    first = build("one")
    assert compiles and build("two") == first and len(compiles) == len(set(compiles))
    override = tmp_path / "s" / "theme" / "pages" / "draft.html"
    override.parent.mkdir(parents=True)
    shipped = (package_theme_dir() / "pages" / "draft.html").read_text(encoding="utf-8")
    override.write_text(shipped.replace('<div class="ph-draft ', '<div data-tinh="1" class="ph-draft ', 1),
                        encoding="utf-8")
    before = len(compiles)
    assert 'data-tinh="1"' in build("three") and compiles[before:].count("pages/draft.html") == 1
    override.write_text(override.read_text(encoding="utf-8").replace('data-tinh="1"', 'data-tinh="2"'),
                        encoding="utf-8")
    assert 'data-tinh="2"' in build("four")
