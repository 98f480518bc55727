"""Render corridors and places as an interactive Folium map, online or fully offline.

The map has one layer per thing a reader wants to switch on and off: places, each corridor
kind present, border crossings, routing waypoints and (when given) country outlines.
Line styles carry three facts at once: colour is the kind, the dash pattern is the
status (built lines solid, proposals dashed) and width plus opacity say how much the
route can be trusted (a thin faint line is schematic, a thick one traced).  Every popup
cites the sentences behind what it shows.

Document and geocoder text is hostile input: it is escaped (see
:func:`corridormap._render_html.esc`) before it reaches any popup, tooltip or the legend.

``offline=True`` draws no tile layer at all (country outlines are the base map) and
:func:`map_html` then inlines every script, stylesheet, image and font from the npm
packages pinned in ``package.json``, so the HTML file opens with no network.

Rendered HTML is deterministic: folium names elements with random UUIDs, which
:func:`map_html` replaces by counters in order of first appearance.
"""

from __future__ import annotations

import copy
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import folium
import folium.plugins
import xyzservices.providers as xyz
from branca.element import Element, Figure

from corridormap._atomic import write_text
from corridormap._render_assets import ExternalAssetError, external_asset_urls, inline_assets
from corridormap._render_html import (
    ACCURACY_LABELS,
    PAGE_CSS,
    DateFilter,
    Legend,
    PageStyle,
    SearchControl,
    corridor_popup,
    corridor_title,
    crossing_popup,
    esc,
    legend_html,
    place_popup,
    waypoint_popup,
)
from corridormap.errors import InputError

__all__ = ["KINDS", "ROUTE_ACCURACIES", "STATUSES", "build_map", "map_html", "write_map"]

#: kind -> (layer name, legend label, colour).  Okabe–Ito colours stay apart for
#: colour-blind readers and against both the light base maps and satellite imagery.
KINDS: dict[str, tuple[str, str, str]] = {
    "road": ("Roads", "Road", "#E69F00"),
    "rail": ("Railways", "Railway", "#0072B2"),
    "pipeline": ("Pipelines", "Pipeline", "#009E73"),
    "power": ("Power lines", "Power line", "#CC79A7"),
    "multimodal": ("Multimodal corridors", "Multimodal corridor", "#D55E00"),
}

# Status classes: (legend label, SVG/Leaflet dash pattern or None for solid, opacity factor).
_BUILT = ("Operating or existing", None, 1.0)
_BUILDING = ("Under construction", "12 6", 1.0)
_PROPOSED = ("Proposed, planned or agreed", "7 7", 1.0)
_HALTED = ("Shelved or cancelled", "1 7", 0.6)
#: status -> its drawing class.
STATUSES: dict[str, tuple[str, str | None, float]] = {
    "operating": _BUILT,
    "existing": _BUILT,
    "under construction": _BUILDING,
    "proposed": _PROPOSED,
    "planned": _PROPOSED,
    "agreed": _PROPOSED,
    "shelved": _HALTED,
    "cancelled": _HALTED,
}
#: route_accuracy -> (line weight in pixels, opacity).
ROUTE_ACCURACIES: dict[str, tuple[float, float]] = {
    "schematic": (2.5, 0.6),
    "terrain": (4.0, 0.85),
    "traced": (6.0, 1.0),
}

_PLACE_ICONS = {
    "country": "flag",
    "admin1": "map",
    "admin2": "map",
    "capital": "star",
    "city": "city",
    "continent": "globe",
    "region": "map",
    "physical": "mountain",
    "crossing": "right-left",
    "facility": "industry",
}
_CLUSTER_ABOVE = 50
_MAX_ZOOM = 18
# Glyphicons and rotated icons are folium defaults corridormap never uses (its icons
# are Font Awesome, unrotated); glyphicons also come from a retired CDN.
_UNUSED_CSS = {"glyphicons_css", "awesome_rotate_css"}
_OFFLINE_CSS = ".leaflet-container { background: #dbe6ee; }"
# Six decimals of a degree is ~0.1 m: more only inflates the page.
_LINE_DECIMALS = 5
_OUTLINE_DECIMALS = 3


