"""Serve a built site the way a host with nginx's `gzip_static on` does: a request for `X`
from a browser that accepts gzip is answered with the bytes of `X.gz` (written by the build,
`generator/outputs/precompress.py`) and `Content-Encoding: gzip`; everything else as it is.

Used by `bench/pagespeed.py` (Lighthouse) and by the browser tests' byte budget, so that both
measure what a reader on such a host receives. Python's own `http.server` sends no compression.
"""
from __future__ import annotations

import contextlib
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".ics": "text/calendar",
         ".txt": "text/plain; charset=utf-8"}


class GzipStaticHandler(SimpleHTTPRequestHandler):
    """`X.gz` for `X` when the client accepts gzip, and a folder's `index.html`."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()   # the redirect to the folder's address
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path + ".gz")):
            return super().send_head()
        f = open(path + ".gz", "rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
        self.end_headers()
        return f

    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # a browser closing a connection early


@contextlib.contextmanager
def serving(handler, path: str = "/"):
    """Serve with `handler` on 127.0.0.1 (a free port) in a thread; yields the URL of `path`."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{path}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def serve_gzip_static(directory):
    """Serve `directory` at the root of http://127.0.0.1:PORT/ (a free port); yields the URL."""
    return serving(partial(GzipStaticHandler, directory=str(directory)))
