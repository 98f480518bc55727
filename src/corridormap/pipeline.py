"""The one-call API: documents in, places, corridors and a map out.

:func:`analyze` runs every stage (documents → mentions → resolve → corridors → routing
→ analysis) and returns a :class:`Result`, which the CLI and notebooks share.  Tables
are built lazily, so ``corridormap places`` never imports geopandas.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corridormap.model import Corridor, Document, Mention, Place

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd

    from corridormap.analysis import RouteMeasures
    from corridormap.gazetteer import Gazetteer
    from corridormap.reference import Catalogue
    from corridormap.spec import Spec

log = logging.getLogger(__name__)

#: Largest towns per country considered for a corridor's nearby-places list.
NEARBY_TOWNS = 3000
#: A callback told how many documents are done out of how many.
Progress = Callable[[int, int], None]


def place_key(place: Place) -> str:
    """The identity of a place in place lists (its gazetteer id, else name and point)."""
    return place.source_id or f"{place.name}@{place.lat},{place.lon}"


def new_place_record(place: Place, confidence: float) -> dict[str, Any]:
    """An empty place-list record (no mentions counted yet) for ``place``."""
    return {
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature": place.feature,
        "population": place.population,
        "source_id": place.source_id,
        "confidence": confidence,
        "mention_count": 0,
        "surface_forms": [],
        "mentions": [],
    }


def mention_record(m: Mention) -> dict[str, Any]:
    """One mention in the ``places --format jsonl`` shape (DESIGN.md §6)."""
    place = m.place
    return {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "feature": place.feature if place else None,
        "confidence": m.confidence,
        "usage": m.usage,
    }


@dataclass
class DrawnCorridor:
    """A corridor with its drawn line and measures."""

    corridor: Corridor
    coords: tuple[tuple[float, float], ...]
    measures: RouteMeasures
    length_estimate_km: tuple[float, float] | None
    route_notes: tuple[str, ...] = ()

    def properties(
        self, titles: dict[str, str], compared: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """The contract's GeoJSON properties for this corridor (DESIGN.md §6).

        ``compared`` lists the corridors this one is an alternative to, or that are
        alternatives to it, with the differences in length and crossings.
        """
        c, m = self.corridor, self.measures
        return {
            "id": c.id,
            "name": c.name,
            "project": c.project,
            "kind": c.kind,
            "status": c.status,
            "countries": list(m.countries),
            "length_km": m.length_km,
            "length_estimate_km": list(self.length_estimate_km)
            if self.length_estimate_km
            else None,
            "length_by_country_km": m.length_by_country_km,
            "border_crossings": [b.as_dict() for b in m.border_crossings],
            "waypoints": [
                {
                    "name": w.name,
                    "lat": round(w.lat, 5),
                    "lon": round(w.lon, 5),
                    "country_code": w.country_code,
                    "role": w.role,
                    "anchor": w.anchor,
                }
                for w in c.waypoints
            ],
            "geometry_source": c.geometry_source,
            "route_accuracy": c.route_accuracy,
            "route_notes": list(self.route_notes),
            "chord_km": m.chord_km,
            "detour_ratio": m.detour_ratio,
            "stated_length_km": m.stated_length_km,
            "stated_ratio": m.stated_ratio,
            "stated_length_flag": m.stated_flag,
            "nearby_places": list(m.nearby_places),
            "subsea": c.subsea,
            "notes": list(c.notes),
            "alternative_of": c.alternative_of,
            "compared_with": compared or [],
            "evidence": [
                {
                    "doc": e.doc_id,
                    "doc_title": titles.get(e.doc_id, e.doc_id),
                    "start": e.start,
                    "end": e.end,
                    "quote": e.quote,
                    "date": e.date,
                }
                for e in c.evidence
            ],
        }


@dataclass
class Result:
    """What :func:`analyze` found.

    Attributes
    ----------
    documents : list of Document
    mention_list : list of Mention
        Every mention, resolved where possible, in document and text order.
    drawn : list of DrawnCorridor
        Corridors with their geometry and measures.
    """

    documents: list[Document]
    mention_list: list[Mention]
    drawn: list[DrawnCorridor] = field(default_factory=list)
    #: Width of the band around each corridor in which nearby places are listed.
    buffer_km: float = 25.0

    # ------------------------------------------------------------------ tables
    @property
    def titles(self) -> dict[str, str]:
        """Document id -> title."""
        return {d.id: d.title for d in self.documents}

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per mention: doc, offsets, text, sentence, resolved place."""
        import pandas as pd

        rows = [
            {
                "doc": m.doc_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "sentence": m.sentence,
                "usage": m.usage,
                "name": m.place.name if m.place else None,
                "lat": m.place.lat if m.place else None,
                "lon": m.place.lon if m.place else None,
                "country_code": m.place.country_code if m.place else None,
                "feature": m.place.feature if m.place else None,
                "confidence": m.confidence,
            }
            for m in self.mention_list
        ]
        columns = ["doc", "start", "end", "text", "sentence", "usage", "name", "lat", "lon",
                   "country_code", "feature", "confidence"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def place_records(self) -> list[dict[str, Any]]:
        """One record per distinct resolved place, with its mentions and quotes."""
        by_source: dict[str, dict[str, Any]] = {}
        docs = {d.id: d for d in self.documents}
        for m in self.mention_list:
            if m.place is None:
                continue
            key = place_key(m.place)
            record = by_source.get(key)
            if record is None:
                record = new_place_record(m.place, m.confidence)
                by_source[key] = record
            record["mention_count"] += 1
            record["confidence"] = max(record["confidence"], m.confidence)
            if m.text not in record["surface_forms"]:
                record["surface_forms"].append(m.text)
            doc = docs[m.doc_id]
            quote = doc.sentence_text(m.sentence) if m.sentence >= 0 else m.text
            entry = {"doc": m.doc_id, "doc_title": doc.title, "quote": quote}
            if entry not in record["mentions"]:
                record["mentions"].append(entry)
        return sorted(by_source.values(), key=lambda r: (-r["mention_count"], r["name"]))

    @property
    def places(self) -> gpd.GeoDataFrame:
        """One row per distinct place (EPSG:4326), most mentioned first."""
        import geopandas as gpd

        records = self.place_records()
        columns = ["name", "country_code", "feature", "population", "mention_count",
                   "confidence", "source_id", "surface_forms", "lat", "lon"]  # fmt: skip
        frame = gpd.GeoDataFrame(
            [{k: r[k] for k in columns} for r in records],
            columns=columns,
            geometry=gpd.points_from_xy([r["lon"] for r in records], [r["lat"] for r in records]),
            crs=4326,
        )
        return frame

    def corridors_geojson(self) -> dict[str, Any]:
        """The corridors as a GeoJSON FeatureCollection (the contract's shape)."""
        titles = self.titles
        compared = _comparisons(self.drawn)
        features = []
        for drawn in self.drawn:
            features.append(
                {
                    "type": "Feature",
                    "id": drawn.corridor.id,
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[round(x, 5), round(y, 5)] for x, y in drawn.coords],
                    },
                    "properties": drawn.properties(titles, compared.get(drawn.corridor.id)),
                }
            )
        return {"type": "FeatureCollection", "features": features}

    @property
    def corridors(self) -> gpd.GeoDataFrame:
        """One row per corridor with the contract's properties (EPSG:4326)."""
        import geopandas as gpd

        collection = self.corridors_geojson()
        columns = ["id", "name", "kind", "status", "countries", "length_km",
                   "length_estimate_km", "length_by_country_km", "border_crossings",
                   "waypoints", "geometry_source", "route_accuracy", "evidence"]  # fmt: skip
        if not collection["features"]:
            return gpd.GeoDataFrame(columns=[*columns, "geometry"], geometry="geometry", crs=4326)
        frame = gpd.GeoDataFrame.from_features(collection["features"], crs=4326)
        ordered = [c for c in columns if c in frame.columns]
        rest = [c for c in frame.columns if c not in ordered and c != "geometry"]
        return frame[[*ordered, *rest, "geometry"]]

    # ------------------------------------------------------------------ map
    def map(self, *, offline: bool = False, title: str = "corridormap") -> folium.Map:
        """The analytical map as a ``folium.Map`` (shows inline in Jupyter)."""
        from corridormap import render

        countries = _countries_geojson(self) if offline else None
        return render.build_map(
            self.corridors_geojson(),
            self.place_records(),
            title=title,
            offline=offline,
            countries=countries,
            buffers=self.buffers_geojson(),
        )

    def buffers_geojson(self) -> dict[str, Any]:
        """Polygons ``buffer_km`` around each drawn corridor (the "nearby" band)."""
        import shapely
        from pyproj import Transformer
        from shapely.geometry import LineString, mapping

        features = []
        for drawn in self.drawn:
            line = LineString(drawn.coords)
            centre = line.centroid
            # Buffer in an equidistant projection centred on the corridor, so the
            # band is the same width in km everywhere along it.
            aeqd = f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m"
            forward = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
            back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)

            projected = shapely.transform(line, functools.partial(_reproject, forward))
            band = projected.buffer(self.buffer_km * 1000.0)
            band = shapely.transform(band, functools.partial(_reproject, back))
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(band.simplify(0.01)),
                    "properties": {"name": drawn.corridor.name, "buffer_km": self.buffer_km},
                }
            )
        return {"type": "FeatureCollection", "features": features}

    def to_html(
        self, path: str | Path, *, offline: bool = False, title: str = "corridormap"
    ) -> Path:
        """Write the map as a standalone HTML file (atomically) and return its path."""
        from corridormap import render

        target = Path(path)
        render.write_map(self.map(offline=offline, title=title), target, offline=offline)
        return target


