"""`policyhub schema`: a JSON Schema (draft 2020-12) of draft front matter, for editors' tools.

The field lists come from validate/tables.py, so the schema cannot drift from what
`policyhub check` accepts; the site's own agency, topic and document-type keys become
enums. Descriptions are Vietnamese: editors read them as hover help and completion hints.
`policyhub check` stays the authority (it also checks files, dates against each other, and
the rules of the site); the schema catches typing mistakes while the editor types.
"""
from __future__ import annotations

import json

from generator.validate import tables as v
from generator.model import vocab
from generator.model.names import SLUG_RE
from generator.validate.fields import EMAIL_RE, PHONE_RE
from generator.model import SETTABLE_STATUSES, SiteConfig
from generator.model.vocab import DOCUMENT_KINDS

DRAFT_SCHEMA_ID = "https://policyhub.example/schema/draft-front-matter.json"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_TIME = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?$"
WEB_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$"

# What each field means, for editors. Every field of validate/tables.py needs an entry:
# tests/editors/test_schema.py checks that none is missing.
DESCRIPTIONS = {
    "title": "Tên đầy đủ của dự thảo, như trên tờ trình.",
    "id": "Mã định danh cố định cho bản tin và dữ liệu mở; mặc định là slug. Đã công bố thì không đổi.",
    "slug": "Đoạn cuối địa chỉ trang: chữ a–z không dấu, số, dấu gạch ngang. Mặc định theo tên tệp.",
    "doc_type": "Loại văn bản: một khóa trong mục doc_types của site_config.yml.",
    "agency": "Cơ quan chủ trì soạn thảo: một khóa trong mục agencies của site_config.yml.",
    "topics": "Lĩnh vực: danh sách khóa trong mục topics của site_config.yml.",
    "summary": "Tóm tắt dễ hiểu, hiển thị đầu tiên: dự thảo thay đổi gì, cho ai, từ khi nào.",
    "affected": "Ai chịu tác động: mỗi dòng một nhóm đối tượng.",
    "key_questions": "Các vấn đề cơ quan soạn thảo xin ý kiến: mỗi dòng một câu hỏi.",
    "consultation": "Thời gian và cách thức lấy ý kiến.",
    "documents": "Tài liệu kèm theo: tệp đặt cạnh dự thảo (file) hoặc đường dẫn (url).",
    "infographics": "Biểu đồ tạo tự động (figures, compare, share) hoặc ảnh có lời mô tả (image, alt).",
    "contact": "Đơn vị tiếp nhận, giải đáp; mặc định là liên hệ chung của Cổng.",
    "status": "Chỉ ghi khi dự thảo bị rút (withdrawn) hoặc đã ban hành (adopted); trạng thái khác tự tính theo ngày.",
    "withdrawn_on": "Ngày rút dự thảo (YYYY-MM-DD), cùng với status: withdrawn.",
    "outcome": "Văn bản đã ban hành, cùng với status: adopted.",
    "response": "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý.",
    "versions": "Các bản dự thảo trước (tệp Markdown đặt cạnh dự thảo); trang nêu điểm thay đổi.",
    "translations": "Bản dịch tham khảo (tệp Markdown đặt cạnh dự thảo).",
    "tags": "Từ khóa tự do giúp tìm kiếm.",
    # consultation
    "announced": "Ngày đăng dự thảo lên cổng khi đăng trước ngày mở góp ý (YYYY-MM-DD).",
    "opens": "Ngày bắt đầu nhận góp ý: YYYY-MM-DD, có thể thêm giờ (2026-12-01 08:00).",
    "closes": "Ngày cuối nhận góp ý: YYYY-MM-DD; không ghi giờ thì nhận đến hết ngày.",
    "extended_to": "Hạn góp ý mới khi gia hạn (sau ngày closes).",
    "extended_on": "Ngày thông báo gia hạn (YYYY-MM-DD).",
    "shortened_reason": "Căn cứ pháp lý khi thời gian lấy ý kiến ngắn hơn mức tối thiểu.",
    "channels": "Các cách góp ý, ít nhất một.",
    # channels
    "type": "Loại.",
    "url": "Địa chỉ trang web, bắt đầu bằng https://",
    "label": "Tên hiển thị của biểu mẫu.",
    "address": "Địa chỉ (thư điện tử hoặc bưu chính).",
    "number": "Số điện thoại, viết trong ngoặc kép: \"0263 3822 111\".",
    "hours": "Giờ nhận điện thoại.",
    "date": "Ngày (YYYY-MM-DD).",
    "place": "Địa điểm họp.",
    # documents, pictures, contact, outcome
    "file": "Tên tệp đặt cạnh dự thảo, ví dụ du-thao.pdf.",
    "kind": "Loại tài liệu.",
    "version": "Lần dự thảo, ví dụ \"2\".",
    "image": "Tên tệp ảnh đặt cạnh dự thảo.",
    "alt": "Câu mô tả nội dung ảnh cho người không xem được ảnh (bắt buộc).",
    "caption": "Chú thích dưới ảnh.",
    "name": "Tên đơn vị hoặc người liên hệ.",
    "email": "Thư điện tử, dạng ten@example.gov.vn.",
    "phone": "Số điện thoại, viết trong ngoặc kép.",
    "document_number": "Số, ký hiệu văn bản, ví dụ 12/2026/NQ-HĐND.",
    # response
    "published": "Ngày công bố báo cáo (YYYY-MM-DD), sau khi hết hạn góp ý.",
    "total": "Tổng số ý kiến nhận được.",
    "by_group": "Số ý kiến theo nhóm: người dân, cơ quan tổ chức, doanh nghiệp.",
    "items": "Danh sách mục.",
    "citizens": "Số ý kiến của người dân.",
    "organisations": "Số ý kiến của cơ quan, tổ chức.",
    "businesses": "Số ý kiến của doanh nghiệp.",
    "group": "Nhóm người góp ý (không bắt buộc): citizens (người dân), organisations (cơ quan, tổ chức), "
             "businesses (doanh nghiệp).",
    "topic": "Vấn đề được góp ý.",
    "comment": "Tóm tắt ý kiến góp ý.",
    "answer": "Giải trình, tiếp thu của cơ quan soạn thảo.",
    "accepted": "Kết quả: yes (tiếp thu), partly (tiếp thu một phần), no (không tiếp thu).",
    # translations
    "lang": "Mã ngôn ngữ, ví dụ en (tiếng Anh), km (tiếng Khmer), kpm (tiếng K'Ho).",
    # charts
    "source": "Nguồn số liệu.",
    "unit": "Đơn vị, ví dụ đồng, %, hộ.",
    "value": "Con số, không ghi đơn vị và dấu phân cách hàng nghìn.",
    "note": "Ghi chú ngắn.",
    "current": "Mức hiện hành (con số).",
    "proposed": "Mức đề xuất (con số).",
    "current_label": "Tên cột mức hiện hành, mặc định \"Hiện hành\".",
    "proposed_label": "Tên cột mức đề xuất, mặc định \"Dự thảo\".",
}
CHART_DESCRIPTIONS = {
    "figures": "Vài con số chính, mỗi số có nhãn và đơn vị.",
    "compare": "So sánh mức hiện hành và mức đề xuất theo từng dòng.",
    "share": "Tỷ lệ các phần của một tổng (đơn vị % thì cộng lại bằng 100).",
}
CHANNEL_DESCRIPTIONS = {
    "form": "Biểu mẫu góp ý trực tuyến.",
    "email": "Thư điện tử.",
    "post": "Thư bưu chính.",
    "phone": "Điện thoại.",
    "meeting": "Hội nghị, buổi đối thoại.",
}
# the kinds as a sentence names them, in the hover help of editors' tools
DOCUMENT_KIND_NAMES = {key: label.lower() for key, label in DOCUMENT_KINDS.items()}

