"""The real seed map, end to end: text in, HTML out, opened in headless Chromium.

Built through the pipeline (``corridormap.analyze`` on ``seeds/``) in both modes; the
normal map gets its CDN assets from the vendored npm files, the offline one no network.
A document with script injections in its text and in a place name goes the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _browser import (
    CHROMIUM,
    click_line,
    launch_browser,
    open_map,
    overlay_names,
    overlay_path_count,
    popup_text,
    toggle_overlay,
)

pytestmark = [
    pytest.mark.browser,
    # CI installs chromium; there a missing browser is a failure, not a skip.
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
def seed_map_files(seed_result: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    folder = tmp_path_factory.mktemp("seedmaps")
    return {
        offline: seed_result.to_html(folder / f"seed_{offline}.html", offline=offline)
        for offline in (False, True)
    }


@pytest.mark.parametrize("offline", MODES)
def test_seed_map_loads_without_errors_and_lists_its_layers(
    page: Any, seed_map_files: dict[bool, Path], offline: bool
) -> None:
    session = open_map(page, seed_map_files[offline], offline=offline)
    page.wait_for_timeout(300)
    assert session.problems() == []
    overlays = overlay_names(page)
    expected = (
        "Roads",
        "Pipelines",
        "Multimodal corridors",
        "Corridor buffers",
        "Border crossings",
        "Places",
    )
    for layer in expected:
        assert layer in overlays


@pytest.mark.parametrize("offline", MODES)
def test_seed_pipeline_popup_quotes_the_article(
    page: Any, seed_map_files: dict[bool, Path], seed_geojson: dict[str, Any], offline: bool
) -> None:
    open_map(page, seed_map_files[offline], offline=offline)
    pipeline = next(f for f in seed_geojson["features"] if f["properties"]["kind"] == "pipeline")
    # Lines and markers drawn over the pipeline would take the click.
    for layer in ("Multimodal corridors", "Roads", "Border crossings", "Places"):
        toggle_overlay(page, layer)
    click_line(page, pipeline["properties"]["name"])
    text = popup_text(page)
    assert "Russia to Korea pipeline" in text
    assert "000_31d0ca022edd0f8d.txt" in text or "Lavrov Meets Kim" in text


def test_hiding_the_roads_layer_removes_its_lines(
    page: Any, seed_map_files: dict[bool, Path]
) -> None:
    open_map(page, seed_map_files[False], offline=False)
    before = overlay_path_count(page)
    toggle_overlay(page, "Roads")
    assert overlay_path_count(page) == before - 2  # the highway and the route via China


@pytest.mark.parametrize("offline", MODES)
def test_hostile_article_executes_nothing(page: Any, tmp_path: Path, offline: bool) -> None:
    from corridormap import analyze

    article = tmp_path / "hostile.html"
    article.write_text(
        "<html><head><title><script>alert('title')</script></title></head><body>"
        "<p>Officials in Vladivostok &lt;script&gt;alert(1)&lt;/script&gt; said a road "
        "linking Vladivostok to Pyongyang &lt;img src=x onerror=alert(2)&gt; will be built."
        "</p><script>alert(3)</script></body></html>",
        encoding="utf-8",
    )
    result = analyze(article)
    assert result.drawn, "the sentence proposes a road"
    path = result.to_html(tmp_path / "hostile_map.html", offline=offline)
    session = open_map(page, path, offline=offline)
    for layer in ("Border crossings", "Places"):
        toggle_overlay(page, layer)
    click_line(page, result.drawn[0].corridor.name)
    text = popup_text(page)
    assert "<img src=x onerror=alert(2)>" in text
    page.wait_for_timeout(200)
    assert session.alerts() == []
    assert session.problems() == []
    assert page.locator("img[src='x']").count() == 0
