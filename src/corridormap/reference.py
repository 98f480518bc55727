"""Reference catalogues: authored, sourced layers of existing and proposed infrastructure.

No package ships the world's railways, roads and pipelines, so corridormap reads small
hand-written catalogues, one YAML file per region (``data/reference/<region>.yaml``; the
schema is in ``data/reference/README.md``).  :func:`load_catalogue` reads and validates
every file of a folder; :func:`match_reference` links a corridor found in text to the
catalogue feature it describes; :func:`apply_reference` redraws the corridor through that
feature's located points.

Matching is deliberately conservative, because a wrong match replaces a plausible route
with the geometry of another project.  A feature is a candidate only if

* it is a line (crossings are points and cannot carry a corridor) with at least two
  located points;
* its kind is compatible: the same kind, or a multimodal corridor on either side of a
  road or railway (pipelines and power lines only match their own kind);
* its countries fit: the corridor's end countries are the feature's end countries, and
  the corridor crosses no country the feature does not;

and then either both ends of the corridor lie near the feature's ends (within
:data:`END_KM` or :data:`END_SHARE` of the corridor's length, whichever is larger) with
exactly the feature's countries, or a quoted sentence contains one of the feature's
``aliases`` as whole words.  Among candidates, alias matches beat proximity alone, then
the one with more aliases quoted and the nearer ends wins.

Folders
-------
The bundled catalogue is ``data/reference``.  ``CORRIDORMAP_REFERENCE_DIR`` (one folder
or several joined by ``os.pathsep``) or the ``directory`` argument replaces it; to add a
region to the bundled ones, list both folders.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from corridormap import _paths
from corridormap.errors import DataError
from corridormap.model import Corridor, CorridorStatus, Waypoint
from corridormap.resolve import haversine_km
from corridormap.spec import (
    Loc,
    joined_problems,
    line_of,
    read_yaml_file,
    validation_problems,
)

__all__ = [
    "Catalogue",
    "ReferenceFeature",
    "apply_reference",
    "load_catalogue",
    "match_reference",
]

#: Ends within this many km of a feature's ends are near it ...
END_KM = 60.0
#: ... or within this share of the corridor's end-to-end distance, if that is more.
END_SHARE = 0.15
#: A feature point this close to a known border crossing is that crossing (the same
#: coordinate, give or take rounding; Khasan town is 1.5 km from its bridge).
CROSSING_KM = 0.5

ReferenceKind = Literal["road", "rail", "pipeline", "power", "multimodal", "crossing"]
Accuracy = Literal["traced", "stations", "schematic", "exact", "approximate", "unlocated"]
Basis = Literal["named", "likely", "proxy", "unlocated"]

_FAMILY = {"road": "land", "rail": "land", "multimodal": "land", "pipeline": "pipeline",
           "power": "power", "crossing": "crossing"}  # fmt: skip


def _as_text(value: Any) -> Any:
    # YAML reads an unquoted 2011-10-13 as a date and 1999 as an int; both are dates here.
    return value if isinstance(value, str) or value is None else str(value)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReferencePoint(_Model):
    """One point of a feature's geometry, in route order."""

    name: str = Field(min_length=1)
    lat: float | None = Field(ge=-90.0, le=90.0)
    lon: float | None = Field(ge=-180.0, le=180.0)
    basis: Basis
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _located_unless_unlocated(self) -> ReferencePoint:
        located = self.lat is not None and self.lon is not None
        if (self.lat is None) != (self.lon is None):
            raise ValueError(f"point {self.name!r}: give both lat and lon, or both null")
        if located == (self.basis == "unlocated"):
            raise ValueError(
                f"point {self.name!r}: basis 'unlocated' goes with lat/lon null, and only then"
            )
        if located and not self.source:
            raise ValueError(f"point {self.name!r}: a located point needs a `source`")
        return self

    @property
    def located(self) -> bool:
        """Whether the point has coordinates."""
        return self.lat is not None and self.lon is not None


class TimelineEvent(_Model):
    """A dated event in a feature's history."""

    date: Annotated[str, BeforeValidator(_as_text)]
    event: str


