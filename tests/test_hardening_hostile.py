"""Hostile text in every channel that reaches the map stays text: nothing executes.

``tests/test_map_browser.py`` and ``tests/test_seed_map_browser.py`` pin article text,
quotes, place names and the corridor's own popup.  Here the rest: a geocoder answer's
display name (through a loopback Nominatim), border-crossing and waypoint names,
evidence document titles and ids, country-outline names (their GeoJSON tooltips), the
page title and legend heading.  Every tooltip and popup on the page is opened from
JavaScript, so any markup that escaped would run.  Docstrings carry ``input:`` and
``outcome:`` lines for ``docs/hardening.md``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from _browser import CHROMIUM, launch_browser, map_variable, open_map
from corridormap.geocoders import GeocodeCache, get_geocoder
from corridormap.render import build_map, map_html, write_map
from test_hardening_geocoders import Script, _handler, nominatim_answer
from test_render import HOSTILE, corridor_collection, country_outlines, place_list

ROOT = Path(__file__).resolve().parent.parent
MODES = [pytest.param(False, id="online"), pytest.param(True, id="offline")]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason=f"{CHROMIUM} missing: apt-get install chromium",
)
# Pieces of HOSTILE that must be seen as text wherever it is shown.
VISIBLE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "${alert(3)}"]


def geocoded_place(tmp_path: Path) -> dict[str, Any]:
    """A place as a loopback Nominatim describes it: hostile display name, no name."""
    script = Script()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    answer = nominatim_answer("Seoul")[0]
    script.reset(
        {"name": "", "display_name": f"{HOSTILE}, Seoul", "address": {"country_code": '">'}}
    )
    try:
        geocoder = get_geocoder(
            "nominatim", domain=f"127.0.0.1:{httpd.server_address[1]}", scheme="http",
            min_delay_seconds=0, cache=GeocodeCache(tmp_path / "c.sqlite"),
        )  # fmt: skip
        (place,) = geocoder.geocode("Seoul")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert place.name == HOSTILE
    assert place.country_code is None  # '">' is no ISO code
    assert (place.lat, place.lon) == (float(answer["lat"]), float(answer["lon"]))
    mention = {"doc": HOSTILE, "doc_title": HOSTILE, "quote": HOSTILE}
    return {
        "name": place.name, "lat": place.lat, "lon": place.lon,
        "country_code": place.country_code, "feature": place.feature,
        "population": place.population, "mention_count": 1, "mentions": [mention],
    }  # fmt: skip


def hostile_corridors() -> dict[str, Any]:
    """The fixture corridors with hostile text in every free-text field."""
    collection = corridor_collection(road_name=HOSTILE, road_quote=HOSTILE)
    for feature in collection["features"]:
        props = feature["properties"]
        props["id"] = f"{props['id']}{HOSTILE}"
        for crossing in props["border_crossings"]:
            crossing["name"] = HOSTILE
        for waypoint in props["waypoints"]:
            waypoint["name"] = HOSTILE
            waypoint["anchor"] = HOSTILE
        for item in props["evidence"]:
            item["doc"] = HOSTILE
            item["doc_title"] = HOSTILE
    return collection


def hostile_outlines() -> dict[str, Any]:
    outlines = country_outlines()
    for feature in outlines["features"]:
        feature["properties"]["name"] = HOSTILE
    return outlines


@pytest.fixture(scope="module")
def hostile_map_files(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    folder = tmp_path_factory.mktemp("hostile-channels")
    places = [*place_list(), geocoded_place(folder)]
    paths = {}
    for offline in (False, True):
        fmap = build_map(
            hostile_corridors(), places, title=HOSTILE, offline=offline,
            countries=hostile_outlines(),
        )  # fmt: skip
        paths[offline] = folder / f"hostile_{offline}.html"
        write_map(fmap, paths[offline], offline=offline)
    return paths


def test_hostile_fields_never_appear_as_markup_in_the_page_source() -> None:
    """input: HTML/JS in geocoder names, corridor names and ids, crossing and waypoint
    names, evidence titles, country-outline names and the page title
    outcome: the page source never holds the live tags "<script>alert" or "<img src=x"
    (they appear only escaped)"""
    corridors, outlines = hostile_corridors(), hostile_outlines()
    for offline in (False, True):
        page = map_html(
            build_map(corridors, place_list(name=HOSTILE, quote=HOSTILE), title=HOSTILE,
                      offline=offline, countries=outlines),
            offline=offline,
        )  # fmt: skip
        assert "<script>alert" not in page
        assert "<img src=x" not in page


OPEN_EVERYTHING = """([mapName]) => {
    const map = window[mapName];
    const tooltips = [], popups = [];
    map.eachLayer((layer) => {
        const tip = layer.getTooltip && layer.getTooltip();
        if (tip) {
            layer.openTooltip(layer.getLatLng ? layer.getLatLng() : map.getCenter());
            const el = tip.getElement();
            if (el) tooltips.push(el.textContent);
        }
        const popup = layer.getPopup && layer.getPopup();
        if (popup) {
            // folium's lazy popups get their content on the first click.
            const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
            layer.fire('click', {latlng: at});
            layer.openPopup(at);
            const el = popup.getElement();
            if (el) popups.push(el.querySelector('.leaflet-popup-content').textContent);
        }
    });
    return {tooltips, popups};
}"""
INJECTED = """() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter(s => s.text.includes('alert(4)') &&
                                               !s.text.includes('searchName')).length,
})"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("offline", MODES)
def test_every_tooltip_and_popup_shows_hostile_text_as_text(
    hostile_map_files: dict[bool, Path], offline: bool
) -> None:
    """input: the hostile map in Chromium, online and offline; every tooltip and popup
    opened from JavaScript (corridors, crossings, waypoints, places including the
    geocoded one, country outlines); "<scr" typed into the search box
    outcome: the hostile text is shown literally in each and in the search box's list;
    no alert, no injected image or script, no console or page error; the page title and
    legend show it as text"""
    with launch_browser() as browser:
        page = browser.new_page()
        session = open_map(page, hostile_map_files[offline], offline=offline)
        page.evaluate(
            """([mapName]) => {  // waypoints are off by default: show every overlay
                document.querySelectorAll('.leaflet-control-layers-overlays input')
                    .forEach((box) => { if (!box.checked) box.click(); });
            }""",
            [map_variable(page)],
        )
        opened = page.evaluate(OPEN_EVERYTHING, [map_variable(page)])
        hostile_tips = [t for t in opened["tooltips"] if "alert(1)" in t]
        hostile_popups = [p for p in opened["popups"] if "alert(1)" in p]
        # Road, its crossing and waypoints, the pipeline's crossing, the geocoded place,
        # two country outlines: each tooltip shows the whole text.
        assert len(hostile_tips) >= 7, opened["tooltips"]
        assert len(hostile_popups) >= 7, opened["popups"]
        for text in hostile_tips + hostile_popups:
            for piece in VISIBLE:
                assert piece in text
        # The search box lists hostile names as text too.
        page.locator(".leaflet-control-search .search-button").click()
        page.locator(".leaflet-control-search input").press_sequentially("<scr")
        tips = page.locator(".leaflet-control-search .search-tip")
        tips.first.wait_for()
        assert any(t.startswith("<script>alert(1)</script>") for t in tips.all_inner_texts())
        assert page.evaluate(INJECTED) == {"images": 0, "scripts": 0}
        assert HOSTILE.split(" ")[0] in page.title()
        assert "<script>alert(1)</script>" in page.locator(".cm-legend").inner_text()
        assert session.alerts() == []
        assert session.problems() == []


