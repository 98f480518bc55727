"""The map renderer: layers, popups, escaping, legend, determinism and offline inlining.

The fixture is the first seed article's proposals drawn the way the pipeline hands them
over: a proposed schematic road Vladivostok – Khasan – Rajin, a proposed Russia–Korea gas
pipeline down the east coast, and the operating Khasan–Rajin railway.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import folium
import pytest

from corridormap._render_assets import (
    CDN_ASSETS,
    ExternalAssetError,
    external_asset_urls,
    inline_assets,
)
from corridormap.errors import InputError
from corridormap.render import build_map, map_html, write_map

SEED_DOC = "seeds/000_31d0ca022edd0f8d.txt"
SEED_TITLE = "Russia and the DPRK will build a highway linking the DPRK to Russia"
ROAD_QUOTE = (
    "Earlier in May of 2018, the DPRK’s period of hesitation in respect of the project "
    "appeared to come to an end as it was announced that Russia and the DPRK will build a "
    "highway linking the DPRK to Russia."
)
PIPELINE_QUOTE = (
    "In addition to a Russia-Korea transport corridor, the project will also likely "
    "include a new Russia to Korea pipeline."
)
RAIL_QUOTE = "54 km line Rajin–Tumangang–Khasan, 1520 and 1435 mm four-rail dual gauge"
#: Text that would run script if it reached the page unescaped, in every context the
#: renderer writes to: HTML, a JavaScript template literal, a JSON string.
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> ${alert(3)} `x` "
    "</script><script>alert(4)</script> C:\\users\\x \\u0041"
)

VLADIVOSTOK = (43.1056, 131.8735)
KHASAN = (42.424, 130.652)
RAJIN = (42.2556, 130.2831)
CHONGJIN = (41.7956, 129.7758)
WONSAN = (39.1528, 127.4436)
SEOUL = (37.5665, 126.978)


def _line(*points: tuple[float, float]) -> dict[str, Any]:
    return {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]}


def _evidence(
    quote: str, doc: str = SEED_DOC, title: str = SEED_TITLE, date: str | None = None
) -> dict[str, Any]:
    return {
        "doc": doc,
        "doc_title": title,
        "start": 0,
        "end": len(quote),
        "quote": quote,
        "date": date,
    }


def corridor_collection(
    road_name: str = "Russia–DPRK highway",
    road_quote: str = ROAD_QUOTE,
    road_project: str | None = None,
) -> dict[str, Any]:
    """Three corridors of the seed case as a FeatureCollection (the pipeline's output)."""
    road = {
        "id": "road-ru-kp",
        "name": road_name,
        "project": road_project,
        "kind": "road",
        "status": "proposed",
        "countries": ["RU", "KP"],
        "length_km": 191.4,
        "length_estimate_km": [215.0, 270.0],
        "length_by_country_km": {"RU": 161.0, "KP": 30.4},
        "border_crossings": [
            {"from": "RU", "to": "KP", "lat": 42.42, "lon": 130.64, "name": "Khasan–Tumangang"}
        ],
        "waypoints": [
            {
                "name": "Vladivostok",
                "lat": VLADIVOSTOK[0],
                "lon": VLADIVOSTOK[1],
                "country_code": "RU",
                "role": "start",
                "anchor": None,
            },
            {
                "name": "Rajin",
                "lat": RAJIN[0],
                "lon": RAJIN[1],
                "country_code": "KP",
                "role": "end",
                "anchor": "DPRK",
            },
        ],
        "geometry_source": "inferred",
        "route_accuracy": "schematic",
        "evidence": [_evidence(road_quote, date="2018-05")],
    }
    pipeline = {
        "id": "pipeline-ru-kr",
        "name": "Russia–Korea gas pipeline",
        "kind": "pipeline",
        "status": "proposed",
        "countries": ["RU", "KP", "KR"],
        "length_km": 912.0,
        "length_estimate_km": [1050.0, 1250.0],
        "length_by_country_km": {"RU": 160.0, "KP": 690.0, "KR": 62.0},
        "border_crossings": [
            {"from": "RU", "to": "KP", "lat": 42.42, "lon": 130.64, "name": "Khasan–Tumangang"},
            {"from": "KP", "to": "KR", "lat": 38.61, "lon": 128.35, "name": None},
        ],
        "waypoints": [],
        "geometry_source": "inferred",
        "route_accuracy": "terrain",
        "evidence": [_evidence(PIPELINE_QUOTE)],
    }
    rail = {
        "id": "rail-khasan-rajin",
        "name": "Khasan–Rajin railway",
        "kind": "rail",
        "status": "operating",
        "countries": ["RU", "KP"],
        "length_km": 54.0,
        "length_estimate_km": None,
        "length_by_country_km": {"RU": 2.0, "KP": 52.0},
        "border_crossings": [],
        "waypoints": [],
        "geometry_source": "reference",
        "route_accuracy": "traced",
        "evidence": [
            _evidence(
                RAIL_QUOTE, "reference/korea-corridor-facts.md", "Railway Gazette", "2013-09-22"
            )
        ],
    }
    features = [
        {"type": "Feature", "geometry": _line(VLADIVOSTOK, KHASAN, RAJIN), "properties": road},
        {
            "type": "Feature",
            "geometry": _line(VLADIVOSTOK, KHASAN, CHONGJIN, WONSAN, SEOUL),
            "properties": pipeline,
        },
        {"type": "Feature", "geometry": _line(KHASAN, RAJIN), "properties": rail},
    ]
    return {"type": "FeatureCollection", "features": features}


def place_list(name: str = "Rajin", quote: str = ROAD_QUOTE) -> list[dict[str, Any]]:
    """Places the seed mentions, one with a quote of our choosing."""
    mention = {"doc": SEED_DOC, "doc_title": SEED_TITLE, "quote": quote}
    return [
        {"name": "Vladivostok", "lat": VLADIVOSTOK[0], "lon": VLADIVOSTOK[1],
         "country_code": "RU", "feature": "city", "population": 587022,
         "mention_count": 1, "mentions": [mention]},
        {"name": name, "lat": RAJIN[0], "lon": RAJIN[1], "country_code": "KP",
         "feature": "city", "population": 197908, "mention_count": 1, "mentions": [mention]},
        {"name": "Korean Peninsula", "lat": None, "lon": None, "country_code": None,
         "feature": "physical", "population": None, "mention_count": 3, "mentions": []},
    ]  # fmt: skip


def country_outlines() -> dict[str, Any]:
    """Two coarse hand-drawn outlines (a few vertices each), enough to style and toggle."""

    def polygon(*points: tuple[float, float]) -> dict[str, Any]:
        ring = [[lon, lat] for lat, lon in (*points, points[0])]
        return {"type": "Polygon", "coordinates": [ring]}

    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso2": "RU", "name": "Russia"},
                "geometry": polygon((42.43, 130.64), (44.5, 130.6), (44.5, 134.0), (42.6, 133.0)),
            },
            {
                "type": "Feature",
                "properties": {"iso2": "KP", "name": "North Korea"},
                "geometry": polygon((42.43, 130.64), (38.6, 128.3), (37.8, 125.0), (40.0, 124.3)),
            },
        ],
    }


