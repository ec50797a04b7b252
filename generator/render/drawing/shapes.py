"""The primitives of a drawing, and how text is measured and wrapped to fit."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.render.drawing.palette import INK


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str = "none"
    stroke: str = ""
    stroke_width: float = 0
    radius: float = 0
    themed: bool = True            # False: the fill keeps its colour in every scheme (parts of a chart)


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    width: float = 2
    dash: tuple[int, int] | None = None    # (on, off) lengths
    css_class: str = ""                    # for the page's script (SVG only)


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str = INK
    stroke: str = ""
    stroke_width: float = 0


@dataclass(frozen=True)
class Text:
    x: float
    y: float                       # baseline
    text: str
    size: float
    fill: str = INK
    bold: bool = False
    anchor: str = "start"          # start | middle | end
    themed: bool = True            # False: keeps its colour in every scheme (a number on a fixed fill)
    css_class: str = ""            # for the page's script (SVG only)


@dataclass(frozen=True)
class Group:
    """Shapes moved down by `y` as one, named by a class and data attributes (data-NAME) so
    that the page's script can find and move them (the timeline's milestones)."""

    y: float
    shapes: tuple
    css_class: str = ""
    data: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    shapes: tuple
    background: str = ""
    defs: tuple = ()               # drawn only where a script copies them (SVG <defs>)
    shared: int = 0                # this many leading shapes are the same on many drawings (the
                                   # share cards' site name and status): a rasterizer may draw them once
Measure = Callable[[str, float, bool], float]


def approx_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of rendered text width, for layouts the browser draws."""
    return len(text) * size * (0.64 if bold else 0.56)


def wrap(text: str, width: float, size: float, bold: bool = False, measure: Measure = approx_width) -> list[str]:
    """Greedy word wrap to `width`: each line takes words while they fit, and at least one.

    A line's width only grows with its words, so a line's end is found from a guess and a
    measurement or two around it, instead of measuring the line again after every word:
    drawn text is measured by laying it out, which costs as much as drawing it."""
    words = text.split()
    lines: list[str] = []
    start = 0
    while start < len(words):
        end = _line_end(words, start, width, size, bold, measure)
        lines.append(" ".join(words[start:end]))
        start = end
    return lines or [""]


def _line_end(words: list[str], start: int, width: float, size: float, bold: bool, measure: Measure) -> int:
    """Where the line that starts at word `start` ends: the most words that fit, at least one."""
    def fits(end: int) -> bool:
        return end == start + 1 or measure(" ".join(words[start:end]), size, bold) <= width

    if len(words) == start + 1:
        return len(words)
    rest = " ".join(words[start:])
    rest_width = measure(rest, size, bold)
    if rest_width <= width:
        return len(words)
    # the guess: as many words as characters fit at the rest's mean width of a character
    room, end, chars = len(rest) * width / max(rest_width, 1e-9), start + 1, len(words[start])
    while end < len(words) and chars + 1 + len(words[end]) <= room:
        chars += 1 + len(words[end])
        end += 1
    if fits(end):
        while end < len(words) and fits(end + 1):
            end += 1
    else:
        end -= 1
        while not fits(end):
            end -= 1
    return end


def ellipsize(lines: list[str], keep: int, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """At most `keep` lines; a cut shows as "…" at the end of the last one."""
    if len(lines) <= keep:
        return lines
    last = lines[keep - 1].split()
    while last and measure(" ".join(last) + " …", size, bold) > width:
        last.pop()
    return lines[:keep - 1] + [" ".join(last) + " …"]
