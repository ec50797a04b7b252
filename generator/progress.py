"""What a long run shows on the terminal while it works."""
from __future__ import annotations

import os
import sys
import time


class Progress:
    """Counted steps on stderr; silent with --quiet, and in CI unless a terminal is attached."""

    def __init__(self, quiet: bool, total: int):
        in_ci = bool(os.environ.get("CI")) and not sys.stderr.isatty()
        self.quiet, self.total, self.step, self.started = quiet or in_ci, total, 0, time.monotonic()

    def __call__(self, message: str) -> None:
        self.step += 1
        if not self.quiet:
            print(f"[{self.step}/{self.total}] {message} ({time.monotonic() - self.started:.1f} s)",
                  file=sys.stderr, flush=True)

    def note(self, message: str) -> None:
        """A line between the steps."""
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)