def render(**options: Any) -> str:
    offline = options.get("offline", False)
    return map_html(build_map(corridor_collection(), place_list(), **options), offline=offline)


def overlay_names(page: str) -> list[str]:
    block = re.search(r"\boverlays\s*:\s*\{(.*?)\}", page, re.DOTALL)
    assert block, "no LayerControl overlays in the page"
    return re.findall(r'"([^"]+)"\s*:', block.group(1))


def test_layer_control_has_one_overlay_per_layer_in_draw_order() -> None:
    assert overlay_names(render()) == [
        "Roads",
        "Railways",
        "Pipelines",
        "Border crossings",
        "Waypoints",
        "Places",
    ]


def test_only_kinds_present_get_a_layer() -> None:
    collection = corridor_collection()
    collection["features"] = collection["features"][:1]
    names = overlay_names(map_html(build_map(collection, [])))
    assert "Roads" in names
    assert "Pipelines" not in names
    assert "Places" not in names


def test_country_outlines_are_an_overlay_online_and_the_base_offline() -> None:
    online = map_html(build_map(corridor_collection(), [], countries=country_outlines()))
    assert "Country outlines" in overlay_names(online)
    offline = map_html(
        build_map(corridor_collection(), [], countries=country_outlines(), offline=True),
        offline=True,
    )
    assert "Country outlines" not in overlay_names(offline)
    assert re.search(r'\bbase_layers\s*:\s*\{\s*"Country outlines"', offline)


def test_online_map_offers_tile_base_layers_and_offline_map_none() -> None:
    online = render()
    assert "tile.openstreetmap.org" in online
    assert "server.arcgisonline.com" in online
    offline = render(offline=True)
    assert "L.tileLayer" not in offline
    assert "tile.openstreetmap.org" not in offline


