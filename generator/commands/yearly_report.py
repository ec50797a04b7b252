"""`policyhub report --year Y`: the year's figures per agency, as provinces report them
(drafts communicated, plain-language summaries and infographics, comment periods, responses
still owed, comments received by group)."""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import asdict, dataclass, field

from generator import build as pipeline
from generator.commands import EXIT_CONTENT, EXIT_OK
from generator.model import Draft, SiteConfig, Status
from generator.model.vocab import RESPONSE_GROUPS

GROUPS = tuple(RESPONSE_GROUPS)   # citizens, organisations, businesses
COLUMNS = {
    "agency": "Cơ quan",
    "drafts": "Dự thảo công bố",
    "with_summary_pct": "Có tóm tắt dễ hiểu (%)",
    "with_infographic_pct": "Có đồ họa (%)",
    "avg_comment_days": "Số ngày lấy ý kiến trung bình",
    "min_comment_days": "Số ngày lấy ý kiến ít nhất",
    "closed_without_response": "Đã hết hạn, chưa công bố tiếp thu",
    "comments_citizens": "Ý kiến người dân",
    "comments_organisations": "Ý kiến cơ quan, tổ chức",
    "comments_businesses": "Ý kiến doanh nghiệp",
    "comments_total": "Tổng số ý kiến",
}


@dataclass
class AgencyYear:
    agency: str
    drafts: int = 0
    with_summary_pct: float = 0.0
    with_infographic_pct: float = 0.0
    avg_comment_days: float = 0.0
    min_comment_days: int | None = None
    closed_without_response: int = 0
    comments_citizens: int = 0
    comments_organisations: int = 0
    comments_businesses: int = 0
    comments_total: int = 0
    _days: list[int] = field(default_factory=list, repr=False)


def year_report(drafts: list[Draft], config: SiteConfig, year: int, now) -> list[AgencyYear]:
    """One row per agency that published a draft in `year` (by the day comments opened),
    then a total row. Withdrawn drafts count as published; their periods count too."""
    rows: dict[str, AgencyYear] = {}
    summaries: dict[str, int] = {}
    pictures: dict[str, int] = {}
    for draft in sorted(drafts, key=lambda d: d.slug):
        if draft.consultation.opens.year != year:
            continue
        for key in (draft.agency, "*"):
            row = rows.setdefault(key, AgencyYear(config.agencies[key].name if key != "*" else "Tổng cộng"))
            row.drafts += 1
            # "plain language" as the rules define it: present and within the word limit
            plain = 0 < len(draft.summary.split()) <= config.rules.summary_max_words
            summaries[key] = summaries.get(key, 0) + (1 if plain else 0)
            pictures[key] = pictures.get(key, 0) + (1 if draft.infographics else 0)
            row._days.append(draft.consultation.days)
            if draft.status_on(now) is Status.CLOSED:
                row.closed_without_response += 1
            if draft.response is not None:
                for group in GROUPS:
                    count = draft.response.by_group.get(group, 0)
                    setattr(row, f"comments_{group}", getattr(row, f"comments_{group}") + count)
                row.comments_total += draft.response.total if draft.response.total is not None else \
                    sum(draft.response.by_group.values())
    ordered = sorted((k for k in rows if k != "*"), key=lambda k: rows[k].agency)
    result = []
    for key in ordered + (["*"] if rows else []):
        row = rows[key]
        row.with_summary_pct = round(100 * summaries[key] / row.drafts, 1)
        row.with_infographic_pct = round(100 * pictures[key] / row.drafts, 1)
        row.avg_comment_days = round(sum(row._days) / len(row._days), 1)
        row.min_comment_days = min(row._days)
        result.append(row)
    return result


def _public(row: AgencyYear) -> dict:
    return {k: v for k, v in asdict(row).items() if not k.startswith("_")}


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return "" if value is None else str(value)


def as_markdown(rows: list[AgencyYear], year: int) -> str:
    lines = [f"# Báo cáo năm {year}: lấy ý kiến dự thảo chính sách", ""]
    if not rows:
        return "\n".join(lines + [f"Không có dự thảo nào mở lấy ý kiến trong năm {year}.", ""])
    lines.append("| " + " | ".join(COLUMNS.values()) + " |")
    lines.append("|" + "|".join("---" if k == "agency" else "---:" for k in COLUMNS) + "|")
    for row in rows:
        data = _public(row)
        lines.append("| " + " | ".join(_number(data[k]) for k in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def as_csv(rows: list[AgencyYear], year: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", *COLUMNS])
    for row in rows:
        data = _public(row)
        writer.writerow([year, *(data[k] for k in COLUMNS)])
    return out.getvalue()


def as_json(rows: list[AgencyYear], year: int) -> str:
    return json.dumps({"year": year, "columns": COLUMNS, "rows": [_public(r) for r in rows]},
                      ensure_ascii=False, indent=2) + "\n"


FORMATS = {"md": as_markdown, "csv": as_csv, "json": as_json}


def run_report(args) -> int:
    checked = pipeline.load_and_validate(pipeline.Options(config_path=args.config, today=args.today, quiet=True,
                                                          cache_dir=args.cache_dir, lang=args.lang))
    if checked.report.errors:
        print(checked.report.render_text(args.lang), file=sys.stderr)
        return EXIT_CONTENT
    rows = year_report(checked.drafts, checked.config, args.year, checked.now)
    sys.stdout.write(FORMATS[args.format](rows, args.year))
    return EXIT_OK
