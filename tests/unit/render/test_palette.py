"""Drawings keep WCAG's contrast in the light and the dark scheme, and the stylesheet gives
each colour role the palette's colour in each scheme."""
import re

import pytest

from generator.render.drawing import palette
from tests.conftest import REPO

CSS = (REPO / "theme/assets/stylesheets/policyhub.css").read_text(encoding="utf-8")


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["LIGHT", "DARK"])
@pytest.mark.parametrize("fore, back, least", palette.CONTRASTS)
def test_every_mark_stands_out_from_what_it_stands_on(scheme, fore, back, least):
    colours = getattr(palette, scheme)
    assert contrast(colours[fore], colours[back]) >= least, (scheme, fore, back)


def test_the_dark_scheme_covers_every_role():
    assert set(palette.DARK) == set(palette.LIGHT) == set(palette.ROLE.values())


def custom_properties(block: str) -> dict[str, str]:
    return {m.group(1): m.group(2).lower() for m in re.finditer(r"--ph-draw-([a-z-]+):\s*(#[0-9a-fA-F]{6})", block)}


def test_the_stylesheet_gives_each_role_the_palette_colour_in_each_scheme():
    dark_at = CSS.index("prefers-color-scheme: dark")
    assert custom_properties(CSS[:dark_at]) == palette.LIGHT
    dark_block = CSS[dark_at:CSS.index("\n}\n", dark_at)]
    assert custom_properties(dark_block) == palette.DARK
    # and every role the drawings name has its rule
    for role in palette.ROLE.values():
        assert f".ph-svg .ph-f-{role} {{ fill: var(--ph-draw-{role}); }}" in CSS
