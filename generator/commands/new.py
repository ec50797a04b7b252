"""`policyhub new`: write a valid draft with today's dates, the minimum comment period and
every field explained in Vietnamese, ready for the editor to fill in.

Optional fields the editor may need later are written as commented-out examples, so the
file passes `policyhub check` as it is and shows what can be added."""
from __future__ import annotations

import datetime as dt
import json
import sys

from generator.model.lifecycle import moment_of
from generator.model.names import slugify
from generator.validate.config import load_config

TEMPLATE = """---
# Mỗi dòng "khóa: giá trị" là một trường. Dòng bắt đầu bằng # là ghi chú, không hiển thị.
# Bỏ dấu # ở đầu các dòng ví dụ bên dưới khi cần dùng trường đó.
# Kiểm tra tệp bằng lệnh: policyhub check

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
summary: >-
  Dự thảo đề xuất … (viết tóm tắt ở đây).
# Ai chịu tác động (mỗi dòng một nhóm).
affected:
  - Người dân …
# Các vấn đề cơ quan soạn thảo muốn xin ý kiến (mỗi dòng một câu hỏi).
key_questions:
  - Bạn có đồng ý với … không?
# Thời gian và cách thức lấy ý kiến (bắt buộc).
consultation:
  # Nếu đăng dự thảo trước ngày mở góp ý: ngày đăng lên cổng (YYYY-MM-DD).
  # announced: {opens}
  # Ngày bắt đầu nhận góp ý (YYYY-MM-DD; có thể thêm giờ, ví dụ 2026-12-31 08:00).
  opens: {opens}
  # Ngày cuối nhận góp ý; không ghi giờ thì nhận đến hết 23:59 ngày đó.
  # Thời gian lấy ý kiến tối thiểu là {min_days} ngày.
  closes: {closes}
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
# contact: {{name: Phòng …, email: {email}, phone: "0263 3822 111"}}
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

(Giải thích bối cảnh và vấn đề cần giải quyết.)

## Những điểm chính của dự thảo

(Các nội dung chính; nên có bảng so sánh mức hiện hành và mức đề xuất, nếu có.)
"""


def new_draft(args) -> int:
    """Write drafts/<year>/<slug>.md next to the config; 2 when a key or the file is wrong."""
    config = load_config(args.config)
    problems = []
    if args.agency not in config.agencies:
        problems.append(f"unknown agency '{args.agency}'; use one of: {', '.join(config.agencies)}")
    if args.doc_type not in config.doc_types:
        problems.append(f"unknown document type '{args.doc_type}'; use one of: {', '.join(config.doc_types)}")
    for topic in args.topic:
        if topic not in config.topics:
            problems.append(f"unknown topic '{topic}'; use one of: {', '.join(config.topics)}")
    if not args.title.strip():
        problems.append("the title is empty; write the draft's name in quotes")
    if problems:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        return 2
    today = moment_of(config, args.today).date()
    slug = slugify(args.title)[:80].rstrip("-") or "du-thao-moi"
    target = args.config.resolve().parent / "drafts" / str(today.year) / f"{slug}.md"
    if target.exists():
        print(f"error: {target} already exists; choose another title or edit that file", file=sys.stderr)
        return 2
    minimum = config.rules.min_comment_days
    closes = today + dt.timedelta(days=minimum)
    text = TEMPLATE.format(
        title=json.dumps(args.title.strip(), ensure_ascii=False), slug=slug, year=today.year,
        doc_type=args.doc_type, agency=args.agency,
        doc_types=", ".join(config.doc_types), agencies=", ".join(config.agencies),
        topics_all=", ".join(config.topics), topics=", ".join(dict.fromkeys(args.topic or [next(iter(config.topics))])),
        max_words=config.rules.summary_max_words, sentence_words=config.plain_language.sentence_max_words,
        min_days=minimum, opens=today.isoformat(), closes=closes.isoformat(),
        extended=(closes + dt.timedelta(days=10)).isoformat(),
        meeting=(today + dt.timedelta(days=minimum // 2)).isoformat(),
        email=config.site.contact.email or "gopy@example.gov.vn",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}")
    return 0
