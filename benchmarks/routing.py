"""Time and memory of :func:`corridormap.routing.route` for corridors of growing length.

For each corridor (about 200, 800, 1,500 and 3,000 km of chord), prints:

* **cold**: a fresh interpreter that imports corridormap and routes once; the time of
  that first ``route`` call (which loads the boundaries, the land mask and the
  elevation window from disk caches) and the whole process's peak resident memory;
* **warm**: the median of three further calls in one process, with data loaded, and
  the peak of Python allocations during one call (tracemalloc).

Targets (issue 6): a 1,500 km corridor in at most 1 s warm and 3 s cold.  The disk
caches (boundaries GeoParquet, GSHHS bit planes) are built first so that "cold" means a
new process, not a first install.

Run: ``python benchmarks/routing.py``
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import tracemalloc

import numpy as np
from pyproj import Geod

from corridormap.model import Waypoint
from corridormap.routing import grid_for, route

#: (label, kind, allowed countries, [(name, lat, lon)]).
CORRIDORS: list[tuple[str, str, list[str], list[tuple[str, float, float]]]] = [
    (
        "Vienna–Budapest road",
        "road",
        ["AT", "HU"],
        [("Vienna", 48.2082, 16.3738), ("Győr", 47.6875, 17.6504), ("Budapest", 47.4979, 19.0402)],
    ),
    (
        "Paris–Lyon–Marseille–Nice rail",
        "rail",
        ["FR"],
        [
            ("Paris", 48.8566, 2.3522),
            ("Lyon", 45.7640, 4.8357),
            ("Marseille", 43.2965, 5.3698),
            ("Nice", 43.7102, 7.2620),
        ],
    ),
    (
        "Lisbon–Madrid–Barcelona–Lyon rail",
        "rail",
        ["PT", "ES", "FR"],
        [
            ("Lisbon", 38.7223, -9.1393),
            ("Madrid", 40.4168, -3.7038),
            ("Barcelona", 41.3874, 2.1686),
            ("Lyon", 45.7640, 4.8357),
        ],
    ),
    (
        "Paris–Berlin–Warsaw–Minsk–Moscow–N. Novgorod road",
        "road",
        ["FR", "BE", "DE", "PL", "BY", "RU"],
        [
            ("Paris", 48.8566, 2.3522),
            ("Berlin", 52.5200, 13.4050),
            ("Warsaw", 52.2297, 21.0122),
            ("Minsk", 53.9006, 27.5590),
            ("Moscow", 55.7558, 37.6173),
            ("Nizhny Novgorod", 56.3269, 44.0059),
        ],
    ),
]

_GEOD = Geod(ellps="WGS84")


def _waypoints(points: list[tuple[str, float, float]]) -> list[Waypoint]:
    return [Waypoint(name, lat, lon, None, "via") for name, lat, lon in points]


def _chord_km(points: list[tuple[str, float, float]]) -> float:
    lons = [p[2] for p in points]
    lats = [p[1] for p in points]
    return float(_GEOD.line_length(lons, lats)) / 1000.0


def _drawn_km(coords: tuple[tuple[float, float], ...]) -> float:
    return float(_GEOD.line_length([c[0] for c in coords], [c[1] for c in coords])) / 1000.0


_COLD = """
import json, resource, sys, time
t0 = time.perf_counter()
from corridormap.model import Waypoint
from corridormap.routing import grid_for, route
t1 = time.perf_counter()
spec = json.loads(sys.argv[1])
wps = [Waypoint(n, la, lo, None, "via") for n, la, lo in spec["points"]]
route(wps, kind=spec["kind"], allowed_countries=spec["allowed"])
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"imports": t1 - t0, "first_route": t2 - t1, "peak_rss_mb": peak}))
"""


def _cold(
    kind: str, allowed: list[str], points: list[tuple[str, float, float]]
) -> dict[str, float]:
    spec = json.dumps({"kind": kind, "allowed": allowed, "points": points})
    out = subprocess.run(
        [sys.executable, "-c", _COLD, spec], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Build the caches, then print one table row per corridor."""
    label, kind, allowed, points = CORRIDORS[0]
    route(_waypoints(points), kind=kind, allowed_countries=allowed)  # build disk caches

    header = (
        f"{'corridor':48} {'chord km':>8} {'drawn km':>8} {'cell km':>7} {'cells':>8} "
        f"{'warm s':>7} {'warm MB':>7} {'cold s':>7} {'imports s':>9} {'cold RSS MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for label, kind, allowed, points in CORRIDORS:
        wps = _waypoints(points)
        result = route(wps, kind=kind, allowed_countries=allowed)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            route(wps, kind=kind, allowed_countries=allowed)
            times.append(time.perf_counter() - t0)
        tracemalloc.start()
        route(wps, kind=kind, allowed_countries=allowed)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        cold = _cold(kind, allowed, points)
        cells = _cell_count(wps)
        print(
            f"{label:48} {_chord_km(points):8.0f} {_drawn_km(result.coords):8.0f} "
            f"{result.cell_km:7.2f} {cells:8d} {statistics.median(times):7.3f} "
            f"{peak / 2**20:7.1f} {cold['first_route']:7.3f} {cold['imports']:9.3f} "
            f"{cold['peak_rss_mb']:11.0f}"
        )


def _cell_count(wps: list[Waypoint]) -> int:
    grid = grid_for(np.array([w.lon for w in wps]), np.array([w.lat for w in wps]))
    return 0 if grid is None else grid.nrows * grid.ncols


if __name__ == "__main__":
    main()
