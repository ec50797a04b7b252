"""Other editions of a draft: its earlier versions and its reference translations.

Both are Markdown files next to the draft, named in its front matter (`versions`,
`translations`). They are read here, when the site is planned, so that the pages that show
them carry their text in their data (and a changed file changes the page);
`plan.editions` compares a draft with its latest earlier version.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.load import site_files
from generator.load import yaml_positions
from generator.load.sources import split_front_matter
from generator.model import Translation

# Language names for links and labels: (name in Vietnamese, name in the language itself,
# the "reference translation" notice in the language). Other languages show their code and
# the Vietnamese notice only, unless the translation's front matter gives `language` and `note`.
LANGUAGES = {
    "en": ("Tiếng Anh", "English", "Reference translation. Only the Vietnamese text is official."),
    "fr": ("Tiếng Pháp", "Français", "Traduction de référence. Seul le texte vietnamien fait foi."),
    "zh": ("Tiếng Trung", "中文", "参考译文。仅越南语文本具有正式效力。"),
    "ko": ("Tiếng Hàn", "한국어", "참고 번역입니다. 베트남어 원문만 공식 효력이 있습니다."),
    "ja": ("Tiếng Nhật", "日本語", "参考訳です。ベトナム語の原文のみが正式なものです。"),
    "km": ("Tiếng Khmer", "ភាសាខ្មែរ", ""),
    "kpm": ("Tiếng K'Ho", "", ""),
    "rad": ("Tiếng Ê Đê", "", ""),
    "cjm": ("Tiếng Chăm", "", ""),
    "hnj": ("Tiếng Mông", "", ""),
}
TRANSLATION_FIELDS = ("title", "summary", "language", "note")


@dataclass(frozen=True)
class TranslationText:
    """A reference translation as the page shows it."""

    lang: str
    file: str
    title: str
    summary: str
    body: str
    language_vi: str       # "Tiếng Anh"
    language_own: str      # "English" ("" when unknown)
    note: str              # the notice in the translation's language ("" when unknown)


def read_markdown(path: Path) -> tuple[dict, str]:
    """Front matter (a mapping, possibly empty) and body of a Markdown file, NFC. `check`
    has read the file before (`attachments.check_edition`): nothing here is reported."""
    raw = site_files.read_limited(path, site_files.MAX_MARKDOWN_BYTES).decode("utf-8-sig")
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    front_text, body, _ = split_front_matter(text)
    front = {}
    if front_text is not None:
        try:
            loaded, _ = yaml_positions.load(front_text)
        except yaml_positions.YamlSyntaxError:
            loaded = None
        front = loaded if isinstance(loaded, dict) else {}
    return front, body


def language_names(lang: str) -> tuple[str, str, str]:
    base = lang.split("-")[0].lower()
    return LANGUAGES.get(lang.lower()) or LANGUAGES.get(base) or (f"Ngôn ngữ {lang}", "", "")


def read_translation(translation: Translation, source_dir: Path, draft_title: str) -> TranslationText:
    front, body = read_markdown(source_dir / translation.file)
    language_vi, language_own, note = language_names(translation.lang)

    def text(key: str, default: str) -> str:
        value = front.get(key)
        return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and str(value).strip() else default

    language_own = text("language", language_own)
    title = text("title", f"{draft_title} ({language_own or language_vi})")
    return TranslationText(lang=translation.lang, file=translation.file, title=title,
                           summary=text("summary", ""), body=body, language_vi=language_vi,
                           language_own=language_own, note=text("note", note))


