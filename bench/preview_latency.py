#!/usr/bin/env python3
"""How long an editor waits: from saving a draft to the preview serving the new page.

Usage: python bench/preview_latency.py [--size 2000] [--edits 5]
Generates a corpus, starts `policyhub serve` on it, waits for the first build, then edits
one draft at a time (a new title) and polls the draft's page until the new title appears.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import write_corpus  # noqa: E402


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--verbose", action="store_true", help="show what the preview server prints")
    ap.add_argument("--wait-rebuild", action="store_true",
                    help="after each edit wait for the full rebuild too (default: edit every 1.5 s)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policyhub-preview-bench-")) / "corpus"
    corpus = write_corpus(work, args.size, today=dt.date(2026, 11, 21))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(work / "site_config.yml"),
                             "--port", str(port), "--today", "2026-11-21", "--cache-dir", str(work.parent / "cache")],
                            env=env, stderr=None if args.verbose else subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    try:
        while True:
            try:
                if json.loads(get(base + "__policyhub__/state"))["version"] >= 1:
                    break
            except OSError:
                if proc.poll() is not None:   # the preview refused to start: say so, never wait forever
                    print(f"policyhub serve stopped with exit code {proc.returncode} (run with --verbose)",
                          file=sys.stderr)
                    return 1
            time.sleep(0.2)
        first_build = time.monotonic() - started
        drafts = corpus.drafts[: args.edits]
        waits = []
        for number, draft in enumerate(drafts):
            time.sleep(1.5)  # let the previous full rebuild settle into its loop
            text = draft.path.read_text(encoding="utf-8")
            marker = f"Bản sửa số {number} để đo thời gian"
            new = text.replace(draft.title, f"{marker} – {draft.title}", 1)
            page = f"{base}du-thao/{draft.slug}/index.html"
            saved = time.monotonic()
            draft.path.write_text(new, encoding="utf-8")
            while marker not in get(page):
                time.sleep(0.02)
            waits.append(time.monotonic() - saved)
            if args.wait_rebuild:   # an editor who looks for a while before the next edit
                before = json.loads(get(base + "__policyhub__/state"))["version"]
                while json.loads(get(base + "__policyhub__/state"))["version"] < before + 1:
                    time.sleep(0.5)
        print(f"{'drafts':>8} {'first build s':>14} {'edit→page median s':>19} {'max s':>7}  each s")
        print(f"{args.size:>8} {first_build:>14.1f} {statistics.median(waits):>19.2f} {max(waits):>7.2f}  "
              + " ".join(f"{wait:.2f}" for wait in waits), flush=True)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:   # in the middle of a full rebuild on a busy machine
            proc.kill()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
