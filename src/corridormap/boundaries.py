"""Country boundaries: Natural Earth 1:10m from the npm package ``world-atlas@2.0.2``.

The TopoJSON is read with pyogrio (through geopandas), repaired with ``make_valid``
(about a fifth of the polygons are invalid as read) and keyed by ISO 3166-1 alpha-2.
Neighbours share arcs in TopoJSON, so the border between two countries is the same line
on both sides: lengths per country and crossing points come out exact for the data.

The prepared table is cached as GeoParquet in :func:`corridormap._paths.cache_dir`,
which makes a later load about ten times faster than parsing the TopoJSON again.
"""

from __future__ import annotations

import functools
import math
import os
from typing import TYPE_CHECKING, Any

from corridormap import _paths
from corridormap.errors import DataError

if TYPE_CHECKING:
    import geopandas as gpd
    from shapely import STRtree

#: Natural Earth units that have no ISO numeric code, mapped to the state that
#: administers them, so lengths are attributed to a real country.  Disputed specks
#: with no single administering state (Spratly, Scarborough, Siachen) keep no code.
_NO_NUMERIC_CODE = {
    "Kosovo": "XK",
    "Somaliland": "SO",
    "N. Cyprus": "CY",
    "Cyprus U.N. Buffer Zone": "CY",
    "Baikonur": "KZ",
    "USNB Guantanamo Bay": "CU",
    "Dhekelia": "GB",
    "Akrotiri": "GB",
    "Indian Ocean Ter.": "AU",
    "Coral Sea Is.": "AU",
    "Clipperton I.": "FR",
    "Bajo Nuevo Bank": "CO",
    "Serranilla Bank": "CO",
}

_CACHE_NAME = "countries-ne10m-v2.parquet"


def _iso2_for(numeric: object, name: str) -> str | None:
    import pycountry

    if isinstance(numeric, str) and numeric.strip():
        try:
            country = pycountry.countries.get(numeric=numeric.strip())
        except (KeyError, LookupError):
            country = None
        if country is not None:
            return str(country.alpha_2)
    return _NO_NUMERIC_CODE.get(name)


def _build() -> gpd.GeoDataFrame:
    import geopandas as gpd

    source = _paths.npm_file("world-atlas", "countries-10m.json")
    raw = gpd.read_file(source, layer="countries")
    raw = raw.set_crs(4326, allow_override=True)
    raw["geometry"] = [
        _split_antimeridian(g) if name != "Antarctica" else g
        for g, name in zip(raw.geometry, raw["name"], strict=True)
    ]
    raw["geometry"] = raw.geometry.make_valid()
    raw["iso2"] = [_iso2_for(n, name) for n, name in zip(raw["id"], raw["name"], strict=True)]
    keyed = raw[raw["iso2"].notna()]
    dissolved = keyed.dissolve(by="iso2", aggfunc={"name": "first"}).reset_index()
    # Keep only polygonal parts: make_valid can leave stray lines at shared arcs.
    dissolved["geometry"] = dissolved.geometry.apply(_polygonal)
    return dissolved[["iso2", "name", "geometry"]].sort_values("iso2").reset_index(drop=True)


def _split_antimeridian(geom: object) -> object:
    """Cut polygons whose rings jump across ±180° (Chukotka, Fiji) into two halves.

    As read, such a ring spans the whole globe and would claim a band of latitude
    from Alaska to Siberia.  Its western longitudes are shifted by +360° so the ring
    is continuous, then it is cut at 180° and the eastern half shifted back.
    """
    import shapely
    from shapely import affinity
    from shapely.geometry import MultiPolygon, Polygon, box
    from shapely.ops import unary_union

    parts: list[Any] = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    if all(p.bounds[2] - p.bounds[0] <= 180 for p in parts):
        return geom
    fixed = []
    for part in parts:
        if not isinstance(part, Polygon):
            continue
        minx, _, maxx, _ = part.bounds
        if maxx - minx <= 180:
            fixed.append(part)
            continue

        def unwrap(ring: object) -> list[tuple[float, float]]:
            return [(x + 360 if x < 0 else x, y) for x, y in ring.coords]  # type: ignore[attr-defined]

        shifted = Polygon(unwrap(part.exterior), [unwrap(r) for r in part.interiors]).buffer(0)
        west = shifted.intersection(box(-180, -90, 180, 90))
        east = affinity.translate(shifted.intersection(box(180, -90, 540, 90)), xoff=-360)
        fixed.extend(g for g in (west, east) if not g.is_empty)
    return unary_union([shapely.make_valid(g) for g in fixed])


def _polygonal(geom: object) -> object:
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon

    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    if isinstance(geom, GeometryCollection):
        polys: list[Polygon] = []
        for part in geom.geoms:
            if isinstance(part, Polygon):
                polys.append(part)
            elif isinstance(part, MultiPolygon):
                polys.extend(part.geoms)
        return MultiPolygon(polys)
    return geom