def _with_reference(
    corridors: list[Corridor], reference: bool | str | Path | Catalogue
) -> list[Corridor]:
    """Replace inferred waypoints by a matching catalogue feature's, where one matches."""
    from corridormap.reference import (
        Catalogue,
        apply_reference,
        load_catalogue,
        match_reference,
    )

    if isinstance(reference, Catalogue):
        catalogue = reference
    else:
        catalogue = load_catalogue(None if isinstance(reference, bool) else Path(reference))
    result = []
    for corridor in corridors:
        feature = match_reference(corridor, catalogue)
        result.append(
            corridor if feature is None else apply_reference(corridor, feature, catalogue=catalogue)
        )
    return result


def _reproject(transformer: Any, xy: Any) -> Any:
    """Apply a pyproj transformer to an (n, 2) coordinate array (for shapely.transform)."""
    import numpy as np

    return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))


def _comparisons(drawn: Sequence[DrawnCorridor]) -> dict[str, list[dict[str, Any]]]:
    """For each proposal/alternative pair, how the two routes differ (both directions).

    "Most trade ... must pass through China": the existing route is drawn too, and
    each side says how much longer it is and how many more borders it crosses.
    """
    by_id = {d.corridor.id: d for d in drawn}
    result: dict[str, list[dict[str, Any]]] = {}
    for d in drawn:
        other = by_id.get(d.corridor.alternative_of or "")
        if other is None:
            continue
        for this, that, relation in ((d, other, "alternative of"), (other, d, "has alternative")):
            result.setdefault(this.corridor.id, []).append(
                {
                    "id": that.corridor.id,
                    "name": that.corridor.name,
                    "relation": relation,
                    "length_difference_km": round(
                        this.measures.length_km - that.measures.length_km, 1
                    ),
                    "border_crossings_difference": len(this.measures.border_crossings)
                    - len(that.measures.border_crossings),
                    "countries": list(that.measures.countries),
                }
            )
    return result


