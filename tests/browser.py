"""Headless Debian Chromium, driven by Playwright, with every non-file request blocked.

Needs the ``playwright`` Python package (never ``playwright install``: the browser is
Debian's ``chromium``) and a CJK font (``fonts-wqy-microhei``); ``make test`` installs both.
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_INSTALL_HINT = "`make test` installs it (apt-get install -y chromium fonts-wqy-microhei; pip install playwright)"


@dataclass
class PageLog:
    """What a page did: console errors, uncaught exceptions, requests made and blocked."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def require_browser() -> None:
    """Fail (never skip) when the browser, Playwright or a CJK font is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: {_INSTALL_HINT}")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail(f"the playwright package is missing: {_INSTALL_HINT}")
    fc_list = shutil.which("fc-list")
    fonts = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True).stdout if fc_list else ""
    if not fonts.strip():
        pytest.fail(f"no CJK font, Chinese labels would render as boxes: {_INSTALL_HINT}")


@contextmanager
def launch() -> Iterator[Browser]:
    """Headless Debian Chromium (fails the test when it or a CJK font is missing)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def offline_page(browser: Browser, width: int = 1280, height: int = 800) -> Iterator[tuple[Page, PageLog]]:
    """A fresh page that may load ``file:`` URLs only, and the log of what it did."""
    log = PageLog()

    def route(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.route("**/*", route)
        page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log.errors.append(str(exc)))
        page.on("request", lambda request: log.requests.append(request.url))
        yield page, log
    finally:
        page.close()