@functools.lru_cache(maxsize=1)
def countries() -> gpd.GeoDataFrame:
    """All countries as a GeoDataFrame with columns ``iso2``, ``name``, ``geometry``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per ISO alpha-2 code, EPSG:4326, valid (multi)polygons.

    Raises
    ------
    DataError
        If the npm package ``world-atlas`` is not installed.
    """
    import geopandas as gpd

    cached = _paths.cache_dir() / _CACHE_NAME
    if cached.is_file():
        try:
            return gpd.read_parquet(cached)
        except (OSError, ValueError):
            pass  # a corrupt cache is rebuilt below
    table = _build()
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        table.to_parquet(tmp)
        os.replace(tmp, cached)
    except OSError as exc:  # a read-only cache is not fatal: we have the table
        tmp.unlink(missing_ok=True)
        if not table.empty:
            return table
        raise DataError(f"cannot write boundary cache {cached}: {exc}") from exc
    return table


@functools.lru_cache(maxsize=1)
def _tree() -> tuple[STRtree, list[str]]:
    from shapely import STRtree

    table = countries()
    return STRtree(list(table.geometry)), list(table["iso2"])


def country_at(lat: float, lon: float) -> str | None:
    """ISO alpha-2 code of the country containing a point, ``None`` at sea.

    Parameters
    ----------
    lat, lon : float
        WGS84 degrees.
    """
    from shapely.geometry import Point

    tree, codes = _tree()
    hits = tree.query(Point(lon, lat), predicate="intersects")
    if len(hits) == 0:
        return None
    return codes[int(min(hits))]


def countries_at(lats: list[float], lons: list[float]) -> list[str | None]:
    """Vectorised :func:`country_at` for many points."""
    import numpy as np
    import shapely

    tree, codes = _tree()
    points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    result: list[str | None] = [None] * len(points)
    point_idx, geom_idx = tree.query(points, predicate="intersects")
    for p, g in sorted(zip(point_idx.tolist(), geom_idx.tolist(), strict=True), reverse=True):
        result[p] = codes[g]
    return result


def nearest_country(lat: float, lon: float, max_km: float = 30.0) -> str | None:
    """Country at a point, or the nearest one within ``max_km`` (coastal points)."""
    found = country_at(lat, lon)
    if found is not None:
        return found
    from shapely.geometry import Point

    tree, codes = _tree()
    # ~111 km per degree of latitude; longitudes shrink, so this is generous.
    idx = tree.query_nearest(
        Point(lon, lat), max_distance=max_km / 111.0 / max(math.cos(math.radians(lat)), 0.2)
    )
    if len(idx) == 0:
        return None
    return codes[int(idx[0])]


def country_geometry(iso2: str) -> object:
    """The (multi)polygon of one country.

    Raises
    ------
    DataError
        If the code is unknown to Natural Earth.
    """
    table = countries()
    rows = table[table["iso2"] == iso2]
    if rows.empty:
        raise DataError(f"no boundary for country code {iso2!r}")
    return rows.geometry.iloc[0]


def point_inside(
    lat: float, lon: float, iso2: str, *, max_km: float = 5.0, inset_km: float = 0.3
) -> tuple[float, float] | None:
    """The nearest point inside a country, for a point that should lie in it.

    A gazetteer's point for a border town can fall just across the border at Natural
    Earth's scale (Moyale, Kenya, lies a few hundred metres inside Ethiopia there).
    This finds the nearest point of the country's polygons and steps ``inset_km``
    further in, so that the point is unambiguously inside.

    Parameters
    ----------
    lat, lon : float
        WGS84 degrees.
    iso2 : str
        The country the point should be in.
    max_km : float
        How far the point may move; farther means the point and the code disagree for
        some other reason, and nothing is moved.
    inset_km : float
        How far inside the border the moved point lands.

    Returns
    -------
    (lat, lon) or None
        The point itself if it already lies in ``iso2``; the moved point; ``None`` if
        the country is unknown or farther than ``max_km``.
    """
    import shapely
    from pyproj import Geod
    from shapely import affinity
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    table = countries()
    shapes = list(table.geometry[table["iso2"] == iso2.upper()])
    if not shapes:
        return None
    point = Point(lon, lat)
    if any(shape.intersects(point) for shape in shapes):
        return (lat, lon)
    # Only the country's nearby part matters: clip before any geometry work.
    pad_lat = (max_km + inset_km) / 110.0 + 0.01
    pad_lon = pad_lat / max(math.cos(math.radians(lat)), 0.05)
    box = (lon - pad_lon, lat - pad_lat, lon + pad_lon, lat + pad_lat)
    near = shapely.union_all([shapely.clip_by_rect(s, *box) for s in shapes])
    if near.is_empty:
        return None
    # Degrees of longitude shrink with latitude: measure in a locally square frame.
    scale = max(math.cos(math.radians(lat)), 0.05)
    square = affinity.scale(near, xfact=scale, origin=(lon, lat))
    inner = square.buffer(-inset_km / 111.0)
    target = inner if not inner.is_empty else square
    q = nearest_points(target, Point(lon, lat))[0]
    new_lon, new_lat = lon + (q.x - lon) / scale, q.y
    moved_km = Geod(ellps="WGS84").inv(lon, lat, new_lon, new_lat)[2] / 1000.0
    if moved_km > max_km or country_at(new_lat, new_lon) != iso2.upper():
        return None
    return (new_lat, new_lon)