def test_corridor_popup_cites_quote_and_document_and_lengths() -> None:
    page = render()
    assert "Russia and the DPRK will build a" in page
    assert SEED_TITLE in page
    assert "schematic: waypoints joined, not a surveyed route" in page
    assert "215 km–270 km" in page
    assert "<td>RU</td><td>161 km (84%)</td>" in page
    assert "Khasan–Tumangang" in page


def test_a_project_name_leads_the_tooltip_the_popup_and_the_search() -> None:
    page = map_html(build_map(corridor_collection(road_project="Tumen River Highway"), []))
    title = "Tumen River Highway: Russia–DPRK highway"
    assert f"<h4>{title}</h4>" in page  # the popup
    assert re.search(rf"bindTooltip\(\s*`<div>\s*{title}\s*</div>", page)
    assert '"searchName": "Tumen River Highway: Russia\\u2013DPRK highway"' in page
    assert "Russia–Korea gas pipeline: " not in page  # no project, no prefix


def test_lines_are_styled_by_kind_status_and_accuracy() -> None:
    page = render()
    road = re.search(r'"color": "#E69F00", "dashArray": "7 7".*?"opacity": 0.6', page)
    rail = re.search(r'"color": "#0072B2", "dashArray": null.*?"weight": 6.0', page)
    assert road, "proposed schematic road is not dashed and faint"
    assert rail, "operating traced railway is not solid and thick"


def test_document_text_is_escaped_in_popups_tooltips_legend_and_search() -> None:
    page = map_html(
        build_map(
            corridor_collection(road_name=HOSTILE, road_quote=HOSTILE, road_project=HOSTILE),
            place_list(name=HOSTILE, quote=HOSTILE),
            title=HOSTILE,
        )
    )
    for raw in ("<script>alert", "<img src=x", "C:\\users"):
        assert raw not in page
    # "${" only runs inside a template literal; the one raw copy is a JSON string.
    assert [
        line for line in page.splitlines() if "${alert" in line and "searchName" not in line
    ] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&#36;{alert(3)}" in page
    # Search labels are JSON strings, their angle brackets written as \u escapes.
    assert '"\\u003cscript\\u003ealert(1)' in page


def test_legend_explains_kinds_status_and_route_accuracy() -> None:
    page = render()
    for label in (
        "Road",
        "Railway",
        "Pipeline",
        "Proposed, planned or agreed",
        "Operating or existing",
        "Schematic: waypoints joined",
        "Traced: mapped alignment",
        "Border crossing",
    ):
        assert label in page, label
    assert "Power line" not in page


def test_same_input_gives_the_same_html() -> None:
    fmap = build_map(corridor_collection(), place_list())
    first = map_html(fmap)
    assert map_html(fmap) == first
    assert render() == first
    assert not re.search(r"_[0-9a-f]{32}", first)


def test_rendering_does_not_change_the_inputs() -> None:
    corridors, places = corridor_collection(), place_list()
    before = copy.deepcopy((corridors, places))
    map_html(build_map(corridors, places, countries=country_outlines()))
    assert (corridors, places) == before


def test_online_map_links_only_assets_that_have_a_vendored_copy() -> None:
    page = render()
    links = re.findall(r'<script src="([^"]+)"|<link rel="stylesheet" href="([^"]+)"', page)
    urls = [script or css for script, css in links]
    assert urls
    assert set(urls) <= set(CDN_ASSETS)


def test_offline_map_references_no_remote_asset() -> None:
    page = render(offline=True, countries=country_outlines())
    assert external_asset_urls(page) == []
    assert "<script src=" not in page
    assert "<link rel=" not in page


def test_offline_map_inlines_images_and_woff2_fonts_once() -> None:
    page = render(offline=True)
    assert "data:font/woff2;base64," in page
    assert ".ttf" not in page
    assert page.count("data:image/png;base64,") >= 5
    solid = page.count('font-family:"Font Awesome 6 Free";font-style:normal;font-weight:900')
    assert solid == 1


def test_offline_html_is_the_same_on_every_render() -> None:
    assert render(offline=True) == render(offline=True)


def test_inlining_an_asset_without_vendored_copy_is_an_error() -> None:
    with pytest.raises(ExternalAssetError, match=r"example\.org/x\.js"):
        inline_assets('<script src="https://example.org/x.js"></script>')


def test_many_places_are_clustered_and_few_are_not() -> None:
    few = render()
    assert "L.markerClusterGroup" not in few
    many = [
        {**place_list()[0], "name": f"Place {i}", "lat": 40 + i / 100, "lon": 128 + i / 100}
        for i in range(60)
    ]
    assert "L.markerClusterGroup" in map_html(build_map(corridor_collection(), many))


