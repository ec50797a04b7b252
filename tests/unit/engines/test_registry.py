"""The engine is chosen by name in site_config.yml from the adapters there are, and each
adapter covers every kind of page and every slot."""
from __future__ import annotations

import datetime as dt
import inspect

import pytest

from generator import build as pipeline
from generator import engines
from generator.engines.base import SLOTS, Engine
from generator.model import vocab
from generator.plan.plan import PAGE_KINDS
from generator.render.pages import package_theme_dir
from tests.conftest import BASE_CONFIG, REPO, TODAY, draft_text, make_site, run_policyhub


def test_the_engines_the_config_accepts_are_those_with_an_adapter():
    assert set(engines.ADAPTERS) == set(vocab.ENGINES)
    assert vocab.ENGINES[0] == "mkdocs-material"   # the default
    for name in vocab.ENGINES:
        assert engines.named(name).name == name


def test_asking_for_an_engine_there_is_not_says_which_there_are():
    with pytest.raises(engines.EngineError) as raised:
        engines.named("hugo")
    assert raised.value.reason.words("en") == "there is no engine 'hugo'; the engines there are: mkdocs-material"
    assert raised.value.reason.words("vi") == ("không có bộ dựng trang 'hugo'; các bộ dựng trang hiện có: "
                                               "mkdocs-material")


@pytest.mark.parametrize("name", sorted(engines.ADAPTERS))
def test_each_adapter_fills_the_engine_protocol_with_its_signatures(name):
    adapter = engines.named(name)
    assert isinstance(adapter, Engine)
    for method in ("template_of", "build"):
        assert inspect.signature(getattr(type(adapter), method)) == inspect.signature(getattr(Engine, method)), method
    assert isinstance(adapter.name, str) and isinstance(adapter.slot_sources, dict)


def test_an_adapter_without_a_build_does_not_fill_the_protocol():
    class Partial:
        name = "partial"
        slot_sources = {slot: slot for slot in SLOTS}

        def template_of(self, kind: str) -> str:
            return "main.html"

    assert not isinstance(Partial(), Engine)


@pytest.mark.parametrize("name", sorted(engines.ADAPTERS))
def test_each_adapter_frames_every_kind_of_page_with_a_template_of_the_shipped_theme(name):
    adapter = engines.named(name)
    for kind in PAGE_KINDS:
        assert (package_theme_dir() / adapter.template_of(kind)).is_file(), kind
    assert set(adapter.slot_sources) == set(SLOTS)


def test_the_plan_uses_only_the_kinds_adapters_know():
    checked = pipeline.load_and_validate(pipeline.Options(config_path=REPO / "site_config.yml",
                                                          today=dt.date.fromisoformat(TODAY)))
    kinds = {page.kind for page in pipeline.make_plan(checked).pages}
    assert kinds == set(PAGE_KINDS)   # the example site has a page of every kind


def test_the_config_chooses_the_engine_and_an_unknown_one_is_a_configuration_error(tmp_path):
    config = make_site(tmp_path / "ok", {"a.md": draft_text()}, config={**BASE_CONFIG, "engine": "mkdocs-material"})
    assert run_policyhub("check", "--config", str(config), "--today", TODAY).returncode == 0
    config = make_site(tmp_path / "bad", {"a.md": draft_text()}, config={**BASE_CONFIG, "engine": "mkdocs-materal"})
    for command in (["check"], ["build", "--quiet"]):
        line = [n for n, text in enumerate(config.read_text().splitlines(), 1) if text.startswith("engine:")][0]
        result = run_policyhub(*command, "--config", str(config), "--today", TODAY, "--lang", "en")
        assert result.returncode == 2
        assert (f"site_config.yml:{line}:9: error: Page engine (engine): there is no engine 'mkdocs-materal'\n"
                "    fix: did you mean 'mkdocs-material'? Otherwise use one of: mkdocs-material; "
                "or leave engine: out for mkdocs-material") in result.stderr
        result = run_policyhub(*command, "--config", str(config), "--today", TODAY)   # the site's language
        assert result.returncode == 2
        assert (f"site_config.yml:{line}:9: lỗi: Bộ dựng trang (engine): không có bộ dựng trang 'mkdocs-materal'\n"
                "    cách sửa: có phải là 'mkdocs-material' không? Nếu không, dùng một trong: mkdocs-material; "
                "hoặc bỏ dòng engine: để dùng mkdocs-material") in result.stderr
    assert not (tmp_path / "bad/site").exists()
