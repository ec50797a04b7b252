"""Earlier versions and reference translations of a draft: Markdown files beside it."""
from __future__ import annotations

from pathlib import Path

from generator.load import site_files
from generator.model import (Translation, Version)
from generator.validate.attachments import attached_file, check_edition
from generator.validate.fields import FieldChecker
from generator.validate.tables import VERSION_FIELDS, TRANSLATION_FIELDS, LANG_RE


def check_versions(raw, check: FieldChecker, base: Path, root: Path) -> tuple[Version, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("versions",), "wrong-type.versions", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("versions", i)
        if not check.mapping(item, p, VERSION_FIELDS, VERSION_FIELDS):
            continue
        day = check.date(item["date"], p + ("date",))
        target = attached_file(item["file"], p + ("file",), check, base, root, site_files.EDITION_TYPES)
        if target:
            check_edition(target, root, check.report)
        if day and target:
            out.append(Version(check.text(item["version"], p + ("version",)), day,
                               check.text(item["file"], p + ("file",))))
    return tuple(out)


def check_translations(raw, check: FieldChecker, base: Path, root: Path) -> tuple[Translation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("translations",), "wrong-type.translations", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("translations", i)
        if not check.mapping(item, p, TRANSLATION_FIELDS, TRANSLATION_FIELDS):
            continue
        lang = check.text(item["lang"], p + ("lang",))
        if not LANG_RE.match(lang) or lang.split("-")[0] == "vi":
            check.error(p + ("lang",), "bad-lang", value=lang, at_value=True)
            continue
        if any(t.lang.lower() == lang.lower() for t in out):
            check.error(p + ("lang",), "duplicate-lang", value=lang, at_value=True)
            continue
        target = attached_file(item["file"], p + ("file",), check, base, root, site_files.EDITION_TYPES)
        if target:
            check_edition(target, root, check.report)
            out.append(Translation(lang, check.text(item["file"], p + ("file",))))
    return tuple(out)
