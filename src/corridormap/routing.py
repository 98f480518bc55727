"""Draw a corridor as a least-cost path over a terrain cost surface.

:func:`route` takes a corridor's ordered waypoints and the countries it may cross and
returns a line that visits every waypoint in order.  Each leg between two consecutive
waypoints is a least-cost path (``skimage.graph.MCP_Geometric``, 8-connected) over a
raster in an azimuthal equidistant projection centred on the corridor, so a step costs
the same number of metres in every direction near the corridor.

Cost surface (per unit of distance):

* land: ``1 + SLOPE_WEIGHT * grade + ALTITUDE_WEIGHT * km above ALTITUDE_FREE_M``,
  from pvlib's 5-arc-minute elevation; coarse, but enough to prefer valleys and coastal
  plains, and to go round a high range by its valleys rather than over its passes;
* lakes (GSHHS, wide rivers included): :data:`LAKE_COST`, so a route bridges a river
  but goes round a lake;
* sea: forbidden, except for pipelines, power cables and transport corridors with
  shipping legs (``subsea=True``), where
  sea and lakes cost :data:`SUBSEA_COST` (plus :data:`NEARSHORE_EXTRA` within
  :data:`NEARSHORE_M` of land, so a line lands on the open coast rather than threading
  a bay) and belong to no country (an island of a third country stays forbidden).
  Such a leg is also routed on land, and the offshore line is kept only if the land
  one costs :data:`_LANDFALL` times more: TAP crosses Greece and Albania on land and
  only the Adriatic at sea;
* land outside the leg's countries: forbidden.  A leg is first confined to the countries
  of its two ends (a crossing waypoint on a border brings both neighbours), then, if
  that has no path, to all of the corridor's countries.

A waypoint whose point lies just across the border from the country its place belongs
to is first moved up to 5 km into that country, and says so (:func:`route`).  A
waypoint that falls off usable land at the raster's scale (a port in a sea cell) is
joined to the nearest usable cell within 15 km.  Each leg is simplified (Douglas–Peucker
at half a cell, in the projection) with its two waypoints kept as exact vertices.

Resolution adapts to the corridor: the cell is about 1/350 of the waypoints' extent,
at least 2 km (the land mask is 2.3 km) and at most 25 km, with the cell count capped
so a 3,000 km corridor still routes in about a second.

A leg that has no path at all (a waypoint in open sea, an island without a bridge in
the data) is joined straight, said so in :attr:`RouteResult.notes`, and makes the
whole route ``"schematic"``: a route never claims more accuracy than its weakest leg.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from corridormap import _raster
from corridormap.errors import RoutingError
from corridormap.model import Waypoint

__all__ = ["LAKE_COST", "SLOPE_WEIGHT", "SUBSEA_COST", "RouteResult", "grid_for", "route"]

#: Extra cost per unit of grade (metres per metre) on land.  A 10% grade over a 9 km
#: cell triples the cost of crossing it, which bends routes into valleys without
#: sending them on long detours around every hill.
SLOPE_WEIGHT = 20.0
#: Cost of a lake cell for routes that may not go offshore: high enough to go round a
#: lake, low enough to bridge a river that the 2.3 km mask draws as a lake.
LAKE_COST = 25.0
#: Cost of a sea or lake cell for subsea lines: the same as flat land, because a line
#: the text calls subsea is meant to cross the water (TurkStream, Nord Stream, Medgaz
#: run straight across), not to creep along the coast.
SUBSEA_COST = 1.0

#: Extra cost per kilometre of altitude above :data:`ALTITUDE_FREE_M`.  The 9 km
#: elevation grid blurs a deep valley into a gentle slope, so slope alone lets a route
#: cut straight over a high range that a real road or railway goes round by the valleys
#: (the Karakoram Highway follows the Indus, not the passes above it); altitude is what
#: the coarse grid still sees.  At 4,500 m a cell costs 4 times flat lowland.
ALTITUDE_WEIGHT = 1.0
#: Altitude up to which building costs nothing extra (plateaus such as Ethiopia's or
#: the Anatolian one are crossed as they are).
ALTITUDE_FREE_M = 1_500.0
#: Water within this distance of land is the nearshore strip of a subsea line: shallow,
#: busy and often protected, crossed by the shortest way at a landfall rather than run
#: along.  A line therefore lands on the open coast instead of threading an enclosed
#: bay (Viking Link runs overland to the Lincolnshire coast instead of through the Wash).
NEARSHORE_M = 5_000.0
#: Extra cost of a nearshore water cell over :data:`SUBSEA_COST`.
NEARSHORE_EXTRA = 0.5
_MIN_CELL_M = 2_000.0
_MAX_CELL_M = 25_000.0
_CELLS_PER_EXTENT = 350.0
_MAX_CELLS = 600_000
_SNAP_M = 15_000.0
#: A waypoint whose point lies in another country than the one its place belongs to is
#: moved inside its own country if that is at most this far (a border town whose
#: gazetteer point falls across the border at Natural Earth's scale).
_INTO_COUNTRY_KM = 5.0
#: Kinds that may cross the sea when ``subsea=True``: pipelines and (HVDC) power cables
#: laid on the seabed, and transport corridors with shipping legs ("by sea").  Road and
#: rail cross water only on bridges and tunnels, which the raster cannot know about.
_OFFSHORE_KINDS = frozenset({"pipeline", "power", "multimodal"})
#: A subsea line goes offshore for a leg only if the land route costs this much more.
_LANDFALL = 1.5


@dataclass(frozen=True)
class RouteResult:
    """A drawn route.

    Attributes
    ----------
    coords : tuple of (lon, lat)
        Vertices in EPSG:4326, from the first waypoint to the last, every waypoint
        among them in order.
    route_accuracy : str
        ``"terrain"`` when every leg was drawn over the cost surface, ``"schematic"``
        when at least one leg was joined straight (``notes`` says which and why).
    notes : tuple of str
        Human-readable remarks: fallbacks taken, waypoints moved onto land.
    cell_km : float
        Raster cell size the route was drawn at (0 when nothing was routed).
    waypoints : tuple of Waypoint
        The waypoints as routed: those moved into their own country (see
        :func:`route`) carry their new point and say so in ``anchor``.
    """

    coords: tuple[tuple[float, float], ...]
    route_accuracy: str
    notes: tuple[str, ...]
    cell_km: float = 0.0
    waypoints: tuple[Waypoint, ...] = ()


def route(
    waypoints: Sequence[Waypoint],
    *,
    kind: str,
    allowed_countries: Sequence[str],
    subsea: bool = False,
) -> RouteResult:
    """Draw a plausible route through ``waypoints`` in order.

    A waypoint whose ``country_code`` names one country while its point lies in
    another (a border town's gazetteer point across the border at Natural Earth's
    scale) is first moved to the nearest point inside its own country, if that is
    within 5 km; the move is noted and added to the waypoint's ``anchor``.

    Parameters
    ----------
    waypoints : sequence of Waypoint
        At least two, in route order.  Border crossings should already be among them
        (``role="crossing"``), so that each leg stays in the countries of its ends.
    kind : str
        ``road``, ``rail``, ``pipeline``, ``power`` or ``multimodal``.  Only pipelines
        and power cables may go offshore, and only with ``subsea=True``.
    allowed_countries : sequence of str
        ISO alpha-2 codes the route may cross.  Empty means the waypoints' own countries.
    subsea : bool
        Let a pipeline or power cable cross sea and lakes (the text says subsea,
        offshore, or names a sea to cross), or a transport corridor take its shipping
        legs ("by sea").

    Returns
    -------
    RouteResult

    Raises
    ------
    RoutingError
        If fewer than two waypoints are given, or a coordinate is not a number or a
        latitude is beyond ±90°.  Anything else (a waypoint at sea, no land path) gives
        a route with a straight leg and a note instead.
    """
    if len(waypoints) < 2:
        raise RoutingError(f"a route needs at least two waypoints, got {len(waypoints)}")
    bad = [
        w
        for w in waypoints
        if not (math.isfinite(w.lat) and math.isfinite(w.lon) and -90.0 <= w.lat <= 90.0)
    ]
    if bad:
        listed = ", ".join(f"{w.name!r} ({w.lat!r}, {w.lon!r})" for w in bad)
        raise RoutingError(f"waypoints with invalid coordinates: {listed}")
    waypoints, notes = _into_own_countries(waypoints)
    lons = np.array([w.lon for w in waypoints], dtype=np.float64)
    lats = np.array([w.lat for w in waypoints], dtype=np.float64)
    ends = [(float(lon), float(lat)) for lon, lat in zip(lons, lats, strict=True)]
    offshore = subsea and kind in _OFFSHORE_KINDS
    codes = _allowed_codes(waypoints, allowed_countries)
    if not codes:
        why = "no allowed countries and no waypoint on land: joined straight"
        return _straight(ends, [*notes, why], waypoints)
    surface = _Surface.build(lons, lats, codes, offshore=offshore)
    if surface is None:
        return _straight(ends, [*notes, "waypoints coincide: nothing to route"], waypoints)

    coords: list[tuple[float, float]] = [ends[0]]
    schematic = False
    for i in range(len(waypoints) - 1):
        a, b = waypoints[i], waypoints[i + 1]
        sides = _leg_countries(a, b, codes)
        leg, leg_notes = surface.leg(a, b, ends[i], ends[i + 1], sides)
        if leg is None:
            schematic = True
            leg = [ends[i], ends[i + 1]]
            if subsea and not offshore:
                # A road or railway the text puts across water: a bridge or a tunnel.
                leg_notes.append("taken as a bridge or tunnel across the water")
        notes.extend(f"leg {i + 1} ({a.name} → {b.name}): {n}" for n in leg_notes)
        coords.extend(leg[1:])
    deduped = [coords[0]]
    for point in coords[1:]:
        if point != deduped[-1]:
            deduped.append(point)
    if len(deduped) < 2:
        deduped.append(deduped[0])
    return RouteResult(
        coords=tuple(deduped),
        route_accuracy="schematic" if schematic else "terrain",
        notes=tuple(notes),
        cell_km=surface.grid.cell / 1000.0,
        waypoints=tuple(waypoints),
    )


def _into_own_countries(waypoints: Sequence[Waypoint]) -> tuple[list[Waypoint], list[str]]:
    """Move waypoints lying just across the border from their own country into it.

    Only a waypoint with one country code whose point lies in another country is
    moved, and only by up to :data:`_INTO_COUNTRY_KM`; crossings (``"RU|KP"``), points
    at sea and points without a code stay where they are.
    """
    from dataclasses import replace

    from corridormap import boundaries

    moved: list[Waypoint] = []
    notes: list[str] = []
    for w in waypoints:
        code = (w.country_code or "").upper()
        found = boundaries.country_at(w.lat, w.lon) if code and "|" not in code else None
        inside = None
        if found is not None and found != code:
            inside = boundaries.point_inside(w.lat, w.lon, code, max_km=_INTO_COUNTRY_KM)
        if inside is None:
            moved.append(w)
            continue
        km = _geod_km(w.lon, w.lat, inside[1], inside[0])
        why = f"moved {km:.1f} km into {code}: its point lies in {found} at Natural Earth 1:10m"
        moved.append(replace(w, lat=inside[0], lon=inside[1], anchor=f"{w.anchor}; {why}"))
        notes.append(f"{w.name}: {why}")
    return moved, notes


def _geod_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    from pyproj import Geod

    return float(Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2]) / 1000.0


def _leg_countries(a: Waypoint, b: Waypoint, order: Sequence[str]) -> tuple[str, ...]:
    """Countries one leg should stay in, from the route's country order.

    A border crossing (``country_code`` ``"RU|KP"``) is left on its far side and
    reached on its near side, so the leg after the Friendship Bridge stays in North
    Korea instead of wandering back along the river; countries between the two sides
    in route order are included (a leg from Russia to a China–DPRK crossing crosses
    China).
    """

    def rank(code: str) -> int:
        return order.index(code) if code in order else -1

    def codes_of(w: Waypoint) -> list[str]:
        return [c for c in (w.country_code or "").upper().split("|") if c in order]

    leaving, arriving = codes_of(a), codes_of(b)
    if not leaving or not arriving:
        return ()
    lo = max(rank(c) for c in leaving)
    hi = min(rank(c) for c in arriving)
    if hi < lo:
        lo, hi = hi, lo
    return tuple(order[lo : hi + 1])


def _straight(
    ends: list[tuple[float, float]], notes: Sequence[str], waypoints: Sequence[Waypoint]
) -> RouteResult:
    return RouteResult(
        coords=tuple(ends),
        route_accuracy="schematic",
        notes=tuple(notes),
        waypoints=tuple(waypoints),
    )


def _allowed_codes(waypoints: Sequence[Waypoint], allowed: Sequence[str]) -> tuple[str, ...]:
    codes = [c.upper() for c in allowed if c]
    if not codes:
        from corridormap import boundaries

        for w in waypoints:
            code = w.country_code or boundaries.nearest_country(w.lat, w.lon)
            if code:
                codes.append(code.upper())
    return tuple(dict.fromkeys(codes))


def grid_for(lons: _raster.FloatArray, lats: _raster.FloatArray) -> _raster.Grid | None:
    """The raster a corridor through these points is routed on (``None`` if they coincide).

    The cell is about 1/350 of the points' extent in the projection, clamped to
    2–25 km and enlarged if the grid, with its margin for detours, would exceed
    600,000 cells.
    """
    lon0, lat0 = _raster.centre_of(lons, lats)
    probe = _raster.Grid(lon0, lat0, 0.0, 0.0, 1.0, 1, 1)
    xs, ys = probe.to_xy(lons, lats)
    width, height = float(np.ptp(xs)), float(np.ptp(ys))
    extent = math.hypot(width, height)
    if extent < 1.0:
        return None
    cell = min(max(extent / _CELLS_PER_EXTENT, _MIN_CELL_M), _MAX_CELL_M)
    # Room for detours around what lies between the waypoints (a bay, a range).
    margin = max(0.3 * max(width, height), 60_000.0)
    full_w, full_h = width + 2 * margin, height + 2 * margin
    if (full_w / cell) * (full_h / cell) > _MAX_CELLS:
        cell = math.sqrt(full_w * full_h / _MAX_CELLS)
    ncols = math.ceil(full_w / cell) + 1
    nrows = math.ceil(full_h / cell) + 1
    return _raster.Grid(
        lon0, lat0, float(xs.min()) - margin, float(ys.max()) + margin, cell, nrows, ncols
    )


def _near(mask: npt.NDArray[np.bool_], radius: float) -> npt.NDArray[np.bool_]:
    """Cells within ``radius`` cells (centre to centre) of a ``True`` cell of ``mask``."""
    k = math.floor(radius)
    out = mask.copy()
    rows, cols = mask.shape
    for dr in range(-k, k + 1):
        for dc in range(-k, k + 1):
            if (dr or dc) and dr * dr + dc * dc <= radius * radius:
                out[max(dr, 0) : rows + min(dr, 0), max(dc, 0) : cols + min(dc, 0)] |= mask[
                    max(-dr, 0) : rows + min(-dr, 0), max(-dc, 0) : cols + min(-dc, 0)
                ]
    return out


def _hugs_cut_edge(
    path: npt.NDArray[np.intp], window: tuple[int, int, int, int], shape: tuple[int, int]
) -> bool:
    """Whether a path found in ``window`` runs along an edge where the window cut the grid."""
    r0, c0, r1, c1 = window
    rows, cols = path[:, 0], path[:, 1]
    return bool(
        (r0 > 0 and (rows == 0).any())
        or (r1 < shape[0] and (rows == r1 - r0 - 1).any())
        or (c0 > 0 and (cols == 0).any())
        or (c1 < shape[1] and (cols == c1 - c0 - 1).any())
    )


@dataclass(frozen=True)
class _Path:
    cells: npt.NDArray[np.intp]
    cost: float


@dataclass
class _Surface:
    """The corridor's grid and the rasters every leg reads."""

    grid: _raster.Grid
    #: Country of each label id ``i`` is ``codes[i - 1]``; ids up to ``n_allowed`` are
    #: the corridor's countries, the rest are other countries in view.
    codes: tuple[str, ...]
    n_allowed: int
    labels: npt.NDArray[np.int16]
    land: npt.NDArray[np.uint8]
    #: Cost of crossing each cell over land: 1 + slope term.
    terrain: npt.NDArray[np.float64]
    offshore: bool
    #: Water cells within :data:`NEARSHORE_M` of land (only for offshore routes).
    nearshore: npt.NDArray[np.bool_] | None

    @classmethod
    def build(
        cls,
        lons: _raster.FloatArray,
        lats: _raster.FloatArray,
        codes: tuple[str, ...],
        *,
        offshore: bool,
    ) -> _Surface | None:
        grid = grid_for(lons, lats)
        if grid is None:
            return None
        cell_lons, cell_lats = grid.cell_lonlat()
        land = _raster.land_class(cell_lons.ravel(), cell_lats.ravel()).reshape(grid.shape)
        elev = _raster.elevation(cell_lons.ravel(), cell_lats.ravel()).reshape(grid.shape)
        grad_r, grad_c = np.gradient(elev, grid.cell)
        terrain = 1.0 + SLOPE_WEIGHT * np.hypot(grad_r, grad_c)
        terrain += ALTITUDE_WEIGHT * np.maximum(elev - ALTITUDE_FREE_M, 0.0) / 1000.0
        labels, label_codes = _raster.rasterize_countries(grid, codes, cell_lons, cell_lats)
        nearshore = _near(land == _raster.LAND, NEARSHORE_M / grid.cell) if offshore else None
        return cls(grid, label_codes, len(codes), labels, land, terrain, offshore, nearshore)

    def _countries_near(self, w: Waypoint, cell: tuple[int, int]) -> set[int]:
        """Label ids of the corridor's countries at or beside a waypoint."""
        k = max(2, math.ceil(6_000.0 / self.grid.cell))
        r, c = cell
        block = self.labels[max(r - k, 0) : r + k + 1, max(c - k, 0) : c + k + 1]
        found = {int(v) for v in np.unique(block) if 0 < v <= self.n_allowed}
        code = (w.country_code or "").upper()
        if code in self.codes[: self.n_allowed]:
            found.add(self.codes.index(code) + 1)
        return found

    def leg(
        self,
        a: Waypoint,
        b: Waypoint,
        end_a: tuple[float, float],
        end_b: tuple[float, float],
        sides: Sequence[str] = (),
    ) -> tuple[list[tuple[float, float]] | None, list[str]]:
        """Route one leg; ``None`` (with notes saying why) when it has no path.

        ``sides`` (see :func:`_leg_countries`) is tried first; then the countries at
        or beside the two ends; then every allowed country.
        """
        grid = self.grid
        xa, ya = grid.to_xy(np.array([end_a[0]]), np.array([end_a[1]]))
        xb, yb = grid.to_xy(np.array([end_b[0]]), np.array([end_b[1]]))
        pa, pb = (float(xa[0]), float(ya[0])), (float(xb[0]), float(yb[0]))
        ca, cb = grid.cell_of(*pa), grid.cell_of(*pb)
        if ca == cb:
            return [end_a, end_b], []
        notes: list[str] = []
        leg_ids = self._countries_near(a, ca) | self._countries_near(b, cb)
        every = set(range(1, self.n_allowed + 1))
        strict = {self.codes.index(c) + 1 for c in sides if c in self.codes[: self.n_allowed]}
        attempts: list[tuple[set[int], bool]] = []
        for ids in (strict, leg_ids):
            if ids and (ids, True) not in attempts:
                attempts += [(ids, True), (ids, False)]
        if leg_ids != every:
            attempts.append((every, False))
        for ids, windowed in attempts:
            found = self._least_cost(ids, ca, cb, windowed=windowed, wet=False)
            if self.offshore:
                wet = self._least_cost(ids, ca, cb, windowed=windowed, wet=True)
                # Go offshore only where it saves a lot: a subsea line still lands where
                # the land route is about as short (TAP crosses Greece on land).
                if wet is not None and (found is None or found.cost > _LANDFALL * wet.cost):
                    found = wet
            if found is None:
                continue
            if ids is every and leg_ids != every:
                notes.append("no path within the countries of its ends; used all allowed")
            return self._to_line(found.cells, pa, pb, end_a, end_b), notes
        notes.append("no path in the allowed countries: joined straight")
        return None, notes

    def _least_cost(
        self, ids: set[int], ca: tuple[int, int], cb: tuple[int, int], *, windowed: bool, wet: bool
    ) -> _Path | None:
        from skimage.graph import MCP_Geometric

        grid = self.grid
        if windowed:
            span = max(abs(ca[0] - cb[0]), abs(ca[1] - cb[1]))
            m = max(30, span // 2)
            r0, r1 = max(min(ca[0], cb[0]) - m, 0), min(max(ca[0], cb[0]) + m + 1, grid.nrows)
            c0, c1 = max(min(ca[1], cb[1]) - m, 0), min(max(ca[1], cb[1]) + m + 1, grid.ncols)
            if (r0, c0, r1, c1) == (0, 0, grid.nrows, grid.ncols):
                return None  # the unwindowed attempt that follows covers this
        else:
            r0, c0, r1, c1 = 0, 0, grid.nrows, grid.ncols
        land = self.land[r0:r1, c0:c1]
        labels = self.labels[r0:r1, c0:c1]
        cost = self.terrain[r0:r1, c0:c1].copy()
        usable = np.isin(labels, list(ids))
        if wet:
            water = land != _raster.LAND
            cost[water] = SUBSEA_COST
            if self.nearshore is not None:
                cost[water & self.nearshore[r0:r1, c0:c1]] = SUBSEA_COST + NEARSHORE_EXTRA
            # Open water belongs to no country; an island of a third country stays out.
            usable |= water & (labels == 0)
        else:
            cost[land == _raster.LAKE] = LAKE_COST
            cost[land == _raster.SEA] = np.inf
        cost[~usable] = np.inf
        start = self._snap(cost, (ca[0] - r0, ca[1] - c0))
        end = self._snap(cost, (cb[0] - r0, cb[1] - c0))
        if start is None or end is None:
            return None
        mcp = MCP_Geometric(cost, fully_connected=True)
        cumulative, _ = mcp.find_costs([start], [end])
        if not np.isfinite(cumulative[end]):
            return None
        path = np.asarray(mcp.traceback(end), dtype=np.intp)
        if windowed and _hugs_cut_edge(path, (r0, c0, r1, c1), grid.shape):
            # The window cut the path short of a better detour: retry on the whole grid.
            return None
        path[:, 0] += r0
        path[:, 1] += c0
        return _Path(path, float(cumulative[end]))

    def _snap(self, cost: npt.NDArray[np.float64], cell: tuple[int, int]) -> tuple[int, int] | None:
        """The passable cell nearest to ``cell`` within :data:`_SNAP_M`, if any."""
        if np.isfinite(cost[cell]):
            return cell
        k = max(2, math.ceil(_SNAP_M / self.grid.cell))
        r, c = cell
        r0, c0 = max(r - k, 0), max(c - k, 0)
        block = cost[r0 : r + k + 1, c0 : c + k + 1]
        rows, cols = np.nonzero(np.isfinite(block))
        if rows.size == 0:
            return None
        best = int(np.argmin((rows + r0 - r) ** 2 + (cols + c0 - c) ** 2))
        return (int(rows[best]) + r0, int(cols[best]) + c0)

    def _to_line(
        self,
        cells: npt.NDArray[np.intp],
        pa: tuple[float, float],
        pb: tuple[float, float],
        end_a: tuple[float, float],
        end_b: tuple[float, float],
    ) -> list[tuple[float, float]]:
        import shapely

        grid = self.grid
        xs, ys = grid.centres(cells[:, 0], cells[:, 1])
        # The end cells' centres are within half a cell of the waypoints (or of the spot
        # a sea waypoint was snapped to); the waypoint itself replaces its own cell.
        first = 1 if grid.cell_of(*pa) == tuple(cells[0]) else 0
        last = len(cells) - 1 if grid.cell_of(*pb) == tuple(cells[-1]) else len(cells)
        points = [pa, *zip(xs[first:last].tolist(), ys[first:last].tolist(), strict=True), pb]
        raw = shapely.LineString(points)
        reference = self._countries_along(raw)
        # Thin the staircase of cell centres, but never so much that the line cuts
        # across a bay or a border corner the cells went round: the measured countries
        # along the thinned line must match those along the cells.
        line = raw
        for tolerance in (grid.cell / 2.0, grid.cell / 4.0, grid.cell / 8.0):
            thinned = raw.simplify(tolerance, preserve_topology=False)
            if self._countries_along(thinned) == reference:
                line = thinned
                break
        inner = np.asarray(line.coords)[1:-1]
        lon, lat = grid.to_lonlat(inner[:, 0], inner[:, 1])
        return [end_a, *zip(lon.tolist(), lat.tolist(), strict=True), end_b]

    def _countries_along(self, line: Any) -> tuple[str | None, ...]:
        """Sequence of countries (``None`` for water) met along a projected line."""
        from corridormap import boundaries

        step = max(self.grid.cell / 4.0, 250.0)
        n = max(2, math.ceil(line.length / step) + 1)
        samples = line.interpolate(np.linspace(0.0, line.length, n))
        xs = np.array([p.x for p in samples])
        ys = np.array([p.y for p in samples])
        lon, lat = self.grid.to_lonlat(xs, ys)
        codes = boundaries.countries_at(lat.tolist(), lon.tolist())
        runs: list[str | None] = []
        for code in codes:
            if not runs or runs[-1] != code:
                runs.append(code)
        return tuple(runs)
