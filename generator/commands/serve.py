"""`policyhub serve`: preview on 127.0.0.1 that rebuilds on save and reloads the browser.

A failed rebuild never takes the preview down: the last good site stays served, and every
page shows a one-line banner with a link to the diagnostics until the files are fixed
(`preview_page`), in the language of the run.
"""
from __future__ import annotations

import dataclasses
import http.server
import os
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator import build as pipeline
from generator import messages
from generator.cache import location as cache_location
from generator.cache import seal as cache_seal
from generator.commands import preview_page
from generator.fill import frames
from generator.render import pages as render
from generator.diagnostics import ConfigError, Report
from generator.load.sources import read_source
from generator.plan.plan import draft_pages, draft_views
from generator.render.pages import package_theme_dir
from generator.validate.draft import validate_draft

SETTLE_SECONDS = 0.05   # an editor that saves in several writes has finished by then


class Preview:
    """Builds into a private folder and remembers the last outcome."""

    def __init__(self, options: pipeline.Options):
        self.options = options
        self.out = Path(tempfile.mkdtemp(prefix="policyhub-preview-")) / "site"
        self.version = 0
        self.errors = ""                                 # the last failed rebuild's diagnostics, as text
        self.items: list[tuple[str, str, str, str]] = []  # and one by one: where, severity, message, fix
        self.count = 0                                   # its errors
        self.lang = options.lang
        self.lock = threading.Lock()
        self.last: pipeline.BuildResult | None = None   # the last good build
        self.env = None                                  # compiled templates, reused by quick updates

    def quick_update(self, changed: list[Path]) -> bool:
        """Show an edited draft's own pages at once, before the full rebuild catches up with
        listings and feeds. True when it did (one existing draft, still valid)."""
        last = self.last
        if last is None or last.checked is None or len(changed) != 1 or changed[0].suffix != ".md":
            return False
        path = changed[0].resolve()
        checked = last.checked
        old = next((d for d in checked.drafts if (checked.sources.root / d.source).resolve() == path), None)
        if old is None:
            return False
        report = Report()
        source = read_source(path, checked.sources.root, report)
        draft = source and validate_draft(source, checked.config, checked.sources.root, report, checked.now)
        if draft is None or report.errors or draft.slug != old.slug:
            return False    # the full rebuild reports it
        # only the draft's own pages are planned again; listings and feeds wait for the full rebuild
        view = draft_views([draft], checked.config, checked.now, checked.sources.root)[0]
        own, _ = draft_pages(view, checked.now)
        last_plan = last.plan
        plan = dataclasses.replace(last_plan, cache_dir=None,
                                   drafts=tuple(view if v.draft.slug == draft.slug else v for v in last_plan.drafts))
        renderer = render.PageRenderer(plan, render.theme_dirs(checked.sources.theme_dir), env=self.env)
        self.env = renderer.env
        if not all(p.url in last.frames for p in own):
            return False    # a page alone in its frame is built whole by the engine: the full rebuild makes it
        job = frames.FillJob(plan=plan, renderer=renderer, frames=last.frames, out=self.out,
                             cache=frames.page_cache(None), build_digest="")
        job.fill(own)
        with self.lock:
            self.version += 1
        return True

    def rebuild(self) -> None:
        options = dataclasses.replace(self.options, out=self.out, quiet=True)
        started = time.monotonic()
        lang = self.lang
        report, errors, items, count = None, "", [], 0
        try:
            result = pipeline.build(options)
            report = result.report if result.report.errors else None
            if report is None:
                self.last = result
        except ConfigError as exc:
            report = exc.report
        except Exception as exc:  # noqa: BLE001 - the preview must survive any failure
            crash = messages.text("lines", "serve.crashed", lang, reason=f"{type(exc).__name__}: {exc}")
            errors, items, count = crash, [("policyhub", messages.word("error", lang), crash, "")], 1
        if report is not None:
            errors, count = report.render_text(lang), len(report.errors)
            items = [(f"{d.path}:{d.line}:{d.column}", messages.word(d.severity, lang), *d.words(lang))
                     for d in report.sorted()]
        with self.lock:
            self.errors, self.items, self.count = errors, items, count
            if not errors:
                self.version += 1
        took = f"{time.monotonic() - started:.1f}"
        print(messages.text("lines", "serve.failed" if errors else "serve.rebuilt", lang, seconds=took),
              file=sys.stderr, flush=True)
        if errors:
            print(errors, file=sys.stderr, flush=True)

    def state(self) -> bytes:
        with self.lock:
            return preview_page.state(self.version, self.errors, self.count, self.lang)

    def details(self) -> bytes:
        with self.lock:
            return preview_page.details_page(list(self.items), self.lang)


