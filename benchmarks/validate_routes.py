"""Validate the router and the detour model on real corridors with published lengths.

Reads ``data/validation/corridors.yaml`` (real corridors outside Korea: id, name, kind,
status, subsea, countries, length_km, length_by_country_km, waypoints, sources), routes
each through its waypoints within its countries (a GeoNames waypoint takes its
gazetteer entry's country, as the pipeline's waypoints do), and prints per corridor:

* the drawn length and the leave-one-out band ``[low, high]`` of the detour model (the
  model is refitted without that corridor, band included);
* the published length and whether it falls inside the band;
* the drawn length per country scaled to the published total, against the published
  split (worst relative error, target within ±35%);
* the countries the drawn line crosses against the published list.

``--write`` then fits the model on every corridor and saves ``data/length_model.json``,
which :func:`corridormap.length_model.load_model` reads.

Run: ``python benchmarks/validate_routes.py [--write] [--file PATH]``
"""

from __future__ import annotations

import argparse
import functools
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from pyproj import Geod

from corridormap import _atomic, _paths, boundaries, length_model
from corridormap.gazetteer import Gazetteer
from corridormap.model import Waypoint
from corridormap.routing import RouteResult, route

_GEOD = Geod(ellps="WGS84")
#: A country crossed for less than this is a raster or border artefact, not a country
#: the corridor runs through (unless an end of the line lies in it).
_MIN_COUNTRY_KM = 3.0


@dataclass
class Row:
    """One corridor's measurements."""

    id: str
    kind: str
    published_km: float
    published_split: dict[str, float]
    published_countries: list[str]
    result: RouteResult
    drawn_km: float
    split_km: dict[str, float]
    countries: list[str]
    feats: length_model.Features
    waypoint_count: int


def _split_by_country(
    coords: tuple[tuple[float, float], ...],
) -> tuple[dict[str, float], list[str]]:
    """Drawn km per country (``"sea"`` for none) and countries in route order.

    Densifies the geodesic segments every 0.5 km and attributes each step to the country
    at its start (:func:`corridormap.boundaries.countries_at`).
    """
    lons: list[float] = []
    lats: list[float] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        lons.append(x1)
        lats.append(y1)
        n = int(_GEOD.inv(x1, y1, x2, y2)[2] / 500.0)
        if n > 1:
            for x, y in _GEOD.npts(x1, y1, x2, y2, n - 1):
                lons.append(x)
                lats.append(y)
    lons.append(coords[-1][0])
    lats.append(coords[-1][1])
    codes = boundaries.countries_at(lats, lons)
    lon_a, lat_a = np.asarray(lons), np.asarray(lats)
    steps = _GEOD.inv(lon_a[:-1], lat_a[:-1], lon_a[1:], lat_a[1:])[2] / 1000.0
    split: dict[str, float] = {}
    order: list[str] = []
    for code, km in zip(codes[:-1], steps.tolist(), strict=True):
        key = code or "sea"
        split[key] = split.get(key, 0.0) + km
        if code and code not in order:
            order.append(code)
    countries = [c for c in order if split[c] >= _MIN_COUNTRY_KM]
    return split, countries


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _country_of(point: dict[str, object]) -> str | None:
    """The country the gazetteer gives a waypoint's place, as the pipeline would have it.

    A waypoint sourced from GeoNames (``source: 'geonames:ID'``) takes the country of
    that gazetteer entry; any other point takes the country its coordinates lie in.
    """
    lat, lon = float(point["lat"]), float(point["lon"])  # type: ignore[arg-type]
    source = str(point.get("source", ""))
    if source.startswith("geonames:"):
        name = str(point["name"]).split(" (")[0]
        for candidate in _gazetteer().lookup(name, limit=50):
            if candidate.place.source_id == source:
                return candidate.place.country_code
    return boundaries.country_at(lat, lon)


