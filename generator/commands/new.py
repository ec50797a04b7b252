"""`policyhub new`: write a draft for the editor to fill in, with every field explained in
Vietnamese (the comments of the file are Vietnamese whatever the language of messages).

What only the editor knows is a placeholder, `[CẦN ĐIỀN]` followed by what to write (the
summary, who is affected, the questions, the dates and the address for comments, the
text), so `policyhub check` reports each one at its line until it is replaced and the
draft is never published half-written; the dates too, so that it cannot open by accident on
the day it was made (the placeholders give today and the minimum period as examples). The
topic is required on the command line: a draft filed under a topic nobody chose would
read as chosen. Optional fields the editor may need later are commented-out examples.

The file is `drafts/<year>/<slug>.md`: the slug is a few key words of the title (without
"Dự thảo", the kind of document, the issuing body and the province), at most 60 characters,
with `-2`, `-3` … when the name is taken."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from generator import messages
from generator.model.lifecycle import moment_of
from generator.model.names import draft_slug, province_of, unique_slug
from generator.publish.output_folder import disk_problem
from generator.validate.config import load_config
from generator.validate.placeholders import TOKEN, placeholder

TEMPLATE = """---
# Mỗi dòng "khóa: giá trị" là một trường. Dòng bắt đầu bằng # là ghi chú, không hiển thị.
# Bỏ dấu # ở đầu các dòng ví dụ bên dưới khi cần dùng trường đó.
# Mỗi chỗ ghi [CẦN ĐIỀN] phải được thay bằng nội dung thật (xóa cả chữ [CẦN ĐIỀN]);
# lệnh policyhub check báo lỗi từng chỗ cho đến khi điền xong, và dự thảo chưa được đăng.

# Tên đầy đủ của dự thảo, như trên tờ trình (bắt buộc).
title: {title}
# Loại văn bản (bắt buộc): một khóa trong mục doc_types của site_config.yml
# ({doc_types}).
doc_type: {doc_type}
# Cơ quan chủ trì soạn thảo (bắt buộc): một khóa trong mục agencies của site_config.yml
# ({agencies}).
agency: {agency}
# Lĩnh vực (bắt buộc): một hoặc nhiều khóa trong mục topics của site_config.yml
# ({topics_all}).
topics: [{topics}]
# Mã định danh cố định, dùng cho bản tin RSS và dữ liệu mở; mặc định là tên tệp.
# Đã công bố thì không đổi, kể cả khi đổi địa chỉ trang (slug).
# id: {slug}
# Đoạn cuối địa chỉ trang (chỉ chữ a–z không dấu, số và dấu gạch ngang); mặc định theo tên tệp.
# slug: {slug}
# Tóm tắt dễ hiểu (bắt buộc): vài câu ngắn nói dự thảo thay đổi gì, cho ai, từ khi nào.
# Viết cho người dân đọc trên điện thoại; không quá {max_words} từ, mỗi câu không quá
# {sentence_words} từ; viết rõ nghĩa chữ viết tắt khi dùng lần đầu.
summary: {summary}
# Ai chịu tác động (mỗi dòng một nhóm); xóa mục này nếu không cần.
affected:
  - {affected}
# Các vấn đề cơ quan soạn thảo muốn xin ý kiến (mỗi dòng một câu hỏi); xóa mục này nếu không cần.
key_questions:
  - {question}
