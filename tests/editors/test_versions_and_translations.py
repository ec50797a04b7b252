"""Earlier versions shown as a readable diff; reference translations as pages of their own."""
import json
import re

from generator.plan.version_diff import compare
from tests.conftest import TODAY, draft_text, make_site, run_policyhub

EARLIER = """## Mức thu

Điều 1. Mức thu là 300.000 đồng mỗi tháng, áp dụng cho
mọi trường.

Đoạn này sẽ bị bỏ vì không còn phù hợp với thực tế.

- Thu hai lần mỗi năm.

| Cấp học | Mức |
|---|---:|
| Mầm non | 300.000 |
"""
CURRENT = """## Mức thu

Điều 1. Mức thu là 355.000 đồng mỗi tháng, áp dụng
cho mọi trường.

- Thu hai lần mỗi năm.
- Thu theo số tháng thực học.

| Cấp học | Mức |
|---|---:|
| Mầm non | 355.000 |
"""


def test_blocks_are_matched_by_article_and_only_changed_words_are_marked():
    changes = compare(EARLIER, CURRENT)
    assert [(c.kind, c.section) for c in changes] == [
        ("changed", "Mức thu"), ("removed", "Mức thu"), ("added", "Mức thu"), ("changed", "Mức thu")]
    article = changes[0]
    assert [(s.kind, s.text) for s in article.segments if s.kind != "same"] == [
        ("removed", "300.000"), ("added", "355.000")]
    # a moved line break is not a change; the untouched list item is not listed at all
    assert "áp dụng cho mọi trường." in "".join(s.text + " " for s in article.segments)
    assert changes[2].segments[0].text == "Thu theo số tháng thực học."
    assert [(s.kind, s.text) for s in changes[3].segments if s.kind != "same"] == [
        ("removed", "300.000"), ("added", "355.000")]


def test_nothing_changed_means_no_changes():
    assert compare(CURRENT, CURRENT.replace("áp dụng\ncho", "áp dụng cho")) == []


def _site(tmp_path, extra, files):
    return make_site(tmp_path, {"hoc-phi/index.md": draft_text(body=CURRENT, extra=extra)}, files=files)


def test_the_example_draft_page_shows_what_changed(example_build):
    page = (example_build / "du-thao/hoc-phi-2027-2028/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="thay-doi"'):page.index('id="noi-dung-du-thao"')]
    assert "Những điểm thay đổi so với bản trước" in section
    assert "So với dự thảo lần 1 (ngày 21/09/2026)" in section
    assert ('<ins><span class="ph-visually-hidden">[thêm: </span>và đặc khu Phú Quý'
            '<span class="ph-visually-hidden">]</span></ins>') in section
    assert '<del><span class="ph-visually-hidden">[bỏ: </span>9<span class="ph-visually-hidden">]</span></del>' in section
    assert re.search(r"<strong class=\"ph-change__kind\">Bổ sung</strong>, mục “Những điểm chính của dự thảo”", section)
    # the earlier version is part of its draft, not a draft of its own
    assert not (example_build / "du-thao/du-thao-lan-1").exists()
    assert not (example_build / "du-thao/ban-dich-en").exists()


def test_edition_files_are_not_read_as_drafts(tmp_path):
    # a translation's front matter has none of a draft's required fields: that is no error
    files = {"drafts/hoc-phi/lan-1.md": EARLIER.encode(),
             "drafts/hoc-phi/ban-dich-en.md": b"---\ntitle: Tuition fees\n---\nText.\n"}
    config = _site(tmp_path, """
        versions:
          - {version: "1", date: 2026-10-01, file: lan-1.md}
        translations:
          - {lang: en, file: ban-dich-en.md}
        """, files)
    result = run_policyhub("check", "--config", str(config), "--today", TODAY)
    assert result.returncode == 0 and result.stdout.startswith("Đã kiểm tra 1 dự thảo và 0 trang"), result.stdout


def test_a_broken_edition_file_is_reported_as_itself(tmp_path):
    files = {"drafts/hoc-phi/ban-dich-en.md": b"---\ntitle: [broken\n---\n[x](javascript:alert(1))\n"}
    config = _site(tmp_path, """
        translations:
          - {lang: en, file: ban-dich-en.md}
        """, files)
    result = run_policyhub("check", "--config", str(config), "--today", TODAY)
    assert result.returncode == 1
    assert result.stdout.startswith("drafts/hoc-phi/ban-dich-en.md:3:1: lỗi: phần thông tin đầu tệp sai cú pháp "
                                    "YAML: danh sách trong [ ] thiếu dấu ',' hoặc dấu ']'\n"), result.stdout


def test_translation_languages_are_checked(tmp_path):
    config = _site(tmp_path, """
        translations:
          - {lang: English, file: en.md}
          - {lang: vi, file: en.md}
        """, {"drafts/hoc-phi/en.md": b"Text.\n"})
    result = run_policyhub("check", "--config", str(config), "--today", TODAY, "--format", "json")
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert result.returncode == 1 and codes == ["bad-lang", "bad-lang"]


def test_the_translation_is_its_own_page_linked_both_ways(example_build):
    draft = (example_build / "du-thao/hoc-phi-2027-2028/index.html").read_text(encoding="utf-8")
    translation = (example_build / "du-thao/hoc-phi-2027-2028/en/index.html").read_text(encoding="utf-8")
    assert ('<a href="../../du-thao/hoc-phi-2027-2028/en/index.html" hreflang="en">'
            '<span lang="en">English</span> (Tiếng Anh)</a>') in draft
    assert '<strong>Bản dịch tham khảo</strong> (Tiếng Anh)' in translation
    assert '<span lang="en">Reference translation. Only the Vietnamese text is official.</span>' in translation
    assert 'href="../../../du-thao/hoc-phi-2027-2028/index.html" hreflang="vi"' in translation
    wrapped = translation[translation.index('<div lang="en" class="ph-translation__text">'):]
    assert "<h1>Draft Resolution on tuition fees" in wrapped and "Why this policy is needed</h2>" in wrapped
    sitemap = (example_build / "sitemap.xml").read_text(encoding="utf-8")
    assert "du-thao/hoc-phi-2027-2028/en/</loc>" in sitemap
