"""`policyhub schema`: the editors' JSON Schema accepts every example draft and refuses the
mistakes editors make, with this site's own keys."""
import copy
import json

import jsonschema
import pytest

from generator.validate import tables as validate
from generator.model import vocab
from generator.load import yaml_positions
from generator.load.sources import split_front_matter
from generator.commands.schema import DESCRIPTIONS
from tests.conftest import BASE_CONFIG, REPO, example_draft_paths, make_site, run_policyhub


@pytest.fixture(scope="module")
def schema():
    result = run_policyhub("schema", "--config", str(REPO / "site_config.yml"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validator(schema):
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def front_of(path):
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml_positions.load(front)[0]    # dates stay text, as an editor's YAML tools read them


def test_it_is_draft_2020_12_and_closed(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(validate.DRAFT_FIELDS)
    assert schema["required"] == list(validate.DRAFT_REQUIRED)


@pytest.mark.parametrize("path", example_draft_paths(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_example_draft_is_valid(schema, path):
    errors = [f"{e.json_path}: {e.message}" for e in validator(schema).iter_errors(front_of(path))]
    assert errors == []


def _mistake(schema, change):
    draft = front_of(REPO / "drafts/2026/hoc-phi-2027-2028/index.md")
    change(draft)
    return [e for e in validator(schema).iter_errors(draft)]


def test_an_unknown_field_fails(schema):
    errors = _mistake(schema, lambda d: d.update(sumary="gõ nhầm"))
    assert any("sumary" in e.message for e in errors)


def test_an_unknown_agency_fails(schema):
    errors = _mistake(schema, lambda d: d.update(agency="so-giao-duc"))
    assert [e.json_path for e in errors] == ["$.agency"]


def test_a_wrong_channel_type_or_missing_address_fails(schema):
    assert _mistake(schema, lambda d: d["consultation"]["channels"].append({"type": "fax", "number": "0263 3822 111"}))
    assert _mistake(schema, lambda d: d["consultation"]["channels"].append({"type": "email"}))
    assert _mistake(schema, lambda d: d["consultation"]["channels"].append({"type": "email", "address": "khong-phai-email"}))
    assert not _mistake(schema, lambda d: d["consultation"]["channels"].append({"type": "email", "address": "a@b.vn"}))


def test_other_typical_mistakes_fail(schema):
    assert _mistake(schema, lambda d: d["consultation"].update(closes="05/12/2026"))
    assert _mistake(schema, lambda d: d["documents"][0].update(kind="to-trinh"))
    assert _mistake(schema, lambda d: d["documents"][0].update(url="https://example.gov.vn/a.pdf"))   # file and url
    assert _mistake(schema, lambda d: d.update(infographics=[{"image": "a.png"}]))                   # no alt
    assert _mistake(schema, lambda d: d.update(topics=["giao-duc", "hoc-phi"]))
    assert _mistake(schema, lambda d: d.update(status="open"))


def test_the_enums_are_the_sites_own_keys(tmp_path):
    config = copy.deepcopy(BASE_CONFIG)
    config["agencies"]["so-noi-vu"] = {"name": "Sở Nội vụ"}
    result = run_policyhub("schema", "--config", str(make_site(tmp_path, {}, config=config)))
    data = json.loads(result.stdout)
    agency = data["properties"]["agency"]
    assert agency["enum"] == ["so-giao-duc-dao-tao", "so-noi-vu", "so-y-te"]
    assert agency["enumDescriptions"] == ["Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Y tế"]
    assert data["properties"]["doc_type"]["enum"] == ["nghi-quyet-hdnd"]


def test_every_field_of_the_validation_tables_has_a_vietnamese_description(schema):
    tables = [validate.DRAFT_FIELDS, validate.CONSULTATION_FIELDS, validate.DOCUMENT_FIELDS, validate.IMAGE_FIELDS,
              validate.CONTACT_FIELDS, validate.OUTCOME_FIELDS, validate.RESPONSE_FIELDS,
              validate.RESPONSE_ITEM_FIELDS, vocab.RESPONSE_GROUPS, validate.VERSION_FIELDS,
              validate.TRANSLATION_FIELDS]
    tables += [required + optional for required, optional in validate.CHANNEL_FIELDS.values()]
    tables += [fields + items for fields, items in validate.CHART_FIELDS.values()]
    for name in {field for table in tables for field in table}:
        assert DESCRIPTIONS.get(name), name
    # and the channel variants follow validate.CHANNEL_FIELDS exactly
    variants = schema["properties"]["consultation"]["properties"]["channels"]["items"]["oneOf"]
    assert {v["properties"]["type"]["const"]: set(v["properties"]) for v in variants} == {
        kind: {"type", *required, *optional} for kind, (required, optional) in validate.CHANNEL_FIELDS.items()}


def test_schema_out_writes_a_file(tmp_path):
    target = tmp_path / ".vscode/policyhub-draft.schema.json"
    result = run_policyhub("schema", "--config", str(REPO / "site_config.yml"), "--out", str(target))
    assert result.returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$id"]
