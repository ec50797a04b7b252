"""The search index and its Python side: folding, pairs, shards whose scores add up to
lunr.py's, ranking, and the files of a built site."""
from __future__ import annotations

import hashlib
import json
import math

import pytest

from bench.corpus import write_corpus
from generator.outputs.search import counting, drafts, folding, shards
from generator.outputs.search import index as search_index
from generator.outputs.search.passages import passages
from tests.conftest import REPO, draft_text, make_site, run_policyhub
from tests.search.oracle import (SiteSearch, draft_terms, expand, expected_top, plan_of, queries, read_data,
                                 reference_index, reference_scores)

# lunr.js 2.3.9 as published (npm lunr@2.3.9, lunr.js)
LUNR_JS_SHA256 = "9431726f05c0eae2a6e54dc197709422869f25cad44f2430d2fb7ddae80cc717"


# ---- folding --------------------------------------------------------------------------

@pytest.mark.parametrize("word, folded", [
    ("đất", "dat"), ("Đất".lower(), "dat"), ("phí", "phi"), ("người", "nguoi"), ("hưởng", "huong"),
    ("ắ", "a"), ("ỹ", "y"), ("ơ", "o"), ("ư", "u"), ("2027", "2027"),
])
def test_fold_removes_tone_and_vowel_marks_and_dd(word, folded):
    assert folding.fold(word) == folded


def test_tokens_are_nfc_lower_case_and_split_on_punctuation():
    # "học" typed with a combining dot below and a combining acute on "phí"
    assert folding.tokens("HỌC PHÍ, năm 2027–2028") == ["học", "phí", "năm", "2027", "2028"]
    assert folding.tokens("ho\u0323c phi\u0301") == ["học", "phí"]
    assert folding.tokens("Lâm Đồng 😀 x") == ["lâm", "đồng", "x"]
    assert folding.tokens("dấu_gạch") == ["dấu", "gạch"]


def test_stop_words_are_matched_with_their_marks():
    # "về" (about) is a stop word; "vé" (ticket) folds to the same letters and stays
    assert folding.tokens("quy định về giá vé") == ["quy", "định", "giá", "vé"]


def test_terms_are_words_and_pairs_side_by_side_not_across_punctuation_or_paragraphs():
    counts = folding.terms("Học phí, học sinh.\nnhà ở của các xã\n\nphí")
    assert counts["học"] == 2 and counts["phí"] == 2 and counts["học phí"] == 1 and counts["học sinh"] == 1
    assert "phí học" not in counts and "sinh nhà" not in counts
    # a stop word beside a word is kept in the pair ("nhà ở"), two stop words are not ("của các")
    assert counts["nhà ở"] == 1 and "ở" not in counts and "của các" not in counts and "các xã" in counts
    assert "xã phí" not in counts          # a blank line ends a paragraph
    assert folding.query_syllables("lòng đường, hè phố") == [("lòng", True), ("đường", False), ("hè", True),
                                                              ("phố", False)]


def test_passages_are_plain_text_of_the_body():
    body = ("## 2. Mức thu lệ phí\n\nĐoạn có [liên kết](https://x.vn/a_(b)) và **chữ đậm**[^1].\n"
            "dòng tiếp\n\n- mục một\n- mục hai\n\n| Cột | Mức |\n|---|---:|\n| Xe máy | 5 |\n\n"
            "[^1]: Chú thích &amp; thêm.\n")
    assert passages(body) == ["Mức thu lệ phí", "Đoạn có liên kết và chữ đậm. dòng tiếp", "mục một", "mục hai",
                              "Cột · Mức", "Xe máy · 5", "Chú thích & thêm."]


def test_a_block_is_counted_as_each_of_its_drafts_on_its_own(corpus_plan):
    """counting.count (numpy over a block) gives every draft's fields the counts of
    drafts.field_terms (a Counter per text), also for texts of stop words, marks typed apart,
    characters outside the BMP, underscores and empty fields."""
    views = corpus_plan.drafts[:60]
    texts = [[view.draft.title, "\n\n".join(drafts.about_texts(view)), "\n\n".join(passages(corpus_plan.body(view.draft)))]
             for view in views]
    odd = [["", "", ""], ["của các và", "về vé, về\n\nvé vé", "ho\u0323c phi\u0301 😀 x_y 😀"],
           ["Học phí học phí", "học phí. Học\nphí", "học  phí học\n\nphí"]]
    counts = counting.count(texts + odd)
    for number, view in enumerate(views):
        assert counts.fields(number) == drafts.field_terms(view, passages(corpus_plan.body(view.draft))), view.draft.slug
    for number, fields in enumerate(odd, start=len(views)):
        title = folding.terms(fields[0])
        about = {t: c for t, c in folding.terms(fields[1]).items() if t not in title}
        body = {t: c for t, c in folding.terms(fields[2]).items() if t not in title and t not in about}
        assert counts.fields(number) == [dict(title), about, body]
    assert counts.fields(len(views) + 2)[0] == {"học": 2, "phí": 2, "học phí": 2, "phí học": 1}


