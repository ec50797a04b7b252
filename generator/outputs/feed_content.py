"""What an entry says, in every feed format: first what can be done now and until when,
then the summary, then the facts a reader needs in order, and the link to the draft."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from generator.model import Draft, Status
from generator.render import format_vi

# `entry` below is a feeds.Entry (its view, draft and link); not imported, feeds imports this module


def deadline_words(draft: Draft) -> str:
    c = draft.consultation
    text = f"hết ngày {format_vi.date_short(c.deadline)}"
    if c.extended_to is not None:
        text += f" (đã gia hạn, hạn ban đầu {format_vi.date_short(c.closes)})"
    return text


def status_line(entry: Entry) -> str:
    """The one sentence a reader needs first: what can be done now, and until when."""
    view, draft = entry.view, entry.draft
    c = draft.consultation
    deadline = format_vi.date_short(c.deadline)
    if view.status is Status.UPCOMING:
        return f"Sắp lấy ý kiến: nhận góp ý từ ngày {format_vi.date_short(c.opens)} đến hết ngày {deadline}."
    if view.status is Status.OPEN:
        return f"Đang lấy ý kiến: hạn góp ý hết ngày {deadline}."
    if view.status is Status.CLOSED:
        return f"Đã hết hạn góp ý ngày {deadline}; cơ quan soạn thảo đang tổng hợp, giải trình ý kiến."
    if view.status is Status.RESPONDED and draft.response is not None:
        return (f"Đã công bố kết quả tiếp thu, giải trình ý kiến ngày "
                f"{format_vi.date_short(draft.response.published)} (hạn góp ý đã kết thúc ngày {deadline}).")
    if view.status is Status.ADOPTED and draft.outcome is not None:
        return (f"Đã ban hành bằng văn bản số {draft.outcome.document_number} ngày "
                f"{format_vi.date_short(draft.outcome.date)}.")
    if view.status is Status.WITHDRAWN and draft.withdrawn_on is not None:
        return f"{view.state.label} từ ngày {format_vi.date_short(draft.withdrawn_on)}."
    return f"{view.state.label}."


def entry_facts(entry: Entry) -> list[tuple[str, str]]:
    """The lines every format shows under the summary, in the order a reader needs them."""
    view, draft = entry.view, entry.draft
    return [
        ("Trạng thái", view.state.label),
        ("Bắt đầu lấy ý kiến", format_vi.date_short(draft.consultation.opens)),
        ("Hạn góp ý", deadline_words(draft)),
        ("Cơ quan chủ trì soạn thảo", view.agency.name),
        ("Lĩnh vực", ", ".join(t.name for t in view.topics)),
    ]


def entry_html(entry: Entry) -> str:
    """The entry's content as HTML, built as a tree so that front-matter text stays text."""
    root = etree.Element("div")
    etree.SubElement(etree.SubElement(root, "p"), "strong").text = status_line(entry)
    etree.SubElement(root, "p").text = entry.draft.summary
    facts = etree.SubElement(root, "ul")
    for label, value in entry_facts(entry):
        etree.SubElement(facts, "li").text = f"{label}: {value}"
    more = etree.SubElement(root, "p")
    link = etree.SubElement(more, "a", href=entry.link)
    can_comment = entry.view.status in (Status.OPEN, Status.UPCOMING)
    link.text = "Xem toàn văn dự thảo và cách góp ý" if can_comment else "Xem toàn văn dự thảo"
    return etree.tostring(root, encoding="unicode", method="html")


def entry_text(entry: Entry) -> str:
    lines = [status_line(entry), "", entry.draft.summary, ""] + [f"{label}: {value}" for label, value in entry_facts(entry)]
    return "\n".join(lines + ["", entry.link])
