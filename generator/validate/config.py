"""Load and check site_config.yml. Any problem here is a configuration error (exit code 2)."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator import messages
from generator.load import site_files
from generator.load import yaml_positions
from generator.model.names import SLUG_RE
from generator.model.vocab import ENGINES
from generator.validate.fields import FieldChecker, suggestion
from generator.diagnostics import ConfigError, Report
from generator.load.sources import check_value_characters, report_outside
from generator.load.yaml_positions import YamlProblem
from generator.model import (Agency, Contact, DocType, GlossaryTerm, Paths, PlainLanguage, Rules, SiteConfig,
                             SiteInfo, Topic)

TOP_FIELDS = ("site", "agencies", "topics", "doc_types", "rules", "paths", "listing", "plain_language", "engine")
SITE_FIELDS = ("name", "short_name", "base_url", "language", "timezone", "description", "logo", "contact", "since")
PATH_FIELDS = tuple(Paths.__dataclass_fields__)
RULE_FIELDS = tuple(Rules.__dataclass_fields__)
PLAIN_LANGUAGE_FIELDS = ("enabled", "sentence_max_words", "abbreviations", "known_abbreviations", "glossary")


def load_config(config_path: Path, base_url: str | None = None) -> SiteConfig:
    """Read and check the site configuration; raise ConfigError listing every problem."""
    report = Report()
    shown = _shown_path(config_path)
    if not config_path.exists():
        report.error(shown, (1, 1), "config-missing", file=shown)
        raise ConfigError(report)
    if not site_files.is_inside(config_path, config_path.absolute().parent.resolve()):
        report_outside(shown, report)   # the site's folder would be wherever the link leads
        raise ConfigError(report)
    loaded = _read_yaml(config_path, shown, report, "config")
    if loaded is None:
        raise ConfigError(report)
    raw, positions = loaded

    check = FieldChecker(shown, positions, report, scope="config")
    if not check.mapping(raw, (), TOP_FIELDS, ("site", "agencies", "topics", "doc_types")):
        raise ConfigError(report)

    site = _site(raw.get("site"), check, base_url, config_path)
    agencies = {k: Agency(k, v["name"], v.get("short", ""), v.get("url", ""))
                for k, v in _table(raw.get("agencies"), "agencies", ("name", "short", "url"), check).items()}
    topics = {k: Topic(k, v["name"]) for k, v in _table(raw.get("topics"), "topics", ("name",), check).items()}
    doc_types = {k: DocType(k, v["name"])
                 for k, v in _table(raw.get("doc_types"), "doc_types", ("name",), check).items()}
    rules = Rules(**_numbers(raw.get("rules"), ("rules",), RULE_FIELDS, check))
    paths = Paths(**_paths(raw.get("paths"), check))
    listing = raw.get("listing") or {}
    page_size = 50
    if check.mapping(listing, ("listing",), ("page_size",)):
        page_size = check.integer(listing.get("page_size", 50), ("listing", "page_size"), minimum=5) or 50
    plain_language = _plain_language(raw.get("plain_language"), check, config_path)
    engine = _engine(raw.get("engine", ENGINES[0]), check)
    if report.errors:
        raise ConfigError(report)
    return SiteConfig(site=site, agencies=agencies, topics=topics, doc_types=doc_types,
                      rules=rules, paths=paths, page_size=page_size, plain_language=plain_language,
                      engine=engine)


def _engine(raw, check: FieldChecker) -> str:
    """The page engine (`engine:`): one of those policyhub has an adapter for."""
    name = check.text(raw, ("engine",))
    if name in ENGINES:
        return name
    if name or raw is None or isinstance(raw, str):   # another type is reported by check.text
        guess = suggestion(name, ENGINES)
        engines = ", ".join(ENGINES)
        if guess:
            check.error(("engine",), "unknown-engine.close", value=name, guess=guess, engines=engines,
                        default=ENGINES[0], at_value=True)
        else:
            check.error(("engine",), "unknown-engine", value=name, engines=engines, default=ENGINES[0],
                        at_value=True)
    return ENGINES[0]


def site_language(config_path: Path) -> str:
    """The language of the site's messages, "vi" or "en", from `site.language` of its config,
    read loosely: also from a config with problems, so that they are told in its language;
    "vi" when there is no readable config or no such key, or when the config is a link that
    leads out of its folder (never read, as load_config refuses it)."""
    try:
        if not site_files.is_inside(config_path, config_path.absolute().parent.resolve()):
            return messages.DEFAULT
        text = site_files.read_limited(config_path, site_files.MAX_YAML_BYTES).decode("utf-8-sig")
        raw, _ = yaml_positions.load(text)
    except (OSError, site_files.TooLarge, UnicodeDecodeError, yaml_positions.YamlSyntaxError):
        return messages.DEFAULT
    site = raw.get("site") if isinstance(raw, dict) else None
    return messages.language(site.get("language") if isinstance(site, dict) else None)


def _read_yaml(path: Path, shown: str, report: Report, kind: str):
    """(data, positions) of a YAML file of the site (`kind` config or glossary), or None when it
    cannot be read; its problems go into `report`: too large, not UTF-8, invalid or refused
    YAML, forbidden characters (the data is still returned, so that other problems are found too)."""
    try:
        text = unicodedata.normalize("NFC", site_files.read_limited(path, site_files.MAX_YAML_BYTES)
                                     .decode("utf-8-sig"))
    except site_files.TooLarge as exc:
        report.error(shown, (1, 1), f"file-too-large.{kind}", limit=site_files.size_words(exc.limit))
        return None
    except UnicodeDecodeError as exc:
        report.error(shown, (1, 1), "not-utf8", reason=exc.reason)
        return None
    except OSError as exc:
        report.error(shown, (1, 1), "unreadable", reason=str(exc.strerror or exc))
        return None
    try:
        raw, positions = yaml_positions.load(text)
    except yaml_positions.YamlRefusedError as exc:
        report.error(shown, (exc.line, exc.column), exc.code, **exc.params)
        return None
    except yaml_positions.YamlSyntaxError as exc:
        report.error(shown, (exc.line, exc.column), f"yaml-syntax.{kind}", problem=YamlProblem(exc.problem))
        return None
    check_value_characters(shown, raw, positions, report, "config" if kind == "config" else "glossary")
    return raw, positions


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _logo(raw, check: FieldChecker, config_path: Path) -> str:
    """The site's logo: a picture file inside the site's folder, never an address elsewhere."""
    name = check.text(raw, ("site", "logo"))
    if not name:
        return ""
    root = config_path.resolve().parent
    problem = site_files.name_problem(name)
    if problem is not None or site_files.type_of(name) not in site_files.PICTURE_TYPES:
        check.error(("site", "logo"), "bad-logo", types=", ".join(site_files.PICTURE_TYPES), value=name,
                    at_value=True)
        return ""
    if not (root / name).is_file() or not site_files.is_inside(root / name, root):
        check.error(("site", "logo"), "missing-file.logo", name=name, at_value=True)
        return ""
    return name


def _site(raw, check: FieldChecker, base_url_override: str | None, config_path: Path) -> SiteInfo | None:
    path = ("site",)
    if not check.mapping(raw, path, SITE_FIELDS, ("name", "base_url")):
        return None
    base_url = base_url_override or check.web_url(raw.get("base_url"), path + ("base_url",))
    if base_url_override and not base_url_override.lower().startswith(("http://", "https://")):
        check.report.error("--base-url", (1, 1), "bad-url.base-url", value=base_url_override)
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    tz_name = check.text(raw.get("timezone", "Asia/Ho_Chi_Minh"), path + ("timezone",))
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        check.error(path + ("timezone",), "bad-timezone", value=tz_name, at_value=True)
    contact = raw.get("contact") or {}
    if check.mapping(contact, path + ("contact",), ("name", "email", "phone")):
        contact = Contact(check.text(contact.get("name"), path + ("contact", "name")),
                          check.email(contact.get("email"), path + ("contact", "email")),
                          check.phone(contact.get("phone"), path + ("contact", "phone")))
    else:
        contact = Contact()
    return SiteInfo(
        name=check.text(raw.get("name"), path + ("name",)),
        base_url=base_url or "",
        language=check.text(raw.get("language", "vi"), path + ("language",)) or "vi",
        timezone=tz_name,
        short_name=check.text(raw.get("short_name"), path + ("short_name",)),
        description=check.text(raw.get("description"), path + ("description",)),
        logo=_logo(raw.get("logo"), check, config_path),
        contact=contact,
        since=check.integer(raw.get("since", 2026), path + ("since",), minimum=2000) or 2026,
    )


def _table(raw, name: str, fields, check: FieldChecker) -> dict[str, dict]:
    """A table of keyed entries such as agencies: every key a slug, every entry named."""
    path = (name,)
    if not isinstance(raw, dict) or not raw:
        check.error(path, "wrong-type.table", name=name, at_value=True)
        return {}
    out = {}
    for key, entry in raw.items():
        key_text = str(key)
        if not SLUG_RE.match(key_text):
            check.error(path + (key,), "bad-key", value=key_text, table=name)
            continue
        if isinstance(entry, str):  # shorthand: `key: Name`
            entry = {"name": entry}
        if not check.mapping(entry, path + (key,), fields, ("name",)):
            continue
        out[key_text] = {f: (check.web_url if f == "url" else check.text)(entry.get(f), path + (key, f))
                         for f in fields}
    return out


def _numbers(raw, path, fields, check: FieldChecker) -> dict[str, int]:
    if raw is None:
        return {}
    if not check.mapping(raw, path, fields):
        return {}
    out = {}
    for field_name in fields:
        if field_name in raw:
            value = check.integer(raw[field_name], path + (field_name,), minimum=0)
            if value is not None:
                out[field_name] = value
    return out


def _paths(raw, check: FieldChecker) -> dict[str, str]:
    if raw is None or not check.mapping(raw, ("paths",), PATH_FIELDS):
        return {}
    out = {}
    for field_name, value in raw.items():
        if field_name not in PATH_FIELDS:
            continue
        text = check.text(value, ("paths", field_name))
        if not SLUG_RE.match(text):
            check.error(("paths", field_name), "bad-path", value=text, at_value=True)
            continue
        out[field_name] = text
    return out


def _plain_language(raw, check: FieldChecker, config_path: Path) -> PlainLanguage:
    """The `plain_language:` settings and the glossary file they name (default glossary.yml)."""
    path = ("plain_language",)
    defaults = PlainLanguage()
    if raw is None:
        raw = {}
    elif not check.mapping(raw, path, PLAIN_LANGUAGE_FIELDS):
        return defaults
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        check.error(path + ("enabled",), "wrong-type.boolean", value=str(enabled), key="enabled", at_value=True)
        enabled = True
    abbreviations = raw.get("abbreviations", True)
    if not isinstance(abbreviations, bool):
        check.error(path + ("abbreviations",), "wrong-type.boolean", value=str(abbreviations), key="abbreviations",
                    at_value=True)
        abbreviations = True
    words = defaults.sentence_max_words
    if "sentence_max_words" in raw:
        words = check.integer(raw["sentence_max_words"], path + ("sentence_max_words",), minimum=5) or words
    known = ()
    if "known_abbreviations" in raw:
        value = raw["known_abbreviations"]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            check.error(path + ("known_abbreviations",), "wrong-type.abbreviations", at_value=True)
        else:
            known = tuple(unicodedata.normalize("NFC", v.strip()) for v in value)
    glossary_file = defaults.glossary_file
    if "glossary" in raw:
        glossary_file = check.text(raw["glossary"], path + ("glossary",))
        root = config_path.resolve().parent
        target = root / glossary_file
        if glossary_file and (site_files.name_problem(glossary_file) is not None
                              or not site_files.is_inside(target, root)):
            check.error(path + ("glossary",), "bad-file.glossary", name=glossary_file, at_value=True)
            glossary_file = ""
        elif not glossary_file or not target.is_file():
            check.error(path + ("glossary",), "missing-file.glossary", name=glossary_file, at_value=True)
            glossary_file = ""
    root = config_path.resolve().parent
    glossary = _glossary(root / glossary_file, root, check.report) if glossary_file else ()
    return PlainLanguage(enabled=enabled, sentence_max_words=words, abbreviations=abbreviations,
                         known_abbreviations=known, glossary_file=glossary_file, glossary=glossary)


def _glossary(path: Path, root: Path, report: Report) -> tuple[GlossaryTerm, ...]:
    """glossary.yml: `term: explanation` per line. A missing default file means no glossary."""
    if not path.is_file():
        return ()
    shown = _shown_path(path)
    if not site_files.is_inside(path, root):
        report_outside(shown, report)
        return ()
    loaded = _read_yaml(path, shown, report, "glossary")
    if loaded is None:
        return ()
    raw, positions = loaded
    if raw is None:
        return ()
    check = FieldChecker(shown, positions, report, scope="glossary")
    if not isinstance(raw, dict):
        check.error((), "wrong-type.glossary")
        return ()
    terms = []
    for term, explanation in raw.items():
        term_text = unicodedata.normalize("NFC", str(term)).strip()
        meaning = check.text(explanation, (term,)) if not isinstance(explanation, (dict, list)) else ""
        if not meaning:
            check.error((term,), "empty-field.glossary", term=term_text, at_value=True)
            continue
        terms.append(GlossaryTerm(term_text, meaning))
    # longest first: "đánh giá tác động chính sách" wins over "đánh giá tác động"
    return tuple(sorted(terms, key=lambda t: (-len(t.term), t.term)))
