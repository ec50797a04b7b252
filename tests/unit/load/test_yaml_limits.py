"""YAML that would take minutes, gigabytes or the whole stack is refused before it is built."""
import pytest

from generator.load import site_files
from generator.load import yaml_positions
from generator.validate.config import load_config
from generator.diagnostics import ConfigError, Report
from generator.load.sources import check_value_characters, read_source
from tests.conftest import BASE_CONFIG, draft_text, make_site

# nine levels of nine: 9^9 strings once expanded (PyYAML builds them all on construction)
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def _refusal(text: str) -> yaml_positions.YamlRefusedError:
    with pytest.raises(yaml_positions.YamlRefusedError) as caught:
        yaml_positions.load(text, line_offset=1)
    return caught.value


def test_an_alias_bomb_is_refused_at_its_first_anchor():
    refused = _refusal(ALIAS_BOMB)
    assert (refused.code, refused.line, refused.column) == ("yaml-alias", 2, 4)
    assert refused.params == {"mark": "&", "name": "a"}


def test_a_value_that_contains_itself_is_refused():
    assert _refusal("tags: &r [a, *r]\n").code == "yaml-alias"
    assert _refusal("tags: [a, b]\naffected: *r\n").params == {"mark": "*", "name": "r"}


def test_deep_nesting_is_refused_before_it_is_composed():
    # 50,000 levels stopped the interpreter (libyaml's composer and ours recurse)
    refused = _refusal("affected: " + "[" * 50_000 + "]" * 50_000)
    assert refused.code == "yaml-too-deep" and refused.line == 2
    # a short text is not screened: the limit holds while its nodes are walked, at the same place
    short = "a: " + "[" * 25 + "]" * 25
    walked, screened = _refusal(short), _refusal(short + "\n# " + "x" * 20_000)   # long texts are screened
    assert (walked.code, walked.line, walked.column) == (screened.code, screened.line, screened.column)
    inside = yaml_positions.MAX_DEPTH - 1   # the document's own mapping is the first level
    assert yaml_positions.load("a: " + "[" * inside + "]" * inside)[0] is not None


def test_more_values_than_any_draft_has_are_refused():
    assert _refusal("tags: [" + ", ".join(["a"] * (yaml_positions.MAX_VALUES + 1)) + "]").code == "yaml-too-large"


def test_ampersands_and_stars_in_text_are_text():
    data, _ = yaml_positions.load('summary: "Sở GD&ĐT * 2"\ntags: [GD&ĐT, a*b]\nnote: x & y\n')
    assert data == {"summary": "Sở GD&ĐT * 2", "tags": ["GD&ĐT", "a*b"], "note": "x & y"}


def test_a_draft_file_over_the_limit_is_reported_not_read(tmp_path):
    body = "Chữ. " * (site_files.MAX_MARKDOWN_BYTES // 5)
    config = make_site(tmp_path / "s", {"lon.md": draft_text(body=body)})
    report = Report()
    assert read_source(tmp_path / "s/drafts/lon.md", config.parent, report) is None
    assert [(d.path, d.code) for d in report.diagnostics] == [("drafts/lon.md", "file-too-large")]


def test_a_site_config_over_the_limit_is_a_config_error(tmp_path):
    config = make_site(tmp_path / "s", {})
    config.write_text(config.read_text(encoding="utf-8") + "#" * site_files.MAX_YAML_BYTES, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert [d.code for d in caught.value.report.diagnostics] == ["file-too-large"]


def test_anchors_in_site_config_are_a_config_error(tmp_path):
    config = make_site(tmp_path / "s", {}, config=BASE_CONFIG)
    config.write_text(config.read_text(encoding="utf-8") + "extra: &x [1]\nmore: *x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert [d.code for d in caught.value.report.diagnostics] == ["yaml-alias"]


def test_characters_no_text_may_hold_are_found_wherever_yaml_put_them():
    data, positions = yaml_positions.load('title: "a\\u0007"\ntags: [ok, "x\\ue001"]\n"k\\x01": v\n', line_offset=1)
    data["summary"] = "\ud800"   # a lone surrogate, as the pure-Python YAML reader would make it
    report = Report()
    check_value_characters("d.md", data, positions, report)
    found = [(d.line, d.code, d.message("en")) for d in report.diagnostics]
    assert found == [(2, "control-character", "Title (title) contains an invisible control character, U+0007"),
                     (3, "private-use-character", "Tags (tags[1]) contains a private-use character "
                                                  "(a symbol of one program's font), U+E001"),
                     (4, "control-character", "a field name contains an invisible control character, U+0001"),
                     (2, "invalid-character", "Plain-language summary (summary) contains a code point that is "
                                              "not a character, U+D800")]
    assert report.diagnostics[2].message("vi") == "một tên trường có một ký tự điều khiển không nhìn thấy được, U+0001"