def build_map(
    corridors: Mapping[str, Any],
    places: Sequence[Mapping[str, Any]],
    *,
    title: str = "corridormap",
    offline: bool = False,
    countries: Mapping[str, Any] | None = None,
    buffers: Mapping[str, Any] | None = None,
) -> folium.Map:
    """Build the corridor map.

    Parameters
    ----------
    corridors : dict
        GeoJSON FeatureCollection in EPSG:4326, one LineString or MultiLineString
        Feature per corridor, with the properties of ``corridormap corridors --format
        geojson`` (``id``, ``name``, ``kind``, ``status``, ``countries``, ``length_km``,
        ``length_estimate_km``, ``length_by_country_km``, ``border_crossings``,
        ``waypoints``, ``geometry_source``, ``route_accuracy``, ``evidence``).
    places : list of dict
        ``{name, lat, lon, country_code, feature, population, mention_count, mentions}``
        with ``mentions`` a list of ``{doc, doc_title, quote}``.  Places without
        coordinates are left off the map.
    title : str
        Page title and legend heading.
    offline : bool
        Draw no tile layers (nothing to fetch) and use ``countries`` as the base map;
        pass the map to :func:`map_html` with ``offline=True`` to inline the assets.
    countries : dict, optional
        GeoJSON FeatureCollection of country outlines with ``iso2`` and ``name``
        properties: the base layer offline, an optional overlay online.
    buffers : dict, optional
        GeoJSON FeatureCollection of polygons around the corridors (properties
        ``name`` and ``buffer_km``), an overlay that starts hidden.

    Returns
    -------
    folium.Map

    Raises
    ------
    InputError
        If ``corridors`` is not a FeatureCollection of line Features with a known
        ``kind``, ``status`` and ``route_accuracy``; the message lists every problem.
    """
    features = _validated_features(corridors)
    kinds_present = [k for k in KINDS if any(f["properties"]["kind"] == k for f in features)]
    located = [p for p in places if _finite(p.get("lat")) and _finite(p.get("lon"))]

    fmap = folium.Map(
        location=[20.0, 0.0],
        zoom_start=2,
        tiles=None,
        control_scale=True,
    )
    # folium hands max_zoom only to a default tile layer; without tiles the map itself
    # needs it, or MarkerCluster fails with "Map has no maxZoom specified".
    fmap.options["maxZoom"] = _MAX_ZOOM
    fmap.default_css = [item for item in folium.Map.default_css if item[0] not in _UNUSED_CSS]
    root = fmap.get_root()
    if isinstance(root, Figure):
        root.title = esc(title)
    fmap.add_child(PageStyle(PAGE_CSS + (_OFFLINE_CSS if offline else "")))

    if not offline:
        _add_tile_layers(fmap)
    if countries is not None:
        _countries_layer(countries, base=offline).add_to(fmap)

    searchable: list[folium.FeatureGroup] = []
    dated: list[tuple[Element, Element, str]] = []
    for kind in kinds_present:
        group = folium.FeatureGroup(name=KINDS[kind][0])
        for feature in features:
            if feature["properties"]["kind"] == kind:
                line = _corridor_line(feature)
                line.add_to(group)
                first = _first_date(feature["properties"])
                if first is not None:
                    dated.append((line, group, first))
        group.add_to(fmap)
        searchable.append(group)

    if buffers is not None and buffers.get("features"):
        _buffers_layer(buffers).add_to(fmap)
    crossings = _crossings_layer(features)
    if crossings is not None:
        crossings.add_to(fmap)
    waypoints = _waypoints_layer(features)
    if waypoints is not None:
        waypoints.add_to(fmap)
    if located:
        group = _places_layer(located)
        group.add_to(fmap)
        searchable.insert(0, group)

    fmap.add_child(_legend(title, kinds_present, places=bool(located), crossings=bool(crossings)))
    folium.LayerControl(collapsed=False).add_to(fmap)
    folium.plugins.Fullscreen(position="topleft").add_to(fmap)  # type: ignore[no-untyped-call]
    folium.plugins.MeasureControl(  # type: ignore[no-untyped-call]
        position="topleft",
        primary_length_unit="kilometers",
        secondary_length_unit="miles",
        primary_area_unit="sqkilometers",
    ).add_to(fmap)
    if searchable:
        fmap.add_child(SearchControl(searchable))
    # A slider over one date would filter nothing.
    if len({date for _, _, date in dated}) > 1:
        fmap.add_child(DateFilter(dated))
    if not offline:
        folium.plugins.MiniMap(  # type: ignore[no-untyped-call]
            tile_layer=folium.TileLayer(xyz.OpenStreetMap.Mapnik),
            toggle_display=True,
            position="bottomright",
        ).add_to(fmap)

    bounds = _bounds(features, located)
    if bounds is not None:
        # Room for the controls: zoom, search and measure on the left, the layer list on
        # the right, the legend bottom left.
        fmap.fit_bounds(
            bounds, padding_top_left=(60, 30), padding_bottom_right=(200, 100), max_zoom=9
        )
    return fmap