# The kind of value of each field that is not a mapping or list of mappings.
_TEXT = {"type": ["string", "number"]}
_NUMBER = {"type": "number"}
_COUNT = {"type": "integer", "minimum": 0}
_TEXTS = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": ["string", "number"]}}]}
_SCALARS = {
    "title": {"type": "string", "minLength": 1},
    "id": {"type": "string", "pattern": SLUG_RE.pattern},
    "slug": {"type": "string", "pattern": SLUG_RE.pattern},
    "summary": {"type": "string", "minLength": 1},
    "affected": _TEXTS, "key_questions": _TEXTS, "tags": _TEXTS,
    "opens": {"type": "string", "pattern": DATE_TIME}, "closes": {"type": "string", "pattern": DATE_TIME},
    "extended_to": {"type": "string", "pattern": DATE_TIME}, "extended_on": {"type": "string", "pattern": DATE},
    "announced": {"type": "string", "pattern": DATE},
    "withdrawn_on": {"type": "string", "pattern": DATE}, "published": {"type": "string", "pattern": DATE},
    "date": {"type": "string", "pattern": DATE},
    "url": {"type": "string", "pattern": WEB_URL},
    "email": {"type": "string", "pattern": EMAIL_RE.pattern},
    "number": {"type": "string", "pattern": PHONE_RE.pattern},
    "phone": {"type": "string", "pattern": PHONE_RE.pattern},
    "file": {"type": "string", "minLength": 1, "pattern": r"^[^\\/][^\\]*$"},
    "image": {"type": "string", "minLength": 1, "pattern": r"^[^\\/][^\\]*$"},
    "lang": {"type": "string", "pattern": v.LANG_RE.pattern},
    "total": _COUNT, "citizens": _COUNT, "organisations": _COUNT, "businesses": _COUNT,
    "value": _NUMBER, "current": {"type": "number", "minimum": 0}, "proposed": {"type": "number", "minimum": 0},
    "accepted": {"enum": sorted({value for value in v.ACCEPTED}, key=str)},
    "group": {"enum": list(vocab.RESPONSE_GROUPS)},
    "kind": {"enum": list(vocab.DOCUMENT_KINDS)},
    "status": {"enum": [s.value for s in SETTABLE_STATUSES]},
}


