"""Plain-language lint: warnings that help editors write for citizens, not for lawyers.

Very long sentences in the summary and the body, abbreviations used without saying what
they stand for, and glossary terms in the summary (the body explains them on the page;
the summary also travels alone, in listings, feeds and share cards). Every warning names
the file, line and column of the sentence or word, like the other diagnostics.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.diagnostics import Report
from generator.messages import Field, Term
from generator.load.sources import SourceFile
from generator.model import Draft, PlainLanguage
from generator.model.sentences import SENTENCE_END as _SENTENCE_END   # one rule for lint and teasers

_WORD = re.compile(r"[^\s\w]*\w\S*")                            # a token with at least one letter or digit
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")        # links keep their text; emphasis marks go
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ABBREVIATION = re.compile(r"^[A-ZĐ][A-ZĐ&]*[A-ZĐ]$")          # HĐND, UBND, GD&ĐT; tone marks never occur
_ROMAN = re.compile(r"^[IVXLCDM]+$")                           # "Chương II" is a number, not an abbreviation

FINDING_CODES = frozenset({"long-sentence", "undefined-abbreviation", "glossary-term-in-summary"})


@dataclass(frozen=True)
class Span:
    """A piece of text joined from one or more lines, and where each line starts in the file."""

    text: str
    starts: tuple[tuple[int, int, int], ...]   # (offset in text, line, column), one per source line

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column in the file of the character at `offset`."""
        current = self.starts[0]
        for start in self.starts:
            if start[0] > offset:
                break
            current = start
        return current[1], current[2] + offset - current[0]


def lint_draft(src: SourceFile, draft: Draft, settings: PlainLanguage, report: Report) -> None:
    """Add the plain-language warnings of one draft to `report`."""
    if not settings.enabled:
        return
    summary = _summary_span(src, draft)
    body_blocks = list(body_paragraphs(draft.body, draft.body_line))
    for where, blocks in ((Field(("summary",)), [summary] if summary else []), (Term("body"), body_blocks)):
        for block in blocks:
            # a word is one piece between spaces at most (markup taken out never adds one), so a
            # sentence, and a paragraph, of no more pieces than the limit cannot be too long
            if len(block.text.split()) <= settings.sentence_max_words:
                continue
            for sentence in sentences(block):
                if len(sentence.text.split()) <= settings.sentence_max_words:
                    continue
                words = word_count(sentence.text)
                if words > settings.sentence_max_words:
                    report.warning(src.shown, sentence.position(0), "long-sentence", where=where, words=words,
                                   limit=settings.sentence_max_words, preview=_preview(sentence.text))
    everything = ([summary] if summary else []) + body_blocks
    glossary_terms = {t.term for t in settings.glossary}
    if settings.abbreviations:
        full_text = "\n".join(span.text for span in everything)
        reported = set()
        for span in everything:
            for word, line, column in _words(span):
                if (word in reported or word in glossary_terms or word in settings.known_abbreviations
                        or not is_abbreviation(word) or is_defined(word, full_text)):
                    continue
                reported.add(word)
                report.warning(src.shown, (line, column), "undefined-abbreviation", word=word)
    if summary:
        for term in settings.glossary:
            found = find_term(term.term, summary.text)
            if found is None or summary.text[found[1]:].lstrip().startswith("("):
                continue
            report.warning(src.shown, summary.position(found[0]), "glossary-term-in-summary",
                           term=summary.text[found[0]:found[1]], glossary=term.term,
                           explanation=_preview(term.explanation, 60))


def is_abbreviation(word: str) -> bool:
    return bool(_ABBREVIATION.match(word)) and not _ROMAN.match(word) and sum(c.isalpha() for c in word) >= 2


def is_defined(abbreviation: str, text: str) -> bool:
    """"Hội đồng nhân dân (HĐND)" or "HĐND (Hội đồng nhân dân)" somewhere in the text."""
    escaped = re.escape(abbreviation)
    return bool(re.search(rf"\w[\w\s,–-]*\(\s*{escaped}\s*\)", text)
                or re.search(rf"(?<!\w){escaped}\s*\(\s*[^\W\d_][^)]*\w[^)]*\)", text))