def _buffers_layer(buffers: Mapping[str, Any]) -> folium.FeatureGroup:
    """The corridors' buffers (the band "nearby places" are counted in), hidden at first."""
    group = folium.FeatureGroup(name="Corridor buffers", show=False)
    for feature in buffers["features"]:
        props = feature.get("properties") or {}
        label = f"{esc(str(props.get('name', '')))}: {esc(str(props.get('buffer_km', '')))} km"
        folium.GeoJson(
            {"type": "Feature", "geometry": feature["geometry"], "properties": {}},
            style_function=lambda _: {
                "color": "#555555",
                "weight": 1,
                "fillColor": "#999999",
                "fillOpacity": 0.12,
                "interactive": False,
            },
            tooltip=label,
        ).add_to(group)
    return group


def map_html(fmap: folium.Map, offline: bool = False) -> str:
    """Standalone HTML of a map built by :func:`build_map`.

    Parameters
    ----------
    fmap : folium.Map
    offline : bool
        Inline every JavaScript, CSS, image and font asset from the vendored npm
        packages.  Build the map with ``offline=True`` too, or its tile layers remain.

    Returns
    -------
    str
        The page; the same map always gives the same string.

    Raises
    ------
    ExternalAssetError
        Offline, if the page links an asset corridormap has no vendored copy of.
    DataError
        Offline, if the npm packages are not installed (run ``npm ci``).
    """
    # folium appends to the page on every render, so a copy is rendered and the map
    # itself stays as built: the same map gives the same page however often it is asked.
    root = copy.deepcopy(fmap.get_root())
    page = _stable_ids(root.render(), root)
    if offline:
        page = inline_assets(page)
        remote = external_asset_urls(page)
        if remote:
            raise ExternalAssetError(f"offline map still references remote assets: {remote!r}")
    return page


def write_map(fmap: folium.Map, path: str | os.PathLike[str], offline: bool = False) -> None:
    """Write :func:`map_html` of ``fmap`` to ``path`` atomically (UTF-8).

    Raises
    ------
    ExternalAssetError, DataError
        As :func:`map_html`.
    """
    write_text(path, map_html(fmap, offline=offline))


# branca names each element ``<kind>_<32 random hex digits>``.
_HEX_ID = re.compile(r"(?<=_)[0-9a-f]{32}(?![0-9a-f])")


def _element_ids(root: Element) -> set[str]:
    # Popups keep their HTML in attributes rather than children, and plugins hold
    # their tile layers the same way, so every Element-valued attribute is followed.
    ids: set[str] = set()
    stack = [root]
    while stack:
        element = stack.pop()
        if element._id in ids:
            continue
        ids.add(element._id)
        for value in vars(element).values():
            if isinstance(value, Element):
                stack.append(value)
            elif isinstance(value, dict | list | tuple):
                items = value.values() if isinstance(value, dict) else value
                stack.extend(item for item in items if isinstance(item, Element))
    return ids


def _stable_ids(page: str, root: Element) -> str:
    """Replace the random part of every element name by a counter, in page order."""
    ids = _element_ids(root)
    numbers: dict[str, str] = {}

    def number(match: re.Match[str]) -> str:
        found = match.group(0)
        if found not in ids:
            return found
        return numbers.setdefault(found, f"{len(numbers):05d}")

    return _HEX_ID.sub(number, page)


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _validated_features(collection: Mapping[str, Any]) -> list[dict[str, Any]]:
    if not isinstance(collection, Mapping) or collection.get("type") != "FeatureCollection":
        raise InputError(f"corridors must be a GeoJSON FeatureCollection, got {collection!r:.80}")
    problems = []
    features = list(collection.get("features") or [])
    for index, feature in enumerate(features):
        props = feature.get("properties") or {}
        label = f"corridor {index} ({props.get('id', props.get('name'))!r})"
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("LineString", "MultiLineString"):
            problems.append(f"{label}: geometry {geometry.get('type')!r} is not a line")
        if props.get("kind") not in KINDS:
            problems.append(f"{label}: kind {props.get('kind')!r} not one of {sorted(KINDS)}")
        if props.get("status") not in STATUSES:
            problems.append(
                f"{label}: status {props.get('status')!r} not one of {sorted(STATUSES)}"
            )
        accuracy = props.get("route_accuracy")
        if accuracy is not None and accuracy not in ROUTE_ACCURACIES:
            problems.append(
                f"{label}: route_accuracy {accuracy!r} not one of {sorted(ROUTE_ACCURACIES)}"
            )
    if problems:
        raise InputError("invalid corridors:\n  " + "\n  ".join(problems))
    return features


