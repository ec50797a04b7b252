"""Write a province's hub of draft policies, for the tests and the benchmarks.

    python bench/corpus.py N DIR [--seed 42] [--today 2026-11-21] [--province "Khánh Hòa"]

DIR (new or empty) receives what an editor's repository holds (docs/layout.md):
site_config.yml declaring every agency, topic and document type the drafts use,
glossary.yml, content/ and N drafts under drafts/<year>/ (a draft with documents or a
picture lives in its own folder as index.md, with its files beside it). Every state of the
lifecycle occurs relative to --today (the first six drafts take one each): upcoming,
open (some closing that very day, some extended), closed, responded (with the report on
comments), adopted (with its outcome) and withdrawn. Bodies run from a few hundred to
about 1,500 words with headings, lists and a table, and name places and articles that the
front matter never names. The same arguments write the same bytes, and draft number i is
the same whatever N is.

From Python, `write_corpus(folder, n)` returns a `Corpus`: the config's path and each
draft's slug, file, title and state at the start of `today`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

if __package__ in (None, ""):   # run as a script: python bench/corpus.py …
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus_files, corpus_text  # noqa: E402
from bench import corpus_vocabulary as words  # noqa: E402
from bench.corpus_subjects import PLACES  # noqa: E402
from bench.corpus_subjects_people import PEOPLE  # noqa: E402

SUBJECTS = PLACES + PEOPLE
STATES = ("open", "upcoming", "closed", "responded", "adopted", "withdrawn")
STATE_WEIGHTS = (10, 4, 10, 34, 36, 6)   # per cent, after the first six drafts
PERIODS = (20, 30, 30, 30, 45, 60)       # days of comment
DEFAULT_TODAY = dt.date(2026, 11, 21)
DEFAULT_PROVINCE = "Khánh Hòa"


@dataclass(frozen=True)
class CorpusDraft:
    slug: str
    path: Path                     # the draft's Markdown file
    title: str
    state: str                     # one of STATES, at the start of `today` in the site's zone
    words: int                     # words of the body


@dataclass(frozen=True)
class Corpus:
    root: Path
    config: Path
    drafts: tuple[CorpusDraft, ...]

    def states(self) -> dict[str, int]:
        return {state: sum(d.state == state for d in self.drafts) for state in STATES}


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join(p for p in "".join(c if c.isascii() and c.isalnum() else "-" for c in text).split("-") if p)


def day(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def dump(data: dict) -> str:
    """YAML as an editor writes it: block mappings, short lists and flat mappings on one line,
    text quoted only where YAML would read it otherwise. (PyYAML's own dumper takes most of
    the time of a corpus; tests/corpus checks that PyYAML reads this back unchanged.)"""
    lines: list[str] = []
    _mapping(data, "", lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, pad: str, lines: list[str], first: str = "") -> None:
    for number, (key, value) in enumerate(data.items()):
        lead = first if number == 0 and first else pad
        if isinstance(value, dict) and not _flat(value):
            lines.append(f"{lead}{key}:")
            _mapping(value, pad + "  ", lines)
        elif isinstance(value, list) and not (_flat(value) and len(_flow(value)) <= 80):
            lines.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict) and not _flat(item):
                    _mapping(item, pad + "    ", lines, first=pad + "  - ")
                else:
                    lines.append(f"{pad}  - {_flow(item)}")
        else:
            lines.append(f"{lead}{key}: {_flow(value)}")


def _flat(value) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return not any(isinstance(v, (dict, list)) for v in items)


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    return _text(value)


_FIRST = set("-?:,[]{}#&*!|>'\"%@`")   # a plain scalar cannot start with these
_INSIDE = set(",[]{}:?#\\")            # nor hold these (flow context, mapping values, comments)
_RESOLVER = yaml.resolver.Resolver()


def _text(text: str) -> str:
    """Plain when YAML reads it back as the same text, else double-quoted (JSON's escapes are YAML's)."""
    plain = (text and text == text.strip() and text[0] not in _FIRST and "\n" not in text
             and not _INSIDE.intersection(text)
             # only these first letters can start a boolean or null; other letters always start text
             and (text[0].isalpha() and text[0] not in "yYnNtTfFoO"
                  or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"))
    return text if plain else json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Site:
    province: str
    domain: str                    # host part: duthao.<domain>.example.gov.vn
    phone: str                     # the area code
    today: dt.date


# ---- dates for each state, at the start of `today` -----------------------------------------

def consultation_dates(r: random.Random, state: str, today: dt.date) -> dict:
    """opens, closes, maybe extended_to/extended_on, the deadline and what follows it."""
    period = r.choice(PERIODS)
    shortened = state in ("closed", "responded", "adopted") and r.random() < 0.03
    if shortened:
        period = r.randint(10, 15)   # shorter than the rules allow, with the legal ground
    days = dt.timedelta
    if state == "open":
        deadline = today + days(r.randint(0, 35))     # 0: the last day is today
    elif state == "upcoming":
        deadline = today + days(r.randint(1, 25) + period)
    elif state == "closed":
        deadline = today - days(r.randint(1, 50))
    elif state == "responded":
        deadline = today - days(r.randint(8, 1000))
    elif state == "adopted":
        deadline = today - days(r.randint(40, 1000))
    else:
        deadline = today + days(r.randint(-900, 20))
    opens = deadline - days(period)
    if state != "upcoming":
        opens = min(opens, today)                      # open, or finished: it has opened
    out = {"opens": opens, "closes": deadline, "deadline": deadline, "shortened": shortened}
    extended = state in ("open", "closed", "responded") and r.random() < 0.12 and (deadline - opens).days >= 30
    if extended:
        closes = deadline - days(r.randint(7, 15))
        out.update(closes=closes, extended_to=deadline,
                   extended_on=max(opens, min(today, closes - days(r.randint(0, 3)))))
    if state in ("responded", "adopted") and (state == "responded" or r.random() < 0.85):
        out["published"] = min(today, deadline + days(r.randint(5, 35)))
    if state == "adopted":
        out["adopted"] = min(today, out.get("published", deadline) + days(r.randint(10, 90)))
    if state == "withdrawn" and r.random() < 0.85:
        out["withdrawn_on"] = opens + days(r.randint(0, max(0, (min(today, deadline + days(60)) - opens).days)))
    return out


# ---- one draft ----------------------------------------------------------------------------

def _abbreviation(agency: str) -> str:
    parts = agency.split("-")
    return ("so" + "".join(p[0] for p in parts[1:])) if parts[0] == "so" else "".join(p[0] for p in parts)


def _office(agency_key: str) -> tuple[str, str]:
    """(the unit that receives comments, its postal address)."""
    name = words.AGENCIES[agency_key][0]
    unit = f"Văn phòng {name}" if name.startswith("Sở") else f"Phòng Tổng hợp, {name}"
    number = 10 + sum(map(ord, agency_key)) % 90
    street = words.OFFICE_STREETS[sum(map(ord, agency_key)) % len(words.OFFICE_STREETS)]
    return unit, f"số {number} đường {street}, {words.OFFICE_WARD}"


def _title(r: random.Random, subject, doc_type: str, year: int, site: Site) -> str:
    _, word, suffix = words.DOC_TYPES[doc_type]
    text = dict(subject.titles)[doc_type].format(y=year, y1=year + 1, p=f"{year}–{year + 4}")
    if doc_type in ("nghi-quyet-hdnd", "quyet-dinh-ubnd") and r.random() < 0.15:
        text = (f"sửa đổi, bổ sung một số điều của {word} số {r.randint(2, 60)}/{year - r.randint(2, 6)}/{suffix} "
                + text)
    if "tỉnh" not in text and r.random() < 0.5:
        text += f" trên địa bàn tỉnh {site.province}"
    return f"Dự thảo {word} {text}"


def _channels(r: random.Random, slug: str, agency: str, opens: dt.date, period: int, site: Site) -> list[dict]:
    unit, address = _office(agency)
    email = f"gopy.{_abbreviation(agency)}@{site.domain}.example.gov.vn"
    phone = f"{site.phone} 38{r.randint(10, 99)} {r.randint(100, 999)}"
    every = [
        {"type": "form", "url": f"https://dichvucong.{site.domain}.example.gov.vn/gop-y/{slug}"},
        {"type": "email", "address": email},
        {"type": "post", "address": f"{unit}, {address}, tỉnh {site.province}"},
        {"type": "phone", "number": phone, **({"hours": "giờ hành chính"} if r.random() < 0.5 else {})},
        {"type": "meeting", "date": f"{opens + dt.timedelta(days=r.randint(3, max(3, period - 3))):%Y-%m-%d} 08:00",
         "place": f"Hội trường {words.AGENCIES[agency][0]}, {address}"},
    ]
    chosen = [every[0] if r.random() < 0.7 else every[1]]
    chosen += [c for c in every if c is not chosen[0] and r.random() < 0.45]
    return sorted(chosen, key=every.index)


def _rows(r: random.Random, table, pct: int) -> list[tuple[str, int, int]]:
    rows = []
    for label in table.rows:
        current = corpus_text.nice(r.uniform(table.low, table.high))
        change = max(1, pct + r.randint(-3, 3)) / 100
        proposed = corpus_text.nice(current * (1 + change if table.rising else 1 - change))
        rows.append((label, current, proposed if proposed != current else current + (1 if table.rising else -1)))
    return rows


def make_draft(i: int, seed: int, site: Site):
    """Draft number i: (slug, front matter, body, {name: content} of the files beside it,
    whether it lives in a folder of its own, state)."""
    r = random.Random(seed * 1_000_003 + i)
    state = STATES[i] if i < len(STATES) else r.choices(STATES, STATE_WEIGHTS)[0]
    subject = r.choice(SUBJECTS)
    doc_type, _ = r.choice(subject.titles)
    dates = consultation_dates(r, state, site.today)
    opens, deadline = dates["opens"], dates["deadline"]
    year = opens.year + (1 if opens.month > 6 else 0)
    slug = f"{subject.key}-{i:05d}"
    pct = r.randint(3, 25)
    effective = dt.date(deadline.year + (deadline.month + 2) // 12, (deadline.month + 2) % 12 + 1, 1)
    fill = {"y": year, "y1": year + 1, "p": f"{year}–{year + 4}", "pct": pct, "eff": day(effective)}
    affected = [a for a in subject.affected if r.random() < 0.8] or list(subject.affected[:1])
    rows = _rows(r, subject.table, pct)

    front: dict = {"title": _title(r, subject, doc_type, year, site), "doc_type": doc_type,
                   "agency": subject.agency, "topics": list(subject.topics)}
    if r.random() < 0.1:
        front["id"] = f"{subject.key}-{year}-{i:05d}"
    front["summary"] = " ".join(s.format_map(fill) for s in subject.summary)
    if r.random() < 0.95:
        front["affected"] = affected
    if r.random() < 0.9:
        front["key_questions"] = r.sample(subject.questions, r.randint(1, len(subject.questions)))
    period = (deadline - opens).days
    consultation: dict = {"opens": opens, "closes": dates["closes"]}
    if state == "open" and r.random() < 0.1 and dates["closes"] >= site.today:
        consultation["closes"] = f"{dates['closes']:%Y-%m-%d} 17:00"   # a deadline with its hour
    for key in ("extended_to", "extended_on"):
        if key in dates:
            consultation[key] = dates[key]
    if dates["shortened"]:
        consultation["shortened_reason"] = ("Văn bản cần ban hành gấp để khắc phục hậu quả thiên tai, theo "
                                            "trình tự, thủ tục rút gọn của Luật Ban hành văn bản quy phạm pháp luật.")
    consultation["channels"] = _channels(r, slug, subject.agency, opens, period, site)
    front["consultation"] = consultation

    own_folder = r.random() < 0.35   # documents, a picture, earlier versions beside the draft
    files = corpus_files.attachments(r, front, subject, slug, rows, state, own_folder, site)
    if r.random() < 0.4:
        front["contact"] = {"name": _office(subject.agency)[0],
                            "email": f"gopy.{_abbreviation(subject.agency)}@{site.domain}.example.gov.vn",
                            "phone": f"{site.phone} 3822 {r.randint(100, 999)}"}
    if state == "withdrawn":
        front["status"] = "withdrawn"
        if "withdrawn_on" in dates:
            front["withdrawn_on"] = dates["withdrawn_on"]
    if "published" in dates:
        front["response"] = response(r, subject, dates["published"])
    if state == "adopted":
        # a scheme is adopted by a resolution; legal documents are numbered by year, others not
        _, _, suffix = words.DOC_TYPES["nghi-quyet-hdnd" if doc_type == "de-an" else doc_type]
        if doc_type in ("nghi-quyet-hdnd", "quyet-dinh-ubnd", "de-an"):
            number = f"{r.randint(1, 80)}/{dates['adopted'].year}/{suffix}"
        else:
            number = f"{r.randint(10, 400)}/{suffix}"
        front["status"] = "adopted"
        front["outcome"] = {"document_number": number, "date": dates["adopted"]}
        if r.random() < 0.6:
            front["outcome"]["url"] = f"https://vbpl.{site.domain}.example.gov.vn/van-ban/{slugify(number)}"
    if r.random() < 0.8:
        front["tags"] = r.sample(subject.tags, r.randint(1, len(subject.tags)))

    slots = corpus_text.slots(r, site.province, subject, doc_type, year, site.today, pct=pct, eff=day(effective),
                              opens=day(opens), deadline=day(deadline), affected=affected, rows=rows)
    legal = doc_type in ("nghi-quyet-hdnd", "quyet-dinh-ubnd")
    sections = corpus_text.body_sections(r, slots, legal, r.randint(300, 1500))
    body = corpus_text.body_markdown(sections)
    if own_folder:
        files.update(corpus_files.editions(r, front, sections, slots, legal))
    return slug, front, body, files, own_folder, state


def response(r: random.Random, subject, published: dt.date) -> dict:
    """The report on comments: counts by group and a few answered comments."""
    total = r.randint(3, 600)
    citizens = r.randint(0, total)
    organisations = r.randint(0, total - citizens)
    items = []
    for _ in range(r.randint(1, 5)):
        accepted = r.choice(("yes", "yes", "partly", "no"))
        comment, answer = r.choice(corpus_text.COMMENTS[accepted])
        topic = r.choice(subject.comments)
        items.append({"topic": topic, "comment": comment.format(topic=topic.lower()),
                      "answer": answer.format(topic=topic.lower()), "accepted": accepted})
    out = {"published": published, "total": total,
           "by_group": {"citizens": citizens, "organisations": organisations,
                        "businesses": total - citizens - organisations}}
    if r.random() < 0.9:
        out["items"] = items
    return out


# ---- the whole site -------------------------------------------------------------------------

def write_corpus(folder: Path, n: int, seed: int = 42, today: dt.date = DEFAULT_TODAY,
                 province: str = DEFAULT_PROVINCE) -> Corpus:
    """Write the site into `folder` (created, or empty) and say what it holds."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    domain = slugify(province).replace("-", "")
    site = Site(province, domain, words.PHONE_CODES.get(province, "0200"), today)
    (folder / "content").mkdir(parents=True)
    config = folder / "site_config.yml"
    write_text(config, dump(corpus_files.site_config(site)))
    write_text(folder / "glossary.yml", corpus_files.GLOSSARY)
    for name, text in corpus_files.content_pages(site).items():
        write_text(folder / "content" / name, text)
    drafts = []
    for i in range(n):
        slug, front, body, files, own_folder, state = make_draft(i, seed, site)
        year = front["consultation"]["opens"].year
        base = folder / "drafts" / str(year)
        path = base / slug / "index.md" if own_folder else base / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, f"---\n{dump(front)}---\n\n{body}")
        for name, data in files.items():
            target = path.parent / name
            target.write_bytes(data) if isinstance(data, bytes) else write_text(target, data)
        drafts.append(CorpusDraft(slug, path, front["title"], state, len(body.split())))
    return Corpus(folder, config, tuple(drafts))


def write_text(path: Path, text: str) -> None:
    path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of drafts")
    ap.add_argument("out", type=Path, help="folder to write (new or empty)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--today", type=dt.date.fromisoformat, default=DEFAULT_TODAY,
                    help="the day the states are true for (default %(default)s)")
    ap.add_argument("--province", default=DEFAULT_PROVINCE)
    args = ap.parse_args(argv)
    try:
        corpus = write_corpus(args.out, args.n, args.seed, args.today, args.province)
    except FileExistsError as exc:
        ap.error(str(exc))
    states = ", ".join(f"{count} {state}" for state, count in corpus.states().items())
    print(f"{len(corpus.drafts)} drafts in {corpus.root} ({states})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
