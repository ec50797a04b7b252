"""`policyhub new`: write a valid draft with today's dates, the minimum comment period and
every field explained in Vietnamese, ready for the editor to fill in."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from generator.build import moment_of
from generator.checks import slugify
from generator.config import load_config

TEMPLATE = """---
# Tên đầy đủ của dự thảo, như trên tờ trình.
title: {title}
# Loại văn bản: một khóa trong mục doc_types của site_config.yml ({doc_types}).
doc_type: {doc_type}
# Cơ quan chủ trì soạn thảo: một khóa trong mục agencies của site_config.yml.
agency: {agency}
# Lĩnh vực: một hoặc nhiều khóa trong mục topics của site_config.yml ({topics_all}).
topics: [{topics}]
# Tóm tắt dễ hiểu (bắt buộc): vài câu ngắn nói dự thảo thay đổi gì, cho ai, từ khi nào.
# Viết cho người dân đọc trên điện thoại; không quá {max_words} từ.
summary: >-
  Dự thảo đề xuất … (viết tóm tắt ở đây).
# Ai chịu tác động (mỗi dòng một nhóm).
affected:
  - Người dân …
# Các vấn đề cơ quan soạn thảo muốn xin ý kiến.
key_questions:
  - Bạn có đồng ý với … không?
consultation:
  # Ngày bắt đầu và ngày cuối nhận góp ý (YYYY-MM-DD; có thể thêm giờ: 2026-12-31 17:00).
  # Thời gian lấy ý kiến tối thiểu {min_days} ngày; nếu ngắn hơn, ghi lý do ở shortened_reason.
  opens: {opens}
  closes: {closes}
  # Các cách góp ý: form (url), email (address), post (address), phone (number), meeting (date, place).
  channels:
    - {{type: email, address: {email}}}
# Tài liệu kèm theo, đặt cạnh tệp này: {{title, file, kind: draft|submission|impact_assessment|response_report|other, version}}.
documents: []
# Đơn vị tiếp nhận, giải đáp thắc mắc: {{name, email, phone}}.
# contact: {{name: …, email: …, phone: "…"}}
# Từ khóa tự do giúp tìm kiếm.
tags: []
---

## Vì sao cần chính sách này

(Giải thích bối cảnh, vấn đề cần giải quyết.)

## Những điểm chính của dự thảo

(Các nội dung chính, nên có bảng so sánh mức hiện hành và mức đề xuất nếu có.)
"""


def new_draft(args) -> int:
    config = load_config(args.config)
    problems = []
    if args.agency not in config.agencies:
        problems.append(f"unknown agency '{args.agency}'; use one of: {', '.join(config.agencies)}")
    if args.doc_type not in config.doc_types:
        problems.append(f"unknown document type '{args.doc_type}'; use one of: {', '.join(config.doc_types)}")
    for topic in args.topic:
        if topic not in config.topics:
            problems.append(f"unknown topic '{topic}'; use one of: {', '.join(config.topics)}")
    if problems:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        return 2
    today = moment_of(config, args.today).date()
    slug = slugify(args.title)[:80].rstrip("-") or "du-thao-moi"
    target = args.config.resolve().parent / "drafts" / str(today.year) / f"{slug}.md"
    if target.exists():
        print(f"error: {target} already exists; choose another title or edit that file", file=sys.stderr)
        return 2
    agency_key = args.agency
    text = TEMPLATE.format(
        title=json.dumps(args.title, ensure_ascii=False), doc_type=args.doc_type, agency=agency_key,
        doc_types=", ".join(config.doc_types), topics_all=", ".join(config.topics),
        topics=", ".join(args.topic or [next(iter(config.topics))]),
        max_words=config.rules.summary_max_words, min_days=config.rules.min_comment_days,
        opens=today.isoformat(), closes=(today + dt.timedelta(days=config.rules.min_comment_days)).isoformat(),
        email=config.site.contact.email or "gopy@example.gov.vn",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}")
    return 0
