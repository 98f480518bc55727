"""How long a drawn corridor is likely to be once built: a calibrated detour model.

A least-cost line over 2–9 km rasters is shorter than the real route: real lines follow
gorges, existing roads and land rights that such rasters cannot see.  The model predicts
the log of the ratio built length / drawn length as a linear function of

* the corridor's kind (one intercept each for road, rail and pipeline; power lines share
  the pipeline's, multimodal corridors the mean of road and rail);
* terrain ruggedness along the drawn line: metres climbed and descended per km, from
  pvlib's 5-arc-minute elevation, with one slope for roads (which wind round relief)
  and one for other kinds (railways and pipelines tunnel and cut through it);
* waypoint spacing on land: log of the drawn km per leg times the onshore share, since
  a line pinned by many waypoints has less room to be wrong, while an offshore line is
  laid straight however far apart its ends are;
* the share of the line offshore.

Coefficients are fitted by ridge regression (shrunk towards a common intercept, because
the calibration set has only a few corridors of each kind) on real corridors with
published lengths, ``data/validation/corridors.yaml``.  The band ``[low, high]`` is the
prediction times the smallest and largest leave-one-out residual ratios, widened or
narrowed to exactly ``high / low == MAX_BAND_RATIO`` (see :func:`_band`);
``benchmarks/validate_routes.py`` refits it and writes ``data/length_model.json``.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import numpy.typing as npt

from corridormap import _paths
from corridormap.errors import DataError

__all__ = [
    "MAX_BAND_RATIO",
    "Features",
    "LengthModel",
    "estimate_length",
    "features",
    "fit",
    "leave_one_out",
    "load_model",
]

#: The widest band the model may report: wider would tell a reader nothing.
MAX_BAND_RATIO = 1.4
_MODEL_FILE = "length_model.json"
_KINDS = ("road", "rail", "pipeline")
_FEATURES = ("road_climb", "other_climb", "onshore_log_km_per_leg", "offshore_share")


@dataclass(frozen=True)
class Features:
    """What the detour model knows about one drawn corridor."""

    kind: str
    climb_m_per_km: float
    log_km_per_leg: float
    offshore_share: float = 0.0

    def vector(self) -> npt.NDArray[np.float64]:
        """Design-matrix row: kind weights (road, rail, pipeline), then the terms.

        Terms: climb on roads, climb on other kinds (modern railways and pipelines
        tunnel or cut through terrain that a road winds round), log km per leg on
        land (offshore legs are laid straight however far apart their ends are),
        offshore share.
        """
        road, rail, pipe = _kind_weights(self.kind)
        onshore = 1.0 - self.offshore_share
        return np.array(
            [
                road,
                rail,
                pipe,
                self.climb_m_per_km * road,
                self.climb_m_per_km * (1.0 - road),
                self.log_km_per_leg * onshore,
                self.offshore_share,
            ],
            dtype=np.float64,
        )


def _kind_weights(kind: str) -> tuple[float, float, float]:
    if kind == "road":
        return (1.0, 0.0, 0.0)
    if kind == "rail":
        return (0.0, 1.0, 0.0)
    if kind == "multimodal":
        return (0.5, 0.5, 0.0)
    return (0.0, 0.0, 1.0)  # pipeline, power: straight-laid lines


def features(
    drawn_km: float,
    *,
    kind: str,
    coords: Sequence[tuple[float, float]],
    waypoint_count: int,
    offshore_km: float = 0.0,
) -> Features:
    """Compute the model's features for a drawn line.

    Parameters
    ----------
    drawn_km : float
        Geodesic length of the drawn line.
    kind : str
        Corridor kind.
    coords : sequence of (lon, lat)
        The drawn line; its elevation profile gives the ruggedness.
    waypoint_count : int
        Number of waypoints the line was drawn through (at least 2).
    offshore_km : float
        Length of the line at sea.
    """
    from corridormap import _raster

    legs = max(waypoint_count - 1, 1)
    km_per_leg = max(drawn_km, 1.0) / legs
    climb = 0.0
    if len(coords) >= 2 and drawn_km > 0:
        lons, lats = _densify(coords, spacing_km=2.0)
        heights = _raster.elevation(lons, lats)
        climb = float(np.abs(np.diff(heights)).sum()) / max(drawn_km, 1.0)
    return Features(
        kind=kind,
        climb_m_per_km=climb,
        log_km_per_leg=math.log(km_per_leg),
        offshore_share=min(max(offshore_km / max(drawn_km, 1.0), 0.0), 1.0),
    )


def _densify(
    coords: Sequence[tuple[float, float]], spacing_km: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    lons: list[float] = []
    lats: list[float] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        lons.append(x1)
        lats.append(y1)
        n = int(geod.inv(x1, y1, x2, y2)[2] / 1000.0 / spacing_km)
        if n > 1:
            for x, y in geod.npts(x1, y1, x2, y2, n - 1):
                lons.append(x)
                lats.append(y)
    lons.append(coords[-1][0])
    lats.append(coords[-1][1])
    return np.asarray(lons, dtype=np.float64), np.asarray(lats, dtype=np.float64)


@dataclass(frozen=True)
class LengthModel:
    """Fitted detour model: ``log(built / drawn) = coef · Features.vector()``.

    ``band`` holds the log-ratio offsets (low, high) added to the prediction.
    """

    coef: tuple[float, ...]
    band: tuple[float, float]
    ridge: float
    fitted_on: tuple[str, ...] = field(default=())
    loo_inside: int = 0
    loo_total: int = 0

    def predict(self, feats: Features) -> tuple[float, float, float]:
        """Ratios (low, central, high) of built to drawn length."""
        centre = float(np.dot(np.asarray(self.coef), feats.vector()))
        return (math.exp(centre + self.band[0]), math.exp(centre), math.exp(centre + self.band[1]))

    def to_json(self) -> str:
        """Serialise with the feature names, for ``data/length_model.json``."""
        payload = asdict(self)
        payload["columns"] = [*(f"kind_{k}" for k in _KINDS), *_FEATURES]
        payload["source"] = (
            "fitted by benchmarks/validate_routes.py --write on data/validation/corridors.yaml"
        )
        return json.dumps(payload, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LengthModel:
        """Inverse of :meth:`to_json`."""
        raw = json.loads(text)
        return cls(
            coef=tuple(float(v) for v in raw["coef"]),
            band=(float(raw["band"][0]), float(raw["band"][1])),
            ridge=float(raw["ridge"]),
            fitted_on=tuple(raw.get("fitted_on", ())),
            loo_inside=int(raw.get("loo_inside", 0)),
            loo_total=int(raw.get("loo_total", 0)),
        )


def _solve(
    rows: Sequence[Features], log_ratios: Sequence[float], ridge: float
) -> npt.NDArray[np.float64]:
    """Ridge least squares; kind intercepts shrink towards their common mean."""
    x = np.vstack([f.vector() for f in rows])
    y = np.asarray(log_ratios, dtype=np.float64)
    n_kinds = len(_KINDS)
    # Centre the features so the ridge penalty does not pull the intercepts around.
    means = x[:, n_kinds:].mean(axis=0)
    scales = x[:, n_kinds:].std(axis=0)
    scales[scales == 0] = 1.0
    xs = x.copy()
    xs[:, n_kinds:] = (x[:, n_kinds:] - means) / scales
    # Penalty: slopes towards 0; each kind intercept towards the mean intercept.
    k = xs.shape[1]
    penalty = np.eye(k)
    penalty[:n_kinds, :n_kinds] = np.eye(n_kinds) - 1.0 / n_kinds
    beta = np.linalg.solve(xs.T @ xs + ridge * penalty, xs.T @ y)
    # Undo the scaling so that coef · Features.vector() works on raw features.
    slopes = beta[n_kinds:] / scales
    intercepts = beta[:n_kinds] - float(slopes @ means)
    return np.concatenate([intercepts, slopes])


def fit(
    rows: Sequence[Features],
    drawn_km: Sequence[float],
    built_km: Sequence[float],
    *,
    ridge: float = 2.0,
    ids: Sequence[str] = (),
) -> LengthModel:
    """Fit the model, with its band from the leave-one-out residuals.

    Parameters
    ----------
    rows : sequence of Features
        One per calibration corridor.
    drawn_km, built_km : sequence of float
        Drawn and published lengths, in the same order.
    ridge : float
        Penalty strength on standardised features.
    ids : sequence of str
        Corridor ids, kept in the model for the record.

    Raises
    ------
    ValueError
        With fewer than three corridors.
    """
    if len(rows) < 3:
        raise ValueError(f"need at least 3 corridors to fit, got {len(rows)}")
    log_ratio = [math.log(b / d) for d, b in zip(drawn_km, built_km, strict=True)]
    residuals = []
    for i in range(len(rows)):
        keep = [j for j in range(len(rows)) if j != i]
        coef = _solve([rows[j] for j in keep], [log_ratio[j] for j in keep], ridge)
        residuals.append(log_ratio[i] - float(coef @ rows[i].vector()))
    band = _band(residuals)
    coef = _solve(rows, log_ratio, ridge)
    inside = sum(band[0] <= r <= band[1] for r in residuals)
    return LengthModel(
        coef=tuple(float(c) for c in coef),
        band=band,
        ridge=ridge,
        fitted_on=tuple(ids),
        loo_inside=int(inside),
        loo_total=len(rows),
    )


def _band(residuals: Sequence[float]) -> tuple[float, float]:
    """Log offsets (low, high) of the widest allowed band, placed on the residuals.

    When the residuals span less than ``MAX_BAND_RATIO``, the band covers them all and
    is widened equally on both sides to the allowed width: the range of ``n`` residuals
    understates where the next corridor's falls (outside it with probability
    ``2 / (n + 1)``), and a band no wider than the cap is still informative.  When they
    span more, the band keeps the cap and sits where it covers the most residuals.
    """
    r = np.sort(np.asarray(residuals, dtype=np.float64))
    low, high = float(r[0]), float(r[-1])
    cap = math.log(MAX_BAND_RATIO)
    if high - low <= cap:
        slack = (cap - (high - low)) / 2.0
        low, high = low - slack, high + slack
    else:
        # Too wide to be informative: keep the cap, centred where the most residuals fit.
        best = max(
            (float(start) for start in r),
            key=lambda s: int(((r >= s) & (r <= s + cap)).sum()),
        )
        low, high = best, best + cap
    return (low, high)


def leave_one_out(
    rows: Sequence[Features],
    drawn_km: Sequence[float],
    built_km: Sequence[float],
    *,
    ridge: float = 2.0,
) -> list[tuple[float, float]]:
    """For each corridor, the (low, high) km band of a model fitted without it.

    The band of the held-out model is itself estimated from the other corridors' own
    leave-one-out residuals, so the held-out corridor never informs its band.
    """
    bands = []
    for i in range(len(rows)):
        keep = [j for j in range(len(rows)) if j != i]
        model = fit(
            [rows[j] for j in keep],
            [drawn_km[j] for j in keep],
            [built_km[j] for j in keep],
            ridge=ridge,
        )
        low, _, high = model.predict(rows[i])
        bands.append((low * drawn_km[i], high * drawn_km[i]))
    return bands


#: Used when no fitted model is installed: the spread measured on seven real pipelines,
#: railways and roads (5–42% longer than drawn), centred, at the widest allowed band.
_PRIOR = LengthModel(
    coef=(0.2, 0.2, 0.15, 0.0, 0.0, 0.0, 0.0),
    band=(-math.log(MAX_BAND_RATIO) / 2.0, math.log(MAX_BAND_RATIO) / 2.0),
    ridge=0.0,
)


@functools.lru_cache(maxsize=1)
def load_model() -> LengthModel:
    """The fitted model from ``data/length_model.json``, or the prior without one.

    Raises
    ------
    DataError
        If the file exists but cannot be parsed.
    """
    path = _paths.data_dir() / _MODEL_FILE
    if not path.is_file():
        return _PRIOR
    try:
        return LengthModel.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read length model {path}: {exc}") from exc


def estimate_length(
    drawn_km: float,
    *,
    kind: str,
    coords: Sequence[tuple[float, float]],
    waypoint_count: int,
    offshore_km: float = 0.0,
    model: LengthModel | None = None,
) -> tuple[float, float]:
    """Likely built length ``(low, high)`` in km of a corridor drawn ``drawn_km`` long.

    Parameters
    ----------
    drawn_km : float
        Geodesic length of the drawn line.
    kind : str
        ``road``, ``rail``, ``pipeline``, ``power`` or ``multimodal``.
    coords : sequence of (lon, lat)
        The drawn line (for terrain ruggedness).
    waypoint_count : int
        Waypoints the line was drawn through.
    offshore_km : float
        Length of the drawn line at sea.
    model : LengthModel, optional
        Defaults to :func:`load_model`.

    Returns
    -------
    (float, float)
        ``low <= high`` and ``high / low <= MAX_BAND_RATIO``; ``(0, 0)`` for a
        zero-length line.
    """
    if drawn_km <= 0:
        return (0.0, 0.0)
    feats = features(
        drawn_km, kind=kind, coords=coords, waypoint_count=waypoint_count, offshore_km=offshore_km
    )
    low, _, high = (model or load_model()).predict(feats)
    # Whole kilometres: the band is an estimate, and rounding inward keeps the ratio
    # within MAX_BAND_RATIO despite floating point.
    low_km = math.ceil(low * drawn_km)
    high_km = max(low_km, min(math.floor(high * drawn_km), math.floor(low_km * MAX_BAND_RATIO)))
    return (float(low_km), float(high_km))
