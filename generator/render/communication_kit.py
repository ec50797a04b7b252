"""A draft's communication kit (`du-thao/<slug>/truyen-thong/`): the script the commune radio
(đài truyền thanh cơ sở) reads aloud, the post for the agency's Zalo or Facebook page, and
the description of the share card.

Every text gives absolute dates and nothing that depends on the day of the build ("còn 4
ngày" would be false by the time a script copied on Monday is read on Thursday): while the
draft's state stays the same, so do its texts.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from generator.model import SiteConfig, Status
from generator.plan import urls
from generator.plan.plan import DraftView
from generator.render.format_vi import WEEKDAYS, date_short, has_time
from generator.render.spoken_vi import date_words, digits_words, spoken, time_words
from generator.validate.plain_language import Span, is_abbreviation, sentences, word_count

# Vietnamese read calmly over outdoor loudspeakers, with the pauses that the echo between
# poles needs: about three words (tiếng, syllables) a second; radio news is read at four to five.
WORDS_PER_MINUTE = 180
SCRIPT_MAX_WORDS = 180          # "about a minute" at that pace
POST_MAX_CHARS = 500            # a post that Zalo and Facebook show whole, link included


@dataclass(frozen=True)
class RadioScript:
    text: str

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def seconds(self) -> int:
        """Reading time at a calm pace, to the nearest five seconds."""
        return max(5, round(self.words * 60 / WORDS_PER_MINUTE / 5) * 5)


@dataclass(frozen=True)
class CommunicationKit:
    script: RadioScript
    post: str
    card_alt: str
    address: str                 # the draft page's absolute address


def communication_kit(view: DraftView, config: SiteConfig) -> CommunicationKit:
    address = urls.absolute(view.url, config.site.base_url)
    return CommunicationKit(radio_script(view, config), social_post(view, address),
                            card_alt(view, config), address)


# -- the radio script -------------------------------------------------------------------------

class _Script:
    """Parts of the script by place; optional parts are taken in order of importance while
    the script stays within SCRIPT_MAX_WORDS."""

    def __init__(self):
        self.parts: dict[tuple[int, int], str] = {}

    def words(self) -> int:
        return sum(word_count(text) for text in self.parts.values())

    def offer(self, place: tuple[int, int], text: str) -> bool:
        """Take `text` at `place` (in place of what is there) if the script stays within budget."""
        growth = word_count(text) - word_count(self.parts.get(place, ""))
        if self.words() + growth > SCRIPT_MAX_WORDS:
            return False
        self.parts[place] = text
        return True

    def text(self) -> str:
        paragraphs: dict[int, list[str]] = {}
        for (paragraph, _), text in sorted(self.parts.items()):
            paragraphs.setdefault(paragraph, []).append(text)
        return "\n\n".join(" ".join(texts) for _, texts in sorted(paragraphs.items()))


def _about(title: str) -> str:
    """A title after "về": "Dự thảo Nghị quyết …" -> "dự thảo Nghị quyết …"."""
    title = title.strip().rstrip(".")
    return "d" + title[1:] if title.startswith("Dự thảo") else title


def _join_or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " hoặc " + items[-1]


def radio_script(view: DraftView, config: SiteConfig) -> RadioScript:
    draft, c = view.draft, view.draft.consultation
    abbreviations = {t.term: t.explanation for t in config.plain_language.glossary if is_abbreviation(t.term)}
    portal = spoken(config.site.name, abbreviations)

    def say(text: str) -> str:
        """`text` as it is read aloud; "" for one longer than a whole script (it cannot go in)."""
        if word_count(text) > SCRIPT_MAX_WORDS:
            return ""
        return spoken(text, abbreviations, address=f"địa chỉ đăng trên {portal}")

    opens, deadline = c.opens.date(), c.deadline.date()
    start = date_words(opens, year=opens.year != deadline.year)
    if has_time(c.opens, False):
        start = f"{time_words(c.opens.hour, c.opens.minute)}, {start}"
    end = date_words(deadline, weekday=True)
    end = (f"{time_words(c.deadline.hour, c.deadline.minute)}, {end}" if has_time(c.deadline, True)
           else f"hết {end}")

    ways, ways_with_post, phones = [], [], []
    for channel in c.channels:
        if channel.type == "phone":
            phones.append(digits_words(channel.number))
            continue
        way = {"form": "trực tuyến", "email": "qua thư điện tử", "post": "qua bưu điện",
               "meeting": "tại hội nghị lấy ý kiến"}[channel.type]
        if way not in ways:
            ways.append(way)
            postal = say(channel.address) if channel.type == "post" else ""
            ways_with_post.append(f"{way} đến {postal}" if postal else way)
    if phones:
        ways.append(f"qua điện thoại số {' hoặc số '.join(phones)}")
        ways_with_post.append(ways[-1])
    online = any(channel.type in ("form", "email") for channel in c.channels)

    script = _Script()
    agency = say(view.agency.name)
    title = say(_about(draft.title))
    script.parts[(0, 0)] = "Kính thưa bà con."
    script.parts[(1, 0)] = f"{agency} lấy ý kiến nhân dân về {title}."
    if c.extended_to:
        script.parts[(3, 0)] = f"Thời gian góp ý bắt đầu từ {start}, đã được kéo dài đến {end}."
    else:
        script.parts[(3, 0)] = f"Bà con góp ý từ {start} đến {end}."
    if ways:
        script.parts[(3, 1)] = f"Bà con góp ý {_join_or(ways)}."
    script.parts[(4, 0)] = (f"Toàn văn dự thảo và các địa chỉ góp ý có trên {portal}." if online
                            else f"Toàn văn dự thảo có trên {portal}.")
    if not title or script.words() > SCRIPT_MAX_WORDS:   # a very long title: its kind of document instead
        script.parts[(1, 0)] = f"{agency} lấy ý kiến nhân dân về một dự thảo {say(view.doc_type.name)}."

    # then, while there is room, in order of importance: what changes (the summary's first
    # sentence) and from when, a word of thanks, who is concerned, the meetings, the postal
    # address, the rest of the summary, the deadline once more
    summary = [say(s.text) for s in sentences(Span(draft.summary, ((0, 1, 1),)))]
    when = next((i for i, s in enumerate(summary) if i and any(w in s for w in _FROM_WHEN)), None)
    for index in [0] + ([when] if when is not None else []):
        if index < len(summary) and summary[index]:
            script.offer((1, 1 + index), summary[index])
    script.offer((4, 9), "Rất mong bà con quan tâm, góp ý.")
    affected = [said for said in (say(_without_brackets(who)) for who in draft.affected) if said]
    for count in range(1, len(affected) + 1):
        others = "" if count == len(affected) else "; và một số đối tượng khác"
        if not script.offer((2, 0), f"Dự thảo liên quan đến: {'; '.join(affected[:count])}{others}."):
            break
    for number, meeting in enumerate(ch for ch in c.channels if ch.type == "meeting"):
        when_said = "vào " + date_words(meeting.date.date(), weekday=True)
        if has_time(meeting.date, False):
            when_said = f"lúc {time_words(meeting.date.hour, meeting.date.minute)}, {when_said[4:]}"
        place = say(meeting.place)
        if place:
            script.offer((3, 2 + number), f"Hội nghị lấy ý kiến diễn ra {when_said}, tại {place}.")
    if ways_with_post != ways:
        script.offer((3, 1), f"Bà con góp ý {_join_or(ways_with_post)}.")
    for index, sentence in enumerate(summary):
        if sentence:
            script.offer((1, 1 + index), sentence)
    script.offer((4, 1), f"Xin nhắc lại, hạn cuối góp ý là {end}.")
    return RadioScript(script.text())


_FROM_WHEN = ("áp dụng", "hiệu lực", "thực hiện từ", "từ năm", "từ ngày")


def _without_brackets(text: str) -> str:
    """"Trường … công lập (nhận kinh phí cấp bù)" -> "Trường … công lập": shorter to hear."""
    out, depth = [], 0
    for char in text:
        depth += char == "("
        if not depth:
            out.append(char)
        depth -= char == ")" and depth > 0
    return " ".join("".join(out).split()).rstrip(" ,;")


# -- the post and the card -------------------------------------------------------------------------

def _day(moment) -> str:
    return f"{WEEKDAYS[moment.weekday()]}, ngày {date_short(moment)}"


def social_post(view: DraftView, address: str) -> str:
    """A few plain lines for Zalo or Facebook: who asks about what, the dates, the link; the
    summary's first sentences as far as POST_MAX_CHARS allows."""
    c = view.draft.consultation
    if c.extended_to:
        dates = f"Thời gian góp ý: từ ngày {date_short(c.opens)}, đã gia hạn đến hết {_day(c.deadline)}."
    else:
        dates = f"Thời gian góp ý: từ ngày {date_short(c.opens)} đến hết {_day(c.deadline)}."
    link = f"Xem toàn văn dự thảo và cách góp ý: {address}"
    title = _about(view.draft.title)
    room = POST_MAX_CHARS - len(dates) - len(link) - len(view.agency.name) - len(" lấy ý kiến về .") - 4
    if len(title) > room:
        title = title[: max(room - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"
    head = f"{view.agency.name} lấy ý kiến về {title}."
    summary: list[str] = []
    for sentence in sentences(Span(view.draft.summary, ((0, 1, 1),))):
        if len(_post(head, summary + [sentence.text], dates, link)) > POST_MAX_CHARS:
            break
        summary.append(sentence.text)
    return _post(head, summary, dates, link)


def _post(head: str, summary: list[str], dates: str, link: str) -> str:
    return "\n\n".join(part for part in (head, " ".join(summary), dates, link) if part)


def card_alt(view: DraftView, config: SiteConfig) -> str:
    """The share card in words, in the order it shows them (outputs/share_card/layout.py)."""
    c = view.draft.consultation
    if view.status is Status.UPCOMING:
        dates = f"Góp ý từ {date_short(c.opens)} đến hết ngày {date_short(c.deadline)}"
    else:
        dates = f"Hạn góp ý: hết ngày {date_short(c.deadline)}"
    return (f"{config.site.name}. {view.state.label}: {view.draft.title}. "
            f"Cơ quan soạn thảo: {view.agency.name}. {dates}.")
