"""Stage load: read the site's files (front matter with positions, bodies, editions), never judging them."""
