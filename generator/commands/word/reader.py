"""Read a Word .docx into blocks of text: paragraphs, lists, tables, footnotes and pictures.

mammoth turns the document into semantic HTML (it reads WordprocessingML, keeps bold and
italic, tables with merged cells, footnotes and endnotes, leaves out deleted tracked changes
and comments, and never runs macros); this module parses that HTML into the small block model
below, which `docx_markdown` turns into Markdown. Before mammoth sees a file, the file is
recognised by its first bytes, so that an old .doc, a password-protected file, a workbook
or a damaged zip gets its own message instead of a traceback.
"""
from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator import messages

MAX_UNPACKED = 200 * 1024 * 1024       # a .docx that unpacks to more than this is refused (zip bomb)
PICTURE_TYPES = {"image/png": "png", "image/jpeg": "jpg"}   # the picture types a draft page may show
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

SECTION = "import-word"   # its words: that section of generator/messages/vi.yml and en.yml


class WordFileError(Exception):
    """The file cannot be read as a Word document: `code` names the message, `fields` fill it."""

    def __init__(self, code: str, **fields):
        super().__init__(code)
        self.code, self.fields = code, fields

    def text(self, lang: str) -> tuple[str, str]:
        """(message, fix) in `lang`."""
        fields = dict(self.fields)
        if "what" in fields and messages.needed(SECTION, f"what.{fields['what']}") is not None:
            fields["what"] = messages.text(SECTION, f"what.{fields['what']}", lang)   # else the reader's own words
        return messages.text(SECTION, self.code, lang, **fields), messages.text(SECTION, f"{self.code}.hint", lang)


# -- the block model -----------------------------------------------------------------------

@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class NoteRef:
    note: str                # "footnote-1", "endnote-2"


@dataclass
class Break:
    pass


@dataclass
class Picture:
    name: str                # key into WordDocument.pictures; "" when its type cannot be shown
    alt: str = ""


@dataclass
class Paragraph:
    inlines: list
    heading: int = 0         # 1–6 for a paragraph in one of Word's heading styles

    @property
    def text(self) -> str:
        return "".join(i.text if isinstance(i, Run) else "\n" if isinstance(i, Break) else "" for i in self.inlines)


@dataclass
class ListBlock:
    ordered: bool
    items: list              # each a list of blocks


@dataclass
class Cell:
    blocks: list
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    rows: list               # each a list of Cell


@dataclass
class WordDocument:
    blocks: list
    notes: dict = field(default_factory=dict)          # "footnote-1" -> blocks
    pictures: dict = field(default_factory=dict)       # name -> (bytes, extension)
    pictures_left_out: int = 0


# -- recognising the file --------------------------------------------------------------------

def check_file(data: bytes, shown: str) -> None:
    """Raise WordFileError unless `data` looks like a .docx that mammoth can read."""
    if not data:
        raise WordFileError("docx-empty-file", file=shown)
    if data.startswith(OLE_MAGIC):
        # Word writes a password-protected .docx as an OLE file with an EncryptedPackage stream
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise WordFileError("docx-encrypted", file=shown)
        if "WordDocument".encode("utf-16-le") in data:
            raise WordFileError("docx-legacy-doc", file=shown)
        raise WordFileError("docx-not-word", file=shown, what="unknown")
    if data.startswith(b"%PDF"):
        raise WordFileError("docx-not-word", file=shown, what="pdf")
    if data.startswith(b"{\\rtf"):
        raise WordFileError("docx-not-word", file=shown, what="rtf")
    if not data.startswith(b"PK"):
        raise WordFileError("docx-not-word", file=shown, what="unknown")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            unpacked = sum(info.file_size for info in infos)
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise WordFileError("docx-damaged", file=shown, what=str(exc) or type(exc).__name__) from None
    if "word/document.xml" not in names:
        kind = ("workbook" if "xl/workbook.xml" in names else "presentation" if "ppt/presentation.xml" in names
                else "opendocument" if mimetype.startswith(b"application/vnd.oasis.opendocument") else "zip")
        raise WordFileError("docx-not-word", file=shown, what=kind)
    if "word/vbaProject.bin" in names:
        raise WordFileError("docx-macros", file=shown)
    if unpacked > MAX_UNPACKED:
        raise WordFileError("docx-too-large", file=shown, limit=MAX_UNPACKED // (1024 * 1024))


def read_docx(data: bytes, shown: str) -> WordDocument:
    """The document's blocks; WordFileError when it cannot be read."""
    check_file(data, shown)
    import mammoth   # imported here: only `policyhub import` needs it

    pictures: dict = {}
    left_out = [0]

    def picture(image):
        extension = PICTURE_TYPES.get((image.content_type or "").lower())
        if extension is None:
            left_out[0] += 1
            return {"src": ""}
        with image.open() as handle:
            pictures[f"hinh-{len(pictures) + 1}.{extension}"] = (handle.read(), extension)
        return {"src": f"hinh-{len(pictures)}.{extension}"}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(picture))
    except Exception as exc:   # noqa: BLE001 - any failure inside the converter is a damaged file to the editor
        raise WordFileError("docx-damaged", file=shown, what=f"{type(exc).__name__}: {exc}"[:160]) from None
    document = blocks_from_html(unicodedata.normalize("NFC", result.value))   # Word keeps what was typed: NFD too
    document.pictures = pictures
    document.pictures_left_out = left_out[0]
    return document


