"""Static pages from content/."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentPage:
    """A static page from content/: about, how to comment, accessibility, privacy."""

    source: str
    slug: str                      # "" for content/index.md (the home page's introduction)
    title: str
    description: str
    order: int
    body: str
    body_line: int
