"""Share cards for social networks: laid out from the draft's words, drawn with Pillow."""
