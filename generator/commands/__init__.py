"""The command line's commands other than build and check."""
