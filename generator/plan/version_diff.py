"""What changed between two versions of a draft, as a reader would describe it.

Both texts are split into blocks (headings, paragraphs, list items, table rows); blocks are
matched first by their heading or article number ("Điều 5", "## Mức thu"), then by how
similar they are; changed blocks show the words that were added or removed. A raw line
diff would mark a whole paragraph changed when a line break moves.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ARTICLE = re.compile(r"^(?:\*\*)?((?:Điều|Khoản|Mục|Chương|Phần)\s+[0-9IVXLC]+[a-z]?)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|\*\*|__|(?<!\w)[*_](?!\s)|(?<!\s)[*_](?!\w)|`")
SIMILAR = 0.5      # blocks at least this similar are one block changed, not one removed and one added


@dataclass(frozen=True)
class Block:
    """One unit of text a reader compares: a heading, a paragraph, a list item, a table row."""

    text: str          # plain words, Markdown marks removed, spaces collapsed
    section: str       # the heading the block stands under ("" before the first heading)
    key: str           # what identifies it across versions: its heading or article number, or ""
    is_heading: bool = False
    cells: tuple[str, ...] = ()    # a table row's cells, as plain words
    header: tuple[str, ...] = ()   # the first row of the row's table (the header row: itself)


@dataclass(frozen=True)
class Segment:
    kind: str          # "same", "added", "removed"
    text: str
    space: bool = False   # a space comes before it (kept outside the <ins>/<del> mark)


@dataclass(frozen=True)
class BlockChange:
    kind: str                          # "added", "removed", "changed"
    section: str                       # where it is, for the reader: the nearest heading
    segments: tuple[Segment, ...]      # the words, each marked same / added / removed
    # a table row: each cell's words marked, and the header row of its table, so that the page
    # shows the row as a row of that table; `is_header`: the changed row is the header itself
    cells: tuple[tuple[Segment, ...], ...] = ()
    header: tuple[str, ...] = ()
    is_header: bool = False


def plain(text: str) -> str:
    """Markdown inline marks removed, whitespace collapsed: what a reader sees."""
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split())


def blocks(markdown_text: str) -> list[Block]:
    """Split Markdown into blocks; code fences count as one block each."""
    out: list[Block] = []
    section = ""
    current: list[str] = []
    fence = False
    header: tuple[str, ...] = ()     # of the table being read; () outside tables

    def flush():
        if current:
            text = plain(" ".join(current))
            if text:
                article = _ARTICLE.match(text)
                out.append(Block(text, section, article.group(1).lower() if article else ""))
            current.clear()

    for line in markdown_text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            current.append(stripped)
            if not fence:
                flush()
            continue
        if fence:
            current.append(stripped)
            continue
        if not stripped.startswith("|"):
            header = ()
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            section = plain(heading.group(2))
            out.append(Block(section, section, "heading:" + section.lower(), is_heading=True))
        elif not stripped:
            flush()
        elif stripped.startswith("|"):
            flush()
            if not _TABLE_RULE.match(stripped):
                cells = tuple(plain(c) for c in stripped.strip("|").split("|"))
                header = header or cells
                out.append(Block(" | ".join(cells), section, "row:" + cells[0].lower() if cells[0] else "",
                                 cells=cells, header=header))
        elif _LIST_ITEM.match(line) or _ARTICLE.match(stripped):
            flush()
            current.append(_LIST_ITEM.sub("", line, count=1).strip())
        else:
            current.append(stripped)
    flush()
    return out


_TOKEN = re.compile(r"\s*(?:\w+(?:[.,]\d+)*|[^\w\s])")     # a word (or 1.150,5) or a mark, with its space


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The words of `new`, with those removed from `old` in between, marked. Punctuation is
    compared on its own, so "đồng." against "đồng mỗi tháng." marks only the added words."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Segment] = []

    def add(kind, tokens):
        text = "".join(tokens)
        if not text.strip():
            return
        if out and out[-1].kind == kind:
            out[-1] = Segment(kind, out[-1].text + text, out[-1].space)
        else:
            space = text[:1].isspace()
            # a word put in place of another keeps a space from it ("395.000 385.000", not glued)
            if kind == "added" and out and out[-1].kind == "removed" and text[:1].isalnum() \
                    and out[-1].text[-1:].isalnum():
                space = True
            out.append(Segment(kind, text.lstrip(), space))

    matcher = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("same", b[j1:j2])
        else:
            add("removed", a[i1:i2])
            add("added", b[j1:j2])
    return tuple(out)


def _similarity(a: Block, b: Block) -> float:
    return difflib.SequenceMatcher(None, a.text.split(), b.text.split(), autojunk=False).ratio()


def _pair(old: list[Block], new: list[Block]) -> dict[int, int]:
    """Pairs (new index -> old index) inside one changed stretch: same key first, then the most
    similar blocks that are similar enough."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for j, block in enumerate(new):
        if not block.key:
            continue
        for i, earlier in enumerate(old):
            if i not in used and earlier.key == block.key:
                pairs[j] = i
                used.add(i)
                break
    candidates = sorted(((_similarity(o, n), -abs(i - j), j, i)
                         for j, n in enumerate(new) if j not in pairs
                         for i, o in enumerate(old) if i not in used and o.is_heading == n.is_heading),
                        reverse=True)
    for score, _, j, i in candidates:
        if score < SIMILAR:
            break
        if j not in pairs and i not in used:
            pairs[j] = i
            used.add(i)
    return pairs


def _whole(kind: str, block: Block) -> BlockChange:
    """A block added or removed as a whole."""
    return BlockChange(kind, block.section, (Segment(kind, block.text),),
                       tuple(((Segment(kind, c),) if c else ()) for c in block.cells), block.header,
                       bool(block.cells) and block.cells == block.header)


def _changed(earlier: Block, block: Block) -> BlockChange:
    """A block changed in place; a table row that kept its columns is compared cell by cell."""
    cells: tuple[tuple[Segment, ...], ...] = ()
    if block.cells and len(block.cells) == len(earlier.cells):
        cells = tuple(word_diff(a, b) for a, b in zip(earlier.cells, block.cells))
    return BlockChange("changed", block.section, word_diff(earlier.text, block.text), cells,
                       block.header if cells else (), bool(cells) and block.cells == block.header)


def compare(old_text: str, new_text: str) -> list[BlockChange]:
    """The changes from `old_text` to `new_text`, in the order of the new text (removed blocks
    where they used to be)."""
    old, new = blocks(old_text), blocks(new_text)
    changes: list[BlockChange] = []
    matcher = difflib.SequenceMatcher(None, [b.text for b in old], [b.text for b in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old_part, new_part = old[i1:i2], new[j1:j2]
        pairs = _pair(old_part, new_part)
        paired_old = set(pairs.values())
        pending_removed = [i for i in range(len(old_part)) if i not in paired_old]
        for j, block in enumerate(new_part):
            if j in pairs:
                i = pairs[j]
                # blocks removed before this one's old place come first
                while pending_removed and pending_removed[0] < i:
                    changes.append(_whole("removed", old_part[pending_removed.pop(0)]))
                earlier = old_part[i]
                if earlier.text != block.text:
                    changes.append(_changed(earlier, block))
            else:
                changes.append(_whole("added", block))
        for i in pending_removed:
            changes.append(_whole("removed", old_part[i]))
    return changes