def test_places_without_coordinates_are_left_off_the_map() -> None:
    page = render()
    assert page.count("L.marker(") == 2
    assert "Korean Peninsula" not in page


def test_multilinestring_corridor_is_drawn_as_one_line() -> None:
    collection = corridor_collection()
    road = collection["features"][0]
    road["geometry"] = {
        "type": "MultiLineString",
        "coordinates": [
            _line(VLADIVOSTOK, KHASAN)["coordinates"],
            _line(KHASAN, RAJIN)["coordinates"],
        ],
    }
    page = map_html(build_map(collection, []))
    assert "[[[43.1056, 131.8735], [42.424, 130.652]], [[42.424, 130.652]" in page


def test_map_fits_the_corridors_not_far_away_places() -> None:
    moscow = {**place_list()[0], "name": "Moscow", "lat": 55.7558, "lon": 37.6173}
    page = map_html(build_map(corridor_collection(), [*place_list(), moscow]))
    assert "fitBounds(" in page
    assert "[[37.5665, 126.978], [43.1056, 131.8735]]" in page


def test_map_without_corridors_fits_the_places() -> None:
    page = map_html(build_map({"type": "FeatureCollection", "features": []}, place_list()))
    assert "[[42.2556, 130.2831], [43.1056, 131.8735]]" in page


def test_invalid_corridors_are_reported_together() -> None:
    collection = corridor_collection()
    collection["features"][0]["properties"]["kind"] = "canal"
    collection["features"][1]["properties"]["status"] = "rumoured"
    collection["features"][2]["geometry"] = {"type": "Point", "coordinates": [130.0, 42.0]}
    with pytest.raises(InputError) as caught:
        build_map(collection, [])
    message = str(caught.value)
    assert "'canal'" in message
    assert "'rumoured'" in message
    assert "'Point'" in message


def test_corridors_must_be_a_feature_collection() -> None:
    with pytest.raises(InputError, match="FeatureCollection"):
        build_map({"type": "Feature"}, [])


def test_empty_input_gives_a_world_map() -> None:
    fmap = build_map({"type": "FeatureCollection", "features": []}, [])
    assert isinstance(fmap, folium.Map)
    page = map_html(fmap)
    assert "fitBounds(" not in page
    assert "[20.0, 0.0]" in page


def test_write_map_writes_the_rendered_page(tmp_path: Any) -> None:
    fmap = build_map(corridor_collection(), place_list())
    target = tmp_path / "maps" / "corridor_map.html"
    write_map(fmap, target, offline=True)
    assert target.read_text(encoding="utf-8") == map_html(fmap, offline=True)
    assert [p.name for p in target.parent.iterdir()] == ["corridor_map.html"]


def test_date_slider_filters_corridors_when_statements_have_several_dates() -> None:
    page = render()
    assert "Stated by " in page
    assert '"2013-09-22"' in page
    assert '"2018-05-01"' in page


def test_no_date_slider_when_fewer_than_two_dates() -> None:
    collection = corridor_collection()
    collection["features"] = collection["features"][:2]
    assert "Stated by " not in map_html(build_map(collection, []))


def test_country_names_are_escaped_before_tooltips_show_them() -> None:
    countries = country_outlines()
    countries["features"][0]["properties"]["name"] = "<img src=x onerror=alert(5)>"
    page = map_html(build_map(corridor_collection(), [], countries=countries))
    assert "<img src=x onerror=alert(5)>" not in page
    assert "\\u003cimg src=x" not in page  # not even as a JSON-escaped raw tag
    assert "\\u0026lt;img src=x onerror=alert(5)\\u0026gt;" in page


def test_offline_map_has_no_minimap_and_online_map_has_one() -> None:
    assert "L.Control.MiniMap" in render()
    assert "L.Control.MiniMap(" not in render(offline=True)


def test_place_popup_lists_mention_count_and_quoting_sentences() -> None:
    page = render()
    assert "<td>Mentions</td><td>1</td>" in page
    assert "<h5>Mentioned in</h5>" in page
    assert f"— {SEED_TITLE}" in page
    assert "<td>Population</td><td>197,908</td>" in page


def test_corpus_popup_counts_every_quote_not_only_the_kept_ones() -> None:
    from corridormap._render_html import MAX_QUOTES, _quotes

    kept = [{"doc": f"d{i}", "quote": f"q{i}"} for i in range(MAX_QUOTES)]
    assert "and 95 more" in _quotes(kept, total=MAX_QUOTES + 95)
    assert "more" not in _quotes(kept)
