"""Browser fixtures, loaded for every test folder by tests/conftest.py: tests that meet the
built example site as its users do.

- ``example_site`` (session): the repository's example site, built once.
- ``site_server`` (session): base URL ``http://127.0.0.1:PORT/hub/`` serving it
  under a sub-path, so relative links are proven to work there.
- ``browser`` / ``browser_nojs`` (session): Debian Chromium through Playwright,
  with and without JavaScript.
- ``page`` / ``page_nojs`` (function): a fresh tab; ``page.requests`` lists every
  request URL, ``page.console_errors`` every console error and uncaught exception.

Helpers (axe, vnu, foreign requests) are in ``tests.browser.helpers``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, serve_directory

IN_CI = bool(os.environ.get("CI"))
DEFAULT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def example_site(example_build) -> Path:
    """The repository's example site, built once per test session (see tests/conftest.py)."""
    return example_build


@pytest.fixture(scope="session")
def site_server(example_site) -> str:
    """Base URL (ending in ``/hub/``) of the example site served on 127.0.0.1."""
    with serve_directory(example_site, prefix="/hub/") as base_url:
        yield base_url


def _sync_playwright():
    """Playwright's sync API, or a skip (a failure in CI) when the browser is absent."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: run scripts/install-system-deps.sh"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "playwright is not installed: run scripts/dev-env.sh"
    if reason:
        if IN_CI:
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    return sync_playwright


@pytest.fixture(scope="session")
def _playwright():
    sync_playwright = _sync_playwright()
    with sync_playwright() as p:
        yield p


def _is_foreign(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(
        url
    ).hostname not in ("127.0.0.1",)


def _launch(playwright, profile_dir: Path, **options):
    ctx = playwright.chromium.launch_persistent_context(
        str(profile_dir),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        **options,
    )
    # The site must work offline: requests to any other host are refused here
    # (they still show up in ``page.requests`` for ``foreign_requests``).
    ctx.route(_is_foreign, lambda route: route.abort("blockedbyclient"))
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    ctx.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
    return ctx


@pytest.fixture(scope="session")
def browser(_playwright, tmp_path_factory):
    """Persistent Chromium context (JavaScript on)."""
    ctx = _launch(_playwright, tmp_path_factory.mktemp("chromium-profile"))
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def browser_nojs(_playwright, tmp_path_factory):
    """Persistent Chromium context with JavaScript disabled."""
    ctx = _launch(
        _playwright, tmp_path_factory.mktemp("chromium-profile-nojs"), java_script_enabled=False
    )
    yield ctx
    ctx.close()


def _recording_page(context):
    page = context.new_page()
    page.requests = []
    page.console_errors = []
    page.on("request", lambda request: page.requests.append(request.url))

    def on_console(msg):
        if msg.type == "error":
            where = (msg.location or {}).get("url") or ""
            page.console_errors.append(f"{msg.text} [{where}]" if where else msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
    return page


@pytest.fixture
def page(browser):
    """A new tab in ``browser``; records ``page.requests`` and ``page.console_errors``."""
    p = _recording_page(browser)
    yield p
    p.close()


@pytest.fixture
def page_nojs(browser_nojs):
    """A new tab in ``browser_nojs``; records like ``page``."""
    p = _recording_page(browser_nojs)
    yield p
    p.close()
