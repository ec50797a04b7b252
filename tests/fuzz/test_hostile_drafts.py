"""Fuzzing front matter and Markdown bodies: the build either succeeds with nothing live in
its output, or fails with diagnostics. Never a traceback.

Most examples go through the stages in this process (load, validate, plan, render of every
page the core renders, the feeds, calendar, open data, search files and share cards);
a few are whole builds with the real command line and MkDocs. The examples are drawn from
a fixed seed (`derandomize`) with fixed counts and deadlines, so every CI run of a commit
tries the same inputs and takes about the same time; no database of examples is kept
between runs. Outside CI each test tries a quarter of its examples (tests/fuzz/budget.py).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import build as pipeline
from generator.outputs.extras import write_extras
from generator.markup import markdown as markdown_render
from generator.render import pages as render
from tests.conftest import BASE_CONFIG, TODAY, run_policyhub
from tests.budget import examples
from tests.fuzz.live_markup import problems

IN_PROCESS = settings(max_examples=examples(120), deadline=dt.timedelta(seconds=20), derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
WHOLE_BUILDS = settings(max_examples=examples(6), deadline=dt.timedelta(seconds=120), derandomize=True, database=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- addresses and texts an attacker or a clumsy editor writes ------------------------------------
SCHEMES = ["", "https:", "http:", "mailto:", "tel:", "javascript:", "JaVaScRiPt:", "&#106;avascript:",
           "&#x6A;avascript:", "javascript&colon;", "javascript&#58;", "java&Tab;script:", "java&NewLine;script:",
           " javascript:", "java\tscript:", "data:", "data:text/html,", "vbscript:", "&#104;ttps:", "file:", "ftp:"]
HOSTS = ["", "//", "//evil.example/", "\\\\evil.example/", "/\\evil.example/", "&#47;&#47;evil.example/",
         "duthao.example.gov.vn/"]
TAILS = ["", "alert(1)", "x.png", "so-do.png", "#muc", "../khac.html", "gopy@example.gov.vn", "+842633822111",
         "a?b=1&amp;c=2", "<script>alert(1)</script>", "\" onmouseover=\"alert(1)"]
ADDRESSES = st.one_of(st.builds(lambda a, b, c: a + b + c, st.sampled_from(SCHEMES), st.sampled_from(HOSTS),
                                st.sampled_from(TAILS)),
                      st.text(max_size=30))
INJECTIONS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
              "\ue000policyhub-content\ue001", "\ue000policyhub-title\ue001", "{{ 7*7 }}", "{% raw %}", "&#106;",
              "\x00", "\x07", "\x85", "\u202e", "\ufeff", "\U0010ffff", "\ud800", "Học phí", "Sở GD&ĐT", "*", "&"]
TEXTS = st.one_of(st.text(max_size=40), st.sampled_from(INJECTIONS),
                  st.lists(st.sampled_from(INJECTIONS + ["Dự thảo", " ", "\n"]), max_size=4).map("".join))
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Co", "Cs", "Cn"),
                              exclude_characters="[]()<>!*_`\\#|:&"), max_size=12)
# what passes the check but is still tricky: markup characters, template syntax, entities, any letter
_ALLOWED = st.characters(codec="utf-8", exclude_categories=("Cc", "Co", "Cs", "Cn"))
PASSING_INJECTIONS = [i for i in INJECTIONS if not any(c in i for c in "\x00\x07\x85\ue000\U0010ffff\ud800")]
passing_texts = st.one_of(st.text(_ALLOWED, max_size=40), st.sampled_from(PASSING_INJECTIONS),
                          st.lists(st.sampled_from(PASSING_INJECTIONS + ["Dự thảo", " "]), max_size=4).map("".join))
passing_addresses = st.sampled_from(["so-do.png", "#muc", "../khac.html", "a?b=1&amp;c=2", "x%20y.html",
                                     "&#115;o-do.png", "<so-do.png>", "so-do.png \"tiêu đề\"", "", "./", "?q=&lt;"])
web_addresses = st.builds(lambda scheme, path: scheme + "duthao.example.gov.vn/" + path,
                          st.sampled_from(["https://", "http://", "HTTPS://"]),
                          st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Co", "Cs", "Cn", "Z")),
                                  max_size=20))


def _block(kind: str, address: str, text: str) -> str:
    """One piece of Markdown of the given kind around `address` and `text`."""
    return {
        "link": f"[{text}]({address})", "titled": f'[{text}]({address} "{text}")',
        "picture": f"![{text}]({address})", "reference": f"[{text}][r]\n\n[r]: {address}",
        "auto": f"<{address}>", "raw": f"<a href=\"{address}\">{text}</a>",
        "linked-picture": f"[![{text}]({address})]({address})", "heading": f"## {text}",
        "list": f"- {text}\n  - [{text}]({address})", "quote": f"> {text} [x]({address})",
        "table": f"| a | b |\n|---|---|\n| [{text}]({address}) | {text} |",
        "footnote": f"{text}[^1]\n\n[^1]: [{text}]({address})", "abbr": f"HĐND {text}\n\n*[HĐND]: [x]({address})",
        "code": f"`{address}`\n\n    {address}", "text": text, "definition": f"{text}\n:   [x]({address})",
    }[kind]


BLOCK_KINDS = ["link", "titled", "picture", "reference", "auto", "raw", "linked-picture", "heading", "list", "quote",
               "table", "footnote", "abbr", "code", "text", "definition"]


def bodies(addresses, texts):
    return st.lists(st.builds(_block, st.sampled_from(BLOCK_KINDS), addresses, st.one_of(words, texts)),
                    max_size=6).map("\n\n".join)

PASSING_FILES = ["du-thao.pdf", "so-do.png", "a b.pdf"]
FILE_NAMES = ["du-thao.pdf", "so-do.png", "bieu-do.svg", "trang.html", "./x/../du-thao.pdf", "../ngoai.pdf",
              "/etc/passwd", "javascript:alert(1)//x.pdf", "ngoai.pdf", "ban-dich-en.md", "khong-co.pdf", "", "a b.pdf"]
YAML_EXTRAS = ["", "tags: &a [x]\nkey_questions: *a", "affected: " + "[" * 40 + "]" * 40,
               "tags: !!binary aGVsbG8=", "tags: !!python/object/apply:os.system ['echo pwned']", "summary: {a: b}",
               "key_questions: !!set {a, b}", "tags: !!omap [{a: 1}]", "contact: [1, 2]", "id: Không hợp lệ",
               "slug: '!!!'", "withdrawn_on: 2026-02-30", "status: withdrawn", "status: adopted",
               "consultation: x", "tags: [1, 2.5, true, null, 2026-01-01]", "title: \"\\u0007\"", "\t- tab"]


MODES = ["nothing"] * 5 + ["texts", "links", "urls", "yaml", "files", "everything"]


@st.composite
def draft_sites(draw, modes=tuple(MODES), content_pages=False):
    """(files of a site: path -> bytes) around one draft, a home introduction and a translation.

    Each kind of input is hostile in some examples and only tricky in others: the texts, the
    links and pictures of Markdown, the URL fields, the YAML and the file names. An example hostile
    in one way only (or in every way) fails the check for that alone, so the checks of each
    kind are tried on their own; nearly half are hostile in no way and pass the check, so
    that the later stages see everything the check lets through."""
    hostile = draw(st.sampled_from(modes))
    hostile_text, hostile_links, hostile_urls, hostile_yaml, hostile_files = (
        hostile in (kind, "everything") for kind in ("texts", "links", "urls", "yaml", "files"))
    texts = TEXTS if hostile_text else passing_texts
    required = texts if hostile_text else texts.filter(str.strip)
    urls = ADDRESSES if hostile_urls else web_addresses
    body = bodies(ADDRESSES if hostile_links else passing_addresses, texts)
    if not hostile_links:   # links to the web too (pictures in `body` stay relative)
        body = st.tuples(body, st.lists(web_addresses.map(lambda u: f"[liên kết]({u})"), max_size=2)) \
            .map(lambda parts: "\n\n".join([parts[0], *parts[1]]))
    odd = [True] if hostile_yaml else []   # values that are valid YAML but wrong for a draft
    front = {"title": draw(st.one_of(st.just("Dự thảo Nghị quyết về học phí"), required)),
             "doc_type": "nghi-quyet-hdnd", "agency": draw(st.sampled_from(["so-giao-duc-dao-tao", "so-y-te"]
                                                                          + ["x"] * len(odd))),
             "topics": ["giao-duc"], "summary": draw(st.one_of(st.just("Tóm tắt dễ hiểu."), required)),
             "consultation": {"opens": "2026-11-10",
                              "closes": draw(st.sampled_from(["2026-12-10", "2026-12-31"] + ["2026-11-01"] * len(odd))),
                              "channels": [{"type": "email", "address": "gopy@example.gov.vn"}]}}
    if draw(st.booleans()):
        front["consultation"]["channels"].append({"type": "form", "url": draw(urls)})
    if draw(st.booleans()):
        front["affected"] = draw(st.lists(texts, max_size=3))
        front["tags"] = draw(st.lists(texts, max_size=3))
    files_named = st.sampled_from(FILE_NAMES if hostile_files else PASSING_FILES)
    if draw(st.booleans()):
        front["documents"] = draw(st.lists(st.one_of(
            st.fixed_dictionaries({"title": required, "file": files_named}),
            st.fixed_dictionaries({"title": required, "url": urls})), min_size=1, max_size=3))
    if draw(st.booleans()):
        value = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=True), texts) if odd else \
            st.one_of(st.integers(0, 10**15), st.floats(0, 1e15))
        front["infographics"] = [{"image": draw(st.sampled_from(FILE_NAMES if hostile_files else ["so-do.png"])),
                                  "alt": draw(required)},
                                 {"type": "figures", "title": draw(required),
                                  "items": [{"label": draw(required), "value": draw(value)}]}]
    if draw(st.booleans()):
        front["status"] = "adopted"
        front["outcome"] = {"document_number": draw(required), "date": "2026-11-01", "url": draw(urls)}
    if draw(st.booleans()):
        front["translations"] = [{"lang": draw(st.sampled_from(["en", "fr"] + ["vi", "x y"] * len(odd))),
                                  "file": draw(st.sampled_from(["ban-dich-en.md"]
                                                               + ["../x.md", "bieu-do.svg"] * hostile_files))}]
    if draw(st.booleans()):
        front["response"] = {"published": "2027-01-15", "total": draw(st.integers(-5 * len(odd), 5)),
                             "items": [{"topic": draw(texts), "comment": draw(required), "answer": draw(required),
                                        "accepted": draw(st.sampled_from(["yes", "no", "partly"]
                                                                         + ["maybe"] * len(odd)))}]}
    front_text = yaml.safe_dump(front, allow_unicode=draw(st.booleans()), sort_keys=False)
    extra = draw(st.sampled_from(YAML_EXTRAS)) if hostile_yaml else ""
    draft = f"---\n{front_text}{extra + chr(10) if extra else ''}---\n\n{draw(body)}\n"
    name = draw(st.sampled_from(["drafts/hoc-phi/index.md", "drafts/2026/hoc-phi.md", "drafts/Học Phí 2027.md"]
                                + ["drafts/!!!.md"] * hostile_files))
    folder = name.rsplit("/", 1)[0]
    # a lone surrogate cannot be written as UTF-8: mostly replaced, sometimes written as invalid bytes
    errors = draw(st.sampled_from(["replace", "replace", "replace", "surrogatepass"])) if hostile_text else "replace"
    files = {name: draft.encode("utf-8", errors),
             f"{folder}/du-thao.pdf": b"%PDF-1.4\n", f"{folder}/a b.pdf": b"%PDF-1.4\n",
             f"{folder}/so-do.png": b"\x89PNG\r\n\x1a\n", f"{folder}/bieu-do.svg": b"<svg onload='alert(1)'/>"}
    if "translations" in front:
        files[f"{folder}/ban-dich-en.md"] = (f"---\ntitle: {json.dumps(draw(required))}\n---\n\n{draw(body)}\n"
                                             .encode("utf-8", "replace"))
    if draw(st.booleans()):
        files["content/index.md"] = f"# Giới thiệu\n\n{draw(body)}\n".encode("utf-8", "replace")
    if content_pages or draw(st.booleans()):
        title = json.dumps(draw(required))   # JSON is YAML: one line, any character escaped
        files["content/gioi-thieu.md"] = f"---\ntitle: {title}\n---\n\n{draw(body)}\n".encode("utf-8", "replace")
    return files


def _write(root: Path, files: dict[str, bytes]) -> Path:
    root.mkdir(parents=True)
    config = root / "site_config.yml"
    config.write_text(yaml.safe_dump(BASE_CONFIG, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    outside = root.parent / "ngoai.pdf"
    outside.write_bytes(b"secret")
    for folder in {p.parent for p in (root / n for n in files) if p.parent.name != "content"}:
        if not (folder / "ngoai.pdf").exists():
            os.symlink(outside, folder / "ngoai.pdf")
    return config


def _diagnostics_are_whole(report) -> None:
    for d in report.errors:
        assert d.path and d.line >= 1 and d.column >= 1 and d.code, d
        for lang in ("vi", "en"):   # put into words in both languages, with a fix
            message, fix = d.words(lang)
            assert message.strip() and fix.strip(), d


@IN_PROCESS
@given(draft_sites())
def test_each_stage_either_reports_or_renders_nothing_live(files):
    with tempfile.TemporaryDirectory(prefix="policyhub-fuzz-") as folder:
        config = _write(Path(folder) / "s", files)
        options = pipeline.Options(config_path=config, today=dt.date.fromisoformat(TODAY), quiet=True,
                                   use_cache=False, workers=1)
        checked = pipeline.load_and_validate(options)
        if checked.report.errors:
            _diagnostics_are_whole(checked.report)
            return
        plan = pipeline.make_plan(checked)
        if plan is None:
            _diagnostics_are_whole(checked.report)
            return
        renderer = render.PageRenderer(plan, render.theme_dirs(checked.sources.theme_dir))
        for page in plan.pages:
            if page.kind == "content":
                continue   # the engine renders these; see the whole builds below
            parts = renderer.render(page)
            for fragment in (parts.content, parts.head, parts.footer):
                assert problems(str(fragment)) == [], (page.url, str(fragment)[:2000])
        out = Path(folder) / "extras"
        out.mkdir()
        write_extras(plan, out, workers=1)


@pytest.fixture(scope="module")
def theme_scripts(example_build) -> set:
    """The scripts of the site built from the repository's example: the theme's own."""
    return _theme_scripts(example_build)


def _theme_scripts(site: Path) -> set:
    return {_script_key(element) for page in site.rglob("*.html")
            for element in lxml.html.document_fromstring(page.read_text(encoding="utf-8")).iter("script")}


def _script_key(element) -> tuple:
    src = element.get("src")
    if src is not None:
        return ("src", src.lstrip("./").lstrip("/"))
    if (element.get("type") or "") == "application/json":
        return ("json", element.get("id"))   # data, not code
    return ("inline", element.text or "")


@WHOLE_BUILDS
@given(draft_sites(modes=("nothing", "nothing", "nothing", "links", "everything"), content_pages=True))
def test_a_whole_build_either_fails_with_diagnostics_or_publishes_nothing_live(theme_scripts, files):
    allowed = theme_scripts
    with tempfile.TemporaryDirectory(prefix="policyhub-fuzz-") as folder:
        config = _write(Path(folder) / "s", files)
        result = run_policyhub("build", "--config", str(config), "--today", TODAY, "--quiet", "--no-cache")
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (0, 1), result.stderr
        site = config.parent / "site"
        if result.returncode == 1:
            assert " lỗi: " in result.stderr and not site.exists(), result.stderr
            return
        for page in site.rglob("*.html"):
            found = problems(page.read_text(encoding="utf-8"), allowed_script=lambda e: _script_key(e) in allowed)
            assert found == [], (page, found)


QUICK_LOOK = settings(max_examples=examples(1500), deadline=dt.timedelta(seconds=5), derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow])


@QUICK_LOOK
@given(st.one_of(bodies(ADDRESSES, TEXTS), bodies(passing_addresses, passing_texts),
                 st.lists(st.sampled_from(["[", "]", "(", ")", "<", ">", "!", ":", " ", "\n", "&", ";", "#", "\\",
                                           "/", "j", "a", "v", "s", "c", "r", "i", "p", "t", "h", "x", "1"]),
                          max_size=40).map("".join)))
def test_the_quick_look_of_check_never_misses_an_unsafe_address(body):
    # `check` renders a body only when a quick look finds that it might hold an unsafe address
    assume(not any("\ud800" <= c <= "\udfff" for c in body))   # a text read from a file has no surrogates
    if not markdown_render.might_hold_unsafe_address(body):
        assert markdown_render.MarkdownRenderer(shift_headings=0).render(body).unsafe == ()
