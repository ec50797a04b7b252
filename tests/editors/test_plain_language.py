"""Plain-language warnings with file:line:col, their settings, and glossary terms explained on the page."""
import copy
import json

from generator.markup.markdown import MarkdownRenderer
from generator.model import GlossaryTerm
from tests.conftest import BASE_CONFIG, TODAY, draft_text, make_site, run_policyhub

LONG = "Từ " + " ".join(["từ"] * 54) + "."


def check(tmp_path, drafts, config=None, files=None):
    site = make_site(tmp_path, drafts, config=config, files=files)
    result = run_policyhub("check", "--config", str(site), "--today", TODAY, "--format", "json", "--lang", "en")
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def found(report, code):
    return [(d["path"], d["line"], d["column"], d["message"]) for d in report["diagnostics"] if d["code"] == code]


def test_a_long_body_sentence_is_pointed_at(tmp_path):
    body = "## Nội dung\n\nCâu ngắn đầu tiên. " + LONG + "\n\n- Mục ngắn.\n"
    _, report = check(tmp_path, {"a.md": draft_text(body=body)})
    text = (tmp_path / "drafts/a.md").read_text(encoding="utf-8").split("\n")
    [(path, line, column, message)] = found(report, "long-sentence")
    assert path == "drafts/a.md" and "55 words, more than 50" in message
    assert text[line - 1][column - 1:].startswith("Từ từ từ")          # the sentence, not the paragraph
    assert report["errors"] == 0


def test_a_long_sentence_in_a_folded_summary_is_found_on_its_line(tmp_path):
    first = "Chữ " + " ".join(["chữ"] * 19)
    text = draft_text().replace("summary: Tóm tắt dễ hiểu của dự thảo.\n",
                                "summary: >-\n  Câu một ngắn.\n  " + first + "\n  " + " ".join(["chữ"] * 32) + " hết.\n")
    _, report = check(tmp_path, {"a.md": text})
    [(_, line, column, _)] = found(report, "long-sentence")
    lines = text.split("\n")
    assert lines[line - 1] == "  " + first and column == 3


def test_abbreviations_need_their_full_name_once(tmp_path):
    body = ("UBND tỉnh giao Sở lập danh sách. Hội đồng nhân dân (HĐND) quyết định; HĐND họp cuối năm. "
            "Việc GPMB do xã làm. Chương II giữ nguyên; tệp PDF kèm theo; số 12/2026/NQ-HĐND.\n")
    config = copy.deepcopy(BASE_CONFIG)
    config["plain_language"] = {"known_abbreviations": ["PDF"]}
    _, report = check(tmp_path, {"a.md": draft_text(body=body)}, config=config)
    warned = {m.split("'")[1]: (line, column) for _, line, column, m in found(report, "undefined-abbreviation")}
    assert set(warned) == {"UBND", "GPMB"}          # HĐND is written out; II is a number; PDF is known
    lines = (tmp_path / "drafts/a.md").read_text(encoding="utf-8").split("\n")
    line, column = warned["GPMB"]
    assert lines[line - 1][column - 1:].startswith("GPMB")


def test_the_glossary_explains_abbreviations_and_terms_in_the_summary_are_flagged(tmp_path):
    files = {"glossary.yml": "UBND: Ủy ban nhân dân\ntờ trình: văn bản đề nghị thông qua chính sách\n".encode()}
    drafts = {"a.md": draft_text(summary="Theo tờ trình của UBND, mức hỗ trợ tăng.", body="UBND tỉnh trình.\n"),
              "b.md": draft_text(title="Dự thảo B", summary="Theo tờ trình (văn bản đề nghị) mức tăng.")}
    _, report = check(tmp_path, drafts, files=files)
    assert found(report, "undefined-abbreviation") == []
    terms = found(report, "glossary-term-in-summary")
    assert sorted((p, m) for p, _, _, m in terms) == [
        ("drafts/a.md", "the summary uses 'UBND', a term readers may not know"),
        ("drafts/a.md", "the summary uses 'tờ trình', a term readers may not know")]


