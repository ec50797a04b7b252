"""Stage publish: the output folder's rules and the atomic swap of a finished site."""
