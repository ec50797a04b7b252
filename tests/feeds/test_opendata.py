"""api/drafts.json: every draft's metadata under stable field names, valid against the JSON
Schema published next to it."""
from __future__ import annotations

import copy

from generator.outputs import opendata
from generator.plan import urls
from tests.feeds.feed_tools import json_errors, load_json, page_file

# The published contract: renaming or removing any of these needs a new schema_version.
DRAFT_FIELDS = ["id", "feed_id", "slug", "url", "title", "summary", "doc_type", "agency", "topics", "status",
                "status_label", "updated", "last_change", "consultation", "affected", "key_questions",
                "documents", "response", "outcome", "withdrawn_on", "tags"]
CONSULTATION_FIELDS = ["opens", "closes", "extended_to", "extended_on", "announced", "deadline", "days",
                       "shortened_reason", "channels"]


def _files(site):
    return load_json(site / "api" / "drafts.json"), load_json(site / "api" / "drafts.schema.json")


def test_open_data_validates_against_its_published_schema(example_build):
    data, schema = _files(example_build)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json_errors(schema, data) == []


def test_the_schema_refuses_bad_dates_unknown_fields_and_wrong_states(example_build):
    data, schema = _files(example_build)
    for change, expected in [
        (lambda d: d["drafts"][0]["consultation"].__setitem__("opens", "05/11/2026"), "date-time"),
        (lambda d: d["drafts"][0].__setitem__("withdrawn_on", "2026-02-30"), "withdrawn_on"),
        (lambda d: d["drafts"][0].__setitem__("statut", "open"), "statut"),
        (lambda d: d["drafts"][0].__setitem__("status", "draft"), "draft"),
        (lambda d: d["drafts"][0].__setitem__("url", "du-thao/x/"), "url"),
    ]:
        broken = copy.deepcopy(data)
        change(broken)
        errors = json_errors(schema, broken)
        assert errors and any(expected in e for e in errors), (expected, errors)


def test_every_draft_is_there_with_its_state_and_stable_field_names(example_build, example_plan):
    data, _ = _files(example_build)
    assert data["schema_version"] == opendata.SCHEMA_VERSION
    assert data["as_of"] == example_plan.now.isoformat()
    records = {r["id"]: r for r in data["drafts"]}
    assert set(records) == {v.draft.id for v in example_plan.drafts}
    assert [r["id"] for r in data["drafts"]] == sorted(records)
    base = example_plan.config.site.base_url
    for view in example_plan.drafts:
        record = records[view.draft.id]
        assert list(record) == DRAFT_FIELDS
        assert list(record["consultation"]) == CONSULTATION_FIELDS
        assert record["status"] == view.status.value
        assert record["url"] == urls.absolute(view.url, base)
        assert page_file(example_build, record["url"], base).is_file()
        for document in record["documents"]:
            if document["url"].startswith(base):
                assert page_file(example_build, document["url"], base).is_file()
    feed_ids = {i["id"] for i in load_json(example_build / "feeds" / "feed.json")["items"]}
    assert {r["feed_id"] for r in records.values()} == feed_ids
