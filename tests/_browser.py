"""Open corridormap maps in headless Chromium with no network (helpers for browser tests).

A normal map links its scripts from CDNs: :func:`open_map` answers those requests from
the vendored npm files and tile requests with a blank PNG (see
``corridormap._render_browser``).  An ``offline`` map must need nothing at all, so every
request that is not for a local file is aborted and reported.

Typical use in a test module::

    with launch_browser() as browser:
        page = browser.new_page()
        session = open_map(page, path, offline=False)
        assert session.problems() == []
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corridormap._render_browser import CHROMIUM, launch_browser, route_network

__all__ = [
    "CHROMIUM",
    "MapSession",
    "base_layer_names",
    "click_line",
    "click_marker",
    "launch_browser",
    "map_variable",
    "open_map",
    "overlay_names",
    "overlay_path_count",
    "popup_text",
    "toggle_overlay",
]

# Set before any page script runs: records alert/confirm/prompt instead of showing them.
ALERT_HOOK = """
window.__cmAlerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = (message) => { window.__cmAlerts.push(name + ":" + String(message)); };
}
"""
VIEWPORT = {"width": 1280, "height": 800}


@dataclass
class MapSession:
    """What happened while a page showed a map."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, blocked requests and dialogs, together."""
        return (
            [f"console: {e}" for e in self.console_errors]
            + [f"pageerror: {e}" for e in self.page_errors]
            + [f"blocked: {u}" for u in self.blocked]
            + [f"dialog: {d}" for d in self.dialogs]
        )

    def alerts(self) -> list[str]:
        """Calls to alert/confirm/prompt made by the page (see :data:`ALERT_HOOK`)."""
        return list(self.page.evaluate("window.__cmAlerts || []"))


def open_map(page: Any, html_path: str | Path, *, offline: bool) -> MapSession:
    """Load a map file and wait until Leaflet has drawn it.

    Returns
    -------
    MapSession
        Collects console errors, page errors, blocked requests and dialogs from now on.
    """
    session = MapSession(page)
    page.set_viewport_size(VIEWPORT)
    # Everything is local: a step that has not happened in 10 s will not happen.
    page.set_default_timeout(10_000)
    page.add_init_script(ALERT_HOOK)
    page.on(
        "console",
        lambda msg: session.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda error: session.page_errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        session.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    route_network(page, offline=offline, blocked=session.blocked)
    page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
    page.wait_for_function(
        "() => { const el = document.querySelector('.folium-map');"
        " return el && window[el.id] && window[el.id]._loaded; }"
    )
    return session


def map_variable(page: Any) -> str:
    """JavaScript name of the folium map object (also the id of its container)."""
    return str(page.evaluate("document.querySelector('.folium-map').id"))


def overlay_names(page: Any) -> list[str]:
    """Labels of the overlays listed in the layer control, in order."""
    names = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    return [name.strip() for name in names]


def base_layer_names(page: Any) -> list[str]:
    """Labels of the base layers listed in the layer control, in order."""
    names = page.locator(".leaflet-control-layers-base label").all_inner_texts()
    return [name.strip() for name in names]


def overlay_path_count(page: Any) -> int:
    """Interactive vector shapes (lines, circles, outlines) drawn in the overlay pane."""
    return int(page.locator(".leaflet-overlay-pane path.leaflet-interactive").count())


def toggle_overlay(page: Any, name: str) -> None:
    """Click the layer control checkbox of the overlay called ``name``."""
    label = page.locator(".leaflet-control-layers-overlays label", has_text=name)
    label.locator("input").click()


def click_line(page: Any, search_name: str) -> None:
    """Click the middle of the first segment of the line whose ``searchName`` matches.

    On a loaded host the map may still be settling (a layer redrawn after a toggle)
    when the first click lands, so the line is clicked again, at its recomputed point,
    until a popup opens (three tries; the caller's wait then fails as before).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(3):
        _click_line_once(page, search_name)
        try:
            page.locator(".leaflet-popup-content").first.wait_for(state="visible", timeout=3_000)
            return
        except PlaywrightTimeout:
            continue


def _click_line_once(page: Any, search_name: str) -> None:
    point = page.evaluate(
        """([mapName, wanted]) => {
            const map = window[mapName];
            let found = null;
            map.eachLayer((layer) => {
                if (!found && layer instanceof L.Polyline && layer.options.searchName === wanted) {
                    found = layer;
                }
            });
            if (!found) return null;
            let latlngs = found.getLatLngs();
            if (Array.isArray(latlngs[0])) latlngs = latlngs[0];
            const a = map.latLngToContainerPoint(latlngs[0]);
            const b = map.latLngToContainerPoint(latlngs[1]);
            const box = map.getContainer().getBoundingClientRect();
            return {x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2};
        }""",
        [map_variable(page), search_name],
    )
    if point is None:
        raise AssertionError(f"no line with searchName {search_name!r} on the map")
    page.mouse.click(point["x"], point["y"])


def click_marker(page: Any, search_name: str) -> None:
    """Close any open popup, then click the marker whose ``searchName`` matches."""
    icon = page.evaluate_handle(
        """([mapName, wanted]) => {
            const map = window[mapName];
            map.closePopup();
            let found = null;
            map.eachLayer((layer) => {
                if (!found && layer instanceof L.Marker && layer.options.searchName === wanted) {
                    found = layer;
                }
            });
            return found ? found.getElement() : null;
        }""",
        [map_variable(page), search_name],
    ).as_element()
    if icon is None:
        raise AssertionError(f"no marker with searchName {search_name!r} on the map")
    # Closing a popup may start a pan animation; on a loaded machine a click can land
    # while the marker still moves.  Click again (up to three times) until a popup opens.
    popup = page.locator(".leaflet-popup-content")
    for attempt in range(3):
        icon.click()
        try:
            popup.wait_for(state="visible", timeout=3000)
            return
        except Exception:  # playwright's TimeoutError; the last attempt re-raises below
            if attempt == 2:
                raise


def popup_text(page: Any) -> str:
    """Text of the open popup (waits for one to open)."""
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    return str(popup.inner_text())
