"""The frame audit's rules, on frames written by hand: where each slot may stand, what a
filter leaves of a marker, and two pages that differ outside their slots."""
from __future__ import annotations

import pytest

from generator.diagnostics import Report
from generator.engines.audit import audit
from generator.engines.base import TOKEN

SOURCES = {slot: "{{ " + slot + " }}" for slot in TOKEN}
GOOD = """<!doctype html>
<html lang="vi"><head>
<meta charset="utf-8"><meta name="description" content="{description}">
<link rel="canonical" href="{canonical}">
<meta property="og:title" content='{title}'><meta property="og:url" content="{canonical}">
{head}
<title>{title} - Cổng góp ý</title>
</head>
<body><header><span class="topic">{title}</span></header>
<main><article aria-label="{title}">{content}</article></main>
<footer><div>{footer}</div><a href="{canonical}">{canonical}</a></footer>
<script src="assets/app.js"></script>
</body></html>
"""


def frame(text: str = GOOD, **changes: str) -> str:
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return text.format(**TOKEN)


def problems(first: str, last: str | None = None) -> list[tuple[str, str]]:
    report = Report()
    audit(report, "theme/draft.html", "draft.html", SOURCES, ("du-thao/a/", first), ("du-thao/z/", last or first))
    return [(d.code, d.message("en")) for d in report.errors]


def test_a_frame_with_every_slot_in_its_place_passes_and_keeps_its_slots_in_order():
    report = Report()
    found = audit(report, "theme/draft.html", "draft.html", SOURCES, ("a/", frame()), ("z/", frame()))
    assert report.errors == []
    assert found.slots == ("description", "canonical", "title", "canonical", "head", "title", "title", "title",
                           "content", "footer", "canonical", "canonical")
    assert found.fill({slot: f"[{slot}]" for slot in TOKEN}) == GOOD.replace("{", "[").replace("}", "]")


@pytest.mark.parametrize("slot, what", [("title", "title"), ("description", "description"),
                                        ("canonical", "canonical address"), ("head", "head additions"),
                                        ("content", "main content"), ("footer", "footer")])
def test_a_dropped_slot_is_named(slot, what):
    text = GOOD.replace("{" + slot + "}", "")
    assert problems(frame(text)) == [("frame-slot-missing", f"draft.html leaves out the page's {what}: every page "
                                                            "built from it would be without it")]


@pytest.mark.parametrize("text, message", [
    (GOOD.replace("{head}\n", "").replace("<main>", "<main>{head}"),
     "draft.html writes the page's head additions inside <main>"),
    (GOOD.replace("<article", "<p").replace("</article>", "</p>"),
     "draft.html writes the page's main content inside <p>"),
    (GOOD.replace("<div>{footer}</div>", "<h2>{footer}</h2>"), "draft.html writes the page's footer inside <h2>"),
    (GOOD.replace('src="assets/app.js"></script>', '>var t = "{title}";</script>'),
     "draft.html writes the page's title inside <script>"),
    (GOOD.replace('<span class="topic">', '<span onclick="say(\'{description}\')">'),
     "draft.html writes the page's description in the attribute onclick of <span>"),
    (GOOD.replace("content='{title}'", "content={title}"),
     "draft.html writes the page's title in the attribute content of <meta> without quotes"),
    (GOOD.replace('<a href="{canonical}">', '<a href="{title}">'),
     "draft.html writes the page's title in the attribute href of <a>"),
    (GOOD.replace("<main>", "<main><!-- {description} -->"),
     "draft.html writes the page's description inside a tag or a comment"),
    (GOOD.replace("<title>{title} - Cổng góp ý</title>", "<title>Cổng góp ý</title>"),
     "draft.html writes the page's title, but never in <title> inside <head>"),
    (GOOD.replace('rel="canonical"', 'rel="alternate"'),
     'draft.html writes the page\'s canonical address, but never as the href of <link rel="canonical"> inside <head>'),
])
def test_a_slot_outside_its_place_is_refused(text, message):
    assert problems(frame(text)) == [("frame-slot-misplaced", message)]


@pytest.mark.parametrize("text, message", [
    (GOOD.replace("</main>", "</main><aside>{content}</aside>"), "draft.html writes the page's main content 2 times"),
    (GOOD.replace("{head}", "{head}{head}"), "draft.html writes the page's head additions 2 times"),
    (GOOD.replace("</title>", "</title><title>{title}</title>"), "draft.html writes the page's title 2 times"),
])
def test_a_slot_written_twice_where_once_belongs_is_refused(text, message):
    assert problems(frame(text)) == [("frame-slot-repeated", message)]


@pytest.mark.parametrize("remains, slot", [
    ("\ue000POLICYHUB-TITLE\ue00f", "title"),          # |upper
    ("\ue000policy...", "title"),                      # |truncate
    ("\ue002...", "canonical address"),                # cut to its first character
    ("%EE%80%81policyhub-description%EE%80%8F", "description"),   # |urlencode
])
def test_what_a_filter_leaves_of_a_marker_is_found_and_its_slot_named(remains, slot):
    found = problems(frame(GOOD.replace("<main>", f"<main><p>{remains}</p>")))
    assert found == [("frame-marker-altered", f"draft.html changes the marker of the page's {slot} (a filter such as "
                      f"|upper or |truncate on {{{{ {slot.split()[0]} }}}}): every page built from it would show "
                      "the marker's remains instead of its own text")]


def test_a_private_use_character_left_in_the_frame_is_refused_even_without_a_name():
    found = problems(frame(GOOD.replace("<main>", "<main>\uf0b7")))
    assert [code for code, _ in found] == ["frame-marker-altered"]
    assert found[0][1].startswith("draft.html changes the marker of a slot")


def test_two_pages_that_differ_outside_their_slots_are_refused_with_where_they_differ():
    first = frame(GOOD.replace("<main>", "<main><p>du-thao/a/index.html</p>"))
    last = frame(GOOD.replace("<main>", "<main><p>du-thao/z/index.html</p>"))
    [(code, message)] = problems(first, last)
    assert code == "frame-page-specific"
    assert message.startswith("draft.html writes something of each page outside its slots: du-thao/a/ and "
                              "du-thao/z/, built with markers, differ at line 10: ")
    # from the start of the line (or 30 characters before), 40 characters on
    assert ("'<main><p>du-thao/a/index.html</p><article aria-label=\"{ti' against "
            "'<main><p>du-thao/z/index.html</p><article aria-label=\"{ti'") in message