def _add_tile_layers(fmap: folium.Map) -> None:
    providers = [
        (xyz.OpenStreetMap.Mapnik, "OpenStreetMap"),
        (xyz.Esri.WorldImagery, "Esri World Imagery"),
    ]
    # Positron is the quieter background (corridor colours read better on it), but
    # xyzservices now lists CARTO tiles as needing an API key: without one the layer
    # would only show broken tiles, so it is offered when no key is required.
    if not xyz.CartoDB.Positron.requires_token():
        providers.insert(0, (xyz.CartoDB.Positron, "CartoDB Positron"))
    for index, (provider, name) in enumerate(providers):
        folium.TileLayer(provider, name=name, show=index == 0, max_zoom=_MAX_ZOOM).add_to(fmap)


def _lines(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    parts = (
        [geometry["coordinates"]]
        if geometry["type"] == "LineString"
        else list(geometry["coordinates"])
    )
    # GeoJSON is (lon, lat); Leaflet wants (lat, lon).
    return [
        [[round(pt[1], _LINE_DECIMALS), round(pt[0], _LINE_DECIMALS)] for pt in part]
        for part in parts
    ]


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _first_date(props: Mapping[str, Any]) -> str | None:
    """Earliest evidence date as YYYY-MM-DD (a year alone reads as 1 January)."""
    dates = []
    for item in props.get("evidence") or []:
        match = _ISO_DATE.fullmatch(str(item.get("date") or ""))
        if match:
            year, month, day = match.groups()
            dates.append(f"{year}-{month or '01'}-{day or '01'}")
    return min(dates, default=None)


def _corridor_line(feature: Mapping[str, Any]) -> folium.PolyLine:
    props = feature["properties"]
    color = KINDS[props["kind"]][2]
    _, dash, fade = STATUSES[props["status"]]
    weight, opacity = ROUTE_ACCURACIES[props.get("route_accuracy") or "schematic"]
    lines = _lines(feature["geometry"])
    line = folium.PolyLine(  # type: ignore[no-untyped-call]
        lines[0] if len(lines) == 1 else lines,
        color=color,
        weight=weight,
        opacity=opacity * fade,
        dash_array=dash,
        line_cap="round",
        tooltip=folium.Tooltip(esc(corridor_title(props))),
        popup=folium.Popup(corridor_popup(props), max_width=460, lazy=True),
    )
    # folium's PolyLine keeps only the style options it knows; the search box reads this.
    line.options["searchName"] = corridor_title(props)
    return line


def _crossings_layer(features: Sequence[Mapping[str, Any]]) -> folium.FeatureGroup | None:
    seen: dict[tuple[float, float, str, str], tuple[Mapping[str, Any], list[str]]] = {}
    for feature in features:
        props = feature["properties"]
        for crossing in props.get("border_crossings") or []:
            if not (_finite(crossing.get("lat")) and _finite(crossing.get("lon"))):
                continue
            key = (
                round(crossing["lat"], 3),
                round(crossing["lon"], 3),
                str(crossing.get("from")),
                str(crossing.get("to")),
            )
            seen.setdefault(key, (crossing, []))[1].append(str(props.get("name")))
    if not seen:
        return None
    group = folium.FeatureGroup(name="Border crossings")
    for crossing, names in seen.values():
        label = crossing.get("name") or f"{crossing.get('from')} → {crossing.get('to')}"
        folium.CircleMarker(
            [crossing["lat"], crossing["lon"]],
            radius=6,
            color="#222222",
            weight=2,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1.0,
            tooltip=folium.Tooltip(esc(label)),
            popup=folium.Popup(crossing_popup(crossing, names), max_width=360, lazy=True),
        ).add_to(group)
    return group


def _waypoints_layer(features: Sequence[Mapping[str, Any]]) -> folium.FeatureGroup | None:
    points = [
        (feature["properties"], waypoint)
        for feature in features
        for waypoint in feature["properties"].get("waypoints") or []
        if _finite(waypoint.get("lat")) and _finite(waypoint.get("lon"))
    ]
    if not points:
        return None
    # Off by default: waypoints explain a route, they are not findings of their own.
    group = folium.FeatureGroup(name="Waypoints", show=False)
    for props, waypoint in points:
        folium.CircleMarker(
            [waypoint["lat"], waypoint["lon"]],
            radius=4,
            color=KINDS[props["kind"]][2],
            weight=1,
            fill=True,
            fill_opacity=0.9,
            tooltip=folium.Tooltip(esc(waypoint.get("name"))),
            popup=folium.Popup(
                waypoint_popup(waypoint, str(props.get("name"))), max_width=300, lazy=True
            ),
        ).add_to(group)
    return group


def _places_layer(places: Sequence[Mapping[str, Any]]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Places")
    # Clustering only pays once markers start to hide each other.
    parent: folium.FeatureGroup | folium.plugins.MarkerCluster = group
    if len(places) > _CLUSTER_ABOVE:
        parent = folium.plugins.MarkerCluster(control=False)  # type: ignore[no-untyped-call]
        parent.add_to(group)
    for place in places:
        folium.Marker(
            [place["lat"], place["lon"]],
            icon=folium.Icon(
                color="cadetblue",
                icon=_PLACE_ICONS.get(str(place.get("feature")), "location-dot"),
                prefix="fa",
            ),
            tooltip=folium.Tooltip(esc(place.get("name"))),
            popup=folium.Popup(place_popup(place), max_width=460, lazy=True),
            search_name=str(place.get("name") or ""),
        ).add_to(parent)
    return group


def _countries_layer(countries: Mapping[str, Any], *, base: bool) -> folium.GeoJson:
    features = []
    for index, feature in enumerate(countries.get("features") or []):
        props = feature.get("properties") or {}
        if not feature.get("geometry"):
            continue
        features.append(
            {
                "type": "Feature",
                "id": str(index),
                # Escaped here because Leaflet tooltips insert the value as HTML.
                "properties": {"name": esc(props.get("name") or props.get("iso2") or "")},
                "geometry": _rounded(feature["geometry"], _OUTLINE_DECIMALS),
            }
        )
    style = (
        {"color": "#8a9aa8", "weight": 0.8, "fillColor": "#f7f5ef", "fillOpacity": 1.0}
        if base
        else {"color": "#5b6b78", "weight": 1.0, "fillOpacity": 0.0}
    )
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Country outlines",
        overlay=not base,
        show=base,
        style_function=lambda _feature: style,
        highlight_function=None,
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False, sticky=True),
        smooth_factor=1.0,
        zoom_on_click=False,
    )


