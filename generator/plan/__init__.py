"""Stage plan: decide every page, its address and data for the day of the build, without writing anything."""
