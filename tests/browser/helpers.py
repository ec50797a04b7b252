"""Helpers for tests that meet the built site as its users do.

Importable as ``from tests.browser.helpers import run_axe, run_vnu, ...``.

Assets come from the pinned npm packages in package.json / package-lock.json
(installed by ``scripts/dev-env.sh``); Chromium, Java and jing come from Debian
(``scripts/install-system-deps.sh``). Nothing here reaches outside 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import subprocess
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.gzip_static import serving

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium is driven directly (Playwright's executable_path): its wrapper's /dev/shm
# check fails in containers, and without the background-networking flags Chromium tries to
# reach outside hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations;
}"""


class _QuietSubPathHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under URL prefix ``prefix`` only; anything else is 404.

    So a page that links with root-absolute URLs (``/style.css``) breaks here
    just as it would when the site is published under a sub-path.
    """

    prefix = "/hub/"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".atom": "application/atom+xml",
        ".rss": "application/rss+xml",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".webp": "image/webp",
        ".ico": "image/x-icon",
        ".woff2": "font/woff2",
        ".txt": "text/plain; charset=utf-8",
        ".webmanifest": "application/manifest+json",
    }

    def translate_path(self, path):
        raw = urlsplit(path).path
        norm = posixpath.normpath(unquote(raw))
        root = self.prefix.rstrip("/")
        if not all(p == root or p.startswith(root + "/") for p in (raw, norm)):
            # Outside the sub-path: a file that does not exist, so 404.
            return str(Path(self.directory) / "__outside_sub_path__" / "404")
        return super().translate_path(path[len(root):])

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_directory(directory, prefix: str = "/hub/"):
    """Serve ``directory`` on 127.0.0.1 (free port) at ``prefix``; yields the base URL."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError("prefix must start and end with '/'")
    handler = type("Handler", (_QuietSubPathHandler,), {"prefix": prefix})
    with serving(partial(handler, directory=str(directory)), prefix) as base:
        yield base


def _require(path: Path, how: str) -> Path:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: {how}")
    return path


def run_axe(page, tags: list[str] | None = None) -> list[dict]:
    """Run axe-core (the npm copy) in ``page`` on WCAG 2.0/2.1/2.2 A+AA rules.

    Returns axe's ``violations`` list (each a dict with id, impact, help,
    helpUrl, nodes[{target, html, failureSummary}], ...). Empty means clean.
    The page should have finished loading (``page.goto`` waits for ``load``).
    """
    axe_js = _require(AXE_JS, "run scripts/dev-env.sh (npm ci)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        try:
            page.add_script_tag(path=str(axe_js))
        except Exception:  # noqa: BLE001 - e.g. the page's own CSP refuses inline scripts
            pass
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # A strict Content-Security-Policy blocks the injected <script>;
            # evaluation through the DevTools protocol is not subject to it.
            page.evaluate(axe_js.read_text(encoding="utf-8"))
    return page.evaluate(_AXE_RUN, tags or WCAG_TAGS)


def axe_failure(page, name: str, url: str, where: str) -> str | None:
    """Load `url` in `page` (for the search page with results, until they are shown), run
    axe-core, and describe its violations as "name (where):", or None without any."""
    page.goto(url)
    if name == "search with results":
        page.wait_for_selector("[data-ph-results] li, .ph-search__result", timeout=10_000)
    violations = run_axe(page)
    return f"{name} ({where}):\n{format_violations(violations)}" if violations else None


def format_violations(violations: list[dict], max_nodes: int = 3) -> str:
    """Readable summary of axe violations, for assertion messages."""
    if not violations:
        return "no axe violations"
    lines = []
    for v in violations:
        nodes = v.get("nodes", [])
        lines.append(
            f"- {v.get('id')} [{v.get('impact')}] {v.get('help')} "
            f"({len(nodes)} node{'s' if len(nodes) != 1 else ''}) {v.get('helpUrl', '')}".rstrip()
        )
        for node in nodes[:max_nodes]:
            target = " ".join(str(t) for t in node.get("target", []))
            html = " ".join(str(node.get("html", "")).split())
            if len(html) > 200:
                html = html[:197] + "..."
            lines.append(f"    at {target}: {html}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more")
    return "\n".join(lines)


def run_vnu(site_dir, timeout: float = 600) -> list[dict]:
    """Validate every HTML file under ``site_dir`` with the Nu Html Checker.

    One JVM for the whole folder. Returns the errors (warnings are not asked
    for) as dicts: ``url`` (file: URL), ``line``, ``column``, ``message``,
    ``extract``. Raises RuntimeError when the checker itself fails.
    """
    jar = _require(VNU_JAR, "run scripts/dev-env.sh (npm ci)")
    cmd = [
        "java", "-jar", str(jar),
        "--errors-only", "--skip-non-html", "--format", "json", "--stdout",
        str(site_dir),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    # vnu exits 0 when clean, 1 when it reported errors.
    try:
        report = json.loads(proc.stdout or "{}")
    except json.JSONDecodeError:
        report = None
    if proc.returncode not in (0, 1) or report is None:
        raise RuntimeError(
            f"vnu failed (exit {proc.returncode}): {' '.join(cmd)}\n"
            f"stdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}"
        )
    errors = []
    for m in report.get("messages", []):
        if m.get("type") == "non-document-error":
            raise RuntimeError(f"vnu could not check {m.get('url')}: {m.get('message')}")
        if m.get("type") != "error":
            continue
        errors.append({
            "url": m.get("url", ""),
            "line": m.get("lastLine", m.get("firstLine")),
            "column": m.get("lastColumn"),
            "message": m.get("message", ""),
            "extract": m.get("extract", ""),
        })
    return errors


def format_vnu(errors: list[dict], root=None) -> str:
    """Readable summary of ``run_vnu`` errors; paths relative to ``root`` if given."""
    if not errors:
        return "no HTML errors"
    base = Path(root).resolve() if root is not None else None
    out = []
    for e in errors:
        where = e["url"]
        if where.startswith("file:"):
            path = Path("/" + where[len("file:"):].lstrip("/"))
            if base is not None and path.is_relative_to(base):
                path = path.relative_to(base)
            where = str(path)
        out.append(f"- {where}:{e['line']}: {e['message']}")
    return "\n".join(out)


def foreign_requests(requests, base_url: str) -> list[str]:
    """Request URLs that left the test server's host (127.0.0.1), each once, in order.

    ``data:``, ``about:`` and ``blob:`` URLs never touch the network and are ignored.
    (Chromium may ask for a refused URL twice, e.g. preload scanner then parser.)
    """
    local = urlsplit(base_url).hostname or "127.0.0.1"
    out = []
    for url in requests:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("data", "about", "blob"):
            continue
        if urlsplit(url).hostname != local and url not in out:
            out.append(url)
    return out