# Thời gian và cách thức lấy ý kiến (bắt buộc).
consultation:
  # Nếu đăng dự thảo trước ngày mở góp ý: ngày đăng lên cổng (YYYY-MM-DD).
  # announced: {opens}
  # Ngày bắt đầu nhận góp ý (YYYY-MM-DD; có thể thêm giờ, ví dụ 2026-12-31 08:00).
  opens: {opens_value}
  # Ngày cuối nhận góp ý; không ghi giờ thì nhận đến hết 23:59 ngày đó.
  # Thời gian lấy ý kiến tối thiểu là {min_days} ngày.
  closes: {closes_value}
  # Nếu thời gian ngắn hơn {min_days} ngày: ghi căn cứ pháp lý cho phép rút ngắn.
  # shortened_reason: Văn bản quy định trong trường hợp khẩn cấp theo …
  # Nếu gia hạn: ngày hạn mới và ngày thông báo gia hạn.
  # extended_to: {extended}
  # extended_on: {closes}
  # Các cách góp ý (ít nhất một): form (url), email (address), post (address),
  # phone (number, hours), meeting (date, place).
  channels:
    - {{type: email, address: {email}}}
    # - {{type: form, url: "https://dichvucong.example.gov.vn/gop-y/…"}}
    # - {{type: post, address: "Tên đơn vị, số nhà, đường, phường/xã, tỉnh"}}
    # - {{type: phone, number: "0263 3822 111", hours: "giờ hành chính"}}
    # - {{type: meeting, date: "{meeting} 08:00", place: "Hội trường …"}}
# Tài liệu kèm theo, đặt cạnh tệp này (file) hoặc đường dẫn (url). Loại (kind) là một trong:
# draft (dự thảo), submission (tờ trình), impact_assessment (báo cáo đánh giá tác động),
# response_report (báo cáo tiếp thu, giải trình), other (khác).
documents: []
#  - {{title: Dự thảo Nghị quyết, file: du-thao.pdf, kind: draft, version: "1"}}
#  - {{title: Tờ trình, url: "https://…/to-trinh.pdf", kind: submission}}
# Biểu đồ tạo tự động hoặc ảnh có sẵn (ảnh phải có alt: câu mô tả nội dung ảnh).
# infographics:
#   - type: figures        # vài con số chính
#     title: Những con số chính
#     items:
#       - {{label: hộ gia đình được hỗ trợ, value: 1200, unit: hộ}}
#   - type: compare        # so sánh mức hiện hành và mức đề xuất
#     title: Mức thu, đồng/tháng
#     unit: đồng
#     items:
#       - {{label: Khu vực 1, current: 330000, proposed: 355000}}
#   - type: share          # tỷ lệ các phần của một tổng (đơn vị % thì cộng lại bằng 100)
#     title: Cơ cấu nguồn vốn
#     unit: "%"
#     items:
#       - {{label: Ngân sách tỉnh, value: 60}}
#       - {{label: Ngân sách xã, value: 40}}
#   - {{image: so-do.png, alt: Sơ đồ … cho thấy …, caption: Nguồn: …}}
# Đơn vị tiếp nhận, giải đáp thắc mắc; mặc định là liên hệ chung của Cổng.
# contact: {{name: Phòng …, email: {contact_email}, phone: "0263 3822 111"}}
# Chỉ ghi tay khi dự thảo bị rút (withdrawn) hoặc đã ban hành (adopted).
# status: withdrawn
# withdrawn_on: {closes}
# Khi đã ban hành: số, ngày và đường dẫn văn bản (cùng với status: adopted).
# outcome: {{document_number: 12/{year}/NQ-HĐND, date: {closes}, url: "https://…"}}
# Báo cáo tổng hợp, tiếp thu, giải trình ý kiến, sau khi hết hạn góp ý.
# response:
#   published: {closes}
#   total: 0
#   by_group: {{citizens: 0, organisations: 0, businesses: 0}}
#   items:
#     - {{topic: …, comment: …, answer: …, accepted: yes}}   # yes, no hoặc partly
# Các bản dự thảo trước (tệp Markdown đặt cạnh tệp này); trang sẽ nêu điểm thay đổi.
# versions:
#   - {{version: "1", date: {opens}, file: du-thao-lan-1.md}}
# Bản dịch tham khảo (tệp Markdown đặt cạnh tệp này); lang là mã ngôn ngữ, ví dụ en.
# translations:
#   - {{lang: en, file: ban-dich-en.md}}
# Từ khóa tự do giúp tìm kiếm.
tags: []
---

## Vì sao cần chính sách này

[CẦN ĐIỀN] Giải thích bối cảnh và vấn đề cần giải quyết.

## Những điểm chính của dự thảo