# ---- shards add up to one lunr.py index -------------------------------------------------

@pytest.fixture(scope="module")
def example_plan():
    return plan_of(REPO / "site_config.yml")


@pytest.fixture(scope="module")
def corpus_plan(tmp_path_factory):
    return plan_of(write_corpus(tmp_path_factory.mktemp("corpus") / "120", 120).config)


@pytest.fixture(scope="module")
def example_reference(example_plan):
    return reference_index(example_plan)


@pytest.fixture(scope="module")
def corpus_reference(corpus_plan):
    """lunr.py's index of the 120 drafts (a second of work): made once, only queried."""
    return reference_index(corpus_plan)


def _written(plan, tmp_path, target=None):
    folder = tmp_path / "tim-kiem"
    if target is None:
        search_index.write_search(plan, tmp_path)
    else:
        original = shards.SHARD_POSTINGS
        shards.SHARD_POSTINGS = target
        try:
            search_index.write_search(plan, tmp_path)
        finally:
            shards.SHARD_POSTINGS = original
    return folder


def test_shards_split_by_folded_form_and_their_scores_add_up_to_lunr_py(corpus_plan, corpus_reference, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(shards, "SHARD_POSTINGS", 1500)   # many shards out of 120 drafts
    search_index.write_search(corpus_plan, tmp_path)
    search = SiteSearch(tmp_path / "tim-kiem")
    bounds = search.contents["shards"]
    assert len(bounds) > 20 and bounds == sorted(bounds) and bounds[0] == ""
    # every spelling of a folded form is in the one shard its folded form points to
    seen: dict[str, int] = {}
    for number in range(len(bounds)):
        for entry in read_data(tmp_path / "tim-kiem" / "chi-muc" / f"{number}.js"):
            key = folding.fold(entry[0])
            assert seen.setdefault(key, number) == number and search.shard_of(key) == number, entry[0]
    reference = corpus_reference
    for query in ["hoc phi", "đất đai", "phí bảo vệ môi trường", "thu hoi dat", "Điều 5", "khanh hoa", "phi"]:
        hits = search.rank(query)
        assert hits, query
        terms = sorted({t for number in range(len(bounds)) for t in _asked_terms(search, query, number)})
        expected = reference_scores(reference, terms)
        for hit in hits:
            assert math.isclose(hit.score, expected[hit.ref], rel_tol=1e-9, abs_tol=1e-12), (query, hit)


def _index_contents(serialized: dict) -> tuple[dict, dict]:
    """A lunr 2.3.9 serialised index as (term, field) → its refs, and (field/ref, term) →
    the score in that document vector; empty fields and vectors say nothing."""
    names = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
    refs = {(term, field): sorted(posting[field]) for term, posting in serialized["invertedIndex"]
            for field in serialized["fields"] if posting[field]}
    scores = {(key, names[vector[i]]): vector[i + 1] for key, vector in serialized["fieldVectors"]
              for i in range(0, len(vector), 2)}
    return refs, scores


@pytest.mark.parametrize("site", ["example", "corpus"])
def test_the_shards_together_are_lunr_py_own_index_of_the_drafts(site, request, tmp_path):
    """Every term, field, document and score of lunr.py's Builder over the same term counts
    is in the shards, and nothing else: the build computes lunr's index without lunr."""
    plan, reference = request.getfixturevalue(f"{site}_plan"), request.getfixturevalue(f"{site}_reference")
    search_index.write_search(plan, tmp_path)
    folder = tmp_path / "tim-kiem" / "chi-muc"
    fields = [name for name, _ in shards.FIELDS]
    refs, scores = {}, {}
    for number in range(len(list(folder.glob("*.js")))):
        shard_refs, shard_scores = _index_contents(expand(read_data(folder / f"{number}.js"), fields))
        assert not refs.keys() & shard_refs.keys()           # a term lives in one shard only
        refs.update(shard_refs)
        scores.update(shard_scores)
    expected_refs, expected_scores = _index_contents(reference.serialize())
    assert len(expected_refs) > 500 and len(expected_scores) > 5000
    assert refs == expected_refs
    assert scores == expected_scores


def _asked_terms(search, query, number):
    """The terms a query asked of shard `number` (those of every unit it read)."""
    syllables = folding.query_syllables(query)
    keys = [folding.fold(w) for w, _ in syllables]
    keys += [f"{folding.fold(a)} {folding.fold(b)}" for (a, j), (b, _) in zip(syllables, syllables[1:]) if j]
    groups = search.shard(number)[1]
    found = []
    for key in keys:
        if search.shard_of(key) == number and key in groups:
            found += groups[key]
    pairs = {k for k in keys if " " in k and k in search.shard(search.shard_of(k))[1]}
    # a word is asked on its own only where no pair of it is known
    covered = {part for pair in pairs for part in pair.split(" ")}
    return [t for t in found if " " in t or folding.fold(t) not in covered]


def test_every_word_of_the_body_is_found_with_or_without_marks(tmp_path):
    body = "## Bến đò\n\nKhách qua Bến đò Thủy Biều trả phí theo Điều 5 của quy định.\n"
    config = make_site(tmp_path / "src", {"a.md": draft_text(body=body), "b.md": draft_text(title="Dự thảo khác")})
    search_index.write_search(plan_of(config), tmp_path / "out")
    search = SiteSearch(tmp_path / "out" / "tim-kiem")
    for query in ["Thủy Biều", "thuy bieu", "ben do thuy bieu", "điều 5", "dieu 5"]:
        hits = search.rank(query)
        assert len(hits) == 1 and hits[0].tier == 2, query
    assert not search.rank("zzzz")


def test_shared_queries_find_what_the_drafts_say(example_plan, tmp_path):
    search = SiteSearch(_written(example_plan, tmp_path, target=400))   # several shards even here
    assert len(search.contents["shards"]) > 3
    drafts = draft_terms(example_plan)
    assert len(queries()) >= 20
    for item in queries():
        hits = search.rank(item["q"])
        expected = expected_top(item["q"], drafts)
        assert bool(hits) == bool(expected), item
        if expected:
            assert hits[0].number in expected, (item, drafts[hits[0].number].title, [drafts[i].title for i in expected])


# ---- what "all the words" means, and the order -----------------------------------------------

def _ranked(tmp_path, drafts: dict, query: str) -> list[str]:
    config = make_site(tmp_path / "src", drafts)
    plan = plan_of(config)
    search_index.write_search(plan, tmp_path / "out")
    titles = [view.draft.title for view in plan.drafts]
    return [titles[hit.number] for hit in SiteSearch(tmp_path / "out" / "tim-kiem").rank(query)]


def test_words_side_by_side_in_the_query_must_stand_side_by_side_in_the_draft(tmp_path):
    found = _ranked(tmp_path, {
        "a.md": draft_text(title="Dự thảo quy định mức học phí năm học mới", summary="Tóm tắt."),
        "b.md": draft_text(title="Dự thảo hỗ trợ học sinh", summary="Kinh phí do ngân sách bảo đảm."),
        "c.md": draft_text(title="Dự thảo về trường mầm non", summary="Học phí của trẻ mầm non giữ nguyên."),
    }, "hoc phi mam non")
    # "học phí" and "mầm non" side by side, apart from each other: c; a lacks "mầm non",
    # b has "học" and "phí" only apart
    assert found == ["Dự thảo về trường mầm non"]
    # where no draft writes the two side by side, they are words of their own, found apart
    assert _ranked(tmp_path / "2", {"a.md": draft_text(title="Dự thảo hỗ trợ học sinh", summary="Kinh phí.")},
                   "hoc phi") == ["Dự thảo hỗ trợ học sinh"]


def test_open_drafts_come_before_finished_ones_with_equal_matches(tmp_path):
    found = _ranked(tmp_path, {
        # adopted, and "đất đai" twice in its title: it would win on lunr's score alone
        "a-da-ban-hanh.md": draft_text(title="Dự thảo đất đai, đất đai ven biển", status="adopted",
                                       opens="2025-01-05", closes="2025-02-05",
                                       outcome={"document_number": "1/2025/NQ-HĐND", "date": "2025-03-01"}),
        "b-dang-lay-y-kien.md": draft_text(title="Dự thảo quy định về đất đai", opens="2026-11-10",
                                           closes="2026-12-10"),
        "c-than-bai.md": draft_text(title="Dự thảo khác", summary="Tóm tắt.", body="Nói về đất đai.\n",
                                    opens="2026-11-10", closes="2026-12-10"),
    }, "dat dai")
    assert found == ["Dự thảo quy định về đất đai", "Dự thảo đất đai, đất đai ven biển", "Dự thảo khác"]


def test_title_first_then_summary_then_body(tmp_path):
    found = _ranked(tmp_path, {
        "a.md": draft_text(title="Dự thảo một", summary="Tóm tắt khác.", body="Cồng chiêng ở đây.\n"),
        "b.md": draft_text(title="Dự thảo hai", summary="Về cồng chiêng Tây Nguyên."),
        "c.md": draft_text(title="Dự thảo bảo tồn cồng chiêng", summary="Tóm tắt."),
    }, "cong chieng")
    assert found == ["Dự thảo bảo tồn cồng chiêng", "Dự thảo hai", "Dự thảo một"]


def test_exact_marks_rank_first_and_no_marks_find_both(tmp_path):
    drafts = {
        # the draft with "dát đài" has the words twice in its title: it would win on score alone
        "a.md": draft_text(title="Dự thảo quy định về dát đài, dát đài phun nước", summary="Tóm tắt một."),
        "b.md": draft_text(title="Dự thảo quy định về quản lý đất đai ven sông", summary="Tóm tắt hai."),
    }
    assert _ranked(tmp_path / "1", drafts, "Đất đai")[0].endswith("đất đai ven sông")
    assert _ranked(tmp_path / "2", drafts, "dát đài")[0].endswith("phun nước")
    assert len(_ranked(tmp_path / "3", drafts, "dat dai")) == 2


# ---- the built site --------------------------------------------------------------------------

def test_lunr_js_is_the_published_2_3_9(example_build):
    shipped = (REPO / "theme/assets/javascripts/lunr.js").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == LUNR_JS_SHA256
    published = REPO / "node_modules/lunr/lunr.js"
    if published.exists():   # npm ci installs lunr@2.3.9 (package.json)
        assert published.read_bytes() == shipped
    assert json.loads((REPO / "package.json").read_text())["devDependencies"]["lunr"] == "2.3.9"
    assert (example_build / "assets/javascripts/lunr.js").read_bytes() == shipped
    assert b"@license MIT" in shipped[:300]


def test_site_has_search_files(example_build):
    search = example_build / "tim-kiem"
    contents = read_data(search / "muc-luc.js")
    assert contents["lunr"] == "2.3.9" and [f for f, _ in contents["fields"]] == ["t", "s", "b"]
    count = contents["count"]
    assert count == len(contents["status"]) == len(list((search / "du-thao").glob("*.js")))
    assert len(list((search / "chi-muc").glob("*.js"))) == len(contents["shards"])
    card = read_data(search / "du-thao" / "0.js")
    assert set(card) == {"url", "title", "agency", "opens", "closes", "answered", "adopted", "number", "withdrawn",
                         "summary", "body"}
    html = (search / "index.html").read_text(encoding="utf-8")
    # the page loads the engine and its own script; lunr.js is loaded by the engine's worker,
    # or by search.js where the engine runs on the page (from disk)
    assert 'src="../assets/javascripts/search-engine.js"' in html and 'src="../assets/javascripts/search.js"' in html
    assert 'data-lunr="../assets/javascripts/lunr.js"' in html and 'src="../assets/javascripts/lunr.js"' not in html
    home = (example_build / "index.html").read_text(encoding="utf-8")
    assert "search.js" not in home and "search-engine.js" not in home and "lunr.js" not in home


def test_header_search_form_on_every_page_leads_to_search_page(example_build):
    from lxml import html as lxml_html
    for path, action in [("index.html", "tim-kiem/index.html"),
                         ("du-thao/hoc-phi-2027-2028/index.html", "../../tim-kiem/index.html"),
                         ("gioi-thieu.html", "tim-kiem/index.html")]:
        tree = lxml_html.fromstring((example_build / path).read_bytes())
        forms = tree.xpath('//header//form[@role="search"]')
        assert len(forms) == 1, path
        form = forms[0]
        assert form.get("action") == action and form.get("method") == "get"
        field = form.xpath('.//input[@name="q"]')[0]
        assert tree.xpath(f'//label[@for="{field.get("id")}"]')
        assert (example_build / path).parent.joinpath(action).resolve().is_file()
    # material's own search stays off: no search index of its own
    assert not (example_build / "search" / "search_index.json").exists()


def test_search_files_are_reproducible_and_hostile_text_stays_data(tmp_path):
    evil = 'Dự thảo "); window.pwned=1; (" \u2028 </script>'
    config = make_site(tmp_path / "src", {"a.md": draft_text(title=evil, summary="Tóm tắt \\u0022 phí.")})
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", "2026-11-22", "--quiet")
        assert result.returncode == 0, result.stderr
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in (outs[0] / "tim-kiem").rglob("*") if p.is_file())
    assert len(files) > 4
    for name in files:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    card_file = outs[0] / "tim-kiem" / "du-thao" / "0.js"
    assert "\u2028" not in card_file.read_text(encoding="utf-8")
    assert read_data(card_file)["title"] == evil.replace("\u2028", "\u2028")
