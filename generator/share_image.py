"""Share images: a 1200×630 PNG per draft for link previews in Zalo, Facebook and others.

The card is laid out by `infographics.share_card` with the same primitives as the page's
SVG charts and drawn here with Pillow, in a Vietnamese-capable font installed from Debian
(never fetched). The PNG bytes depend only on the layout, the font and Pillow, so a build
is reproducible, and images are cached by a hash of exactly those: an unchanged draft
costs a lookup, a changed one re-renders only its own card.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from generator import infographics, parallel
from generator.infographics import Circle, Drawing, Line, Rect, Text
from generator.plan import SHARE_IMAGE, Plan

# Fonts with Vietnamese glyphs, regular and bold, first found wins. fonts-dejavu-core is
# installed by scripts/install-system-deps.sh; the others are common on Debian and Ubuntu.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
)
CACHE_SUBDIR = "share-images"
CACHE_FORMAT = "3"                 # bump when the drawing code changes what the same layout looks like
PNG_COMPRESSION = 6                # zlib level, on the palette image below
PNG_COLOURS = 32                   # a card is flat colours and anti-aliased text: 32 look the same,
                                   # and the file is a third of the full-colour one, made faster
CACHE_KEEP_DAYS = 60               # cached cards unused this long are removed

PARALLEL_FROM = 40                  # fewer cards than this are drawn in this process
RENDERS = 0                        # cards actually drawn in this process (the cache's tests read it)


class FontNotFound(SystemExit):
    """No usable font: the command line ends with this message instead of a traceback."""


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str

    def font(self, size: float, bold: bool) -> ImageFont.FreeTypeFont:
        return _load(self.bold if bold else self.regular, int(round(size)))

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        return self.font(size, bold).getlength(text)

    @property
    def identity(self) -> str:
        """What the cache key needs to know of the fonts: which files, of which size."""
        return "|".join(f"{p}:{os.path.getsize(p)}" for p in (self.regular, self.bold))


@functools.lru_cache(maxsize=64)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


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


def rasterize(drawing: Drawing, fonts: Fonts) -> bytes:
    """PNG bytes of `drawing`; no metadata, so equal drawings give equal bytes."""
    global RENDERS
    RENDERS += 1
    image = Image.new("RGB", (int(drawing.width), int(drawing.height)), drawing.background or "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            box = (shape.x, shape.y, shape.x + shape.width - 1, shape.y + shape.height - 1)
            fill = None if shape.fill == "none" else shape.fill
            outline = shape.stroke or None
            width = int(round(shape.stroke_width)) if shape.stroke else 0
            if shape.radius:
                draw.rounded_rectangle(box, radius=shape.radius, fill=fill, outline=outline, width=width)
            else:
                draw.rectangle(box, fill=fill, outline=outline, width=width)
        elif isinstance(shape, Line):
            draw.line((shape.x1, shape.y1, shape.x2, shape.y2), fill=shape.stroke, width=int(round(shape.width)))
        elif isinstance(shape, Circle):
            box = (shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r)
            draw.ellipse(box, fill=shape.fill if shape.fill != "none" else None, outline=shape.stroke or None,
                         width=int(round(shape.stroke_width)))
        elif isinstance(shape, Text):
            draw.text((shape.x, shape.y), shape.text, fill=shape.fill, font=fonts.font(shape.size, shape.bold),
                      anchor=_ANCHORS[shape.anchor])
        else:
            raise TypeError(f"not a drawing primitive: {shape!r}")
    out = io.BytesIO()
    image = image.quantize(colors=PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(out, format="PNG", optimize=False, compress_level=PNG_COMPRESSION)
    return out.getvalue()


def cache_key(drawing: Drawing, fonts: Fonts) -> str:
    recipe = f"{CACHE_FORMAT}\n{PNG_COMPRESSION}\n{PNG_COLOURS}\n{PIL.__version__}\n{fonts.identity}\n{drawing!r}"
    return hashlib.sha256(recipe.encode("utf-8")).hexdigest()


def card_png(drawing: Drawing, fonts: Fonts, cache_dir: Path | None) -> bytes:
    """The PNG of a card, from the cache when an identical card was drawn before."""
    if cache_dir is None:
        return rasterize(drawing, fonts)
    path = cache_dir / f"{cache_key(drawing, fonts)}.png"
    try:
        data = path.read_bytes()
        os.utime(path)  # marks it as in use, so pruning keeps it
        return data
    except FileNotFoundError:
        pass
    data = rasterize(drawing, fonts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")  # a reader never sees half a file
    partial.write_bytes(data)
    os.replace(partial, path)
    return data


def prune(cache_dir: Path, now: float | None = None) -> None:
    """Drop cards no build has used for CACHE_KEEP_DAYS: old versions of edited drafts."""
    limit = (now or time.time()) - CACHE_KEEP_DAYS * 86400
    for path in sorted(cache_dir.glob("*.png")):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass


def card_for(view, plan: Plan, fonts: Fonts) -> Drawing:
    return infographics.share_card(view.draft, view.agency.name, view.status, view.state.label,
                                   plan.config.site, fonts.measure)


def write_share_images(plan: Plan, out: Path) -> None:
    """Writer of the build: du-thao/<slug>/anh-chia-se.png for every draft."""
    if not plan.drafts:
        return
    fonts = find_fonts()
    cache_dir = plan.cache_dir / CACHE_SUBDIR if plan.cache_dir is not None else None
    def draw(views) -> int:
        for view in views:
            target = out / (view.url + SHARE_IMAGE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(card_png(card_for(view, plan, fonts), fonts, cache_dir))
        return len(views)

    # drawing a card takes tens of milliseconds: use every core on a cold build
    parallel.map_chunks(draw, plan.drafts, parallel.default_workers(), PARALLEL_FROM)
    if cache_dir is not None and cache_dir.is_dir():
        prune(cache_dir)
