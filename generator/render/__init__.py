"""Stage render: the main content of generated pages (Jinja2), charts, timeline and QR codes as SVG."""