def test_the_lint_can_be_tuned_or_switched_off(tmp_path):
    config = copy.deepcopy(BASE_CONFIG)
    config["plain_language"] = {"sentence_max_words": 60, "abbreviations": False}
    _, report = check(tmp_path / "a", {"a.md": draft_text(body=LONG + " UBND.\n")}, config=config)
    assert report["warnings"] == 0
    config["plain_language"] = {"enabled": False}
    _, report = check(tmp_path / "b", {"a.md": draft_text(body=" ".join(["từ"] * 80) + ".\n")}, config=config)
    assert report["warnings"] == 0


def test_bad_settings_and_glossaries_are_config_errors(tmp_path):
    config = copy.deepcopy(BASE_CONFIG)
    config["plain_language"] = {"sentence_max_words": "bốn mươi", "abbreviation": True, "glossary": "thuat-ngu.yml"}
    result, _ = check(tmp_path / "a", {"a.md": draft_text()}, config=config)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    messages = [d["message"] for d in report["diagnostics"]]
    assert "unknown field 'plain_language.abbreviation'" in messages
    assert any("(plain_language.sentence_max_words) must be a whole number" in m for m in messages)
    assert any(m.endswith("the glossary file 'thuat-ngu.yml' does not exist") for m in messages)
    result, _ = check(tmp_path / "b", {"a.md": draft_text()}, files={"glossary.yml": "tờ trình:\n".encode()})
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert result.returncode == 2
    assert diagnostic["path"].endswith("/b/glossary.yml") and diagnostic["line"] == 1
    assert diagnostic["message"] == "the glossary term 'tờ trình' has no explanation"


def test_the_example_site_has_no_plain_language_warnings_left():
    result = run_policyhub("check", "--today", TODAY, "--format", "json")
    assert json.loads(result.stdout)["warnings"] == 0, result.stdout


GLOSSARY = (GlossaryTerm("đánh giá tác động", "phân tích lợi ích và chi phí"), GlossaryTerm("HĐND", "Hội đồng nhân dân"),
            GlossaryTerm("tờ trình", "văn bản <đề nghị> & giải thích"))


def test_a_term_is_explained_once_where_the_body_first_uses_it():
    html = MarkdownRenderer(glossary=GLOSSARY).render(
        "## Tờ trình\n\nXem [tờ trình](to-trinh.pdf). Theo **Tờ trình** của Sở, HĐND xem xét; tờ trình nêu rõ.\n\n"
        "Báo cáo đánh giá\ntác động kèm theo.\n").html
    assert html.count("<dfn") == 3
    assert '<h3 id="to-trinh">Tờ trình</h3>' in html                    # headings and links stay as they are
    assert '<a href="to-trinh.pdf">tờ trình</a>' in html
    assert ('<strong><dfn class="ph-term">Tờ trình</dfn><span class="ph-term__note"> '
            '(văn bản &lt;đề nghị&gt; &amp; giải thích)</span></strong>') in html
    assert '<dfn class="ph-term">HĐND</dfn><span class="ph-term__note"> (Hội đồng nhân dân)</span>' in html
    assert '<dfn class="ph-term">đánh giá\ntác động</dfn>' in html      # across a line break
    assert html.count("tờ trình nêu rõ") == 1


def test_a_term_the_editor_already_explains_is_left_alone():
    html = MarkdownRenderer(glossary=GLOSSARY).render("HĐND (Hội đồng nhân dân tỉnh) họp.\n").html
    assert "<dfn" not in html and "HĐND (Hội đồng nhân dân tỉnh) họp." in html


def test_the_example_draft_page_explains_its_glossary_terms(example_build):
    page = (example_build / "du-thao/hoc-phi-2027-2028/index.html").read_text(encoding="utf-8")
    assert ('<dfn class="ph-term">Cấp bù</dfn><span class="ph-term__note"> (khoản tiền ngân sách nhà nước chuyển '
            'cho trường công lập thay cho học phí mà học sinh được miễn)</span>') in page
    assert page.count('class="ph-term"') == page.count('class="ph-term__note"') >= 2
