"""The new parts of a draft page as readers meet them: axe-core finds nothing in light and dark."""
import pytest

from tests.browser.helpers import format_violations, run_axe

PAGES = ("du-thao/hoc-phi-2027-2028/index.html",      # what changed, glossary terms, link to the translation
         "du-thao/hoc-phi-2027-2028/en/index.html")   # the reference translation


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_changes_glossary_and_translation_pass_axe(browser, site_server, scheme):
    page = browser.new_page()
    page.emulate_media(color_scheme=scheme)
    failures = []
    for path in PAGES:
        page.goto(site_server + path)
        violations = run_axe(page)
        if violations:
            failures.append(f"{path} ({scheme}):\n{format_violations(violations)}")
    # added and removed words differ by more than colour: underline and strike-through
    page.goto(site_server + PAGES[0])
    styles = page.evaluate("""() => ['ins', 'del'].map(tag => getComputedStyle(
        document.querySelector('.ph-change__text ' + tag)).textDecorationLine)""")
    page.close()
    assert not failures, "\n".join(failures)
    assert styles == ["underline", "line-through"]