[CẦN ĐIỀN] Các nội dung chính; nên có bảng so sánh mức hiện hành và mức đề xuất, nếu có.
"""


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def draft_text(config, title: str, agency: str, doc_type: str, topics: list[str], today: dt.date, slug: str) -> str:
    """The draft `policyhub new` writes."""
    minimum = config.rules.min_comment_days
    closes = today + dt.timedelta(days=minimum)
    email = config.site.contact.email or "gopy@example.gov.vn"
    return TEMPLATE.format(
        title=_quoted(title), slug=slug, year=today.year, doc_type=doc_type, agency=agency,
        doc_types=", ".join(config.doc_types), agencies=", ".join(config.agencies),
        topics_all=", ".join(config.topics), topics=", ".join(dict.fromkeys(topics)),
        max_words=config.rules.summary_max_words, sentence_words=config.plain_language.sentence_max_words,
        min_days=minimum, opens=today.isoformat(), closes=closes.isoformat(),
        summary=_quoted(placeholder("vài câu tóm tắt dễ hiểu: dự thảo thay đổi gì, cho ai, từ khi nào")),
        affected=_quoted(placeholder("nhóm người chịu tác động, ví dụ: Phụ huynh học sinh")),
        question=_quoted(placeholder("câu hỏi xin ý kiến, ví dụ: Mức hỗ trợ đề xuất có phù hợp không?")),
        opens_value=_quoted(placeholder(f"ngày bắt đầu nhận góp ý, dạng YYYY-MM-DD, ví dụ {today.isoformat()}")),
        closes_value=_quoted(placeholder(f"ngày cuối nhận góp ý, dạng YYYY-MM-DD, ít nhất {minimum} ngày "
                                         f"sau ngày bắt đầu, ví dụ {closes.isoformat()}")),
        email=_quoted(placeholder(f"thư điện tử nhận góp ý, ví dụ {email}")),
        extended=(closes + dt.timedelta(days=10)).isoformat(),
        meeting=(today + dt.timedelta(days=minimum // 2)).isoformat(),
        contact_email=email,
    )


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def write_whole(target: Path, text: str) -> None:
    """Write `target` whole or not at all: a file beside it, renamed into place (a full disk
    leaves nothing half-written)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def new_draft(args) -> int:
    """Write drafts/<year>/<slug>.md next to the config; 2 when a key is wrong or it cannot be written."""
    lang = args.lang
    config = load_config(args.config)
    problems = []
    for code, given, table in (("unknown-agency", [args.agency], config.agencies),
                               ("unknown-type", [args.doc_type], config.doc_types),
                               ("unknown-topic", args.topic, config.topics)):
        problems += [(code, {"key": key, "keys": ", ".join(table)}) for key in given if key not in table]
    if not args.topic:
        problems.append(("no-topic", {"keys": ", ".join(config.topics)}))
    title = " ".join(args.title.split())
    if not title:
        problems.append(("empty-title", {}))
    if problems:
        print("\n".join(messages.problem_text("commands", f"new.{code}", lang, **params)
                        for code, params in problems), file=sys.stderr)
        return 2
    today = moment_of(config, args.today).date()
    folder = args.config.resolve().parent / "drafts" / str(today.year)
    slug = unique_slug(draft_slug(title, province=province_of(config.site.name)),
                       lambda name: (folder / f"{name}.md").exists() or (folder / name).exists())
    target = folder / f"{slug}.md"
    text = draft_text(config, title, args.agency, args.doc_type, args.topic, today, slug)
    try:
        write_whole(target, text)
    except OSError as exc:
        print(messages.problem_text("commands", f"write.{disk_problem(exc)}", lang, file=_shown(target),
                                    folder=_shown(target.parent), reason=exc.strerror or str(exc)), file=sys.stderr)
        return 2
    count = sum(line.count(TOKEN) for line in text.split("\n") if not line.lstrip().startswith("#"))
    print(messages.text("lines", "new.wrote", lang, file=_shown(target), count=count, token=TOKEN))
    return 0
