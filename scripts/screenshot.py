"""Screenshot a corridormap HTML map in headless Chromium, with no network.

Usage::

    python scripts/screenshot.py corridor_map.html docs/seed_map.png [--width 1280] [--height 800]

CDN assets are served from the vendored npm packages and tiles are blank, so a normal map
shows its lines on an empty grey background; an ``--offline`` map shows its country
outlines.  The page gets a moment after load for icon fonts and fitBounds to settle.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corridormap._render_browser import is_offline_page, launch_browser, route_network


def screenshot(html_path: Path, png_path: Path, *, width: int = 1280, height: int = 800) -> None:
    """Write a PNG of the map in ``html_path`` as a browser of that size shows it."""
    offline = is_offline_page(html_path.read_text(encoding="utf-8"))
    blocked: list[str] = []
    with launch_browser() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        route_network(page, offline=offline, blocked=blocked)
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        page.wait_for_function(
            "() => { const el = document.querySelector('.folium-map');"
            " return el && window[el.id] && window[el.id]._loaded; }"
        )
        page.wait_for_timeout(500)
        png_path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png_path))
    if blocked:
        print(f"note: {len(blocked)} request(s) had no local copy: {blocked[:3]}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="map HTML file")
    parser.add_argument("png", type=Path, help="PNG file to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    if not args.html.is_file():
        parser.error(f"no such file: {args.html}")
    screenshot(args.html, args.png, width=args.width, height=args.height)
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