def _field(name: str, schema: dict | None = None) -> dict:
    out = dict(schema if schema is not None else _SCALARS.get(name, _TEXT))
    out["description"] = DESCRIPTIONS[name]
    return out


def _object(fields, required=(), description: str = "", overrides: dict | None = None) -> dict:
    """A mapping of exactly these fields (unknown fields are errors, as in `policyhub check`)."""
    overrides = overrides or {}
    out = {"type": "object", "additionalProperties": False,
           "properties": {f: overrides[f] if f in overrides else _field(f) for f in fields}}
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    return out


def _list_of(item: dict, name: str, minimum: int = 0) -> dict:
    out = {"type": "array", "items": item, "description": DESCRIPTIONS[name]}
    if minimum:
        out["minItems"] = minimum
    return out


def _key_enum(table: dict, name: str) -> dict:
    """One of the site's keys, each described by its name in completion lists."""
    keys = sorted(table)
    # enumDescriptions: an annotation VS Code's JSON and YAML services show next to each choice
    return {"type": "string", "enum": keys, "description": DESCRIPTIONS[name],
            "enumDescriptions": [table[key].name for key in keys]}


def _channels() -> dict:
    variants = []
    for kind, (required, optional) in v.CHANNEL_FIELDS.items():
        fields = ("type",) + required + optional
        overrides = {"type": {"const": kind, "description": CHANNEL_DESCRIPTIONS[kind]}}
        if kind == "email":
            overrides["address"] = _field("email")
        if kind == "meeting":
            overrides["date"] = _field("date", {"type": "string", "pattern": DATE_TIME})
        variants.append(_object(fields, ("type",) + required, CHANNEL_DESCRIPTIONS[kind], overrides))
    return _list_of({"oneOf": variants}, "channels", minimum=1)


def _infographics() -> dict:
    variants = [_object(v.IMAGE_FIELDS, ("image", "alt"), "Ảnh có sẵn, đặt cạnh dự thảo.",
                        {"alt": _field("alt", {"type": "string", "minLength": 1})})]
    for kind in vocab.CHART_TYPES:
        fields, item_fields = v.CHART_FIELDS[kind]
        item_required = ("label",) + tuple(f for f in ("value", "current", "proposed") if f in item_fields)
        item = _object(item_fields, item_required, "Một dòng của biểu đồ.",
                       {"label": {"type": ["string", "number"], "minLength": 1, "description": "Nhãn của dòng."}})
        items = {"type": "array", "items": item, "minItems": 2 if kind == "share" else 1,
                 "description": "Các dòng của biểu đồ."}
        variants.append(_object(fields, ("type", "title", "items"), CHART_DESCRIPTIONS[kind], {
            "type": {"const": kind, "description": CHART_DESCRIPTIONS[kind]},
            "title": {"type": "string", "minLength": 1, "description": "Tiêu đề nói biểu đồ cho thấy gì."},
            "items": items}))
    return _list_of({"oneOf": variants}, "infographics")


