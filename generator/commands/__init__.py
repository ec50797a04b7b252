"""The command line's commands: what each does with its arguments, and its exit code."""

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2   # success (warnings allowed), content errors, usage or config errors
