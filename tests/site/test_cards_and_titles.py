"""Listings show a short teaser of each draft, the draft page its whole summary, and every
page names the site once in its title."""
from __future__ import annotations

import yaml
from lxml import html

from generator.model.sentences import TEASER_WORDS
from tests.conftest import REPO

CONFIG = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
SITE_NAME = CONFIG["site"]["name"]


def read(path):
    return html.fromstring(path.read_bytes())


def test_every_title_names_the_site_once(example_build):
    titles = {p.relative_to(example_build).as_posix(): read(p).findtext(".//title")
              for p in sorted(example_build.rglob("*.html"))}
    assert titles["index.html"] == SITE_NAME
    repeated = {k: t for k, t in titles.items() if t.count(SITE_NAME) != 1}
    assert repeated == {}
    # every other page leads with its own name
    draft = titles["du-thao/hoc-phi-2027-2028/index.html"]
    assert draft.startswith("Dự thảo Nghị quyết") and draft.endswith(" - " + SITE_NAME)


def test_cards_carry_a_teaser_and_the_draft_page_the_whole_summary(example_build):
    home = read(example_build / "index.html")
    cards = home.xpath('//article[contains(@class, "ph-card")]')
    assert len(cards) >= 5
    cut = 0
    for card in cards:
        link = card.xpath('.//h2/a | .//h3/a')[0]
        teaser = card.xpath('.//p[@class="ph-card__summary"]')[0].text_content().strip()
        page = read(example_build / link.get("href"))
        summary = " ".join(page.xpath('//section[@class="ph-summary"]//p')[0].text_content().split())
        words = teaser.removesuffix(" …").split()
        assert len(words) <= TEASER_WORDS, teaser
        assert summary.startswith(" ".join(words)), (teaser, summary)
        # status, agency and deadline stay on the card
        assert card.xpath('.//*[contains(@class, "ph-status")]') and card.xpath('.//*[@class="ph-card__agency"]')
        assert card.xpath('.//p[@class="ph-card__dates"]')[0].text_content().strip()
        cut += teaser != summary
    assert cut >= 3   # the example's summaries are longer than a sentence
