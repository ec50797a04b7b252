"""Results kept across builds: checked on every read, outside the sources, never able to run code."""
