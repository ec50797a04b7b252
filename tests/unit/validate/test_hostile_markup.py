"""Markdown that Python-Markdown reads slowly or not at all is refused by `check`, with the
paragraph's line, before any page is rendered; ordinary texts with many links pass."""
from generator.validate.markdown_checks import DENSITY_LIMITS, MAX_NESTING, body_diagnostics
from tests.conftest import TODAY, draft_text, make_site, run_policyhub


def _codes(body: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in body_diagnostics("drafts/x.md", body, 10)]


def test_a_paragraph_of_unclosed_brackets_is_refused_at_its_line():
    body = "Đoạn đầu bình thường.\n\n" + "[" * 20_000 + "\n"
    assert _codes(body) == [("too-dense", 12)]


def test_a_paragraph_of_character_references_is_refused():
    body = "Mở đầu.\n\nDòng hai.\n\n" + "&#106;" * 40_000
    assert _codes(body) == [("too-dense", 14)]


def test_many_links_in_a_long_table_are_ordinary_text():
    rows = "\n".join(f"| [Văn bản {n}](https://vanban.example.gov.vn/{n}) | [Phụ lục](phu-luc-{n}.pdf) |"
                     for n in range(DENSITY_LIMITS["["] // 2 - 10))
    body = "| Văn bản | Phụ lục |\n|---|---|\n" + rows + "\n\nGiá &amp; phí &amp; lệ phí.\n"
    assert _codes(body) == []


def test_the_same_characters_spread_over_paragraphs_are_fine():
    body = "\n\n".join("[" * 50 for _ in range(100))
    assert _codes(body) == []


def test_lists_nested_beyond_any_text_are_refused():
    body = "Đoạn mở đầu.\n\n" + "".join("    " * level + "- mục\n" for level in range(MAX_NESTING + 5))
    codes = _codes(body)
    assert codes and codes[0][0] == "nested-too-deep"


def test_check_and_build_refuse_a_hostile_draft_and_a_hostile_page_without_hanging(tmp_path):
    site = make_site(tmp_path / "site", {"hoc-phi.md": draft_text(body="## Nội dung\n\n" + "![" * 30_000 + "\n")},
                     content={"gioi-thieu.md": "# Giới thiệu\n\n" + "&#106;" * 60_000 + "\n"}).parent
    result = run_policyhub("check", "--today", TODAY, cwd=site)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "too-dense" in line or "'['" in line or "'&'" in line]
    assert any(line.startswith("drafts/hoc-phi.md:") for line in lines), result.stdout
    assert any(line.startswith("content/gioi-thieu.md:3:1:") for line in lines), result.stdout
    assert "Traceback" not in result.stderr
    built = run_policyhub("build", "--today", TODAY, "--quiet", cwd=site)
    assert built.returncode == 1 and not (site / "site").exists()
