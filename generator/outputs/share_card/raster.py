"""Share images: a 1200×630 PNG per draft for link previews in Zalo, Facebook and others.

The card is laid out by `layout.share_card` with the same primitives as the page's
SVG charts and drawn here with Pillow, in a Vietnamese-capable font installed from Debian
(never fetched). The PNG bytes depend only on the card's words, the layout code, the font
and Pillow, so a build is reproducible, and images are cached by a hash of exactly those:
an unchanged card costs a lookup, a changed one is laid out and drawn again.
"""
from __future__ import annotations

import functools
import hashlib
import io
import math
import os
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont

from generator import parallel
from generator.outputs.share_card import layout
from generator.cache import published
from generator.cache.store import FileCache
from generator.render.drawing.shapes import Circle, Drawing, Line, Rect, Text
from generator.model.vocab import SHARE_IMAGE
from generator.plan.plan import Plan

# Fonts with Vietnamese glyphs, regular and bold, first found wins. fonts-dejavu-core is
# installed by scripts/install-system-deps.sh; the others are common on Debian and Ubuntu.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
)
CACHE_SUBDIR = "share-images"
CACHE_FORMAT = "4"                 # bump when the drawing code changes what the same layout looks like
TEXT_LEVELS = 8                    # steps of a text edge's anti-aliasing, as palette colours
PNG_COMPRESSION = 3                # zlib level: as fast as 1 on a card and a fifth smaller; 6 takes
                                   # twice as long, run-length (Z_RLE) is no faster and bigger
PNG_COLOURS = 32                   # colours of the fallback for text over mixed colours: a card is flat
                                   # colours and anti-aliased text, 32 look the same
CACHE_KEEP_DAYS = 60               # cached cards unused this long are removed

PARALLEL_FROM = 40                  # fewer cards than this are drawn in this process


class FontNotFound(SystemExit):
    """No usable font: the command line ends with this message instead of a traceback."""


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str

    def font(self, size: float, bold: bool) -> ImageFont.FreeTypeFont:
        return _load(self.bold if bold else self.regular, int(round(size)))

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        return _length(self.bold if bold else self.regular, int(round(size)), text)

    @property
    def identity(self) -> str:
        """What the cache key needs to know of the fonts: which files, of which size."""
        return "|".join(f"{p}:{os.path.getsize(p)}" for p in (self.regular, self.bold))


@functools.lru_cache(maxsize=64)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@functools.lru_cache(maxsize=4096)
def _length(path: str, size: int, text: str) -> float:
    """The advance of `text`, laid out: the site name, agencies and status labels come back
    on every card."""
    return _load(path, size).getlength(text)


def find_fonts(candidates=None) -> Fonts:
    """The first installed pair of fonts, or a FontNotFound naming the package to install."""
    candidates = FONT_CANDIDATES if candidates is None else candidates
    for regular, bold in candidates:
        if Path(regular).is_file() and Path(bold).is_file():
            return Fonts(regular, bold)
    tried = ", ".join(regular for regular, _ in candidates)
    raise FontNotFound(
        "error: no font with Vietnamese letters for the share images (looked for " + tried + ").\n"
        "    fix: install the Debian package fonts-dejavu-core (sudo apt-get install fonts-dejavu-core, "
        "or run scripts/install-system-deps.sh)")


_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


class _NotFlat(Exception):
    """The drawing needs the general path: text over more than one colour, or too many colours."""


class _Palette:
    """Colours of a palette image, numbered in the order first used: equal drawings, equal bytes."""

    def __init__(self) -> None:
        self.colours: list[tuple[int, int, int]] = []
        self.numbers: dict[tuple[int, int, int], int] = {}
        self.ramps: dict[tuple[int, int], bytes] = {}

    def __call__(self, colour: str | tuple[int, int, int]) -> int:
        rgb = _rgb(colour) if isinstance(colour, str) else colour
        number = self.numbers.get(rgb)
        if number is None:
            if len(self.colours) == 256:
                raise _NotFlat
            number = self.numbers[rgb] = len(self.colours)
            self.colours.append(rgb)
        return number

    def ramp(self, ink: int, under: int) -> bytes:
        """Palette numbers for mask levels 0..255 of `ink` text over `under`, in TEXT_LEVELS
        steps, as a table for `bytes.translate`."""
        key = (ink, under)
        if key not in self.ramps:
            top = TEXT_LEVELS - 1
            fg, bg = self.colours[ink], self.colours[under]
            steps = [self(tuple(round(b + (f - b) * step / top) for f, b in zip(fg, bg))) for step in range(top + 1)]
            self.ramps[key] = _steps(TEXT_LEVELS).translate(bytes(steps).ljust(256, b"\0"))
        return self.ramps[key]

    def copy(self) -> "_Palette":
        other = _Palette()
        other.colours, other.numbers, other.ramps = list(self.colours), dict(self.numbers), dict(self.ramps)
        return other

    def flat(self) -> bytes:
        """The palette as `Image.putpalette` takes it."""
        return bytes(channel for colour in self.colours for channel in colour)