def watched_folders(options: pipeline.Options) -> tuple[Path, list[Path]]:
    """The folder of the configuration (its *.yml files: the config, glossary.yml) and the
    folders whose every file a build reads."""
    root = options.config_path.resolve().parent
    folders = [root / "drafts", root / "content", root / "theme", package_theme_dir()]
    return root, [f.resolve() for f in folders if f.is_dir()]


class Changes(FileSystemEventHandler):
    """Paths of files a build reads that were written, made, moved or removed, as the
    system's file notifications (inotify, FSEvents, ReadDirectoryChangesW) report them;
    watchdog falls back to polling where there are none."""

    def __init__(self, options: pipeline.Options):
        self.root, self.folders = watched_folders(options)
        self.config = options.config_path.resolve()
        self.paths: set[Path] = set()
        self.lock = threading.Lock()
        self.arrived = threading.Event()

    def read(self, path: Path) -> bool:
        if path == self.config or (path.parent == self.root and path.suffix == ".yml"):
            return True
        return any(path.is_relative_to(folder) for folder in self.folders)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        touched = [Path(os.fsdecode(p)) for p in (event.src_path, event.dest_path) if p]
        touched = [p for p in touched if self.read(p)]
        if touched:
            with self.lock:
                self.paths.update(touched)
            self.arrived.set()

    def take(self, settle: float) -> list[Path]:
        """Waits for a change, lets the editor finish saving for `settle` seconds, and
        returns what changed since the last call."""
        self.arrived.wait()
        time.sleep(settle)
        with self.lock:
            self.arrived.clear()
            paths, self.paths = sorted(self.paths), set()
        return paths

    def watch(self) -> BaseObserver:
        observer = Observer()
        observer.schedule(self, str(self.root), recursive=False)
        for folder in self.folders:
            observer.schedule(self, str(folder), recursive=True)
        observer.daemon = True
        observer.start()
        return observer


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _send(self, body: bytes, content_type: str) -> None:
        """A response the browser never caches: the preview changes under it."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the base class's name
        if self.path.split("?")[0] == preview_page.STATE_PATH:
            self._send(self.preview.state(), "application/json; charset=utf-8")
            return
        if self.path.split("?")[0] == preview_page.DETAILS_PATH:
            self._send(self.preview.details(), "text/html; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_bytes().replace(b"</body>", preview_page.RELOAD_SCRIPT.encode("utf-8") + b"</body>", 1)
            self._send(html, "text/html; charset=utf-8")
            return
        super().do_GET()


def serve(options: pipeline.Options, port: int) -> int:
    if options.use_cache:   # a cache folder the build would refuse stops the preview before it starts
        folder = cache_location.cache_folder(options.config_path.resolve().parent, options.cache_dir)
        try:   # and so does a key that cannot be used
            cache_seal.establish(folder, options.config_path.resolve().parent)
        except cache_seal.NoKey:
            pass   # each rebuild then goes without the cache
    preview = Preview(options)
    preview.rebuild()
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(preview.out)))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    print(messages.text("lines", "serve.address", preview.lang, address=address), file=sys.stderr, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    # Full rebuilds run beside the watch loop, so that an edit made during a long rebuild is
    # still shown at once; edits that arrive meanwhile ask for one more rebuild.
    wanted = threading.Event()

    def rebuilder():
        while True:
            wanted.wait()
            wanted.clear()
            preview.rebuild()

    threading.Thread(target=rebuilder, daemon=True).start()
    changes = Changes(options)
    observer = changes.watch()
    try:
        while True:
            changed = changes.take(SETTLE_SECONDS)
            if not changed:
                continue
            started = time.monotonic()
            if preview.quick_update(changed):
                print(messages.text("lines", "serve.updated", preview.lang, file=changed[0].name,
                                    seconds=f"{time.monotonic() - started:.2f}"), file=sys.stderr, flush=True)
            else:
                preview.env = None   # a template may have changed: compile afresh next time
            wanted.set()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.shutdown()
    return 0
