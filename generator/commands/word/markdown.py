"""The text of a Word document as the Markdown of a draft's body.

The legal structure becomes headings: Phần, Chương (and the Roman-numbered sections of plans
and schemes, "I. MỤC TIÊU"), Mục and Điều, each a level below the one above it, starting at
`##` like the body of every draft. Khoản ("1.", "2.") become a numbered list, điểm ("a)",
"b)") a list inside it with the letter kept, and dashes a list below that. Tables become
pipe tables (merged cells are repeated as empty cells), footnotes Markdown footnotes, bold
and italic `**` and `*`. Chapter names written in capitals are given sentence case, keeping
the capitals of names and abbreviations that the text itself writes so ("tỉnh Lâm Đồng").
A picture becomes "(Hình N)" in the text and an infographic of the draft.

Every character of the document is text: Markdown's own characters are escaped, `<` and `&`
become entities, links keep only http(s), mailto and tel addresses, so nothing in the
document becomes HTML or script, before the site's safe rendering even sees it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.commands.word.reader import Break, ListBlock, NoteRef, Paragraph, Picture, Run, Table
from generator.commands.word.structure import block_text, fold, is_caps, is_decoration

PART, CHAPTER, SECTION, ARTICLE = range(4)
_LABELS = {"phan": PART, "chuong": CHAPTER, "muc": SECTION, "dieu": ARTICLE}
_LABEL = re.compile(r"^\s*(\S+)\s+((?:thứ|THỨ)\s+\S+|[IVXLCDM]+\b|\d+[a-zđ]?)\s*([.:–-])?\s*(.*)$", re.S)
_ROMAN_SECTION = re.compile(r"^\s*([IVXLCDM]+)\.\s+(\S.*)$", re.S)
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_KHOAN = re.compile(r"^\s*(\d{1,3})\.\s+(?=\S)")
_DIEM = re.compile(r"^\s*[a-zđ]\)\s+(?=\S)")
_DASH = re.compile(r"^\s*[-–—+•]\s+(?=\S)")
_NUMERIC = re.compile(r"^[\d.,%\s()+\-–]*\d[\d.,%\s()+\-–]*$")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:|tel:)", re.IGNORECASE)
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape(text: str) -> str:
    """Text that Python-Markdown shows exactly as it is: no markup, no HTML."""
    text = _ENTITY.sub("&amp;", text.replace("\\", "\\\\"))
    for char in "`*_[]|":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_line_start(line: str) -> str:
    """Keep a line of text from starting a heading, a list, a quote or a definition."""
    match = re.match(r"^(\d+)([.)])(\s|$)", line)
    if match:
        return match.group(1) + "\\" + line[len(match.group(1)):]
    if re.match(r"^(#|[-+](\s|$))", line):
        return "\\" + line
    return "&#58;" + line[1:] if line.startswith(":") else line


@dataclass
class Heading:
    rank: int
    label: str          # "Chương I", "Điều 3", "I." ("" for a Word heading)
    name: str           # "Quy định chung"
    word_level: int = 0


@dataclass
class Body:
    markdown: str
    notes: int = 0
    pictures: list = field(default_factory=list)   # (name, alt as the document gives it), in order


def to_markdown(blocks: list, notes: dict) -> Body:
    return _Writer(blocks, notes).write()


class _Writer:
    def __init__(self, blocks: list, notes: dict):
        self.blocks, self.notes = blocks, notes
        self.numbers: dict[str, int] = {}
        self.pictures: list[tuple[str, str]] = []
        self.proper, self.acronyms = _names(blocks)

    # -- the whole body --------------------------------------------------------------------
    def write(self) -> Body:
        headings, index = {}, 0
        while index < len(self.blocks):
            found, used = self.heading(index)
            if found:
                headings[index] = (found, used)
                index += used
            else:
                index += 1
        ranks = sorted({h.rank for h, _ in headings.values() if not h.word_level})
        self.levels = {rank: min(2 + i, 6) for i, rank in enumerate(ranks)}
        chunks, index = [], 0
        while index < len(self.blocks):
            if index in headings:
                heading, used = headings[index]
                chunks.extend(self.heading_markdown(heading, index, used))
                index += used
                continue
            run = self.list_run(index)
            if run:
                chunks.append(self.list_markdown(self.blocks[index:index + run]))
                index += run
                continue
            chunks.extend(self.block(self.blocks[index]))
            index += 1
        chunks.extend(self.footnotes())
        text = "\n\n".join(c for c in chunks if c.strip())
        return Body(text + "\n" if text else "", len(self.numbers), self.pictures)

    # -- headings --------------------------------------------------------------------------
    def heading(self, index: int) -> tuple[Heading | None, int]:
        block = self.blocks[index]
        if not isinstance(block, Paragraph):
            return None, 0
        text = " ".join(block.text.split())
        match = _LABEL.match(text)
        rank = _LABELS.get(fold(match.group(1))) if match else None
        if rank is not None and match.group(3) is None and match.group(4):
            # "Điều 2 của Luật …", "Mục 1 quy định …": a sentence; a chapter may go without the dot
            rank = rank if rank != ARTICLE and is_caps(match.group(4)) else None
        if rank is not None:
            word, number = match.group(1), match.group(2)
            if is_caps(word):   # "CHƯƠNG I", "PHẦN THỨ NHẤT"
                word, number = word.capitalize(), number if _ROMAN.match(number) else number.lower()
            label = f"{word} {number}"
            name, used = match.group(4).strip(), 1
            nxt = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if not name and rank != ARTICLE and isinstance(nxt, Paragraph) and self._name_like(nxt):
                name, used = " ".join(nxt.text.split()), 2
            return Heading(rank, label, name), used
        roman = _ROMAN_SECTION.match(text)
        if roman and is_caps(roman.group(2)):
            return Heading(CHAPTER, f"{roman.group(1)}.", roman.group(2)), 1
        if block.heading and text:
            return Heading(CHAPTER, "", text, word_level=block.heading), 1
        return None, 0

    def _name_like(self, block: Paragraph) -> bool:
        text = " ".join(block.text.split())
        return (bool(text) and len(text.split()) <= 30 and not _LABEL.match(text) and not _KHOAN.match(text)
                and (is_caps(text) or all(r.bold for r in block.inlines if isinstance(r, Run) and r.text.strip())))

    def heading_markdown(self, heading: Heading, index: int, used: int) -> list[str]:
        block = self.blocks[index]
        level = min(heading.word_level + 1, 6) if heading.word_level else self.levels[heading.rank]
        name, rest = heading.name, ""
        if heading.rank == ARTICLE and name and name[-1] in ".;:" and not name.endswith("…"):
            name, rest = "", name       # "Điều 5. Nghị quyết này có hiệu lực …": a sentence, not a name
        if is_caps(name):
            name = self.sentence_case(name)
        if heading.word_level:
            title = self.plain(block)
        else:
            title = heading.label + (f". {name}" if name and not heading.label.endswith(".") else f" {name}" if name else "")
            notes = "".join(f"[^{self.number(i.note)}]" for b in self.blocks[index:index + used]
                            for i in b.inlines if isinstance(i, NoteRef) and i.note in self.notes)
            title = escape(title) + notes
        out = ["#" * level + " " + title.strip()]
        if rest:
            out.append(escape_line_start(escape(rest)))
        return out

    def sentence_case(self, text: str) -> str:
        out, first = [], True
        for part in re.split(r"(\w+)", text):
            if not part or not part[0].isalnum():
                out.append(part)
                continue
            if _ROMAN.match(part) or part in self.acronyms:
                out.append(part)
            elif first or part.capitalize() in self.proper:
                out.append(part.capitalize())
            else:
                out.append(part.lower())
            first = False
        return "".join(out)

    # -- lists of khoản, điểm and dashes ---------------------------------------------------
    def list_run(self, index: int) -> int:
        count = 0
        while index + count < len(self.blocks) and _item_kind(self.blocks[index + count]):
            count += 1
        return count

    def list_markdown(self, paragraphs: list) -> str:
        items = [(_item_kind(p), p) for p in paragraphs]
        numbers = [int(_KHOAN.match(p.text).group(1)) for kind, p in items if kind == "khoan"]
        if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            # numbered out of order (a draft being edited): a list would renumber it, so keep the text
            return "\n\n".join(self.paragraph(p) for _, p in items)
        lines, stack = [], []
        for kind, paragraph in items:
            rank = ("khoan", "diem", "dash").index(kind)
            while stack and stack[-1] > rank:
                stack.pop()
            if not stack or stack[-1] < rank:
                stack.append(rank)
            indent = "    " * (len(stack) - 1)
            inlines = paragraph.inlines
            if kind == "khoan":
                match = _KHOAN.match(paragraph.text)
                marker, inlines = f"{match.group(1)}.", _drop(inlines, match.end())
            else:
                marker = "-"
                if kind == "dash":
                    inlines = _drop(inlines, _DASH.match(paragraph.text).end())
            text = self.inline(inlines)
            lines.append(f"{indent}{marker} " + f"  \n{indent}    ".join(escape_line_start(t) for t in text))
        return "\n".join(lines)

    # -- other blocks ----------------------------------------------------------------------
    def block(self, block) -> list[str]:
        if isinstance(block, Paragraph):
            return [self.paragraph(block)]
        if isinstance(block, ListBlock):
            return [self.word_list(block, 0)]
        if isinstance(block, Table):
            return self.table(block)
        return []

    def paragraph(self, block: Paragraph) -> str:
        return "  \n".join(escape_line_start(line) for line in self.inline(block.inlines))

    def word_list(self, block: ListBlock, depth: int) -> str:
        """A list Word numbered or bulleted itself."""
        lines, indent = [], "    " * depth
        for number, item in enumerate(block.items, 1):
            marker = f"{number}." if block.ordered else "-"
            texts, nested = [], []
            for child in item:
                if isinstance(child, ListBlock):
                    nested.append(self.word_list(child, depth + 1))
                else:
                    texts.extend(self.cell_text(child).split("\n"))
            line = f"{indent}{marker} " + f"  \n{indent}    ".join(escape_line_start(t) for t in texts if t)
            lines.append(line.rstrip())
            lines.extend(nested)
        return "\n".join(lines)

    def table(self, table: Table) -> list[str]:
        grid = _grid(table)
        if not grid:
            return []
        if len(grid) == 1 or len(grid[0]) == 1:   # a frame around text, not a table of data
            return [chunk for row in table.rows for cell in row for b in cell.blocks for chunk in self.block(b)]
        cells = [[self.cell_text(c, header=r == 0).replace("\n", " ") if c is not None else "" for c in row]
                 for r, row in enumerate(grid)]
        numeric = [all(_NUMERIC.match(row[c]) for row in cells[1:] if row[c]) and any(row[c] for row in cells[1:])
                   for c in range(len(cells[0]))]
        lines = ["| " + " | ".join(c or " " for c in cells[0]) + " |",
                 "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
        lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in cells[1:]]
        return ["\n".join(lines)]

    def cell_text(self, block, header: bool = False) -> str:
        if isinstance(block, Paragraph):
            return " ".join(self.inline(block.inlines, no_bold=header))
        if hasattr(block, "blocks"):   # a cell
            return " ".join(t for b in block.blocks if (t := self.cell_text(b, header)))
        return escape(" ".join(block_text(block).split()))

    def footnotes(self) -> list[str]:
        out = []
        for note, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            parts = [self.cell_text(b) if not isinstance(b, Paragraph) else self.paragraph(b)
                     for b in self.notes.get(note, [])]
            parts = [p.replace("\n", "\n    ") for p in parts if p.strip()] or [" "]
            out.append(f"[^{number}]: " + "\n\n    ".join(parts))
        return ["\n".join(out)] if out else []

    # -- inline text -----------------------------------------------------------------------
    def number(self, note: str) -> int:
        return self.numbers.setdefault(note, len(self.numbers) + 1)

    def plain(self, block: Paragraph) -> str:
        return escape(" ".join(block.text.split()))

    def inline(self, inlines: list, no_bold: bool = False) -> list[str]:
        """The Markdown of a paragraph's content, one string per line (Word's line breaks)."""
        lines, pieces = [], []

        def end_line():
            text = " ".join("".join(_render(pieces)).split())
            if text and not is_decoration(text):
                lines.append(text)
            pieces.clear()

        for item in inlines:
            if isinstance(item, Break):
                end_line()
            elif isinstance(item, Run):
                style = (item.bold and not no_bold, item.italic, item.href if _SAFE_URL.match(item.href) else "")
                if pieces and pieces[-1][0] == style:
                    pieces[-1] = (style, pieces[-1][1] + item.text)
                else:
                    pieces.append((style, item.text))
            elif isinstance(item, NoteRef) and item.note in self.notes:
                pieces.append((None, f"[^{self.number(item.note)}]"))
            elif isinstance(item, Picture) and item.name:
                # a draft's pictures are its infographics (their files are published, their alt text
                # checked); the body says where each one stood
                self.pictures.append((item.name, " ".join(item.alt.split())))
                pieces.append((None, f" *(Hình {len(self.pictures)})* "))
        end_line()
        return lines


def _render(pieces):
    for style, text in pieces:
        if style is None:
            yield text
            continue
        bold, italic, href = style
        text = text.replace("\t", " ").replace("\u00a0", " ")
        core = text.strip()
        if not core:
            yield " " if text else ""
            continue
        markdown = escape(" ".join(core.split()))
        if href:
            url = "".join(f"%{ord(c):02X}" if c in ' ()<>"' else c for c in href)
            markdown = f"[{markdown}]({url})"
        mark = "***" if bold and italic else "**" if bold else "*" if italic else ""
        yield (" " if text[0].isspace() else "") + mark + markdown + mark + (" " if text[-1].isspace() else "")


def _item_kind(block) -> str:
    if not isinstance(block, Paragraph) or block.heading:
        return ""
    text = block.text
    return "khoan" if _KHOAN.match(text) else "diem" if _DIEM.match(text) else "dash" if _DASH.match(text) else ""


def _drop(inlines: list, count: int) -> list:
    """`inlines` without their first `count` characters of text (a list marker)."""
    out = []
    for item in inlines:
        if count > 0 and isinstance(item, Run):
            if len(item.text) <= count:
                count -= len(item.text)
                continue
            item = Run(item.text[count:], item.bold, item.italic, item.href)
            count = 0
        elif count > 0 and isinstance(item, Break):
            count -= 1
            continue
        out.append(item)
    return out


def _grid(table: Table) -> list[list]:
    """Rows of equal length; a merged cell's other places are None."""
    grid, taken = [], set()
    for r, row in enumerate(table.rows):
        out, c = [], 0
        for cell in row:
            while (r, c) in taken:
                out.append(None)
                c += 1
            out.append(cell)
            out.extend([None] * (cell.colspan - 1))
            for dr in range(1, cell.rowspan):
                taken.update((r + dr, c + dc) for dc in range(cell.colspan))
            c += cell.colspan
        while (r, c) in taken:
            out.append(None)
            c += 1
        grid.append(out)
    width = max((len(row) for row in grid), default=0)
    return [row + [None] * (width - len(row)) for row in grid] if width else []


def _names(blocks: list) -> tuple[set, set]:
    """Words the text capitalises inside sentences (names) and writes in capitals (abbreviations)."""
    proper, acronyms = set(), set()
    for block in blocks:
        text = block_text(block)
        for line in text.split("\n"):
            letters = [c for c in line if c.isalpha()]
            if sum(c.isupper() for c in letters) * 2 > len(letters):
                continue   # a line mostly in capitals says nothing about names
            for match in re.finditer(r"\w+", line):
                word = match.group(0)
                before = line[:match.start()].rstrip()
                if len(word) >= 2 and word.isupper():
                    acronyms.add(word)
                elif word[0].isupper() and word[1:].islower() and before and before[-1] not in ".!?:":
                    proper.add(word)
    return proper, acronyms