def _countries_geojson(result: Result) -> dict[str, Any]:
    """Natural Earth outlines of the countries the result touches, plus neighbours."""
    import json

    from corridormap import boundaries

    table = boundaries.countries()
    codes: set[str] = set()
    for m in result.mention_list:
        if m.place and m.place.country_code:
            codes.add(m.place.country_code)
    for drawn in result.drawn:
        codes.update(drawn.measures.countries)
    subset = table if not codes else table[table["iso2"].isin(sorted(codes))]
    # Simplify for size: 0.01° (~1 km) is finer than the routes themselves.
    subset = subset.assign(geometry=subset.geometry.simplify(0.01, preserve_topology=True))
    data: dict[str, Any] = json.loads(subset.to_json(drop_id=True))
    return data


# --------------------------------------------------------------------------- stages


def _as_documents(inputs: Any, skip_bad_lines: bool) -> list[Document]:
    from corridormap.documents import read_inputs

    if isinstance(inputs, Document):
        return [inputs]
    if isinstance(inputs, list | tuple) and inputs and all(isinstance(d, Document) for d in inputs):
        return list(inputs)
    return list(read_inputs(inputs, skip_bad_lines=skip_bad_lines))


def find_places(
    docs: Sequence[Document],
    *,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> list[Mention]:
    """Recognise and resolve the places of every document (stages 2 and 3).

    Returns
    -------
    list of Mention
        Resolved mentions in document and text order.
    """
    from corridormap.gazetteer import Gazetteer
    from corridormap.mentions import MentionFinder
    from corridormap.resolve import Resolver

    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    finder = MentionFinder(gaz)
    resolver = Resolver(gaz)
    result: list[Mention] = []
    for k, doc in enumerate(docs):
        result.extend(resolver.resolve(doc, finder.find(doc)))
        if progress is not None:
            progress(k + 1, len(docs))
    return result


def draw_corridors(
    corridors: Iterable[Corridor],
    *,
    places: Sequence[Place] = (),
    routing: str = "terrain",
    buffer_km: float = 25.0,
) -> list[DrawnCorridor]:
    """Route and measure each corridor (stages 5 and 6).

    Parameters
    ----------
    corridors : iterable of Corridor
    places : sequence of Place
        Places for the "nearby" lists.
    routing : {"terrain", "schematic"}
        ``terrain`` draws least-cost routes; ``schematic`` joins the waypoints.
    buffer_km : float
        Distance for the nearby-places list.
    """
    from dataclasses import replace

    from corridormap import analysis, length_model
    from corridormap.corridors import border_crossings

    known_crossings = border_crossings()
    drawn: list[DrawnCorridor] = []
    for corridor in corridors:
        notes: tuple[str, ...] = ()
        accuracy = corridor.route_accuracy
        if corridor.route_accuracy == "traced":
            # A traced reference alignment: its vertices are the line.
            coords = analysis.schematic_line(corridor.waypoints)
        elif routing == "terrain" and corridor.draw == "route":
            from corridormap.routing import route

            routed = route(
                corridor.waypoints,
                kind=corridor.kind,
                allowed_countries=corridor.allowed_countries,
                subsea=corridor.subsea,
            )
            coords = routed.coords
            accuracy = routed.route_accuracy  # type: ignore[assignment]
            notes = routed.notes
            # A waypoint the router moved into its own country keeps its new point.
            corridor = replace(corridor, waypoints=routed.waypoints or corridor.waypoints)
        else:
            coords = analysis.schematic_line(corridor.waypoints)
            accuracy = "schematic"
        corridor = replace(corridor, route_accuracy=accuracy)
        measures = analysis.measure(
            coords,
            crossings=known_crossings,
            stated_length_km=corridor.stated_length_km,
            places=places,
            buffer_km=buffer_km,
        )
        estimate = length_model.estimate_length(
            measures.length_km,
            kind=corridor.kind,
            coords=coords,
            waypoint_count=len(corridor.waypoints),
            offshore_km=measures.length_by_country_km.get("sea", 0.0),
        )
        drawn.append(DrawnCorridor(corridor, tuple(coords), measures, estimate, notes))
    return drawn


def analyze(
    inputs: Any,
    *,
    routing: str = "terrain",
    buffer_km: float = 25.0,
    skip_bad_lines: bool = False,
    progress: Progress | None = None,
    gazetteer: Gazetteer | None = None,
    spec: str | Path | Spec | None = None,
    reference: bool | str | Path | Catalogue = True,
) -> Result:
    """Run the whole pipeline on some inputs.

    Parameters
    ----------
    inputs : path, URL, ``"-"``, Document, or a list of them
        Files (.txt .md .html .jsonl), directories, http(s) URLs or stdin.
    routing : {"terrain", "schematic"}
        How inferred corridors are drawn.
    buffer_km : float
        Distance from a corridor within which places are listed as nearby.
    skip_bad_lines : bool
        Skip malformed JSONL lines with a warning instead of failing.
    progress : callable, optional
        Called as ``progress(done, total)`` after each document.
    gazetteer : Gazetteer, optional
        A loaded gazetteer to reuse.
    spec : path or Spec, optional
        A corridor spec (YAML) that adds, corrects or hides corridors; it wins over
        everything extracted.  See :mod:`corridormap.spec`.
    reference : bool, path or Catalogue
        Match corridors against the reference catalogue (``data/reference/``, or a
        folder of your own region files); a match takes the catalogue's waypoints and
        says so (``geometry_source: reference``).  ``False`` turns it off.

    Returns
    -------
    Result

    Raises
    ------
    corridormap.errors.CorridormapError
        For unreadable inputs (``InputError``), missing data (``DataError``) and the
        like; the CLI prints these as one line.
    """
    from corridormap.corridors import find_corridors
    from corridormap.gazetteer import Gazetteer
    from corridormap.spec import Spec, load_spec

    # A bad spec fails before the expensive stages.
    loaded = spec if spec is None or isinstance(spec, Spec) else load_spec(spec)
    docs = _as_documents(inputs, skip_bad_lines)
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    mentions = find_places(docs, gazetteer=gaz, progress=progress)
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    drawn = finish_corridors(
        find_corridors(docs, by_doc, gaz),
        [m.place for m in mentions if m.place is not None],
        gazetteer=gaz,
        routing=routing,
        buffer_km=buffer_km,
        spec=loaded,
        reference=reference,
    )
    return Result(documents=docs, mention_list=mentions, drawn=drawn, buffer_km=buffer_km)


def finish_corridors(
    corridors: Sequence[Corridor],
    places: Iterable[Place],
    *,
    gazetteer: Gazetteer,
    routing: str = "terrain",
    buffer_km: float = 25.0,
    spec: Spec | None = None,
    reference: bool | str | Path | Catalogue = True,
) -> list[DrawnCorridor]:
    """From anchored corridors to drawn ones: the last stages of :func:`analyze`.

    Matches the reference catalogue, applies the spec (the user's word is last), pools
    the candidates for each corridor's "nearby places" (``places`` and the larger towns
    of every country a corridor may cross) and draws and measures every corridor.
    Corpus mode (:mod:`corridormap.scale`) ends with this step too.

    Parameters
    ----------
    corridors : sequence of Corridor
        Anchored corridors (:func:`corridormap.corridors.anchor_corridors`).
    places : iterable of Place
        The resolved places of the documents.
    gazetteer : Gazetteer
    routing, buffer_km, spec, reference
        As for :func:`analyze` (``spec`` already loaded).

    Returns
    -------
    list of DrawnCorridor
    """
    from corridormap.spec import apply_spec

    result = list(corridors)
    if reference is not False:
        result = _with_reference(result, reference)
    if spec is not None:
        result = apply_spec(result, spec, gazetteer)
    pool = list(places)
    for code in sorted({c for corridor in result for c in corridor.allowed_countries}):
        pool.extend(p for p in gazetteer.largest_places(code, NEARBY_TOWNS) if p.population >= 5000)
    return draw_corridors(result, places=pool, routing=routing, buffer_km=buffer_km)