def _rounded(geometry: Mapping[str, Any], decimals: int) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, int | float):
            return round(value, decimals)
        return [walk(item) for item in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _coords(value: Any) -> Iterator[tuple[float, float]]:
    if value and isinstance(value[0], int | float):
        yield float(value[0]), float(value[1])
    else:
        for item in value:
            yield from _coords(item)


def _bounds(
    features: Sequence[Mapping[str, Any]], places: Sequence[Mapping[str, Any]]
) -> list[list[float]] | None:
    # The corridors are the subject: an article that also names Washington or Moscow
    # should not zoom the map out until the proposed lines are specks.  Places alone
    # set the view only when there is no corridor.
    points = [pt for f in features for pt in _coords(f["geometry"]["coordinates"])]
    if not points:
        points = [(float(p["lon"]), float(p["lat"])) for p in places]
    if not points:
        return None
    lons, lats = zip(*points, strict=True)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _legend(title: str, kinds: Sequence[str], *, places: bool, crossings: bool) -> Legend:
    statuses = list(dict.fromkeys(STATUSES.values()))
    accuracies = [
        (ACCURACY_LABELS[name], weight, opacity)
        for name, (weight, opacity) in ROUTE_ACCURACIES.items()
    ]
    markers = []
    if places:
        markers.append(
            (
                '<i class="fa fa-location-dot" style="color:#436978;width:44px;'
                'text-align:center"></i>',
                "Place named in the text",
            )
        )
    if crossings:
        markers.append(
            (
                '<svg width="44" height="14" aria-hidden="true"><circle cx="22" cy="7" r="5" '
                'fill="#fff" stroke="#222" stroke-width="2"/></svg>',
                "Border crossing",
            )
        )
    return Legend(
        legend_html(
            title,
            [(KINDS[k][1], KINDS[k][2]) for k in kinds],
            statuses,
            accuracies,
            markers,
        )
    )
