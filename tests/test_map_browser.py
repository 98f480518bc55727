"""The rendered map in headless Chromium: it loads cleanly, its controls work, and
hostile document text stays text.

Normal maps get their CDN assets from the vendored npm files and blank tiles; offline
maps get no network at all (see ``_browser.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _browser import (
    CHROMIUM,
    base_layer_names,
    click_line,
    click_marker,
    launch_browser,
    open_map,
    overlay_names,
    overlay_path_count,
    popup_text,
    toggle_overlay,
)
from corridormap.render import build_map, write_map
from test_render import (
    HOSTILE,
    PIPELINE_QUOTE,
    corridor_collection,
    country_outlines,
    place_list,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} missing: apt-get install chromium",
    ),
]

MODES = [pytest.param(False, id="online"), pytest.param(True, id="offline")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_browser() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    opened = browser.new_page()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def seed_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The seed fixture map written once per mode (offline with country outlines)."""
    folder = tmp_path_factory.mktemp("maps")
    paths = {}
    for offline in (False, True):
        fmap = build_map(
            corridor_collection(),
            place_list(),
            offline=offline,
            countries=country_outlines() if offline else None,
        )
        paths[offline] = folder / f"map_{'offline' if offline else 'online'}.html"
        write_map(fmap, paths[offline], offline=offline)
    return paths


@pytest.fixture(scope="module")
def hostile_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """A map whose corridor name, quote, place name and title are all script injections."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for offline in (False, True):
        fmap = build_map(
            corridor_collection(road_name=HOSTILE, road_quote=HOSTILE),
            place_list(name=HOSTILE, quote=HOSTILE),
            title=HOSTILE,
            offline=offline,
        )
        paths[offline] = folder / f"hostile_{offline}.html"
        write_map(fmap, paths[offline], offline=offline)
    return paths


@pytest.mark.parametrize("offline", MODES)
def test_map_loads_with_no_console_errors_or_network(
    page: Any, seed_maps: dict[bool, Path], offline: bool
) -> None:
    session = open_map(page, seed_maps[offline], offline=offline)
    page.wait_for_timeout(300)  # late image and font loads report here
    assert session.problems() == []
    assert page.locator(".cm-legend").is_visible()


@pytest.mark.parametrize("offline", MODES)
def test_layer_control_lists_the_expected_overlays(
    page: Any, seed_maps: dict[bool, Path], offline: bool
) -> None:
    open_map(page, seed_maps[offline], offline=offline)
    assert overlay_names(page) == [
        "Roads",
        "Railways",
        "Pipelines",
        "Border crossings",
        "Waypoints",
        "Places",
    ]
    expected_base = ["Country outlines"] if offline else ["OpenStreetMap", "Esri World Imagery"]
    assert base_layer_names(page) == expected_base


@pytest.mark.parametrize("offline", MODES)
def test_unchecking_a_layer_hides_its_lines(
    page: Any, seed_maps: dict[bool, Path], offline: bool
) -> None:
    open_map(page, seed_maps[offline], offline=offline)
    before = overlay_path_count(page)
    toggle_overlay(page, "Pipelines")
    assert overlay_path_count(page) == before - 1
    toggle_overlay(page, "Roads")
    assert overlay_path_count(page) == before - 2
    toggle_overlay(page, "Roads")
    assert overlay_path_count(page) == before - 1


@pytest.mark.parametrize("offline", MODES)
def test_clicking_a_corridor_opens_a_popup_with_its_quote(
    page: Any, seed_maps: dict[bool, Path], offline: bool
) -> None:
    session = open_map(page, seed_maps[offline], offline=offline)
    toggle_overlay(page, "Roads")  # the road shares its first segment with the pipeline
    click_line(page, "Russia–Korea gas pipeline")
    text = popup_text(page)
    assert PIPELINE_QUOTE in text
    assert "Russia and the DPRK will build a highway" in text  # the document title
    assert "terrain: a least-cost path" in text
    assert session.problems() == []


@pytest.mark.parametrize("offline", MODES)
def test_hostile_document_text_executes_nothing(
    page: Any, hostile_maps: dict[bool, Path], offline: bool
) -> None:
    session = open_map(page, hostile_maps[offline], offline=offline)
    toggle_overlay(page, "Pipelines")
    click_line(page, HOSTILE)
    text = popup_text(page)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "${alert(3)}" in text
    assert "C:\\users\\x" in text
    # The place popup and its tooltip carry the same text.
    click_marker(page, HOSTILE)
    assert "<script>alert(1)</script>" in popup_text(page)
    injected = page.evaluate(
        """() => ({
            images: document.querySelectorAll('img[src="x"]').length,
            scripts: [...document.scripts].filter(s => s.text.includes('alert(4)') &&
                                                       !s.text.includes('searchName')).length,
        })"""
    )
    assert injected == {"images": 0, "scripts": 0}
    assert session.alerts() == []
    assert session.problems() == []
    assert "alert" in page.title()  # the title shows as text


def test_many_places_cluster_without_errors_offline(page: Any, tmp_path: Path) -> None:
    many = [
        {**place_list()[0], "name": f"Place {i}", "lat": 40 + i / 50, "lon": 128 + i / 50}
        for i in range(60)
    ]
    path = tmp_path / "clustered.html"
    write_map(build_map(corridor_collection(), many, offline=True), path, offline=True)
    session = open_map(page, path, offline=True)
    assert page.locator(".marker-cluster").count() > 0
    assert session.problems() == []


@pytest.mark.parametrize("offline", MODES)
def test_date_slider_hides_corridors_stated_later(
    page: Any, seed_maps: dict[bool, Path], offline: bool
) -> None:
    session = open_map(page, seed_maps[offline], offline=offline)
    before = overlay_path_count(page)
    page.locator(".cm-dates input").fill("0")  # 2013-09-22: the railway only
    assert page.locator(".cm-dates").inner_text().strip() == "Stated by 2013-09-22"
    assert overlay_path_count(page) == before - 1  # the 2018 road is gone
    page.locator(".cm-dates input").fill("1")
    assert overlay_path_count(page) == before
    assert session.problems() == []


@pytest.mark.parametrize("offline", MODES)
def test_search_box_finds_places_and_corridors(
    page: Any, seed_maps: dict[bool, Path], offline: bool
) -> None:
    session = open_map(page, seed_maps[offline], offline=offline)
    page.locator(".leaflet-control-search .search-button").click()
    search = page.locator(".leaflet-control-search input")
    tips = page.locator(".leaflet-control-search .search-tip")
    search.press_sequentially("Ra")  # the control listens to key presses
    box = page.locator(".leaflet-control-search")
    box.get_by_text("Rajin", exact=True).wait_for()  # it filters after a short delay
    assert "Khasan–Rajin railway" in tips.all_inner_texts()  # a place and a corridor
    search.fill("")
    search.press_sequentially("Korea gas")
    box.get_by_text("Russia–Korea gas pipeline", exact=True).wait_for()
    assert tips.all_inner_texts() == ["Russia–Korea gas pipeline"]
    page.locator(".leaflet-control-search .search-tip").first.click()
    assert PIPELINE_QUOTE in popup_text(page)
    assert session.problems() == []
