"""Stage fill: the engine's frames filled with every page's own content, on all cores."""
