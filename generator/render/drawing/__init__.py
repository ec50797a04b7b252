"""Pictures laid out as a few primitives (rectangles, lines, circles, text on a baseline), then
written out as SVG for pages or drawn as pixels for share cards."""
