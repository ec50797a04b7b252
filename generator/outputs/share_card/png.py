"""PNG bytes of a share card, written here instead of by Pillow: the same bytes, cheaper.

A card is 1200×630 palette pixels, most of them flat colour, and encoding them is most of
the time a card costs: zlib, and Pillow's handling of every row around it. The bytes here
are those of Pillow's `save(format="PNG", compress_level=level)` for an 8-bit palette
image (rows without filter, the zlib stream of Pillow's settings, IDAT chunks as Pillow cuts
them); tests/infographics/test_share_card_png.py compares the two on cards of every kind.

The cards drawn on one started image (`raster._started`: the site name and the status,
drawn once) begin with the same rows. The compressor's state after those rows is kept and
copied for each card, so the rows they share are compressed once: zlib's output depends only
on the bytes given it, not on how they were handed over.
"""
from __future__ import annotations

import struct
import zlib

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
IDAT_SIZE = 65536            # Pillow writes the compressed rows in chunks of its block size
MEMORY_LEVEL = 9             # Pillow's deflateInit2 settings: window 2^15, memory level 9
STEP = 16                    # rows: a shared start is used in whole steps of this many
KEPT_STATES = 4              # compressor states kept for one started image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def scanlines(image: Image.Image) -> bytes:
    """The rows as PNG compresses them: each behind its filter type, 0 (none), as Pillow
    writes a palette image."""
    framed = Image.new("P", (image.width + 1, image.height), 0)
    framed.paste(image, (1, 0))   # the same mode: the palette numbers are copied as they are
    return framed.tobytes()


def _compressor(level: int):
    return zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS, MEMORY_LEVEL)


class SharedStart:
    """The compressed first rows of a started image, for the cards drawn on it."""

    def __init__(self, image: Image.Image, level: int) -> None:
        self.image, self.level = image, level
        self._rows: bytes | None = None
        self._states: dict[int, tuple[object, bytes]] = {}   # rows compressed -> (compressor, its output so far)

    def rows(self) -> bytes:
        if self._rows is None:
            self._rows = scanlines(self.image)
        return self._rows

    def deflate(self, rows: bytes, width: int) -> bytes:
        """The zlib stream of `rows` (scanlines of a card drawn on this start)."""
        start, stride = self.rows(), width + 1
        same = 0
        while same + STEP <= self.image.height and \
                rows[same * stride:(same + STEP) * stride] == start[same * stride:(same + STEP) * stride]:
            same += STEP
        if not same:
            return _deflate(rows, self.level)
        state = self._states.get(same)
        if state is None:
            if len(self._states) >= KEPT_STATES:
                self._states.pop(next(iter(self._states)))
            compressor = _compressor(self.level)
            state = self._states[same] = (compressor, compressor.compress(start[:same * stride]))
        compressor = state[0].copy()
        return state[1] + compressor.compress(rows[same * stride:]) + compressor.flush()


def _deflate(rows: bytes, level: int) -> bytes:
    compressor = _compressor(level)
    return compressor.compress(rows) + compressor.flush()


def palette_png(image: Image.Image, level: int, start: SharedStart | None = None) -> bytes | None:
    """Pillow's PNG of the palette image `image`, or None where Pillow writes it otherwise
    than here (16 colours or fewer: packed pixels; transparency; more than one IDAT chunk)."""
    palette = image.getpalette() or []
    colours = min(len(palette) // 3, 256)
    if image.mode != "P" or colours <= 16 or "transparency" in image.info or image.palette.mode != "RGB":
        return None
    rows = scanlines(image)
    stream = start.deflate(rows, image.width) if start is not None else _deflate(rows, level)
    if len(stream) > IDAT_SIZE:
        return None
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 3, 0, 0, 0)
    return b"".join((SIGNATURE, _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(palette[:colours * 3])),
                     _chunk(b"IDAT", stream), _chunk(b"IEND", b"")))
