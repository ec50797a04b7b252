"""The texts of a draft's communication kit: a radio script of about a minute with every number
said in words, a post that fits Zalo and Facebook with its link, and the share card in words,
for the example site, a generated province and drafts written to stretch them."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bench.corpus import write_corpus
from generator import build as pipeline
from generator.model import Status
from generator.outputs.share_card.layout import card_text
from generator.render.communication_kit import (POST_MAX_CHARS, SCRIPT_MAX_WORDS, WORDS_PER_MINUTE,
                                                communication_kit)
from generator.render.format_vi import date_short
from tests.conftest import REPO, TODAY, draft_text, make_site

ABBREVIATION_LEFT = re.compile(r"(?<![\w&])[A-ZĐ][A-ZĐ&\-]*[A-ZĐ](?!\w)")


def kits_of(config_path, today=TODAY):
    """{slug: (view, kit)} for every draft that has a kit page on `today`."""
    checked = pipeline.load_and_validate(pipeline.Options(config_path=config_path,
                                                          today=dt.date.fromisoformat(today)))
    assert checked.report.errors == []
    plan = pipeline.make_plan(checked)
    return {page.data["view"].draft.slug: (page.data["view"], communication_kit(page.data["view"], plan.config))
            for page in plan.pages_of("kit")}


@pytest.fixture(scope="module")
def example_kits():
    kits = kits_of(REPO / "site_config.yml")
    assert len(kits) >= 5
    return kits


@pytest.fixture(scope="module")
def corpus_kits(tmp_path_factory):
    corpus = write_corpus(tmp_path_factory.mktemp("corpus") / "site", 120)
    kits = kits_of(corpus.config, "2026-11-21")
    assert len(kits) == sum(d.state in ("open", "upcoming") for d in corpus.drafts) >= 10
    return kits


def assert_readable_aloud(slug, script):
    assert SCRIPT_MAX_WORDS * 2 // 3 <= script.words <= SCRIPT_MAX_WORDS, (slug, script.words, script.text)
    assert 40 <= script.seconds <= 65
    assert script.seconds == pytest.approx(script.words * 60 / WORDS_PER_MINUTE, abs=2.5)
    assert not any(c.isdigit() for c in script.text), (slug, script.text)
    assert not ABBREVIATION_LEFT.search(script.text), (slug, ABBREVIATION_LEFT.search(script.text))
    assert "@" not in script.text and "http" not in script.text and "/" not in script.text


def assert_postable(slug, view, kit):
    assert len(kit.post) <= POST_MAX_CHARS, (slug, len(kit.post))
    assert kit.post.endswith(kit.address) and kit.address.startswith("https://")
    assert kit.address.endswith(f"/du-thao/{slug}/")
    assert "đến hết" in kit.post and date_short(view.draft.consultation.deadline) in kit.post
    assert view.agency.name in kit.post


def test_every_script_of_the_example_site_is_about_a_minute_without_digits(example_kits):
    for slug, (view, kit) in example_kits.items():
        assert_readable_aloud(slug, kit.script)
        assert_postable(slug, view, kit)


def test_every_script_of_a_generated_province_is_about_a_minute_without_digits(corpus_kits):
    for slug, (view, kit) in corpus_kits.items():
        assert_readable_aloud(slug, kit.script)
        assert_postable(slug, view, kit)


def test_the_script_says_who_asks_about_what_until_when_and_how(example_kits):
    view, kit = example_kits["hoc-phi-2027-2028"]
    script = kit.script.text
    assert script.startswith("Kính thưa bà con.")
    assert "Sở Giáo dục và Đào tạo lấy ý kiến nhân dân về dự thảo Nghị quyết quy định mức học phí" in script
    assert "năm học hai nghìn không trăm hai mươi bảy – hai nghìn không trăm hai mươi tám" in script
    assert "Trẻ em mầm non và học sinh phổ thông học trường công lập vẫn được miễn học phí" in script
    assert ("từ ngày năm tháng mười một đến hết thứ Bảy, ngày năm tháng mười hai năm hai nghìn không trăm "
            "hai mươi sáu") in script
    assert "qua điện thoại số không hai sáu ba, ba tám hai hai, bốn năm sáu" in script
    assert "trực tuyến" in script and "qua thư điện tử" in script and "tại hội nghị lấy ý kiến" in script
    assert "Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng" in script


def test_amounts_dates_and_abbreviations_of_a_draft_are_said_right(tmp_path):
    summary = ("Hộ gia đình ở phường trả 45.000 đồng/tháng, hộ nghèo được giảm 12,5%. "
               "Quy định áp dụng từ ngày 01/4/2027 theo Nghị quyết của HĐND tỉnh và BQL chợ thu.")
    channels = [{"type": "phone", "number": "0263 3822 111"}, {"type": "email", "address": "gopy@example.gov.vn"}]
    meeting = {"type": "meeting", "date": "2026-11-28 14:30", "place": "Hội trường UBND phường 3"}
    config = make_site(tmp_path, {
        "phi-cho.md": draft_text(title="Dự thảo Nghị quyết về phí chợ năm 2027", summary=summary,
                                 consultation={"opens": "2026-11-10", "closes": "2026-12-05", "channels": channels}),
        "hoi-nghi.md": draft_text(summary="Dự thảo điều chỉnh phí chợ.",
                                  consultation={"opens": "2026-11-10", "closes": "2026-12-05",
                                                "channels": channels + [meeting]})},
        files={"glossary.yml": "BQL: Ban quản lý\n".encode()})
    kits = kits_of(config)
    view, kit = kits["phi-cho"]
    script = kit.script.text
    assert "về dự thảo Nghị quyết về phí chợ năm hai nghìn không trăm hai mươi bảy." in script
    assert "bốn mươi lăm nghìn đồng mỗi tháng" in script and "mười hai phẩy năm phần trăm" in script
    assert "từ ngày một tháng tư năm hai nghìn không trăm hai mươi bảy" in script
    assert "Hội đồng nhân dân tỉnh và Ban quản lý chợ" in script          # the table, then the glossary
    assert "đến hết thứ Bảy, ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu" in script
    assert "qua điện thoại số không hai sáu ba, ba tám hai hai, một một một" in script
    assert_readable_aloud("phi-cho", kit.script)
    assert kit.post.splitlines()[0] == "Sở Giáo dục và Đào tạo lấy ý kiến về dự thảo Nghị quyết về phí chợ năm 2027."
    assert "Thời gian góp ý: từ ngày 10/11/2026 đến hết Thứ Bảy, ngày 05/12/2026." in kit.post
    assert ("Hội nghị lấy ý kiến diễn ra lúc mười bốn giờ ba mươi phút, thứ Bảy, ngày hai mươi tám tháng mười "
            "một năm hai nghìn không trăm hai mươi sáu, tại Hội trường Ủy ban nhân dân phường ba.") \
        in kits["hoi-nghi"][1].script.text


def test_an_extension_is_said_as_one(example_kits):
    view, kit = example_kits["gia-dich-vu-rac-thai-sinh-hoat"]
    assert view.draft.consultation.extended_to is not None
    assert ("bắt đầu từ ngày mười chín tháng mười, đã được kéo dài đến hết thứ Tư, ngày hai tháng mười hai năm "
            "hai nghìn không trăm hai mươi sáu") in kit.script.text
    assert "từ ngày 19/10/2026, đã gia hạn đến hết Thứ Tư, ngày 02/12/2026." in kit.post


def test_very_long_texts_still_fit(tmp_path):
    title = "Dự thảo Nghị quyết quy định " + ", ".join(f"chính sách thứ {n} về hỗ trợ người dân" for n in range(1, 40))
    summary = " ".join(f"Điểm {n} của dự thảo thay đổi mức hỗ trợ cho hộ gia đình ở vùng sâu, vùng xa." for n in range(60))
    config = make_site(tmp_path, {"dai.md": draft_text(title=title, summary=summary,
                                                       affected=["Người dân " * 80, "Doanh nghiệp"])})
    view, kit = kits_of(config)["dai"]
    assert "lấy ý kiến nhân dân về một dự thảo Nghị quyết của Hội đồng nhân dân tỉnh." in kit.script.text
    assert kit.script.words <= SCRIPT_MAX_WORDS and not any(c.isdigit() for c in kit.script.text)
    assert len(kit.post) <= POST_MAX_CHARS and kit.post.endswith(kit.address)
    assert kit.post.splitlines()[0].endswith("….")


def test_the_texts_stay_the_same_from_one_day_to_the_next_while_the_state_does():
    before, after = kits_of(REPO / "site_config.yml", "2026-11-22"), kits_of(REPO / "site_config.yml", "2026-11-23")
    same_state = [slug for slug in before if slug in after and before[slug][0].status is after[slug][0].status]
    assert len(same_state) >= 5
    for slug in same_state:
        assert before[slug][1] == after[slug][1], slug


def test_the_card_is_described_with_the_words_it_shows(example_kits):
    site = pipeline.load_and_validate(pipeline.Options(config_path=REPO / "site_config.yml")).config.site
    states = set()
    for slug, (view, kit) in example_kits.items():
        card = card_text(view.draft, view.agency.name, view.status, view.state.label, site)
        for words in (card.site_name, card.status_label, card.title, card.agency, card.dates):
            assert words in kit.card_alt, (slug, words)
        states.add(view.status)
    assert states == {Status.OPEN, Status.UPCOMING}