class ReferenceFeature(_Model):
    """One existing or proposed piece of infrastructure, with its sources."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    kind: ReferenceKind
    mode: Literal["road", "rail"] | None = None
    status: CorridorStatus
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(min_length=1)
    length_km: float | None = Field(default=None, gt=0)
    length_section: str | None = None
    geometry_type: Literal["line", "point"]
    geometry_accuracy: Accuracy
    geometry: list[ReferencePoint] = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)
    facts_ref: str | None = None
    confidence: Literal["H", "M", "L"]
    timeline: list[TimelineEvent] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ReferenceFeature:
        problems = []
        if self.mode is not None and self.kind != "crossing":
            problems.append("`mode` is for crossings only")
        if self.geometry_type == "point" and len(self.geometry) != 1:
            problems.append(f"a point feature has one point, not {len(self.geometry)}")
        if self.geometry_type == "line" and self.kind == "crossing":
            problems.append("a crossing is a point (geometry_type: point)")
        located = self.located_points
        if (self.geometry_accuracy == "unlocated") != (not located):
            problems.append(
                "geometry_accuracy 'unlocated' goes with no located point, and only then"
            )
        if self.length_km is not None and self.length_section is None and len(located) >= 2:
            chord = haversine_km(located[0].lat or 0, located[0].lon or 0,
                                 located[-1].lat or 0, located[-1].lon or 0)  # fmt: skip
            if self.length_km < chord * 0.99:
                problems.append(
                    f"length_km {self.length_km:g} is shorter than the {chord:.0f} km between "
                    "its first and last located points (give `length_section` if it covers "
                    "only part)"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def located_points(self) -> list[ReferencePoint]:
        """Points with coordinates, in route order."""
        return [p for p in self.geometry if p.located]

    @property
    def drawable(self) -> bool:
        """Whether the feature is a line with at least two located points."""
        return self.geometry_type == "line" and len(self.located_points) >= 2


class RegionFile(_Model):
    """One region file."""

    region: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    schema_version: Literal[1]
    crs: Literal["EPSG:4326"]
    facts_file: str | None = None
    description: str | None = None
    features: list[ReferenceFeature] = Field(min_length=1)


@dataclass(frozen=True)
class Catalogue:
    """Every feature of the loaded region files.

    Attributes
    ----------
    features : tuple of ReferenceFeature
    files : tuple of Path
        The region files read, in load order.
    origins : dict of str to str
        ``file:line`` where each feature (by id) is written.
    """

    features: tuple[ReferenceFeature, ...]
    files: tuple[Path, ...] = ()
    origins: Mapping[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[ReferenceFeature]:
        return iter(self.features)

    def __len__(self) -> int:
        return len(self.features)

    def get(self, feature_id: str) -> ReferenceFeature | None:
        """The feature with this id, if any."""
        return next((f for f in self.features if f.id == feature_id), None)

    @property
    def crossings(self) -> tuple[ReferenceFeature, ...]:
        """Point features of kind ``crossing`` with a coordinate."""
        return tuple(f for f in self.features if f.kind == "crossing" and f.located_points)


def reference_dirs(directory: Path | None = None) -> list[Path]:
    """Folders to read: the argument, else ``CORRIDORMAP_REFERENCE_DIR``, else the bundled one."""
    if directory is not None:
        return [Path(directory)]
    override = os.environ.get("CORRIDORMAP_REFERENCE_DIR")
    if override:
        return [Path(p) for p in override.split(os.pathsep) if p]
    return [_paths.data_dir() / "reference"]


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Read and validate every ``*.yaml`` region file of the reference folder(s).

    Parameters
    ----------
    directory : Path, optional
        A folder of region files; default: ``CORRIDORMAP_REFERENCE_DIR`` or the bundled
        ``data/reference``.

    Returns
    -------
    Catalogue

    Raises
    ------
    DataError
        If a folder is missing or holds no region file, or listing every problem of
        every file (invalid YAML, unknown keys, bad values, a ``region`` other than the
        file name, duplicate ids across files), each as ``file:line: field: message``.
    """
    problems: list[tuple[str, int, str]] = []
    features: list[ReferenceFeature] = []
    files: list[Path] = []
    seen: dict[str, str] = {}
    for folder in reference_dirs(directory):
        if not folder.is_dir():
            raise DataError(f"reference folder not found: {folder}")
        paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if not paths:
            raise DataError(f"no region files (*.yaml) in reference folder {folder}")
        for path in paths:
            try:
                loaded = _load_region(path)
            except DataError as exc:
                problems.append((str(path), 0, str(exc)))
                continue
            region, lines = loaded
            files.append(path)
            for k, feature in enumerate(region.features):
                here = f"{path}:{line_of(lines, ('features', k, 'id'))}"
                if feature.id in seen:
                    problems.append((str(path), line_of(lines, ("features", k, "id")),
                                     f"{here}: features[{k}].id: {feature.id!r} is also the id "
                                     f"of a feature at {seen[feature.id]}"))  # fmt: skip
                    continue
                seen[feature.id] = here
                features.append(feature)
    if problems:
        problems.sort(key=lambda p: (p[0], p[1]))
        texts = [p[2] for p in problems]
        if len(texts) == 1:
            raise DataError(texts[0])
        raise DataError(f"{len(texts)} problems in the reference catalogue:\n" + "\n".join(
            f"  {t}" for t in texts
        ))  # fmt: skip
    return Catalogue(tuple(features), tuple(files), seen)