def _documents() -> dict:
    item = _object(v.DOCUMENT_FIELDS, ("title",), "Một tài liệu: có file hoặc url, không có cả hai.", {
        "kind": {"enum": list(vocab.DOCUMENT_KINDS), "description": "Loại tài liệu: " + "; ".join(
            f"{k} ({DOCUMENT_KIND_NAMES[k]})" for k in vocab.DOCUMENT_KINDS) + "."}})
    item["oneOf"] = [{"required": ["file"], "not": {"required": ["url"]}},
                     {"required": ["url"], "not": {"required": ["file"]}}]
    return _list_of(item, "documents")


def _response() -> dict:
    groups = _object(vocab.RESPONSE_GROUPS, (), DESCRIPTIONS["by_group"])
    item = _object(v.RESPONSE_ITEM_FIELDS, ("comment", "answer", "accepted"), "Một ý kiến và câu trả lời.")
    return _object(v.RESPONSE_FIELDS, ("published",), DESCRIPTIONS["response"], {
        "by_group": groups, "items": _list_of(item, "items")})


def draft_schema(config: SiteConfig) -> dict:
    """The JSON Schema of a draft's front matter on this site."""
    topic = _key_enum(config.topics, "topics")
    topic.pop("description")
    consultation = _object(v.CONSULTATION_FIELDS, ("opens", "closes", "channels"), DESCRIPTIONS["consultation"],
                           {"channels": _channels()})
    fields = {
        "doc_type": _key_enum(config.doc_types, "doc_type"),
        "agency": _key_enum(config.agencies, "agency"),
        "topics": {"description": DESCRIPTIONS["topics"],
                   "anyOf": [topic, {"type": "array", "items": topic, "minItems": 1}]},
        "consultation": consultation,
        "documents": _documents(),
        "infographics": _infographics(),
        "contact": _object(v.CONTACT_FIELDS, (), DESCRIPTIONS["contact"]),
        "outcome": _object(v.OUTCOME_FIELDS, ("document_number", "date"), DESCRIPTIONS["outcome"]),
        "response": _response(),
        "versions": _list_of(_object(v.VERSION_FIELDS, v.VERSION_FIELDS, "Một bản trước."), "versions"),
        "translations": _list_of(_object(v.TRANSLATION_FIELDS, v.TRANSLATION_FIELDS, "Một bản dịch."),
                                 "translations"),
    }
    schema = _object(v.DRAFT_FIELDS, v.DRAFT_REQUIRED, overrides=fields)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": DRAFT_SCHEMA_ID,
            "title": f"Dự thảo trên {config.site.name}",
            "description": "Các trường ở đầu tệp dự thảo (front matter). Kiểm tra đầy đủ bằng lệnh policyhub check.",
            **schema}


def write_schema(args) -> int:
    """Print (or write with --out) the schema of the site named by --config; 2, with one
    diagnostic, when the file cannot be written."""
    import sys
    from generator import messages
    from generator.commands.new import write_whole
    from generator.publish.output_folder import disk_problem
    from generator.validate.config import load_config

    config = load_config(args.config)
    text = json.dumps(draft_schema(config), ensure_ascii=False, indent=2) + "\n"
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        write_whole(args.out, text)
    except OSError as exc:
        shown = args.out.as_posix()
        print(messages.problem_text("commands", f"write.{disk_problem(exc)}", args.lang, file=shown,
                                    folder=args.out.parent.as_posix(), reason=exc.strerror or str(exc)),
              file=sys.stderr)
        return 2
    print(messages.text("lines", "schema.wrote", args.lang, file=args.out.as_posix()), file=sys.stderr)
    return 0