def _measure(entry: dict[str, object]) -> Row:
    points = entry["waypoints"]
    assert isinstance(points, list)
    waypoints = []
    for i, p in enumerate(points):
        role = "start" if i == 0 else "end" if i == len(points) - 1 else "via"
        lat, lon = float(p["lat"]), float(p["lon"])
        waypoints.append(Waypoint(str(p["name"]), lat, lon, _country_of(p), role))
    kind = str(entry["kind"])
    countries = [str(c) for c in entry["countries"]]  # type: ignore[attr-defined]
    result = route(
        waypoints, kind=kind, allowed_countries=countries, subsea=bool(entry.get("subsea"))
    )
    drawn = float(_GEOD.line_length([c[0] for c in result.coords], [c[1] for c in result.coords]))
    drawn_km = drawn / 1000.0
    split, found = _split_by_country(result.coords)
    # A line runs in the countries of its two ends even when it leaves them at once (a
    # subsea line from a coastal terminal); an end offshore at Natural Earth's scale
    # counts in the nearest country within 5 km.
    routed = result.waypoints or tuple(waypoints)
    first = boundaries.nearest_country(routed[0].lat, routed[0].lon, max_km=5.0)
    last = boundaries.nearest_country(routed[-1].lat, routed[-1].lon, max_km=5.0)
    if first and first not in found:
        found.insert(0, first)
    if last and last not in found:
        found.append(last)
    feats = length_model.features(
        drawn_km,
        kind=kind,
        coords=result.coords,
        waypoint_count=len(waypoints),
        offshore_km=split.get("sea", 0.0),
    )
    published_split = entry.get("length_by_country_km") or {}
    assert isinstance(published_split, dict)
    return Row(
        id=str(entry["id"]),
        kind=kind,
        published_km=float(entry["length_km"]),  # type: ignore[arg-type]
        published_split={str(k): float(v) for k, v in published_split.items()},
        published_countries=countries,
        result=result,
        drawn_km=drawn_km,
        split_km=split,
        countries=found,
        feats=feats,
        waypoint_count=len(waypoints),
    )


def _split_error(row: Row) -> tuple[float | None, str]:
    """Worst relative error of the scaled per-country split, and a short comparison."""
    if not row.published_split:
        return None, "-"
    scale = row.published_km / row.drawn_km
    worst = 0.0
    parts = []
    for code, published in row.published_split.items():
        key = "sea" if code.lower() in {"sea", "offshore"} else code
        scaled = row.split_km.get(key, 0.0) * scale
        if published > 0:
            worst = max(worst, abs(scaled / published - 1.0))
        parts.append(f"{key} {scaled:.0f}/{published:.0f}")
    return worst, " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Route every validation corridor, print the table, optionally save the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file", type=Path, default=_paths.data_dir() / "validation" / "corridors.yaml"
    )
    parser.add_argument("--write", action="store_true", help="save data/length_model.json")
    parser.add_argument("--ridge", type=float, default=2.0)
    args = parser.parse_args(argv)

    entries = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    rows = [_measure(e) for e in entries]
    feats = [r.feats for r in rows]
    drawn = [r.drawn_km for r in rows]
    built = [r.published_km for r in rows]
    bands = length_model.leave_one_out(feats, drawn, built, ridge=args.ridge)

    print(
        f"{'id':28} {'kind':8} {'acc':9} {'drawn':>6} {'LOO band':>13} {'pub':>6} {'in':3} "
        f"{'pub/drawn':>9} {'climb':>5} {'split err':>9} {'countries found':>17}  "
        "split (scaled/published)"
    )
    inside = splits_ok = countries_ok = 0
    for row, (low, high) in zip(rows, bands, strict=True):
        ok = low <= row.published_km <= high
        inside += ok
        worst, parts = _split_error(row)
        splits_ok += worst is None or worst <= 0.35
        same = sorted(row.countries) == sorted(row.published_countries)
        countries_ok += same
        print(
            f"{row.id[:28]:28} {row.kind:8} {row.result.route_accuracy:9} {row.drawn_km:6.0f} "
            f"{low:6.0f}–{high:6.0f} {row.published_km:6.0f} {'yes' if ok else 'NO':3} "
            f"{row.published_km / row.drawn_km:9.2f} {row.feats.climb_m_per_km:5.1f} "
            f"{'-' if worst is None else f'{worst:+.0%}':>9} "
            f"{'-'.join(row.countries) + (' ok' if same else ' NO'):>17}  {parts}"
        )
        for note in row.result.notes:
            print(f"{'':30}note: {note}")
    n = len(rows)
    print(
        f"\ninside LOO band: {inside}/{n}; countries exact: {countries_ok}/{n}; "
        f"per-country split within ±35%: {splits_ok}/{n}"
    )
    widths = [high / low for low, high in bands]
    print(f"band high/low: max {max(widths):.3f}, median {float(np.median(widths)):.3f}")

    if args.write:
        model = length_model.fit(feats, drawn, built, ridge=args.ridge, ids=[r.id for r in rows])
        target = _paths.data_dir() / "length_model.json"
        _atomic.write_text(target, model.to_json())
        print(f"wrote {target}: coef {[round(c, 4) for c in model.coef]}, band {model.band}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
