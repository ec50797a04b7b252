"""Infographics an editor declares in front matter: charts from data, or a designed picture."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyFigure:
    """One key number of a `figures` chart: "1.150 tuyến đường điều chỉnh giá"."""

    label: str
    value: int | float
    unit: str = ""                 # "%", "đồng", "tỷ đồng", "tuyến đường" …
    note: str = ""


@dataclass(frozen=True)
class FiguresChart:
    """A few key numbers, each with its label and unit."""

    title: str
    items: tuple[KeyFigure, ...]
    source: str = ""               # where the numbers come from ("Tờ trình của Sở …")
    kind: str = "figures"


@dataclass(frozen=True)
class ComparedValue:
    """One row of a `compare` chart: the value in force and the one proposed."""

    label: str
    current: int | float
    proposed: int | float


@dataclass(frozen=True)
class CompareChart:
    """Current against proposed values as pairs of bars (fees, support levels, prices)."""

    title: str
    items: tuple[ComparedValue, ...]
    unit: str = ""
    current_label: str = "Hiện hành"
    proposed_label: str = "Dự thảo"
    source: str = ""
    kind: str = "compare"


@dataclass(frozen=True)
class SharePart:
    label: str
    value: int | float             # ≥ 0


@dataclass(frozen=True)
class ShareChart:
    """Parts of a whole; with unit "%" the parts add up to 100."""

    title: str
    items: tuple[SharePart, ...]
    unit: str = ""
    source: str = ""
    kind: str = "share"


@dataclass(frozen=True)
class Picture:
    """A designed picture the editor supplies, next to the draft file."""

    image: str                     # path relative to the draft file
    alt: str                       # mandatory: what the picture shows
    caption: str = ""
    kind: str = "image"


Infographic = FiguresChart | CompareChart | ShareChart | Picture
