"""Headless Chromium for rendered maps without network: tests, screenshots, benchmarks.

Playwright drives the Debian ``chromium`` package (Playwright's own browser download is
not available where corridormap is built).  A normal map links its scripts from CDNs;
:func:`route_network` answers those requests from the vendored npm files (the same table
``--offline`` inlines from) and tile requests with a blank PNG, so a page renders the same
with or without internet.  Playwright is a development dependency, imported on use.
"""

from __future__ import annotations

import base64
import contextlib
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corridormap._render_assets import ExternalAssetError, npm_path_for_url

__all__ = [
    "BLANK_PNG",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "TILE_HOSTS",
    "is_offline_page",
    "launch_browser",
    "route_network",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Hosts of the tile layers corridormap adds (xyzservices providers).
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com", "server.arcgisonline.com")
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@contextlib.contextmanager
def launch_browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright's sync API (a ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def route_network(page: Any, *, offline: bool, blocked: list[str]) -> None:
    """Serve CDN assets from npm and tiles as blank PNGs; abort anything else.

    With ``offline=True`` every request that is not for a local file is aborted.  Every
    aborted URL is appended to ``blocked``.
    """

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        elif offline:
            blocked.append(url)
            route.abort()
        elif any(host in url for host in TILE_HOSTS):
            route.fulfill(status=200, body=BLANK_PNG, content_type="image/png")
        else:
            try:
                path = npm_path_for_url(url)
            except ExternalAssetError:
                blocked.append(url)
                route.abort()
                return
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=path.read_bytes(), content_type=mime)

    page.route("**/*", handle)


def is_offline_page(html: str) -> bool:
    """Whether a rendered map carries its assets inline (``map_html(..., offline=True)``)."""
    return "<script src=" not in html and '<link rel="stylesheet"' not in html
