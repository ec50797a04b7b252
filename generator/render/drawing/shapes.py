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
Measure = Callable[[str, float, bool], float]


def approx_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of rendered text width, for layouts the browser draws."""
    return len(text) * size * (0.64 if bold else 0.56)


def wrap(text: str, width: float, size: float, bold: bool = False, measure: Measure = approx_width) -> list[str]:
    """Greedy word wrap to `width`."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if not line or measure(candidate, size, bold) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines or [""]


def ellipsize(lines: list[str], keep: int, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """At most `keep` lines; a cut shows as "…" at the end of the last one."""
    if len(lines) <= keep:
        return lines
    last = lines[keep - 1].split()
    while last and measure(" ".join(last) + " …", size, bold) > width:
        last.pop()
    return lines[:keep - 1] + [" ".join(last) + " …"]