def _load_region(path: Path) -> tuple[RegionFile, dict[Loc, int]]:
    data, lines = read_yaml_file(path, DataError)
    label = str(path)
    if not isinstance(data, dict):
        raise DataError(f"{label}:1: a region file is a mapping with `region` and `features`")
    try:
        region = RegionFile.model_validate(data)
    except ValidationError as exc:
        texts = validation_problems(exc, RegionFile, lines, label)
        raise DataError(joined_problems(texts, label)) from None
    if region.region != path.stem:
        line = line_of(lines, ("region",))
        raise DataError(f"{label}:{line}: region: {region.region!r} differs from the file "
                        f"name {path.stem!r}")  # fmt: skip
    return region, lines


# --------------------------------------------------------------------------- matching


def _kinds_fit(corridor_kind: str, feature_kind: str) -> bool:
    if _FAMILY[corridor_kind] != _FAMILY[feature_kind]:
        return False
    return corridor_kind == feature_kind or "multimodal" in (corridor_kind, feature_kind)


def _countries_fit(corridor: Corridor, feature: ReferenceFeature) -> bool:
    ours = list(corridor.allowed_countries)
    theirs = feature.countries
    if not ours:
        return False
    return {ours[0], ours[-1]} == {theirs[0], theirs[-1]} and set(ours) <= set(theirs)


def _normal(text: str) -> str:
    """Casefolded words joined by single spaces: dashes, slashes and quotes are gaps."""
    return " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).split())


def _spaced(char: str) -> bool:
    """Whether ``char`` belongs to a script that separates words with spaces."""
    name = unicodedata.name(char, "")
    return not name.startswith(("CJK", "HIRAGANA", "KATAKANA"))


def _alias_hits(corridor: Corridor, feature: ReferenceFeature) -> int:
    """How many of the feature's aliases the corridor's quotes contain as whole words."""
    quotes = [f" {_normal(e.quote)} " for e in corridor.evidence]
    if not quotes:
        return 0
    hits = 0
    for alias in feature.aliases:
        key = _normal(alias)
        if not key:
            continue
        # Scripts without spaces (Chinese, Japanese) have no word edges to require.
        needle = f" {key} " if _spaced(key[0]) and _spaced(key[-1]) else key
        if any(needle in q for q in quotes):
            hits += 1
    return hits


def _end_gap_km(corridor: Corridor, feature: ReferenceFeature) -> tuple[float, bool]:
    """Largest distance between a corridor end and the matching feature end, and whether
    the feature runs the other way."""
    a, b = corridor.waypoints[0], corridor.waypoints[-1]
    first, last = feature.located_points[0], feature.located_points[-1]

    def gap(p: Waypoint, q: ReferencePoint) -> float:
        return haversine_km(p.lat, p.lon, q.lat or 0.0, q.lon or 0.0)

    forward = max(gap(a, first), gap(b, last))
    backward = max(gap(a, last), gap(b, first))
    return (forward, False) if forward <= backward else (backward, True)


def match_reference(corridor: Corridor, catalogue: Catalogue) -> ReferenceFeature | None:
    """The catalogue feature a corridor describes, or ``None``.

    Parameters
    ----------
    corridor : Corridor
        With at least two waypoints.
    catalogue : Catalogue

    Returns
    -------
    ReferenceFeature or None
        See the module docstring for the rules; ``None`` when no feature fits them.
    """
    if len(corridor.waypoints) < 2:
        return None
    a, b = corridor.waypoints[0], corridor.waypoints[-1]
    near_km = max(END_KM, END_SHARE * haversine_km(a.lat, a.lon, b.lat, b.lon))
    best: tuple[tuple[int, int, float], ReferenceFeature] | None = None
    for feature in catalogue:
        if not feature.drawable or not _kinds_fit(corridor.kind, feature.kind):
            continue
        if not _countries_fit(corridor, feature):
            continue
        hits = _alias_hits(corridor, feature)
        gap, _ = _end_gap_km(corridor, feature)
        near = gap <= near_km and set(corridor.allowed_countries) == set(feature.countries)
        if not hits and not near:
            continue
        score = (1 if hits else 0, hits + (1 if near else 0), -gap)
        if best is None or score > best[0]:
            best = (score, feature)
    return best[1] if best is not None else None