def find_term(term: str, text: str, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the first use of a glossary term as whole words; ALL-CAPS terms match
    exactly, others in any case ("Tờ trình" at the start of a sentence)."""
    flags = 0 if term.upper() == term else re.IGNORECASE
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in term.split()) + r"(?!\w)"
    match = re.compile(pattern, flags).search(text, start)
    return (match.start(), match.end()) if match else None


def word_count(sentence: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(r"\1", sentence)))


def sentences(span: Span) -> list[Span]:
    """The sentences of a paragraph, each with its own position."""
    out = []
    start = 0
    for match in _SENTENCE_END.finditer(span.text):
        out.append(_sub_span(span, start, match.start()))
        start = match.end()
    if span.text[start:].strip():
        out.append(_sub_span(span, start, len(span.text)))
    return [s for s in out if s.text.strip()]


def body_paragraphs(body: str, body_line: int):
    """Paragraphs and list items of Markdown, as spans; headings, tables and code are skipped
    (they are not prose)."""
    lines = body.split("\n")
    block: list[tuple[int, int, str]] = []     # (line number, column, text)
    in_code = False

    def flush():
        if block:
            starts, offset = [], 0
            for line, column, text in block:
                starts.append((offset, line, column))
                offset += len(text) + 1
            yield Span(" ".join(text for _, _, text in block), tuple(starts))
            block.clear()

    for index, raw in enumerate(lines):
        number = body_line + index
        stripped = raw.strip()
        if stripped.startswith(("```", "~~~")):
            yield from flush()
            in_code = not in_code
            continue
        if in_code or not stripped or stripped.startswith(("#", "|", "<")) or (raw.startswith("    ") and not block):
            yield from flush()
            continue
        mark = _LIST_MARK.match(raw)
        if mark:
            yield from flush()
            block.append((number, mark.end() + 1, raw[mark.end():].rstrip()))
            continue
        indent = len(raw) - len(raw.lstrip())
        block.append((number, indent + 1, stripped))
    yield from flush()


def _sub_span(span: Span, start: int, end: int) -> Span:
    piece = span.text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return Span(piece.strip(), ((0, *span.position(start + lead)),))


_CANDIDATE = re.compile(r"(?<![\w&])[A-ZĐ][A-ZĐ&]*[A-ZĐ](?![\w&])")


def _words(span: Span):
    """ALL-CAPS words of a span with their positions; parts of document numbers
    (12/2026/NQ-HĐND), addresses and codes with digits are left out."""
    text = span.text
    for match in _CANDIDATE.finditer(text):
        start = text.rfind(" ", 0, match.start()) + 1
        end = text.find(" ", match.end())
        token = text[start:end if end >= 0 else len(text)]
        if "/" in token or "@" in token or any(c.isdigit() for c in token):
            continue
        yield (match.group(0), *span.position(match.start()))


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _summary_span(src: SourceFile, draft: Draft) -> Span | None:
    """The summary as it is in the file: found from the line of its value, so positions
    point at the words an editor sees, whether written on one line or folded (>-)."""
    if not draft.summary:
        return None
    try:
        text = src.path.read_text(encoding="utf-8-sig")
    except OSError:
        return None
    lines = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    first_line, first_column = src.positions.value_of(("summary",))
    words = draft.summary.split()
    starts, joined = [], []
    offset = 0
    remaining = list(words)
    for number in range(first_line, len(lines) + 1):
        raw = lines[number - 1]
        column = first_column if number == first_line else 1
        segment = raw[column - 1:]
        if number == first_line and segment.strip() in (">", ">-", "|", "|-", ">+", "|+"):
            continue
        lead = len(segment) - len(segment.lstrip(" \"'"))
        piece = segment.strip().strip("\"'")
        if not piece:
            continue
        taken = piece.split()
        if remaining[: len(taken)] != taken:
            break
        starts.append((offset, number, column + lead))
        joined.append(piece)
        offset += len(piece) + 1
        remaining = remaining[len(taken):]
        if not remaining:
            break
    if remaining or not starts:   # written in a way we cannot map word by word: point at the field
        return Span(draft.summary, ((0, first_line, first_column),))
    return Span(" ".join(joined), tuple(starts))
