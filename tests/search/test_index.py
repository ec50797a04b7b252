"""The search index and its Python side: folding, lunr.py equivalence, ranking, files."""
from __future__ import annotations

import json

import pytest
from lunr.index import Index

from bench.corpus import write_corpus
from generator.outputs.search import folding
from generator.outputs.search import index as search_index
from tests.conftest import REPO, draft_text, make_site, run_policyhub
from tests.search.oracle import draft_words, expected_top, plan_of, queries


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


def test_stop_words_are_matched_with_their_marks():
    # "về" (about) is a stop word; "vé" (ticket) folds to the same letters and stays
    assert folding.tokens("quy định về giá vé") == ["quy", "định", "giá", "vé"]


# ---- the index equals lunr.py's ---------------------------------------------------------

def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


@pytest.fixture(scope="module")
def example_plan():
    return plan_of(REPO / "site_config.yml")


@pytest.fixture(scope="module")
def corpus_plan(tmp_path_factory):
    return plan_of(write_corpus(tmp_path_factory.mktemp("corpus") / "200", 200).config)


@pytest.mark.parametrize("which", ["example_plan", "corpus_plan"])
def test_serialised_index_is_exactly_what_lunr_py_builds(which, request):
    plan = request.getfixturevalue(which)
    records = search_index.records(plan)
    ours = search_index.serialise_index(records)
    reference = search_index.lunr_py_index(records).serialize()
    assert _dump(ours) == _dump(reference)


def test_serialiser_agrees_with_lunr_py_for_other_parameters(example_plan):
    # length normalisation and boosts other than ours: the writer follows lunr, not a special case
    records = search_index.records(example_plan)[:7]
    fields = (("t", 3), ("x", 2))
    ours = search_index.serialise_index(records, fields=fields, k1=1.5, b=0.75)
    assert _dump(ours) == _dump(search_index.lunr_py_index(records, fields=fields, k1=1.5, b=0.75).serialize())


def test_shared_queries_find_what_the_drafts_say(example_plan):
    index = Index.load(json.loads(json.dumps(search_index.serialise_index(search_index.records(example_plan)))))
    drafts = draft_words(example_plan)
    assert len(queries()) >= 20
    for item in queries():
        hits, complete = search_index.rank(index, item["q"])
        expected = expected_top(item["q"], drafts)
        if expected:
            assert complete and hits, item
            assert int(hits[0].ref, 16) in expected, (item, drafts[int(hits[0].ref, 16)].title,
                                                  [drafts[i].title for i in expected])
        else:
            assert not complete, item


# ---- ranking ------------------------------------------------------------------------------

def test_exact_marks_rank_first_and_no_marks_find_both(tmp_path):
    config = make_site(tmp_path, {
        # the draft with "dát đài" has the words twice in its title: it would win on score alone
        "a.md": draft_text(title="Dự thảo quy định về dát đài, dát đài phun nước", summary="Tóm tắt một."),
        "b.md": draft_text(title="Dự thảo quy định về quản lý đất đai ven sông", summary="Tóm tắt hai."),
    })
    plan = plan_of(config)
    index = Index.load(search_index.serialise_index(search_index.records(plan)))
    titles = [view.draft.title for view in plan.drafts]

    def ranked(query):
        hits, _ = search_index.rank(index, query)
        return [titles[int(hit.ref, 16)] for hit in hits]

    assert ranked("Đất đai")[0].endswith("đất đai ven sông")
    assert ranked("dát đài")[0].endswith("phun nước")
    assert len(ranked("dat dai")) == 2


def test_body_text_is_not_indexed_but_headings_are(tmp_path):
    body = "## Mức thu lệ phí trước bạ\n\nĐoạn văn có từ hiếm xylophon.\n\n```\n# mãnguồnkhôngphảitiêuđề\n```\n"
    config = make_site(tmp_path, {"a.md": draft_text(body=body)})
    index = Index.load(search_index.serialise_index(search_index.records(plan_of(config))))
    assert search_index.rank(index, "le phi truoc ba")[0]
    assert not search_index.rank(index, "xylophon")[0]
    assert not search_index.rank(index, "mãnguồnkhôngphảitiêuđề")[0]


# ---- the built site --------------------------------------------------------------------------

def test_site_has_search_data_and_lunr_from_mkdocs_material(example_build):
    search = example_build / "tim-kiem"
    index = json.loads((search / "chi-muc.json").read_text(encoding="utf-8"))
    data = json.loads((search / "du-lieu.json").read_text(encoding="utf-8"))
    assert index["version"] == "2.3.9" and index["fields"] == ["t", "x"]
    assert len(data["drafts"]) == len(list((REPO / "drafts").rglob("*.md"))) - len(
        [p for p in (REPO / "drafts").rglob("*.md") if p.name != "index.md" and (p.parent / "index.md").exists()])
    lunr_js = (example_build / "assets/javascripts/lunr.js").read_text(encoding="utf-8")
    assert "lunr - http://lunrjs.com" in lunr_js and "2.3.9" in lunr_js.splitlines()[1]
    # the repository carries no copy of lunr.js: it comes from the installed package
    assert not [p for p in (REPO / "theme").rglob("lunr*.js")]
    html = (search / "index.html").read_text(encoding="utf-8")
    assert 'src="../assets/javascripts/lunr.js"' in html and 'src="../assets/javascripts/search.js"' in html
    home = (example_build / "index.html").read_text(encoding="utf-8")
    assert "search.js" not in home and "lunr.js" not in home


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


def test_search_files_are_reproducible(tmp_path):
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = run_policyhub("build", "--config", str(REPO / "site_config.yml"), "--out", str(out),
                               "--today", "2026-11-22", "--quiet")
        assert result.returncode == 0, result.stderr
        outs.append(out)
    for name in ("tim-kiem/chi-muc.json", "tim-kiem/du-lieu.json", "tim-kiem/index.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
