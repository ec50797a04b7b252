"""Checks that need no broken-site folder: what a valid draft becomes, positions, NFC."""
import datetime as dt
import hashlib
import json
import unicodedata

from generator import build as pipeline
from generator.model import Status
from tests.conftest import draft_text, make_site, run_policyhub


def check(tmp_path, drafts, today="2026-11-22", **kw):
    config = make_site(tmp_path, drafts, **kw)
    return pipeline.load_and_validate(pipeline.Options(config_path=config, today=dt.date.fromisoformat(today)))


def test_a_valid_draft_becomes_a_typed_model(tmp_path):
    checked = check(tmp_path, {"2026/hoc-phi.md": draft_text()})
    assert checked.report.diagnostics == []
    (draft,) = checked.drafts
    assert (draft.slug, draft.id, draft.agency, draft.topics) == ("hoc-phi", "hoc-phi", "so-giao-duc-dao-tao",
                                                                 ("giao-duc",))
    c = draft.consultation
    assert (c.opens.isoformat(), c.closes.isoformat()) == ("2026-11-10T00:00:00+07:00", "2026-12-10T23:59:59+07:00")
    assert draft.status_on(checked.now) is Status.OPEN


def test_a_draft_in_its_own_folder_takes_the_folder_name_as_slug(tmp_path):
    checked = check(tmp_path, {"2026/bang-gia-dat/index.md": draft_text()})
    assert checked.drafts[0].slug == "bang-gia-dat"


def test_times_are_read_in_the_site_zone(tmp_path):
    text = draft_text(opens="2026-11-10 08:00", closes="2026-12-10 17:00")
    (draft,) = check(tmp_path, {"a.md": text}).drafts
    assert draft.consultation.opens.isoformat() == "2026-11-10T08:00:00+07:00"
    assert draft.consultation.closes.isoformat() == "2026-12-10T17:00:00+07:00"


def test_decomposed_vietnamese_is_normalised_to_nfc(tmp_path):
    title = unicodedata.normalize("NFD", "Dự thảo về đất đai")
    (draft,) = check(tmp_path, {"a.md": draft_text(title=title)}).drafts
    assert draft.title == unicodedata.normalize("NFC", title) != title


def test_documents_get_format_size_and_sha256(tmp_path):
    text = draft_text(documents=[{"title": "Dự thảo", "file": "du-thao.pdf", "kind": "draft"}])
    checked = check(tmp_path, {"2026/a/index.md": text}, files={"drafts/2026/a/du-thao.pdf": b"%PDF-1.4 x"})
    (doc,) = checked.drafts[0].documents
    assert (doc.format, doc.size) == ("PDF", 10)
    assert doc.sha256 == hashlib.sha256(b"%PDF-1.4 x").hexdigest()


def test_a_shortened_period_with_a_reason_passes(tmp_path):
    text = draft_text(opens="2026-11-10", closes="2026-11-20",
                      extra="", consultation={"opens": "2026-11-10", "closes": "2026-11-20",
                                              "shortened_reason": "Khắc phục hậu quả sạt lở (trình tự rút gọn)",
                                              "channels": [{"type": "email", "address": "a@b.vn"}]})
    assert check(tmp_path, {"a.md": text}).report.errors == []


def test_check_json_gives_the_same_diagnostics_as_text(tmp_path):
    make_site(tmp_path, {"a.md": draft_text(closes="2026-11-01"), "b.md": draft_text(agency="so-yte")})
    text = run_policyhub("check", "--config", str(tmp_path / "site_config.yml"), "--today", "2026-11-22")
    data = run_policyhub("check", "--config", str(tmp_path / "site_config.yml"), "--today", "2026-11-22",
                         "--format", "json")
    assert text.returncode == data.returncode == 1
    parsed = json.loads(data.stdout)
    assert parsed["errors"] == 2 and parsed["language"] == "vi"
    # the codes and severities are stable words; message and hint are the text's, in the site's language
    assert sorted(d["code"] for d in parsed["diagnostics"]) == ["closes-before-opens", "unknown-agency"]
    said = {"error": "lỗi", "warning": "cảnh báo"}
    for d in parsed["diagnostics"]:
        assert f"{d['line']}:{d['column']}: {said[d['severity']]}: {d['message']}" in text.stdout
        assert f"cách sửa: {d['hint']}" in text.stdout
    unknown = next(d for d in parsed["diagnostics"] if d["code"] == "unknown-agency")
    assert unknown["params"] == {"field": "agency", "value": "so-yte", "guess": "so-y-te", "table": "agencies"}
    english = json.loads(run_policyhub("check", "--config", str(tmp_path / "site_config.yml"), "--today",
                                       "2026-11-22", "--format", "json", "--lang", "en").stdout)
    assert [d["code"] for d in english["diagnostics"]] == [d["code"] for d in parsed["diagnostics"]]
    assert english["language"] == "en" and "there is no agency 'so-yte'" in unknown_message(english)


def unknown_message(report: dict) -> str:
    return next(d["message"] for d in report["diagnostics"] if d["code"] == "unknown-agency")


def test_did_you_mean_is_offered_only_for_a_key_really_close():
    from generator.validate.fields import suggestion

    agencies = ["van-phong-ubnd", "so-nong-nghiep-moi-truong", "so-giao-duc-dao-tao", "so-y-te", "so-xay-dung"]
    assert suggestion("so-cong-thuong", agencies) == ""          # shares only "so" and a shape
    assert suggestion("so-nong-nghiep", agencies) == "so-nong-nghiep-moi-truong"   # the same words, some left out
    assert suggestion("so-giao-duc", agencies) == "so-giao-duc-dao-tao"
    assert suggestion("so-yte", agencies) == "so-y-te"           # a typing slip
    assert suggestion("so-xay-dungg", agencies) == "so-xay-dung"
    assert suggestion("sumary", ["title", "summary", "agency"]) == "summary"
    assert suggestion("status", ["title", "summary", "agency"]) == ""
    assert suggestion("so-tai-chinh", agencies) == ""


def test_an_unrelated_key_gets_no_guess_in_check(tmp_path):
    from tests.conftest import BASE_CONFIG

    config = json.loads(json.dumps(BASE_CONFIG))
    config["agencies"]["so-nong-nghiep-moi-truong"] = {"name": "Sở Nông nghiệp và Môi trường"}
    make_site(tmp_path, {"a.md": draft_text(agency="so-cong-thuong")}, config=config)
    result = run_policyhub("check", "--config", str(tmp_path / "site_config.yml"), "--today", "2026-11-22",
                           "--format", "json")
    [found] = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "unknown-agency"]
    assert "có phải là" not in found["hint"] and not found["params"]["guess"]


def test_the_day_a_draft_was_posted_is_kept_and_may_not_follow_its_opening(tmp_path):
    channels = [{"type": "email", "address": "a@b.vn"}]
    posted = draft_text(consultation={"announced": "2026-11-01", "opens": "2026-12-10", "closes": "2027-01-10",
                                      "channels": channels})
    result = check(tmp_path / "ok", {"a.md": posted})
    assert result.report.errors == []
    assert result.drafts[0].consultation.announced == dt.date(2026, 11, 1)
    late = draft_text(consultation={"announced": "2026-12-11", "opens": "2026-12-10", "closes": "2027-01-10",
                                    "channels": channels})
    (error,) = check(tmp_path / "late", {"a.md": late}).report.errors
    assert (error.code, error.line) == ("announced-after-opens", 9)
