"""Stage engine: the engine-neutral seam, and one folder per page engine."""
