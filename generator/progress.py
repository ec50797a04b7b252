"""What a long run shows on the terminal while it works, in the language of the run."""
from __future__ import annotations

import os
import sys
import time

from generator import messages


class Progress:
    """Counted steps on stderr; silent with --quiet, and in CI unless a terminal is attached.
    Each step is a line of the catalogue's `lines` section, with its parameters."""

    def __init__(self, quiet: bool, total: int, lang: str = messages.DEFAULT):
        in_ci = bool(os.environ.get("CI")) and not sys.stderr.isatty()
        self.quiet, self.total, self.step, self.started = quiet or in_ci, total, 0, time.monotonic()
        self.lang = lang

    def __call__(self, key: str, **params) -> None:
        self.step += 1
        if not self.quiet:
            print(messages.text("lines", "progress.step", self.lang, step=self.step, total=self.total,
                                message=messages.text("lines", key, self.lang, **params),
                                seconds=f"{time.monotonic() - self.started:.1f}"),
                  file=sys.stderr, flush=True)

    def note(self, key: str, **params) -> None:
        """A line between the steps."""
        if not self.quiet:
            print(messages.text("lines", key, self.lang, **params), file=sys.stderr, flush=True)