# -- HTML to blocks --------------------------------------------------------------------------

@dataclass
class _Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    VOID = {"br", "img", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "table", "blockquote", "div"}


def blocks_from_html(html: str) -> WordDocument:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    document = WordDocument(blocks=[])
    document.blocks = _blocks(builder.root.children, document)
    return document


def _blocks(children, document: WordDocument) -> list:
    out, loose = [], []

    def flush():
        inlines = _inlines(loose)
        if any(not isinstance(i, Run) or i.text.strip() for i in inlines):
            out.append(Paragraph(inlines))
        loose.clear()

    for child in children:
        if isinstance(child, str) or child.tag not in BLOCK_TAGS:
            loose.append(child)
            continue
        flush()
        if child.tag == "p" or child.tag[0] == "h":
            out.append(Paragraph(_inlines(child.children), heading=int(child.tag[1]) if child.tag[0] == "h" else 0))
        elif child.tag in ("ol", "ul"):
            items = [c for c in child.children if isinstance(c, _Node) and c.tag == "li"]
            notes = [li for li in items if li.attrs.get("id", "").startswith(("footnote-", "endnote-"))]
            for li in notes:
                document.notes[li.attrs["id"]] = _blocks(li.children, document)
            rest = [li for li in items if li not in notes]
            if rest:
                out.append(ListBlock(child.tag == "ol", [_blocks(li.children, document) for li in rest]))
        elif child.tag == "table":
            out.append(Table([[Cell(_blocks(td.children, document), _span(td, "colspan"), _span(td, "rowspan"))
                               for td in tr.children if isinstance(td, _Node) and td.tag in ("td", "th")]
                              for tr in _rows(child)]))
        else:   # blockquote, div: their content as blocks of their own
            out.extend(_blocks(child.children, document))
    flush()
    return out


def _rows(table: _Node):
    for child in table.children:
        if isinstance(child, _Node) and child.tag == "tr":
            yield child
        elif isinstance(child, _Node) and child.tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)


def _span(node: _Node, name: str) -> int:
    try:
        return max(1, min(int(node.attrs.get(name, 1)), 50))
    except ValueError:
        return 1


def _inlines(children, bold=False, italic=False, href="") -> list:
    out = []
    for child in children:
        if isinstance(child, str):
            if child:
                out.append(Run(child, bold, italic, href))
            continue
        tag, attrs = child.tag, child.attrs
        if tag in ("strong", "b"):
            out.extend(_inlines(child.children, True, italic, href))
        elif tag in ("em", "i"):
            out.extend(_inlines(child.children, bold, True, href))
        elif tag == "a":
            target = attrs.get("href", "") or ""
            if target.startswith(("#footnote-ref-", "#endnote-ref-")):
                continue                                   # the note's link back to its reference
            if target.startswith(("#footnote-", "#endnote-")):
                out.append(NoteRef(target[1:]))
                continue
            out.extend(_inlines(child.children, bold, italic, "" if target.startswith("#") else target))
        elif tag == "br":
            out.append(Break())
        elif tag == "img":
            out.append(Picture(attrs.get("src", "") or "", (attrs.get("alt") or "").strip()))
        else:   # sup, sub, s, u, span and anything else: their text
            out.extend(_inlines(child.children, bold, italic, href))
    return out