@functools.lru_cache(maxsize=4)
def _steps(levels: int) -> bytes:
    """The nearest of `levels` even steps from 0 to levels - 1 for each mask level 0..255."""
    return bytes((level * (levels - 1) + 127) // 255 for level in range(256))


@functools.lru_cache(maxsize=256)
def _rgb(colour: str) -> tuple[int, int, int]:
    return ImageColor.getrgb(colour)[:3]


@functools.lru_cache(maxsize=64)
def _text_mask(font: ImageFont.FreeTypeFont, text: str, anchor: str, start: tuple[float, float]):
    """Coverage of `text` as an "L" image, cropped to its ink, its offset from the
    whole-pixel anchor point and its bytes; None for text without ink. `start` is the fractional part of the
    anchor point: these are the glyphs `ImageDraw.text` draws there (it pastes this same mask
    of the font's). Cached: the site name and the status are the same on many cards."""
    core, offset = font.getmask2(text, "L", anchor=anchor, start=start, stroke_filled=True)
    mask = Image.Image()._new(core)   # what ImageDraw does with the font's mask, without a canvas
    box = mask.getbbox()
    if box is None:
        return None
    mask = mask.crop(box)
    return mask, offset[0] + box[0], offset[1] + box[1], mask.tobytes()


_INKED = [0] + [255] * 255          # an "L" mask to a "1" image of where it has ink


def _draw_shape(draw: ImageDraw.ImageDraw, shape, ink) -> None:
    """Rectangles, lines and circles, which Pillow draws without anti-aliasing: `ink` maps a
    colour to what the image takes (the colour itself, or its palette number)."""
    if isinstance(shape, Rect):
        box = (shape.x, shape.y, shape.x + shape.width - 1, shape.y + shape.height - 1)
        fill = None if shape.fill == "none" else ink(shape.fill)
        outline = ink(shape.stroke) if shape.stroke else None
        width = int(round(shape.stroke_width)) if shape.stroke else 0
        if shape.radius:
            draw.rounded_rectangle(box, radius=shape.radius, fill=fill, outline=outline, width=width)
        else:
            draw.rectangle(box, fill=fill, outline=outline, width=width)
    elif isinstance(shape, Line):
        draw.line((shape.x1, shape.y1, shape.x2, shape.y2), fill=ink(shape.stroke), width=int(round(shape.width)))
    elif isinstance(shape, Circle):
        box = (shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r)
        draw.ellipse(box, fill=ink(shape.fill) if shape.fill != "none" else None,
                     outline=ink(shape.stroke) if shape.stroke else None, width=int(round(shape.stroke_width)))
    else:
        raise TypeError(f"not a drawing primitive: {shape!r}")


def _rasterize_rgb(drawing: Drawing, fonts: Fonts) -> Image.Image:
    """The card in full colour, drawn by Pillow alone: the fallback of `_rasterize_palette`,
    and what its output is compared with."""
    image = Image.new("RGB", (int(drawing.width), int(drawing.height)), drawing.background or "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        if isinstance(shape, Text):
            draw.text((shape.x, shape.y), shape.text, fill=shape.fill, font=fonts.font(shape.size, shape.bold),
                      anchor=_ANCHORS[shape.anchor])
        else:
            _draw_shape(draw, shape, lambda colour: colour)
    return image


def _rasterize_palette(drawing: Drawing, fonts: Fonts) -> Image.Image:
    """The card drawn straight into a palette image, several times faster than drawing in full
    colour and quantizing. Text always lies on one flat colour on a card, so each level of a
    glyph's anti-aliasing becomes a palette colour blended between the text's colour and that
    one; raises _NotFlat when text would cover more than one colour. The drawing's shared
    shapes (site name, status) are drawn once for all the cards that start with them."""
    shared = drawing.shapes[:drawing.shared]
    start, start_palette = _started(int(drawing.width), int(drawing.height), drawing.background, shared, fonts)
    image, palette = start.copy(), start_palette.copy()
    _draw_palette_shapes(image, palette, drawing.shapes[drawing.shared:], fonts)
    image.putpalette(palette.flat())
    return image


@functools.lru_cache(maxsize=32)
def _started(width: int, height: int, background: str, shapes: tuple, fonts: Fonts) -> tuple[Image.Image, _Palette]:
    """A palette image with `shapes` drawn on its background, and its palette so far: the
    same image and numbering as drawing them first on every card."""
    palette = _Palette()
    image = Image.new("P", (width, height), palette(background or "#ffffff"))
    _draw_palette_shapes(image, palette, shapes, fonts)
    return image, palette


def _draw_palette_shapes(image: Image.Image, palette: _Palette, shapes, fonts: Fonts) -> None:
    draw = ImageDraw.Draw(image)
    for shape in shapes:
        if not isinstance(shape, Text):
            _draw_shape(draw, shape, palette)
            continue
        start = (math.modf(shape.x)[0], math.modf(shape.y)[0])
        found = _text_mask(fonts.font(shape.size, shape.bold), shape.text, _ANCHORS[shape.anchor], start)
        if found is None:
            continue
        mask, dx, dy, levels = found
        x, y = int(shape.x) + dx, int(shape.y) + dy
        box = (x, y, x + mask.width, y + mask.height)
        if not (0 <= x and 0 <= y and box[2] <= image.width and box[3] <= image.height):
            raise _NotFlat                  # partly off the card: Pillow clips it in full colour
        region = image.crop(box)
        under, other = region.getextrema()  # usually the text's box is all one colour,
        inked = None
        if under != other:                  # else the pixels under its ink must be
            inked = mask.point(_INKED, "1")
            colours = [number for number, n in enumerate(region.histogram(mask=inked)) if n]
            if len(colours) != 1:
                raise _NotFlat
            under = colours[0]
        glyphs = levels.translate(palette.ramp(palette(shape.fill), under))
        image.paste(Image.frombytes("P", mask.size, glyphs), box, inked)


def rasterize(drawing: Drawing, fonts: Fonts) -> bytes:
    """PNG bytes of `drawing`; no metadata, so equal drawings give equal bytes."""
    try:
        image = _rasterize_palette(drawing, fonts)
    except _NotFlat:
        image = _rasterize_rgb(drawing, fonts).quantize(colors=PNG_COLOURS, method=Image.Quantize.FASTOCTREE,
                                                        dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=PNG_COMPRESSION)
    return out.getvalue()


@functools.lru_cache(maxsize=1)
def _layout_code() -> bytes:
    """The code that lays out and draws a card: a new version never finds an older card."""
    package = Path(__file__).resolve().parent.parent.parent
    return b"".join((package / name).read_bytes()
                    for name in ("render/drawing/shapes.py", "render/drawing/palette.py",
                                 "outputs/share_card/layout.py", "outputs/share_card/raster.py"))


def cache_key(card: layout.CardText, fonts: Fonts) -> str:
    """The card's words, the fonts and the code: everything its pixels come from. Found
    without laying the card out, which takes as long as reading it."""
    digest = hashlib.sha256(_layout_code())
    recipe = (f"{CACHE_FORMAT}\n{TEXT_LEVELS}\n{PNG_COMPRESSION}\n{PNG_COLOURS}\n"
              f"{PIL.__version__}\n{fonts.identity}\n{card!r}")
    digest.update(recipe.encode("utf-8"))
    return digest.hexdigest()


def card_png(card: layout.CardText, fonts: Fonts, cache: FileCache, key: str | None = None) -> bytes:
    """The PNG of a card, from the cache when a card with the same words was drawn before."""
    key = key or cache_key(card, fonts)
    data = cache.read(key)
    if data is None:
        data = rasterize(layout.share_card(card, fonts.measure), fonts)
        cache.write(key, data)
    return data


def card_for(view, plan: Plan) -> layout.CardText:
    return layout.card_text(view.draft, view.agency.name, view.status, view.state.label, plan.config.site)


def write_share_images(plan: Plan, out: Path) -> dict[str, str]:
    """Writer of the build: du-thao/<slug>/anh-chia-se.png for every draft. Returns the cache
    key of each card by its path in the site: a card whose published file was made from the
    same key is linked without reading the cache (`published.put_made`)."""
    if not plan.drafts:
        return {}
    fonts = find_fonts()
    cache = FileCache(plan.cache_dir / CACHE_SUBDIR if plan.cache_dir is not None else None, ".png",
                      CACHE_KEEP_DAYS * 86400)

    def draw(views) -> dict[str, str]:
        made = {}
        for view in views:
            rel = view.url + SHARE_IMAGE
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            card = card_for(view, plan)
            key = made[rel] = cache_key(card, fonts)
            published.put_made(target, key, lambda: card_png(card, fonts, cache, key))
        return made

    # drawing a card takes several milliseconds: use every core on a cold build
    made = {}
    for found in parallel.map_chunks(draw, plan.drafts, parallel.default_workers(), PARALLEL_FROM):
        made.update(found)
    cache.prune()
    return made