def _crossing_at(point: ReferencePoint, crossings: Sequence[Waypoint]) -> Waypoint | None:
    lat, lon = point.lat or 0.0, point.lon or 0.0
    near = [c for c in crossings if haversine_km(lat, lon, c.lat, c.lon) <= CROSSING_KM]
    return min(near, key=lambda c: haversine_km(lat, lon, c.lat, c.lon)) if near else None


def _known_crossings(catalogue: Catalogue | None) -> list[Waypoint]:
    from corridormap.corridors import border_crossings

    known = list(border_crossings())
    for feature in catalogue.crossings if catalogue is not None else ():
        p = feature.located_points[0]
        code = "|".join(feature.countries)
        known.append(Waypoint(p.name, p.lat or 0.0, p.lon or 0.0, code, "crossing", "reference"))
    return known


def _countries_of(points: Sequence[ReferencePoint]) -> list[str | None]:
    from corridormap import boundaries

    try:
        return [boundaries.nearest_country(p.lat or 0.0, p.lon or 0.0) for p in points]
    except DataError:
        # Without boundary data the points keep no country; the corridor's allowed
        # countries (the feature's) still bound the route.
        return [None] * len(points)


def apply_reference(
    corridor: Corridor, feature: ReferenceFeature, *, catalogue: Catalogue | None = None
) -> Corridor:
    """Redraw a corridor through a reference feature's located points.

    Parameters
    ----------
    corridor : Corridor
    feature : ReferenceFeature
        Usually from :func:`match_reference`; needs at least two located points.
    catalogue : Catalogue, optional
        Its crossing features, like the curated crossings, turn the feature points they
        coincide with into ``role="crossing"`` waypoints joining both countries.

    Returns
    -------
    Corridor
        Waypoints: the feature's located points (unlocated ones are skipped), oriented
        like the corridor, anchored ``reference:<basis>``; ``allowed_countries``: the
        feature's, in the same orientation; ``geometry_source="reference"``;
        ``route_accuracy="traced"`` for a traced feature, else the corridor's (the
        router sets it); a published ``length_km`` fills ``stated_length_km`` when the
        text states none; ``notes`` name the feature, its file and sources.  Name,
        status and evidence stay the text's.

    Raises
    ------
    DataError
        If the feature has fewer than two located points.
    """
    points = feature.located_points
    if len(points) < 2 or feature.geometry_type != "line":
        raise DataError(f"reference feature {feature.id!r} has no line to draw "
                        f"({len(points)} located point(s))")  # fmt: skip
    countries = list(feature.countries)
    _, reverse = _end_gap_km(corridor, feature) if len(corridor.waypoints) >= 2 else (0.0, False)
    if reverse:
        points, countries = points[::-1], countries[::-1]
    crossings = _known_crossings(catalogue)
    codes = _countries_of(points)
    last = len(points) - 1
    waypoints = []
    for i, (point, code) in enumerate(zip(points, codes, strict=True)):
        crossing = _crossing_at(point, crossings) if 0 < i < last else None
        role = "crossing" if crossing else "start" if i == 0 else "end" if i == last else "via"
        waypoints.append(
            Waypoint(
                name=point.name,
                lat=point.lat or 0.0,
                lon=point.lon or 0.0,
                country_code=crossing.country_code if crossing else code,
                role=role,
                anchor=f"reference:{point.basis}",
            )
        )
    where = f"{catalogue.origins.get(feature.id, 'catalogue')}; " if catalogue is not None else ""
    notes = [f"drawn along reference feature {feature.id} ({feature.name}; {where}"
             f"geometry {feature.geometry_accuracy}, confidence {feature.confidence})"]  # fmt: skip
    skipped = len(feature.geometry) - len(feature.located_points)
    if skipped:
        notes.append(f"{skipped} unlocated point(s) of {feature.id} skipped")
    stated = corridor.stated_length_km
    if stated is None and feature.length_km is not None and feature.length_section is None:
        stated = feature.length_km
        notes.append(f"stated length {feature.length_km:g} km from reference {feature.id}")
    notes.extend(f"source: {s}" for s in feature.sources)
    traced = feature.geometry_accuracy == "traced"
    updated = replace(
        corridor,
        waypoints=tuple(waypoints),
        allowed_countries=tuple(dict.fromkeys(countries)),
        geometry_source="reference",
        route_accuracy="traced" if traced else corridor.route_accuracy,
        stated_length_km=stated,
        notes=(*corridor.notes, *notes),
    )
    return replace(updated, draw="straight" if traced else "route")