HOSTILE_SPEC = """\
version: 1
corridors:
  - add:
      name: {name}
      kind: road
      status: proposed
      waypoints: [Vladivostok, {{name: {name}, lat: 42.42, lon: 130.64}}, Rajin]
      sources: [{name}]
"""


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridormap", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_hostile_spec_fields_reach_the_map_escaped(tmp_path: Path) -> None:
    """input: a spec file adding a corridor whose name, waypoint name and source are
    HTML/JS, through `map --spec` (the whole pipeline)
    outcome: exit 0; the corridor is on the map; its text appears only escaped (no live
    "<script>alert" or "<img src=x" in the page)"""
    spec = tmp_path / "spec.yaml"
    spec.write_text(HOSTILE_SPEC.format(name=json.dumps(HOSTILE)), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Officials in Vladivostok and Rajin met on Monday.", encoding="utf-8")
    out = tmp_path / "m.html"
    done = _run_cli("-q", "map", str(article), "--spec", str(spec), "--routing", "schematic",
                    "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page


def test_yaml_alias_bomb_in_a_spec_is_a_quick_clear_error(tmp_path: Path) -> None:
    """input: a spec whose lists nest YAML aliases eight levels deep (10^8 items if
    expanded: "billion laughs")
    outcome: exit 2 with one error naming the file (a spec error lists its problems on
    indented lines); nothing expanded: it ends in seconds"""
    levels = ['sources: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for k in range(1, 8):
        levels.append(f"sources: &l{k} [" + ", ".join([f"*l{k - 1}"] * 10) + "]")
    spec = tmp_path / "bomb.yaml"
    spec.write_text(
        "version: 1\ncorridors:\n"
        + "".join(f"  - add: {{name: n{k}, kind: road, {line}}}\n" for k, line in
                  enumerate(levels)),
        encoding="utf-8",
    )  # fmt: skip
    article = tmp_path / "a.txt"
    article.write_text("Seoul.", encoding="utf-8")
    done = _run_cli("corridors", str(article), "--spec", str(spec), "--routing", "schematic")
    assert done.returncode == 2, done.stderr[-500:]
    assert "Traceback" not in done.stderr
    first, *problems = done.stderr.strip().splitlines()
    assert first.startswith("corridormap: error: ")
    assert str(spec) in first
    # A spec error lists every problem, one indented line each, each naming file:line.
    assert all(line.startswith(f"  {spec}:") for line in problems)
